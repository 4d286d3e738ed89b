// One stack of the offline check, in two phases: the program runs as `pulumi preview` sees it
// (computed outputs unknown), then as `pulumi up` sees each resource before creating it (every
// output of a resource the stack creates is known, in AWS's formats, so documents built from ARNs
// are complete), each through the program's own language host against the offline engine
// (tools/lib/engine). The pack judges each phase; a finding seen in both is reported once, and a
// check that ran in neither phase (a value unknown even at apply: a secret that cannot be
// decrypted offline, another stack's output, the children of a remote component) is reported as
// unevaluated, never as passed.
//
// The program runs with isDryRun() true in both phases (its "apply" is what the engine knows, not
// what the program is told); the report names where it asked (./dry-run-note.ts).
import * as path from "path";
import type { Phase } from "../lib/engine/answers";
import { providerAccount, providerRegion, startsDefaultAwsProvider } from "./stack-provider";
import { runProgram, ProgramRun } from "../lib/engine/language-host";
import type { EngineResource } from "../lib/engine/monitor";
import { byProgramOrder } from "../lib/resource-index";
import { dockerDaemonMissing } from "../lib/engine/hints-runtime";
import { unreadStackReferences, unreadStackReferencesNote } from "../lib/engine/stack-references";
import { importedResourceNotes } from "./imported";
import { dryRunNotes, dryRunSkipped } from "./dry-run-note";
import { cliAnsweredNotes } from "./cli-note";
import { WHOAMI_USER } from "../lib/engine/whoami-answer";
import { leftUnknownNotes } from "./left-unknown-note";
import { missingAtApply, otherUnanswered, stoppedNote } from "./stopped-at-apply";
import { renamedInLaterPhases } from "./renamed";
import type { PolicyReport } from "../lib/policy-runner";
import { combinePhases } from "./combine";
import { streamTo } from "./stream";
import {
  stackPoliciesNote,
  stackPoliciesOnRegistered,
  stackPolicyNames,
  unseenAtPreview,
  withoutStackPolicies,
} from "./stopped-stack-policies";
import type { ProviderInputError } from "./provider-refusals";
import { autonamingOf } from "../lib/fake-aws/autonaming";
import { checkProviderConfig } from "./provider-config";
import { traceEvent } from "../lib/engine/trace";
import {
  cannotFindModule,
  lentModuleNotFound,
  transpileOnlyFailure,
} from "../lib/engine/type-only-imports";
import { failedAtRunTime } from "../lib/engine/failure-stage";
import { refuseUndecryptableReads } from "./undecryptable-reads";
import { ranOnlyTypeChecked } from "../lib/engine/runtime-type-errors";
import { loadStackConfig, SECRET_PLACEHOLDER, stackProgram } from "./project";
import { NOT_TYPE_CHECKED, previewTypeChecks } from "../lib/engine/type-check-rule";

export { nothingJudged } from "./combine";

import { ProgramError, type CheckOptions, type JudgeContext, type StackResult } from "./result";

export { ProgramError } from "./result";
export type {
  CheckCounts,
  CheckOptions,
  Finding,
  Judge,
  JudgeContext,
  PhaseSummary,
  StackResult,
  Unevaluated,
  WaivedFinding,
} from "./result";

/** Runs the program for one stack in each phase and evaluates the pack. */
export async function checkStack(opts: CheckOptions): Promise<StackResult> {
  const { project, stack } = opts;
  const config = loadStackConfig(project, stack, {
    allowMissing: true,
    overrides: opts.configOverrides,
  });
  const region = providerRegion(config.values, process.env, config.environments);
  const autonaming = autonamingOf(config.values["pulumi:autonaming"]);
  const answers = opts.answers(region.region, providerAccount(config.values), autonaming);
  const ctx: JudgeContext = {
    project: project.name,
    stack,
    organization: opts.organization,
    config: config.values,
    configSecretKeys: config.secretKeys,
  };
  // Each phase is judged as it registers, once the judge is ready (registrations made before
  // then wait for it); a judge that judges afterwards, or fails to start, gets the whole run.
  // Each run is configured as the CLI configures its deployment's pack: the apply phase's is
  // `pulumi up`'s update, no dry run.
  const streams = opts.phases.map((phase) =>
    streamTo(opts.judge, { ...ctx, dryRun: phase !== "apply" }),
  );
  // A judge that fails (a policy config the pack's schemas refuse, a pack that does not start)
  // ends the check at once: no verdict can come, so the programs are stopped, not waited for.
  const judgeFailed = new AbortController();
  Promise.resolve(opts.judge).catch(() => judgeFailed.abort());
  const typeChecked = new Set<string>();
  // Whether `pulumi preview` would type-check the program (../lib/engine/type-check-rule.ts):
  // --type-check never refuses a type error the program's own settings keep preview from seeing.
  const previewChecks = previewTypeChecks(stackProgram(project, stack, config));
  const typeCheck = opts.typeCheck === true && previewChecks;
  // The provider's input checks are needed once the runs end: they load once a program has been
  // started, while it loads its SDK, not before its start, which would wait for them (about 40 ms
  // of CPU, a ninth of this process's start).
  let spawned!: () => void;
  const providerChecks = new Promise<void>((resolve) => (spawned = resolve)).then(
    () => import("./provider-refusals"),
  );
  providerChecks.catch(() => undefined); // awaited where the checks run
  const runPhase = async (phase: Phase, i: number) => {
    const run = (typeCheck: boolean | undefined) =>
      runProgram({
        ...stackProgram(project, stack, config),
        organization: opts.organization,
        phase,
        answers,
        opaque: [SECRET_PLACEHOLDER],
        undecryptable: config.placeholders,
        timeoutMs: opts.timeoutMs,
        typeCheck,
        fallbackModulesDir: opts.fallbackModulesDir,
        cacheDir: opts.cacheDir,
        onRegistered: streams[i].add,
        signal: judgeFailed.signal,
        onSpawned: spawned,
      });
    const ran = await run(typeCheck);
    // A type-check that could not see a lent package is not the program's error: said so.
    const lentFailure = typeCheck
      ? lentModuleNotFound(ran, project.dir, opts.fallbackModulesDir)
      : undefined;
    const first = lentFailure ? { ...ran, failure: lentFailure } : ran;
    // A failure only a file-by-file compile has (../lib/engine/type-only-imports.ts): compiled again as
    // `pulumi preview` compiles it, what the failed run registered forgotten. Not when preview
    // itself compiles file by file (PULUMI_NODEJS_TRANSPILE_ONLY, `noCheck`): it fails as the
    // first run did, and that failure is the one reported.
    const why =
      typeCheck || !previewChecks
        ? undefined
        : transpileOnlyFailure(first.failure, project.dir, opts.fallbackModulesDir);
    if (!why) return first;
    typeChecked.add(why);
    streams[i].restart();
    const again = await run(true);
    // A compile that cannot see a package Node loaded (TS2307) explains nothing about the first
    // failure: that failure is the one reported.
    // Nor does a compile that finds no type error where the first run failed at run time (an
    // input left undefined by a value TypeScript allows): the program fails as it did, and that
    // first failure is the one reported.
    if (
      cannotFindModule(again.failure) ||
      (failedAtRunTime(first.failure) && failedAtRunTime(again.failure))
    ) {
      typeChecked.delete(why);
      return first;
    }
    // A program that runs once type-checked (an ambient `const enum`, which only a compile that
    // sees its declaration inlines): no type error to report, the note says what made it run.
    if (!again.failure) {
      typeChecked.delete(why);
      typeChecked.add(ranOnlyTypeChecked(why));
    }
    compiledAgain.add(again);
    return again;
  };
  const compiledAgain = new Set<ProgramRun>();
  const running = Promise.all(opts.phases.map(runPhase));
  const runs = await running.catch((e) => {
    for (const stream of streams) stream.abandon();
    throw e;
  });
  if (judgeFailed.signal.aborted) await opts.judge; // throws the judge's own error
  // Registrations arrive in the order their inputs resolve, which varies from run to run; the
  // stack is judged and reported in program order, so two runs report the same findings.
  for (const run of runs) (run.resources as EngineResource[]).sort(byProgramOrder);
  const usesAws = runs.some(startsDefaultAwsProvider);
  const notes = [
    ...(opts.notes ?? []),
    ...config.notes,
    ...typeChecked,
    ...(region.note && usesAws ? [region.note] : []),
  ];
  // A secret the check cannot decrypt, read with a plain typed getter: no value stands for it,
  // whatever else the runs did (the stand-in the program went on with may have failed it).
  const refused = refuseUndecryptableReads(runs, project.dir, stack);
  if (refused) {
    for (const stream of streams) stream.abandon();
    throw refused;
  }
  const usable: ProgramRun[] = [];
  // Invokes a run that succeeded asked for and nothing answered: the program caught the failure,
  // unless the apply phase left its result unknown (./left-unknown-note.ts).
  const caught = new Set<string>();
  for (const [i, run] of runs.entries()) {
    if (!run.failure) {
      usable.push(run);
      const leftUnknown = new Set(run.leftUnknown.map((u) => u.invoke));
      for (const u of run.unanswered) if (!leftUnknown.has(u.split(" ")[0])) caught.add(u);
      notes.push(...leftUnknownNotes(run, project.dir));
      continue;
    }
    const f = run.failure;
    const previewRun = usable.find((r) => r.phase === "preview");
    // Stopped outside any `apply` on what an offline run lacks, after a preview that ran past that
    // line (./stopped-at-apply.ts): what it registered before is judged, the rest is listed.
    if (run.phase === "apply" && previewRun && run.stoppedAt) {
      usable.push(run);
      const missing = missingAtApply(previewRun, run, renamedInLaterPhases([previewRun, run]));
      notes.push(...leftUnknownNotes(run, project.dir));
      // Other invokes nothing answered: the stop ended the program before it could catch them,
      // so they are named in the remedy, never as caught.
      const others = otherUnanswered(run, run.stoppedAt);
      notes.push(stoppedNote(run.stoppedAt, missing, project.dir, others));
      continue;
    }
    streams[i].abandon();
    // A program that fails only once every created resource's outputs are known, after a clean
    // preview, in a dependency or an external command rather than in its own code, is one
    // `pulumi preview` of a new stack runs: there the outputs are unknown and an `apply` on them
    // never runs (docker-classic, which awsx classic's `Image.fromPath` uses, builds and pushes
    // only inside `repositoryUrl.apply`; its docker.js), and what failed is most likely what an
    // offline run lacks. Its preview is judged; what only the apply phase could evaluate is
    // reported unevaluated, and the failure is named. A throw in the program's own code, or an
    // error it logged itself (failing `pulumi up` on any machine, whatever fails after it), stays a
    // program error: `pulumi up` would stop there. So does the engine's refusal of a registration
    // (raised in the SDK, but the names that collide are the program's, whatever the machine).
    const previewRan = usable.some((r) => r.phase === "preview");
    if (
      run.phase === "apply" &&
      previewRan &&
      f.kind === "error" &&
      !f.loggedByProgram &&
      !f.laterLoggedByProgram &&
      raisedOutside(f.detail) &&
      !registrationRefused(f.message)
    ) {
      const at = f.location ? ` (${f.location.file}:${f.location.line})` : "";
      notes.push(
        `the apply phase failed, so only the preview phase was judged: ` +
          `${dockerDaemonMissing(f.message) ?? f.message}${at}. ` +
          "`pulumi preview` of a new stack runs this program; `pulumi up` fails the same way " +
          "unless what failed is something an offline run lacks (a Docker daemon, the network)",
      );
      continue;
    }
    for (const stream of streams) stream.abandon();
    throw new ProgramError(
      f.message,
      f.kind,
      f.location,
      f.detail,
      run.output,
      stack,
      run.phase,
      run.versionWarnings,
    );
  }
  // An input the AWS provider refuses stops `pulumi preview` (or `pulumi up`): no verdict. One
  // only AWS refuses at create leaves preview, and so the pack, running: listed beside the findings.
  let refusedAtCreate: ProviderInputError | undefined;
  spawned(); // for runs that ended before their program started
  const refusals = await providerChecks;
  try {
    for (const run of usable) checkProviderConfig(run.resources, config);
    refusals.checkProviderInputs(
      stack,
      usable,
      {
        autonaming,
        organization: opts.organization,
        // The fallback region of a stack that sets none is not where it deploys: not judged.
        ...(region.note === undefined ? { region: region.region } : {}),
      },
      { ...config, reads: refusals.configReadsOf(usable) },
    );
  } catch (e) {
    if (e instanceof refusals.ProviderInputError && refusals.onlyAtCreate(e)) refusedAtCreate = e;
    else {
      for (const stream of streams) stream.abandon();
      throw e;
    }
  }
  // Under `pulumi preview` AWS answers these, which may take the program down another path.
  if (caught.size > 0)
    notes.push(
      `the program caught the failure of ${caught.size === 1 ? "an invoke" : "invokes"} the ` +
        `check cannot answer and carried on: ${[...caught].join(", ")}; \`pulumi preview\` ` +
        "gets AWS's answer, which may take the program down another path (a lookup of " +
        "something that exists): give the answers with --invoke-answers <file.json> to check it",
    );
  const unread = unreadStackReferencesNote(
    usable.flatMap((r) => unreadStackReferences(r.resources)),
  );
  if (unread) notes.push(unread);
  notes.push(...importedResourceNotes(usable.flatMap((r) => r.resources)));
  notes.push(...dryRunNotes(usable, project.dir));
  notes.push(...cliAnsweredNotes(usable, WHOAMI_USER));
  const judge = await opts.judge;
  const judged: { run: ProgramRun; report: PolicyReport; ms: number }[] = [];
  try {
    for (const run of usable) {
      const started = Date.now();
      // A stopped apply phase that never registered some of what preview saw is judged with those
      // resources as preview saw them, so its stack policies see the whole stack, when every
      // resource it registered is one preview registered; the entries on the missing ones are
      // preview's. One that registered a resource preview never did runs no stack policy
      // (./stopped-stack-policies.ts).
      const stopped = run.phase === "apply" && run.stoppedAt && usable[0].phase === "preview";
      const missing = stopped
        ? missingAtApply(usable[0], run, renamedInLaterPhases([usable[0], run]))
        : [];
      const unseen = missing.length > 0 ? unseenAtPreview(usable[0], run) : [];
      const stream = streams[runs.indexOf(run)];
      let report: PolicyReport;
      if (unseen.length > 0) {
        const stack = await stackPolicyNames();
        report = withoutStackPolicies(
          await stream.finish(judge, run.resources),
          judged[0].report,
          stack,
        );
        notes.push(stackPoliciesNote(judged[0].report, stack, unseen));
      } else {
        report = await stream.finish(judge, [...run.resources, ...missing]);
        if (missing.length > 0)
          report = stackPoliciesOnRegistered(report, missing, await stackPolicyNames());
      }
      judged.push({ run, report, ms: Date.now() - started });
      traceEvent("check", `judged:${run.phase}`);
    }
  } catch (e) {
    for (const stream of streams) stream.abandon();
    throw e;
  }
  // A run compiled transpile-only where `pulumi preview` type-checks: the verdict says so.
  const skipped = dryRunSkipped(usable, project.dir);
  const unchecked =
    !opts.typeCheck && usable.some((run) => !compiledAgain.has(run)) && previewChecks;
  return {
    ...combinePhases(opts, judge, { ...config, notes }, judged),
    ...(unchecked ? { notTypeChecked: NOT_TYPE_CHECKED } : {}),
    ...(skipped ? { dryRunSkipped: skipped } : {}),
    ...(refusedAtCreate ? { refusedAtCreate } : {}),
  };
}

/**
 * True when the engine refused one of the program's registrations: a second resource under a URN
 * the program already registered ("Duplicate resource URN", as the Pulumi engine and
 * ../lib/engine/monitor.ts word it).
 */
function registrationRefused(message: string): boolean {
  return message.includes("Duplicate resource URN '");
}

/**
 * True when the first stack frame of an error (as the language host printed it) is not the
 * program's own code: a command it spawned (`node:child_process`) or a dependency (a file under
 * node_modules).
 */
function raisedOutside(detail: string | undefined): boolean {
  const frame = detail?.split("\n").find((l) => /^\s*at /.test(l));
  if (!frame) return false;
  return (
    /\(?node:(internal\/)?child_process:/.test(frame) ||
    frame.includes(`${path.sep}node_modules${path.sep}`)
  );
}
