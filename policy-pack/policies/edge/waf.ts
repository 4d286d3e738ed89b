// WAFv2 web ACLs: enforced AWS managed rule groups, a rate-based rule, CloudWatch metrics and a
// logging configuration. Rules count wherever they are declared: inline, in `ruleJson`, or as
// WebAclRule / WebAclRuleGroupAssociation resources.
import type { PolicyResource } from "@pulumi/policy";
import { resourcePolicy, stackPolicy, StackIndex } from "../../lib/define";
import { eachWithReferrers } from "../../lib/references";
import { asList, jsonDocument, present, flagValue, flagOn } from "../../lib/values";
import {
  WAFV2_WEB_ACL,
  WAFV2_WEB_ACL_LOGGING_CONFIGURATION,
  WAFV2_WEB_ACL_RULE,
  WAFV2_WEB_ACL_RULE_GROUP_ASSOCIATION,
} from "../../lib/types";
import { awsDocs, checkov, fsbp } from "../../lib/controls";
import {
  NATIVE_WAFV2_LOGGING_CONFIGURATION,
  NATIVE_WAFV2_WEB_ACL,
  NATIVE_WAFV2_WEB_ACL_V0,
} from "../../lib/native/types";
import { stringListSchema } from "../../lib/config-schema";

/** The native web ACL types, read as the classic web ACL (../../lib/native/twins-traffic.ts). */
const NATIVE_ACLS = [NATIVE_WAFV2_WEB_ACL, NATIVE_WAFV2_WEB_ACL_V0];

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
  const rules = asList(acl.props.rules).map(ruleFromProvider);
  if (present(acl.props, "ruleJson")) {
    const doc = jsonDocument(acl.props.ruleJson);
    rules.push(...asList(Array.isArray(doc) ? doc : doc?.Rules).map(ruleFromApi));
  }
  for (const r of index.referrers(acl, "webAclArn", WAFV2_WEB_ACL_RULE))
    rules.push(ruleFromProvider(r.props));
  for (const a of index.referrers(acl, "webAclArn", WAFV2_WEB_ACL_RULE_GROUP_ASSOCIATION)) {
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

export const wafv2ManagedRules = stackPolicy<{ requiredManagedRuleGroups: string[] }>({
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
    checkov("CKV_AWS_175"),
    checkov("CKV_AWS_192"),
    checkov("CKV2_AWS_76"),
    fsbp("WAF.10"),
  ],
  config: {
    requiredManagedRuleGroups: stringListSchema(
      "AWS managed rule groups every web ACL must enforce.",
      ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"],
    ),
  },
  types: [WAFV2_WEB_ACL, WAFV2_WEB_ACL_RULE, WAFV2_WEB_ACL_RULE_GROUP_ASSOCIATION, ...NATIVE_ACLS],
  appliesTo: [WAFV2_WEB_ACL, ...NATIVE_ACLS],
  check: (ctx) => {
    for (const acl of ctx.index.ofType(WAFV2_WEB_ACL)) {
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

export const wafv2RateLimit = stackPolicy({
  name: "wafv2-web-acl-rate-limit",
  description:
    "WAFv2 web ACLs should have a rate-based rule that blocks (or challenges) clients sending too many requests. " +
    "Advisory: limits brute force, scraping and cost of request floods.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Add a rule with `statement.rateBasedStatement: { limit: <requests per 5 min>, aggregateKeyType: "IP" }` and `action: { block: {} }`.',
  references: [awsDocs("WAF rate-based rule statement")],
  types: [WAFV2_WEB_ACL, WAFV2_WEB_ACL_RULE, ...NATIVE_ACLS],
  appliesTo: [WAFV2_WEB_ACL, ...NATIVE_ACLS],
  check: (ctx) => {
    for (const acl of ctx.index.ofType(WAFV2_WEB_ACL)) {
      ctx.each(acl, () => {
        const rules = webAclRules(ctx.index, acl).filter((r) => r.rateBased);
        if (rules.length === 0) ctx.report(acl, "The web ACL has no rate-based rule.");
        else if (rules.every((r) => r.counting))
          ctx.report(acl, "The web ACL's rate-based rules only count requests.");
      });
    }
  },
});

export const wafv2Metrics = resourcePolicy({
  name: "wafv2-web-acl-metrics",
  description:
    "WAFv2 web ACLs and their rules should publish CloudWatch metrics, so blocked traffic and false positives are " +
    "visible. Advisory: observability.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `visibilityConfig.cloudwatchMetricsEnabled: true` on the web ACL and on every rule (and sampledRequestsEnabled for triage).",
  references: [fsbp("WAF.12")],
  types: [WAFV2_WEB_ACL, WAFV2_WEB_ACL_RULE, WAFV2_WEB_ACL_RULE_GROUP_ASSOCIATION, ...NATIVE_ACLS],
  check: (props, ctx, args) => {
    if (args.type !== WAFV2_WEB_ACL) {
      // Separate rule resources: visibilityConfig is optional there; flag only an explicit opt-out.
      if (flagValue(props.visibilityConfig?.cloudwatchMetricsEnabled) === false) {
        ctx.report("CloudWatch metrics are disabled for this rule.");
      }
      return;
    }
    if (!flagOn(props.visibilityConfig?.cloudwatchMetricsEnabled)) {
      ctx.report("CloudWatch metrics are disabled for the web ACL.");
    }
    for (const r of asList(props.rules)) {
      if (!flagOn(r?.visibilityConfig?.cloudwatchMetricsEnabled)) {
        ctx.report(`CloudWatch metrics are disabled for rule '${r?.name}'.`);
      }
    }
    if (present(props, "ruleJson")) {
      const doc = jsonDocument(props.ruleJson);
      for (const r of asList(Array.isArray(doc) ? doc : doc?.Rules)) {
        if (r?.VisibilityConfig?.CloudWatchMetricsEnabled !== true) {
          ctx.report(`CloudWatch metrics are disabled for rule '${r?.Name}' (ruleJson).`);
        }
      }
    }
  },
});

export const wafv2Logging = stackPolicy({
  name: "wafv2-web-acl-logging",
  description:
    "WAFv2 web ACLs should have a logging configuration (aws.wafv2.WebAclLoggingConfiguration whose resourceArn is the " +
    "ACL), the only record of which requests were blocked and why. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create an `aws.wafv2.WebAclLoggingConfiguration` with `resourceArn: <acl>.arn` and a KMS-encrypted log group named " +
    "`aws-waf-logs-*` as destination; redact Authorization and Cookie headers.",
  references: [checkov("CKV2_AWS_31"), fsbp("WAF.11")],
  types: [
    WAFV2_WEB_ACL,
    WAFV2_WEB_ACL_LOGGING_CONFIGURATION,
    ...NATIVE_ACLS,
    NATIVE_WAFV2_LOGGING_CONFIGURATION,
  ],
  appliesTo: [WAFV2_WEB_ACL, ...NATIVE_ACLS],
  check: (ctx) => {
    const link = { type: WAFV2_WEB_ACL_LOGGING_CONFIGURATION, prop: "resourceArn", keys: ["arn"] };
    eachWithReferrers(ctx, WAFV2_WEB_ACL, link, (acl, logging) => {
      if (logging.length > 0) return;
      ctx.report(acl, "The web ACL has no logging configuration.");
    });
  },
});
