// The shared parts of a rule's spec, laid out as cdk-nag's rule tests are: a Noncompliance block
// that breaks the compliant fixture one field at a time, and a Compliance block in which the
// untouched fixture passes.
import type { RecordedResource } from "../../tools/lib/recorder";
import type { AnyPolicy } from "../../tools/lib/policy-runner";
import { expectClean, policy } from "./fixture";

/** A Compliance test: its title, and the untouched fixture (built when the test runs). */
export type Compliant = readonly [title: string, resources: () => readonly RecordedResource[]];

/**
 * A rule spec's Compliance block: one test, titled `title`, that the untouched fixture
 * (`resources()`, built when the test runs) gives the rule (the pack's policy of that name, or the
 * policy itself) no violation and no preview note.
 */
export function compliance(
  title: string,
  rule: string | AnyPolicy,
  resources: () => readonly RecordedResource[],
): void {
  describe("Compliance", () => {
    it(title, () => expectClean(typeof rule === "string" ? policy(rule) : rule, resources()));
  });
}

/**
 * The spec of the pack's policy `name`: `describe(name)` holding a Noncompliance block, one test
 * per entry of `noncompliance` (title → body, given the rule's name), then the Compliance block of
 * `compliance()` for `compliant`.
 */
export function ruleSpec(
  name: string,
  compliant: Compliant,
  noncompliance: Readonly<Record<string, (name: string) => Promise<void>>>,
): void {
  describe(name, () => {
    describe("Noncompliance", () => {
      for (const [title, body] of Object.entries(noncompliance)) it(title, () => body(name));
    });
    compliance(compliant[0], name, compliant[1]);
  });
}
