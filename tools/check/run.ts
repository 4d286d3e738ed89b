// One stack of the offline check: run the program under the mock runtime as `pulumi preview`
// would, then have the policy pack's own process judge what it registered, as the engine would
// send it (tools/lib/engine/analyzer.ts).
//
// What the policies get, as from the engine at preview: every registration with the inputs the
// program sent (values known only after apply are unknown), parent, provider, dependencies,
// property dependencies and options, all taken from the registration requests; outputs that keep
// unknown inputs unknown and leave ids and ARNs of resources being created unknown; the root
// `pulumi:pulumi:Stack` (program exports as its outputs) and the default provider of each package
// (inputs from the `<pkg>:` config); URNs built by the engine's rules; the stack's config merged
// and validated like the CLI (project defaults, secrets as placeholders); the policy config
// reconciled and validated like `--policy-pack-config`, by the pack's own schemas.
//
// Where it differs: no provider runs, so inputs are not the provider-checked ones the engine
// passes (no auto-names such as generated bucket names, no provider defaults or `tagsAll`), and
// computed outputs other than id/ARN are absent instead of unknown; invokes answer from the mocks
// (tools/lib/mock-aws.ts); secrets and ESC environments are placeholders; the program is not
// type-checked (run `npm run build`); children of remote components (awsx v3) are invisible, as
// in any mock run; `stackTags` is empty.
import Module from "module";
import * as pulumi from "@pulumi/pulumi";
import { record, RecordedResource } from "../lib/recorder";
import type { PolicyReport, Violation } from "../lib/policy-runner";
import { Analyzer, toPolicyReport } from "../lib/engine/analyzer";
import { ProgramError, ProgramLoader } from "./loader";
import { loadStackConfig, Project } from "./project";

export type WaivedFinding = PolicyReport["waived"][number];

export interface StackResult {
  readonly project: Project;
  readonly stack: string;
  readonly stackFile: string;
  readonly resources: RecordedResource[];
  /** Findings (mandatory and advisory), preview notes excluded. */
  readonly violations: Violation[];
  /** "can't run during preview" notes: checks that need values known only after apply. */
  readonly notes: Violation[];
  readonly waived: WaivedFinding[];
  /** What the program printed (console, pulumi.log), as `pulumi preview` lists diagnostics. */
  readonly diagnostics: string[];
  /** Where the offline run differs from a real preview of this stack (secrets, environments). */
  readonly configNotes: string[];
  readonly timings: { readonly programMs: number; readonly policiesMs: number };
}

/** Collects what is written to stdout/stderr until the returned function is called. */
function captureOutput(into: string[]): () => void {
  const out = process.stdout.write;
  const err = process.stderr.write;
  let pending = "";
  const collect = (chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    pending += typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    into.push(...lines);
    const done = typeof encoding === "function" ? encoding : cb;
    if (typeof done === "function") done();
    return true;
  };
  process.stdout.write = collect as typeof process.stdout.write;
  process.stderr.write = collect as typeof process.stderr.write;
  return () => {
    process.stdout.write = out;
    process.stderr.write = err;
    if (pending) into.push(pending);
  };
}

/**
 * Runs the program for one stack and evaluates the policies. Throws ProgramError when the program
 * fails, and UsageError for a missing or invalid stack file.
 */
export async function checkStack(opts: {
  readonly project: Project;
  readonly stack: string;
  readonly loader: ProgramLoader;
  /** The policy pack's process (possibly still starting while the program runs). */
  readonly analyzer: Analyzer | Promise<Analyzer>;
}): Promise<StackResult> {
  const { project, stack, loader } = opts;
  const config = loadStackConfig(project, stack);
  const diagnostics: string[] = [];
  const cwd = process.cwd();
  const started = Date.now();
  let resources: RecordedResource[];
  const restoreOutput = captureOutput(diagnostics);
  try {
    // The language host runs the program from the project directory.
    process.chdir(project.dir);
    const recording = await loader.run(() =>
      record(
        {
          project: project.name,
          stack,
          preview: true,
          config: config.values,
          secretKeys: config.secretKeys,
          engineResources: true,
        },
        () => {
          // As the language host: the module's exports are the stack outputs, and an exported
          // function is called (and awaited) to produce them.
          const exported = Module.createRequire(project.entry)(project.entry);
          return typeof exported === "function" ? exported() : exported;
        },
      ),
    );
    resources = recording.resources;
    if (pulumi.log.hasErrors()) {
      const logged = diagnostics.filter((l) => l.startsWith("error:"));
      throw new ProgramError(
        `the program reported errors, which fail a preview:\n${logged.join("\n") || "(see program output)"}`,
      );
    }
  } catch (e) {
    if (e instanceof ProgramError) e.output = diagnostics;
    throw e;
  } finally {
    process.chdir(cwd);
    restoreOutput();
  }
  const programMs = Date.now() - started;
  let policiesMs = 0;
  const restore = captureOutput(diagnostics);
  let report: PolicyReport;
  try {
    const analyzer = await opts.analyzer;
    const started = Date.now();
    const diagnostics = await analyzer.analyze(
      {
        project: project.name,
        stack,
        dryRun: true,
        config: config.values,
        configSecretKeys: config.secretKeys,
      },
      resources,
    );
    policiesMs = Date.now() - started;
    report = toPolicyReport(diagnostics, resources);
  } finally {
    restore();
  }
  return {
    project,
    stack,
    stackFile: config.file,
    resources,
    violations: report.violations.filter((v) => !v.previewNote),
    notes: report.violations.filter((v) => v.previewNote),
    waived: report.waived,
    diagnostics,
    configNotes: config.notes,
    timings: { programMs, policiesMs },
  };
}
