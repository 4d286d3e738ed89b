// iam-users-federated (advisory) on Checkov CKV_AWS_273's fixture
// (bridgecrewio/checkov tests/terraform/checks/resource/aws/example_IAMUserNotUsedForAccess/iam.tf):
// every IAM user the program declares is reported, a role is not, and a user whose name is unknown
// at preview is still reported (the user exists whatever its name).
import { expect } from "chai";

import { iamUsersFederated } from "../../../policy-pack/policies/iam/federated-users";
import { IAM_ROLE, IAM_USER } from "../../../policy-pack/lib/types";
import { res } from "../fixture";
import { findingsOf, UNKNOWN } from "../fixtures/iam";

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});

describe("iam-users-federated", () => {
  it("is advisory and cites CKV_AWS_273", () => {
    expect(iamUsersFederated.enforcementLevel).to.equal("advisory");
    expect(JSON.stringify(iamUsersFederated)).to.contain("CKV_AWS_273");
  });

  describe("Compliance", () => {
    it("a role people or workloads assume draws no finding", async () => {
      const role = res(IAM_ROLE, "app", { name: "app", assumeRolePolicy: TRUST });
      expect(await findingsOf(iamUsersFederated, [role])).to.deep.equal([]);
    });
  });

  describe("Noncompliance", () => {
    it('CKV_AWS_273 aws_iam_user.bad: a user "example" under /system/', async () => {
      const user = res(IAM_USER, "bad", {
        name: "example",
        path: "/system/",
        tags: { "tag-key": "tag-value" },
      });
      expect(await findingsOf(iamUsersFederated, [user])).to.deep.equal([
        'IAM user "example" holds long-term credentials; sign people in through a federated identity.',
      ]);
    });
    it("a user whose name is unknown at preview is still reported", async () => {
      const user = res(IAM_USER, "later", { name: UNKNOWN });
      expect(await findingsOf(iamUsersFederated, [user])).to.deep.equal([
        "IAM user holds long-term credentials; sign people in through a federated identity.",
      ]);
    });
  });
});
