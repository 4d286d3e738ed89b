// The shared parts of a rule's spec, laid out as cdk-nag's rule tests are: a Noncompliance block
// that breaks the compliant fixture one field at a time, and a Compliance block in which the
// untouched fixture passes.
import type { RecordedResource } from "../../tools/lib/recorder";
import type { AnyPolicy } from "../../tools/lib/policy-runner";
import { expectClean, policy, specLocation } from "./fixture";

/** A Compliance test: its title, and the untouched fixture (built when the test runs). */
export type Compliant = readonly [title: string, resources: () => readonly RecordedResource[]];

/** The Compliance block of `compliance()`, its evaluation named by `where` (the asking spec). */
function complianceBlock(
  title: string,
  rule: string | AnyPolicy,
  resources: () => readonly RecordedResource[],
  where: string,
): void {
  describe("Compliance", () => {
    it(title, () =>
      expectClean(typeof rule === "string" ? policy(rule) : rule, resources(), {}, where),
    );
  });
}

/**
 * A rule spec's Compliance block: one test, titled `title`, that the untouched fixture
 * (`resources()`, built when the test runs) gives the rule (the pack's policy of that name, or the
 * policy itself) no violation and no preview note. The evaluation, and a failure, name the spec
 * file and line that called `compliance()`.
 */
export function compliance(
  title: string,
  rule: string | AnyPolicy,
  resources: () => readonly RecordedResource[],
): void {
  complianceBlock(title, rule, resources, specLocation());
}

/**
 * The spec of the pack's policy `name`: `describe(name)` holding a Noncompliance block, one test
 * per entry of `noncompliance` (title → body, given the rule's name), then the Compliance block of
 * `compliance()` for `compliant`, named by the spec file and line that called `ruleSpec()`.
 * Throws for an empty `noncompliance`: a rule spec breaks the fixture at least once.
 */
export function ruleSpec(
  name: string,
  compliant: Compliant,
  noncompliance: Readonly<Record<string, (name: string) => Promise<void>>>,
): void {
  const where = specLocation();
  if (Object.keys(noncompliance).length === 0) {
    throw new Error(
      `ruleSpec("${name}") at ${where}: the Noncompliance table is empty. Give at least one ` +
        "test that breaks the compliant fixture (title → body), or call compliance() for a " +
        "Compliance block alone.",
    );
  }
  describe(name, () => {
    describe("Noncompliance", () => {
      for (const [title, body] of Object.entries(noncompliance)) it(title, () => body(name));
    });
    complianceBlock(compliant[0], name, compliant[1], where);
  });
}
