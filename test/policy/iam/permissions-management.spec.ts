// iam-no-unscoped-permissions-management on Checkov's CloudsplainingPermissionsManagement fixtures
// (CKV_AWS_109, and CKV_AWS_289 on aws_iam_policy).
import { expect } from "chai";
import { noUnscopedPermissionsManagement } from "../../../policy-pack/policies/iam/permissions-management";
import {
  findingsOf,
  of,
  rolePolicy,
  roleWith,
  run,
  STACK_ARN_STATEMENT,
  compliantPolicy,
} from "../fixtures/iam";

describe("iam-no-unscoped-permissions-management", () => {
  describe("Noncompliance", () => {
    it('CKV_AWS_109 / CKV_AWS_289 fail: "iam:*" on "*"', async () => {
      const f = await findingsOf(noUnscopedPermissionsManagement, [
        compliantPolicy([{ Effect: "Allow", Action: ["iam:*"], Resource: ["*"] }]),
      ]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain("permissions-management action(s)");
    });
    it("s3:PutBucketPolicy on every bucket", async () => {
      const f = await findingsOf(noUnscopedPermissionsManagement, [
        compliantPolicy([
          { Effect: "Allow", Action: "s3:PutBucketPolicy", Resource: "arn:aws:s3:::*" },
        ]),
      ]);
      expect(f[0]).to.contain("s3:PutBucketPolicy");
    });
    it("reports the known-bad statement of a document that also names a stack ARN unknown at preview", async () => {
      const r = rolePolicy([
        { Effect: "Allow", Action: "kms:CreateGrant", Resource: "*" },
        STACK_ARN_STATEMENT,
      ]);
      expect((await run(noUnscopedPermissionsManagement, [r])).findings).to.have.length(1);
    });

    // Permissions management on unscoped resources moved to its own rule (it exposes resources; it
    // does not escalate the principal's own privileges), iam-no-unscoped-permissions-management.
    it("reports permissions-management actions on all resources (from the data set's access levels)", async () => {
      const f = await of("iam-no-unscoped-permissions-management", [
        roleWith({ Effect: "Allow", Action: "s3:PutBucketPolicy", Resource: "arn:aws:s3:::*" }),
      ]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain("permissions-management action(s)").and.contain("s3:PutBucketPolicy");
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture", async () => {
      expect(await findingsOf(noUnscopedPermissionsManagement, [compliantPolicy()])).to.deep.equal(
        [],
      );
    });
    it('CKV_AWS_109 pass: "s3:*" on one bucket (its wildcard is iam-no-wildcard-actions\' finding)', async () => {
      const s = { Effect: "Allow", Action: ["s3:*"], Resource: ["arn:aws:s3:::example"] };
      expect(
        await findingsOf(noUnscopedPermissionsManagement, [compliantPolicy([s])]),
      ).to.deep.equal([]);
    });
    it("escalation actions are left to iam-no-privilege-escalation", async () => {
      const s = { Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" };
      expect(
        await findingsOf(noUnscopedPermissionsManagement, [compliantPolicy([s])]),
      ).to.deep.equal([]);
    });
  });
});
