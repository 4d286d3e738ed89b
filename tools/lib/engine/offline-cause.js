// What an offline run lacks that an error failed on, decided by the error's kind (the program's
// preload, ./child-preload.js item 19: ./apply-unknowns.js inside an `apply`, ./apply-stopped.js at
// the program's top level): a data source the offline engine could not answer, a child process
// that could not start or failed for want of a tool, a daemon or the network, a host this machine
// cannot reach. A program that catches such a failure and throws its own error with it as the
// `cause` (`new Error("lookup failed", { cause: e })`, ES2022), or gathers it in an AggregateError
// (`errors`: Promise.any, or the program's own, every member of which failed so), failed on it just
// the same: `offlineFailure` follows both to the failure.
"use strict";
const path = require("path");

/** How the offline engine's refusal of an invoke starts (../fake-aws/invoke.ts). */
const NOT_ANSWERED = "the offline check cannot answer the invoke ";
/**
 * Node's codes for a network this machine cannot reach (libuv / c-ares, as `dns.lookup` and
 * `net.connect` raise them; `fetch` gives them as the `cause` of its "fetch failed" TypeError).
 */
const NETWORK_CODES = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
/** The commands whose child process failed in this run (`child_process.spawn`, watched below). */
const failedCommands = new Set();

/**
 * What a command prints when this machine, not the program, is what it lacks: a Docker daemon, a
 * tool on the PATH (a shell's "command not found", exit 127), a network. A command that ran and
 * failed for any other reason (a missing file, a failing build, a test) fails as it would on the
 * machine that runs `pulumi up`.
 */
const OFFLINE_OUTPUT =
  /Cannot connect to the Docker daemon|Is the docker daemon running|docker daemon is not running|error during connect|Could not resolve host|Temporary failure in name resolution|Name or service not known|Network is unreachable|getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|command not found|: not found$|is not recognized as an internal or external command/im;

/**
 * A child process that failed for want of what this machine lacks, by the error's own kind (Node's
 * child_process docs): one that could not start (`syscall` "spawn <file>" / "spawnSync <file>",
 * with ENOENT or EACCES), or one that exited non-zero (`execFileSync`/`execSync`: `status`,
 * `stderr`, `pid`; `exec`/`execFile`: `cmd` and a numeric `code`) with exit status 127 or an
 * offline cause in its output (OFFLINE_OUTPUT).
 */
function childProcessFailed(e) {
  if (typeof e.syscall === "string" && /^spawn(Sync)?\b/.test(e.syscall)) return true;
  const exited =
    ("status" in e && "stderr" in e && "pid" in e) ||
    (typeof e.cmd === "string" && typeof e.code === "number");
  if (!exited) return false;
  if (e.status === 127 || e.code === 127) return true;
  return OFFLINE_OUTPUT.test(`${String(e.message ?? "")}\n${String(e.stderr ?? "")}`);
}

/** A network this machine cannot reach: the error's code, or its cause's (`fetch`). */
function networkFailed(e, depth = 0) {
  if (!e || typeof e !== "object" || depth > 3) return false;
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
  return networkFailed(e.cause, depth + 1);
}

/** A network failure of the error's own: its code, or `fetch`'s "fetch failed" over its cause's. */
function ownNetwork(e) {
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
  return e.name === "TypeError" && e.message === "fetch failed";
}

/** The error's message names `command` (docker-classic: "No 'docker' command available ..."). */
function names(message, command) {
  const word = command.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?:^|[\\s'"\`/])${word}(?:[\\s'"\`:]|$)`).test(message);
}

/**
 * What an offline run lacks that `e` failed on, decided by the error's kind: `{ invoke }` for a
 * data source the engine could not answer, `{ command: true }` for a child process that failed
 * (its own error, or a dependency's error naming a command whose child process failed in this run:
 * docker-classic's `docker version` with no daemon), `{ network: true }` for a host this machine
 * cannot reach. Undefined for anything else, wherever it was raised (a provider's validation, a
 * library's, the program's own): the run fails as `pulumi up` would fail.
 */
function offlineCause(e, failed = failedCommands) {
  if (!e || typeof e !== "object") return undefined;
  const message = String(e.message ?? "");
  const at = message.indexOf(NOT_ANSWERED);
  // "... the invoke <token>: supply ..." or "... the invoke <token> (<reason>): supply ...".
  if (at >= 0)
    return { invoke: /^\S*/.exec(message.slice(at + NOT_ANSWERED.length))[0].replace(/:$/, "") };
  if (childProcessFailed(e)) return { command: true };
  if (networkFailed(e)) return { network: true };
  for (const command of failed) if (names(message, command)) return { command: true };
  return undefined;
}

/** Errors a failure is followed into at most, and the members of an AggregateError looked at. */
const MAX_DEPTH = 5;
const MAX_MEMBERS = 20;
/** V8's message of the AggregateError `Promise.any` rejects with when every promise rejected. */
const ANY_REJECTED = "All promises were rejected";

/** `f()`, or undefined when it throws (a getter, or a Proxy's trap, that throws). */
function tried(f) {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/**
 * The offline failure `e` is or was caused by: `{ cause, error }`, `cause` as `offlineCause` gives
 * it and `error` the error it was read from (`e` itself, or the one the program caught: its
 * message, stack and output describe the failure); undefined when it is the program's own. Looks
 * at `e`, then its `cause`, then the `errors` of an AggregateError, depth first, in order. An
 * AggregateError is the offline failure only when it is one through each of its members: the
 * program gathered every failure and throws if any failed (`Promise.allSettled`, then `throw new
 * AggregateError(failed)`), so answering the offline ones would still leave a member of its own
 * failing, as it fails on every machine. `Promise.any`'s own ("All promises were rejected") is the
 * exception: it rejects only when every promise rejected, and fulfils with the first that does not,
 * so one member that failed on what an offline run lacks is enough: where that member succeeds
 * (the machine that runs `pulumi up`), `Promise.any` fulfils with it, whatever its fallbacks did.
 * An AggregateError with more members than are looked at is never proven offline. An error whose
 * properties cannot be read (a getter, a Proxy's trap that throws) is the program's. `failedFor`
 * gives the failed commands whose names count for one error (by default the run's).
 */
function offlineFailure(e, failedFor = () => failedCommands) {
  // Each error looked at → what it was found to be; `null` while it is being looked at (a cycle).
  const known = new Map();
  const visit = (err, depth) => {
    if (!err || typeof err !== "object" || depth > MAX_DEPTH) return undefined;
    if (known.has(err)) return known.get(err) ?? undefined;
    known.set(err, null);
    const found = tried(() => classify(err, depth));
    known.set(err, found);
    return found;
  };
  const classify = (err, depth) => {
    const cause = tried(() => offlineCause(err, failedFor(err) ?? failedCommands));
    // An error of a network only through what it wraps is the program's: the wrapped one describes
    // the failure (fetch's own "fetch failed" TypeError stands for the code of its cause).
    if (cause && !(cause.network && !tried(() => ownNetwork(err)))) return { cause, error: err };
    const wrapped = tried(() => ("cause" in err ? visit(err.cause, depth + 1) : undefined));
    if (wrapped) return wrapped;
    const members = tried(() => (Array.isArray(err.errors) ? err.errors : undefined));
    if (members && members.length > 0) {
      if (tried(() => err.message) === ANY_REJECTED) {
        for (const member of members.slice(0, MAX_MEMBERS)) {
          const found = visit(member, depth + 1);
          if (found) return found;
        }
      } else if (members.length <= MAX_MEMBERS) {
        const found = members.map((member) => visit(member, depth + 1));
        if (found.every(Boolean)) return found[0];
      }
    }
    return cause ? { cause, error: err } : undefined;
  };
  return visit(e, 0);
}

/**
 * The first line of what was thrown (at most 500 characters): its message; for an error whose
 * message is empty, the first line of its stack (`Error`, as the language host prints it); for a
 * value with no message (a string, a number, a plain object), the value as text, as the host's
 * `defaultErrorMessage` (cmd/run/error.js: `"" + err`) prints it: `failed`, `42`, `[object Object]`.
 */
function firstLine(e) {
  const message = tried(() => (e && e.message) ?? undefined);
  const stack = tried(() => (e && typeof e === "object" ? e.stack : undefined));
  const text =
    (message !== undefined && message !== "" ? tried(() => String(message)) : undefined) ??
    (message === "" && typeof stack === "string" && stack !== "" ? stack : undefined) ??
    tried(() => String(e)) ??
    "(an error whose message cannot be read)";
  return text.split("\n")[0].slice(0, 500);
}

/**
 * What a record says of the failure `found` (`offlineFailure(e)`, or undefined): its cause, the
 * first line of the error that failed, what its child process printed (execFileSync: `stderr`)
 * and the program's line in its stack (`programFrame`), else in that of `e`; with `thrown`, the
 * first line of what the program threw instead, when it caught the failure.
 */
function describeFailure(e, found, programFrame) {
  const error = found ? found.error : e;
  const stack = (x) => tried(() => String((x && x.stack) ?? "")) ?? "";
  const output = error && error.stderr != null ? String(error.stderr).slice(0, 1000) : undefined;
  const site = programFrame(stack(error)) ?? programFrame(stack(e));
  return {
    ...(found ? found.cause : {}),
    message: firstLine(error),
    ...(error !== e ? { thrown: firstLine(e) } : {}),
    ...(output ? { output } : {}),
    ...(site ?? {}),
  };
}

/**
 * Records the command of every child process `child_process.spawn` or `spawnSync` starts that
 * fails to start or exits non-zero (docker-classic's runCommandThatCanFail turns both into an
 * exit code, then throws its own error naming the command). Installed once.
 */
let watching = false;
function watchChildProcesses() {
  if (watching) return;
  watching = true;
  const childProcess = require("child_process");
  const spawn = childProcess.spawn;
  childProcess.spawn = function (command) {
    const child = spawn.apply(this, arguments);
    const name = path.basename(String(command));
    child.on("error", () => failedCommands.add(name));
    child.on("close", (code) => code !== 0 && failedCommands.add(name));
    return child;
  };
  const spawnSync = childProcess.spawnSync;
  childProcess.spawnSync = function (command) {
    const result = spawnSync.apply(this, arguments);
    if (result && (result.error || result.status !== 0))
      failedCommands.add(path.basename(String(command)));
    return result;
  };
}

module.exports = {
  describeFailure,
  offlineCause,
  offlineFailure,
  watchChildProcesses,
};
