// Reusable statements and trust policies with the conditions AWS recommends.
import * as pulumi from "@pulumi/pulumi";
import {
  ANYONE,
  PolicyCondition,
  PolicyPrincipal,
  PolicyStatement,
  policyDocument,
} from "./policy-document";
import { SERVICE_TRUST_CONDITIONS } from "./trust-conditions";

export { SERVICE_TRUST_CONDITIONS } from "./trust-conditions";
export type { SourceConditionKey } from "./trust-conditions";

export interface ServiceTrustOptions {
  /**
   * The account whose resources may make the service assume the role (`aws:SourceAccount`); used
   * only when the service documents the key ({@link SERVICE_TRUST_CONDITIONS}).
   */
  readonly sourceAccount: pulumi.Input<string>;
  /**
   * ARN (wildcards allowed, matched with ArnLike) of the resources acting through the service
   * (`aws:SourceArn`). Refused for a service that does not document the key.
   */
  readonly sourceArn?: pulumi.Input<string>;
}

/**
 * Trust policy letting one AWS service assume a role on behalf of our own resources only, with the
 * confused-deputy conditions the service documents and no other ({@link SERVICE_TRUST_CONDITIONS}).
 */
export function serviceTrustPolicy(
  service: string,
  trust: ServiceTrustOptions,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<string> {
  if (!/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/.test(service)) {
    throw new Error(`"${service}" is not a service principal (<service>.amazonaws.com)`);
  }
  const documented = SERVICE_TRUST_CONDITIONS[service];
  if (!documented) {
    throw new Error(
      `${service}: which confused-deputy keys it sends when it assumes a role is not recorded; look it up in the service's documentation and add it to SERVICE_TRUST_CONDITIONS`,
    );
  }
  if (trust.sourceArn !== undefined && !documented.keys.includes("aws:SourceArn")) {
    throw new Error(
      `${service} does not document aws:SourceArn for the roles it assumes (${documented.source})`,
    );
  }
  const conditions: PolicyCondition[] = [];
  if (documented.keys.includes("aws:SourceAccount")) {
    conditions.push({
      test: "StringEquals",
      variable: "aws:SourceAccount",
      values: [trust.sourceAccount],
    });
  }
  if (trust.sourceArn !== undefined) {
    conditions.push({ test: "ArnLike", variable: "aws:SourceArn", values: [trust.sourceArn] });
  }
  return assumeRolePolicy(
    "TrustService",
    { type: "Service", identifiers: [service] },
    conditions,
    opts,
  );
}

/** Where the ECS tasks that assume a role run: their account, partition and region. */
export interface EcsTasksScope {
  readonly accountId: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
  readonly region: pulumi.Input<string>;
}

/**
 * Trust policy of a role ECS tasks assume (a task role or a task execution role): Amazon ECS
 * Developer Guide, "Task IAM role", trusts ecs-tasks.amazonaws.com with aws:SourceAccount and
 * ArnLike aws:SourceArn `arn:<partition>:ecs:<region>:<account>:*` against the confused deputy.
 */
export function ecsTasksTrustPolicy(
  at: EcsTasksScope,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<string> {
  return serviceTrustPolicy(
    "ecs-tasks.amazonaws.com",
    {
      sourceAccount: at.accountId,
      sourceArn: pulumi.interpolate`arn:${at.partition}:ecs:${at.region}:${at.accountId}:*`,
    },
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
  return assumeRolePolicy("TrustRole", { type: "AWS", identifiers: [roleArn] }, conditions, opts);
}

/**
 * A trust policy of one statement: `principal` may call sts:AssumeRole, under `conditions` (the
 * Condition block is left out when there are none).
 */
function assumeRolePolicy(
  sid: string,
  principal: PolicyPrincipal,
  conditions: readonly PolicyCondition[],
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<string> {
  return policyDocument(
    [
      {
        sid,
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: [principal],
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
