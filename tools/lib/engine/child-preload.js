// Loaded into the program's process ahead of the language host (`node --require` through
// NODE_OPTIONS, which the host's ESM detection does not look at: it checks `process.execArgv`).
// Apart from items 19 (the apply phase only) and 20, it changes nothing the program can observe;
// it makes the run cheaper and lets errors point at the program:
//
// 1. The SDK wraps every promise it creates in `debuggablePromise` (runtime/debuggable.js), which
//    stores `new Error().stack` for a leak report printed only when PULUMI_DEBUG_PROMISE_LEAKS is
//    set. Capturing and source-mapping that stack is most of a mock run's cost, so unless that
//    variable is set the function runs with a stack-trace limit of 0: same bookkeeping, no stack
//    (./debuggable-promise.js, which the mock-runtime recorder uses too).
// 2. The first call site of each invoke token in the program's own files is written to the file
//    named by OFFLINE_INVOKE_SITES, so a failed invoke can be reported at the user's line (the SDK
//    sends no source position with invokes), or, for one a library makes later for a resource it
//    parents, that resource's type and name with each set of arguments (./invoke-records.js); so
//    is a call of `process.exit` from the program's own code (token `process.exit`, with its exit
//    code), so an early exit is reported where it happens, and every `setInterval` it starts and
//    does not clear, so a timeout names the timer that keeps the program alive.
// 3. With OFFLINE_TS_CACHE set, the function ts-node transpiles each file with when it does not
//    type-check (its own `createTsTranspileModule` for TypeScript >= 4.7, TypeScript's
//    `transpileModule` before) is memoized on disk, keyed by the TypeScript version, the file
//    name, the compiler options, the module kind and the source text. A result with diagnostics
//    is never cached, so errors are reported exactly as without the cache; ts-node does
//    everything else (source maps, module types) as usual.
// 4. The language host describes every error it reports with `util.inspect(err, { colors: true })`
//    and falls back to `util.inspect(err)` when that throws (`cmd/run/error.js`). On some Node.js
//    releases (20.20 among them) the colouring of node_modules frames never ends on a frame whose
//    path has no separator after the package name, e.g. `node_modules/@pulumi/config.ts:301:19`,
//    which is what the SDK's own source maps give: it grows a string until "Invalid string
//    length", about a minute later. The host colours the errors an error holds the same way (its
//    `cause`, an AggregateError's `errors`: a failure the SDK's invoke raised, which a program
//    caught and rethrew, or Promise.any gathered, can carry such a frame). For such a stack, on the
//    error or on one it holds, the coloured call returns the uncoloured
//    inspection at once: what the host of a recent SDK (3.224 has it, 3.150 not) falls back to
//    (pulumi/pulumi#20567, #21326), and what an older host, which has no fallback and would
//    report only "RangeError: Invalid string length", prints on a Node.js without the loop. The
//    guard reads own data properties only, no Proxy, and a bounded number of objects
//    (./colouring-guard.js).
// 5. The host's `source-map-support` reads the source maps Node keeps (./node-source-maps.js):
//    with OFFLINE_ESM_SOURCE_MAPS set (an ES module program), those of the modules ts-node's ESM
//    loader compiles; and those of the CommonJS modules a loader that turns source maps on
//    compiles with an inline map (`--import tsx`). Stack frames, and with them the reported
//    file:line of a resource, an error or a failed invoke, point at the TypeScript source instead
//    of the compiled module.
// 6. With OFFLINE_CODE_CACHE set, every module under a node_modules folder (the SDK, the
//    providers, TypeScript's 9 MB compiler) and the program's own TypeScript as ts-node compiled
//    it is compiled with V8's code cache kept there (see ./code-cache.js): compiling them is most
//    of a run's start otherwise.
// 7. With OFFLINE_LEND_ESM set (a folder), an ES module program that has not installed its
//    dependencies resolves the ones it lacks from that folder's node_modules, as NODE_PATH lends
//    them to CommonJS (./lend-resolve.mjs).
// 8. The packages the SDK needs only to package a callback function (npm's arborist and what it
//    loads) load when the first one is packaged, not with the SDK (./lazy-closure-deps.js); the
//    OpenTelemetry packages the host needs only to trace load when it starts tracing
//    (./lazy-tracing-deps.js); ts-node's REPL loads when something reads it
//    (./lazy-ts-node-repl.js).
// 9. When the host registers the ts-node it ships, frames of TypeScript files compiled to ES
//    module syntax in a CommonJS package get their TypeScript lines (./url-frames.js).
// 10. Each host outside this machine the process connects to is written to OFFLINE_INVOKE_SITES
//    (token `network`), so a failure can name the connection an offline run could not make
//    (./network-sites.js).
// 11. The SDK's debug messages, which `pulumi preview` shows only with --debug and the check never
//    reports, are not sent to the engine one Log RPC at a time (./debug-logs.js), unless
//    OFFLINE_KEEP_DEBUG_LOGS is set.
// 12. With OFFLINE_CHECK_TRACE set (a file), the process notes when it started, when the program
//    first loaded the SDK's index, and the CPU it used by its exit (./trace.js).
// 13. A resource made at an ES module's top level or in any anonymous callback gets the source
//    position the SDK's frame pattern cannot read from such unnamed frames (./esm-frames.js).
// 14. A config getter that throws records the program's call site (./config-sites.js): the host
//    reports the SDK's config errors without a stack.
// 15. The program cannot start the Pulumi CLI: the Automation API's commands and installer, and
//    any `child_process` call of `pulumi`, are refused and recorded (./automation-guard.js).
// 16. A call of `pulumi.runtime.setMocks` or `setMockOptions` from the program, which would send
//    everything it registers afterwards to unit-test mocks instead of the engine, throws at the
//    program's line and is recorded (./mocks-guard.js). Only in the language host's own process
//    (OFFLINE_GUARD_MOCKS, removed from the environment here so no process the program starts
//    inherits it): a program may run its unit tests, which set mocks, in a process of their own.
// 17. With OFFLINE_LEND_TS set (the lent compilerOptions of a type-checked run), the options the
//    host hands ts-node get the lent `paths` and `typeRoots` added to the tsconfig's own, which
//    would otherwise replace them (./lend-ts-options.js).
// 18. Each place outside the SDK that asks `pulumi.runtime.isDryRun()` is recorded under the
//    token `isDryRun`; the answer stays the SDK's (true: the program runs with --dry-run in both
//    phases), and the report says what that leaves out (./dry-run-sites.js).
// 19. With OFFLINE_APPLY_UNKNOWNS set (the apply phase), an `apply` callback that fails on what an
//    offline run lacks (a data source nothing answers, a dependency's command such as `docker
//    build` with no Docker daemon) gives an unknown result, as at preview, where it never runs;
//    each such failure is recorded (./apply-unknowns.js). This one changes what the program sees:
//    the value it would have failed on. The first error that ends the program outside any `apply`
//    is recorded too (in both phases), with its offline cause when it has one, or has one as its
//    `cause` (token `apply-stopped`), once the language host's own handlers are installed (when
//    cmd/run/run.js loads): the report then keeps what the apply phase registered before it, and
//    names the offline failure behind an error the program threw in its place (./apply-stopped.js).
// 20. With OFFLINE_UNDECRYPTABLE_CONFIG set (the `secure:` keys the check cannot decrypt), a typed
//    read of one (`getSecretBoolean`, `requireNumber`, ...) gives an unknown secret, or for a plain
//    getter a stand-in the check refuses the stack on, instead of parsing the placeholder
//    (./secret-config-reads.js). This one changes what the program sees too.
// 21. A type-checking ts-node parses the declaration files the program imports as `tsc` does,
//    without the JSDoc comments no type error depends on, unless a custom transformer could read
//    them (ts-node's `transformers`, a TypeScript ts-patch rewrote) (./type-check-parse.js).
//    This one changes what the program sees too: ts-node's language service gives no JSDoc
//    documentation for a name declared in a TypeScript file, the program's or a declaration file
//    (ts-node 10's `getTypeInfo(...).comment` is empty); a service the program makes is untouched.
// 22. A key of a resource's arguments its generated class drops (not an input of the type) is
//    warned about through the program's SDK, at the program's line (./dropped-inputs.js). The
//    exported classes become Proxies of themselves, which their prototypes' `constructor` and
//    `Function.prototype.toString` answer for, so identity and text hold (docs/check-reports.md).
"use strict";
const Module = require("module");
const fs = require("fs");
const path = require("path");
const url = require("url");
const { hookModuleLoads } = require("./module-hooks");
const { mapFramesThroughNode } = require("./node-source-maps");
const { lightenDebuggablePromise } = require("./debuggable-promise");
const { installCodeCache } = require("./code-cache");
const { deferClosurePackages } = require("./lazy-closure-deps");
const { deferTracingPackages } = require("./lazy-tracing-deps");
const { deferTsNodeRepl } = require("./lazy-ts-node-repl");
const { mapUrlFramesAfterRegister } = require("./url-frames");
const { widenFramePattern } = require("./esm-frames");
const { recordNetwork } = require("./network-sites");
const { quietDebugLogs } = require("./debug-logs");
const { recordConfigSites } = require("./config-sites");
const { frameOf } = require("./frame-of");
const { callerStack } = require("./caller-stack");
const trace = require("./trace");
const {
  TYPESCRIPT,
  TS_NODE_TRANSPILE,
  cacheTranspile,
  cacheTsNodeTranspile,
} = require("./ts-cache");
const { parseForTypeErrors, markTsNode } = require("./type-check-parse");
const { guardAutomation, isAutomationModule } = require("./automation-guard");
const { guardColouredInspect } = require("./colouring-guard");
const { guardMocks, guardMockOptions } = require("./mocks-guard");
const { recordInvokeSites } = require("./invoke-records");
const { recordDryRunSites } = require("./dry-run-sites");
const { leaveUnknownAtApply, leaveUnknownInvokeOutputs } = require("./apply-unknowns");
const { recordStop } = require("./apply-stopped");
const { recordErrorLogSites } = require("./log-error-sites");
const { standInSecretReads, undecryptableFromEnvironment } = require("./secret-config-reads");
const { lendToTsNode, lendToEsmHooks, lentFromEnvironment } = require("./lend-ts-options");
const { hideOwnFrames, watchInputs } = require("./dropped-inputs");

const DEBUGGABLE = path.join("@pulumi", "pulumi", "runtime", "debuggable.js");
const INVOKE = path.join("@pulumi", "pulumi", "runtime", "invoke.js");
const VENDORED_TS_NODE = path.join("vendor", "ts-node@7.0.1", "index.js");
const LOG_INDEX = path.join("@pulumi", "pulumi", "log", "index.js");
const SDK_MOCKS = path.join("@pulumi", "pulumi", "runtime", "mocks.js");
const SDK_SETTINGS = path.join("@pulumi", "pulumi", "runtime", "settings.js");
const AUTOMATION_ENTRIES = [
  "localWorkspace.js",
  "remoteWorkspace.js",
  "stack.js",
  "remoteStack.js",
];
const SDK_RESOURCE = path.join("@pulumi", "pulumi", "resource.js");
const SDK_CONFIG = path.join("@pulumi", "pulumi", "config.js");
const SDK_OUTPUT = path.join("@pulumi", "pulumi", "output.js");
/** The language host's run.js: cmd/run/index.js requires it after installing its error handlers. */
const HOST_RUN = path.join("@pulumi", "pulumi", "cmd", "run", "run.js");
// Item 19: read once and removed, so the processes the program starts keep their own failures.
const applyUnknowns = !!process.env.OFFLINE_APPLY_UNKNOWNS;
delete process.env.OFFLINE_APPLY_UNKNOWNS;
// Item 20: the same for the secrets the check cannot decrypt (full key → the placeholder given).
const undecryptable = undecryptableFromEnvironment(process.env.OFFLINE_UNDECRYPTABLE_CONFIG);
delete process.env.OFFLINE_UNDECRYPTABLE_CONFIG;
const TS_NODE_INDEX = path.join("ts-node", "dist", "index.js");
const lentTs = lentFromEnvironment(process.env.OFFLINE_LEND_TS);
const keepDebugLogs = !!process.env.OFFLINE_KEEP_DEBUG_LOGS;
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
const sitesFile = process.env.OFFLINE_INVOKE_SITES;
const leakDebugging = !!process.env.PULUMI_DEBUG_PROMISE_LEAKS;
// Item 16: read once and removed, so the processes the program starts are not guarded.
const guardingMocks = process.env.OFFLINE_GUARD_MOCKS === "true";
delete process.env.OFFLINE_GUARD_MOCKS;

/**
 * The folder of this preload and of the hooks it installs: the code cache's compile
 * (./code-cache.js, whose frames stand where Node's own `Module._compile` frame would, below a
 * module that runs as it loads) and ./defer-require.js's `Module._load` among them. None of its
 * frames is ever the program's.
 */
const ENGINE_DIR = __dirname + path.sep;

/** The first frame outside node_modules, Node's internals and ENGINE_DIR: the program's line. */
function programFrame(stack) {
  for (const line of String(stack).split("\n").slice(1)) {
    // A file's frame (./frame-of.js); never Node's own (`node:internal/timers:1:2`).
    const f = frameOf(line);
    if (!f || !path.isAbsolute(f.file)) continue;
    if (f.file.includes(NODE_MODULES) || f.file.startsWith(ENGINE_DIR)) continue;
    return f;
  }
  return undefined;
}

/**
 * The program's line in the stack of the caller of `fn` (by default, of the function that calls
 * this one: that function's own frame first; 30 frames at most): see programFrame.
 */
function programCallSite(fn = programCallSite) {
  return programFrame(callerStack(fn));
}

/** Appends one record to OFFLINE_INVOKE_SITES; a failed write loses a line number, nothing else. */
function appendSite(record) {
  try {
    fs.appendFileSync(sitesFile, JSON.stringify(record) + "\n");
  } catch {
    // the report loses a line number, nothing else
  }
}

/** Where the program itself calls `process.exit`, recorded under the token `process.exit`. */
function recordExitSite() {
  if (!sitesFile) return;
  const exit = process.exit;
  process.exit = function (code) {
    const site = programCallSite();
    if (site)
      appendSite({ token: "process.exit", code: code === undefined ? null : code, ...site });
    return exit.apply(this, arguments);
  };
}
recordExitSite();

/**
 * Timers the program's own code starts with `setInterval` (token `setInterval`, with an id) and
 * stops (`clearInterval`): one never stopped keeps the process alive, and a timeout names it.
 */
function recordIntervals() {
  if (!sitesFile) return;
  const start = global.setInterval;
  const stop = global.clearInterval;
  const ids = new WeakMap();
  let next = 0;
  global.setInterval = function setInterval(callback, ms, ...args) {
    const handle = start.call(this, callback, ms, ...args);
    const site = programCallSite();
    if (site && handle && typeof handle === "object") {
      const id = ++next;
      ids.set(handle, id);
      appendSite({ token: "setInterval", id, ms: Number(ms) || 0, ...site });
    }
    return handle;
  };
  global.clearInterval = function clearInterval(handle) {
    const id = handle && typeof handle === "object" ? ids.get(handle) : undefined;
    if (id !== undefined) appendSite({ token: "clearInterval", id });
    return stop.call(this, handle);
  };
}
recordIntervals();
if (sitesFile) recordNetwork(appendSite, programFrame);
// Item 15 of the list above: before the program or the SDK can reach child_process.
const automation = guardAutomation(appendSite, programFrame);

// Item 4 of the list above.
guardColouredInspect();

const SOURCE_MAP_SUPPORT = path.join("source-map-support", "source-map-support.js");
const esmSourceMaps = !!process.env.OFFLINE_ESM_SOURCE_MAPS;
if (esmSourceMaps) process.setSourceMapsEnabled(true);

// OFFLINE_CHECK_TRACE (./trace.js): the milestones of the program's process.
const TRACE_AS = process.env.OFFLINE_CHECK_TRACE_AS || "program";
const SDK_INDEX = path.join("@pulumi", "pulumi", "index.js");
let sdkLoaded = false;
// The preload also runs in the thread of the ESM loader hooks (NODE_OPTIONS reaches it): only the
// main thread traces.
if (trace.tracing && require("worker_threads").isMainThread) {
  trace.traceStart(TRACE_AS);
  process.on("exit", () => trace.traceEvent(TRACE_AS, "exit"));
}

if (process.env.OFFLINE_CODE_CACHE) installCodeCache(process.env.OFFLINE_CODE_CACHE);

// Item 8 of the list above.
deferClosurePackages();
deferTracingPackages();
deferTsNodeRepl();

// Item 7 of the list above.
if (process.env.OFFLINE_LEND_ESM && typeof Module.register === "function") {
  const register = Module.register;
  const hook = url.pathToFileURL(path.join(__dirname, "lend-resolve.mjs")).href;
  const lend = () => register.call(Module, hook, { data: { dir: process.env.OFFLINE_LEND_ESM } });
  lend();
  // Hooks registered later run first, and ts-node's (which the language host registers for a
  // TypeScript program) resolves a bare specifier itself, never asking the next hook: the lending
  // hook goes on top again after each registration.
  Module.register = function (...args) {
    const result = register.apply(this, lentTs ? lendToEsmHooks(args, lentTs) : args);
    lend();
    return result;
  };
}

// Each CommonJS module, once it has run, whichever loader loaded it (./module-hooks.js).
hookModuleLoads(afterLoad);

/** What the preload changes in a module once it has run, by its file name (items 1 to 22). */
function afterLoad(module, filename) {
  if (filename.endsWith(DEBUGGABLE)) {
    if (!leakDebugging) lightenDebuggablePromise(module.exports);
  } else if (filename.endsWith(SOURCE_MAP_SUPPORT)) mapFramesThroughNode(module.exports);
  else if (sitesFile && filename.endsWith(INVOKE)) {
    if (applyUnknowns)
      leaveUnknownInvokeOutputs(
        module.exports,
        require.cache[path.join(path.dirname(filename), "..", "output.js")]?.exports,
      );
    recordInvokeSites(module.exports, appendSite, programCallSite);
  } else if (isAutomationModule(filename, "cmd.js")) automation.guardCommand(module.exports);
  else if (AUTOMATION_ENTRIES.some((f) => isAutomationModule(filename, f)))
    automation.recordEntryPoints(module.exports);
  else if (filename.endsWith(SDK_RESOURCE)) {
    widenFramePattern(module.exports);
    hideOwnFrames(module.exports);
  } else if (guardingMocks && filename.endsWith(SDK_MOCKS))
    guardMocks(module.exports, appendSite, programFrame);
  else if (filename.endsWith(SDK_SETTINGS)) {
    if (guardingMocks) guardMockOptions(module.exports, appendSite, programFrame);
    if (sitesFile) recordDryRunSites(module.exports, filename, appendSite, programFrame);
  } else if (sitesFile && filename.endsWith(SDK_CONFIG)) {
    // Beneath the sites' wrappers: a stand-in read is still a read of its key there.
    standInSecretReads(module.exports, filename, undecryptable, appendSite, programFrame);
    recordConfigSites(module.exports, appendSite, programFrame);
  } else if (applyUnknowns && sitesFile && filename.endsWith(SDK_OUTPUT))
    leaveUnknownAtApply(module.exports, filename, appendSite, programFrame);
  else if (sitesFile && filename.endsWith(HOST_RUN))
    recordStop(appendSite, programFrame, { watch: applyUnknowns });
  else if (filename.endsWith(LOG_INDEX)) {
    if (sitesFile) recordErrorLogSites(module.exports, appendSite, programCallSite);
    if (!keepDebugLogs) quietDebugLogs(module.exports, filename);
  } else if (filename.endsWith(TYPESCRIPT)) {
    cacheTranspile(module);
    parseForTypeErrors(module);
  } else if (filename.endsWith(TS_NODE_TRANSPILE)) cacheTsNodeTranspile(module.exports);
  else if (filename.endsWith(TS_NODE_INDEX)) {
    if (lentTs) lendToTsNode(module.exports, lentTs);
    markTsNode(module.exports);
  } else if (filename.endsWith(VENDORED_TS_NODE)) {
    mapUrlFramesAfterRegister(module.exports, esmSourceMaps);
    markTsNode(module.exports);
  } else if (trace.tracing && !sdkLoaded && filename.endsWith(SDK_INDEX)) {
    sdkLoaded = true;
    trace.traceEvent(TRACE_AS, "sdk-loaded");
  } else if (filename.includes(NODE_MODULES)) {
    // Any package's exports, whatever they do on a read: a failure here leaves the module as it is.
    try {
      watchInputs(module, filename, programCallSite);
    } catch {
      // no warnings about this module's classes
    }
  }
}
