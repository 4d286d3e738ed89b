// A bucket that declares itself a destination of S3 server access logs while the delivery is
// configured elsewhere (another stack or account, so no BucketLogging of this stack points at it):
// its ACL grants the S3 log delivery group write access, or its bucket policy lets the logging
// service principal put objects. S3 supports only SSE-S3 default encryption on such a bucket, so the
// S3 encryption rules accept SSE-S3 there as they do for a target of this stack's own BucketLogging.
//
// S3 User Guide, "Enabling Amazon S3 server access logging" (permissions for log delivery): a
// bucket policy granting `logging.s3.amazonaws.com` `s3:PutObject`, or (the legacy way) an ACL
// granting the Log Delivery group WRITE; "Default server-side encryption with AWS KMS keys (SSE-KMS)
// is not supported" on the destination. Trivy AVD-AWS-0132 exempts the same three declarations
// (aquasecurity/trivy-checks checks/cloud/aws/s3/encryption_customer_key.rego, `log_bucket`).
import type { PolicyResource } from "@pulumi/policy";
import type { StackIndex } from "../define";
import { parsePolicyDocument, statementGrants } from "../policy-document";
import { asList, isUnknownError, programSetting } from "../values";
import type { UnknownValueError } from "@pulumi/policy";
import { S3_SIDE } from "../types";
import { LogTargetSource, sideResourcesOf, sseS3OnlyDeliveries, SSE_S3_ONLY } from "./buckets";

/** The ACL grantee S3 server access logs are delivered as (the legacy, ACL-based delivery). */
export const LOG_DELIVERY_GROUP = "http://acs.amazonaws.com/groups/s3/LogDelivery";
/** The service principal S3 server access logs are delivered as (the bucket-policy delivery). */
export const LOG_DELIVERY_SERVICE = "logging.s3.amazonaws.com";
/** The canned ACL that grants the Log Delivery group WRITE and READ_ACP. */
const LOG_DELIVERY_ACL = "log-delivery-write";
const WRITES = new Set(["WRITE", "FULL_CONTROL"]);

/** Whether one ACL grant (inline `grants[]` or `accessControlPolicy.grants[]`) lets S3 deliver logs. */
function grantsLogDelivery(grant: any): boolean {
  const uri = grant?.grantee?.uri ?? grant?.uri;
  if (uri !== LOG_DELIVERY_GROUP) return false;
  const permissions = asList<string>(grant.permissions ?? grant.permission);
  return permissions.some((p) => WRITES.has(p));
}

/** Whether an ACL holder (the bucket, or an aws.s3.BucketAcl of it) grants log delivery write. */
function aclDeclares(holder: PolicyResource): boolean {
  if (programSetting(holder, "acl") === LOG_DELIVERY_ACL) return true;
  const grants = [
    ...asList(programSetting(holder, "grants")),
    ...asList(programSetting(holder, "accessControlPolicy")?.grants),
  ];
  return grants.some(grantsLogDelivery);
}

/** Whether a bucket policy (inline or aws.s3.BucketPolicy) lets the logging service put objects. */
function policyDeclares(holder: PolicyResource): boolean {
  const policy = programSetting(holder, "policy");
  if (policy === undefined || policy === null || policy === "") return false;
  return parsePolicyDocument(policy).walk(
    (s) =>
      s.isAllow &&
      (s.principals?.some((p) => p.type === "Service" && p.id === LOG_DELIVERY_SERVICE) ?? false) &&
      statementGrants(s, "s3:PutObject"),
  );
}

/**
 * The bucket's own declarations that it receives S3 server access logs, as log deliveries whose
 * service supports only SSE-S3. A declaration unknown at preview throws (a preview note) only when
 * no known one is found.
 */
export function declaredLogDeliveries(
  index: StackIndex,
  bucket: PolicyResource,
): LogTargetSource[] {
  const holders: [PolicyResource, (r: PolicyResource) => boolean][] = [
    [bucket, aclDeclares],
    [bucket, policyDeclares],
    ...sideResourcesOf(index, bucket, S3_SIDE.acl).map(
      (r) => [r, aclDeclares] as [PolicyResource, (r: PolicyResource) => boolean],
    ),
    ...sideResourcesOf(index, bucket, S3_SIDE.policy).map(
      (r) => [r, policyDeclares] as [PolicyResource, (r: PolicyResource) => boolean],
    ),
  ];
  let unknown: UnknownValueError | undefined;
  for (const [source, declares] of holders) {
    try {
      if (declares(source)) {
        return [
          {
            kind: "s3-server-access-logs",
            source,
            sseS3Only: `${SSE_S3_ONLY.s3ServerAccessLogs} (the bucket grants log delivery itself)`,
          },
        ];
      }
    } catch (e) {
      if (!isUnknownError(e)) throw e;
      unknown ??= e;
    }
  }
  if (unknown) throw unknown;
  return [];
}

/**
 * Log deliveries into `bucket` that allow only SSE-S3: those this stack configures
 * (`sseS3OnlyDeliveries`), else the bucket's own declaration that it receives server access logs.
 */
export function sseS3OnlyTargets(index: StackIndex, bucket: PolicyResource): LogTargetSource[] {
  const configured = sseS3OnlyDeliveries(index, bucket);
  return configured.length ? configured : declaredLogDeliveries(index, bucket);
}
