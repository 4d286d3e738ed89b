// iam-no-user-policies (mandatory) on Checkov CKV_AWS_40, Trivy AWS-0143 (no_user_attached_policies)
// and KICS iam_policies_attached_to_user fixtures.
import { expect } from "chai";

import { noUserPolicies } from "../../../policy-pack/policies/iam/users";
import { res, UNKNOWN } from "../fixture";
import { ACCOUNT, findingsOf, goodDoc, of, run, runIam } from "../fixtures/iam";
import {
  IAM_POLICY_ATTACHMENT,
  IAM_USER_POLICIES_EXCLUSIVE,
  IAM_USER_POLICY,
  IAM_USER_POLICY_ATTACHMENT,
  IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE,
} from "../../../policy-pack/lib/types";
import type { RecordedResource } from "../../../tools/lib/recorder";

const ARN = "arn:aws:iam::123456789012:policy/p";
const groupAttachment = () =>
  res(IAM_POLICY_ATTACHMENT, "attach", { groups: ["devs"], users: [], policyArn: ARN });

describe("iam-no-user-policies", () => {
  describe("Noncompliance", () => {
    it("KICS iam_policies_attached_to_user: aws_iam_policy_attachment with users", async () => {
      const r = res(IAM_POLICY_ATTACHMENT, "attach", {
        users: ["alice"],
        groups: ["devs"],
        policyArn: ARN,
      });
      expect(await findingsOf(noUserPolicies, [r])).to.deep.equal([
        "the policy attachment includes users.",
      ]);
    });
    it("a user named beside an empty name", async () => {
      const r = res(IAM_POLICY_ATTACHMENT, "attach", { users: ["", "alice"], policyArn: ARN });
      expect(await findingsOf(noUserPolicies, [r])).to.have.length(1);
    });
    it("a user named beside a name unknown at preview, in either order", async () => {
      for (const users of [
        [UNKNOWN, "alice"],
        ["alice", UNKNOWN],
      ]) {
        const r = res(IAM_POLICY_ATTACHMENT, "attach", { groups: ["devs"], users, policyArn: ARN });
        expect(await findingsOf(noUserPolicies, [r]), JSON.stringify(users)).to.deep.equal([
          "the policy attachment includes users.",
        ]);
      }
    });
    it("users unknown at preview, or only blank beside unknown: a preview note, not a pass", async () => {
      for (const users of [UNKNOWN, [UNKNOWN], ["", UNKNOWN], [UNKNOWN, ""]]) {
        const r = res(IAM_POLICY_ATTACHMENT, "attach", { groups: ["devs"], users, policyArn: ARN });
        const { findings, notes } = await run(noUserPolicies, [r]);
        expect(findings, JSON.stringify(users)).to.deep.equal([]);
        expect(notes, JSON.stringify(users)).to.have.length(1);
      }
    });
    it("CKV_AWS_40 / Trivy AWS-0143: a user policy attachment and an inline user policy", async () => {
      expect(
        await findingsOf(noUserPolicies, [
          res(IAM_USER_POLICY_ATTACHMENT, "a", { user: "alice", policyArn: ARN }),
        ]),
      ).to.have.length(1);
      expect(
        await findingsOf(noUserPolicies, [
          res(IAM_USER_POLICY, "p", { user: "alice", policy: "{}" }),
        ]),
      ).to.have.length(1);
    });

    it("reports every way of attaching permissions to a user", async () => {
      const cases: RecordedResource[] = [
        res(IAM_USER_POLICY, "u1", { user: "u", policy: JSON.stringify(goodDoc) }),
        res(IAM_USER_POLICY_ATTACHMENT, "u2", {
          user: "u",
          policyArn: `arn:aws:iam::${ACCOUNT}:policy/p`,
        }),
        res(IAM_POLICY_ATTACHMENT, "u3", {
          users: ["u"],
          policyArn: `arn:aws:iam::${ACCOUNT}:policy/p`,
        }),
        res(IAM_USER_POLICIES_EXCLUSIVE, "u4", { userName: "u", policyNames: ["p"] }),
        res(IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE, "u5", {
          userName: "u",
          policyArns: [`arn:aws:iam::${ACCOUNT}:policy/p`],
        }),
      ];
      for (const c of cases) {
        const f = await runIam([c]);
        expect(f.all, c.type).to.have.length(1);
        expect(f.mandatory, c.type).to.deep.equal(f.all);
        expect(f.all[0]).to.match(new RegExp(`^iam-no-user-policies: `));
      }
      expect(
        await of("iam-no-user-policies", [
          res(IAM_POLICY_ATTACHMENT, "g", {
            groups: ["g"],
            users: [],
            policyArn: `arn:aws:iam::${ACCOUNT}:policy/p`,
          }),
        ]),
      ).to.deep.equal([]);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture: an attachment to a group only", async () => {
      expect(await findingsOf(noUserPolicies, [groupAttachment()])).to.deep.equal([]);
    });
    it('Regula valid_group_policy_attachment_blank_users: users [""] names no user (the provider drops empty names)', async () => {
      const r = res(IAM_POLICY_ATTACHMENT, "attach", {
        groups: ["devs"],
        users: [""],
        policyArn: ARN,
      });
      expect(await findingsOf(noUserPolicies, [r])).to.deep.equal([]);
    });
  });
});
