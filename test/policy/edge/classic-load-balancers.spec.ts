// Classic Load Balancers: the compliant balancer passes; Checkov CKV_AWS_92 (ELBAccessLogs) and
// CKV_AWS_127 (ELBUsesSSL) fixture shapes, in Pulumi inputs, draw findings.
import { expect } from "chai";
import { ELB_LOAD_BALANCER } from "../../../policy-pack/lib/types";
import { expectClean, policy, res, violationsOf as one } from "../fixture";

const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/1";
const HTTPS = {
  instancePort: 8000,
  instanceProtocol: "http",
  lbPort: 443,
  lbProtocol: "https",
  sslCertificateId: CERT,
};

const elb = (over: Record<string, unknown> = {}) =>
  res(ELB_LOAD_BALANCER, "bar", {
    name: "foobar-terraform-elb",
    availabilityZones: ["us-west-2a", "us-west-2b"],
    accessLogs: { bucket: "foo", bucketPrefix: "bar", interval: 60 },
    listeners: [HTTPS],
    ...over,
  });

describe("elb-classic-access-logs", () => {
  const name = "elb-classic-access-logs";
  it("CKV_AWS_92 fail: no accessLogs block, or enabled false", async () => {
    expect(await one(name, [elb({ accessLogs: undefined })])).to.deep.equal([
      "bar: access logs are not enabled (no accessLogs bucket, or enabled is false).",
    ]);
    expect(
      await one(name, [elb({ accessLogs: { bucket: "foo", enabled: false } })]),
    ).to.have.length(1);
  });
  it("CKV_AWS_92 pass: enabled omitted (defaults to true) or true", async () => {
    expect(await one(name, [elb({ accessLogs: { bucket: "foo", enabled: true } })])).to.deep.equal(
      [],
    );
  });
});

describe("elb-classic-listener-tls", () => {
  const name = "elb-classic-listener-tls";
  it("CKV_AWS_127 fail: a plain HTTP listener beside the HTTPS one", async () => {
    const http = { instancePort: 8000, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" };
    expect(await one(name, [elb({ listeners: [HTTPS, http] })])).to.deep.equal([
      "bar: listener on port 80 accepts http without TLS.",
    ]);
  });
  it("CKV_AWS_127 fail: an SSL listener without sslCertificateId", async () => {
    const ssl = { instancePort: 8443, instanceProtocol: "tcp", lbPort: 8443, lbProtocol: "SSL" };
    expect(await one(name, [elb({ listeners: [ssl] })])).to.deep.equal([
      "bar: listener on port 8443 has no sslCertificateId.",
    ]);
  });
  it("a TCP front end re-encrypted to SSL on the instances: clients still send plain TCP", async () => {
    const tcpToSsl = { instancePort: 443, instanceProtocol: "ssl", lbPort: 443, lbProtocol: "tcp" };
    expect(await one(name, [elb({ listeners: [tcpToSsl] })])).to.deep.equal([
      "bar: listener on port 443 accepts tcp without TLS and sends ssl to the instances.",
    ]);
  });
  it("AWS elb-https-load-balancers: a TCP-to-TCP passthrough leaves TLS (or mTLS) to the instances", async () => {
    const passthrough = {
      instancePort: 443,
      instanceProtocol: "TCP",
      lbPort: 443,
      lbProtocol: "TCP",
    };
    await expectClean(policy(name), [elb({ listeners: [HTTPS, passthrough] })]);
  });
});

describe("elb-classic-cross-zone-load-balancing", () => {
  const name = "elb-classic-cross-zone-load-balancing";
  it("CKV_AWS_138 fail: crossZoneLoadBalancing false", async () => {
    expect(await one(name, [elb({ crossZoneLoadBalancing: false })])).to.deep.equal([
      "bar: crossZoneLoadBalancing is false.",
    ]);
  });
  it("CKV_AWS_138 pass: true, or left out (the provider's default is true)", async () => {
    await expectClean(policy(name), [elb({ crossZoneLoadBalancing: true })]);
    await expectClean(policy(name), [elb()]);
  });
});

describe("classic load balancer rules: the compliant balancer", () => {
  it("passes both rules, advisory", async () => {
    for (const name of [
      "elb-classic-access-logs",
      "elb-classic-listener-tls",
      "elb-classic-cross-zone-load-balancing",
    ]) {
      await expectClean(policy(name), [elb()]);
      expect(policy(name).enforcementLevel).to.equal("advisory");
    }
  });
});
