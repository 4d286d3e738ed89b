// iam-no-privilege-escalation on grants scoped to the caller's own user through a policy
// variable: AWS's credential self-service example (IAM User Guide,
// reference_policies_examples_aws_my-sec-creds-self-manage) against KICS's
// user_with_privilege_escalation_by_actions_iam_attachuserpolicy / _iam_putuserpolicy, which flag
// self-attach whatever the resource.
import { expect } from "chai";
import {
  noCredentialsExposure,
  noPrivilegeEscalation,
} from "../../../policy-pack/policies/iam/escalation";
import { compliantPolicy, findingsOf, Stmt } from "../fixtures/iam";

const allow = (Action: string | string[], Resource: string | string[]): Stmt => ({
  Effect: "Allow",
  Action,
  Resource,
});

/** The caller's own user, through the policy variable AWS's self-service examples use. */
const SELF = "arn:aws:iam::*:user/${aws:username}";
/**
 * IAM User Guide, reference_policies_examples_aws_my-sec-creds-self-manage: the statements that
 * let a user manage its own password, access keys and MFA device on its own user ARN.
 */
const SELF_MANAGE: Stmt[] = [
  {
    Sid: "AllowViewAccountInfo",
    Effect: "Allow",
    Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
    Resource: "*",
  },
  {
    Sid: "AllowManageOwnPasswords",
    Effect: "Allow",
    Action: [
      "iam:ChangePassword",
      "iam:GetUser",
      "iam:CreateLoginProfile",
      "iam:DeleteLoginProfile",
      "iam:GetLoginProfile",
      "iam:UpdateLoginProfile",
    ],
    Resource: SELF,
  },
  {
    Sid: "AllowManageOwnAccessKeys",
    Effect: "Allow",
    Action: [
      "iam:CreateAccessKey",
      "iam:DeleteAccessKey",
      "iam:ListAccessKeys",
      "iam:UpdateAccessKey",
      "iam:GetAccessKeyLastUsed",
    ],
    Resource: SELF,
  },
  {
    Sid: "AllowManageOwnVirtualMFADevice",
    Effect: "Allow",
    Action: ["iam:CreateVirtualMFADevice"],
    Resource: "arn:aws:iam::*:mfa/*",
  },
  {
    Sid: "AllowManageOwnUserMFA",
    Effect: "Allow",
    Action: [
      "iam:DeactivateMFADevice",
      "iam:EnableMFADevice",
      "iam:ListMFADevices",
      "iam:ResyncMFADevice",
    ],
    Resource: SELF,
  },
  {
    Sid: "DenyAllExceptListedIfNoMFA",
    Effect: "Deny",
    NotAction: [
      "iam:CreateVirtualMFADevice",
      "iam:EnableMFADevice",
      "iam:GetUser",
      "iam:ListMFADevices",
      "iam:ListVirtualMFADevices",
      "iam:ResyncMFADevice",
      "sts:GetSessionToken",
    ],
    Resource: "*",
    Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
  },
];

describe("iam-no-privilege-escalation: the caller's own user", () => {
  describe("Noncompliance", () => {
    it("KICS user_with_privilege_escalation_by_actions_iam_attachuserpolicy / _iam_putuserpolicy: attaching or writing policies on the caller's own user (user/${aws:username})", async () => {
      for (const a of [
        "iam:AttachUserPolicy",
        "iam:PutUserPolicy",
        "iam:PutUserPermissionsBoundary",
      ]) {
        const f = await findingsOf(noPrivilegeEscalation, [compliantPolicy([allow(a, SELF)])]);
        expect(f, a).to.have.length(1);
        expect(f[0], a).to.contain(`(${a}) on the caller's own user`);
      }
    });
    it("self-attach added to AWS's self-manage example is still escalation", async () => {
      const s = allow(["iam:AttachUserPolicy"], "arn:aws:iam::123456789012:user/${aws:username}");
      const f = await findingsOf(noPrivilegeEscalation, [compliantPolicy([...SELF_MANAGE, s])]);
      expect(f.join()).to.contain("AttachUserPolicy").and.not.contain("CreateAccessKey");
    });
  });
  describe("Compliance", () => {
    it("IAM User Guide reference_policies_examples_aws_my-sec-creds-self-manage: credentials on the caller's own user", async () => {
      expect(await findingsOf(noPrivilegeEscalation, [compliantPolicy(SELF_MANAGE)])).to.deep.equal(
        [],
      );
      expect(await findingsOf(noCredentialsExposure, [compliantPolicy(SELF_MANAGE)])).to.deep.equal(
        [],
      );
    });
    it("policy variables that stand for a literal character (${*}) name no caller", async () => {
      const s = allow("iam:AttachUserPolicy", "arn:aws:iam::123456789012:user/name${*}");
      expect(await findingsOf(noPrivilegeEscalation, [compliantPolicy([s])])).to.deep.equal([]);
    });
  });
});
