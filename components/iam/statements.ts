// Reusable statements and trust policies with the conditions AWS recommends.
import * as pulumi from "@pulumi/pulumi";
import { ANYONE, PolicyCondition, PolicyStatement, policyDocument } from "./policy-document";

export interface ServiceTrustOptions {
  /**
   * The account whose resources may make the service assume the role (`aws:SourceAccount`). IAM
   * docs ("The confused deputy problem"): use aws:SourceAccount and aws:SourceArn in trust policies
   * for service principals.
   */
  readonly sourceAccount: pulumi.Input<string>;
  /** ARN (wildcards allowed, matched with ArnLike) of the resources acting through the service. */
  readonly sourceArn?: pulumi.Input<string>;
}

/** Trust policy letting one AWS service assume a role on behalf of our own resources only. */
export function serviceTrustPolicy(
  service: string,
  trust: ServiceTrustOptions,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<string> {
  if (!/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/.test(service)) {
    throw new Error(`"${service}" is not a service principal (<service>.amazonaws.com)`);
  }
  const conditions: PolicyCondition[] = [
    { test: "StringEquals", variable: "aws:SourceAccount", values: [trust.sourceAccount] },
  ];
  if (trust.sourceArn !== undefined) {
    conditions.push({ test: "ArnLike", variable: "aws:SourceArn", values: [trust.sourceArn] });
  }
  return policyDocument(
    [
      {
        sid: "TrustService",
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: [service] }],
        conditions,
      },
    ],
    opts,
  );
}

export interface RoleTrustOptions {
  /** `sts:ExternalId` the caller must present; use it for principals in another account. */
  readonly externalId?: pulumi.Input<string>;
  /** Account the caller must belong to (`aws:PrincipalAccount`). */
  readonly principalAccount?: pulumi.Input<string>;
}

/** Trust policy letting exactly one IAM role (possibly in another account) assume a role. */
export function roleTrustPolicy(
  roleArn: pulumi.Input<string>,
  trust: RoleTrustOptions = {},
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<string> {
  const conditions: PolicyCondition[] = [];
  if (trust.externalId !== undefined) {
    conditions.push({
      test: "StringEquals",
      variable: "sts:ExternalId",
      values: [trust.externalId],
    });
  }
  if (trust.principalAccount !== undefined) {
    conditions.push({
      test: "StringEquals",
      variable: "aws:PrincipalAccount",
      values: [trust.principalAccount],
    });
  }
  return policyDocument(
    [
      {
        sid: "TrustRole",
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "AWS", identifiers: [roleArn] }],
        conditions: conditions.length > 0 ? conditions : undefined,
      },
    ],
    opts,
  );
}

/**
 * Bucket policy statement denying every request that is not sent over TLS (S3 docs, "Security best
 * practices for Amazon S3": deny `aws:SecureTransport` = false on the bucket and its objects).
 */
export function denyInsecureTransport(bucketArn: pulumi.Input<string>): PolicyStatement {
  return {
    sid: "DenyInsecureTransport",
    effect: "Deny",
    principals: [ANYONE],
    actions: ["s3:*"],
    resources: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
    conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
  };
}
