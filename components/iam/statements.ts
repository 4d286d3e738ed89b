// Reusable statements and trust policies with the conditions AWS recommends.
import * as pulumi from "@pulumi/pulumi";
import { ANYONE, PolicyCondition, PolicyStatement, policyDocument } from "./policy-document";

/** The confused-deputy condition keys a service can be held to in a role's trust policy. */
export type SourceConditionKey = "aws:SourceAccount" | "aws:SourceArn";

/**
 * For every service principal the program lets assume a role: the confused-deputy keys that
 * service documents sending when it assumes the role, and where it says so. IAM docs ("The
 * confused deputy problem") recommend aws:SourceArn and aws:SourceAccount, but a condition on a
 * key the service does not send makes the role unassumable (IAM evaluates a positive condition on
 * a missing key as false), so a trust carries only what its service documents. A service missing
 * here is refused by {@link serviceTrustPolicy} until someone looks it up.
 */
export const SERVICE_TRUST_CONDITIONS: Readonly<
  Record<string, { readonly keys: readonly SourceConditionKey[]; readonly source: string }>
> = {
  "backup.amazonaws.com": {
    keys: [],
    source:
      'AWS Backup Developer Guide, "Cross-service confused deputy prevention": the keys are documented for resource policies (vault and key policies, SNS topics), not for the role AWS Backup assumes',
  },
  "codebuild.amazonaws.com": {
    keys: ["aws:SourceAccount", "aws:SourceArn"],
    source:
      'CodeBuild User Guide, "Allow CodeBuild to interact with other AWS services": the service role trust policy with aws:SourceAccount and aws:SourceArn = the build project',
  },
  "codepipeline.amazonaws.com": {
    keys: ["aws:SourceAccount"],
    source:
      'CodePipeline User Guide, "Manage the CodePipeline service role" and "Create the CodePipeline service role": the trust names the principal only and documents no aws:SourceArn; aws:SourceAccount is kept on the IAM guidance and watched at the first CreatePipeline (docs/first-deploy.md)',
  },
  "ec2.amazonaws.com": {
    keys: [],
    source:
      "EC2 assumes an instance profile's role without aws:SourceArn/aws:SourceAccount (the known false positive of confused-deputy scanners, prowler #2810)",
  },
  "ecs-tasks.amazonaws.com": {
    keys: ["aws:SourceAccount", "aws:SourceArn"],
    source:
      'Amazon ECS Developer Guide, "Task IAM role": aws:SourceAccount and aws:SourceArn (arn:aws:ecs:<region>:<account>:*) in the trust relationship',
  },
  "events.amazonaws.com": {
    keys: ["aws:SourceAccount", "aws:SourceArn"],
    source:
      'EventBridge User Guide, "Cross-service confused deputy prevention": aws:SourceAccount and aws:SourceArn = the rule in the target role\'s trust',
  },
  "kafkaconnect.amazonaws.com": {
    keys: ["aws:SourceAccount", "aws:SourceArn"],
    source:
      'Amazon MSK Developer Guide, "Cross-service confused deputy prevention": MSK Connect\'s service execution role trust with aws:SourceAccount and aws:SourceArn = the connector',
  },
  "redshift.amazonaws.com": {
    keys: [],
    source:
      'Redshift Management Guide, "Restricting access to IAM roles": the documented restriction is sts:ExternalId (the database user), not aws:SourceArn/aws:SourceAccount',
  },
  "redshift-serverless.amazonaws.com": {
    keys: [],
    source:
      'Redshift Management Guide, "Restricting access to IAM roles" (Redshift Serverless format): sts:ExternalId, not aws:SourceArn/aws:SourceAccount',
  },
  "vpc-flow-logs.amazonaws.com": {
    keys: ["aws:SourceAccount", "aws:SourceArn"],
    source:
      'Amazon VPC User Guide, "IAM role for publishing flow logs to CloudWatch Logs": aws:SourceAccount and aws:SourceArn = the flow log',
  },
};

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
  return policyDocument(
    [
      {
        sid: "TrustService",
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: [service] }],
        conditions: conditions.length > 0 ? conditions : undefined,
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
