// awsx ApplicationLoadBalancer listener rules, with the verdicts of elb-listener-http-redirects-to-https
// (advisory) and elb-listener-tls-policy (mandatory): Checkov CKV2_AWS_20, CKV_AWS_2, CKV_AWS_103;
// and the security group awsx opens to the internet when given none (AwsSolutions-EC23).
import { expect } from "chai";
import {
  awsxAlbHttpRedirect,
  awsxAlbListenerTlsPolicy,
  awsxAlbSecurityGroupConfigured,
  awsxNlbListenerTlsPolicy,
} from "../../../policy-pack/policies/components/load-balancers";
import {
  AWSX_APPLICATION_LOAD_BALANCER,
  AWSX_NETWORK_LOAD_BALANCER,
} from "../../../policy-pack/lib/types";
import { res } from "../fixture";
import { findingsOf } from "../fixtures/iam";
import { compliance } from "../rule-spec";

const HTTPS = {
  port: 443,
  protocol: "HTTPS",
  certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c",
  sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
};
const REDIRECT = {
  port: 80,
  protocol: "HTTP",
  defaultActions: [
    { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
  ],
};
const alb = (over: Record<string, unknown> = {}) =>
  res(
    AWSX_APPLICATION_LOAD_BALANCER,
    "alb",
    { listeners: [HTTPS, REDIRECT], securityGroups: ["sg-0a1b2c3d4e5f60718"], ...over },
    { custom: false },
  );

describe("awsx-alb-http-redirects-to-https", () => {
  describe("Noncompliance", () => {
    it("no listener given: awsx's default plain-HTTP forward listener", async () => {
      const f = await findingsOf(awsxAlbHttpRedirect, [alb({ listeners: undefined })]);
      expect(f).to.deep.equal([
        "Plain HTTP served: the default listener's default action 'forward' serves the application over plain HTTP.",
      ]);
    });
    it("an HTTP listener (explicit, or without protocol) forwarding", async () => {
      for (const listener of [{ port: 80, protocol: "HTTP" }, { port: 8080 }]) {
        expect(
          await findingsOf(awsxAlbHttpRedirect, [alb({ listeners: undefined, listener })]),
        ).to.have.length(1);
      }
    });
  });
  compliance("the untouched fixture: HTTPS plus an HTTP redirect", awsxAlbHttpRedirect, () => [
    alb(),
  ]);
});

describe("awsx-alb-listener-tls-policy", () => {
  describe("Noncompliance", () => {
    it("an HTTPS listener without sslPolicy, or with a TLS 1.0 policy", async () => {
      for (const sslPolicy of [undefined, "ELBSecurityPolicy-2016-08"]) {
        const r = alb({ listeners: [{ ...HTTPS, sslPolicy }, REDIRECT] });
        expect(await findingsOf(awsxAlbListenerTlsPolicy, [r]), String(sslPolicy)).to.have.length(
          1,
        );
      }
    });
  });
  compliance("the untouched fixture", awsxAlbListenerTlsPolicy, () => [alb()]);
});

// pulumi-awsx awsx/lb/applicationLoadBalancer.ts: with neither `securityGroups` nor a
// `defaultSecurityGroup` choice, awsx 2 and 3 create a group with ingress protocol "-1" from
// 0.0.0.0/0 and ::/0 (the message names those versions: the 1.0 pre-releases made it empty).
describe("awsx-alb-security-group-configured", () => {
  describe("Noncompliance", () => {
    it("no securityGroups, and a defaultSecurityGroup that chooses nothing", async () => {
      for (const over of [
        { securityGroups: undefined },
        { securityGroups: undefined, defaultSecurityGroup: {} },
      ]) {
        expect(await findingsOf(awsxAlbSecurityGroupConfigured, [alb(over)])).to.deep.equal([
          "No securityGroups or defaultSecurityGroup: awsx (2 and 3) creates the load balancer's security group open to all traffic from 0.0.0.0/0 and ::/0.",
        ]);
      }
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture, and each defaultSecurityGroup choice", async () => {
      expect(await findingsOf(awsxAlbSecurityGroupConfigured, [alb()])).to.deep.equal([]);
      for (const d of [
        { skip: true },
        { securityGroupId: "sg-0a1b2c3d4e5f60718" },
        { args: { vpcId: "vpc-0a1b2c3d", ingress: [] } },
      ]) {
        const r = alb({ securityGroups: undefined, defaultSecurityGroup: d });
        expect(
          await findingsOf(awsxAlbSecurityGroupConfigured, [r]),
          Object.keys(d)[0],
        ).to.deep.equal([]);
      }
    });
  });
});

// pulumi-awsx awsx/lb/networkLoadBalancer.ts: listeners are TCP on port 80 unless the entry says
// otherwise; a TLS entry's sslPolicy passes through (Checkov CKV_AWS_103, FSBP ELB.17).
describe("awsx-nlb-listener-tls-policy", () => {
  const TLS = { ...HTTPS, protocol: "TLS" };
  const nlb = (over: Record<string, unknown>) =>
    res(AWSX_NETWORK_LOAD_BALANCER, "nlb", over, { custom: false });
  describe("Noncompliance", () => {
    it("CKV_AWS_103: a TLS listener without sslPolicy, or with a TLS 1.0 policy (listener and listeners)", async () => {
      for (const sslPolicy of [undefined, "ELBSecurityPolicy-2016-08"]) {
        for (const r of [
          nlb({ listener: { ...TLS, sslPolicy } }),
          nlb({
            listeners: [
              { port: 22, protocol: "TCP" },
              { ...TLS, sslPolicy },
            ],
          }),
        ]) {
          expect(await findingsOf(awsxNlbListenerTlsPolicy, [r]), String(sslPolicy)).to.have.length(
            1,
          );
        }
      }
    });
  });
  describe("Compliance", () => {
    it("a TLS 1.2+ TLS listener; awsx's default TCP listener; a listener without protocol (TCP)", async () => {
      for (const r of [nlb({ listener: TLS }), nlb({}), nlb({ listeners: [{ port: 5432 }] })]) {
        expect(await findingsOf(awsxNlbListenerTlsPolicy, [r])).to.deep.equal([]);
      }
    });
  });
});
