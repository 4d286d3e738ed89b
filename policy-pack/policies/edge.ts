// Edge guardrails: Application/Network Load Balancers and their listeners (both the `aws:lb/...`
// and the `aws:alb/...` spellings), WAFv2 web ACLs, and CloudFront distributions.
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { resourcePolicy, stackPolicy, StackIndex } from "../lib/define";
import { jsonDocument, list, literalReferences, present } from "./compute";

const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const LISTENER_RULES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"];
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const WEB_ACL_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
const WEB_ACL_LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
const WEB_ACL_RULE = "aws:wafv2/webAclRule:WebAclRule";
const WEB_ACL_RULE_GROUP_ASSOCIATION =
  "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const RESPONSE_HEADERS_POLICY = "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy";
const LOG_DELIVERY_SOURCE = "aws:cloudwatch/logDeliverySource:LogDeliverySource";
const LOG_DELIVERY = "aws:cloudwatch/logDelivery:LogDelivery";

/** The value stored for `key` without going through the preview proxy (may be the unknown sentinel). */
function rawValue(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== "object") return undefined;
  return Object.getOwnPropertyDescriptor(obj, key)?.value;
}

// ---------------------------------------------------------------------------------------------
// Elastic Load Balancing v2
// ---------------------------------------------------------------------------------------------

function isApplicationLb(props: any): boolean {
  const t = props.loadBalancerType;
  return t === undefined || t === "application";
}

const elbAlbDropInvalidHeaders = resourcePolicy({
  name: "elb-alb-drop-invalid-headers",
  description:
    "Application Load Balancers should drop HTTP headers with invalid names instead of passing them to targets " +
    "(request smuggling and header-injection defence). Advisory: hardening in depth.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: "Set `dropInvalidHeaderFields: true` on the load balancer.",
  references: [
    { source: "Checkov", id: "CKV_AWS_131" },
    { source: "Security Hub FSBP", id: "ELB.4" },
  ],
  types: LOAD_BALANCERS,
  check: (props, ctx) => {
    if (!isApplicationLb(props)) return;
    if (props.dropInvalidHeaderFields !== true) ctx.report("dropInvalidHeaderFields is not true.");
  },
});

const elbAlbDesyncMitigation = resourcePolicy({
  name: "elb-alb-desync-mitigation",
  description:
    "Application Load Balancers should use the 'defensive' (AWS default) or 'strictest' HTTP desync mitigation mode; " +
    "'monitor' lets ambiguous requests that enable request smuggling through. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: 'Remove `desyncMitigationMode` or set it to "defensive" or "strictest".',
  references: [
    { source: "Checkov", id: "CKV_AWS_328" },
    { source: "Security Hub FSBP", id: "ELB.12" },
  ],
  types: LOAD_BALANCERS,
  check: (props, ctx) => {
    if (!isApplicationLb(props)) return;
    const mode = props.desyncMitigationMode ?? "defensive";
    if (mode !== "defensive" && mode !== "strictest")
      ctx.report(`desyncMitigationMode is '${mode}'.`);
  },
});

const elbAccessLogs = resourcePolicy({
  name: "elb-load-balancer-access-logs",
  description:
    "Load balancers should write access logs to S3, the record of who called what through the edge. Advisory: needed " +
    "for investigation, exposes nothing when missing.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `accessLogs: { bucket: <log bucket>, enabled: true }`; the bucket policy must let the ELB log delivery principal write.",
  references: [
    { source: "AWSGuard", id: "elb-logging-enabled" },
    { source: "cdk-nag", id: "AwsSolutions-ELB2" },
    { source: "Checkov", id: "CKV_AWS_91" },
    { source: "Security Hub FSBP", id: "ELB.5" },
  ],
  types: LOAD_BALANCERS,
  check: (props, ctx) => {
    if (props.loadBalancerType === "gateway") return;
    const logs = props.accessLogs;
    if (logs?.enabled !== true || !present(logs, "bucket"))
      ctx.report("Access logging is not enabled.");
  },
});

const elbDeletionProtection = resourcePolicy({
  name: "elb-load-balancer-deletion-protection",
  description:
    "Load balancers should have deletion protection, so a mistaken `pulumi destroy` or console click cannot take the " +
    "public entry point down. Advisory: production should set it; staging may waive it with a reason.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `enableDeletionProtection: true` (turn it off deliberately before a planned teardown).",
  references: [
    { source: "Checkov", id: "CKV_AWS_150" },
    { source: "Security Hub FSBP", id: "ELB.6" },
  ],
  types: LOAD_BALANCERS,
  check: (props, ctx) => {
    if (props.enableDeletionProtection !== true) ctx.report("Deletion protection is not enabled.");
  },
});

const elbListenerTlsPolicy = resourcePolicy<{ sslPolicyPattern: string }>({
  name: "elb-listener-tls-policy",
  description:
    "HTTPS and TLS listeners must use a TLS 1.2+ security policy (ELBSecurityPolicy-TLS13-1-2-2021-06 or newer). Mandatory: " +
    "without `sslPolicy`, listeners created through the API get ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `sslPolicy` to "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09" (AWS recommended), "ELBSecurityPolicy-TLS13-1-2-2021-06" ' +
    "or another ELBSecurityPolicy-TLS13-1-2-* / TLS13-1-3-* policy.",
  references: [
    { source: "Checkov", id: "CKV_AWS_103" },
    { source: "Security Hub FSBP", id: "ELB.17" },
    { source: "AWS docs", id: "ELB security policies (API default ELBSecurityPolicy-2016-08)" },
  ],
  config: {
    sslPolicyPattern: {
      type: "string",
      description:
        "Regular expression for accepted security policies. The default accepts every TLS13-1-2 and TLS13-1-3 policy (FIPS and PQ variants included).",
      default: "^ELBSecurityPolicy-TLS13-1-[23]-",
    },
  },
  types: LISTENERS,
  check: (props, ctx) => {
    const protocol = props.protocol;
    if (protocol !== "HTTPS" && protocol !== "TLS") return;
    const policy = props.sslPolicy;
    // ELB docs: a listener created through the API/CloudFormation without a policy gets ELBSecurityPolicy-2016-08.
    if (policy === undefined) {
      ctx.report(
        `${protocol} listener sets no sslPolicy, so it gets ELBSecurityPolicy-2016-08 (TLS 1.0+).`,
      );
    } else if (!new RegExp(ctx.config.sslPolicyPattern).test(policy)) {
      ctx.report(`sslPolicy '${policy}' is not a TLS 1.2+ policy from the accepted list.`);
    }
  },
});

/** Whether an ALB listener action keeps traffic off plain HTTP: a redirect to HTTPS or a fixed response. */
function httpActionProblem(action: any): string | undefined {
  const type = action?.type;
  if (type === "fixed-response") return undefined;
  if (type === "redirect") {
    return String(action.redirect?.protocol).toUpperCase() === "HTTPS"
      ? undefined
      : "redirects without switching to HTTPS";
  }
  return `'${type}' serves the application over plain HTTP`;
}

const elbListenerHttpRedirect = stackPolicy({
  name: "elb-listener-http-redirects-to-https",
  description:
    "An HTTP listener on an Application Load Balancer should only redirect to HTTPS (or return a fixed response); every " +
    "listener rule attached to it too. Advisory: a stack without a certificate (staging) may serve plain HTTP on purpose, " +
    "and then this finding says so instead of hiding it.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Add an HTTPS listener with an ACM certificate and make the HTTP listener's default action " +
    '`{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }`; drop forwarding rules from it.',
  references: [
    { source: "Checkov", id: "CKV2_AWS_20" },
    { source: "Checkov", id: "CKV_AWS_2" },
    { source: "Security Hub FSBP", id: "ELB.1" },
  ],
  types: [...LISTENERS, ...LISTENER_RULES],
  check: (ctx) => {
    for (const listener of ctx.index.ofType(...LISTENERS)) {
      ctx.each(listener, () => {
        const lbs = ctx.index.referenced(listener, "loadBalancerArn", ...LOAD_BALANCERS);
        if (lbs.some((lb) => !isApplicationLb(lb.props))) return;
        if ((listener.props.protocol ?? "HTTP") !== "HTTP") return;
        for (const action of list(listener.props.defaultActions)) {
          const problem = httpActionProblem(action);
          if (problem)
            ctx.report(
              listener,
              `Plain HTTP served: the HTTP listener's default action ${problem}.`,
            );
        }
        // Rules attach to the listener by its ARN, unknown at preview: correlate by property dependency.
        for (const rule of ctx.index.referrers(listener, "listenerArn", ...LISTENER_RULES)) {
          ctx.each(rule, () => {
            for (const action of list(rule.props.actions)) {
              const problem = httpActionProblem(action);
              if (problem)
                ctx.report(rule, `Plain HTTP served: a rule on an HTTP listener ${problem}.`);
            }
          });
        }
      });
    }
  },
});

const elbAlbWafAssociation = stackPolicy({
  name: "elb-alb-waf-association",
  description:
    "Internet-facing Application Load Balancers should be protected by a WAFv2 web ACL (an aws.wafv2.WebAclAssociation " +
    "whose resourceArn is the load balancer). Advisory: the design leaves staging without WAF to save cost; the finding " +
    "keeps that visible.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create an `aws.wafv2.WebAcl` (scope REGIONAL) and an `aws.wafv2.WebAclAssociation` with `resourceArn: <alb>.arn`.",
  references: [
    { source: "Checkov", id: "CKV2_AWS_28" },
    { source: "Security Hub FSBP", id: "ELB.16" },
  ],
  types: [...LOAD_BALANCERS, WEB_ACL_ASSOCIATION],
  check: (ctx) => {
    const literal = literalReferences(ctx, [WEB_ACL_ASSOCIATION], "resourceArn");
    for (const lb of ctx.index.ofType(...LOAD_BALANCERS)) {
      ctx.each(lb, () => {
        if (!isApplicationLb(lb.props) || lb.props.internal === true) return;
        if (ctx.index.referrers(lb, "resourceArn", WEB_ACL_ASSOCIATION).length > 0) return;
        if (!literal.complete) return;
        // Only an association given as a literal ARN needs the load balancer's ARN (unknown at preview).
        if (literal.values.size > 0 && literal.values.has(lb.props.arn)) return;
        ctx.report(
          lb,
          "This internet-facing load balancer is not associated with a WAFv2 web ACL.",
        );
      });
    }
  },
});

// ---------------------------------------------------------------------------------------------
// WAFv2
// ---------------------------------------------------------------------------------------------

/** A web ACL rule, from inline `rules`, `ruleJson`, WebAclRule or WebAclRuleGroupAssociation. */
interface WafRule {
  readonly name: string;
  readonly managed?: { readonly vendor: string; readonly name: string };
  readonly rateBased: boolean;
  /** The rule (or managed group) only counts matches instead of acting on them. */
  readonly counting: boolean;
}

/** Inline rules and WebAclRule resources share the provider's camelCase shape. */
function ruleFromProvider(r: any): WafRule {
  const mg = r?.statement?.managedRuleGroupStatement;
  return {
    name: String(r?.name ?? ""),
    managed: mg ? { vendor: String(mg.vendorName), name: String(mg.name) } : undefined,
    rateBased: present(r?.statement, "rateBasedStatement"),
    counting: mg ? present(r?.overrideAction, "count") : present(r?.action, "count"),
  };
}

/** `ruleJson` holds rules in the WAF API's PascalCase shape. */
function ruleFromApi(r: any): WafRule {
  const mg = r?.Statement?.ManagedRuleGroupStatement;
  return {
    name: String(r?.Name ?? ""),
    managed: mg ? { vendor: String(mg.VendorName), name: String(mg.Name) } : undefined,
    rateBased: r?.Statement?.RateBasedStatement !== undefined,
    counting: mg ? r?.OverrideAction?.Count !== undefined : r?.Action?.Count !== undefined,
  };
}

/** Every rule of a web ACL, wherever it is declared. Reads may throw at preview (use in `ctx.each`). */
function webAclRules(index: StackIndex, acl: PolicyResource): WafRule[] {
  const rules = list(acl.props.rules).map(ruleFromProvider);
  if (present(acl.props, "ruleJson")) {
    const doc = jsonDocument(acl.props.ruleJson);
    rules.push(...list(Array.isArray(doc) ? doc : doc?.Rules).map(ruleFromApi));
  }
  for (const r of index.referrers(acl, "webAclArn", WEB_ACL_RULE))
    rules.push(ruleFromProvider(r.props));
  for (const a of index.referrers(acl, "webAclArn", WEB_ACL_RULE_GROUP_ASSOCIATION)) {
    const mg = a.props.managedRuleGroup;
    rules.push({
      name: String(a.props.ruleName ?? ""),
      managed: mg ? { vendor: String(mg.vendorName), name: String(mg.name) } : undefined,
      rateBased: false,
      counting: a.props.overrideAction === "count",
    });
  }
  return rules;
}

const wafv2ManagedRules = stackPolicy<{ requiredManagedRuleGroups: string[] }>({
  name: "wafv2-web-acl-managed-rules",
  description:
    "WAFv2 web ACLs should enforce the AWS managed rule groups for common attacks (AWSManagedRulesCommonRuleSet) and " +
    "known bad inputs (AWSManagedRulesKnownBadInputsRuleSet, which blocks Log4Shell probes), not just count them. " +
    "Rules declared inline, in ruleJson, or as WebAclRule/WebAclRuleGroupAssociation resources all count. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Add a rule with `statement.managedRuleGroupStatement: { vendorName: "AWS", name: <group> }` and ' +
    "`overrideAction: { none: {} }` for each required group.",
  references: [
    { source: "Checkov", id: "CKV_AWS_175" },
    { source: "Checkov", id: "CKV_AWS_192" },
    { source: "Checkov", id: "CKV2_AWS_76" },
    { source: "Security Hub FSBP", id: "WAF.10" },
  ],
  config: {
    requiredManagedRuleGroups: {
      type: "array",
      items: { type: "string" },
      description: "AWS managed rule groups every web ACL must enforce.",
      default: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"],
    },
  },
  types: [WEB_ACL, WEB_ACL_RULE, WEB_ACL_RULE_GROUP_ASSOCIATION],
  check: (ctx) => {
    for (const acl of ctx.index.ofType(WEB_ACL)) {
      ctx.each(acl, () => {
        const rules = webAclRules(ctx.index, acl);
        for (const group of ctx.config.requiredManagedRuleGroups) {
          const found = rules.filter(
            (r) => r.managed?.vendor === "AWS" && r.managed.name === group,
          );
          if (found.length === 0)
            ctx.report(acl, `The web ACL does not use the managed rule group ${group}.`);
          else if (found.every((r) => r.counting)) {
            ctx.report(
              acl,
              `The managed rule group ${group} only counts matches (overrideAction count).`,
            );
          }
        }
      });
    }
  },
});

const wafv2RateLimit = stackPolicy({
  name: "wafv2-web-acl-rate-limit",
  description:
    "WAFv2 web ACLs should have a rate-based rule that blocks (or challenges) clients sending too many requests. " +
    "Advisory: limits brute force, scraping and cost of request floods.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Add a rule with `statement.rateBasedStatement: { limit: <requests per 5 min>, aggregateKeyType: "IP" }` and `action: { block: {} }`.',
  references: [{ source: "AWS docs", id: "WAF rate-based rule statement" }],
  types: [WEB_ACL, WEB_ACL_RULE],
  check: (ctx) => {
    for (const acl of ctx.index.ofType(WEB_ACL)) {
      ctx.each(acl, () => {
        const rules = webAclRules(ctx.index, acl).filter((r) => r.rateBased);
        if (rules.length === 0) ctx.report(acl, "The web ACL has no rate-based rule.");
        else if (rules.every((r) => r.counting))
          ctx.report(acl, "The web ACL's rate-based rules only count requests.");
      });
    }
  },
});

const wafv2Metrics = resourcePolicy({
  name: "wafv2-web-acl-metrics",
  description:
    "WAFv2 web ACLs and their rules should publish CloudWatch metrics, so blocked traffic and false positives are " +
    "visible. Advisory: observability.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `visibilityConfig.cloudwatchMetricsEnabled: true` on the web ACL and on every rule (and sampledRequestsEnabled for triage).",
  references: [{ source: "Security Hub FSBP", id: "WAF.12" }],
  types: [WEB_ACL, WEB_ACL_RULE, WEB_ACL_RULE_GROUP_ASSOCIATION],
  check: (props, ctx, args) => {
    if (args.type !== WEB_ACL) {
      // Separate rule resources: visibilityConfig is optional there; flag only an explicit opt-out.
      if (props.visibilityConfig?.cloudwatchMetricsEnabled === false) {
        ctx.report("CloudWatch metrics are disabled for this rule.");
      }
      return;
    }
    if (props.visibilityConfig?.cloudwatchMetricsEnabled !== true) {
      ctx.report("CloudWatch metrics are disabled for the web ACL.");
    }
    for (const r of list(props.rules)) {
      if (r?.visibilityConfig?.cloudwatchMetricsEnabled !== true) {
        ctx.report(`CloudWatch metrics are disabled for rule '${r?.name}'.`);
      }
    }
    if (present(props, "ruleJson")) {
      const doc = jsonDocument(props.ruleJson);
      for (const r of list(Array.isArray(doc) ? doc : doc?.Rules)) {
        if (r?.VisibilityConfig?.CloudWatchMetricsEnabled !== true) {
          ctx.report(`CloudWatch metrics are disabled for rule '${r?.Name}' (ruleJson).`);
        }
      }
    }
  },
});

const wafv2Logging = stackPolicy({
  name: "wafv2-web-acl-logging",
  description:
    "WAFv2 web ACLs should have a logging configuration (aws.wafv2.WebAclLoggingConfiguration whose resourceArn is the " +
    "ACL), the only record of which requests were blocked and why. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create an `aws.wafv2.WebAclLoggingConfiguration` with `resourceArn: <acl>.arn` and a KMS-encrypted log group named " +
    "`aws-waf-logs-*` as destination; redact Authorization and Cookie headers.",
  references: [
    { source: "Checkov", id: "CKV2_AWS_31" },
    { source: "Security Hub FSBP", id: "WAF.11" },
  ],
  types: [WEB_ACL, WEB_ACL_LOGGING],
  check: (ctx) => {
    const literal = literalReferences(ctx, [WEB_ACL_LOGGING], "resourceArn");
    for (const acl of ctx.index.ofType(WEB_ACL)) {
      ctx.each(acl, () => {
        if (ctx.index.referrers(acl, "resourceArn", WEB_ACL_LOGGING).length > 0) return;
        if (!literal.complete) return;
        if (literal.values.size > 0 && literal.values.has(acl.props.arn)) return;
        ctx.report(acl, "The web ACL has no logging configuration.");
      });
    }
  },
});

// ---------------------------------------------------------------------------------------------
// CloudFront
// ---------------------------------------------------------------------------------------------

const S3_WEBSITE_DOMAIN = /\.s3-website[.-][a-z0-9-]+\.amazonaws\.com(\.cn)?$/i;
const S3_REST_DOMAIN = /\.s3(\.dualstack)?([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/i;

function behaviorsOf(props: any): { label: string; prop: string; behavior: any }[] {
  const out = [
    {
      label: "default behavior",
      prop: "defaultCacheBehavior",
      behavior: props.defaultCacheBehavior,
    },
  ];
  list(props.orderedCacheBehaviors).forEach((b: any, i: number) =>
    out.push({
      label: `behavior '${b?.pathPattern ?? i}'`,
      prop: "orderedCacheBehaviors",
      behavior: b,
    }),
  );
  return out;
}

const HTTPS_VIEWER_POLICIES = new Set(["redirect-to-https", "https-only"]);

const cloudfrontViewerHttps = resourcePolicy({
  name: "cloudfront-viewer-https",
  description:
    "Every CloudFront cache behavior should require HTTPS from viewers (redirect-to-https or https-only). Advisory: " +
    "'allow-all' serves content and cookies over plain HTTP.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Set `viewerProtocolPolicy: "redirect-to-https"` on the default and every ordered cache behavior.',
  references: [
    { source: "Checkov", id: "CKV_AWS_34" },
    { source: "Security Hub FSBP", id: "CloudFront.3" },
  ],
  types: [DISTRIBUTION],
  check: (props, ctx) => {
    for (const { label, behavior } of behaviorsOf(props)) {
      const p = behavior?.viewerProtocolPolicy;
      if (!HTTPS_VIEWER_POLICIES.has(p))
        ctx.report(`The ${label} allows HTTP viewers (viewerProtocolPolicy '${p}').`);
    }
  },
});

const cloudfrontViewerTls = resourcePolicy<{ allowedMinimumProtocolVersions: string[] }>({
  name: "cloudfront-viewer-tls-version",
  description:
    "CloudFront should use a custom certificate with minimumProtocolVersion TLSv1.2_2021 or newer. With the default " +
    "*.cloudfront.net certificate CloudFront accepts TLSv1 from viewers. Advisory: a stack without its own domain may " +
    "accept that with a waiver.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Use an ACM certificate (us-east-1) with `viewerCertificate: { acmCertificateArn, sslSupportMethod: "sni-only", ' +
    'minimumProtocolVersion: "TLSv1.2_2021" }`.',
  references: [
    { source: "cdk-nag", id: "AwsSolutions-CFR4" },
    { source: "Checkov", id: "CKV_AWS_174" },
    { source: "Checkov", id: "CKV2_AWS_42" },
    { source: "Security Hub FSBP", id: "CloudFront.7" },
  ],
  config: {
    allowedMinimumProtocolVersions: {
      type: "array",
      items: { type: "string" },
      description: "Accepted viewer security policies.",
      default: ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"],
    },
  },
  types: [DISTRIBUTION],
  check: (props, ctx) => {
    const vc = props.viewerCertificate;
    const custom = present(vc, "acmCertificateArn") || present(vc, "iamCertificateId");
    if (!custom) {
      ctx.report(
        "The distribution uses the default CloudFront certificate, which accepts TLSv1 from viewers.",
      );
      return;
    }
    const v = vc.minimumProtocolVersion ?? "TLSv1";
    if (!ctx.config.allowedMinimumProtocolVersions.includes(v)) {
      ctx.report(`minimumProtocolVersion is '${v}', older than TLSv1.2_2021.`);
    }
  },
});

const cloudfrontS3OriginPrivate = resourcePolicy({
  name: "cloudfront-s3-origin-private",
  description:
    "CloudFront must reach S3 origins through origin access control (or a legacy origin access identity), never through " +
    "an S3 website endpoint or an unsigned S3 origin. Mandatory: both work only if the bucket is publicly readable.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Point the origin at the bucket's regional REST domain (bucketRegionalDomainName), set `originAccessControlId` to an " +
    "`aws.cloudfront.OriginAccessControl` (type s3, signing always, sigv4) and allow only this distribution in the bucket " +
    "policy (`AWS:SourceArn`). Keep the bucket's public-access block on.",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-CFR6" },
    { source: "Checkov", id: "CKV2_AWS_46" },
    { source: "Security Hub FSBP", id: "CloudFront.13" },
  ],
  types: [DISTRIBUTION],
  check: (props, ctx) => {
    for (const origin of list(props.origins)) {
      if (present(origin, "originAccessControlId")) continue;
      if (present(origin?.s3OriginConfig, "originAccessIdentity")) continue;
      const domain = String(origin?.domainName ?? "");
      if (S3_WEBSITE_DOMAIN.test(domain)) {
        ctx.report(
          `Origin '${origin?.originId}' is an S3 website endpoint, which requires a public bucket.`,
        );
      } else if (S3_REST_DOMAIN.test(domain) || present(origin, "s3OriginConfig")) {
        ctx.report(
          `S3 origin '${origin?.originId}' has no origin access control, so the bucket must be public.`,
        );
      }
    }
  },
});

const cloudfrontOriginAccessControl = resourcePolicy({
  name: "cloudfront-s3-origin-access-control",
  description:
    "S3 origins should use origin access control (OAC) instead of a legacy origin access identity (OAI). Advisory: OAI " +
    "keeps the bucket private but cannot read SSE-KMS encrypted objects and lacks SigV4 and per-distribution scoping.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create an `aws.cloudfront.OriginAccessControl`, set `originAccessControlId` on the origin, replace `s3OriginConfig`, and " +
    "switch the bucket policy from the OAI principal to `cloudfront.amazonaws.com` with `AWS:SourceArn` = the distribution.",
  references: [
    { source: "Checkov", id: "CKV2_AWS_46" },
    { source: "Security Hub FSBP", id: "CloudFront.13" },
  ],
  types: [DISTRIBUTION],
  check: (props, ctx) => {
    for (const origin of list(props.origins)) {
      if (present(origin?.s3OriginConfig, "originAccessIdentity")) {
        ctx.report(`Origin '${origin?.originId}' uses a legacy origin access identity.`);
      }
    }
  },
});

const DEPRECATED_ORIGIN_PROTOCOLS = new Set(["SSLv3", "TLSv1", "TLSv1.1"]);

const cloudfrontOriginTls = resourcePolicy({
  name: "cloudfront-origin-tls",
  description:
    "CloudFront should reach custom origins over HTTPS only, with TLSv1.2: originProtocolPolicy 'https-only' (or " +
    "'match-viewer' when every behavior requires HTTPS viewers) and no SSLv3/TLSv1/TLSv1.1 in originSslProtocols. Advisory.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Set `customOriginConfig.originProtocolPolicy: "https-only"` and `originSslProtocols: ["TLSv1.2"]`.',
  references: [
    { source: "cdk-nag", id: "AwsSolutions-CFR5" },
    { source: "Checkov", id: "CKV2_AWS_72" },
    { source: "Security Hub FSBP", id: "CloudFront.9" },
    { source: "Security Hub FSBP", id: "CloudFront.10" },
  ],
  types: [DISTRIBUTION],
  check: (props, ctx) => {
    const origins = list(props.origins).filter((o: any) => present(o, "customOriginConfig"));
    if (origins.length === 0) return;
    const viewersHttps = () =>
      behaviorsOf(props).every((b) => HTTPS_VIEWER_POLICIES.has(b.behavior?.viewerProtocolPolicy));
    for (const o of origins) {
      const cfg = o.customOriginConfig;
      const policy = cfg.originProtocolPolicy;
      if (policy === "http-only")
        ctx.report(`Origin '${o.originId}' is reached over plain HTTP (http-only).`);
      else if (policy === "match-viewer" && !viewersHttps()) {
        ctx.report(
          `Origin '${o.originId}' uses match-viewer while some behaviors allow HTTP viewers.`,
        );
      }
      const old = list<string>(cfg.originSslProtocols).filter((p) =>
        DEPRECATED_ORIGIN_PROTOCOLS.has(p),
      );
      if (old.length)
        ctx.report(`Origin '${o.originId}' allows deprecated protocols: ${old.join(", ")}.`);
    }
  },
});

const cloudfrontDefaultRootObject = resourcePolicy({
  name: "cloudfront-default-root-object",
  description:
    "Distributions with S3 origins should set a default root object, so a request for '/' returns a page instead of an " +
    "error or (with listing rights) the bucket's contents. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: 'Set `defaultRootObject: "index.html"`.',
  references: [
    { source: "Checkov", id: "CKV_AWS_305" },
    { source: "Security Hub FSBP", id: "CloudFront.1" },
  ],
  types: [DISTRIBUTION],
  check: (props, ctx) => {
    if (present(props, "defaultRootObject")) return;
    const s3 = list(props.origins).some(
      (o: any) =>
        present(o, "s3OriginConfig") ||
        S3_REST_DOMAIN.test(String(o?.domainName ?? "")) ||
        S3_WEBSITE_DOMAIN.test(String(o?.domainName ?? "")),
    );
    if (s3) ctx.report("The distribution serves an S3 origin without a default root object.");
  },
});

const cloudfrontWaf = resourcePolicy({
  name: "cloudfront-waf",
  description:
    "CloudFront distributions should be associated with a WAFv2 web ACL (scope CLOUDFRONT). Advisory: a static " +
    "documentation site may reasonably rely on CloudFront's built-in protections alone.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Create an `aws.wafv2.WebAcl` with `scope: "CLOUDFRONT"` in us-east-1 and set `webAclId` to its ARN.',
  references: [
    { source: "cdk-nag", id: "AwsSolutions-CFR2" },
    { source: "Checkov", id: "CKV_AWS_68" },
    { source: "Security Hub FSBP", id: "CloudFront.6" },
  ],
  types: [DISTRIBUTION],
  check: (props, ctx) => {
    if (!present(props, "webAclId")) ctx.report("The distribution has no WAF web ACL.");
  },
});

const cloudfrontLogging = stackPolicy({
  name: "cloudfront-logging",
  description:
    "CloudFront distributions should log viewer requests: legacy standard logging (`loggingConfig.bucket`, which needs " +
    "ACLs on the log bucket) or standard logging v2 (an aws.cloudwatch.LogDeliverySource of type ACCESS_LOGS for the " +
    "distribution plus an aws.cloudwatch.LogDelivery from it). Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Prefer logging v2: a LogDeliverySource (`resourceArn: <distribution>.arn`, `logType: "ACCESS_LOGS"`, us-east-1), a ' +
    "LogDeliveryDestination (S3 bucket or log group) and a LogDelivery linking them.",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-CFR3" },
    { source: "Checkov", id: "CKV_AWS_86" },
    { source: "Security Hub FSBP", id: "CloudFront.5" },
  ],
  types: [DISTRIBUTION, LOG_DELIVERY_SOURCE, LOG_DELIVERY],
  check: (ctx) => {
    const literalSources = literalReferences(ctx, [LOG_DELIVERY], "deliverySourceName");
    for (const dist of ctx.index.ofType(DISTRIBUTION)) {
      ctx.each(dist, () => {
        if (present(dist.props.loggingConfig, "bucket")) return;
        const sources = ctx.index
          .referrers(dist, "resourceArn", LOG_DELIVERY_SOURCE)
          .filter((s) => s.props.logType === "ACCESS_LOGS");
        if (sources.length === 0) {
          ctx.report(
            dist,
            "Access logging is off: no loggingConfig and no ACCESS_LOGS delivery source.",
          );
          return;
        }
        const delivered = sources.some(
          (s) =>
            ctx.index.referrers(s, "deliverySourceName", LOG_DELIVERY).length > 0 ||
            !literalSources.complete ||
            (literalSources.values.size > 0 && literalSources.values.has(s.props.name)),
        );
        if (!delivered)
          ctx.report(
            dist,
            "The ACCESS_LOGS delivery source has no LogDelivery, so no log is written.",
          );
      });
    }
  },
});

/** AWS managed response headers policies that send Strict-Transport-Security (max-age one year). */
const MANAGED_HSTS_POLICIES = new Set([
  "67f7725c-6f97-4210-82d7-5512b31e9d03", // Managed-SecurityHeadersPolicy
  "e61eb60c-9c35-4d20-a928-2b84e02af89c", // Managed-CORS-and-SecurityHeadersPolicy
  "eaab4381-ed33-4a86-88ca-d9558dc6cd63", // Managed-CORS-with-preflight-and-SecurityHeadersPolicy
]);

const cloudfrontHsts = stackPolicy<{ minHstsMaxAgeSeconds: number }>({
  name: "cloudfront-security-headers-hsts",
  description:
    "Every CloudFront cache behavior should attach a response headers policy that sends Strict-Transport-Security with a " +
    "max-age of at least `minHstsMaxAgeSeconds`: an AWS managed security-headers policy or a ResponseHeadersPolicy in this " +
    "stack. Advisory: browser-side hardening.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `responseHeadersPolicyId` on every behavior to an `aws.cloudfront.ResponseHeadersPolicy` with " +
    "`securityHeadersConfig.strictTransportSecurity: { accessControlMaxAgeSec: 31536000, includeSubdomains: true, override: true }` " +
    "(or the managed SecurityHeadersPolicy 67f7725c-6f97-4210-82d7-5512b31e9d03).",
  references: [
    { source: "Checkov", id: "CKV2_AWS_32" },
    { source: "Checkov", id: "CKV_AWS_259" },
  ],
  config: {
    minHstsMaxAgeSeconds: {
      type: "number",
      description: "Shortest acceptable HSTS max-age.",
      default: 31536000,
    },
  },
  types: [DISTRIBUTION, RESPONSE_HEADERS_POLICY],
  check: (ctx) => {
    const min = ctx.config.minHstsMaxAgeSeconds;
    const hstsProblem = (rhp: PolicyResource): string | undefined => {
      const age = rhp.props.securityHeadersConfig?.strictTransportSecurity?.accessControlMaxAgeSec;
      if (typeof age !== "number")
        return `response headers policy '${rhp.name}' sends no Strict-Transport-Security header`;
      if (age < min)
        return `response headers policy '${rhp.name}' sets HSTS max-age ${age} (< ${min})`;
      return undefined;
    };
    // In-stack policies by id, for behaviors that name one by a literal id (ids are known after apply).
    const byId = new Map<string, PolicyResource>();
    for (const rhp of ctx.index.ofType(RESPONSE_HEADERS_POLICY)) {
      const id = rawValue(rhp.props, "id");
      if (typeof id === "string") byId.set(id, rhp);
    }
    for (const dist of ctx.index.ofType(DISTRIBUTION)) {
      ctx.each(dist, () => {
        for (const { label, prop, behavior } of behaviorsOf(dist.props)) {
          if (!present(behavior, "responseHeadersPolicyId")) {
            ctx.report(dist, `The ${label} has no response headers policy (no HSTS).`);
            continue;
          }
          const raw = rawValue(behavior, "responseHeadersPolicyId");
          if (typeof raw === "string" && MANAGED_HSTS_POLICIES.has(raw)) continue;
          // At preview the id of a policy created here is unknown: use the policies the property was built from.
          const referenced = ctx.index.referenced(dist, prop, RESPONSE_HEADERS_POLICY);
          const candidates = referenced.length ? referenced : [];
          if (candidates.length === 0) {
            const id: string = behavior.responseHeadersPolicyId; // throws when unknown: preview note
            const rhp = byId.get(id);
            if (!rhp) {
              ctx.report(
                dist,
                `The ${label} uses response headers policy '${id}', which is neither a managed security-headers policy nor defined in this stack.`,
              );
              continue;
            }
            candidates.push(rhp);
          }
          for (const rhp of candidates) {
            const problem = hstsProblem(rhp);
            if (problem) ctx.report(dist, `The ${label}: ${problem}.`);
          }
        }
      });
    }
  },
});

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  elbAlbDropInvalidHeaders,
  elbAlbDesyncMitigation,
  elbAccessLogs,
  elbDeletionProtection,
  elbListenerTlsPolicy,
  elbListenerHttpRedirect,
  elbAlbWafAssociation,
  wafv2ManagedRules,
  wafv2RateLimit,
  wafv2Metrics,
  wafv2Logging,
  cloudfrontViewerHttps,
  cloudfrontViewerTls,
  cloudfrontS3OriginPrivate,
  cloudfrontOriginAccessControl,
  cloudfrontOriginTls,
  cloudfrontDefaultRootObject,
  cloudfrontWaf,
  cloudfrontLogging,
  cloudfrontHsts,
];
