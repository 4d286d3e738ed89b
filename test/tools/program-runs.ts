// Running the fixture programs of test/fixtures/programs for the program specs: through the
// offline engine directly (`checkStack` for findings, `runProgram` for how a run ends), or through
// the check's CLI where the CLI itself decides (exit codes, error objects, flags). Runs are queued
// on a small pool so independent fixtures run side by side without swamping the machine.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";
import { fakeCloudAnswers, Phase } from "../../tools/lib/engine/answers";
import {
  autonamingOf,
  AutonamingByType,
  PatternContext,
} from "../../tools/lib/fake-aws/autonaming";
import { ProgramRun, runProgram } from "../../tools/lib/engine/language-host";
import { InvokeAnswers, loadInvokeAnswers } from "../../tools/lib/fake-aws/answers";
import { loadProject, loadStackConfig, stackProgram } from "../../tools/check/project";
import { checkStack, StackResult } from "../../tools/check/run";
import { defaultRunner } from "../../tools/check/judge";

export const ROOT = path.resolve(__dirname, "..", "..");
export const FIXTURES = path.join(ROOT, "test", "fixtures", "programs");
/** Scratch space inside the repository (git-ignored): hard links need the same filesystem. */
export const SCRATCH = path.join(ROOT, "test", ".tmp");

const ACCOUNT_ID = "123456789012";
/** The caches the recordings of the tools use too (compiled TypeScript, V8 code). */
export const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "offline-check");
const TIMEOUT_MS = 120_000;

/** Runs at most `size` tasks at once, in the order they were queued. */
export function pool(size: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** A queued task whose failure waits for the test that awaits it (no unhandled rejection). */
export function later<T>(promise: Promise<T>): () => Promise<T> {
  const settled = promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return async () => {
    const s = await settled;
    if (!s.ok) throw s.error;
    return s.value;
  };
}

/**
 * The engine's answers, as the CLI builds them (tools/check.ts): the stack's region, pinned account
 * and `pulumi:autonaming`, with the project and stack an autonaming pattern reads.
 */
function answers(naming: PatternContext, invokeAnswers?: InvokeAnswers) {
  return (region: string, account?: string, autonaming?: AutonamingByType) =>
    fakeCloudAnswers({
      accountId: account ?? ACCOUNT_ID,
      region,
      autonaming,
      naming,
      invokeAnswers,
    });
}

/** The whole pack on one stack of a program directory, in the given phases. */
export function checkProgram(
  dir: string,
  opts: { stack?: string; phases?: Phase[]; typeCheck?: boolean } = {},
): Promise<StackResult> {
  const project = loadProject(dir);
  const stack = opts.stack ?? "dev";
  return checkStack({
    project,
    stack,
    phases: opts.phases ?? ["preview"],
    typeCheck: opts.typeCheck,
    judge: defaultRunner().judge,
    answers: answers({ project: project.name, stack }),
    timeoutMs: TIMEOUT_MS,
    fallbackModulesDir: ROOT,
    cacheDir: CACHE_DIR,
  });
}

/** One run of a program directory's stack through its language host (no policies). */
export function runStack(
  dir: string,
  opts: { stack?: string; phase?: Phase; timeoutMs?: number; invokeAnswers?: string } = {},
): Promise<ProgramRun> {
  const project = loadProject(dir);
  const stack = opts.stack ?? "dev";
  const config = loadStackConfig(project, stack, { allowMissing: true });
  return runProgram({
    ...stackProgram(project, stack, config),
    phase: opts.phase ?? "preview",
    answers: answers(
      { project: project.name, stack },
      opts.invokeAnswers === undefined ? undefined : loadInvokeAnswers(opts.invokeAnswers),
    )(
      config.values["aws:region"] ?? "us-east-1",
      undefined,
      autonamingOf(config.values["pulumi:autonaming"]),
    ),
    timeoutMs: opts.timeoutMs ?? TIMEOUT_MS,
    fallbackModulesDir: ROOT,
    cacheDir: CACHE_DIR,
  });
}

export { cli } from "./cli";
export type { CliRun } from "./cli";

/** The resource of a check's result with this type and name; it must be there. */
export function byName(r: StackResult, type: string, name: string) {
  const found = r.resources.find((x) => x.type === type && x.name === name);
  if (!found) throw new Error(`no ${type} ${name} among ${r.resources.map((x) => x.name)}`);
  return found;
}

/** The findings of one policy in a check's result, of one resource if `name` is given. */
export function findings(r: StackResult, policy: string, name?: string) {
  return r.violations.filter((v) => v.policy === policy && (name === undefined || v.name === name));
}

/** The outputs the program's stack exported. */
export function stackOutputs(r: StackResult) {
  return r.resources.find((x) => x.type === "pulumi:pulumi:Stack")!.outputs;
}

/** The 1-based line of `file` (under FIXTURES) whose text contains `snippet`; it must be unique. */
export function lineOf(file: string, snippet: string): number {
  const lines = fs.readFileSync(path.join(FIXTURES, file), "utf8").split("\n");
  const hits = lines.flatMap((l, i) => (l.includes(snippet) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`${file}: ${hits.length} lines contain ${snippet}`);
  return hits[0];
}

/**
 * A copy of the `own-sdk` fixture under SCRATCH with its own node_modules, as `npm install` would
 * leave it: the older SDK (installed for the tests under the alias `pulumi-sdk-previous`) as
 * `@pulumi/pulumi`, and `@pulumi/aws`, whose `require("@pulumi/pulumi")` then finds that copy.
 * Both are hard-linked, not copied. Returns the program directory; remove `dir` when done.
 */
export function programWithOwnSdk(): { dir: string; sdkVersion: string } {
  fs.mkdirSync(SCRATCH, { recursive: true });
  const dir = fs.mkdtempSync(path.join(SCRATCH, "own-sdk-"));
  fs.cpSync(path.join(FIXTURES, "own-sdk"), dir, { recursive: true });
  const scope = path.join(dir, "node_modules", "@pulumi");
  fs.mkdirSync(scope, { recursive: true });
  const previous = path.join(ROOT, "node_modules", "pulumi-sdk-previous");
  execFileSync("cp", ["-al", previous, path.join(scope, "pulumi")]);
  execFileSync("cp", ["-al", path.join(ROOT, "node_modules", "@pulumi", "aws"), scope]);
  const sdkVersion = JSON.parse(fs.readFileSync(path.join(previous, "package.json"), "utf8"));
  return { dir, sdkVersion: sdkVersion.version };
}

/**
 * A copy of the `fail-library-outside-folder` repository under SCRATCH with a small package,
 * fixture-tags, installed in its program folder, infra/, only (the root lists it but has no
 * node_modules); the program, infra/, is returned beside the copy's root.
 */
export function programWithLibraryOutside(): { root: string; program: string } {
  fs.mkdirSync(SCRATCH, { recursive: true });
  const root = fs.mkdtempSync(path.join(SCRATCH, "library-outside-"));
  fs.cpSync(path.join(FIXTURES, "fail-library-outside-folder"), root, { recursive: true });
  const installed = path.join(root, "infra", "node_modules", "fixture-tags");
  fs.mkdirSync(installed, { recursive: true });
  fs.writeFileSync(
    path.join(installed, "package.json"),
    JSON.stringify({ name: "fixture-tags", version: "1.0.0", main: "index.js" }),
  );
  fs.writeFileSync(
    path.join(installed, "index.js"),
    'exports.standardTags = () => ({ team: "platform" });\n',
  );
  return { root, program: path.join(root, "infra") };
}

/**
 * A copy of the `library-async-children` fixture under SCRATCH with its `library/` installed as
 * node_modules/async-net, a package's files as installing its tarball places them (a linked
 * `file:` folder would count as the program's own source instead).
 */
export function programWithInstalledLibrary(): string {
  fs.mkdirSync(SCRATCH, { recursive: true });
  const dir = fs.mkdtempSync(path.join(SCRATCH, "library-async-children-"));
  fs.cpSync(path.join(FIXTURES, "library-async-children"), dir, { recursive: true });
  const installed = path.join(dir, "node_modules", "async-net");
  fs.cpSync(path.join(dir, "library"), installed, { recursive: true });
  return dir;
}

/**
 * A copy of a fixture under SCRATCH, where what the run writes cannot touch the fixture and a test
 * can add what git leaves out (a node_modules).
 */
export function copyOf(fixture: string): string {
  fs.mkdirSync(SCRATCH, { recursive: true });
  const dir = fs.mkdtempSync(path.join(SCRATCH, `${fixture}-`));
  fs.cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

/** The file of a source position's `file://` URI (undefined without one). */
export function sourceFile(uri: string | undefined): string | undefined {
  return uri ? fileURLToPath(uri) : undefined;
}

/**
 * Runs the current suite as on a machine whose environment names no AWS region, so each run's
 * region comes from its stack: AWS_REGION and AWS_DEFAULT_REGION are unset before the suite's
 * runs are queued and restored after it. Call it before the `before` hook that queues them.
 */
export function withoutRegionEnv(): void {
  const names = ["AWS_REGION", "AWS_DEFAULT_REGION"] as const;
  let saved: (string | undefined)[] = [];
  before(() => {
    saved = names.map((k) => process.env[k]);
    for (const k of names) delete process.env[k];
  });
  after(() => {
    names.forEach((k, i) => {
      if (saved[i] !== undefined) process.env[k] = saved[i];
    });
  });
}

/** The spec file of the first `.spec.ts` frame of a stack, from the project root. */
function callingSpec(stack: string | undefined): string {
  const file = stack?.match(/[^\s(]+\.spec\.ts/)?.[0];
  return file ? path.relative(ROOT, file) : "a spec file";
}

/**
 * Whether every test of the run ran and passed (or is pending), seen from a hook's suite: a run
 * filtered by `--grep` (its other tests never run) or by `.only` (its other tests are dropped),
 * or one where a test failed before it awaited its run, leaves queued runs unawaited for no
 * fault of the queue, and the unawaited-runs check keeps quiet there.
 */
export function everyTestPassed(suite: Mocha.Suite | undefined): boolean {
  if (!suite) return false;
  let root = suite;
  while (root.parent) root = root.parent;
  // Suite#hasOnly (mocha's lib/suite.js, left out of its type declarations) stays true after
  // mocha has dropped the tests `.only` left out.
  if ((root as Mocha.Suite & { hasOnly(): boolean }).hasOnly()) return false;
  const passed = (s: Mocha.Suite): boolean =>
    s.tests.every((t) => t.state === "passed" || t.isPending()) && s.suites.every(passed);
  return passed(suite);
}

/** What a `QueuedRuns` starts: the check of a program directory's stack, one preview run of it. */
export interface Runners {
  readonly check: (dir: string, opts: { stack: string; phases: Phase[] }) => Promise<StackResult>;
  readonly run: (dir: string, opts: { stack: string }) => Promise<ProgramRun>;
}

/**
 * Runs of fixture programs, queued on one pool of two and awaited by the tests that need them.
 *
 * Each queued run costs a language host's start and a whole program run (about a second of CPU),
 * and a queued run no test awaits still runs, unseen (`later` keeps its failure for a test that
 * never comes). So a suite that queues a run must await it: made while mocha loads the spec files,
 * a `QueuedRuns` adds an `after` hook (to the whole run, or to the suite it is made in) that fails
 * naming every run queued and never awaited, the spec file that queued it, and what to do.
 */
export class QueuedRuns {
  private readonly queue = pool(2);
  private readonly checks = new Map<string, () => Promise<StackResult>>();
  private readonly runs = new Map<string, () => Promise<ProgramRun>>();
  private readonly awaited = new Set<string>();
  /** The spec file that made this (the first `.spec.ts` frame of the constructor's caller). */
  private readonly madeIn = callingSpec(new Error().stack);

  constructor(
    private readonly runners: Runners = {
      check: (dir, opts) => checkProgram(dir, opts),
      run: (dir, opts) => runStack(dir, opts),
    },
  ) {
    const check = () => this.assertAllAwaited();
    if (typeof after === "function") {
      after(function () {
        if (everyTestPassed(this.test?.parent)) check();
      });
    }
  }

  /** Fails naming the runs queued and never awaited, and the spec file that queued them. */
  assertAllAwaited(): void {
    const left = this.unawaited();
    if (left.length > 0) {
      throw new Error(
        `${this.madeIn} queued ${left.length} program run(s) that no test awaited: ` +
          `${left.join(", ")}. Each still ran; remove its queue call, or await it in the ` +
          `test that needs it.`,
      );
    }
  }

  /**
   * The runs queued so far that no test has awaited, as "check of <fixture>/<stack>/<phases>" and
   * "run of <fixture>/<stack>".
   */
  unawaited(): string[] {
    return [
      ...[...this.checks.keys()].map((k) => `check of ${k}`),
      ...[...this.runs.keys()].map((k) => `run of ${k}`),
    ].filter((k) => !this.awaited.has(k));
  }

  /** Queues the pack's check of a fixture's stack (once); `check` awaits it. */
  queueCheck(fixture: string, phases: Phase[] = ["preview"], stack = "dev"): string {
    const key = `${fixture}/${stack}/${phases.join("+")}`;
    if (!this.checks.has(key)) {
      const dir = path.isAbsolute(fixture) ? fixture : path.join(FIXTURES, fixture);
      this.checks.set(key, later(this.queue(() => this.runners.check(dir, { stack, phases }))));
    }
    return key;
  }

  check(fixture: string, phases: Phase[] = ["preview"], stack = "dev"): Promise<StackResult> {
    const key = this.queueCheck(fixture, phases, stack);
    this.awaited.add(`check of ${key}`);
    return this.checks.get(key)!();
  }

  /** Queues one preview run of a fixture's stack (once); `run` awaits it. */
  queueRun(fixture: string, stack = "dev"): string {
    const key = `${fixture}/${stack}`;
    if (!this.runs.has(key)) {
      const dir = path.isAbsolute(fixture) ? fixture : path.join(FIXTURES, fixture);
      this.runs.set(key, later(this.queue(() => this.runners.run(dir, { stack }))));
    }
    return key;
  }

  run(fixture: string, stack = "dev"): Promise<ProgramRun> {
    const key = this.queueRun(fixture, stack);
    this.awaited.add(`run of ${key}`);
    return this.runs.get(key)!();
  }
}

/**
 * The failure of a fixture's preview run (queued on `runs`), asserted to be at the line of its
 * index.ts that holds `snippet`, with a message containing `message` (or matching it).
 */
export async function failsAtLine(
  runs: QueuedRuns,
  fixture: string,
  snippet: string,
  message: RegExp | string,
  stack = "dev",
): Promise<NonNullable<ProgramRun["failure"]>> {
  const r = await runs.run(fixture, stack);
  expect(r.failure, `${fixture} failed`).to.not.equal(undefined);
  if (typeof message === "string") expect(r.failure!.message).to.contain(message);
  else expect(r.failure!.message).to.match(message);
  expect(r.failure!.location?.file).to.equal(path.join(FIXTURES, fixture, "index.ts"));
  expect(r.failure!.location?.line).to.equal(lineOf(`${fixture}/index.ts`, snippet));
  return r.failure!;
}

/**
 * What a stop entry says the apply phase never registered besides what preview saw
 * (tools/check/stopped-at-apply.ts): what the program registers only at apply after the stop.
 */
export const STOPPED_AFTER =
  "registers after that line only at apply: inside an apply, or only once the failed call " +
  "succeeds (`if (found.value) new ...`; preview, given an empty result, skipped it too), which " +
  "no check ran on";
