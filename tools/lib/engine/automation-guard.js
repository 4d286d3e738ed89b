// The offline check never starts the Pulumi CLI. A program can: the Automation API
// (`@pulumi/pulumi/automation`) runs `pulumi` for every stack operation (`cmd.js`,
// `PulumiCommand.get` runs `pulumi version`, `PulumiCommand.prototype.run` every other command),
// and `PulumiCommand.install` downloads https://get.pulumi.com/install.sh and runs it; a program
// can also run `pulumi up --yes` itself through `child_process`. Under the check either would use
// the user's credentials and backend for real ("Automation API drives the Pulumi CLI under the
// hood", https://www.pulumi.com/docs/iac/concepts/automation-api/). So, in the program's process:
//
// - `PulumiCommand.get`, `install`, `installPosix`, `installWindows` and `run` reject with an
//   `AutomationBlockedError` (code ERR_OFFLINE_AUTOMATION) and start nothing;
// - `child_process` spawn, spawnSync, exec, execSync, execFile and execFileSync throw that error
//   for a command whose basename is `pulumi` or `pulumi.exe` (for a shell command line, the first
//   word of each of its commands; for `sh -c <line>`, that line);
// - each refused call is recorded under the token `automation-blocked:<call>`, and each call the
//   program's own code makes of an Automation API entry point (`LocalWorkspace.createOrSelectStack`
//   ...) under `automation:<Class>.<method>`, with the program's line, so the check reports the
//   call wherever the program caught the refusal.
//
// One command is answered instead: `pulumi whoami` through execSync or execFileSync, which only
// prints the user the CLI is logged in as (./whoami-answer.js); the call is recorded under
// `cli-answered:<call>`, and the report names it.
"use strict";
const childProcess = require("child_process");
const Module = require("module");
const path = require("path");
const { callerStack } = require("./caller-stack");
const { isPulumi, whoamiOutput, whoamiRefusal, syncOutput } = require("./whoami-answer");

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
/** The token prefixes the check reads (hints-automation.ts). */
const CALL_SITE = "automation:";
const BLOCKED_SITE = "automation-blocked:";
const ANSWERED_SITE = "cli-answered:";
const ADVICE =
  "the Automation API is not run by the offline check: give the project its program belongs " +
  "to, --program <dir>";

class AutomationBlockedError extends Error {
  constructor(call) {
    super(`${ADVICE} (refused: ${call}, which would start the Pulumi CLI)`);
    this.name = "AutomationBlockedError";
    this.code = "ERR_OFFLINE_AUTOMATION";
  }
}

/** The entry points whose call the program's own code makes, by class. */
const ENTRY_POINTS = {
  LocalWorkspace: ["create", "createStack", "selectStack", "createOrSelectStack"],
  RemoteWorkspace: ["createStack", "selectStack", "createOrSelectStack"],
  Stack: ["create", "select", "createOrSelect"],
  RemoteStack: ["create", "select", "createOrSelect"],
};

const SHELLS = new Set([
  "sh",
  "bash",
  "dash",
  "zsh",
  "ksh",
  "ash",
  "cmd",
  "cmd.exe",
  "powershell",
  "pwsh",
]);

/** Whether a shell command line runs `pulumi` as one of its commands. */
function lineRunsPulumi(line) {
  if (typeof line !== "string") return false;
  return line.split(/&&|\|\||[;|&\n`]|\$\(/).some((part) => {
    const words = part
      .trim()
      .split(/\s+/)
      .filter((w) => !/^\w+=/.test(w) && w !== "(");
    const first = words[0] === "exec" || words[0] === "command" ? words[1] : words[0];
    return isPulumi(first);
  });
}

/** Whether `command args` (a file and its arguments, or a line for a shell) would run `pulumi`. */
function runsPulumi(command, args, shell) {
  if (shell) return lineRunsPulumi([command, ...(Array.isArray(args) ? args : [])].join(" "));
  if (isPulumi(command)) return true;
  if (
    typeof command === "string" &&
    SHELLS.has(path.basename(command).toLowerCase()) &&
    Array.isArray(args)
  ) {
    const at = args.findIndex((a) => a === "-c" || a === "/c" || a === "-Command");
    if (at >= 0) return lineRunsPulumi(args.slice(at + 1).join(" "));
  }
  return false;
}

/**
 * The program's line in the stack of a call of `fn` (frames above `fn` left out), read by
 * `programFrame`; with `direct`, only when `fn`'s caller is itself the program's code (not the
 * SDK calling its own entry point).
 */
function callSiteOf(fn, programFrame, direct) {
  // This file's own frames (an entry point's wrapper under a refused call) are not the program's.
  const stack = String(callerStack(fn))
    .split("\n")
    .filter((l) => !l.includes(__filename))
    .join("\n");
  if (direct) {
    const first = stack.split("\n")[1] || "";
    if (first.includes(NODE_MODULES) || first.includes("(node:")) return undefined;
  }
  return programFrame(stack);
}

/**
 * Makes the Automation API and `child_process` unable to start the Pulumi CLI in this process;
 * `appendSite` records a call, `programFrame` reads the program's line from a stack. Returns the
 * wrappers for the Automation API's modules, which the preload applies as they load.
 */
function guardAutomation(appendSite, programFrame) {
  const programCallSite = (fn, direct) => callSiteOf(fn, programFrame, direct);
  const blocked = (call, site) => {
    appendSite({ token: `${BLOCKED_SITE}${call}`, ...(site || {}) });
    return new AutomationBlockedError(call);
  };
  const answered = (call, site) =>
    appendSite({ token: `${ANSWERED_SITE}${call}`, ...(site || {}) });

  // child_process: the forms that take (file, args?, options?) and those that take a shell line.
  const shown = (command, args) =>
    [command, ...(Array.isArray(args) ? args : [])].join(" ").slice(0, 120);
  for (const name of ["spawn", "spawnSync", "execFile", "execFileSync"]) {
    const original = childProcess[name];
    if (typeof original !== "function") continue;
    const wrapper = function (command, args, options) {
      const opts = Array.isArray(args) ? options : args;
      const shell = !!(opts && typeof opts === "object" && opts.shell);
      const argv = Array.isArray(args) ? args : [];
      // With a shell, Node runs the file and its arguments joined into one line; without one, the
      // CLI gets the arguments as they are.
      const [asCommand, asArgs] = shell
        ? [[command, ...argv].join(" "), undefined]
        : [command, argv];
      const whoami = name === "execFileSync" ? whoamiOutput(asCommand, asArgs) : undefined;
      if (whoami !== undefined) {
        answered(`${name}("${shown(command, args)}")`, programCallSite(wrapper));
        return syncOutput(whoami, opts);
      }
      const refused = name === "execFileSync" && !shell ? whoamiRefusal(command, argv) : undefined;
      if (refused) throw refused;
      if (runsPulumi(command, Array.isArray(args) ? args : [], shell))
        throw blocked(`${name}("${shown(command, args)}")`, programCallSite(wrapper));
      return original.apply(this, arguments);
    };
    childProcess[name] = wrapper;
  }
  for (const name of ["exec", "execSync"]) {
    const original = childProcess[name];
    if (typeof original !== "function") continue;
    const wrapper = function (command, options) {
      const whoami = name === "execSync" ? whoamiOutput(command) : undefined;
      if (whoami !== undefined) {
        answered(`${name}("${shown(command)}")`, programCallSite(wrapper));
        return syncOutput(whoami, options);
      }
      const refused = name === "execSync" ? whoamiRefusal(command) : undefined;
      if (refused) throw refused;
      if (lineRunsPulumi(command))
        throw blocked(`${name}("${shown(command)}")`, programCallSite(wrapper));
      return original.apply(this, arguments);
    };
    childProcess[name] = wrapper;
  }
  // ES modules import the built-in's named exports: make them the guarded functions too.
  if (typeof Module.syncBuiltinESMExports === "function") Module.syncBuiltinESMExports();

  /** Refuses every way `cmd.js` starts the CLI or its installer. */
  function guardCommand(exports) {
    const cls = exports && exports.PulumiCommand;
    if (typeof cls !== "function") return;
    for (const name of ["get", "install", "installPosix", "installWindows"]) {
      if (typeof cls[name] !== "function") continue;
      const wrapper = function () {
        return Promise.reject(blocked(`PulumiCommand.${name}`, programCallSite(wrapper)));
      };
      cls[name] = wrapper;
    }
    if (cls.prototype && typeof cls.prototype.run === "function") {
      cls.prototype.run = function run(args) {
        const shownArgs = Array.isArray(args) ? args.filter((a) => a !== "--non-interactive") : [];
        const call = `pulumi ${shownArgs.join(" ")}`.trim().slice(0, 120);
        return Promise.reject(blocked(call, programCallSite(run)));
      };
    }
  }

  /** Records the program's own calls of the Automation API's entry points in `exports`. */
  function recordEntryPoints(exports) {
    for (const [cls, methods] of Object.entries(ENTRY_POINTS)) {
      const target = exports && exports[cls];
      if (typeof target !== "function") continue;
      for (const method of methods) {
        const original = target[method];
        if (typeof original !== "function") continue;
        const wrapper = function () {
          const site = programCallSite(wrapper, true);
          if (site) appendSite({ token: `${CALL_SITE}${cls}.${method}`, ...site });
          return original.apply(this, arguments);
        };
        target[method] = wrapper;
      }
    }
  }

  return { guardCommand, recordEntryPoints };
}

/** The Automation API's modules (`/x/automation` before SDK 3) whose exports the preload wraps. */
const AUTOMATION_DIRS = [
  path.join("@pulumi", "pulumi", "automation") + path.sep,
  path.join("@pulumi", "pulumi", "x", "automation") + path.sep,
];
const isAutomationModule = (filename, base) =>
  AUTOMATION_DIRS.some((d) => filename.endsWith(d + base));

module.exports = {
  guardAutomation,
  isAutomationModule,
  AutomationBlockedError,
};
