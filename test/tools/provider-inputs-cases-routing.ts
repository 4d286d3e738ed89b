// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: where requests are routed. A Route 53 record's routing policies, which
// the provider checks at preview (rules-dns.ts), and a CloudFront distribution's origins, the
// origins its cache behaviours name, and the certificate its alternate domain names need, which
// CloudFront refuses at create (rules-create-distribution.ts); an ECS service's launch type beside
// a capacity provider strategy, which CreateService refuses (rules-create-tasks.ts).
import type { Case } from "./provider-inputs-cases";

const RECORD = "aws:route53/record:Record";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const SERVICE = "aws:ecs/service:Service";
const GROUP = "aws:autoscaling/group:Group";
const TARGET_GROUPS = ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];
const QUEUE = "aws:sqs/queue:Queue";
const REDRIVE = "aws:sqs/redrivePolicy:RedrivePolicy";
/** A redrive policy to the queue named `name`. */
const redrive = (name: string) =>
  JSON.stringify({
    deadLetterTargetArn: `arn:aws:sqs:us-east-1:123456789012:${name}`,
    maxReceiveCount: 5,
  });
/** `n` capacity providers of a strategy, each its own. */
const providers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ capacityProvider: `cp-${i}`, weight: 1 }));

/** An origin as the edge cases' distribution has it, under another id and domain. */
const origin = (originId: string, domainName = `${originId}.example.com`) => ({
  originId,
  domainName,
  customOriginConfig: {
    httpPort: 80,
    httpsPort: 443,
    originProtocolPolicy: "https-only",
    originSslProtocols: ["TLSv1.2"],
  },
});
const SITE = origin("site", "site.example.com");
/** A cache behaviour as the edge cases' one, routed to `target`. */
const routed = (target: string, pathPattern?: string) => ({
  targetOriginId: target,
  allowedMethods: ["GET", "HEAD"],
  cachedMethods: ["GET", "HEAD"],
  viewerProtocolPolicy: "redirect-to-https",
  forwardedValues: { queryString: false, cookies: { forward: "none" } },
  ...(pathPattern ? { pathPattern } : {}),
});

export const ROUTING_COMPLIANT: Record<string, Record<string, unknown>> = {
  [REDRIVE]: {
    queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
    redrivePolicy: redrive("orders-dlq"),
  },
  // A set identifier of 128 characters and the highest weight: the most Route 53 takes.
  [RECORD]: { setIdentifier: "b".repeat(128), weightedRoutingPolicies: [{ weight: 255 }] },
  // Where an Auto Scaling group launches instances: a template by id, in subnets; each
  // percentage and timeout at a bound the provider takes.
  [GROUP]: {
    launchTemplate: { id: "lt-0abc123", version: "$Latest" },
    vpcZoneIdentifiers: ["subnet-1", "subnet-2"],
    instanceMaintenancePolicy: { minHealthyPercentage: -1, maxHealthyPercentage: -1 },
    initialLifecycleHooks: [
      {
        name: "drain",
        lifecycleTransition: "autoscaling:EC2_INSTANCE_TERMINATING",
        heartbeatTimeout: 7200,
      },
    ],
    instanceRefresh: {
      strategy: "Rolling",
      preferences: { minHealthyPercentage: 0, maxHealthyPercentage: 200 },
    },
  },
  // An origin group among the targets; the same origin written twice, the second time with its
  // keys, and its custom origin's, in another order, is one origin in the provider's set.
  [DISTRIBUTION]: {
    origins: [
      SITE,
      origin("api"),
      {
        customOriginConfig: {
          originSslProtocols: ["TLSv1.2"],
          originProtocolPolicy: "https-only",
          httpsPort: 443,
          httpPort: 80,
        },
        domainName: "api.example.com",
        originId: "api",
      },
      origin("backup"),
    ],
    originGroups: [
      {
        originId: "failover",
        failoverCriteria: { statusCodes: [500, 502] },
        members: [{ originId: "api" }, { originId: "backup" }],
      },
    ],
    orderedCacheBehaviors: [routed("failover", "/api/*")],
  },
};

/** The record without its weighted policy and set identifier. */
const NO_POLICY = { weightedRoutingPolicies: undefined, setIdentifier: undefined };

/** The group on a mixed instances policy instead of a launch template. */
const MIXED = {
  launchTemplate: undefined,
  mixedInstancesPolicy: {
    launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-0abc123" } },
    instancesDistribution: { onDemandPercentageAboveBaseCapacity: 100 },
  },
};

export const ROUTING_BROKEN: Case[] = [
  [RECORD, "weightedRoutingPolicies", [{ weight: 256 }], "a weight is 0 to 255"],
  [RECORD, "setIdentifier", "b".repeat(129), "a set identifier has at most 128"],
  [
    RECORD,
    "setIdentifier",
    "",
    'set_identifier "" beside failover_routing_policy: a record of a routing policy needs a set identifier',
    { weightedRoutingPolicies: undefined, failoverRoutingPolicies: [{ type: "PRIMARY" }] },
  ],
  // A dead-letter queue of the source queue's type (SQS Developer Guide).
  [
    QUEUE,
    "redrivePolicy",
    redrive("orders-dlq"),
    "the dead-letter queue orders-dlq is a standard queue: a FIFO queue's dead-letter queue is a FIFO queue too",
  ],
  [
    REDRIVE,
    "redrivePolicy",
    redrive("orders-dlq.fifo"),
    "the dead-letter queue orders-dlq.fifo is a FIFO queue: a standard queue's dead-letter queue is a standard queue too",
  ],
  [
    REDRIVE,
    "queueUrl",
    "https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo",
    "the dead-letter queue orders-dlq is a standard queue",
  ],
  // A Gateway Load Balancer's GENEVE targets listen on 6081 only (CreateTargetGroup).
  ...TARGET_GROUPS.map((type): Case => [
    type,
    "port",
    6080,
    "a GENEVE target group listens on port 6081, got 6080",
    { protocol: "GENEVE", port: 6081 },
  ]),
  // Auto Scaling: what launches the instances, and where.
  [
    GROUP,
    "launchTemplate",
    undefined,
    '"launch_configuration": one of `launch_configuration,launch_template,mixed_instances_policy` must be specified',
  ],
  [
    GROUP,
    "launchConfiguration",
    "web-lc",
    "only one of `launch_configuration,launch_template,mixed_instances_policy` can be specified",
  ],
  [
    GROUP,
    "availabilityZones",
    ["us-east-1a"],
    '"availability_zones": conflicts with vpc_zone_identifier',
  ],
  [
    GROUP,
    "launchTemplate",
    { id: "lt-0abc123", name: "web" },
    '"launch_template.0.id": conflicts with launch_template.0.name',
  ],
  [
    GROUP,
    "launchTemplate",
    { id: "arn:aws:ec2:us-east-1:123456789012:launch-template/lt-0abc123" },
    "\"launch_template.0.id\" must begin with 'lt-' and be comprised of only alphanumeric characters",
  ],
  [
    GROUP,
    "launchTemplate",
    { name: "web template" },
    '"launch_template.0.name" can only alphanumeric characters and ()./_- symbols',
  ],
  [
    GROUP,
    "launchTemplate",
    { name: "lt" },
    '"launch_template.0.name" cannot be less than 3 characters',
  ],
  [
    GROUP,
    "launchTemplate",
    { id: "lt-0abc123", version: "9".repeat(256) },
    "expected length of launch_template.0.version to be in the range (1 - 255)",
  ],
  [
    GROUP,
    "instanceMaintenancePolicy",
    { minHealthyPercentage: 90, maxHealthyPercentage: 99 },
    "expected instance_maintenance_policy.0.max_healthy_percentage to be in the range (100 - 200), got 99",
  ],
  [
    GROUP,
    "instanceMaintenancePolicy",
    { minHealthyPercentage: 101, maxHealthyPercentage: 200 },
    "expected instance_maintenance_policy.0.min_healthy_percentage to be in the range (-1 - 100), got 101",
  ],
  [
    GROUP,
    "initialLifecycleHooks",
    [
      {
        name: "drain",
        lifecycleTransition: "autoscaling:EC2_INSTANCE_TERMINATING",
        heartbeatTimeout: 29,
      },
    ],
    "expected initial_lifecycle_hook.heartbeat_timeout to be in the range (30 - 7200), got 29",
  ],
  [
    GROUP,
    "instanceRefresh",
    { strategy: "Rolling", preferences: { minHealthyPercentage: 101 } },
    "expected instance_refresh.0.preferences.0.min_healthy_percentage to be in the range (0 - 100), got 101",
  ],
  [
    GROUP,
    "instanceRefresh",
    { strategy: "Rolling", preferences: { maxHealthyPercentage: 201 } },
    "expected instance_refresh.0.preferences.0.max_healthy_percentage to be in the range (100 - 200), got 201",
  ],
  [
    GROUP,
    "mixedInstancesPolicy",
    {
      ...MIXED.mixedInstancesPolicy,
      instancesDistribution: { onDemandPercentageAboveBaseCapacity: 101 },
    },
    "on_demand_percentage_above_base_capacity to be in the range (0 - 100), got 101",
    MIXED,
  ],
  // ECS routes a service's tasks by a launch type or by capacity providers, not both.
  [
    SERVICE,
    "capacityProviderStrategies",
    [{ capacityProvider: "FARGATE", weight: 1000, base: 100000 }],
    "a service with a capacity provider strategy takes no launch type",
  ],
  [
    SERVICE,
    "capacityProviderStrategies",
    providers(21),
    "a capacity provider strategy of 21 capacity providers: it holds at most 20",
    { launchType: undefined },
  ],
  [
    DISTRIBUTION,
    "origins",
    [SITE, origin("api"), origin("api", "api-eu.example.com"), origin("backup")],
    'two origins have the id "api": an origin\'s id is unique within the distribution',
  ],
  // The origin is "site": ids are compared case and all (cfn-lint E3057).
  [
    DISTRIBUTION,
    "defaultCacheBehavior",
    routed("Site"),
    'no origin or origin group of the distribution has the id "Site"',
  ],
  [
    DISTRIBUTION,
    "orderedCacheBehaviors",
    [routed("failover", "/api/*"), routed("images", "/img/*")],
    'no origin or origin group of the distribution has the id "images"',
  ],
  [
    DISTRIBUTION,
    "viewerCertificate",
    { cloudfrontDefaultCertificate: true },
    "alternate domain names (www.example.com) with the default CloudFront certificate",
    // Alternate domain names with the fixture's own ACM certificate: taken.
    { aliases: ["www.example.com"] },
  ],
  [
    RECORD,
    "setIdentifier",
    undefined,
    '"weighted_routing_policy": all of `set_identifier,weighted_routing_policy` must be specified',
  ],
  [
    RECORD,
    "failoverRoutingPolicies",
    [{ type: "PRIMARY" }],
    "all of `failover_routing_policy,set_identifier` must be specified",
    NO_POLICY,
  ],
  [
    RECORD,
    "cidrRoutingPolicy",
    { collectionId: "c", locationName: "l" },
    "all of `cidr_routing_policy,set_identifier` must be specified",
    // Multivalue answers turned off is no policy.
    { ...NO_POLICY, multivalueAnswerRoutingPolicy: false },
  ],
  [
    RECORD,
    "latencyRoutingPolicies",
    [{ region: "eu-west-1" }],
    '"latency_routing_policy": conflicts with weighted_routing_policy',
  ],
  [
    RECORD,
    "geoproximityRoutingPolicy",
    { awsRegion: "eu-west-1", bias: 100 },
    "expected geoproximity_routing_policy.0.bias to be in the range (-99 - 99), got 100",
    { weightedRoutingPolicies: undefined },
  ],
];
