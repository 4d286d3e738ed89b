// The shared parts of a rule's spec (Noncompliance and Compliance cases, as cdk-nag's rule tests
// are laid out): the Compliance block in which the untouched fixture passes.
import type { RecordedResource } from "../../tools/lib/recorder";
import { expectClean, policy } from "./fixture";

/**
 * A rule spec's Compliance block: one test, titled `title`, that the untouched fixture
 * (`resources()`, built when the test runs) gives the pack's policy `name` no violation and no
 * preview note.
 */
export function compliance(
  title: string,
  name: string,
  resources: () => readonly RecordedResource[],
): void {
  describe("Compliance", () => {
    it(title, () => expectClean(policy(name), resources()));
  });
}
