// The advisory traffic rules for aws-native resources (policy-pack/lib/native/twins-traffic.ts):
// VPC flow logs (ec2:FlowLog resourceId / resourceType), VPC endpoint policies (ec2:VpcEndpoint
// policyDocument) and WAFv2 web ACLs (wafv2:WebAcl rules and visibilityConfig, and its
// wafv2:LoggingConfiguration). A compliant stack passes; each case breaks one field; a value
// unknown at preview is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";
import { Case, runCases } from "./cases";

const LOG_GROUP = "arn:aws:logs:eu-west-1:123456789012:log-group:vpc-flow";

describe("aws-native: ec2-vpc-flow-logs-enabled (ec2:FlowLog)", () => {
  const rule = "ec2-vpc-flow-logs-enabled";
  const vpc = res(n.NATIVE_EC2_VPC, "main", { cidrBlock: "10.0.0.0/16" });
  const flowLog = (over: Record<string, unknown> = {}, refs = { resourceId: [vpc] }) =>
    res(
      n.NATIVE_EC2_FLOW_LOG,
      "flow",
      {
        resourceId: "vpc-1",
        resourceType: "VPC",
        trafficType: "ALL",
        logDestination: LOG_GROUP,
        ...over,
      },
      { refs },
    );

  it("a VPC flow log built from the VPC, capturing ALL, passes", async () => {
    await expectClean(policy(rule), [vpc, flowLog()]);
  });
  it("no flow log is the finding", async () => {
    expect(await violationsOf(rule, [vpc])).to.deep.equal([`main: VPC "main" has no flow log.`]);
  });
  it("trafficType REJECT is the finding", async () => {
    const found = await violationsOf(rule, [vpc, flowLog({ trafficType: "REJECT" })]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("capture REJECT, not ALL");
  });
  it("trafficType left out is the finding (no traffic type, not ALL)", async () => {
    const found = await violationsOf(rule, [vpc, flowLog({ trafficType: undefined })]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("(unset), not ALL");
  });
  it("a flow log of a subnet in the VPC does not count for the VPC", async () => {
    const subnet = res(n.NATIVE_EC2_SUBNET, "a", { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24" });
    const onSubnet = flowLog({ resourceType: "Subnet" }, { resourceId: [subnet] });
    expect(await violationsOf(rule, [vpc, subnet, onSubnet])).to.have.length(1);
    // Its id unknown at preview: still a subnet's log, so the VPC's finding stands.
    const unknownSubnet = flowLog(
      { resourceType: "Subnet", resourceId: UNKNOWN },
      { resourceId: [subnet] },
    );
    expect(await violationsOf(rule, [vpc, subnet, unknownSubnet])).to.have.length(1);
  });
  it("a classic VPC logged by a native flow log, and a native VPC by a classic one, pass", async () => {
    const cvpc = res("aws:ec2/vpc:Vpc", "classic", { cidrBlock: "10.1.0.0/16" });
    await expectClean(policy(rule), [cvpc, flowLog({}, { resourceId: [cvpc] })]);
    const classicLog = res(
      "aws:ec2/flowLog:FlowLog",
      "cflow",
      { vpcId: "vpc-1", trafficType: "ALL", logDestination: LOG_GROUP },
      { refs: { vpcId: [vpc] } },
    );
    await expectClean(policy(rule), [vpc, classicLog]);
  });
  it("a VPC flow log whose resourceId is unknown with no dependency is a preview note", async () => {
    const s = flowLog({ resourceId: UNKNOWN }, { resourceId: [] });
    expect(await violationsOf(rule, [vpc, s])).to.deep.equal([]);
    expect(await previewNotes(policy(rule), [vpc, s])).to.have.length(1);
  });
  it("the finding lands on the native VPC", async () => {
    const report = await violationsOf(rule, [vpc, flowLog({ trafficType: "ACCEPT" })]);
    expect(report[0]).to.contain('VPC "main"');
  });
});

describe("aws-native: ec2-vpc-endpoint-policy (ec2:VpcEndpoint)", () => {
  const rule = "ec2-vpc-endpoint-policy";
  const scoped = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: "*",
        Action: ["s3:GetObject"],
        Resource: "arn:aws:s3:::artifacts/*",
      },
    ],
  };
  const full = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
  };
  for (const type of [n.NATIVE_EC2_VPC_ENDPOINT, n.NATIVE_EC2_VPC_ENDPOINT_V0]) {
    const endpoint = (over: Record<string, unknown> = {}) =>
      res(type, "s3", {
        vpcId: "vpc-1",
        serviceName: "com.amazonaws.eu-west-1.s3",
        policyDocument: scoped,
        ...over,
      });
    describe(type, () => {
      it("a scoped policyDocument passes, as an object or a JSON string", async () => {
        await expectClean(policy(rule), [endpoint()]);
        await expectClean(policy(rule), [endpoint({ policyDocument: JSON.stringify(scoped) })]);
      });
      it("no policyDocument is the finding (Gateway by default, as CloudFormation)", async () => {
        const found = await violationsOf(rule, [endpoint({ policyDocument: undefined })]);
        expect(found).to.have.length(1);
        expect(found[0]).to.contain("has no endpoint policy");
      });
      it("a full-access policyDocument is the finding", async () => {
        const found = await violationsOf(rule, [endpoint({ policyDocument: full })]);
        expect(found).to.have.length(1);
        expect(found[0]).to.contain("full-access endpoint policy");
      });
      it("a Gateway Load Balancer endpoint takes no policy: passes", async () => {
        const glb = endpoint({ vpcEndpointType: "GatewayLoadBalancer", policyDocument: undefined });
        await expectClean(policy(rule), [glb]);
      });
      it("serviceName unknown at preview is a preview note", async () => {
        const s = endpoint({ serviceName: UNKNOWN, policyDocument: undefined });
        expect(await violationsOf(rule, [s])).to.deep.equal([]);
        expect(await previewNotes(policy(rule), [s])).to.have.length(1);
      });
    });
  }
});

const visibility = {
  cloudWatchMetricsEnabled: true,
  metricName: "m",
  sampledRequestsEnabled: true,
};
const managed = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  priority: 1,
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
  overrideAction: { none: {} },
  visibilityConfig: visibility,
  ...over,
});
const rateRule = {
  name: "rate",
  priority: 0,
  statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } },
  action: { block: {} },
  visibilityConfig: visibility,
};
const acl = {
  scope: "REGIONAL",
  defaultAction: { allow: {} },
  visibilityConfig: visibility,
  rules: [
    rateRule,
    managed("AWSManagedRulesCommonRuleSet"),
    managed("AWSManagedRulesKnownBadInputsRuleSet"),
  ],
};
const withRule = (i: number, rule: unknown) => ({
  rules: acl.rules.map((r, k) => (k === i ? rule : r)),
});

const waf: Case[] = [n.NATIVE_WAFV2_WEB_ACL, n.NATIVE_WAFV2_WEB_ACL_V0].flatMap((type): Case[] => [
  {
    rule: "wafv2-web-acl-managed-rules",
    type,
    inputs: acl,
    prop: "rules",
    broken: [
      [
        withRule(1, managed("AWSManagedRulesCommonRuleSet", { overrideAction: { count: {} } })),
        "AWSManagedRulesCommonRuleSet only counts matches",
        "the common rule set counting",
      ],
      [
        { rules: acl.rules.slice(0, 2) },
        "does not use the managed rule group AWSManagedRulesKnownBadInputsRuleSet",
        "no known-bad-inputs group",
      ],
    ],
  },
  {
    rule: "wafv2-web-acl-rate-limit",
    type,
    inputs: acl,
    prop: "rules",
    broken: [
      [{ rules: acl.rules.slice(1) }, "has no rate-based rule", "no rate-based rule"],
      [
        withRule(0, { ...rateRule, action: { count: {} } }),
        "rate-based rules only count",
        "the rate rule counting",
      ],
    ],
  },
  {
    rule: "wafv2-web-acl-metrics",
    type,
    inputs: acl,
    prop: "visibilityConfig",
    broken: [
      [
        { visibilityConfig: { ...visibility, cloudWatchMetricsEnabled: false } },
        "CloudWatch metrics are disabled for the web ACL",
        "the ACL's cloudWatchMetricsEnabled false",
      ],
      [
        withRule(0, {
          ...rateRule,
          visibilityConfig: { ...visibility, cloudWatchMetricsEnabled: false },
        }),
        "CloudWatch metrics are disabled for rule 'rate'",
        "a rule's cloudWatchMetricsEnabled false",
      ],
    ],
  },
]);

runCases("aws-native WAFv2 web ACLs (advisory)", waf);

describe("aws-native: wafv2-web-acl-logging (wafv2:LoggingConfiguration)", () => {
  const rule = "wafv2-web-acl-logging";
  const ARN = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/1";
  const webAcl = res(n.NATIVE_WAFV2_WEB_ACL, "edge", acl, { outputs: { ...acl, arn: ARN } });
  const logging = (resourceArn: unknown, refs?: Record<string, any[]>) =>
    res(
      n.NATIVE_WAFV2_LOGGING_CONFIGURATION,
      "waf-logs",
      {
        resourceArn,
        logDestinationConfigs: [`${LOG_GROUP.replace("vpc-flow", "aws-waf-logs-edge")}`],
      },
      { refs },
    );

  it("a logging configuration built from the web ACL, or naming its ARN, passes", async () => {
    await expectClean(policy(rule), [webAcl, logging(ARN, { resourceArn: [webAcl] })]);
    await expectClean(policy(rule), [webAcl, logging(ARN)]);
  });
  it("none, or one for another web ACL, is the finding", async () => {
    const expected = ["edge: The web ACL has no logging configuration."];
    expect(await violationsOf(rule, [webAcl])).to.deep.equal(expected);
    const other = ARN.replace("edge/1", "other/2");
    expect(await violationsOf(rule, [webAcl, logging(other)])).to.deep.equal(expected);
  });
  it("a resourceArn unknown at preview with no dependency is a preview note", async () => {
    const s = logging(UNKNOWN);
    expect(await violationsOf(rule, [webAcl, s])).to.deep.equal([]);
    expect(await previewNotes(policy(rule), [webAcl, s])).to.have.length(1);
  });
});
