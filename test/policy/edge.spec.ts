// Load balancer, WAFv2 and CloudFront policies: compliant fixtures pass, each broken field is
// caught (both the aws:lb and aws:alb spellings), cross-resource rules correlate by property
// dependencies while ARNs are unknown at preview, and unknown values give preview notes.
import { expect } from "chai";
import { policies } from "../../policy-pack/policies/edge";
import type { AnyPolicy } from "../../tools/lib/policy-runner";
import { previewNotes, res, UNKNOWN, violations } from "./fixture";
import {
  ALB_LISTENER,
  ALB_LOAD_BALANCER,
  CLOUDFRONT_DISTRIBUTION,
  CLOUDFRONT_RESPONSE_HEADERS_POLICY,
  CLOUDWATCH_LOG_DELIVERY,
  CLOUDWATCH_LOG_DELIVERY_SOURCE,
  LB_LISTENER,
  LB_LISTENER_RULE,
  LB_LOAD_BALANCER,
  WAFV2_WEB_ACL,
  WAFV2_WEB_ACL_ASSOCIATION,
  WAFV2_WEB_ACL_LOGGING_CONFIGURATION,
  WAFV2_WEB_ACL_RULE,
  WAFV2_WEB_ACL_RULE_GROUP_ASSOCIATION,
} from "../../policy-pack/lib/types";

function policy(name: string): AnyPolicy {
  const p = policies.find((x) => x.name === name);
  if (!p) throw new Error(`no policy ${name}`);
  return p;
}

type R = ReturnType<typeof res>;
async function one(name: string, resources: R[], config = {}): Promise<string[]> {
  return violations(policy(name), resources, config);
}

const lb = (over: Record<string, unknown> = {}, type = LB_LOAD_BALANCER, opts = {}) =>
  res(
    type,
    "alb",
    {
      loadBalancerType: "application",
      internal: false,
      subnets: ["subnet-a", "subnet-b"],
      securityGroups: ["sg-alb"],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "defensive",
      enableDeletionProtection: true,
      accessLogs: { bucket: "platform-alb-logs", enabled: true },
      ...over,
    },
    opts,
  );

describe("policy: load balancers", () => {
  const lbPolicies = [
    "elb-alb-drop-invalid-headers",
    "elb-alb-desync-mitigation",
    "elb-load-balancer-access-logs",
    "elb-load-balancer-deletion-protection",
  ];

  it("the compliant ALB passes, in both type spellings", async () => {
    for (const name of lbPolicies) {
      expect(await one(name, [lb()]), name).to.deep.equal([]);
      expect(await one(name, [lb({}, ALB_LOAD_BALANCER)]), name).to.deep.equal([]);
    }
  });

  it("elb-alb-drop-invalid-headers catches false and missing, for both spellings", async () => {
    for (const type of [LB_LOAD_BALANCER, ALB_LOAD_BALANCER]) {
      expect(
        await one("elb-alb-drop-invalid-headers", [lb({ dropInvalidHeaderFields: false }, type)]),
      ).to.have.length(1);
      expect(
        await one("elb-alb-drop-invalid-headers", [
          lb({ dropInvalidHeaderFields: undefined }, type),
        ]),
      ).to.have.length(1);
    }
    const nlb = lb({ loadBalancerType: "network", dropInvalidHeaderFields: undefined });
    expect(await one("elb-alb-drop-invalid-headers", [nlb])).to.deep.equal([]);
  });

  it("elb-alb-desync-mitigation catches monitor and accepts the default and strictest", async () => {
    expect(
      await one("elb-alb-desync-mitigation", [lb({ desyncMitigationMode: "monitor" })]),
    ).to.have.length(1);
    expect(
      await one("elb-alb-desync-mitigation", [lb({ desyncMitigationMode: undefined })]),
    ).to.deep.equal([]);
    expect(
      await one("elb-alb-desync-mitigation", [
        lb({ desyncMitigationMode: "strictest" }, ALB_LOAD_BALANCER),
      ]),
    ).to.deep.equal([]);
  });

  it("elb-load-balancer-access-logs catches missing and disabled logs", async () => {
    expect(
      await one("elb-load-balancer-access-logs", [lb({ accessLogs: undefined })]),
    ).to.have.length(1);
    const off = lb(
      { accessLogs: { bucket: "platform-alb-logs", enabled: false } },
      ALB_LOAD_BALANCER,
    );
    expect(await one("elb-load-balancer-access-logs", [off])).to.have.length(1);
    const unknownBucket = lb({ accessLogs: { bucket: UNKNOWN, enabled: true } });
    expect(await one("elb-load-balancer-access-logs", [unknownBucket])).to.deep.equal([]);
  });

  it("elb-load-balancer-deletion-protection catches it off and is advisory", async () => {
    expect(
      await one("elb-load-balancer-deletion-protection", [lb({ enableDeletionProtection: false })]),
    ).to.have.length(1);
    expect(
      await one("elb-load-balancer-deletion-protection", [
        lb({ enableDeletionProtection: undefined }),
      ]),
    ).to.have.length(1);
    expect(policy("elb-load-balancer-deletion-protection").enforcementLevel).to.equal("advisory");
  });
});

describe("policy: listeners", () => {
  const alb = lb({ arn: UNKNOWN });
  const listener = (
    over: Record<string, unknown> = {},
    type = LB_LISTENER,
    target: R = alb,
    name = "https",
  ) =>
    res(
      type,
      name,
      {
        loadBalancerArn: UNKNOWN,
        port: 443,
        protocol: "HTTPS",
        certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        defaultActions: [{ type: "forward", targetGroupArn: UNKNOWN }],
        ...over,
      },
      { refs: { loadBalancerArn: [target] } },
    );
  const redirect = {
    type: "redirect",
    redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
  };
  const httpListener = (actions: unknown[], type = LB_LISTENER) =>
    listener(
      {
        port: 80,
        protocol: "HTTP",
        certificateArn: undefined,
        sslPolicy: undefined,
        defaultActions: actions,
      },
      type,
      alb,
      "http",
    );

  describe("elb-listener-tls-policy", () => {
    const name = "elb-listener-tls-policy";
    it("accepts TLS 1.2+ policies (plain, Res, FIPS, PQ) on both spellings", async () => {
      for (const sslPolicy of [
        "ELBSecurityPolicy-TLS13-1-2-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
        "ELBSecurityPolicy-TLS13-1-3-2021-06",
      ]) {
        expect(await one(name, [listener({ sslPolicy })]), sslPolicy).to.deep.equal([]);
        expect(await one(name, [listener({ sslPolicy }, ALB_LISTENER)]), sslPolicy).to.deep.equal(
          [],
        );
      }
    });
    it("catches a missing policy (API default ELBSecurityPolicy-2016-08) and TLS 1.0/1.1 policies", async () => {
      const missing = await one(name, [listener({ sslPolicy: undefined })]);
      expect(missing[0]).to.include("ELBSecurityPolicy-2016-08");
      for (const sslPolicy of [
        "ELBSecurityPolicy-2016-08",
        "ELBSecurityPolicy-TLS13-1-0-2021-06",
        "ELBSecurityPolicy-TLS-1-1-2017-01",
      ]) {
        expect(await one(name, [listener({ sslPolicy }, ALB_LISTENER)]), sslPolicy).to.have.length(
          1,
        );
      }
    });
    it("covers NLB TLS listeners and ignores plain HTTP listeners", async () => {
      expect(
        await one(name, [listener({ protocol: "TLS", sslPolicy: "ELBSecurityPolicy-2016-08" })]),
      ).to.have.length(1);
      expect(await one(name, [httpListener([redirect])])).to.deep.equal([]);
    });
    it("takes the accepted pattern from config", async () => {
      const config = { [name]: { sslPolicyPattern: "^ELBSecurityPolicy-TLS13-1-3-" } };
      expect(await one(name, [listener()], config)).to.have.length(1);
    });
    it("an unknown sslPolicy is a preview note; the rule is mandatory", async () => {
      expect(await previewNotes(policy(name), [listener({ sslPolicy: UNKNOWN })])).to.have.length(
        1,
      );
      expect(policy(name).enforcementLevel).to.equal("mandatory");
    });
  });

  describe("elb-listener-http-redirects-to-https (stack)", () => {
    const name = "elb-listener-http-redirects-to-https";
    it("accepts an HTTP listener that only redirects to HTTPS (or answers with a fixed response)", async () => {
      expect(await one(name, [alb, httpListener([redirect]), listener()])).to.deep.equal([]);
      const fixed = {
        type: "fixed-response",
        fixedResponse: { contentType: "text/plain", statusCode: "404" },
      };
      expect(await one(name, [alb, httpListener([fixed], ALB_LISTENER)])).to.deep.equal([]);
    });
    it("reports an HTTP listener that forwards as advisory 'plain HTTP served'", async () => {
      const fwd = httpListener([{ type: "forward", targetGroupArn: UNKNOWN }]);
      const v = await one(name, [alb, fwd]);
      expect(v).to.deep.equal([
        "http: Plain HTTP served: the HTTP listener's default action 'forward' serves the application over plain HTTP.",
      ]);
      expect(policy(name).enforcementLevel).to.equal("advisory");
    });
    it("catches a redirect that stays on HTTP and the implicit HTTP protocol", async () => {
      const toHttp = { type: "redirect", redirect: { port: "8080", statusCode: "HTTP_302" } };
      expect(await one(name, [alb, httpListener([toHttp])])).to.have.length(1);
      const implicit = listener(
        { protocol: undefined, sslPolicy: undefined, defaultActions: [{ type: "forward" }] },
        LB_LISTENER,
        alb,
        "implicit",
      );
      expect(await one(name, [alb, implicit])).to.have.length(1);
    });
    it("catches a forwarding rule attached to the HTTP listener (correlated while its ARN is unknown)", async () => {
      const http = httpListener([redirect]);
      const rule = res(
        LB_LISTENER_RULE,
        "api-rule",
        {
          listenerArn: UNKNOWN,
          actions: [{ type: "forward", targetGroupArn: UNKNOWN }],
          conditions: [],
        },
        { refs: { listenerArn: [http] } },
      );
      expect(await one(name, [alb, http, rule])).to.deep.equal([
        "api-rule: Plain HTTP served: a rule on an HTTP listener 'forward' serves the application over plain HTTP.",
      ]);
      const onHttps = res(
        LB_LISTENER_RULE,
        "ok-rule",
        { listenerArn: UNKNOWN, actions: [{ type: "forward" }], conditions: [] },
        { refs: { listenerArn: [listener()] } },
      );
      expect(await one(name, [alb, listener(), onHttps])).to.deep.equal([]);
    });
    it("ignores listeners of network load balancers", async () => {
      const nlb = lb({ loadBalancerType: "network" });
      const tcp = listener(
        { protocol: undefined, defaultActions: [{ type: "forward" }] },
        LB_LISTENER,
        nlb,
        "tcp",
      );
      expect(await one(name, [nlb, tcp])).to.deep.equal([]);
    });
    it("unknown default actions are a preview note", async () => {
      expect(
        await previewNotes(policy(name), [alb, httpListener(UNKNOWN as unknown as unknown[])]),
      ).to.have.length(1);
    });
  });

  describe("elb-alb-waf-association (stack)", () => {
    const name = "elb-alb-waf-association";
    const acl = res(WAFV2_WEB_ACL, "acl", { scope: "REGIONAL", arn: UNKNOWN });
    it("accepts an association built from the ALB while both ARNs are unknown", async () => {
      const assoc = res(
        WAFV2_WEB_ACL_ASSOCIATION,
        "assoc",
        { resourceArn: UNKNOWN, webAclArn: UNKNOWN },
        { refs: { resourceArn: [alb], webAclArn: [acl] } },
      );
      expect(await one(name, [alb, acl, assoc])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [alb, acl, assoc])).to.deep.equal([]);
    });
    it("reports an internet-facing ALB without a web ACL (staging without WAF stays visible)", async () => {
      expect(await one(name, [alb])).to.deep.equal([
        "alb: This internet-facing load balancer is not associated with a WAFv2 web ACL.",
      ]);
      expect(await one(name, [lb({}, ALB_LOAD_BALANCER)])).to.have.length(1);
    });
    it("does not apply to internal ALBs or network load balancers", async () => {
      expect(await one(name, [lb({ internal: true })])).to.deep.equal([]);
      expect(await one(name, [lb({ loadBalancerType: "network" })])).to.deep.equal([]);
    });
    it("matches an association given the ALB's literal ARN (after apply)", async () => {
      const arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/alb/1";
      const known = lb({ arn });
      const assoc = res(WAFV2_WEB_ACL_ASSOCIATION, "assoc", {
        resourceArn: arn,
        webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/a/1",
      });
      expect(await one(name, [known, assoc])).to.deep.equal([]);
    });
    it("an association whose target is unknown and unrelated gives a note, not a finding", async () => {
      const assoc = res(WAFV2_WEB_ACL_ASSOCIATION, "assoc", {
        resourceArn: UNKNOWN,
        webAclArn: UNKNOWN,
      });
      expect(await one(name, [alb, assoc])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [alb, assoc])).to.have.length(1);
    });
  });
});

describe("policy: WAFv2", () => {
  const managed = (groupName: string, over: Record<string, unknown> = {}) => ({
    name: groupName,
    priority: 1,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: "AWS", name: groupName } },
    visibilityConfig: {
      cloudwatchMetricsEnabled: true,
      metricName: groupName,
      sampledRequestsEnabled: true,
    },
    ...over,
  });
  const rate = (action: Record<string, unknown> = { block: {} }) => ({
    name: "rate-limit",
    priority: 10,
    action,
    statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } },
    visibilityConfig: {
      cloudwatchMetricsEnabled: true,
      metricName: "rate",
      sampledRequestsEnabled: true,
    },
  });
  const goodRules = () => [
    managed("AWSManagedRulesCommonRuleSet"),
    managed("AWSManagedRulesKnownBadInputsRuleSet"),
    rate(),
  ];
  const acl = (rules: unknown = goodRules(), over: Record<string, unknown> = {}) =>
    res(WAFV2_WEB_ACL, "acl", {
      scope: "REGIONAL",
      arn: UNKNOWN,
      defaultAction: { allow: {} },
      rules,
      visibilityConfig: {
        cloudwatchMetricsEnabled: true,
        metricName: "acl",
        sampledRequestsEnabled: true,
      },
      ...over,
    });

  describe("wafv2-web-acl-managed-rules (stack)", () => {
    const name = "wafv2-web-acl-managed-rules";
    it("accepts the required managed groups in blocking mode", async () => {
      expect(await one(name, [acl()])).to.deep.equal([]);
    });
    it("catches a missing group, a counting group and a non-AWS vendor", async () => {
      const missing = await one(name, [acl([managed("AWSManagedRulesCommonRuleSet"), rate()])]);
      expect(missing).to.deep.equal([
        "acl: The web ACL does not use the managed rule group AWSManagedRulesKnownBadInputsRuleSet.",
      ]);
      const counting = await one(name, [
        acl([
          managed("AWSManagedRulesCommonRuleSet", { overrideAction: { count: {} } }),
          managed("AWSManagedRulesKnownBadInputsRuleSet"),
        ]),
      ]);
      expect(counting[0]).to.include("only counts");
      const vendor = managed("AWSManagedRulesCommonRuleSet");
      (vendor.statement.managedRuleGroupStatement as { vendorName: string }).vendorName = "Acme";
      expect(
        await one(name, [acl([vendor, managed("AWSManagedRulesKnownBadInputsRuleSet")])]),
      ).to.have.length(1);
    });
    it("finds groups in ruleJson, WebAclRule and WebAclRuleGroupAssociation resources", async () => {
      const json = acl([], {
        ruleJson: JSON.stringify([
          {
            Name: "common",
            Statement: {
              ManagedRuleGroupStatement: {
                VendorName: "AWS",
                Name: "AWSManagedRulesCommonRuleSet",
              },
            },
            OverrideAction: { None: {} },
          },
        ]),
      });
      const ruleRes = res(
        WAFV2_WEB_ACL_RULE,
        "bad-inputs",
        { webAclArn: UNKNOWN, ...managed("AWSManagedRulesKnownBadInputsRuleSet") },
        { refs: { webAclArn: [json] } },
      );
      expect(await one(name, [json, ruleRes])).to.deep.equal([]);
      expect(await one(name, [json])).to.have.length(1);
      const bare = acl([]);
      const rga = (group: string, overrideAction = "none") =>
        res(
          WAFV2_WEB_ACL_RULE_GROUP_ASSOCIATION,
          `rga-${group}`,
          {
            webAclArn: UNKNOWN,
            ruleName: group,
            priority: 1,
            managedRuleGroup: { vendorName: "AWS", name: group },
            overrideAction,
          },
          { refs: { webAclArn: [bare] } },
        );
      expect(
        await one(name, [
          bare,
          rga("AWSManagedRulesCommonRuleSet"),
          rga("AWSManagedRulesKnownBadInputsRuleSet"),
        ]),
      ).to.deep.equal([]);
      const v = await one(name, [
        bare,
        rga("AWSManagedRulesCommonRuleSet", "count"),
        rga("AWSManagedRulesKnownBadInputsRuleSet"),
      ]);
      expect(v[0]).to.include("only counts");
    });
    it("takes the required groups from config", async () => {
      const config = {
        [name]: { requiredManagedRuleGroups: ["AWSManagedRulesAmazonIpReputationList"] },
      };
      expect(await one(name, [acl()], config)).to.have.length(1);
    });
    it("unknown rules are a preview note", async () => {
      expect(await previewNotes(policy(name), [acl(UNKNOWN)])).to.have.length(1);
    });
  });

  describe("wafv2-web-acl-rate-limit (stack)", () => {
    const name = "wafv2-web-acl-rate-limit";
    it("accepts a blocking rate-based rule, inline or as a WebAclRule", async () => {
      expect(await one(name, [acl()])).to.deep.equal([]);
      const bare = acl([]);
      const r = res(
        WAFV2_WEB_ACL_RULE,
        "rate",
        { webAclArn: UNKNOWN, ...rate() },
        { refs: { webAclArn: [bare] } },
      );
      expect(await one(name, [bare, r])).to.deep.equal([]);
    });
    it("catches no rate-based rule and a counting one", async () => {
      expect(await one(name, [acl([managed("AWSManagedRulesCommonRuleSet")])])).to.have.length(1);
      const v = await one(name, [acl([rate({ count: {} })])]);
      expect(v[0]).to.include("only count");
    });
  });

  describe("wafv2-web-acl-metrics", () => {
    const name = "wafv2-web-acl-metrics";
    it("accepts metrics on the ACL and every rule", async () => {
      expect(await one(name, [acl()])).to.deep.equal([]);
    });
    it("catches metrics off on the ACL, an inline rule, a ruleJson rule and a rule resource", async () => {
      expect(
        await one(name, [
          acl(undefined, {
            visibilityConfig: {
              cloudwatchMetricsEnabled: false,
              metricName: "a",
              sampledRequestsEnabled: true,
            },
          }),
        ]),
      ).to.have.length(1);
      const quiet = managed("AWSManagedRulesCommonRuleSet", {
        visibilityConfig: {
          cloudwatchMetricsEnabled: false,
          metricName: "c",
          sampledRequestsEnabled: false,
        },
      });
      expect(await one(name, [acl([quiet])])).to.deep.equal([
        "acl: CloudWatch metrics are disabled for rule 'AWSManagedRulesCommonRuleSet'.",
      ]);
      const json = acl([], {
        ruleJson: JSON.stringify([
          { Name: "j", VisibilityConfig: { CloudWatchMetricsEnabled: false } },
        ]),
      });
      expect(await one(name, [json])).to.have.length(1);
      const ruleRes = res(WAFV2_WEB_ACL_RULE, "r", {
        webAclArn: UNKNOWN,
        visibilityConfig: {
          cloudwatchMetricsEnabled: false,
          metricName: "r",
          sampledRequestsEnabled: true,
        },
      });
      expect(await one(name, [ruleRes])).to.have.length(1);
      expect(
        await one(name, [res(WAFV2_WEB_ACL_RULE, "r2", { webAclArn: UNKNOWN })]),
      ).to.deep.equal([]);
    });
  });

  describe("wafv2-web-acl-logging (stack)", () => {
    const name = "wafv2-web-acl-logging";
    it("accepts a logging configuration built from the ACL", async () => {
      const a = acl();
      const log = res(
        WAFV2_WEB_ACL_LOGGING_CONFIGURATION,
        "acl-logging",
        { resourceArn: UNKNOWN, logDestinationConfigs: [UNKNOWN] },
        { refs: { resourceArn: [a] } },
      );
      expect(await one(name, [a, log])).to.deep.equal([]);
    });
    it("catches an ACL without logging", async () => {
      expect(await one(name, [acl()])).to.deep.equal([
        "acl: The web ACL has no logging configuration.",
      ]);
    });
    it("matches a literal ACL ARN, and notes an unknown unrelated one", async () => {
      const arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/acl/1";
      const log = res(WAFV2_WEB_ACL_LOGGING_CONFIGURATION, "l", {
        resourceArn: arn,
        logDestinationConfigs: ["arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-x"],
      });
      expect(await one(name, [acl(undefined, { arn }), log])).to.deep.equal([]);
      const unknown = res(WAFV2_WEB_ACL_LOGGING_CONFIGURATION, "l", {
        resourceArn: UNKNOWN,
        logDestinationConfigs: [],
      });
      expect(await one(name, [acl(), unknown])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [acl(), unknown])).to.have.length(1);
    });
  });
});

describe("policy: CloudFront", () => {
  const SECURITY_HEADERS = "67f7725c-6f97-4210-82d7-5512b31e9d03";
  const s3Origin = {
    originId: "docs",
    domainName: "platform-docs.s3.eu-west-1.amazonaws.com",
    originAccessControlId: "E2QWRUHEXAMPLE",
  };
  const behavior = (over: Record<string, unknown> = {}) => ({
    targetOriginId: "docs",
    viewerProtocolPolicy: "redirect-to-https",
    allowedMethods: ["GET", "HEAD"],
    cachedMethods: ["GET", "HEAD"],
    cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    responseHeadersPolicyId: SECURITY_HEADERS,
    ...over,
  });
  const dist = (over: Record<string, unknown> = {}, opts = {}) =>
    res(
      CLOUDFRONT_DISTRIBUTION,
      "docs",
      {
        enabled: true,
        arn: UNKNOWN,
        defaultRootObject: "index.html",
        origins: [s3Origin],
        defaultCacheBehavior: behavior(),
        viewerCertificate: {
          acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
          sslSupportMethod: "sni-only",
          minimumProtocolVersion: "TLSv1.2_2021",
        },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/docs/1",
        loggingConfig: { bucket: "platform-cf-logs.s3.amazonaws.com" },
        ...over,
      },
      opts,
    );

  it("the compliant distribution passes every CloudFront policy", async () => {
    for (const p of policies.filter((x) => x.name.startsWith("cloudfront-"))) {
      expect(await violations(p, [dist()]), p.name).to.deep.equal([]);
    }
  });

  it("cloudfront-viewer-https catches allow-all on the default and on an ordered behavior", async () => {
    const name = "cloudfront-viewer-https";
    expect(
      await one(name, [
        dist({ defaultCacheBehavior: behavior({ viewerProtocolPolicy: "allow-all" }) }),
      ]),
    ).to.deep.equal([
      "docs: The default behavior allows HTTP viewers (viewerProtocolPolicy 'allow-all').",
    ]);
    const ordered = dist({
      orderedCacheBehaviors: [
        behavior({ pathPattern: "/api/*", viewerProtocolPolicy: "allow-all" }),
      ],
    });
    expect(await one(name, [ordered])).to.deep.equal([
      "docs: The behavior '/api/*' allows HTTP viewers (viewerProtocolPolicy 'allow-all').",
    ]);
  });

  it("cloudfront-viewer-tls-version catches the default certificate and old policies", async () => {
    const name = "cloudfront-viewer-tls-version";
    const v = await one(name, [
      dist({ viewerCertificate: { cloudfrontDefaultCertificate: true } }),
    ]);
    expect(v[0]).to.include("default CloudFront certificate");
    const cert = (minimumProtocolVersion?: string) => ({
      acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
      sslSupportMethod: "sni-only",
      minimumProtocolVersion,
    });
    expect(await one(name, [dist({ viewerCertificate: cert("TLSv1.2_2019") })])).to.have.length(1);
    expect(await one(name, [dist({ viewerCertificate: cert(undefined) })])).to.have.length(1);
    expect(await one(name, [dist({ viewerCertificate: cert("TLSv1.3_2025") })])).to.deep.equal([]);
    const unknownCert = {
      acmCertificateArn: UNKNOWN,
      sslSupportMethod: "sni-only",
      minimumProtocolVersion: "TLSv1.2_2021",
    };
    expect(
      await previewNotes(policy(name), [dist({ viewerCertificate: unknownCert })]),
    ).to.deep.equal([]);
  });

  describe("cloudfront-s3-origin-private", () => {
    const name = "cloudfront-s3-origin-private";
    it("is mandatory and accepts OAC even while the OAC id and bucket domain are unknown (preview)", async () => {
      expect(policy(name).enforcementLevel).to.equal("mandatory");
      const preview = dist({
        origins: [{ originId: "docs", domainName: UNKNOWN, originAccessControlId: UNKNOWN }],
      });
      expect(await one(name, [preview])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [preview])).to.deep.equal([]);
    });
    it("catches an S3 website endpoint origin", async () => {
      const site = {
        originId: "site",
        domainName: "platform-docs.s3-website-eu-west-1.amazonaws.com",
        customOriginConfig: {
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy: "http-only",
          originSslProtocols: ["TLSv1.2"],
        },
      };
      expect(await one(name, [dist({ origins: [site] })])).to.deep.equal([
        "docs: Origin 'site' is an S3 website endpoint, which requires a public bucket.",
      ]);
    });
    it("catches an S3 origin without OAC or OAI", async () => {
      for (const origin of [
        { originId: "docs", domainName: "platform-docs.s3.amazonaws.com" },
        {
          originId: "docs",
          domainName: "platform-docs.s3.eu-west-1.amazonaws.com",
          s3OriginConfig: { originAccessIdentity: "" },
        },
      ]) {
        expect(await one(name, [dist({ origins: [origin] })])).to.have.length(1);
      }
    });
    it("leaves OAI (advisory elsewhere) and custom origins alone; notes an unknown domain without OAC", async () => {
      const oai = {
        originId: "docs",
        domainName: "b.s3.amazonaws.com",
        s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E1" },
      };
      expect(await one(name, [dist({ origins: [oai] })])).to.deep.equal([]);
      const custom = {
        originId: "app",
        domainName: "app.example.com",
        customOriginConfig: {
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy: "https-only",
          originSslProtocols: ["TLSv1.2"],
        },
      };
      expect(await one(name, [dist({ origins: [custom] })])).to.deep.equal([]);
      const unknown = dist({ origins: [{ originId: "docs", domainName: UNKNOWN }] });
      expect(await previewNotes(policy(name), [unknown])).to.have.length(1);
    });
  });

  it("cloudfront-s3-origin-access-control catches a legacy OAI", async () => {
    const oai = {
      originId: "docs",
      domainName: "b.s3.amazonaws.com",
      s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E1" },
    };
    expect(
      await one("cloudfront-s3-origin-access-control", [dist({ origins: [oai] })]),
    ).to.deep.equal(["docs: Origin 'docs' uses a legacy origin access identity."]);
  });

  describe("cloudfront-origin-tls", () => {
    const name = "cloudfront-origin-tls";
    const custom = (originProtocolPolicy: string, originSslProtocols = ["TLSv1.2"]) => ({
      originId: "app",
      domainName: "app.example.com",
      customOriginConfig: {
        httpPort: 80,
        httpsPort: 443,
        originProtocolPolicy,
        originSslProtocols,
      },
    });
    it("accepts https-only with TLSv1.2, and match-viewer when every viewer uses HTTPS", async () => {
      expect(await one(name, [dist({ origins: [custom("https-only")] })])).to.deep.equal([]);
      expect(await one(name, [dist({ origins: [custom("match-viewer")] })])).to.deep.equal([]);
    });
    it("catches http-only, match-viewer with HTTP viewers, and deprecated protocols", async () => {
      expect(await one(name, [dist({ origins: [custom("http-only")] })])).to.have.length(1);
      const mixed = dist({
        origins: [custom("match-viewer")],
        defaultCacheBehavior: behavior({ viewerProtocolPolicy: "allow-all" }),
      });
      expect(await one(name, [mixed])).to.have.length(1);
      const old = await one(name, [
        dist({ origins: [custom("https-only", ["TLSv1", "TLSv1.1", "TLSv1.2"])] }),
      ]);
      expect(old).to.deep.equal([
        "docs: Origin 'app' allows deprecated protocols: TLSv1, TLSv1.1.",
      ]);
    });
  });

  it("cloudfront-default-root-object catches a missing root object on S3 origins only", async () => {
    const name = "cloudfront-default-root-object";
    expect(await one(name, [dist({ defaultRootObject: undefined })])).to.have.length(1);
    const custom = {
      originId: "app",
      domainName: "app.example.com",
      customOriginConfig: {
        httpPort: 80,
        httpsPort: 443,
        originProtocolPolicy: "https-only",
        originSslProtocols: ["TLSv1.2"],
      },
    };
    expect(
      await one(name, [dist({ defaultRootObject: undefined, origins: [custom] })]),
    ).to.deep.equal([]);
    const unknown = dist({
      defaultRootObject: undefined,
      origins: [{ originId: "docs", domainName: UNKNOWN, originAccessControlId: UNKNOWN }],
    });
    expect(await previewNotes(policy(name), [unknown])).to.have.length(1);
  });

  it("cloudfront-waf catches a missing web ACL and accepts an unknown one", async () => {
    expect(await one("cloudfront-waf", [dist({ webAclId: undefined })])).to.have.length(1);
    expect(await one("cloudfront-waf", [dist({ webAclId: UNKNOWN })])).to.deep.equal([]);
  });

  describe("cloudfront-logging (stack)", () => {
    const name = "cloudfront-logging";
    it("accepts standard logging v2: a delivery source for the distribution and a delivery from it", async () => {
      const d = dist({ loggingConfig: undefined });
      const src = res(
        CLOUDWATCH_LOG_DELIVERY_SOURCE,
        "cf-logs",
        { name: "docs-access", logType: "ACCESS_LOGS", resourceArn: UNKNOWN },
        { refs: { resourceArn: [d] } },
      );
      const delivery = res(
        CLOUDWATCH_LOG_DELIVERY,
        "cf-delivery",
        { deliverySourceName: UNKNOWN, deliveryDestinationArn: UNKNOWN },
        { refs: { deliverySourceName: [src] } },
      );
      expect(await one(name, [d, src, delivery])).to.deep.equal([]);
      const byName = res(CLOUDWATCH_LOG_DELIVERY, "cf-delivery", {
        deliverySourceName: "docs-access",
        deliveryDestinationArn: UNKNOWN,
      });
      expect(await one(name, [d, src, byName])).to.deep.equal([]);
    });
    it("catches no logging, a source without delivery, and a source of another log type", async () => {
      const d = dist({ loggingConfig: undefined });
      expect(await one(name, [d])).to.have.length(1);
      const src = res(
        CLOUDWATCH_LOG_DELIVERY_SOURCE,
        "cf-logs",
        { name: "docs-access", logType: "ACCESS_LOGS", resourceArn: UNKNOWN },
        { refs: { resourceArn: [d] } },
      );
      expect((await one(name, [d, src]))[0]).to.include("no LogDelivery");
      const other = res(
        CLOUDWATCH_LOG_DELIVERY_SOURCE,
        "cf-conn",
        { name: "docs-conn", logType: "CONNECTION_LOGS", resourceArn: UNKNOWN },
        { refs: { resourceArn: [d] } },
      );
      expect(await one(name, [d, other])).to.have.length(1);
    });
  });

  describe("cloudfront-security-headers-hsts (stack)", () => {
    const name = "cloudfront-security-headers-hsts";
    const rhp = (maxAge?: number) =>
      res(CLOUDFRONT_RESPONSE_HEADERS_POLICY, "headers", {
        name: "docs-headers",
        id: UNKNOWN,
        securityHeadersConfig:
          maxAge === undefined
            ? { contentTypeOptions: { override: true } }
            : {
                strictTransportSecurity: {
                  accessControlMaxAgeSec: maxAge,
                  includeSubdomains: true,
                  override: true,
                },
              },
      });
    const withPolicy = (p: R) =>
      dist(
        { defaultCacheBehavior: behavior({ responseHeadersPolicyId: UNKNOWN }) },
        { refs: { defaultCacheBehavior: [p] } },
      );

    it("accepts the managed security headers policy and an in-stack policy with HSTS (id unknown at preview)", async () => {
      expect(await one(name, [dist()])).to.deep.equal([]);
      const p = rhp(31536000);
      expect(await one(name, [p, withPolicy(p)])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [p, withPolicy(p)])).to.deep.equal([]);
    });
    it("catches a behavior without a policy, a policy without HSTS and a short max-age", async () => {
      expect(
        await one(name, [
          dist({ defaultCacheBehavior: behavior({ responseHeadersPolicyId: undefined }) }),
        ]),
      ).to.have.length(1);
      const none = rhp();
      expect((await one(name, [none, withPolicy(none)]))[0]).to.include(
        "no Strict-Transport-Security",
      );
      const short = rhp(300);
      expect((await one(name, [short, withPolicy(short)]))[0]).to.include("max-age 300");
    });
    it("checks ordered behaviors and literal ids", async () => {
      const ordered = dist({
        orderedCacheBehaviors: [
          behavior({
            pathPattern: "/assets/*",
            responseHeadersPolicyId: "60669652-455b-4ae9-85a4-c4c02393f86c",
          }),
        ],
      });
      expect((await one(name, [ordered]))[0]).to.include(
        "neither a managed security-headers policy",
      );
      const known = res(CLOUDFRONT_RESPONSE_HEADERS_POLICY, "headers", {
        id: "abc-123",
        securityHeadersConfig: {
          strictTransportSecurity: { accessControlMaxAgeSec: 63072000, override: true },
        },
      });
      const byId = dist({ defaultCacheBehavior: behavior({ responseHeadersPolicyId: "abc-123" }) });
      expect(await one(name, [known, byId])).to.deep.equal([]);
    });
    it("an unknown policy id with no in-stack policy behind it is a preview note", async () => {
      const d = dist({ defaultCacheBehavior: behavior({ responseHeadersPolicyId: UNKNOWN }) });
      expect(await one(name, [d])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [d])).to.have.length(1);
    });
  });
});

describe("edge policies on a program recorded under the mock runtime", () => {
  // The ALB, its listeners, the WAF association and logging, and the docs distribution with OAC,
  // a response headers policy and standard logging v2, wired by outputs as the components wire
  // them: at preview every ARN and id is unknown, and only property dependencies link them.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const program = () => {
    const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
    const alb = new aws.lb.LoadBalancer("alb", {
      loadBalancerType: "application",
      subnets: ["subnet-a", "subnet-b"],
      securityGroups: ["sg-alb"],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: true,
      accessLogs: { bucket: "platform-alb-logs", enabled: true },
    });
    const tg = new aws.lb.TargetGroup("app", {
      port: 8080,
      protocol: "HTTP",
      targetType: "ip",
      vpcId: "vpc-1",
    });
    new aws.lb.Listener("https", {
      loadBalancerArn: alb.arn,
      port: 443,
      protocol: "HTTPS",
      certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
      defaultActions: [{ type: "forward", targetGroupArn: tg.arn }],
    });
    new aws.lb.Listener("http", {
      loadBalancerArn: alb.arn,
      port: 80,
      protocol: "HTTP",
      defaultActions: [
        { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
      ],
    });
    const metrics = (name: string) => ({
      cloudwatchMetricsEnabled: true,
      metricName: name,
      sampledRequestsEnabled: true,
    });
    const managedRule = (name: string, priority: number) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
      visibilityConfig: metrics(name),
    });
    const acl = new aws.wafv2.WebAcl("acl", {
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      visibilityConfig: metrics("acl"),
      rules: [
        managedRule("AWSManagedRulesCommonRuleSet", 1),
        managedRule("AWSManagedRulesKnownBadInputsRuleSet", 2),
        {
          name: "rate",
          priority: 3,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } },
          visibilityConfig: metrics("rate"),
        },
      ],
    });
    new aws.wafv2.WebAclAssociation("acl-alb", { resourceArn: alb.arn, webAclArn: acl.arn });
    const wafLogs = new aws.cloudwatch.LogGroup("waf-logs", {
      name: "aws-waf-logs-app",
      retentionInDays: 30,
    });
    new aws.wafv2.WebAclLoggingConfiguration("acl-logging", {
      resourceArn: acl.arn,
      logDestinationConfigs: [wafLogs.arn],
    });

    const bucket = new aws.s3.Bucket("docs", {});
    const oac = new aws.cloudfront.OriginAccessControl("docs", {
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    const headers = new aws.cloudfront.ResponseHeadersPolicy("docs", {
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: 63072000,
          includeSubdomains: true,
          override: true,
        },
      },
    });
    const dist = new aws.cloudfront.Distribution("docs", {
      enabled: true,
      defaultRootObject: "index.html",
      origins: [
        {
          originId: "docs",
          domainName: bucket.bucketRegionalDomainName,
          originAccessControlId: oac.id,
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: "docs",
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
        responseHeadersPolicyId: headers.id,
      },
      viewerCertificate: {
        acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/docs",
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/docs/1",
    });
    const source = new aws.cloudwatch.LogDeliverySource("docs-access", {
      name: "docs-access",
      logType: "ACCESS_LOGS",
      resourceArn: dist.arn,
    });
    const destination = new aws.cloudwatch.LogDeliveryDestination("docs-access", {
      name: "docs-access",
      deliveryDestinationConfiguration: { destinationResourceArn: bucket.arn },
    });
    new aws.cloudwatch.LogDelivery("docs-access", {
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.arn,
    });
  };
  /* eslint-enable @typescript-eslint/no-require-imports */

  for (const preview of [true, false]) {
    it(`has neither violation nor preview note at ${preview ? "preview" : "up"}`, async () => {
      const { record } = await import("../../tools/lib/recorder");
      const { evaluate } = await import("./fixture");
      const recording = await record({ project: "platform", stack: "test", preview }, program);
      const assoc = recording.resources.find((r) => r.type === WAFV2_WEB_ACL_ASSOCIATION)!;
      expect(
        assoc.propertyDependencies.resourceArn,
        "alb.arn registers a property dependency",
      ).to.have.length(1);
      const report = await evaluate(policies, recording.resources);
      expect(report.violations.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
    });
  }

  it("staging without WAF: the ALB finding is reported (advisory), not hidden", async () => {
    const { record } = await import("../../tools/lib/recorder");
    const { evaluate } = await import("./fixture");
    const recording = await record({ project: "platform", stack: "staging" }, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
      new aws.lb.LoadBalancer("alb", {
        loadBalancerType: "application",
        subnets: ["subnet-a", "subnet-b"],
      });
    });
    const report = await evaluate(policy("elb-alb-waf-association"), recording.resources);
    expect(
      report.violations.map((v) => [v.enforcementLevel, v.name, !!v.previewNote]),
    ).to.deep.equal([["advisory", "alb", false]]);
  });
});
