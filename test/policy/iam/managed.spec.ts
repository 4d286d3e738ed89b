// iam-managed-policy-allowlist on Checkov CKV_AWS_274 (IAMManagedAdminPolicy), CKV2_AWS_56
// (IAMManagedIAMFullAccessPolicy) and cdk-nag AwsSolutions-IAM4, with the default allow-list of
// AWS's narrow execution-role policies.
import { expect } from "chai";

import { managedPolicyAllowlist } from "../../../policy-pack/policies/iam/managed";
import { res } from "../fixture";
import { findingsOf, trustingRole } from "../fixtures/iam";
import {
  IAM_GROUP_POLICY_ATTACHMENT,
  IAM_POLICY_ATTACHMENT,
  IAM_ROLE,
  IAM_ROLE_POLICY_ATTACHMENT,
  IAM_USER_POLICY_ATTACHMENT,
  SSO_MANAGED_POLICY_ATTACHMENT,
} from "../../../policy-pack/lib/types";

const P = "iam-managed-policy-allowlist";
const LAMBDA_BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
const attach = (policyArn: string, type: string = IAM_ROLE_POLICY_ATTACHMENT) =>
  res(type, "attach", { role: "app", policyArn });
const role = trustingRole([
  { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
]);

describe("iam-managed-policy-allowlist", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_274: AdministratorAccess on a role, a user, a group, a PolicyAttachment, Role.managedPolicyArns and an SSO permission set", async () => {
      const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
      for (const r of [
        attach(admin),
        res(IAM_USER_POLICY_ATTACHMENT, "u", { user: "u", policyArn: admin }),
        res(IAM_GROUP_POLICY_ATTACHMENT, "g", { group: "g", policyArn: admin }),
        res(IAM_POLICY_ATTACHMENT, "p", { roles: ["app"], policyArn: admin }),
        res(IAM_ROLE, "r", { assumeRolePolicy: "{}", managedPolicyArns: [admin] }),
        res(SSO_MANAGED_POLICY_ATTACHMENT, "sso", {
          instanceArn: "arn:aws:sso:::instance/ssoins-0123456789abcdef",
          permissionSetArn:
            "arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef",
          managedPolicyArn: admin,
        }),
      ]) {
        expect(await findingsOf(managedPolicyAllowlist, [role, r]), r.type).to.have.length(1);
      }
    });
    it("CKV2_AWS_56 IAMFullAccess, PowerUserAccess and *FullAccess stay findings, in any partition", async () => {
      for (const arn of [
        "arn:aws:iam::aws:policy/IAMFullAccess",
        "arn:aws:iam::aws:policy/PowerUserAccess",
        "arn:aws:iam::aws:policy/AmazonS3FullAccess",
        "arn:aws-us-gov:iam::aws:policy/AdministratorAccess",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
      ]) {
        expect(await findingsOf(managedPolicyAllowlist, [role, attach(arn)]), arn).to.have.length(
          1,
        );
      }
    });
    it("config tightens the default: allowedManagedPolicies [] accepts no AWS-managed policy", async () => {
      expect(
        await findingsOf(managedPolicyAllowlist, [role, attach(LAMBDA_BASIC)], {
          [P]: { allowedManagedPolicies: [] },
        }),
      ).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture: a customer-managed policy ARN", async () => {
      const r = attach("arn:aws:iam::123456789012:policy/app-policy");
      expect(await findingsOf(managedPolicyAllowlist, [role, r])).to.deep.equal([]);
    });
    it("AWS's execution-role policies are on the default allow-list, in any partition", async () => {
      for (const arn of [
        LAMBDA_BASIC,
        "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
        "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole",
      ]) {
        expect(await findingsOf(managedPolicyAllowlist, [role, attach(arn)]), arn).to.deep.equal(
          [],
        );
      }
    });
  });
});
