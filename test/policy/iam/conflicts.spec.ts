// A role's inline and managed policies are managed one way: by the role's own arguments or by
// separate RolePolicy / attachment resources, never both.
import { expect } from "chai";
import {
  IAM_ROLE,
  IAM_ROLE_POLICY,
  IAM_ROLE_POLICY_ATTACHMENT,
} from "../../../policy-pack/lib/types";
import { res, UNKNOWN } from "../fixture";
import { ACCOUNT, ecsTrust, goodDoc, iamRole, of } from "../fixtures/iam";

const P = "iam-role-no-policy-management-conflicts";

describe("iam-role-no-policy-management-conflicts", () => {
  describe("Noncompliance", () => {
    it("reports inlinePolicies together with a RolePolicy, and managedPolicyArns with an attachment", async () => {
      const r = iamRole("api", { managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/base`] });
      const inline = res(
        IAM_ROLE_POLICY,
        "extra",
        { role: UNKNOWN, policy: goodDoc },
        { refs: { role: [r] } },
      );
      const attach = res(IAM_ROLE_POLICY_ATTACHMENT, "extra-attach", {
        role: "api",
        policyArn: `arn:aws:iam::${ACCOUNT}:policy/p`,
      });
      const f = await of(P, [
        { ...r, inputs: { ...r.inputs, name: "api" }, outputs: { ...r.outputs, name: "api" } },
        inline,
        attach,
      ]);
      expect(f).to.have.length(2);
      expect(f.join("\n")).to.contain("inlinePolicies").and.contain("managedPolicyArns");
    });
  });

  describe("Compliance", () => {
    it("accepts a role whose computed outputs only reflect its separate resources (after a refresh)", async () => {
      const arn = `arn:aws:iam::${ACCOUNT}:policy/p`;
      const r = res(
        IAM_ROLE,
        "api",
        { assumeRolePolicy: JSON.stringify(ecsTrust), name: "api" },
        {
          outputs: {
            name: "api",
            assumeRolePolicy: JSON.stringify(ecsTrust),
            inlinePolicies: [{ name: "extra", policy: JSON.stringify(goodDoc) }],
            managedPolicyArns: [arn],
          },
        },
      );
      const inline = res(IAM_ROLE_POLICY, "extra", {
        name: "extra",
        role: "api",
        policy: goodDoc,
      });
      const attach = res(IAM_ROLE_POLICY_ATTACHMENT, "extra-attach", {
        role: "api",
        policyArn: arn,
      });
      expect(await of(P, [r, inline, attach])).to.deep.equal([]);
    });
    it("accepts separate resources when the role does not set the inline arguments", async () => {
      const r = res(
        IAM_ROLE,
        "api",
        { assumeRolePolicy: JSON.stringify(ecsTrust) },
        {
          outputs: {
            assumeRolePolicy: JSON.stringify(ecsTrust),
            inlinePolicies: UNKNOWN,
            managedPolicyArns: UNKNOWN,
          },
        },
      );
      const inline = res(
        IAM_ROLE_POLICY,
        "p",
        { role: UNKNOWN, policy: goodDoc },
        { refs: { role: [r] } },
      );
      expect(await of(P, [r, inline])).to.deep.equal([]);
    });
  });
});
