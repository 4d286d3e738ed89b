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
// one. The flags are read
// as cobra parses them (`-jv`, `--json=false`), the CLI's global flags too, before or after
// `whoami` (`--non-interactive`, `--color never`, `-C dir`: pkg/cmd/pulumi/pulumi.go), none of
// which changes what whoami prints; any other flag or word (`--tracing`, `-v=9`, which whoami's own
// boolean `-v` refuses, an argument) is refused with an error that says the form is not answered
// offline (`whoamiRefusal`), not as a deployment. `--` ends the flags, as pflag ends them there:
// `pulumi whoami --` is answered, a word after it is an argument whoami refuses. A command given
// as a file and its arguments (execFileSync without a shell) is read from those arguments as they
// are, so `-C "my dir"` is one value, not two words.
"use strict";

/** The user `pulumi whoami` prints under the check: the CLI has no login here. */
const WHOAMI_USER = "offline-check-user";
/** Its backend URL: Pulumi Cloud's console page of the user (pkg/backend/httpstate/backend.go URL). */
const WHOAMI_URL = `https://app.pulumi.com/${WHOAMI_USER}`;
/** Whether `command` names the Pulumi CLI: its basename is `pulumi` or `pulumi.exe`. */
function isPulumi(command) {
  if (typeof command !== "string") return false;
  const base = command
    .replace(/^["']|["']$/g, "")
    .split(/[\\/]/)
    .pop()
    .toLowerCase();
  return base === "pulumi" || base === "pulumi.exe";
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
 * value, `-j`, `-j=<bool>`, shorthands run together (`-jv`, `-vj=false`, `-C<dir>`, `-jC <dir>`);
 * `--` ends the flags (pflag's parseArgs; cobra's stripFlags stops looking for the command there,
 * so a `whoami` after it is an argument of `pulumi` itself). Gives `{ json, verbose }`, or a string naming the first word the check does not answer (a flag
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
    if (w === "--") {
      if (!command) return undefined;
      return refused ?? (i + 1 < words.length ? words[i + 1] : flags);
    }
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

/**
 * The words after `pulumi`: of a shell command line (`args` undefined) that runs `pulumi` alone,
 * split on white space; or, for a file `command` run without a shell, its `args` as given (one
 * argument with a space in it stays one word, as the CLI receives it). Undefined otherwise.
 */
function whoamiWords(command, args) {
  if (args !== undefined) {
    if (!isPulumi(command) || !Array.isArray(args)) return undefined;
    return args.every((a) => typeof a === "string") ? args : undefined;
  }
  const line = command;
  if (typeof line !== "string" || /[;&|`\n<>]|\$\(/.test(line)) return undefined;
  const words = line.trim().split(/\s+/);
  if (words.length < 2 || !isPulumi(words[0])) return undefined;
  return words.slice(1);
}

/** How a command is shown in a message: a shell line, or a file and its arguments. */
function shownCommand(command, args) {
  return (args === undefined ? String(command).trim() : [command, ...args].join(" ")).slice(0, 120);
}

/**
 * What the CLI prints for `pulumi whoami` with at most its `--json` and `--verbose` flags and the
 * global flags that change nothing it prints, in any form cobra accepts (`whoamiFlags`), and no
 * other word or command; undefined for any other. `command` is a shell line, or with `args` a file
 * run without a shell (`whoamiWords`).
 */
function whoamiOutput(command, args) {
  const words = whoamiWords(command, args);
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
 * the check does not have. Undefined for any other line. `command` and `args` as whoamiOutput's.
 */
function whoamiRefusal(command, args) {
  const words = whoamiWords(command, args);
  const word = words && whoamiFlags(words);
  if (typeof word !== "string") return undefined;
  const e = new Error(
    `\`${shownCommand(command, args)}\` is not answered by the offline check: it answers ` +
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

module.exports = {
  WHOAMI_USER,
  WHOAMI_URL,
  isPulumi,
  whoamiOutput,
  whoamiRefusal,
  syncOutput,
};
