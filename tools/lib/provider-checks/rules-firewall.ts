// WAFv2 web ACLs: names and prefixes, description, scope, the rules' names, the metric names of
// the ACL's and each rule's visibility config, token domains, and the rules given one way only.
// The name Pulumi makes (`<logical name>-<7 hex>`, pulumi/pulumi-aws provider/autonaming.go; no
// override of this type in provider/resource_overrides.go) is judged as a given one. The
// provider's schema sets no bound on a rule's priority and no check across a default action's
// `allow` and `block` (AWS refuses those at `pulumi up`): neither is judged here; two rules at one
// priority are AWS's refusal (rules-create-definitions.ts). Each entry names the provider file
// that declares it.
import { conflictsWith, CrossRule, InputRule } from "./rule";
import { wafName } from "./rules-network";
import { all, lenBetween, matches, oneOfGrowing } from "./validators";
import { isJSON } from "./validators-formats";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const ACL = "internal/service/wafv2/web_acl.go";
const SCHEMAS = "internal/service/wafv2/schemas.go";

const METRIC_FIX = "letters, digits, - and _ only, 1 to 128 characters (no spaces or dots)";

export const FIREWALL_RULES: readonly InputRule[] = [
  {
    type: WEB_ACL,
    prop: "name",
    attr: "name",
    validate: wafName(128),
    fix: "letters, digits, - and _ only, at most 128 characters (a logical name Pulumi turns into the name too)",
    source: ACL,
  },
  {
    type: WEB_ACL,
    prop: "namePrefix",
    attr: "name_prefix",
    validate: wafName(102),
    fix: "letters, digits, - and _ only, at most 102 characters (the provider adds 26)",
    source: ACL,
  },
  {
    type: WEB_ACL,
    prop: "description",
    attr: "description",
    validate: lenBetween(1, 256),
    fix: "a description of at most 256 characters",
    source: ACL,
  },
  {
    type: WEB_ACL,
    prop: "scope",
    attr: "scope",
    validate: oneOfGrowing(["CLOUDFRONT", "REGIONAL"]),
    fix: "REGIONAL, or CLOUDFRONT (in us-east-1), upper case",
    source: ACL,
  },
  {
    type: WEB_ACL,
    prop: "rules.name",
    attr: "rule.name",
    validate: lenBetween(1, 128),
    fix: "a rule name of at most 128 characters",
    source: ACL,
  },
  {
    type: WEB_ACL,
    prop: "visibilityConfig.metricName",
    attr: "visibility_config.0.metric_name",
    validate: wafName(128),
    fix: METRIC_FIX,
    source: SCHEMAS,
  },
  {
    type: WEB_ACL,
    prop: "rules.visibilityConfig.metricName",
    attr: "rule.visibility_config.0.metric_name",
    validate: wafName(128),
    fix: METRIC_FIX,
    source: SCHEMAS,
  },
  {
    type: WEB_ACL,
    prop: "tokenDomains",
    attr: "token_domains",
    validate: all(
      lenBetween(1, 253),
      matches(
        /^[\w.\-/]+$/,
        "must contain only alphanumeric, hyphen, dot, underscore and forward-slash characters",
      ),
    ),
    fix: "domain names only, e.g. example.com (no scheme, port or spaces)",
    source: ACL,
  },
  {
    type: WEB_ACL,
    prop: "ruleJson",
    attr: "rule_json",
    validate: isJSON,
    fix: "JSON.stringify of the rules",
    source: ACL,
  },
];

export const FIREWALL_CROSS_RULES: readonly CrossRule[] = [
  conflictsWith(WEB_ACL, ["name", "name"], ["namePrefix", "name_prefix"], ACL),
  conflictsWith(WEB_ACL, ["rules", "rule"], ["ruleJson", "rule_json"], ACL),
];
