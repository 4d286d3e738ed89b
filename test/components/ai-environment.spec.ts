import { expect } from "chai";
import {
  AI_NAT_ROUTE_WAIVER,
  AiEnvironment,
  AiEnvironmentArgs,
  aiSubnetCidrs,
} from "../../components/ai-environment";
import { allPolicies } from "../../policy-pack/policies";
import { runPolicies } from "../../tools/lib/policy-runner";
import { Recording } from "../../tools/lib/recorder";
import { AI_ENV_ARGS, TASK_SG } from "../fixtures/ai-environment";
import { doc, findAll, findOne, recordComponent, referrers } from "../helpers";

const base: AiEnvironmentArgs = AI_ENV_ARGS;

function build(over: Partial<AiEnvironmentArgs> = {}, preview = false): Promise<Recording> {
  return recordComponent(() => new AiEnvironment("ai", { ...base, ...over }), preview);
}

const ROUTE = "aws:ec2/route:Route";
const RT = "aws:ec2/routeTable:RouteTable";

describe("AiEnvironment", () => {
  let rec: Recording;
  before(async () => {
    rec = await build();
  });

  it("splits its own VPC into a public and a private subnet, neither mapping public IPs", () => {
    expect(aiSubnetCidrs("10.99.0.0/24")).to.deep.equal({
      publicCidr: "10.99.0.0/25",
      privateCidr: "10.99.0.128/25",
    });
    expect(findOne(rec, "aws:ec2/vpc:Vpc", "ai-vpc").inputs.cidrBlock).to.equal("10.99.0.0/24");
    const pub = findOne(rec, "aws:ec2/subnet:Subnet", "ai-public");
    const priv = findOne(rec, "aws:ec2/subnet:Subnet", "ai-private");
    expect(pub.inputs).to.include({ cidrBlock: "10.99.0.0/25", mapPublicIpOnLaunch: false });
    expect(priv.inputs).to.include({ cidrBlock: "10.99.0.128/25", mapPublicIpOnLaunch: false });
    expect(
      findAll(rec, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")[0].inputs.ingress ?? [],
    ).to.deep.equal([]);
    expect(findOne(rec, "aws:ec2/flowLog:FlowLog", "ai-flow-log").inputs.trafficType).to.equal(
      "ALL",
    );
  });

  it("sends the private subnet's internet traffic to the NAT gateway, a route table carrying the written waiver", () => {
    const nat = findOne(rec, "aws:ec2/natGateway:NatGateway", "ai-nat");
    const pub = findOne(rec, "aws:ec2/subnet:Subnet", "ai-public");
    expect(nat.propertyDependencies.subnetId).to.deep.equal([pub.urn]);
    const privRt = findOne(rec, RT, "ai-private-rt");
    const waiver = privRt.inputs.tags["waiver:ec2-compute-subnet-no-default-route"];
    expect(waiver).to.equal(AI_NAT_ROUTE_WAIVER["waiver:ec2-compute-subnet-no-default-route"]);
    expect(waiver).to.match(/^[\w .:/=+\-@]{10,256}$/);
    const routes = referrers(rec, privRt, "routeTableId", ROUTE);
    const defaults = routes.filter((r) => r.inputs.destinationCidrBlock === "0.0.0.0/0");
    expect(defaults).to.have.length(1);
    expect(defaults[0].propertyDependencies.natGatewayId).to.deep.equal([nat.urn]);
    const pubRt = findOne(rec, RT, "ai-public-rt");
    expect(pubRt.inputs.tags).to.not.have.property("waiver:ec2-compute-subnet-no-default-route");
  });

  it("peers with the main VPC and routes only the needed CIDRs across it, never 0.0.0.0/0", () => {
    const pcx = findOne(rec, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "ai-peering");
    expect(pcx.inputs).to.include({ vpcId: "vpc-main", autoAccept: true });
    const peeringRoutes = findAll(rec, ROUTE).filter((r) => r.inputs.vpcPeeringConnectionId);
    for (const r of peeringRoutes) expect(r.inputs.destinationCidrBlock).to.not.equal("0.0.0.0/0");
    const fromMain = peeringRoutes.filter((r) => r.name.startsWith("ai-from-main-"));
    expect(
      fromMain.map((r) => [r.inputs.routeTableId, r.inputs.destinationCidrBlock]),
    ).to.deep.equal([
      ["rtb-compute-a", "10.99.0.128/25"],
      ["rtb-compute-b", "10.99.0.128/25"],
    ]);
    const toMain = peeringRoutes.filter((r) => r.name.startsWith("ai-to-main-"));
    expect(toMain.map((r) => r.inputs.destinationCidrBlock)).to.deep.equal(base.peer.clientCidrs);
  });

  it("lets the tasks reach the server on the allowed ports only; the server reaches nothing in the main VPC", () => {
    const sg = findOne(rec, "aws:ec2/securityGroup:SecurityGroup", "ai-server-sg");
    const ingress = findAll(
      rec,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    ).filter((r) => (r.propertyDependencies.securityGroupId ?? []).includes(sg.urn));
    const fromTasks = ingress.filter((r) => r.inputs.referencedSecurityGroupId === TASK_SG);
    expect(fromTasks.map((r) => r.inputs.fromPort)).to.deep.equal([443, 8000]);
    for (const r of ingress) expect(r.inputs.cidrIpv4, r.name).to.equal(undefined);
    const egress = findAll(rec, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
    const serverOut = egress.filter((r) =>
      (r.propertyDependencies.securityGroupId ?? []).includes(sg.urn),
    );
    expect(
      serverOut.map((r) => [r.inputs.cidrIpv4, r.inputs.fromPort, r.inputs.toPort]),
    ).to.deep.equal([["0.0.0.0/0", 443, 443]]);
    const tasksOut = egress.filter((r) => r.inputs.securityGroupId === TASK_SG);
    expect(tasksOut.map((r) => r.inputs.fromPort)).to.deep.equal([443, 8000]);
    for (const r of [...fromTasks, ...tasksOut]) {
      const pcx = findOne(rec, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "ai-peering");
      expect(r.dependencies).to.include(pcx.urn);
    }
  });

  it("runs a private server: no public IP, IMDSv2, encrypted root, a role with no permissions, SSH via its own endpoint", () => {
    const i = findOne(rec, "aws:ec2/instance:Instance", "ai-server");
    const priv = findOne(rec, "aws:ec2/subnet:Subnet", "ai-private");
    expect(i.propertyDependencies.subnetId).to.deep.equal([priv.urn]);
    expect(i.inputs.associatePublicIpAddress).to.equal(false);
    expect(i.inputs.metadataOptions.httpTokens).to.equal("required");
    expect(i.inputs.rootBlockDevice).to.include({ encrypted: true, volumeSize: 100 });
    const role = findOne(rec, "aws:iam/role:Role", "ai-role");
    expect(referrers(rec, role, "role", "aws:iam/rolePolicy:RolePolicy")).to.have.length(0);
    const eice = findOne(
      rec,
      "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint",
      "ai-eice",
    );
    expect(eice.propertyDependencies.subnetId).to.deep.equal([priv.urn]);
    const admin = doc(findOne(rec, "aws:iam/policy:Policy", "ai-admins").inputs.policy).Statement;
    expect(admin.find((s: any) => s.Sid === "OpenTunnelToServer").Resource).to.equal(
      eice.outputs.arn,
    );
  });

  it("picks the AMI architecture from the instance type", async () => {
    const graviton = await build({ instanceType: "g5g.xlarge" });
    expect(
      findOne(graviton, "aws:ec2/instance:Instance", "ai-server").inputs.instanceType,
    ).to.equal("g5g.xlarge");
  });

  for (const preview of [true, false]) {
    it(`reports the NAT route as waived with its reason, never as a violation (${preview ? "preview" : "up"})`, async () => {
      const r = await build({}, preview);
      const report = await runPolicies(allPolicies, r.resources);
      const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
      expect(mandatory.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
      const waived = report.waived.filter(
        (w) => w.policy === "ec2-compute-subnet-no-default-route",
      );
      expect(waived.map((w) => w.name).sort()).to.deep.equal([
        "ai-private",
        "ai-private-nat-route",
      ]);
      for (const w of waived) {
        expect(w.waiver).to.deep.equal({
          reason: AI_NAT_ROUTE_WAIVER["waiver:ec2-compute-subnet-no-default-route"],
          via: "tag",
        });
      }
      expect(
        report.violations.filter((v) => v.policy === "ec2-compute-subnet-no-default-route"),
      ).to.deep.equal([]);
    });
  }

  it("without the waiver the same route is a mandatory violation (the guardrail is live)", async () => {
    const r = await build();
    const rt = r.resources.find((x) => x.name === "ai-private-rt")!;
    const stripped = r.resources.map((x) =>
      x === rt
        ? {
            ...x,
            inputs: { ...x.inputs, tags: { Name: "ai-private-rt" } },
            outputs: { ...x.outputs, tags: { Name: "ai-private-rt" } },
          }
        : x,
    );
    const report = await runPolicies(allPolicies, stripped);
    const hits = report.violations.filter(
      (v) => v.policy === "ec2-compute-subnet-no-default-route",
    );
    expect(hits.map((v) => v.enforcementLevel)).to.include("mandatory");
    expect(hits.some((v) => /NAT gateway/.test(v.detail))).to.equal(true);
  });

  it("refuses a range that overlaps the main VPC, and other invalid arguments", () => {
    const bad = (over: Partial<AiEnvironmentArgs>, re: RegExp) =>
      expect(() => new AiEnvironment("ai", { ...base, ...over })).to.throw(re);
    bad({ cidrBlock: "10.20.5.0/24" }, /overlaps the main VPC 10\.20\.0\.0\/16/);
    bad({ cidrBlock: "10.99.0.0/28" }, /must be \/16 to \/27/);
    bad({ cidrBlock: "100.64.0.0/24" }, /not inside an RFC 1918 range/);
    bad({ allowedPorts: [] }, /allowedPorts: at least one port/);
    bad({ allowedPorts: [0] }, /allowedPorts: 0 is not a TCP port/);
  });
});
