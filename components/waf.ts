// WAF in front of the load balancer (prod): AWS managed rule groups, a per-IP rate limit, metrics
// and logging to an encrypted log group.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { componentScope, invalidArguments } from "./context";
import { WAF_RATE_LIMIT_RANGE } from "./runtime.keys";
import { LOG_RETENTION_DAYS } from "./stack.keys";

/** The app's upload endpoint (app/src/routes.ts): multipart image bodies. */
export const UPLOAD_PATH = "/upload";

/**
 * Core rule set rules that inspect the request body, and the labels they add (WAF docs, "Baseline
 * rule groups", core rule set: SizeRestrictions_BODY matches bodies over 8 KB; the others match
 * script, path-traversal, remote-file and metadata-address patterns in the first 8 KB). An image
 * upload's bytes can look like any of them, so on POST /upload they only count; everywhere else a
 * rule of ours blocks on their labels (the label-match pattern of WAF docs, "Label match rule
 * statement" and "Managed rule group" examples).
 */
export const UPLOAD_BODY_RULES: Readonly<Record<string, string>> = {
  SizeRestrictions_BODY: "awswaf:managed:aws:core-rule-set:SizeRestrictions_Body",
  CrossSiteScripting_BODY: "awswaf:managed:aws:core-rule-set:CrossSiteScripting_Body",
  GenericLFI_BODY: "awswaf:managed:aws:core-rule-set:GenericLFI_Body",
  GenericRFI_BODY: "awswaf:managed:aws:core-rule-set:GenericRFI_Body",
  EC2MetaDataSSRF_BODY: "awswaf:managed:aws:core-rule-set:EC2MetaDataSSRF_Body",
};

export interface WebFirewallArgs {
  /** ARN of the load balancer to protect. */
  readonly resourceArn: pulumi.Input<string>;
  /** Requests per client IP in any 5-minute window before WAF blocks it. */
  readonly rateLimit: number;
  /** KMS key of the WAF log group. */
  readonly logKeyArn: pulumi.Input<string>;
  readonly logRetentionDays: number;
  /**
   * Keep the log group when the stack is destroyed (prod), as the runtime's other log groups are
   * kept: the blocked requests it records exist nowhere else. Defaults to false.
   */
  readonly retainLogs?: boolean;
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
    visibilityConfig: metricsOf(name),
  };
}

/** The CloudWatch metrics and sampled requests of a rule or web ACL, under `metricName`. */
function metricsOf(metricName: string): aws.types.input.wafv2.WebAclVisibilityConfig {
  return { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

/**
 * Blocks the core rule set's body matches (their labels, `UPLOAD_BODY_RULES`) on every path but
 * POST /upload, where those rules only count.
 */
function bodyRulesOutsideUploads(priority: number): aws.types.input.wafv2.WebAclRule {
  return {
    name: "body-rules-outside-uploads",
    priority,
    action: { block: {} },
    statement: {
      andStatement: {
        statements: [
          {
            orStatement: {
              statements: Object.values(UPLOAD_BODY_RULES).map((key) => ({
                labelMatchStatement: { scope: "LABEL", key },
              })),
            },
          },
          {
            notStatement: {
              statement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: "EXACTLY",
                  searchString: UPLOAD_PATH,
                  textTransformations: [{ priority: 0, type: "NONE" }],
                },
              },
            },
          },
        ],
      },
    },
    visibilityConfig: metricsOf("body-rules-outside-uploads"),
  };
}

/** Blocks a client IP that sends more than `limit` requests in any 5 minutes. */
function rateLimitPerIp(priority: number, limit: number): aws.types.input.wafv2.WebAclRule {
  return {
    name: "rate-limit-per-ip",
    priority,
    action: { block: {} },
    statement: {
      rateBasedStatement: {
        limit,
        aggregateKeyType: "IP",
        evaluationWindowSec: 300,
      },
    },
    visibilityConfig: metricsOf("rate-limit-per-ip"),
  };
}

/** Refused here, before anything registers, rather than by AWS after the rest was created. */
function validateArgs(name: string, args: WebFirewallArgs): void {
  const problems: string[] = [];
  const { min, max } = WAF_RATE_LIMIT_RANGE;
  if (!Number.isInteger(args.rateLimit) || args.rateLimit < min || args.rateLimit > max) {
    problems.push(`rateLimit: ${args.rateLimit} is not an integer from ${min} to ${max}`);
  }
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(args.logRetentionDays)) {
    problems.push(
      `logRetentionDays: ${args.logRetentionDays} is not a CloudWatch Logs retention (${LOG_RETENTION_DAYS.join(", ")})`,
    );
  }
  invalidArguments("WebFirewall", name, problems);
}

export class WebFirewall extends pulumi.ComponentResource {
  /** The web ACL associated with the load balancer. */
  public readonly webAclArn: pulumi.Output<string>;

  constructor(name: string, args: WebFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    validateArgs(name, args);
    super("platform:runtime:WebFirewall", name, {}, opts);
    const { parent, tags: tagsOf } = componentScope(this, name, args);
    const tags = tagsOf("acl");
    // Upload size: not WAF's job. An ALB's web ACL inspects at most the first 8 KB of a body (WAF
    // docs, "Oversize web request components"), and a size constraint on the content-length header
    // measures the header's own bytes (WAF docs, "Size constraint rule statement": the number of
    // bytes WAF receives for the component), never the body it announces. The app refuses files
    // above MAX_UPLOAD_BYTES itself (413, app/src/app.ts, multipart fileSize limit).
    // Body rules: on POST /upload the core rule set's body rules only count (an image is binary
    // data that can look like a script or a path), and rule 35 blocks on their labels everywhere
    // else (`bodyRulesOutsideUploads`). Every other rule, the known-bad-inputs body rules included, applies to uploads too.
    const acl = new aws.wafv2.WebAcl(
      `${name}-acl`,
      {
        scope: "REGIONAL",
        defaultAction: { allow: {} },
        rules: [
          managedGroup("AWSManagedRulesAmazonIpReputationList", 10),
          managedGroup("AWSManagedRulesKnownBadInputsRuleSet", 20),
          managedGroup("AWSManagedRulesCommonRuleSet", 30, Object.keys(UPLOAD_BODY_RULES)),
          bodyRulesOutsideUploads(35),
          rateLimitPerIp(40, args.rateLimit),
        ],
        visibilityConfig: metricsOf(`${name}-acl`),
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
      { ...parent, retainOnDelete: args.retainLogs ?? false },
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
