// Application/Network Load Balancers and their listeners (both the `aws:lb/...` and the
// `aws:alb/...` spellings): header hygiene, desync mitigation, access logs, deletion protection,
// cross-zone balancing of NLBs and GWLBs, TLS policies, HTTP-to-HTTPS redirects, and WAF on
// internet-facing ALBs.
import { resourcePolicy, stackPolicy } from "../../lib/define";
import {
  DEFAULT_SSL_POLICY_PATTERN,
  httpActionProblem,
  tlsPolicyProblem,
} from "../../lib/edge/listeners";
import { eachWithReferrers } from "../../lib/references";
import { asList, flagOn, present, flagValue } from "../../lib/values";
import {
  ALB_LISTENER,
  ALB_LISTENER_RULE,
  ALB_LOAD_BALANCER,
  LB_LISTENER,
  LB_LISTENER_RULE,
  LB_LOAD_BALANCER,
  WAFV2_WEB_ACL_ASSOCIATION,
} from "../../lib/types";
import { awsDocs, awsGuard, cdkNag, checkov, fsbp, trivy } from "../../lib/controls";
import {
  NATIVE_ELBV2_LISTENER,
  NATIVE_ELBV2_LISTENER_RULE,
  NATIVE_ELBV2_LOAD_BALANCER,
  NATIVE_WAFV2_WEB_ACL_ASSOCIATION,
} from "../../lib/native/types";

const LOAD_BALANCERS = [LB_LOAD_BALANCER, ALB_LOAD_BALANCER];
const LISTENERS = [LB_LISTENER, ALB_LISTENER];
const LISTENER_RULES = [LB_LISTENER_RULE, ALB_LISTENER_RULE];

function isApplicationLb(props: any): boolean {
  const t = props.loadBalancerType;
  return t === undefined || t === "application";
}

export const elbAlbDropInvalidHeaders = resourcePolicy({
  name: "elb-alb-drop-invalid-headers",
  description:
    "Application Load Balancers should drop HTTP headers with invalid names instead of passing them to targets " +
    "(request smuggling and header-injection defence). Advisory: hardening in depth.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: "Set `dropInvalidHeaderFields: true` on the load balancer.",
  references: [checkov("CKV_AWS_131"), trivy("AWS-0052"), fsbp("ELB.4")],
  types: [...LOAD_BALANCERS, NATIVE_ELBV2_LOAD_BALANCER],
  check: (props, ctx) => {
    if (!isApplicationLb(props)) return;
    if (!flagOn(props.dropInvalidHeaderFields)) ctx.report("dropInvalidHeaderFields is not true.");
  },
});

export const elbAlbDesyncMitigation = resourcePolicy({
  name: "elb-alb-desync-mitigation",
  description:
    "Application Load Balancers should use the 'defensive' (AWS default) or 'strictest' HTTP desync mitigation mode; " +
    "'monitor' lets ambiguous requests that enable request smuggling through. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: 'Remove `desyncMitigationMode` or set it to "defensive" or "strictest".',
  references: [checkov("CKV_AWS_328"), fsbp("ELB.12")],
  types: [...LOAD_BALANCERS, NATIVE_ELBV2_LOAD_BALANCER],
  check: (props, ctx) => {
    if (!isApplicationLb(props)) return;
    const mode = props.desyncMitigationMode ?? "defensive";
    if (mode !== "defensive" && mode !== "strictest")
      ctx.report(`desyncMitigationMode is '${mode}'.`);
  },
});

export const elbAccessLogs = resourcePolicy({
  name: "elb-load-balancer-access-logs",
  description:
    "Load balancers should write access logs to S3, the record of who called what through the edge. Advisory: needed " +
    "for investigation, exposes nothing when missing.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `accessLogs: { bucket: <log bucket>, enabled: true }`; the bucket policy must let the ELB log delivery principal write.",
  references: [
    awsGuard("elb-logging-enabled"),
    cdkNag("AwsSolutions-ELB2"),
    checkov("CKV_AWS_91"),
    fsbp("ELB.5"),
  ],
  types: [...LOAD_BALANCERS, NATIVE_ELBV2_LOAD_BALANCER],
  check: (props, ctx) => {
    if (props.loadBalancerType === "gateway") return;
    const logs = props.accessLogs;
    if (!flagOn(logs?.enabled) || !present(logs, "bucket"))
      ctx.report("Access logging is not enabled.");
  },
});

export const elbDeletionProtection = resourcePolicy({
  name: "elb-load-balancer-deletion-protection",
  description:
    "Load balancers should have deletion protection, so a mistaken `pulumi destroy` or console click cannot take the " +
    "public entry point down. Advisory: production should set it; staging may waive it with a reason.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `enableDeletionProtection: true` (turn it off deliberately before a planned teardown).",
  references: [checkov("CKV_AWS_150"), fsbp("ELB.6")],
  types: [...LOAD_BALANCERS, NATIVE_ELBV2_LOAD_BALANCER],
  check: (props, ctx) => {
    if (!flagOn(props.enableDeletionProtection)) ctx.report("Deletion protection is not enabled.");
  },
});

// Cross-zone load balancing is always on for Application Load Balancers; Network and Gateway Load
// Balancers default to off (ELB docs, "Cross-zone load balancing").
export const elbCrossZoneLoadBalancing = resourcePolicy({
  name: "elb-nlb-cross-zone-load-balancing",
  description:
    "Network and Gateway Load Balancers should balance across zones, so each node spreads traffic over the healthy " +
    "targets of every enabled AZ instead of only its own. Advisory: off by default (unlike ALBs, where it is " +
    "always on); enabling it costs inter-AZ data transfer.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `enableCrossZoneLoadBalancing: true` on the load balancer.",
  references: [
    checkov("CKV_AWS_152"),
    awsDocs("Elastic Load Balancing: cross-zone load balancing (NLB and GWLB default off)"),
  ],
  types: [...LOAD_BALANCERS, NATIVE_ELBV2_LOAD_BALANCER],
  check: (props, ctx) => {
    if (isApplicationLb(props)) return;
    if (!flagOn(props.enableCrossZoneLoadBalancing))
      ctx.report(
        `enableCrossZoneLoadBalancing is ${flagValue(props.enableCrossZoneLoadBalancing) === false ? "false" : "not set (default false)"}.`,
      );
  },
});

export const elbListenerTlsPolicy = resourcePolicy<{ sslPolicyPattern: string }>({
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
    checkov("CKV_AWS_103"),
    trivy("AWS-0047"),
    fsbp("ELB.17"),
    awsDocs("ELB security policies (API default ELBSecurityPolicy-2016-08)"),
  ],
  config: {
    sslPolicyPattern: {
      type: "string",
      description:
        "Regular expression for accepted security policies. The default accepts every TLS13-1-2 and TLS13-1-3 policy (FIPS and PQ variants included).",
      default: DEFAULT_SSL_POLICY_PATTERN,
    },
  },
  // An aws-native Listener takes the same protocol and sslPolicy (../../lib/native/twins-network.ts),
  // and Cloud Control creates it through the same API, with the same default policy.
  types: [...LISTENERS, NATIVE_ELBV2_LISTENER],
  check: (props, ctx) => {
    const protocol = props.protocol;
    if (protocol !== "HTTPS" && protocol !== "TLS") return;
    const problem = tlsPolicyProblem(protocol, props.sslPolicy, ctx.config.sslPolicyPattern);
    if (problem) ctx.report(problem);
  },
});

/** The load balancers and their WAF associations, classic and aws-native (found by reference). */
const WAF_TYPES = [
  ...LOAD_BALANCERS,
  WAFV2_WEB_ACL_ASSOCIATION,
  NATIVE_ELBV2_LOAD_BALANCER,
  NATIVE_WAFV2_WEB_ACL_ASSOCIATION,
];

export const elbListenerHttpRedirect = stackPolicy({
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
  references: [checkov("CKV2_AWS_20"), checkov("CKV_AWS_2"), trivy("AWS-0054"), fsbp("ELB.1")],
  // An aws-native Listener's defaultActions and ListenerRule's actions read as the classic ones
  // (../../lib/native/twins-network.ts).
  types: [...LISTENERS, ...LISTENER_RULES, NATIVE_ELBV2_LISTENER, NATIVE_ELBV2_LISTENER_RULE],
  appliesTo: [...LISTENERS, ...LISTENER_RULES, NATIVE_ELBV2_LISTENER, NATIVE_ELBV2_LISTENER_RULE],
  check: (ctx) => {
    for (const listener of ctx.index.ofType(...LISTENERS)) {
      ctx.each(listener, () => {
        const lbs = ctx.index.referenced(listener, "loadBalancerArn", ...LOAD_BALANCERS);
        if (lbs.some((lb) => !isApplicationLb(lb.props))) return;
        if ((listener.props.protocol ?? "HTTP") !== "HTTP") return;
        for (const action of asList(listener.props.defaultActions)) {
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
            for (const action of asList(rule.props.actions)) {
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

export const elbAlbWafAssociation = stackPolicy({
  name: "elb-alb-waf-association",
  description:
    "Internet-facing Application Load Balancers should be protected by a WAFv2 web ACL (an aws.wafv2.WebAclAssociation " +
    "whose resourceArn is the load balancer). Advisory: the design leaves staging without WAF to save cost; the finding " +
    "keeps that visible.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create an `aws.wafv2.WebAcl` (scope REGIONAL) and an `aws.wafv2.WebAclAssociation` with `resourceArn: <alb>.arn`.",
  references: [checkov("CKV2_AWS_28"), fsbp("ELB.16")],
  types: [...WAF_TYPES],
  // Associations are read (a literal ARN may be unknown at preview) even without a load balancer.
  appliesTo: [...WAF_TYPES],
  check: (ctx) => {
    // Only an association given as a literal ARN needs the load balancer's ARN (unknown at preview).
    const link = { type: WAFV2_WEB_ACL_ASSOCIATION, prop: "resourceArn", keys: ["arn"] };
    eachWithReferrers(
      ctx,
      LOAD_BALANCERS,
      link,
      (lb, associations) => {
        if (associations.length > 0) return;
        ctx.report(
          lb,
          "This internet-facing load balancer is not associated with a WAFv2 web ACL.",
        );
      },
      (lb) => isApplicationLb(lb.props) && !flagOn(lb.props.internal),
    );
  },
});
