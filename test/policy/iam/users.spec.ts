// iam-no-user-policies (advisory) on Checkov CKV_AWS_40, Trivy AWS-0143 (no_user_attached_policies)
// and KICS iam_policies_attached_to_user fixtures.
import { expect } from "chai";

import { noUserPolicies } from "../../../policy-pack/policies/iam/users";
import { res } from "../fixture";
import { findingsOf } from "../fixtures/iam";
import {
  IAM_POLICY_ATTACHMENT,
  IAM_USER_POLICY,
  IAM_USER_POLICY_ATTACHMENT,
} from "../../../policy-pack/lib/types";

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
  });
  describe("Compliance", () => {
    it("the untouched fixture: an attachment to a group only", async () => {
      expect(await findingsOf(noUserPolicies, [groupAttachment()])).to.deep.equal([]);
    });
  });
});
