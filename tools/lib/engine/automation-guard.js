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
// prints the user the CLI is logged in as ("Displays the username of the currently logged in
// user", https://www.pulumi.com/docs/iac/cli/commands/pulumi_whoami/). Under `pulumi preview` the
// CLI running the program is logged in, so the command succeeds there (a program tags its
// resources with who created them); refusing it as a deployment would stop a program `pulumi
// preview` runs. The check prints what the CLI prints for WHOAMI_USER, with its flags `--json`
// / `-j` and `--verbose` / `-v` as pulumi/pulumi pkg/cmd/pulumi/whoami.go formats them (`--json`
// first: the `WhoAmIJSON` struct, indented by two spaces with a newline, as `fprintJSON` writes
// it; `--verbose`: the User, Organizations, Backend URL and Token type lines) for a user logged in
// to Pulumi Cloud with a personal token (no `tokenInformation`), its own organization its only
// one, records the call under `cli-answered:<call>`, and the report names it. The flags are read
// as cobra parses them (`-jv`, `--json=false`), the CLI's global flags too, before or after
// `whoami` (`--non-interactive`, `--color never`, `-C dir`: pkg/cmd/pulumi/pulumi.go), none of
// which changes what whoami prints; any other flag or word (`--tracing`, `-v=9`, which whoami's own
// boolean `-v` refuses, an argument) is refused with an error that says the form is not answered
// offline (`whoamiRefusal`), not as a deployment.
"use strict";
const childProcess = require("child_process");
const Module = require("module");
const path = require("path");
const { callerStack } = require("./caller-stack");

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
/** The token prefixes the check reads (hints-automation.ts). */
const CALL_SITE = "automation:";
const BLOCKED_SITE = "automation-blocked:";
const ANSWERED_SITE = "cli-answered:";
/** The user `pulumi whoami` prints under the check: the CLI has no login here. */
const WHOAMI_USER = "offline-check-user";
/** Its backend URL: Pulumi Cloud's console page of the user (pkg/backend/httpstate/backend.go URL). */
const WHOAMI_URL = `https://app.pulumi.com/${WHOAMI_USER}`;
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

function isPulumi(command) {
  if (typeof command !== "string") return false;
  const base = command
    .replace(/^["']|["']$/g, "")
    .split(/[\\/]/)
    .pop()
    .toLowerCase();
  return base === "pulumi" || base === "pulumi.exe";
}

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

/** The values a boolean flag takes after `=` (pflag, Go's strconv.ParseBool). */
const BOOLS = {
  ...Object.fromEntries(["1", "t", "T", "TRUE", "true", "True"].map((v) => [v, true])),
  ...Object.fromEntries(["0", "f", "F", "FALSE", "false", "False"].map((v) => [v, false])),
};
/** A value pflag's int flag takes (Go's strconv.ParseInt with base 0, the common forms). */
const isInt = (v) => /^[+-]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|[1-9][0-9]*)$/.test(v);
/** `--color`'s values (sdk/go/common/util/cmdutil, `SetGlobalColorization`). */
const isColor = (v) => ["auto", "always", "never", "raw"].includes(v);

/**
 * The flags a `pulumi whoami` line may carry, as pulumi/pulumi pkg/cmd/pulumi/pulumi.go (the root's
 * persistent flags) and whoami.go (its own) declare them: `kind` bool, int or string (with the
 * values it accepts), `answer` the whoami flag it sets. whoami's own `--verbose` / `-v` (bool)
 * takes the place of the root's int `--verbose` / `-v` (cobra merges the persistent flags into a
 * command's own, and a name the command declares itself wins), so `-v=9` fails there as in the CLI.
 * None of the others changes what whoami prints: `--cwd` / `-C` only changes the directory first,
 * `--color` the colouring (whoami prints none), the logging ones what goes to log files or stderr.
 * `--tracing`, `--profiling` and `--tracing-header` send traces or write profiles, which the check
 * does not: not answered.
 */
const WHOAMI_FLAGS = {
  json: { short: "j", kind: "bool", answer: "json" },
  verbose: { short: "v", kind: "bool", answer: "verbose" },
  cwd: { short: "C", kind: "string", valid: (v) => v !== "" },
  emoji: { short: "e", kind: "bool" },
  "disable-integrity-checking": { kind: "bool" },
  logflow: { kind: "bool" },
  logtostderr: { kind: "bool" },
  "non-interactive": { kind: "bool" },
  memprofilerate: { kind: "int" },
  color: { kind: "string", valid: isColor },
  // Taken with their values, and refused.
  tracing: { kind: "string", valid: () => false },
  profiling: { kind: "string", valid: () => false },
  "tracing-header": { kind: "string", valid: () => false },
};
const WHOAMI_SHORT = Object.fromEntries(
  Object.entries(WHOAMI_FLAGS).flatMap(([name, f]) => (f.short ? [[f.short, name]] : [])),
);

/** Whether `value` is one flag `f` accepts. */
function accepts(f, value) {
  if (f.kind === "bool") return value in BOOLS;
  if (f.kind === "int") return isInt(value);
  return f.valid ? f.valid(value) : true;
}

/**
 * The flags of the words after `pulumi` (global flags first, then `whoami`, then any flag) as
 * cobra (spf13/pflag) parses them: `--name`, `--name=<v>`, `--name <v>` for a flag that takes a
 * value, `-j`, `-j=<bool>`, shorthands run together (`-jv`, `-vj=false`, `-C<dir>`, `-jC <dir>`).
 * Gives `{ json, verbose }`, or a string naming the first word the check does not answer (a flag
 * whoami does not take, a value it refuses, an argument, which whoami refuses), or undefined when
 * the words are no `whoami` command.
 */
function whoamiFlags(words) {
  const flags = { json: false, verbose: false };
  let command;
  let refused;
  const refuse = (w) => (refused ??= w);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    /** Sets flag `name` to `value`; false when whoami does not take it so. */
    const set = (name, value) => {
      const f = WHOAMI_FLAGS[name];
      if (!f || value === undefined || !accepts(f, value)) return false;
      if (f.answer) flags[f.answer] = BOOLS[value];
      return true;
    };
    const long = /^--([^=]+)(?:=(.*))?$/s.exec(w);
    if (long) {
      const f = WHOAMI_FLAGS[long[1]];
      const value = long[2] ?? (f && f.kind !== "bool" ? words[++i] : "true");
      if (!set(long[1], value)) refuse(w);
      continue;
    }
    if (/^-[^-]/.test(w)) {
      let rest = w.slice(1);
      while (rest.length > 0) {
        const name = WHOAMI_SHORT[rest[0]];
        const f = name && WHOAMI_FLAGS[name];
        let value = "true";
        if (rest[1] === "=") value = rest.slice(2);
        else if (f && f.kind !== "bool") value = rest.length > 1 ? rest.slice(1) : words[++i];
        if (!set(name, value)) {
          refuse(w);
          break;
        }
        rest = value === "true" && rest[1] !== "=" && f.kind === "bool" ? rest.slice(1) : "";
      }
      continue;
    }
    if (command) return refused ?? w;
    if (w !== "whoami") return undefined;
    command = w;
  }
  return command ? (refused ?? flags) : undefined;
}

/** The words after `pulumi` of a shell command line that runs `pulumi` alone; undefined otherwise. */
function whoamiWords(line) {
  if (typeof line !== "string" || /[;&|`\n<>]|\$\(/.test(line)) return undefined;
  const words = line.trim().split(/\s+/);
  if (words.length < 2 || !isPulumi(words[0])) return undefined;
  return words.slice(1);
}

/**
 * What the CLI prints for a shell command line that is `pulumi whoami` with at most its `--json`
 * and `--verbose` flags in any form cobra accepts (`whoamiFlags`) and no other word or command;
 * undefined for any other.
 */
function whoamiOutput(line) {
  const words = whoamiWords(line);
  const flags = words && whoamiFlags(words);
  if (!flags || typeof flags === "string") return undefined;
  if (flags.json) {
    const who = { user: WHOAMI_USER, organizations: [WHOAMI_USER], url: WHOAMI_URL };
    return `${JSON.stringify(who, null, 2)}\n`;
  }
  if (flags.verbose)
    return (
      `User: ${WHOAMI_USER}\nOrganizations: ${WHOAMI_USER}\nBackend URL: ${WHOAMI_URL}\n` +
      "Token type: personal\n"
    );
  return `${WHOAMI_USER}\n`;
}

/**
 * For a `pulumi whoami` line the check does not answer (`whoamiFlags`: a global flag, an
 * argument), the error that says so: `pulumi preview` runs it with the CLI's own login, which
 * the check does not have. Undefined for any other line.
 */
function whoamiRefusal(line) {
  const words = whoamiWords(line);
  const word = words && whoamiFlags(words);
  if (typeof word !== "string") return undefined;
  const e = new Error(
    `\`${line.trim().slice(0, 120)}\` is not answered by the offline check: it answers ` +
      "`pulumi whoami` with its --json (-j) and --verbose (-v) and the CLI's global flags but " +
      "--tracing, --profiling and --tracing-header, in the forms the CLI accepts (-jv, " +
      `--json=true, -C dir, --color=never), not ${JSON.stringify(word)}; run it without that ` +
      "word, or give the user another way (a config value)",
  );
  e.code = "ERR_OFFLINE_WHOAMI_FORM";
  return e;
}

/** What execSync or execFileSync returns for output `text`: a string when asked for an encoding. */
function syncOutput(text, options) {
  const encoding = options && typeof options === "object" ? options.encoding : undefined;
  return typeof encoding === "string" && encoding !== "buffer"
    ? Buffer.from(text).toString(encoding)
    : Buffer.from(text);
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
      const line = [command, ...(Array.isArray(args) ? args : [])].join(" ");
      const whoami = name === "execFileSync" ? whoamiOutput(line) : undefined;
      if (whoami !== undefined) {
        answered(`${name}("${shown(command, args)}")`, programCallSite(wrapper));
        return syncOutput(whoami, opts);
      }
      const refused = name === "execFileSync" && !shell ? whoamiRefusal(line) : undefined;
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
  WHOAMI_USER,
  WHOAMI_URL,
  whoamiOutput,
  whoamiRefusal,
};
