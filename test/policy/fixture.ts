// Fixtures for policy tests: hand-built recorded resources, evaluated through the in-process runner
// (props wrapped with `unknownCheckingProxy`, stack policies given outputs with property
// dependencies resolved), so tests see what `pulumi preview` would show a policy. Every evaluation
// is also recorded and, after the last suite, replayed through the policy pack's own process as
// the offline check runs it (../analyzer.ts): any difference fails the run.
import { expect } from "chai";
import * as path from "path";
import type { RecordedResource } from "../../tools/lib/recorder";
import { frameOf } from "../../tools/lib/engine/frame-of";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { allPolicies } from "../../policy-pack/policies";
import { AnyPolicy, PackConfig, PolicyReport, runPolicies } from "../../tools/lib/policy-runner";
import { recordFixtureCase, snapshot } from "../analyzer";

/** The wire sentinel for a value unknown at preview. */
export { UNKNOWN } from "../../tools/lib/engine/wire";

/** What a run with no finding and no preview note gives (the `run` helpers' result). */
export const clean = { violations: [], notes: [] };

export interface FixtureOptions {
  /** Outputs for stack policies; defaults to the inputs (as at preview). */
  readonly outputs?: Record<string, any>;
  readonly parent?: RecordedResource;
  /** Property name → resources it was built from (what the engine sends as propertyDependencies). */
  readonly refs?: Record<string, RecordedResource[]>;
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  readonly custom?: boolean;
}

/** A recorded resource as the program would have registered it. */
export function res(
  type: string,
  name: string,
  inputs: Record<string, any>,
  opts: FixtureOptions = {},
): RecordedResource {
  return handBuiltResource(type, name, inputs, {
    stack: "test",
    project: "platform",
    outputs: opts.outputs ?? inputs,
    parent: opts.parent,
    refs: opts.refs,
    custom: opts.custom,
    options: { protect: opts.protect ?? false, retainOnDelete: opts.retainOnDelete ?? false },
  });
}

/** What names a fixture evaluation whose asker is not found on the stack. */
const UNKNOWN_SPEC = "a policy spec";

/**
 * The place (`test/…/name.spec.ts:line`, from the repository's root) of the innermost spec frame
 * on the stack: the spec that asked for an evaluation, to name it in a replay failure. A helper that
 * registers a test calls this when it is called (the spec is on the stack then, not when the test
 * runs) and passes the place on as `where`.
 */
export function specLocation(): string {
  const root = path.resolve(__dirname, "..", "..");
  for (const line of (new Error().stack ?? "").split("\n").slice(2)) {
    const frame = frameOf(line);
    if (frame?.file.endsWith(".spec.ts")) {
      return `${path.relative(root, frame.file).split(path.sep).join("/")}:${frame.line}`;
    }
  }
  return UNKNOWN_SPEC;
}

/**
 * Runs policies over the fixture resources. `where` names the spec that asked (default: the
 * innermost spec frame on the stack, see `specLocation`).
 */
export async function evaluate(
  policies: AnyPolicy | readonly AnyPolicy[],
  resources: readonly RecordedResource[],
  config: PackConfig = {},
  where: string = specLocation(),
): Promise<PolicyReport> {
  const list = Array.isArray(policies) ? policies : [policies as AnyPolicy];
  const input = snapshot(resources, config);
  try {
    const report = await runPolicies(list, resources, config);
    recordFixtureCase({ where, policies: list, ...input, outcome: { report } });
    return report;
  } catch (e) {
    recordFixtureCase({ where, policies: list, ...input, outcome: { error: String(e) } });
    throw e;
  }
}

/** Findings that are real violations (not "can't run during preview" notes). */
export async function violations(
  policies: AnyPolicy | readonly AnyPolicy[],
  resources: readonly RecordedResource[],
  config: PackConfig = {},
): Promise<string[]> {
  const report = await evaluate(policies, resources, config);
  return report.violations.filter((v) => !v.previewNote).map((v) => `${v.name}: ${v.detail}`);
}

/** The preview notes (unknown values) a run produced. */
export async function previewNotes(
  policies: AnyPolicy | readonly AnyPolicy[],
  resources: readonly RecordedResource[],
): Promise<string[]> {
  const report = await evaluate(policies, resources);
  return report.violations.filter((v) => v.previewNote).map((v) => v.detail);
}

/** An IAM policy document holding `statements`, as the JSON string a `policy` input takes. */
export function policyJson(...statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** The pack's policy named `name`; throws for a name the pack does not have. */
export function policy(name: string): AnyPolicy {
  const found = allPolicies.find((p) => p.name === name);
  if (!found) throw new Error(`no policy ${name}`);
  return found;
}

/**
 * Asserts that `policies` find nothing in `resources`: no violation and no preview note. `where`
 * names the asking spec, in the failure message too (see `evaluate`).
 */
export async function expectClean(
  policies: AnyPolicy | readonly AnyPolicy[],
  resources: readonly RecordedResource[],
  config: PackConfig = {},
  where?: string,
): Promise<void> {
  const report = await evaluate(policies, resources, config, where);
  const names = (Array.isArray(policies) ? policies : [policies as AnyPolicy])
    .map((p) => p.name)
    .join(", ");
  const label = where === undefined ? names : `${names} (${where})`;
  expect(
    report.violations.filter((v) => !v.previewNote).map((v) => `${v.name}: ${v.detail}`),
    label,
  ).to.deep.equal([]);
  expect(
    report.violations.filter((v) => v.previewNote).map((v) => v.detail),
    label,
  ).to.deep.equal([]);
}

/** The enforcement levels of what the pack's policy `name` finds (preview notes left out). */
export async function levelsOf(
  name: string,
  resources: RecordedResource | readonly RecordedResource[],
): Promise<string[]> {
  const report = await evaluate(policy(name), Array.isArray(resources) ? resources : [resources]);
  return report.violations.filter((v) => !v.previewNote).map((v) => v.enforcementLevel);
}

/** The violations the pack's policy `name` finds in `resources` (preview notes left out). */
export function violationsOf(
  name: string,
  resources: readonly RecordedResource[],
  config: PackConfig = {},
): Promise<string[]> {
  return violations(policy(name), resources, config);
}
