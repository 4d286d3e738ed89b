// No ingress from the internet, for security groups written with @pulumi/aws-native: the group's
// inline securityGroupIngress and the standalone SecurityGroupIngress, judged by the classic
// rules (policy-pack/lib/native/twins.ts), with the internet-facing load balancer exception.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violations } from "../fixture";

const noPublic = policy("ec2-security-group-no-public-ingress");
const noAdmin = policy("ec2-security-group-no-admin-ports-public");

/** A compliant group: HTTPS from the VPC only, egress to the VPC only. */
const group = (over: Record<string, unknown> = {}) =>
  res(n.NATIVE_EC2_SECURITY_GROUP, "app-sg", {
    groupDescription: "app",
    vpcId: "vpc-0abc",
    securityGroupIngress: [
      { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIp: "10.0.0.0/16" },
    ],
    securityGroupEgress: [{ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIp: "10.0.0.0/16" }],
    ...over,
  });

describe("aws-native security groups", () => {
  it("a group open to its VPC only passes", async () => {
    await expectClean([noPublic, noAdmin], [group()]);
  });

  it("inline SSH from 0.0.0.0/0 is reported by both rules", async () => {
    const g = group({
      securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIp: "0.0.0.0/0" }],
    });
    const found = await violations([noPublic, noAdmin], [g]);
    expect(found).to.have.length(2);
    expect(found.join("\n"))
      .to.contain('inline ingress #1 of security group "app-sg"')
      .and.contain("0.0.0.0/0")
      .and.contain("high-risk port(s) 22");
  });

  it("::/0 through cidrIpv6 is reported", async () => {
    const g = group({
      securityGroupIngress: [{ ipProtocol: "-1", cidrIpv6: "::/0" }],
    });
    expect(await violations(noPublic, [g])).to.have.length(1);
  });

  it("a standalone SecurityGroupIngress open to the internet is reported on itself", async () => {
    const sg = group();
    const rule = res(
      n.NATIVE_EC2_SECURITY_GROUP_INGRESS,
      "rdp",
      { groupId: UNKNOWN, ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidrIp: "0.0.0.0/0" },
      { refs: { groupId: [sg] } },
    );
    const found = await violations(noAdmin, [sg, rule]);
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^rdp: .*high-risk port\(s\) 3389/);
  });

  it("HTTPS from anywhere passes only on the group of an internet-facing aws-native load balancer", async () => {
    const g = group({
      securityGroupIngress: [
        { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIp: "0.0.0.0/0" },
      ],
    });
    const lb = (scheme?: string) =>
      res(
        n.NATIVE_ELBV2_LOAD_BALANCER,
        "alb",
        {
          type: "application",
          scheme,
          securityGroups: [UNKNOWN],
          subnets: ["subnet-0a", "subnet-0b"],
        },
        { refs: { securityGroups: [g] } },
      );
    await expectClean(noPublic, [g, lb()]);
    await expectClean(noPublic, [g, lb("internet-facing")]);
    expect(await violations(noPublic, [g, lb("internal")])).to.have.length(1);
    expect(await violations(noPublic, [g])).to.have.length(1);
  });

  it("ec2-security-group-description judges groups and rules, never a load balancer", async () => {
    const described = { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIp: "10.0.0.0/16" };
    const g = group({
      securityGroupIngress: [{ ...described, description: "HTTPS from the VPC" }],
      securityGroupEgress: [{ ...described, description: "HTTPS to the VPC" }],
    });
    const lb = res(
      n.NATIVE_ELBV2_LOAD_BALANCER,
      "alb",
      { type: "application", securityGroups: [UNKNOWN], subnets: ["subnet-0a", "subnet-0b"] },
      { refs: { securityGroups: [g] } },
    );
    const rule = (description?: string) =>
      res(
        n.NATIVE_EC2_SECURITY_GROUP_INGRESS,
        "https",
        { groupId: UNKNOWN, ...described, description },
        { refs: { groupId: [g] } },
      );
    const describes = policy("ec2-security-group-description");
    await expectClean(describes, [g, lb, rule("HTTPS from the VPC")]);
    expect(await violations(describes, [g, lb, rule()])).to.deep.equal([
      "https: The rule has no description.",
    ]);
  });

  it("a group without securityGroupEgress keeps EC2's allow-all egress (advisory rule)", async () => {
    const found = await violations(policy("ec2-security-group-egress-restricted"), [
      group({ securityGroupEgress: undefined }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("0.0.0.0/0");
  });

  it("a rule's CIDR unknown at preview is a preview note", async () => {
    const notes = await previewNotes(noPublic, [
      group({
        securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIp: UNKNOWN }],
      }),
    ]);
    expect(notes).to.have.length(1);
  });
});
