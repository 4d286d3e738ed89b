// Encryption at rest with customer-managed KMS keys for the audit trail: CloudTrail trails (log
// files in S3) and CloudTrail Lake event data stores.
import { customerKeyPolicy } from "../../lib/kms/keys";
import { CLOUDTRAIL_EVENT_DATA_STORE, CLOUDTRAIL_TRAIL } from "../../lib/types";
import {
  NATIVE_CLOUDTRAIL_EVENT_DATA_STORE,
  NATIVE_CLOUDTRAIL_TRAIL,
} from "../../lib/native/types";
import { checkov, fsbp, kics, trivy } from "../../lib/controls";

export const cloudtrailKms = customerKeyPolicy({
  name: "cloudtrail-kms-cmk",
  description:
    "CloudTrail trails encrypt their log files with a customer-managed KMS key (SSE-KMS), and Lake " +
    "event data stores encrypt events with one.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set kmsKeyId to the stack's customer-managed key whose key policy lets cloudtrail.amazonaws.com " +
    "encrypt (kms:GenerateDataKey*, limited with aws:SourceArn to the trail) and the auditors decrypt.",
  references: [
    checkov("CKV_AWS_35"),
    checkov("CKV_AWS_294"),
    trivy("AWS-0015"),
    fsbp("CloudTrail.2"),
    kics("CloudTrail Log Files Not Encrypted With CMK"),
  ],
  // aws-native trails (kmsKeyId; kMSKeyId in 0.x SDKs) and event data stores are judged as these (../../lib/native).
  types: [
    CLOUDTRAIL_TRAIL,
    CLOUDTRAIL_EVENT_DATA_STORE,
    NATIVE_CLOUDTRAIL_TRAIL,
    NATIVE_CLOUDTRAIL_EVENT_DATA_STORE,
  ],
  noun: (r) => (r.type === CLOUDTRAIL_TRAIL ? "CloudTrail trail" : "CloudTrail event data store"),
  // CloudTrail user guide, "Encrypting CloudTrail log files with AWS KMS keys (SSE-KMS)": by default
  // log files get SSE-S3; event data stores default to an AWS-owned key.
  check: (k) =>
    k.requireKey({
      prop: "kmsKeyId",
      whenNone:
        k.resource.type === CLOUDTRAIL_TRAIL
          ? "log files get only the bucket's SSE-S3"
          : "events are encrypted with an AWS-owned key",
    }),
});
