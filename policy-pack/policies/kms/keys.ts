// KMS key rules: automatic rotation, an explicit key policy without unnarrowed wildcard
// principals (and no lockout-check bypass), a deletion waiting period, and a description.
import type { PolicyResource } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "../../lib/define";
import { reportPublicPolicy } from "../../lib/public-policy";
import {
  KMS_EXTERNAL_KEY,
  KMS_KEY,
  KMS_KEY_POLICY,
  KMS_REPLICA_EXTERNAL_KEY,
  KMS_REPLICA_KEY,
} from "../../lib/types";
import { NATIVE_KMS_KEY } from "../../lib/native/types";
import {
  awsDocs,
  awsGuard,
  cdkNag,
  checkov,
  compliancePolicies,
  fsbp,
  kics,
  trivy,
} from "../../lib/controls";
import { flagOn } from "../../lib/values";
const KEY_TYPES = [KMS_KEY, KMS_REPLICA_KEY, KMS_EXTERNAL_KEY, KMS_REPLICA_EXTERNAL_KEY];

export const keyRotationEnabled = resourcePolicy({
  name: "kms-key-rotation-enabled",
  description:
    "Symmetric customer-managed KMS keys have automatic rotation on (rotationPeriodInDays, if set, 90-2560).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set enableKeyRotation: true on the aws.kms.Key (default period 365 days; rotationPeriodInDays " +
    "must be between 90 and 2560); leave it unset on asymmetric, HMAC and custom-key-store keys, " +
    "which KMS cannot rotate.",
  references: [
    awsGuard("cmk-backing-key-rotation-enabled"),
    cdkNag("AwsSolutions-KMS5"),
    checkov("CKV_AWS_7"),
    kics("CMK Rotation Disabled"),
    trivy("AWS-0065"),
    fsbp("KMS.4"),
    compliancePolicies("aws-kms-key-enable-key-rotation"),
  ],
  types: [KMS_KEY, NATIVE_KMS_KEY],
  check: (props, ctx) => {
    // KMS API reference, EnableKeyRotation: "Automatic key rotation is supported only on symmetric
    // encryption KMS keys. You cannot enable automatic rotation of asymmetric KMS keys, HMAC KMS
    // keys, KMS keys with imported key material, or KMS keys in a custom key store."
    const spec = props.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    const usage = props.keyUsage ?? "ENCRYPT_DECRYPT";
    const external = Boolean(props.customKeyStoreId || props.xksKeyId);
    if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT" || external) {
      // Such a key cannot rotate, and asking for it fails the deployment (EnableKeyRotation:
      // UnsupportedOperationException); KICS "CMK Rotation Disabled" fails an RSA key with
      // enable_key_rotation = true (Checkmarx/kics cmk_rotation_disabled test/positive5.tf).
      if (flagOn(props.enableKeyRotation)) {
        const what = external ? "a key in a custom key store" : `a ${spec} ${usage} key`;
        ctx.report(`enableKeyRotation is true on ${what}, which KMS cannot rotate.`);
      }
      return;
    }
    if (!flagOn(props.enableKeyRotation)) {
      ctx.report("automatic key rotation is off (enableKeyRotation is not true).");
    }
    // EnableKeyRotation: RotationPeriodInDays defaults to 365 and must be 90-2560 (AWS CDK
    // validates the same range before deploying).
    const period = props.rotationPeriodInDays;
    if (period !== undefined && period !== null && !(period >= 90 && period <= 2560)) {
      ctx.report(`rotationPeriodInDays ${period} is outside 90-2560.`);
    }
  },
});

export const keyPolicyNoWildcard = stackPolicy({
  name: "kms-key-policy-no-wildcard-principal",
  description:
    "Every KMS key has an explicit key policy (on the key or an aws.kms.KeyPolicy) that grants " +
    'nothing to Principal "*" without a narrowing condition, and no policy bypasses the lockout check.',
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Give the key an explicit policy (aws.iam.getPolicyDocumentOutput) that separates key " +
    "administrators from key users, names its principals, limits service use with kms:ViaService / " +
    "kms:CallerAccount or aws:SourceArn, and leave bypassPolicyLockoutSafetyCheck unset.",
  references: [
    checkov("CKV_AWS_33"),
    checkov("CKV2_AWS_64"),
    kics("KMS Key With Full Permissions"),
    kics("KMS Key With Vulnerable Policy"),
    fsbp("KMS.5"),
    compliancePolicies("aws-kms-key-disallow-bypass-policy-lockout-safety-check"),
  ],
  types: [...KEY_TYPES, KMS_KEY_POLICY, NATIVE_KMS_KEY],
  check: (ctx) => {
    const keys = ctx.index.ofType(...KEY_TYPES);
    const linkedPolicies = new Set<PolicyResource>();
    // "Public" as S3 defines it, for every resource policy of the pack (../../lib/public-policy.ts):
    // statements public on what is known are reported even when another part is unknown.
    const checkDoc = (owner: PolicyResource, source: PolicyResource, policy: unknown) =>
      reportPublicPolicy(policy, `key policy of "${source.name}"`, (message) =>
        ctx.report(owner, message, [source]),
      );
    const checkBypass = (owner: PolicyResource, source: PolicyResource) => {
      if (flagOn(source.props.bypassPolicyLockoutSafetyCheck)) {
        ctx.report(owner, `"${source.name}" sets bypassPolicyLockoutSafetyCheck: true.`, [source]);
      }
    };
    for (const key of keys) {
      ctx.each(key, () => {
        const policies = ctx.index.referrers(key, "keyId", KMS_KEY_POLICY);
        for (const p of policies) linkedPolicies.add(p);
        checkBypass(key, key);
        if (policies.length === 0) {
          // At preview an explicit policy built from ARNs not yet known and an unset one (which
          // KMS fills with its default policy) both read as unknown: that is a preview note, never
          // a finding and never a pass.
          const own = key.props.policy;
          if (own === undefined || own === null || own === "") {
            ctx.report(
              key,
              `KMS key "${key.name}" has no explicit key policy: KMS applies the default policy, ` +
                "which hands every use of the key to IAM policies of the account.",
            );
          } else checkDoc(key, key, own);
        }
        for (const p of policies) {
          checkBypass(key, p);
          checkDoc(key, p, p.props.policy);
        }
      });
    }
    // Key policies for keys outside the stack (literal keyId).
    for (const p of ctx.index.ofType(KMS_KEY_POLICY)) {
      if (linkedPolicies.has(p)) continue;
      ctx.each(p, () => {
        checkBypass(p, p);
        checkDoc(p, p, p.props.policy);
      });
    }
  },
});

interface DeletionWindowConfig {
  minDeletionWindowDays: number;
}

export const keyDeletionWindow = resourcePolicy<DeletionWindowConfig>({
  name: "kms-key-deletion-window",
  description:
    "KMS keys keep a deletion waiting period of at least the configured days (AWS allows 7-30, default 30).",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set deletionWindowInDays to 30 (or leave it unset: KMS then waits 30 days), so a key scheduled " +
    "for deletion by mistake can be recovered before the data it protects becomes unreadable.",
  references: [awsDocs("kms/developerguide/deleting-keys")],
  config: {
    minDeletionWindowDays: {
      type: "integer",
      minimum: 7,
      maximum: 30,
      description: "Smallest accepted deletionWindowInDays.",
      default: 30,
    },
  },
  types: [...KEY_TYPES, NATIVE_KMS_KEY],
  check: (props, ctx) => {
    // KMS API reference, ScheduleKeyDeletion: PendingWindowInDays "must be between 7 and 30,
    // inclusive. If you do not include a value, it defaults to 30."
    const days = props.deletionWindowInDays;
    if (days === undefined || days === null) return;
    if (days < ctx.config.minDeletionWindowDays) {
      ctx.report(
        `deletionWindowInDays is ${days}; use at least ${ctx.config.minDeletionWindowDays} (30 recommended).`,
      );
    }
  },
});

export const keyDescription = resourcePolicy({
  name: "kms-key-description",
  description: "KMS keys carry a description saying what they protect.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: 'Set description, e.g. "Encrypts the API upload bucket (prod)".',
  references: [compliancePolicies("aws-kms-key-missing-description")],
  types: [...KEY_TYPES, NATIVE_KMS_KEY],
  check: (props, ctx) => {
    const d = props.description;
    if (typeof d !== "string" || d.trim() === "") ctx.report("the key has no description.");
  },
});
