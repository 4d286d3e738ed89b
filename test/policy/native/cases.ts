// The shared shape of the single-type aws-native cases (a compliant resource, broken one field at a
// time, and the property read unknown at preview) and the suite that runs them.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

export const KEY_ARN =
  "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
export const key = res(n.NATIVE_KMS_KEY, "data-key", { enableKeyRotation: true });

export interface Case {
  readonly rule: string;
  readonly type: string;
  readonly inputs: Record<string, unknown>;
  /** The property read, and whether it holds a key (referenced from the stack's key). */
  readonly prop: string;
  readonly keyed?: boolean;
  /** The rule reports the resource whatever it sets (no compliant form). */
  readonly alwaysReported?: string;
  /** An unknown value is still a value the program sets: reported, not a preview note. */
  readonly unknownIsSet?: boolean;
  /** The rule asks only whether the property is set: an unknown value is set, and passes. */
  readonly unknownPasses?: boolean;
  /** Each break: the fields changed, a fragment of the finding, and a title when the fields are long. */
  readonly broken: [Record<string, unknown>, string, string?][];
}

/** One describe block per case: compliant passes, each break is one finding, unknown is a note. */
export function runCases(title: string, cases: readonly Case[]): void {
  describe(title, () => {
    for (const c of cases) {
      const make = (over: Record<string, unknown> = {}) =>
        res(c.type, "s", { ...c.inputs, ...over }, c.keyed ? { refs: { [c.prop]: [key] } } : {});
      describe(`${c.type} (${c.rule})`, () => {
        if (c.alwaysReported !== undefined) {
          it("reported whatever it sets", async () => {
            const found = await violationsOf(c.rule, [key, make()]);
            expect(found).to.have.length(1);
            expect(found[0]).to.contain(c.alwaysReported);
          });
        } else {
          it("compliant: passes", async () => {
            await expectClean(policy(c.rule), [key, make()]);
          });
        }
        for (const [over, fragment, title] of c.broken) {
          const what = Object.entries(over).map(([k, v]) => `${k} ${JSON.stringify(v) ?? "unset"}`);
          it(`${title ?? what.join(", ")}: reported`, async () => {
            const found = await violationsOf(c.rule, [key, make(over)]);
            expect(found).to.have.length(1);
            expect(found[0]).to.contain(fragment);
          });
        }
        const reported = c.unknownIsSet || c.alwaysReported !== undefined;
        const outcome = reported
          ? "reported"
          : c.unknownPasses
            ? "set, so passes"
            : "a preview note";
        it(`${c.prop} unknown at preview: ${outcome}`, async () => {
          const other = res(n.NATIVE_SQS_QUEUE, "other", {});
          const unknown = { ...c.inputs, [c.prop]: UNKNOWN };
          const s = res(c.type, "s", unknown, { refs: { [c.prop]: [other] } });
          if (reported) {
            expect(await violationsOf(c.rule, [other, s])).to.have.length(1);
          } else if (c.unknownPasses) {
            await expectClean(policy(c.rule), [other, s]);
          } else {
            expect(await violationsOf(c.rule, [other, s])).to.deep.equal([]);
            expect(await previewNotes(policy(c.rule), [other, s])).to.have.length(1);
          }
        });
      });
    }
  });
}
