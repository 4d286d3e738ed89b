// The inline policies of one IAM user, role or group given as separate resources, summed against
// the identity's total (tools/lib/provider-checks/iam-inline-totals.ts): at the total and over it,
// by identity and provider, with a part unknown, and with imported policies.
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { refusedAcrossPhases } from "../../tools/lib/provider-checks";
import { policyOf } from "./provider-inputs-cases-limits";

const USER_POLICY = "aws:iam/userPolicy:UserPolicy";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
const meta = { stack: "dev", project: "p", outputs: {} };

type Part = { name: string; on?: unknown; size?: number; policy?: unknown; importId?: string };

/** Policy resources of `type`, each on identity `on` ("ci" unless given) with a document. */
function parts(type: string, by: string, list: Part[]) {
  return list.map(({ name, on = "ci", size = 100, policy, importId }) => {
    const r = handBuiltResource(type, name, { [by]: on, policy: policy ?? policyOf(size) }, meta);
    return importId ? { ...r, options: { ...r.options, importId } } : r;
  });
}

/** The refusals of one apply run: [resource name, words]. */
function refused(resources: ReturnType<typeof parts>) {
  return refusedAcrossPhases([{ phase: "apply", resources }]).map((r) => [
    r.resource.name,
    r.says.join("\n"),
  ]);
}

describe("IAM inline policies of one identity, summed across resources", () => {
  it("refuses the last policy that takes a user's, role's or group's total past its quota", () => {
    for (const [type, by, max] of [
      [USER_POLICY, "user", 2048],
      [ROLE_POLICY, "role", 10240],
      [GROUP_POLICY, "group", 5120],
    ] as const) {
      const half = max / 2;
      const at = [
        { name: "a", size: half },
        { name: "b", size: half },
      ];
      expect(refused(parts(type, by, at)), `${type} at ${max}`).to.deep.equal([]);
      const over = [
        { name: "a", size: half },
        { name: "b", size: half + 1 },
      ];
      expect(refused(parts(type, by, over)), `${type} over`).to.deep.equal([
        [
          "b",
          `the 2 inline policies of ${by} "ci" (a, b) are ${max + 1} characters without white ` +
            `space together, over the ${max} IAM takes per ${by}`,
        ],
      ]);
    }
  });

  it("sums only the policies of one identity", () => {
    const list = [
      { name: "a", size: 1500 },
      { name: "b", size: 1500, on: "deploy" },
    ];
    expect(refused(parts(USER_POLICY, "user", list))).to.deep.equal([]);
  });

  it("does not judge a total with a part unknown", () => {
    const unknownPolicy = [
      { name: "a", size: 1500 },
      { name: "b", size: 1500 },
      { name: "c", policy: UNKNOWN },
    ];
    expect(refused(parts(USER_POLICY, "user", unknownPolicy))).to.deep.equal([]);
    const unknownUser = [
      { name: "a", size: 1500 },
      { name: "b", size: 1500, on: UNKNOWN },
    ];
    expect(refused(parts(USER_POLICY, "user", unknownUser))).to.deep.equal([]);
  });

  it("leaves a policy over the quota alone to its own refusal", () => {
    const list = [
      { name: "a", size: 2049 },
      { name: "b", size: 100 },
    ];
    const words = refused(parts(USER_POLICY, "user", list)).map(([, says]) => says);
    expect(words).to.have.length(1);
    expect(words[0]).to.include("over the 2048 of a user's inline policies");
  });

  it("counts an imported policy in the total, and refuses only one pulumi up creates", () => {
    const created = [
      { name: "a", size: 1500 },
      { name: "b", size: 1500, importId: "ci:b" },
    ];
    expect(refused(parts(USER_POLICY, "user", created)).map(([name]) => name)).to.deep.equal([
      "a",
    ]);
    const imported = [
      { name: "a", size: 1500, importId: "ci:a" },
      { name: "b", size: 1500, importId: "ci:b" },
    ];
    expect(refused(parts(USER_POLICY, "user", imported))).to.deep.equal([]);
  });
});
