// How a program run ended, from what the engine saw and the language host printed, never the exit
// code alone: the program's error with its file and line (an uncaught error, a failed invoke at the
// call site the preload recorded, a TypeScript compile error), a timeout naming what still runs, an
// early `process.exit`, or a main function that never settled.
import * as path from "path";
import type { ProgramFailure, ProgramRunOptions, SourceLocation } from "./language-host";
import type { OfflineEngine } from "./monitor";
import {
  commonJsEntryHint,
  requireEsmHint,
  missingModule,
  pathsAliasHint,
  unbuiltOutputHint,
  tsconfigPathHint,
  uninstalledPackageHint,
} from "./hints";
import { hostTsconfig } from "./tsconfig-setting";
import { esmTypeScriptHint, sdkTypeScriptHint, typeStrippingHint } from "./hints-typescript-host";
import {
  awsSdkHint,
  defaultImportHint,
  missingCommandHint,
  argvProjectHint,
  missingRegionHint,
  LOG_ERROR_SITE,
  loggedByProgram,
  loggedErrorSite,
} from "./hints-runtime";
import { networkHint, type NetworkUse } from "./hints-network";
import { dependencyEnginesHint, nativeGrpcHint } from "./node-engines";
import {
  commonJsNoEntryHint,
  noEntrypointHint,
  programEntryFile,
  uncalledDefaultExport,
} from "./hints-entrypoint";
import { jsSpecifierHint } from "./hints-js-specifiers";
import { configSite } from "./config-site";
import {
  commonJsInEsmPackage,
  mixedModuleSyntaxHint,
  moduleSyntaxHint,
} from "./hints-module-syntax";
import { typesOnlyHint } from "./type-only-imports";
import { missingAssetHint } from "./hints-build";
import { unbuiltLinkedPackageHint, unbuiltLinkedPackageSite } from "./hints-linked-build";
import { typeScript6Hint } from "./hints-typescript";
import { missingMemberHint } from "./hints-members";
import { lentPackageCompileHint } from "./hints-lent";
import { syncInvokeHint } from "./hints-sync-invoke";
import { stackReferenceHint } from "./stack-references";
import { automationFailure, automationScriptNote } from "./hints-automation";
import { moreErrors, withoutWrapping } from "./other-errors";
import { invokeSite, sourceOfUrn, unansweredInvokesHint, type Invoker } from "./invoke-sites";
import { moduleSettingConflict } from "./hints-module-settings";
import { stripAnsi } from "../ansi";
import { COMPILE_FAILURE } from "./failure-stage";
import { frameOf, type FilePlace } from "./own-frames";
import { readSites, type DryRunSite, type Interval, type Site } from "./sites-file";
import type { ApplyUnknown } from "./left-unknown";
import { isThrownLine } from "./stop-reported";

export { readSites, type DryRunSite, type Interval, type Site };

/** How long the language host may take to set up before the program's own timeout starts. */
export const STARTUP_ALLOWANCE_MS = 120_000;

/** Frames of a stack that are in the program's own files (not node_modules, not Node). */
export function programFrames(text: string, programDir: string): SourceLocation[] {
  return text
    .split("\n")
    .map(frameOf)
    .filter(
      (f): f is FilePlace =>
        f !== undefined &&
        f.file.startsWith(programDir + path.sep) &&
        !f.file.includes(`${path.sep}node_modules${path.sep}`),
    );
}

/** The call site the preload records for the program's own `process.exit`. */
export const EXIT_SITE = "process.exit";
/** The call site ./mocks-guard.js records for the program's own `pulumi.runtime.setMocks`. */
const MOCKS_SITE = "setMocks";
const UNHANDLED = /^Running program '.*' failed with an unhandled exception:\s*/s;

/** What `diagnose` reads: the engine, how the process ended, what it printed and recorded. */
type RunEnd = {
  engine: OfflineEngine;
  exit: { code: number | null; signal: string | null; error?: Error };
  timedOut: boolean;
  /** Whether the program was computing, not waiting, when it was stopped (./busy.ts). */
  busy?: boolean;
  opts: ProgramRunOptions;
  pwd: string;
  output: string[];
  sites: Map<string, Site>;
  intervals: Interval[];
  /** Hosts outside this machine the program's process connected to (./network-sites.js). */
  network?: readonly NetworkUse[];
  /** Invokes a library made for a resource it parents, with no line of the program asking. */
  invokers?: ReadonlyMap<string, readonly Invoker[]>;
  /** Resources a failure left unknown at apply named: the errors logged on them are its. */
  leftUnknownUrns?: ReadonlySet<string>;
  /** The first error that ended the program, with its offline cause (./apply-stopped.js). */
  stop?: ApplyUnknown | null;
};

/**
 * The offline failure the program caught and threw its own error in place of (`cause`, an
 * AggregateError's `errors`), when the error reported (`thrown`) is the one that ended the
 * program (./stop-reported.ts `isThrownLine`): an error the program logged before it
 * (`pulumi.log.error`), whose text may contain the thrown one, is never that error.
 */
function caughtOffline(stop: ApplyUnknown | null | undefined, thrown: string) {
  return stop?.thrown !== undefined && isThrownLine(thrown, stop.thrown) ? stop : undefined;
}

/** The verdict on how the run ended, from what the engine saw (never from the exit code alone). */
export function diagnose(ctx: RunEnd): ProgramFailure | undefined {
  if (ctx.exit.error) {
    return { kind: "setup", message: `could not start Node.js: ${ctx.exit.error.message}` };
  }
  // A program that tried to start the Pulumi CLI fails at that call, however it ended.
  const automation = automationFailure(ctx.sites, ctx.pwd);
  if (automation) return automation;
  const failure = diagnoseEnd(ctx);
  if (failure?.kind !== "error" || !loadFailure(failure)) return failure;
  // An Automation API script that failed before it reached the API (a module it could not load)
  // names the program to check instead, beside its own error.
  const note = automationScriptNote(programEntryFile(ctx.pwd, ctx.opts.main), ctx.pwd);
  if (!note) return failure;
  const end = failure.message.trimEnd();
  return { ...failure, message: `${end}${/[.!?]$/.test(end) ? "" : "."} ${note}` };
}

/**
 * A failure to load the program's modules, before its code runs: a module or package not found
 * (MODULE_NOT_FOUND, ERR_MODULE_NOT_FOUND), a file extension Node cannot load
 * (ERR_UNKNOWN_FILE_EXTENSION), an ES module required from CommonJS (ERR_REQUIRE_ESM).
 */
export function loadFailure(failure: ProgramFailure): boolean {
  return [failure.message, failure.detail ?? ""].some((t) =>
    /\bCannot find (?:module|package) '|\b(?:ERR_)?MODULE_NOT_FOUND\b|\bERR_UNKNOWN_FILE_EXTENSION\b|Unknown file extension "|\bERR_REQUIRE_ESM\b|require\(\) of ES Module/.test(
      t,
    ),
  );
}

function diagnoseEnd(ctx: RunEnd): ProgramFailure | undefined {
  const { engine, exit, opts } = ctx;
  // A program that called setMocks fails at that call too (./mocks-guard.js), even if it caught it.
  const mocks = ctx.sites.get(MOCKS_SITE);
  if (mocks) {
    return {
      kind: "error",
      message:
        `the program calls pulumi.runtime.${typeof mocks.code === "string" ? mocks.code : "setMocks"}, ` +
        "which replaces the Pulumi engine with " +
        "unit-test mocks: every resource it registers after that call goes to the mocks, so " +
        "`pulumi preview` shows none of them, `pulumi up` creates none of them and no policy " +
        "judges them. Call setMocks only from tests, before they import the program",
      location: { file: mocks.file, line: mocks.line, column: mocks.column },
    };
  }
  const last = engine.resources[engine.resources.length - 1];
  if (ctx.timedOut) {
    const timer = ctx.intervals[0];
    const where = (l: SourceLocation) => `${path.relative(ctx.pwd, l.file) || l.file}:${l.line}`;
    const pending = ctx.intervals.length
      ? `; still pending: ${ctx.intervals
          .map((t) => `a setInterval timer (every ${t.ms} ms) started at ${where(t)}`)
          .join(", ")}, never cleared`
      : ctx.busy
        ? "; no request of the program was waiting on the engine, and the program was busy " +
          "computing when it was stopped, not waiting: a loop that does not end, or a callback " +
          "function (aws.lambda.CallbackFunction, bucket.onObjectCreated) whose closure captures " +
          "a large object, such as an AWS SDK client made at the top of a module, which the SDK " +
          "walks to serialize the function; `pulumi preview` spends the same time. Create such an " +
          "object inside the callback, or raise --timeout if the program only needs longer"
        : "; no request of the program was waiting on the engine, so it waits on something of " +
          "its own (a timer, a socket, a promise that never settles)";
    if (!engine.rootUrn) {
      return {
        kind: "timeout",
        message:
          `the language host did not start the program within ` +
          `${Math.round((opts.timeoutMs + STARTUP_ALLOWANCE_MS) / 1000)} s (--timeout plus ` +
          `${STARTUP_ALLOWANCE_MS / 1000} s to set up)`,
      };
    }
    return {
      kind: "timeout",
      message:
        `the program did not finish within ${Math.round(opts.timeoutMs / 1000)} s of starting ` +
        `(--timeout); it had registered ${engine.resources.length} resources` +
        (last ? `, the last ${last.urn}` : "") +
        pending,
      location: timer ? { file: timer.file, line: timer.line, column: timer.column } : undefined,
    };
  }
  // A dependency's errors logged on a resource a failure left unknown at apply names are that
  // failure's (its command's output); the program's own stay the run's, as with no such failure.
  const errors = engine.logs.filter(
    (l) =>
      l.severity === "error" &&
      !(l.urn && ctx.leftUnknownUrns?.has(l.urn) && !loggedByProgram(l.message, ctx.sites)),
  );
  if (errors.length > 0) {
    const first = errors[0];
    const text = stripAnsi(first.message).replace(UNHANDLED, "");
    const thrown = withoutWrapping(errorMessage(text));
    // The program caught an offline failure and threw its own error: it failed on that failure.
    const caught = caughtOffline(ctx.stop, thrown);
    const message = caught ? `${thrown}, caused by: ${caught.message}` : thrown;
    // A failed invoke names its token: the first recorded call site of that token is where it asked.
    const invoked = [
      ...ctx.sites.keys(),
      ...(ctx.invokers?.keys() ?? []),
      ...engine.unanswered,
    ].find(
      (token) =>
        token !== EXIT_SITE && !token.startsWith(LOG_ERROR_SITE) && message.includes(token),
    );
    const conflict = moduleSettingConflict(text, ctx.pwd, opts.runtimeOptions?.tsconfig);
    if (conflict) return { kind: "error", ...conflict, detail: text };
    const location =
      (caught &&
        ((caught.invoke !== undefined
          ? invokeSite(engine, caught.invoke, ctx.sites.get(caught.invoke), ctx.invokers)
          : undefined) ??
          caught.location)) ??
      compilerLocation(text, ctx.pwd) ??
      programFrames(text, ctx.pwd)[0] ??
      configSite(message, ctx.sites) ??
      (invoked ? invokeSite(engine, invoked, ctx.sites.get(invoked), ctx.invokers) : undefined) ??
      loggedErrorSite(stripAnsi(first.message), ctx.sites) ??
      sourceOfUrn(engine, first.urn) ??
      unbuiltLinkedPackageSite(message, ctx.pwd);
    const esm = commonJsInEsmPackage(message, location, ctx.pwd, opts.runtimeOptions?.tsconfig);
    if (esm) return { kind: "error", ...esm, detail: text };
    const more = moreErrors(
      errors.slice(1).map((e) => {
        const t = stripAnsi(e.message).replace(UNHANDLED, "");
        const at = programFrames(t, ctx.pwd)[0] ?? sourceOfUrn(engine, e.urn);
        const where = at && `${path.relative(ctx.pwd, at.file) || at.file}:${at.line}`;
        return { message: errorMessage(t), at: where };
      }),
      message,
    );
    const hint =
      unansweredInvokesHint(engine.unanswered, ctx.sites, ctx.pwd) ||
      moduleSyntaxHint(message, ctx.pwd, opts.runtimeOptions?.tsconfig) ||
      mixedModuleSyntaxHint(message, location, ctx.pwd) ||
      tsconfigPathHint(message, ctx.pwd, opts.rootDir) ||
      pathsAliasHint(message, ctx.pwd, opts.runtimeOptions?.tsconfig) ||
      typesOnlyHint(message) ||
      missingAssetHint(message, ctx.pwd) ||
      typeScript6Hint(message, ctx.pwd, opts.runtimeOptions?.tsconfig) ||
      lentPackageCompileHint(message, ctx.pwd, opts.fallbackModulesDir) ||
      uninstalledPackageHint(message, ctx.pwd) ||
      nativeGrpcHint(message, ctx.pwd, text) ||
      typeStrippingHint(message, opts.runtimeOptions?.typescript) ||
      requireEsmHint(text, ctx.pwd) ||
      esmTypeScriptHint(message, ctx.pwd) ||
      sdkTypeScriptHint(message, ctx.pwd) ||
      commonJsEntryHint(message, ctx.pwd, opts.rootDir, opts.main) ||
      noEntrypointHint(message, ctx.pwd) ||
      jsSpecifierHint(message, ctx.pwd) ||
      unbuiltOutputHint(missingModule(message) ?? "", ctx.pwd, opts.runtimeOptions?.tsconfig) ||
      unbuiltLinkedPackageHint(message, ctx.pwd) ||
      dependencyEnginesHint(text) ||
      missingCommandHint(text, ctx.output) ||
      argvProjectHint(message, opts.project, opts.runtimeOptions) ||
      missingRegionHint(message, opts.stack) ||
      awsSdkHint(text, ctx.pwd) ||
      networkHint(ctx.network ?? [], ctx.pwd) ||
      defaultImportHint(
        message,
        location,
        hostTsconfig(ctx.pwd, opts.runtimeOptions?.tsconfig)?.source,
      ) ||
      syncInvokeHint(message, location) ||
      missingMemberHint(message, location, ctx.pwd, opts.fallbackModulesDir) ||
      stackReferenceHint(engine.resources, text);
    // Every error the run logged, in order: a dependency often logs its command's output first (no
    // stack), then throws with its own frames; the detail keeps the later ones too.
    const detail = [text, ...errors.slice(1).map((e) => stripAnsi(e.message))].join("\n");
    const own = loggedByProgram(first.message, ctx.sites);
    // An error the program logged after the reported one fails `pulumi up` on any machine too.
    const later = errors.slice(1).some((e) => loggedByProgram(e.message, ctx.sites));
    const reported = {
      reported: text,
      ...(own ? { loggedByProgram: true } : {}),
      ...(later ? { laterLoggedByProgram: true } : {}),
    };
    return { kind: "error", message: message + more + hint, location, detail, ...reported };
  }
  const exitSite = ctx.sites.get(EXIT_SITE);
  if (exitSite && !engine.stackOutputsRegistered) {
    const { code, ...location } = exitSite;
    return {
      kind: "early-exit",
      message:
        `the program called process.exit(${code ?? ""}) before it finished; a Pulumi program ` +
        "must end by returning from its main code, or what it registered is incomplete",
      location,
    };
  }
  if (exit.code !== 0) {
    // Node prints an uncaught error after the source line and a caret that point at it: the
    // message starts at the error's name ("Error [ERR_MODULE_NOT_FOUND]: ..."). A long stack (a
    // native module's require chain) can push that line out of the last ones: the last such
    // line of what the program printed starts the message then.
    const header = (l: string) => /^\w*Error(?: \[[A-Z_]+\])?: /.test(l);
    const printed = ctx.output.filter((l) => l.trim()).map(stripAnsi);
    let tail = printed.slice(-15);
    if (!tail.some(header)) {
      let last = printed.length - 1;
      while (last >= 0 && !header(printed[last])) last--;
      if (last >= 0) tail = printed.slice(last, last + 15);
    }
    const text = tail.join("\n");
    const lines = tail;
    const start = lines.findIndex(header);
    const message = tail.length ? errorMessage(lines.slice(Math.max(start, 0)).join("\n")) : "";
    return {
      kind: "error",
      message:
        exit.code === null
          ? `the program was killed by ${exit.signal}`
          : `the program exited with code ${exit.code}` +
            (message
              ? `: ${message}${
                  commonJsNoEntryHint(message, ctx.pwd) ||
                  uninstalledPackageHint(message, ctx.pwd) ||
                  nativeGrpcHint(message, ctx.pwd) ||
                  argvProjectHint(message, opts.project, opts.runtimeOptions)
                }`
              : ""),
      location: programFrames(text, ctx.pwd)[0],
      detail: text || undefined,
    };
  }
  if (!engine.stackOutputsRegistered) {
    return engine.shutdownSignalled
      ? {
          kind: "never-finished",
          message:
            "the program never finished: its main code awaits something that never settles " +
            "during a preview (a promise on an output that is unknown until apply, or a " +
            "promise that never resolves)",
        }
      : {
          kind: "early-exit",
          message:
            "the program exited before it finished (process.exit() or process.exitCode " +
            "while resources were still being registered); a Pulumi program must end by " +
            "returning from its main code",
        };
  }
  return uncalledDefaultExport(ctx.engine, ctx.pwd, ctx.opts.main);
}

export { stripAnsi } from "../ansi";

/** The error's own message: its lines before the stack, without a plain `Error: ` prefix. */
export function errorMessage(text: string): string {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    if (/^\s+at /.test(line)) break;
    lines.push(line);
  }
  // `util.inspect` marks an error that refers to itself (an invoke's error holds its own
  // rejected promise) with `<ref *1>`.
  const message = lines
    .join("\n")
    .trim()
    .replace(/^<ref \*\d+> /, "")
    .replace(/^Error: /, "");
  const ts = /^TSError: ⨯ Unable to compile TypeScript:\s*([\s\S]*)$/.exec(message);
  if (ts) return `${COMPILE_FAILURE}: ${ts[1].trim()}`;
  return message || "unknown error";
}

/** `file(line,col): error TSnnnn` in a TypeScript diagnostic, resolved against the program. */
function compilerLocation(text: string, programDir: string): SourceLocation | undefined {
  const m = /^(\S[^\n(]*?)\((\d+),(\d+)\): error TS\d+/m.exec(text);
  if (!m) return undefined;
  return { file: path.resolve(programDir, m[1]), line: Number(m[2]), column: Number(m[3]) };
}
