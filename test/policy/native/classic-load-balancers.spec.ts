// Classic Load Balancers written with @pulumi/aws-native (elasticloadbalancing:LoadBalancer, read as
// the classic aws.elb.LoadBalancer: policy-pack/lib/native/twins-traffic.ts): access logs
// (accessLoggingPolicy), TLS listeners (listeners[].protocol, sslCertificateId), cross-zone load
// balancing (crossZone, off when left out, as the ELB API creates a balancer), and the group of an
// internet-facing one opening HTTPS to the internet (scheme). A compliant balancer passes; each case
// breaks one field; a value unknown at preview is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, res, UNKNOWN, violations } from "../fixture";
import { Case, runCases } from "./cases";

const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/1";
const https = {
  protocol: "HTTPS",
  loadBalancerPort: "443",
  instancePort: "8443",
  instanceProtocol: "HTTPS",
  sslCertificateId: CERT,
};
const elb = {
  listeners: [https],
  crossZone: true,
  accessLoggingPolicy: { enabled: true, s3BucketName: "elb-logs" },
  subnets: ["subnet-a", "subnet-b"],
};
const cases: Case[] = [
  {
    rule: "elb-classic-access-logs",
    type: n.NATIVE_ELB_LOAD_BALANCER,
    inputs: elb,
    prop: "accessLoggingPolicy",
    broken: [
      [
        { accessLoggingPolicy: { enabled: false, s3BucketName: "elb-logs" } },
        "access logs are not enabled",
        "accessLoggingPolicy.enabled false",
      ],
      [{ accessLoggingPolicy: undefined }, "access logs are not enabled"],
    ],
  },
  {
    rule: "elb-classic-listener-tls",
    type: n.NATIVE_ELB_LOAD_BALANCER,
    inputs: elb,
    prop: "listeners",
    broken: [
      [
        { listeners: [{ ...https, protocol: "HTTP", loadBalancerPort: "80" }] },
        "listener on port 80 accepts http without TLS",
        "an HTTP listener",
      ],
      [
        { listeners: [{ ...https, sslCertificateId: undefined }] },
        "listener on port 443 has no sslCertificateId",
        "HTTPS without a certificate",
      ],
    ],
  },
  {
    rule: "elb-classic-cross-zone-load-balancing",
    type: n.NATIVE_ELB_LOAD_BALANCER,
    inputs: elb,
    prop: "crossZone",
    broken: [
      [{ crossZone: false }, "crossZone is false"],
      // Left out, the ELB API creates the balancer without cross-zone load balancing.
      [{ crossZone: undefined }, "crossZone is not set: CloudFormation and the ELB API then leave"],
    ],
  },
];

runCases("aws-native Classic Load Balancers (advisory)", cases);

describe("aws-native Classic Load Balancer: its group may open HTTPS when internet-facing", () => {
  const noPublic = policy("ec2-security-group-no-public-ingress");
  const group = res(n.NATIVE_EC2_SECURITY_GROUP, "web", {
    groupDescription: "web",
    vpcId: "vpc-1",
    securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIp: "0.0.0.0/0" }],
  });
  const lb = (scheme?: string) =>
    res(
      n.NATIVE_ELB_LOAD_BALANCER,
      "elb",
      { ...elb, scheme, securityGroups: [UNKNOWN] },
      { refs: { securityGroups: [group] } },
    );

  it("internet-facing (or left out) passes; internal, or no balancer, is the finding", async () => {
    await expectClean(noPublic, [group, lb()]);
    await expectClean(noPublic, [group, lb("internet-facing")]);
    expect(await violations(noPublic, [group, lb("internal")])).to.have.length(1);
    expect(await violations(noPublic, [group])).to.have.length(1);
  });
});

describe("aws-native Classic Load Balancer listeners as 0.67.0 spells them (sSLCertificateId)", () => {
  const rule = "elb-classic-listener-tls";
  const { sslCertificateId, ...early } = https;
  const lb = (listener: Record<string, unknown>) =>
    res(n.NATIVE_ELB_LOAD_BALANCER, "clb", { ...elb, listeners: [listener] });

  it("an HTTPS listener with its certificate passes (it was reported)", async () => {
    await expectClean(policy(rule), [lb({ ...early, sSLCertificateId: sslCertificateId })]);
  });
  it("an HTTPS listener without one is the finding", async () => {
    expect(await violations(policy(rule), [lb(early)])).to.have.length(1);
  });
  it("a certificate unknown at preview is set: passes", async () => {
    await expectClean(policy(rule), [lb({ ...early, sSLCertificateId: UNKNOWN })]);
  });
});
