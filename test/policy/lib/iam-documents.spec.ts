// The IAM document machinery every document policy shares (../../../policy-pack/lib/iam/): the
// compliant stack passes every IAM policy, documents read as objects or JSON strings, unknown
// values become preview notes, never passes, and a waiver tag withholds only its own policy.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/iam";
import { IAM_ROLE_POLICY } from "../../../policy-pack/lib/types";
import { res, UNKNOWN } from "../fixture";
import {
  compliantStack,
  doc,
  goodDoc,
  goodStatements,
  iamRole,
  roleWith,
  runIam,
} from "../fixtures/iam";

describe("compliant fixtures", () => {
  it("pass every IAM policy, with no preview notes", async () => {
    const f = await runIam(compliantStack());
    expect(f.notes).to.deep.equal([]);
    // The only findings are the ones about user policies, which the fixture has on purpose.
    expect(f.all).to.deep.equal([
      "iam-no-user-policies: an inline policy is attached directly to a user.",
    ]);
  });

  it("pass with the document as an object, a JSON string, and Statement as a single object", async () => {
    for (const policy of [
      goodDoc,
      JSON.stringify(goodDoc),
      { Version: "2012-10-17", Statement: goodStatements[0] },
    ]) {
      const f = await runIam([res(IAM_ROLE_POLICY, "p", { role: "api", policy })]);
      expect(f.all, JSON.stringify(policy).slice(0, 40)).to.deep.equal([]);
    }
  });

  it("every policy carries metadata: description, level, severity, remediation, references", () => {
    for (const p of policies) {
      expect(p.name).to.match(/^iam-[a-z-]+$/);
      expect(p.description ?? "", p.name).to.have.length.above(20);
      expect(p.enforcementLevel, p.name).to.be.oneOf(["advisory", "mandatory"]);
      expect(p.severity, p.name).to.be.oneOf(["low", "medium", "high", "critical"]);
      expect(p.remediationSteps ?? "", p.name).to.have.length.above(20);
      expect((p as { tags?: string[] }).tags ?? [], p.name).to.have.length.above(0);
    }
  });
});

describe("values unknown at preview", () => {
  it("a document unknown as a whole is a preview note for each document policy, never a pass", async () => {
    const f = await runIam([res(IAM_ROLE_POLICY, "p", { role: "api", policy: UNKNOWN })]);
    expect(f.all).to.deep.equal([]);
    expect(f.notes.map((n) => n.split(":")[0])).to.include.members([
      "iam-no-wildcard-actions",
      "iam-no-resource-wildcard",
      "iam-passrole-scoped",
      "iam-no-privilege-escalation",
      "iam-kms-decrypt-scoped",
    ]);
    expect(f.notes[0]).to.contain("can't run policy");
  });
  it("a partly known document reports what is known and notes the unknown part", async () => {
    const r = iamRole("api", {
      inlinePolicies: [
        {
          name: "known-bad",
          policy: JSON.stringify(doc({ Effect: "Allow", Action: "*", Resource: "*" })),
        },
        { name: "pending", policy: UNKNOWN },
        { name: "half", policy: doc({ Effect: "Allow", Action: "s3:*", Resource: UNKNOWN }) },
      ],
    });
    const f = await runIam([r]);
    const wild = f.all.filter((x) => x.startsWith("iam-no-wildcard-actions"));
    expect(wild).to.have.length(2); // "*" in known-bad and "s3:*" in half (its Resource is unknown)
    expect(f.notes.some((n) => n.startsWith("iam-no-wildcard-actions"))).to.equal(true);
    expect(f.notes.some((n) => n.startsWith("iam-no-resource-wildcard"))).to.equal(true);
  });
  it('an unknown Resource element still lets a known "*" be reported', async () => {
    const r = roleWith(
      { Effect: "Allow", Action: "kms:Decrypt", Resource: ["*", UNKNOWN] },
      { asObject: true },
    );
    const f = await runIam([r]);
    expect(f.all.filter((x) => x.startsWith("iam-kms-decrypt-scoped"))).to.have.length(1);
  });
  it("an unknown trust policy is a preview note", async () => {
    const f = await runIam([iamRole("api", { assumeRolePolicy: UNKNOWN })]);
    expect(f.all).to.deep.equal([]);
    expect(f.notes.map((n) => n.split(":")[0])).to.include("iam-trust-policy-specific-principals");
  });
});

describe("waivers on IAM documents", () => {
  it("a waiver tag on a Role withholds its finding and reports it as waived", async () => {
    const tags = {
      Name: "break-glass",
      "waiver:iam-no-wildcard-actions":
        "Break-glass administrator role, reviewed quarterly (SEC-142)",
    };
    const r = roleWith({ Effect: "Allow", Action: "*", Resource: "*" }, { tags });
    const f = await runIam([r]);
    expect(f.all.filter((x) => x.startsWith("iam-no-wildcard-actions"))).to.deep.equal([]);
    expect(f.waived.filter((x) => x.startsWith("iam-no-wildcard-actions"))).to.have.length(1);
    // Other policies are not waived by it.
    expect(f.all.some((x) => x.startsWith("iam-no-privilege-escalation"))).to.equal(true);
  });
});
