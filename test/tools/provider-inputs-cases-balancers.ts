// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: Elastic Load Balancing v2 target groups (port, health check,
// deregistration delay, slow start, stickiness, draining), listeners (port, ARNs, default actions,
// certificate) and load balancers (idle timeout, client keep-alive), under both the `aws.lb` and
// the `aws.alb` tokens (rules-balancers.ts). The storage, cache and edge cases are in
// provider-inputs-cases-storage.ts, the Auto Scaling and EBS ones in provider-inputs-cases-fleet.ts.
import type { Case } from "./provider-inputs-cases";

export const TARGET_GROUPS = ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];
export const LOAD_BALANCERS = [
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:alb/loadBalancer:LoadBalancer",
];
export const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];

/** A health check at the upper bound of each range the provider checks. */
export const HEALTH_CHECK = {
  enabled: true,
  interval: 300,
  timeout: 120,
  healthyThreshold: 10,
  unhealthyThreshold: 2,
  path: `/${"p".repeat(1023)}`, // 1024 characters
  port: "65536", // the provider's bound, as it writes it
  protocol: "HTTP",
  matcher: "200-299",
};

const TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1";
/** A listener's default actions, one of each kind with a check, each at its bounds. */
export const DEFAULT_ACTIONS = [
  { type: "forward", order: 50000, targetGroupArn: TG_ARN },
  {
    type: "fixed-response",
    order: 1,
    fixedResponse: {
      contentType: "application/json",
      messageBody: "m".repeat(1024),
      statusCode: "503",
    },
  },
  {
    type: "forward",
    forward: {
      targetGroups: [
        { arn: TG_ARN, weight: 999 },
        { arn: TG_ARN, weight: 0 },
      ],
      stickiness: { duration: 604800, enabled: true },
    },
  },
  {
    type: "redirect",
    redirect: {
      host: "h".repeat(128),
      path: `/${"p".repeat(127)}`,
      query: "q".repeat(128),
      protocol: "#{protocol}",
      port: "443",
      statusCode: "HTTP_302",
    },
  },
];

/** The inputs added to the first files' compliant resources, each at a bound AWS accepts. */
export const BALANCERS_COMPLIANT: Record<string, Record<string, unknown>> = {
  ...Object.fromEntries(
    TARGET_GROUPS.map((t) => [
      t,
      {
        port: 65535,
        protocol: "HTTP",
        vpcId: "vpc-1",
        deregistrationDelay: 3600,
        slowStart: 900,
        healthCheck: HEALTH_CHECK,
        stickiness: { type: "lb_cookie", cookieDuration: 604800 },
        targetHealthStates: [
          { enableUnhealthyConnectionTermination: false, unhealthyDrainingInterval: 360000 },
        ],
      },
    ]),
  ),
  ...Object.fromEntries(
    LISTENERS.map((t) => [
      t,
      {
        loadBalancerArn:
          "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1",
        port: 65535,
        protocol: "HTTPS",
        certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        defaultActions: DEFAULT_ACTIONS,
      },
    ]),
  ),
  [LOAD_BALANCERS[0]]: { idleTimeout: 4000, clientKeepAlive: 604800 },
  [LOAD_BALANCERS[1]]: { idleTimeout: 1, clientKeepAlive: 60 },
};

const hc = (change: Record<string, unknown>) => ({ ...HEALTH_CHECK, ...change });

function targetGroupCases(t: string): Case[] {
  return [
    [t, "port", 0, "expected port to be in the range (1 - 65535), got 0"],
    [t, "port", 65536, "(1 - 65535), got 65536"],
    [t, "deregistrationDelay", 3601, "expected deregistration_delay to be in the range (0 - 3600)"],
    [t, "deregistrationDelay", -1, "(0 - 3600), got -1"],
    // Neither of validation.Any's ranges takes it: both messages.
    [t, "slowStart", 29, "expected slow_start to be in the range (30 - 900), got 29"],
    [t, "slowStart", 901, "expected slow_start to be in the range (0 - 0), got 901"],
    [t, "healthCheck", hc({ interval: 4 }), "health_check.0.interval to be in the range (5 - 300)"],
    [t, "healthCheck", hc({ interval: 301 }), "(5 - 300), got 301"],
    [t, "healthCheck", hc({ timeout: 1 }), "health_check.0.timeout to be in the range (2 - 120)"],
    [t, "healthCheck", hc({ timeout: 121 }), "(2 - 120), got 121"],
    [t, "healthCheck", hc({ healthyThreshold: 1 }), "health_check.0.healthy_threshold"],
    [t, "healthCheck", hc({ healthyThreshold: 11 }), "(2 - 10), got 11"],
    [t, "healthCheck", hc({ unhealthyThreshold: 1 }), "health_check.0.unhealthy_threshold"],
    [t, "healthCheck", hc({ unhealthyThreshold: 11 }), "(2 - 10), got 11"],
    [t, "healthCheck", hc({ path: `/${"p".repeat(1024)}` }), "length of health_check.0.path"],
    [
      t,
      "healthCheck",
      hc({ port: "0" }),
      '"health_check.0.port" must be a valid port number (1-65536) or "traffic-port"',
    ],
    [t, "healthCheck", hc({ port: "traffic" }), "must be a valid port number"],
    [
      t,
      "healthCheck",
      hc({ protocol: "TCP" }),
      'Attribute "health_check[0].matcher" cannot be specified when "health_check[0].protocol" is "TCP".',
    ],
    [
      t,
      "healthCheck",
      hc({ protocol: "tcp", matcher: undefined }),
      'Attribute "health_check[0].path" cannot be specified when "health_check[0].protocol" is "tcp".',
    ],
    [
      t,
      "healthCheck",
      { protocol: "TCP", port: "traffic-port" },
      'Attribute "health_check[0].protocol" cannot have value "TCP" when "protocol" is "HTTP".',
    ],
    [
      t,
      "stickiness",
      { type: "lb_cookie", cookieDuration: 604801 },
      "expected stickiness.0.cookie_duration to be in the range (0 - 604800)",
    ],
    [
      t,
      "targetHealthStates",
      [{ enableUnhealthyConnectionTermination: false, unhealthyDrainingInterval: 360001 }],
      "target_health_state.0.unhealthy_draining_interval",
    ],
    [
      t,
      "protocol",
      undefined,
      'Attribute "protocol" must be specified when "target_type" is "instance".',
    ],
    [
      t,
      "vpcId",
      undefined,
      'Attribute "vpc_id" must be specified when "target_type" is "ip".',
      {
        targetType: "ip",
      },
    ],
    [
      t,
      "port",
      undefined,
      'Attribute "port" must be specified when "target_type" is "alb".',
      {
        targetType: "alb",
        protocol: "TCP",
        healthCheck: { protocol: "HTTP" },
      },
    ],
    // A Lambda target group takes no TCP health check, whatever its other inputs.
    [
      t,
      "healthCheck",
      { protocol: "TCP" },
      'Attribute "health_check[0].protocol" cannot have value "TCP" when "target_type" is "lambda".',
      { targetType: "lambda", protocol: undefined, port: undefined, vpcId: undefined },
    ],
  ];
}

/** The default actions with the action at `i` changed by `change` (a nested object merged). */
function actions(i: number, change: Record<string, unknown>): unknown[] {
  return DEFAULT_ACTIONS.map((a, j) => {
    if (i !== j) return a;
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(change))
      out[k] = v && typeof v === "object" ? { ...(a as Record<string, any>)[k], ...v } : v;
    return out;
  });
}

function listenerCases(t: string): Case[] {
  // The provider names each action by its index in the list (the second is default_action.1).
  const action = (i: number) => `default_action.${i}`;
  return [
    [t, "port", 0, 'expected "port" to be a valid port number, got: 0'],
    [t, "port", 65536, "got: 65536"],
    [t, "certificateArn", "web-cert", "is an invalid ARN"],
    [t, "loadBalancerArn", "web-lb", "is an invalid ARN"],
    [t, "defaultActions", actions(0, { targetGroupArn: "web-tg" }), "is an invalid ARN"],
    [
      t,
      "defaultActions",
      actions(0, { order: 0 }),
      `${action(0)}.order to be in the range (1 - 50000)`,
    ],
    [t, "defaultActions", actions(1, { order: 50001 }), "(1 - 50000), got 50001"],
    [
      t,
      "defaultActions",
      actions(1, { fixedResponse: { contentType: "text/json" } }),
      `expected ${action(1)}.fixed_response.0.content_type to be one of`,
    ],
    [
      t,
      "defaultActions",
      actions(1, { fixedResponse: { messageBody: "m".repeat(1025) } }),
      `expected length of ${action(1)}.fixed_response.0.message_body to be in the range (0 - 1024)`,
    ],
    [
      t,
      "defaultActions",
      actions(1, { fixedResponse: { statusCode: "301" } }),
      `expected value of ${action(1)}.fixed_response.0.status_code to match regular expression`,
    ],
    [
      t,
      "defaultActions",
      actions(2, { forward: { targetGroups: [{ arn: TG_ARN, weight: 1000 }] } }),
      `${action(2)}.forward.0.target_group.0.weight to be in the range (0 - 999)`,
    ],
    [
      t,
      "defaultActions",
      actions(2, { forward: { stickiness: { duration: 0, enabled: true } } }),
      `${action(2)}.forward.0.stickiness.0.duration to be in the range (1 - 604800)`,
    ],
    ...(["host", "path", "query"] as const).map((key): Case => [
      t,
      "defaultActions",
      actions(3, { redirect: { [key]: "x".repeat(129) } }),
      `expected length of ${action(3)}.redirect.0.${key} to be in the range`,
    ]),
    [
      t,
      "defaultActions",
      actions(3, { redirect: { protocol: "https" } }),
      `expected ${action(3)}.redirect.0.protocol to be one of`,
    ],
    [
      t,
      "defaultActions",
      actions(3, { redirect: { statusCode: "301" } }),
      `expected ${action(3)}.redirect.0.status_code to be one of ["HTTP_301" "HTTP_302"], got 301`,
    ],
    [
      t,
      "certificateArn",
      undefined,
      "HTTPS listeners need their default certificate (certificateArn)",
    ],
    [t, "certificateArn", undefined, "TLS listeners need", { protocol: "tls", port: 443 }],
  ];
}

function loadBalancerCases(t: string): Case[] {
  return [
    [t, "idleTimeout", 0, "idleTimeout must be 1 to 4000 seconds, got 0"],
    [t, "idleTimeout", 4001, "idleTimeout must be 1 to 4000 seconds, got 4001"],
    [t, "clientKeepAlive", 59, "clientKeepAlive must be 60 to 604800 seconds, got 59"],
    [t, "clientKeepAlive", 604801, "got 604801", { loadBalancerType: "application" }],
  ];
}

export const BALANCERS_BROKEN: Case[] = [
  ...TARGET_GROUPS.flatMap(targetGroupCases),
  ...LISTENERS.flatMap(listenerCases),
  ...LOAD_BALANCERS.flatMap(loadBalancerCases),
];
