// iam-managed-policy-allowlist on Checkov CKV_AWS_274 (IAMManagedAdminPolicy), CKV2_AWS_56
// (IAMManagedIAMFullAccessPolicy) and cdk-nag AwsSolutions-IAM4, with the default allow-list of
// AWS's narrow execution-role policies.
import { expect } from "chai";

import { managedPolicyAllowlist } from "../../../policy-pack/policies/iam/managed";
import { res } from "../fixture";
import { findingsOf, goodDoc, iamRole, of, runIam, trustingRole, UNKNOWN } from "../fixtures/iam";
import * as T from "../../../policy-pack/lib/types";
import type { RecordedResource } from "../../../tools/lib/recorder";

const P = "iam-managed-policy-allowlist";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const LAMBDA_BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
const attach = (policyArn: string, type: string = T.IAM_ROLE_POLICY_ATTACHMENT) =>
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
        res(T.IAM_USER_POLICY_ATTACHMENT, "u", { user: "u", policyArn: admin }),
        res(T.IAM_GROUP_POLICY_ATTACHMENT, "g", { group: "g", policyArn: admin }),
        res(T.IAM_POLICY_ATTACHMENT, "p", { roles: ["app"], policyArn: admin }),
        res(T.IAM_ROLE, "r", { assumeRolePolicy: "{}", managedPolicyArns: [admin] }),
        res(T.SSO_MANAGED_POLICY_ATTACHMENT, "sso", {
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
        // Reads every repository's images, policies and lifecycle: the pull-only policy suffices.
        "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
      ]) {
        expect(await findingsOf(managedPolicyAllowlist, [role, attach(arn)]), arn).to.have.length(
          1,
        );
      }
    });
    it("AmazonSSMManagedInstanceCore stays a finding by default: it reads every parameter of the account (ssm:GetParameter on *)", async () => {
      const ssmCore = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
      const findings = await findingsOf(managedPolicyAllowlist, [role, attach(ssmCore)]);
      expect(findings).to.have.length(1);
      expect(findings[0]).to.contain("AmazonSSMManagedInstanceCore");
      const accepted = {
        allowedManagedPolicies: [
          { arn: ssmCore, reason: "Session Manager on hosts that read no parameters" },
        ],
      };
      expect(
        await findingsOf(managedPolicyAllowlist, [role, attach(ssmCore)], { [P]: accepted }),
      ).to.deep.equal([]);
    });
    it("AWSBackupServiceRolePolicyForBackup stays a finding by default: it can share snapshots (ec2:ModifySnapshotAttribute, rds:ModifyDBSnapshotAttribute)", async () => {
      const backup = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup";
      expect(await findingsOf(managedPolicyAllowlist, [role, attach(backup)])).to.have.length(1);
      const accepted = {
        allowedManagedPolicies: [{ arn: backup, reason: "AWS Backup's default service role" }],
      };
      expect(
        await findingsOf(managedPolicyAllowlist, [role, attach(backup)], { [P]: accepted }),
      ).to.deep.equal([]);
    });
    it("config tightens the default: allowedManagedPolicies [] accepts no AWS-managed policy", async () => {
      expect(
        await findingsOf(managedPolicyAllowlist, [role, attach(LAMBDA_BASIC)], {
          [P]: { allowedManagedPolicies: [] },
        }),
      ).to.have.length(1);
    });

    it("reports AWS-managed policies on every attachment type", async () => {
      const r = iamRole("api");
      const cases: RecordedResource[] = [
        res(T.IAM_ROLE_POLICY_ATTACHMENT, "a1", { role: "api", policyArn: ADMIN }),
        res(T.IAM_USER_POLICY_ATTACHMENT, "a2", { user: "u", policyArn: ADMIN }),
        res(T.IAM_GROUP_POLICY_ATTACHMENT, "a3", { group: "g", policyArn: ADMIN }),
        res(T.IAM_POLICY_ATTACHMENT, "a4", { roles: ["api"], policyArn: ADMIN }),
        iamRole("managed", { managedPolicyArns: [ADMIN] }),
        res(T.IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE, "a6", {
          roleName: "api",
          policyArns: [ADMIN],
        }),
        res(T.IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE, "a7", { userName: "u", policyArns: [ADMIN] }),
        res(T.IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE, "a8", {
          groupName: "g",
          policyArns: [ADMIN],
        }),
      ];
      for (const c of cases)
        expect(await of("iam-managed-policy-allowlist", [r, c]), c.type).to.have.length(1);
    });
    it("a policy ARN unknown at preview: fine when built from a customer Policy, a preview note otherwise", async () => {
      const customer = res(T.IAM_POLICY, "custom", { policy: JSON.stringify(goodDoc) });
      const other = res(T.SSM_PARAMETER, "arn-param", { value: UNKNOWN });
      const viaPolicy = res(
        T.IAM_ROLE_POLICY_ATTACHMENT,
        "a",
        { role: "api", policyArn: UNKNOWN },
        { refs: { policyArn: [customer] } },
      );
      const viaOther = res(
        T.IAM_ROLE_POLICY_ATTACHMENT,
        "b",
        { role: "api", policyArn: UNKNOWN },
        { refs: { policyArn: [other] } },
      );
      const f = await runIam([customer, other, viaPolicy, viaOther]);
      expect(f.all.filter((x) => x.startsWith("iam-managed-policy-allowlist"))).to.deep.equal([]);
      expect(f.notes.filter((x) => x.startsWith("iam-managed-policy-allowlist"))).to.have.length(1);
    });
    it("a waiver tag on the attached role withholds the finding and lists it as waived", async () => {
      const r = iamRole("admin", {
        tags: {
          [`waiver:iam-managed-policy-allowlist`]:
            "Break-glass role, reviewed in SEC-142 every quarter",
        },
      });
      const attach = res(
        T.IAM_ROLE_POLICY_ATTACHMENT,
        "admin-attach",
        { role: UNKNOWN, policyArn: ADMIN },
        { refs: { role: [r] } },
      );
      const f = await runIam([r, attach]);
      expect(f.all.filter((x) => x.startsWith("iam-managed-policy-allowlist"))).to.deep.equal([]);
      expect(f.waived).to.have.length(1);
      expect(f.waived[0]).to.contain("AdministratorAccess");
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture: a customer-managed policy ARN", async () => {
      const r = attach("arn:aws:iam::123456789012:policy/app-policy");
      expect(await findingsOf(managedPolicyAllowlist, [role, r])).to.deep.equal([]);
    });
    it("AWS's execution-role and required service-role policies are on the default allow-list, in any partition", async () => {
      for (const arn of [
        LAMBDA_BASIC,
        "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
        "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole",
        // pulumi-aws examples/job-queue: the ECS container instance role of a Batch compute environment.
        "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
        // The EKS User Guide's cluster and node roles.
        "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
        "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
        "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
        "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
        // The role rds-enhanced-monitoring asks for (RDS User Guide, "Setting up and enabling
        // Enhanced Monitoring").
        "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
      ]) {
        expect(await findingsOf(managedPolicyAllowlist, [role, attach(arn)]), arn).to.deep.equal(
          [],
        );
      }
    });

    it("accepts an allow-listed policy with a reason, not one without", async () => {
      const attach = res(T.IAM_ROLE_POLICY_ATTACHMENT, "a", {
        role: "api",
        policyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
      });
      const ok = {
        allowedManagedPolicies: [
          {
            arn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
            reason: "AWS maintains the ECR/Logs pull permissions",
          },
        ],
      };
      expect(
        await of("iam-managed-policy-allowlist", [attach], {
          "iam-managed-policy-allowlist": ok,
        }),
      ).to.deep.equal([]);
      const noReason = {
        allowedManagedPolicies: [
          {
            arn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
            reason: "",
          },
        ],
      };
      // The CLI validates the config against the policy's schema before anything runs.
      const rejected = await of("iam-managed-policy-allowlist", [attach], {
        "iam-managed-policy-allowlist": noReason,
      }).then(
        () => "accepted",
        (e: Error) => e.message,
      );
      expect(rejected).to.equal(
        `validating policy config: platform-guardrails 0.1.0  iam-managed-policy-allowlist: allowedManagedPolicies.0.reason: String length must be greater than or equal to 10`,
      );
    });
  });
});
