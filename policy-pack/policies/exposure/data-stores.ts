// Resource policies of Secrets Manager secrets, EFS file systems and S3 Glacier vaults that make
// them public (as S3 defines "public", ../../lib/public-policy.ts), and the settings that keep a
// public policy from being applied (Secrets Manager's blockPublicPolicy) or that skip the lockout
// safety check (EFS).
import { requireTrue, resourcePolicy } from "../../lib/define";
import { reportPublicPolicy } from "../../lib/public-policy";
import {
  EFS_FILE_SYSTEM_POLICY,
  GLACIER_VAULT,
  GLACIER_VAULT_LOCK,
  SECRETSMANAGER_SECRET,
  SECRETSMANAGER_SECRET_POLICY,
} from "../../lib/types";
import {
  NATIVE_EFS_FILE_SYSTEM,
  NATIVE_SECRETSMANAGER_RESOURCE_POLICY,
} from "../../lib/native/types";
import { awsDocs, checkov, kics } from "../../lib/controls";
import { flagOn } from "../../lib/values";

const PIN_HINT =
  'Name the principals (role or account ARNs) instead of "*", or add a StringEquals/ArnEquals ' +
  "condition with fixed values on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce or " +
  "aws:SourceArn.";

export const secretPolicyNotPublic = resourcePolicy({
  name: "secretsmanager-secret-policy-not-public",
  description:
    "No Secrets Manager resource policy (aws.secretsmanager.SecretPolicy or the secret's inline " +
    'policy) makes the secret public: no Allow to Principal "*" (or another unfixed principal) ' +
    "without a condition that pins it to known callers, and no Allow with NotPrincipal.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps: `${PIN_HINT} Keep blockPublicPolicy: true so Secrets Manager itself rejects a public policy.`,
  references: [
    kics("Secrets Manager With Vulnerable Policy"),
    awsDocs("secretsmanager/latest/userguide/auth-and-access_resource-policies"),
  ],
  types: [
    SECRETSMANAGER_SECRET_POLICY,
    SECRETSMANAGER_SECRET,
    NATIVE_SECRETSMANAGER_RESOURCE_POLICY,
  ],
  check: (props, ctx) => reportPublicPolicy(props.policy, "", ctx.report),
});

export const secretPolicyBlockPublic = resourcePolicy({
  name: "secretsmanager-secret-policy-block-public",
  description:
    "Secret policies set blockPublicPolicy: true, so Secrets Manager validates the policy (with " +
    "Zelkova) and refuses one that allows broad access. Advisory: the mandatory rule above judges " +
    "the policy itself.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: "Set `blockPublicPolicy: true` on the aws.secretsmanager.SecretPolicy.",
  references: [awsDocs("secretsmanager/latest/apireference/API_PutResourcePolicy")],
  types: [SECRETSMANAGER_SECRET_POLICY, NATIVE_SECRETSMANAGER_RESOURCE_POLICY],
  check: requireTrue("blockPublicPolicy", "a public policy would not be refused"),
});

export const efsFileSystemPolicyNotPublic = resourcePolicy({
  name: "efs-file-system-policy-not-public",
  description:
    "No EFS file system policy makes the file system public (an Allow to an unfixed principal " +
    "without a pinning condition, or with NotPrincipal), and none bypasses the policy lockout " +
    "safety check.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps: `${PIN_HINT} Leave bypassPolicyLockoutSafetyCheck unset (false).`,
  references: [
    kics("EFS With Vulnerable Policy"),
    awsDocs("efs/latest/ug/iam-access-control-nfs-efs (file system policies)"),
  ],
  // An aws-native FileSystem carries its policy inline (fileSystemPolicy).
  types: [EFS_FILE_SYSTEM_POLICY, NATIVE_EFS_FILE_SYSTEM],
  check: (props, ctx) => {
    // EFS API reference, PutFileSystemPolicy: BypassPolicyLockoutSafetyCheck "Setting it to true
    // increases the risk that the file system will be locked out."
    if (flagOn(props.bypassPolicyLockoutSafetyCheck)) {
      ctx.report("bypassPolicyLockoutSafetyCheck is true.");
    }
    reportPublicPolicy(props.policy, "", ctx.report);
  },
});

export const glacierVaultPolicyNotPublic = resourcePolicy({
  name: "glacier-vault-policy-not-public",
  description:
    "No S3 Glacier vault access policy (the vault's accessPolicy) or Vault Lock policy makes the " +
    "vault public: no Allow to an unfixed principal without a pinning condition, no NotPrincipal.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps: PIN_HINT,
  references: [checkov("CKV_AWS_167")],
  types: [GLACIER_VAULT, GLACIER_VAULT_LOCK],
  check: (props, ctx, args) =>
    reportPublicPolicy(
      args.type === GLACIER_VAULT ? props.accessPolicy : props.policy,
      "",
      ctx.report,
    ),
});
