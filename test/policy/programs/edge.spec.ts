// The edge policies over the ALB, its listeners, the WAF association and logging, and the docs
// distribution, recorded under the mock runtime and wired by outputs as the components wire them.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/edge";
import { WAFV2_WEB_ACL_ASSOCIATION } from "../../../policy-pack/lib/types";
import { policy } from "../fixture";

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
    it(`has no violation but the two delivery advisories at ${preview ? "preview" : "up"}`, async () => {
      const { record } = await import("../../../tools/lib/recorder");
      const { evaluate } = await import("../fixture");
      const recording = await record({ project: "platform", stack: "test", preview }, program);
      const assoc = recording.resources.find((r) => r.type === WAFV2_WEB_ACL_ASSOCIATION)!;
      expect(
        assoc.propertyDependencies.resourceArn,
        "alb.arn registers a property dependency",
      ).to.have.length(1);
      const report = await evaluate(policies, recording.resources);
      // A worldwide site with one bucket origin: no geo restriction and no origin group, both
      // advisory (Checkov CKV_AWS_374, CKV_AWS_310); nothing else.
      expect(report.violations.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([
        'cloudfront-geo-restriction docs: restrictions.geoRestriction.restrictionType is "none": served in every country.',
        "cloudfront-origin-failover docs: has no origin group: no failover when the origin fails.",
      ]);
      expect(report.violations.map((v) => policy(v.policy).enforcementLevel)).to.deep.equal([
        "advisory",
        "advisory",
      ]);
    });
  }

  it("staging without WAF: the ALB finding is reported (advisory), not hidden", async () => {
    const { record } = await import("../../../tools/lib/recorder");
    const { evaluate } = await import("../fixture");
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
