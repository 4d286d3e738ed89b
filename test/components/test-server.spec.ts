import { expect } from "chai";
import { TestServer, TestServerArgs } from "../../components/test-server";
import { allPolicies } from "../../policy-pack/policies";
import { runPolicies } from "../../tools/lib/policy-runner";
import { Recording } from "../../tools/lib/recorder";
import { PRIVATE_HOST_PLACEMENT } from "../fixtures/private-host";
import { doc, findAll, findOne, recordComponent, referrers } from "../helpers";

const base: TestServerArgs = PRIVATE_HOST_PLACEMENT;
const SHARED = {
  arn: "arn:aws:ec2:eu-west-1:123456789012:instance-connect-endpoint/eice-0123456789abcdef0",
  securityGroupId: "sg-shared-eice",
};

function build(over: Partial<TestServerArgs> = {}, preview = false): Promise<Recording> {
  return recordComponent(() => new TestServer("ts", { ...base, ...over }), preview);
}

const INSTANCE = "aws:ec2/instance:Instance";
const EICE = "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint";

describe("TestServer", () => {
  let own: Recording;
  let shared: Recording;
  before(async () => {
    own = await build();
    shared = await build({ connectEndpoint: SHARED });
  });

  it("runs in the private subnet with no public IP, IMDSv2 only and a CMK-encrypted root volume", () => {
    const i = findOne(own, INSTANCE, "ts-server");
    expect(i.inputs).to.include({ subnetId: "subnet-cmp-a", associatePublicIpAddress: false });
    expect(i.inputs.metadataOptions).to.include({
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
    });
    const key = findOne(own, "aws:kms/key:Key", "ts-key-key");
    expect(i.inputs.rootBlockDevice).to.include({ encrypted: true, kmsKeyId: key.outputs.arn });
    expect(i.inputs.userData).to.contain("echo latest > /etc/dnf/vars/releasever");
    expect(i.inputs.userData).to.contain("PasswordAuthentication no");
  });

  it("admits SSH only from the connect endpoint's group and talks to S3 (OS updates) only", () => {
    const sg = findOne(own, "aws:ec2/securityGroup:SecurityGroup", "ts-sg");
    const ingress = findAll(own, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(ingress).to.have.length(1);
    expect(ingress[0].inputs).to.include({ fromPort: 22, toPort: 22 });
    expect(ingress[0].inputs).to.not.have.property("cidrIpv4");
    expect(ingress[0].propertyDependencies.securityGroupId).to.deep.equal([sg.urn]);
    const egress = findAll(own, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
    const fromServer = egress.filter((e) =>
      (e.propertyDependencies.securityGroupId ?? []).includes(sg.urn),
    );
    expect(fromServer.map((e) => [e.inputs.prefixListId, e.inputs.fromPort])).to.deep.equal([
      ["pl-6da54004", 443],
    ]);
    for (const e of egress) expect(e.inputs.cidrIpv4).to.equal(undefined);
  });

  it("creates its own connect endpoint only when none is shared", () => {
    const eice = findOne(own, EICE, "ts-eice");
    expect(eice.inputs).to.include({ subnetId: "subnet-cmp-a", preserveClientIp: false });
    expect(findAll(shared, EICE)).to.have.length(0);
    const egress = findAll(shared, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").find(
      (e) => e.name === "ts-eice-to-server",
    )!;
    expect(egress.inputs).to.include({ securityGroupId: SHARED.securityGroupId, fromPort: 22 });
    const ingress = findOne(
      shared,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      "ts-from-eice",
    );
    expect(ingress.inputs.referencedSecurityGroupId).to.equal(SHARED.securityGroupId);
  });

  it("has an instance profile whose role grants nothing unless statements are given", async () => {
    const role = findOne(own, "aws:iam/role:Role", "ts-role");
    expect(doc(role.inputs.assumeRolePolicy).Statement[0].Principal).to.deep.equal({
      Service: "ec2.amazonaws.com",
    });
    expect(referrers(own, role, "role", "aws:iam/rolePolicy:RolePolicy")).to.have.length(0);
    expect(findAll(own, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.have.length(0);
    const profile = findOne(own, "aws:iam/instanceProfile:InstanceProfile", "ts-profile");
    expect(findOne(own, INSTANCE, "ts-server").inputs.iamInstanceProfile).to.equal(
      profile.outputs.name,
    );
    const withPolicy = await build({
      instancePolicyStatements: [
        {
          sid: "ReadFixtures",
          effect: "Allow",
          actions: ["s3:GetObject"],
          resources: ["arn:aws:s3:::fixtures/*"],
        },
      ],
    });
    const [p] = findAll(withPolicy, "aws:iam/rolePolicy:RolePolicy");
    expect(doc(p.inputs.policy).Statement).to.deep.equal([
      {
        Sid: "ReadFixtures",
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::fixtures/*",
      },
    ]);
  });

  it("gives admins a policy for this server and this endpoint only", () => {
    for (const [rec, endpointArn] of [
      [shared, SHARED.arn],
      [own, findOne(own, EICE, "ts-eice").outputs.arn],
    ] as const) {
      const s = doc(findOne(rec, "aws:iam/policy:Policy", "ts-admins").inputs.policy).Statement;
      const tunnel = s.find((x: any) => x.Sid === "OpenTunnelToTestServer");
      expect(tunnel.Resource).to.equal(endpointArn);
      expect(tunnel.Condition.NumericEquals["ec2-instance-connect:remotePort"]).to.equal("22");
      const i = findOne(rec, INSTANCE, "ts-server");
      expect(s.find((x: any) => x.Sid === "PushOneTimeKey").Resource).to.equal(i.outputs.arn);
    }
  });

  for (const preview of [true, false]) {
    it(`passes the whole pack with no mandatory violation (${preview ? "preview" : "up"})`, async () => {
      const rec = await build({}, preview);
      const report = await runPolicies(allPolicies, rec.resources);
      const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
      expect(mandatory.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
    });
  }

  it("refuses an x86 instance type for the arm64 AMI", () => {
    expect(() => new TestServer("ts", { ...base, instanceType: "t3.micro" })).to.throw(
      /not a Graviton/,
    );
  });
});
