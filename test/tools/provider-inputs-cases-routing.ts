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
  [RECORD]: { setIdentifier: "blue", weightedRoutingPolicies: [{ weight: 10 }] },
  // An origin group among the targets; the same origin written twice, in another key order, is
  // one origin in the provider's set; alternate domain names with a certificate of their own.
  [DISTRIBUTION]: {
    origins: [SITE, origin("api"), { ...origin("api") }, origin("backup")],
    originGroups: [
      {
        originId: "failover",
        failoverCriteria: { statusCodes: [500, 502] },
        members: [{ originId: "api" }, { originId: "backup" }],
      },
    ],
    orderedCacheBehaviors: [routed("failover", "/api/*")],
    aliases: ["www.example.com"],
  },
};

/** The record without its weighted policy and set identifier. */
const NO_POLICY = { weightedRoutingPolicies: undefined, setIdentifier: undefined };

export const ROUTING_BROKEN: Case[] = [
  // ECS routes a service's tasks by a launch type or by capacity providers, not both.
  [
    SERVICE,
    "launchType",
    "FARGATE",
    "a service with a capacity provider strategy takes no launch type",
  ],
  [
    SERVICE,
    "capacityProviderStrategies",
    providers(21),
    "a capacity provider strategy of 21 capacity providers: it holds at most 20",
  ],
  [
    DISTRIBUTION,
    "origins",
    [SITE, origin("api"), origin("api", "api-eu.example.com"), origin("backup")],
    'two origins have the id "api": an origin\'s id is unique within the distribution',
  ],
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
