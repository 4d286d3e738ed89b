// Elastic Load Balancing v2: a target group's port, health check, deregistration delay, slow start
// and stickiness, as the provider's schema and CustomizeDiff check them at `pulumi preview`
// (internal/service/elbv2/target_group.go), and a listener's port, ARNs and default actions
// (listener.go), a listener rule's priority (listener_rule.go); a load balancer's idle timeout and
// client keep-alive, which the provider passes on unchecked and ELB refuses out of range when the
// provider sets the load balancer's attributes at `pulumi up`, and an HTTPS or TLS listener without
// its certificate (`by: "aws"`, ./rules-create-balancers.ts). Names are in rules-compute.ts. Both the `aws.lb` and the `aws.alb`
// tokens are judged alike: one resource of the provider under two names.
import type { CrossProblem, CrossRule, InputRule } from "./rule";
import { inputRule } from "./rule";
import { CREATE_BALANCER_CROSS_RULES, upper } from "./rules-create-balancers";
import {
  any,
  goQuote,
  intBetween,
  lenBetween,
  matches,
  oneOf,
  validARN,
  Validator,
} from "./validators";

const TARGET_GROUPS = ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];
const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const TARGET_GROUP_GO = "internal/service/elbv2/target_group.go";
const LISTENER_GO = "internal/service/elbv2/listener.go";
const LISTENER_RULES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"];

/**
 * `validListenerRulePriority` (internal/service/elbv2/listener_rule.go): 1 to 50000, or 99999, the
 * default rule's, in the provider's words.
 */
const listenerRulePriority: Validator = (v, k) =>
  typeof v === "number" && (v < 1 || (v > 50000 && v !== 99999))
    ? [`${goQuote(k)} must be in the range 1-50000 for normal rule or 99999 for the default rule`]
    : [];

/** `validTargetGroupHealthCheckPort`: "traffic-port" or a port number, its bound 65536 as written. */
const healthCheckPort: Validator = (v, k) => {
  const s = typeof v === "number" ? String(v) : v;
  if (typeof s !== "string" || s === "traffic-port") return [];
  const n = /^[+-]?\d+$/.test(s) ? Number(s) : Number.NaN;
  const says = `${goQuote(k)} must be a valid port number (1-65536) or "traffic-port"`;
  // Atoi failing and the range check each append the message: a word that is no number gets two.
  if (Number.isNaN(n)) return [says, says];
  return n < 1 || n > 65536 ? [says] : [];
};

/** The provider's validators of a target group's inputs, for either token. */
function targetGroupRules(type: string): InputRule[] {
  const rule = (prop: string, attr: string, validate: Validator, fix: string) =>
    inputRule(type, prop, attr, validate, fix, TARGET_GROUP_GO);
  return [
    rule("port", "port", intBetween(1, 65535), "a port from 1 to 65535"),
    rule(
      "deregistrationDelay",
      "deregistration_delay",
      intBetween(0, 3600),
      "a deregistration delay from 0 to 3600 seconds (default 300)",
    ),
    rule(
      "slowStart",
      "slow_start",
      any(intBetween(0, 0), intBetween(30, 900)),
      "0 (slow start off) or 30 to 900 seconds",
    ),
    rule(
      "healthCheck.interval",
      "health_check.0.interval",
      intBetween(5, 300),
      "a health check interval from 5 to 300 seconds (default 30)",
    ),
    rule(
      "healthCheck.timeout",
      "health_check.0.timeout",
      intBetween(2, 120),
      "a health check timeout from 2 to 120 seconds",
    ),
    rule(
      "healthCheck.healthyThreshold",
      "health_check.0.healthy_threshold",
      intBetween(2, 10),
      "a healthy threshold from 2 to 10 checks (default 3)",
    ),
    rule(
      "healthCheck.unhealthyThreshold",
      "health_check.0.unhealthy_threshold",
      intBetween(2, 10),
      "an unhealthy threshold from 2 to 10 checks (default 3)",
    ),
    // validation.All(StringLenBetween(1, 1024), verify.StringHasPrefix("/")): only the length is
    // judged here, the prefix check's wording not being one this table has from the source.
    rule(
      "healthCheck.path",
      "health_check.0.path",
      lenBetween(1, 1024),
      "a health check path of 1 to 1024 characters starting with / (e.g. /healthz)",
    ),
    rule(
      "healthCheck.port",
      "health_check.0.port",
      healthCheckPort,
      'traffic-port (the default) or a port number, as a string: "8080"',
    ),
    rule(
      "stickiness.cookieDuration",
      "stickiness.0.cookie_duration",
      intBetween(0, 604800),
      "a cookie duration from 0 to 604800 seconds (one week)",
    ),
    rule(
      "targetHealthStates.unhealthyDrainingInterval",
      "target_health_state.0.unhealthy_draining_interval",
      intBetween(0, 360000),
      "an unhealthy draining interval from 0 to 360000 seconds",
    ),
  ];
}

/** validation.IsPortNumber: 1 to 65535, in its own words. */
export const portNumber: Validator = (v, k) =>
  typeof v === "number" && (v < 1 || v > 65535)
    ? [`expected ${goQuote(k)} to be a valid port number, got: ${v}`]
    : [];

/** The provider's validators of a listener's inputs (listener.go), for either token. */
function listenerRules(type: string): InputRule[] {
  const rule = (prop: string, attr: string, validate: Validator, fix: string) =>
    inputRule(type, prop, attr, validate, fix, LISTENER_GO);
  const action = "default_action.0";
  return [
    rule("port", "port", portNumber, "a port from 1 to 65535"),
    rule("certificateArn", "certificate_arn", validARN, "the certificate's `arn` output"),
    rule("loadBalancerArn", "load_balancer_arn", validARN, "the load balancer's `arn` output"),
    rule(
      "defaultActions.targetGroupArn",
      `${action}.target_group_arn`,
      validARN,
      "the target group's `arn` output",
    ),
    rule(
      "defaultActions.order",
      `${action}.order`,
      intBetween(1, 50000),
      "an order from 1 to 50000",
    ),
    rule(
      "defaultActions.fixedResponse.contentType",
      `${action}.fixed_response.0.content_type`,
      oneOf(["text/plain", "text/css", "text/html", "application/javascript", "application/json"]),
      "text/plain, text/css, text/html, application/javascript or application/json",
    ),
    rule(
      "defaultActions.fixedResponse.messageBody",
      `${action}.fixed_response.0.message_body`,
      lenBetween(0, 1024),
      "a message body of at most 1024 characters",
    ),
    rule(
      "defaultActions.fixedResponse.statusCode",
      `${action}.fixed_response.0.status_code`,
      matches(/^[245]\d\d$/, ""),
      'a 2XX, 4XX or 5XX status code, as a string: "404"',
    ),
    rule(
      "defaultActions.forward.targetGroups.weight",
      `${action}.forward.0.target_group.0.weight`,
      intBetween(0, 999),
      "a weight from 0 to 999",
    ),
    rule(
      "defaultActions.forward.stickiness.duration",
      `${action}.forward.0.stickiness.0.duration`,
      intBetween(1, 604800),
      "a stickiness duration from 1 to 604800 seconds",
    ),
    ...(["host", "path"] as const).map((key) =>
      rule(
        `defaultActions.redirect.${key}`,
        `${action}.redirect.0.${key}`,
        lenBetween(1, 128),
        `a redirect ${key} of 1 to 128 characters`,
      ),
    ),
    rule(
      "defaultActions.redirect.query",
      `${action}.redirect.0.query`,
      lenBetween(0, 128),
      "a redirect query of at most 128 characters",
    ),
    rule(
      "defaultActions.redirect.protocol",
      `${action}.redirect.0.protocol`,
      oneOf(["#{protocol}", "HTTP", "HTTPS"]),
      "#{protocol}, HTTP or HTTPS (upper case)",
    ),
    rule(
      "defaultActions.redirect.statusCode",
      `${action}.redirect.0.status_code`,
      oneOf(["HTTP_301", "HTTP_302"]),
      "HTTP_301 (permanent) or HTTP_302 (temporary)",
    ),
  ];
}

/**
 * `resourceTargetGroupCustomizeDiff` and `customizeDiffTargetGroupTargetTypeLambda`: a TCP health
 * check takes no matcher and no path; an HTTP or HTTPS target group, or a Lambda one, no TCP
 * health check (the provider's own words, errs.NewAttributeConflictsWhenError and fmt.Errorf).
 * The provider stops at the first; the check reports the first too.
 */
function healthCheckProtocol(type: string): CrossRule {
  return {
    type,
    what: "a TCP health check without matcher or path, and not on an HTTP(S) or Lambda target group",
    reads: ["healthCheck", "protocol", "targetType"],
    check: (inputs) => {
      const hc = inputs.healthCheck;
      if (!hc || typeof hc !== "object" || upper(hc.protocol) !== "TCP") return [];
      const p = hc.protocol as string;
      for (const key of ["matcher", "path"] as const) {
        if (typeof hc[key] === "string" && hc[key] !== "")
          return [
            {
              prop: `healthCheck.${key}`,
              value: hc[key],
              says: `Attribute "health_check[0].${key}" cannot be specified when "health_check[0].protocol" is ${JSON.stringify(p)}.`,
            },
          ];
      }
      const protocol = inputs.protocol;
      if (protocol === "HTTP" || protocol === "HTTPS") return [tcpRefused(p, "protocol", protocol)];
      // The Lambda check compares the protocol as written, not upper-cased.
      if (inputs.targetType === "lambda" && p === "TCP")
        return [tcpRefused(p, "target_type", "lambda")];
      return [];
    },
    fix:
      "an HTTP or HTTPS health check (with its path and matcher) for an HTTP(S) or Lambda target " +
      "group; a TCP health check only without path and matcher",
    source: TARGET_GROUP_GO,
  };
}

function tcpRefused(given: string, attr: string, value: string): CrossProblem {
  return {
    prop: "healthCheck.protocol",
    value: given,
    says: `Attribute "health_check[0].protocol" cannot have value "TCP" when "${attr}" is "${value}".`,
  };
}

/**
 * `customizeDiffTargetGroupTargetTypeNotLambda`: a target group of any type but `lambda` (the
 * default is `instance`) needs port, protocol and vpc_id in the program (the raw config: an
 * unknown value passes), errs.NewAttributeRequiredWhenError.
 */
function targetNeeds(type: string): CrossRule {
  const needed = [
    ["port", "port"],
    ["protocol", "protocol"],
    ["vpcId", "vpc_id"],
  ] as const;
  return {
    type,
    what: "port, protocol and vpcId unless the target type is lambda",
    reads: ["port", "protocol", "vpcId", "targetType"],
    check: (inputs) => {
      const targetType = inputs.targetType ?? "instance";
      if (targetType === "lambda" || typeof targetType !== "string") return [];
      const missing = needed.find(([p]) => inputs[p] === undefined || inputs[p] === null);
      return missing
        ? [
            {
              prop: missing[0],
              value: undefined,
              says: `Attribute "${missing[1]}" must be specified when "target_type" is "${targetType}".`,
            },
          ]
        : [];
    },
    fix: "give port, protocol and vpcId (targetType lambda takes none of them)",
    source: TARGET_GROUP_GO,
  };
}

export const BALANCER_RULES: readonly InputRule[] = [
  ...TARGET_GROUPS.flatMap(targetGroupRules),
  ...LISTENERS.flatMap(listenerRules),
  ...LISTENER_RULES.map((type) =>
    inputRule(
      type,
      "priority",
      "priority",
      listenerRulePriority,
      "a priority from 1 to 50000, each rule of a listener its own (or leave it out: the next free one)",
      "internal/service/elbv2/listener_rule.go",
    ),
  ),
];

export const BALANCER_CROSS_RULES: readonly CrossRule[] = [
  ...TARGET_GROUPS.flatMap((t) => [healthCheckProtocol(t), targetNeeds(t)]),
  ...CREATE_BALANCER_CROSS_RULES,
];
