// WAF in front of the load balancer (prod): AWS managed rule groups, a per-IP rate limit, metrics
// and logging to an encrypted log group.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface WebFirewallArgs {
  /** ARN of the load balancer to protect. */
  readonly resourceArn: pulumi.Input<string>;
  /** Requests per client IP in any 5-minute window before WAF blocks it. */
  readonly rateLimit: number;
  /** Largest request body the app accepts (uploads); bodies up to this size are not blocked. */
  readonly maxBodyBytes: number;
  /** KMS key of the WAF log group. */
  readonly logKeyArn: pulumi.Input<string>;
  readonly logRetentionDays: number;
  readonly tags: Record<string, string>;
}

/** An AWS managed rule group rule with metrics under its own name. */
function managedGroup(
  name: string,
  priority: number,
  countRules: string[] = [],
): aws.types.input.wafv2.WebAclRule {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: "AWS",
        name,
        ruleActionOverrides: countRules.map((rule) => ({ name: rule, actionToUse: { count: {} } })),
      },
    },
    visibilityConfig: {
      cloudwatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: name,
    },
  };
}

export class WebFirewall extends pulumi.ComponentResource {
  public readonly webAclArn: pulumi.Output<string>;

  constructor(name: string, args: WebFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:runtime:WebFirewall", name, {}, opts);
    const parent = { parent: this };
    const tags = { ...args.tags, Name: `${name}-acl` };
    // The common rule set blocks bodies over 8 KB (SizeRestrictions_BODY, WAF docs "Baseline rule
    // groups"); image uploads are larger, so that one rule counts, and our own rule below blocks
    // upload bodies above the app's limit instead (WAF inspects only the first 8-64 KB of a body,
    // so the size check uses the Content-Length header).
    const acl = new aws.wafv2.WebAcl(
      `${name}-acl`,
      {
        scope: "REGIONAL",
        defaultAction: { allow: {} },
        rules: [
          managedGroup("AWSManagedRulesAmazonIpReputationList", 10),
          managedGroup("AWSManagedRulesKnownBadInputsRuleSet", 20),
          managedGroup("AWSManagedRulesCommonRuleSet", 30, ["SizeRestrictions_BODY"]),
          {
            name: "rate-limit-per-ip",
            priority: 40,
            action: { block: {} },
            statement: {
              rateBasedStatement: {
                limit: args.rateLimit,
                aggregateKeyType: "IP",
                evaluationWindowSec: 300,
              },
            },
            visibilityConfig: {
              cloudwatchMetricsEnabled: true,
              sampledRequestsEnabled: true,
              metricName: "rate-limit-per-ip",
            },
          },
          {
            name: "body-size-limit",
            priority: 50,
            action: { block: {} },
            statement: {
              sizeConstraintStatement: {
                fieldToMatch: { singleHeader: { name: "content-length" } },
                comparisonOperator: "GT",
                // Multipart framing adds a little to the file size.
                size: args.maxBodyBytes + 64 * 1024,
                textTransformations: [{ priority: 0, type: "NONE" }],
              },
            },
            visibilityConfig: {
              cloudwatchMetricsEnabled: true,
              sampledRequestsEnabled: true,
              metricName: "body-size-limit",
            },
          },
        ],
        visibilityConfig: {
          cloudwatchMetricsEnabled: true,
          sampledRequestsEnabled: true,
          metricName: `${name}-acl`,
        },
        tags,
      },
      parent,
    );
    new aws.wafv2.WebAclAssociation(
      `${name}-association`,
      { resourceArn: args.resourceArn, webAclArn: acl.arn },
      parent,
    );

    // WAF docs ("Sending logs to CloudWatch Logs"): the log group name must start with aws-waf-logs-.
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: `aws-waf-logs-${pulumi.getProject()}-${pulumi.getStack()}-${name}`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logKeyArn,
        tags: { ...args.tags, Name: `${name}-logs` },
      },
      parent,
    );
    new aws.wafv2.WebAclLoggingConfiguration(
      `${name}-logging`,
      {
        resourceArn: acl.arn,
        logDestinationConfigs: [logGroup.arn],
        // Never log credentials or session cookies.
        redactedFields: [
          { singleHeader: { name: "authorization" } },
          { singleHeader: { name: "cookie" } },
        ],
      },
      parent,
    );
    this.webAclArn = acl.arn;
    this.registerOutputs({ webAclArn: this.webAclArn });
  }
}
