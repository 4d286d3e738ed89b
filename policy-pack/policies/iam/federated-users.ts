// People sign in through a federated identity (IAM Identity Center or an external identity
// provider), not as IAM users the program declares (advisory). An IAM user holds long-term
// credentials (a password, access keys); a federated session gets temporary ones. What a user may
// do is judged at mandatory level elsewhere (iam-no-user-policies, iam-user-access-keys advisory);
// this rule answers Checkov CKV_AWS_273, which fails every aws_iam_user.
// Sources: IAM User Guide, "Security best practices in IAM" ("Require human users to use
// federation with an identity provider to access AWS using temporary credentials"),
// https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html; Checkov
// checkov/terraform/checks/resource/aws/IAMUserNotUsedForAccess.py (bridgecrewio/checkov).
import { resourcePolicy } from "../../lib/define";
import { IAM_USER } from "../../lib/types";
import { awsDocs, checkov } from "../../lib/controls";
import { NATIVE_IAM_USER } from "../../lib/native/types";
import { peek } from "../../lib/values";

export const iamUsersFederated = resourcePolicy({
  name: "iam-users-federated",
  description:
    "The program declares no IAM users: people sign in through IAM Identity Center or another " +
    "identity provider and get temporary credentials, workloads assume roles.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Give people access through IAM Identity Center permission sets (or a SAML/OIDC provider and " +
    "a role), and workloads a role; remove the aws.iam.User. A user that must exist (a third " +
    "party that cannot federate) gets a waiver saying why.",
  references: [
    checkov("CKV_AWS_273"),
    awsDocs("IAM/latest/UserGuide/best-practices (require federation for human users)"),
  ],
  types: [IAM_USER, NATIVE_IAM_USER],
  check: (props, ctx) => {
    // The user exists whatever its name: a name unknown at preview changes only the message.
    const peeked = peek(() => props.name);
    const name = peeked.known && peeked.value ? `"${String(peeked.value)}" ` : "";
    ctx.report(
      `IAM user ${name}holds long-term credentials; sign people in through a federated identity.`,
    );
  },
});
