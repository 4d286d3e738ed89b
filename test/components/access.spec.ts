// Access for BI users: the tunnel host is private by default (no public IP, no inbound rule from
// the internet, reached through EC2 Instance Connect Endpoint), hardened (IMDSv2 only, encrypted
// root volume, no instance role), updated without an internet route; the opt-in bastion mode
// needs an allow-list. Component builds and both committed stacks (plus staging in bastion mode).
import { expect } from "chai";
import { allPolicies } from "../../policy-pack/policies";
import { runPolicies } from "../../tools/lib/policy-runner";
import {
  Access,
  AccessArgs,
  al2023RepositoryBucketArn,
  BASTION_ROUTE_TABLE_TAGS,
  psqlCommand,
  tunnelCommand,
  USER_DATA,
} from "../../components/access";
import { record, Recording, RecordedResource } from "../../tools/lib/recorder";
import { PRIVATE_HOST_PLACEMENT } from "../fixtures/private-host";
import { doc, findAll, findOne, recordComponent, referrers, runStack } from "../helpers";

const T = {
  instance: "aws:ec2/instance:Instance",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  eice: "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint",
  key: "aws:kms/key:Key",
  policy: "aws:iam/policy:Policy",
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  naclRule: "aws:ec2/networkAclRule:NetworkAclRule",
  vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  profile: "aws:iam/instanceProfile:InstanceProfile",
};
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const base: AccessArgs = PRIVATE_HOST_PLACEMENT;

function build(over: Partial<AccessArgs> = {}, preview = false): Promise<Recording> {
  return recordComponent(() => {
    new Access("ac", { ...base, ...over });
  }, preview);
}

async function buildError(
  over: Partial<AccessArgs>,
): Promise<{ message: string; resources: number }> {
  let message = "";
  const rec = await record({ project: "platform", stack: "test" }, () => {
    try {
      new Access("ac", { ...base, ...over });
    } catch (e) {
      message = String(e);
    }
  });
  return { message, resources: rec.resources.length };
}

const bastion: Partial<AccessArgs> = {
  mode: "bastion",
  subnets: { subnetIds: ["subnet-public-a", "subnet-public-b"], zoneIds: ["euw1-az3", "euw1-az1"] },
  allowedCidrs: ["203.0.113.0/24", "198.51.100.7/32"],
};

describe("Access (component)", () => {
  let priv: Recording;
  let pub: Recording;
  let preview: Recording;
  before(async () => {
    priv = await build();
    pub = await build(bastion);
    preview = await build({}, true);
  });

  it("private mode: no public IP, in the given private subnet, reached through an Instance Connect Endpoint", () => {
    for (const rec of [priv, preview]) {
      const host = findOne(rec, T.instance, "ac-host");
      expect(host.inputs.associatePublicIpAddress).to.equal(false);
      expect(host.inputs.subnetId).to.equal("subnet-cmp-a");
      const [eice] = findAll(rec, T.eice);
      expect(eice.inputs).to.include({ subnetId: "subnet-cmp-a", preserveClientIp: false });
      expect(eice.inputs.securityGroupIds).to.have.length(1);
    }
    // EC2 reports no public address as an empty string.
    expect(findOne(priv, T.instance, "ac-host").outputs.publicIp ?? "").to.equal("");
  });

  it("no inbound rule from the internet: SSH only from the endpoint's group; the endpoint only reaches the host", () => {
    const hostSg = findOne(priv, T.sg, "ac-host-sg");
    const eiceSg = findOne(priv, T.sg, "ac-eice-sg");
    const all = findAll(priv, T.ingress);
    expect(
      all.filter((r) => r.inputs.cidrIpv4 || r.inputs.cidrIpv6 || r.inputs.prefixListId),
    ).to.deep.equal([]);
    const hostIn = referrers(priv, hostSg, "securityGroupId", T.ingress);
    expect(hostIn).to.have.length(1);
    expect(hostIn[0].inputs).to.include({ ipProtocol: "tcp", fromPort: 22, toPort: 22 });
    expect(hostIn[0].propertyDependencies.referencedSecurityGroupId).to.deep.equal([eiceSg.urn]);
    expect(referrers(priv, eiceSg, "securityGroupId", T.ingress)).to.deep.equal([]);
    const eiceOut = referrers(priv, eiceSg, "securityGroupId", T.egress);
    expect(
      eiceOut.map((r) => [r.inputs.fromPort, r.propertyDependencies.referencedSecurityGroupId]),
    ).to.deep.equal([[22, [hostSg.urn]]]);
    // The host's own egress: HTTPS to the S3 prefix list (package repositories) only; the
    // Analytics layer adds 5439 to Redshift's group.
    const hostOut = referrers(priv, hostSg, "securityGroupId", T.egress);
    expect(
      hostOut.map((r) => [r.inputs.prefixListId, r.inputs.fromPort, r.inputs.toPort]),
    ).to.deep.equal([["pl-6da54004", 443, 443]]);
  });

  it("IMDSv2 only with hop limit 1, encrypted root volume with its own key, no instance role, no unlimited credits", () => {
    for (const rec of [priv, pub]) {
      const host = findOne(rec, T.instance, "ac-host");
      expect(host.inputs.metadataOptions).to.deep.include({
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
        httpEndpoint: "enabled",
      });
      const key = findOne(rec, T.key, "ac-key-key");
      expect(host.inputs.rootBlockDevice).to.deep.include({
        encrypted: true,
        kmsKeyId: key.outputs.arn,
        volumeType: "gp3",
      });
      expect(host.inputs).to.not.have.property("iamInstanceProfile");
      expect(findAll(rec, T.profile)).to.deep.equal([]);
      expect(host.inputs.creditSpecification).to.deep.equal({ cpuCredits: "standard" });
      expect(host.inputs.ami).to.match(/^ami-/);
      expect(host.options.ignoreChanges).to.include("ami");
      for (const v of Object.values(host.inputs.tags as Record<string, string>))
        expect(v).to.match(TAG_VALUE);
    }
  });

  it("lets EC2 use the volume key only through EC2, grants only for AWS resources", () => {
    const key = findOne(priv, T.key, "ac-key-key");
    const statements = doc(key.inputs.policy).Statement;
    const use = statements.find((s) => s.Sid === "EbsUseThroughEc2");
    expect(use.Condition.StringEquals["kms:ViaService"]).to.equal("ec2.eu-west-1.amazonaws.com");
    expect([use.Action].flat()).to.not.include("kms:CreateGrant");
    const grants = statements.find((s) => s.Sid === "EbsGrantsThroughEc2");
    expect(grants.Condition.Bool["kms:GrantIsForAWSResource"]).to.equal("true");
  });

  it("updates Amazon Linux nightly and allows only local forwarding to port 5439, with no secret in user data", () => {
    const host = findOne(priv, T.instance, "ac-host");
    expect(host.inputs.userData).to.equal(USER_DATA);
    expect(USER_DATA).to.include("echo latest > /etc/dnf/vars/releasever");
    expect(USER_DATA).to.include("dnf -y upgrade --security");
    expect(USER_DATA).to.include("AllowTcpForwarding local");
    expect(USER_DATA).to.include("PermitOpen *:5439");
    expect(USER_DATA).to.include("PasswordAuthentication no");
    expect(USER_DATA).to.not.match(/AKIA|BEGIN .*PRIVATE KEY|password\s*[=:]/i);
    expect(al2023RepositoryBucketArn("eu-west-1")).to.equal(
      "arn:aws:s3:::al2023-repos-eu-west-1-de612dc2",
    );
  });

  it("gives BI users exactly: push a key to this host, open a tunnel to it on 22 for at most an hour, look it up", () => {
    const [policy] = findAll(priv, T.policy);
    const host = findOne(priv, T.instance, "ac-host");
    const [eice] = findAll(priv, T.eice);
    const byAction = new Map<string, any>();
    for (const s of doc(policy.inputs.policy).Statement) {
      expect(s.Effect).to.equal("Allow");
      for (const a of [s.Action].flat()) byAction.set(a, s);
    }
    expect([...byAction.keys()].sort()).to.deep.equal([
      "ec2-instance-connect:OpenTunnel",
      "ec2-instance-connect:SendSSHPublicKey",
      "ec2:DescribeInstanceConnectEndpoints",
      "ec2:DescribeInstances",
    ]);
    const push = byAction.get("ec2-instance-connect:SendSSHPublicKey");
    expect(push.Resource).to.equal(host.outputs.arn);
    expect(push.Resource).to.match(/^arn:aws:ec2:eu-west-1:123456789012:instance\/i-[0-9a-f]+$/);
    expect(push.Condition.StringEquals["ec2:osuser"]).to.equal("ec2-user");
    const tunnel = byAction.get("ec2-instance-connect:OpenTunnel");
    expect(tunnel.Resource).to.equal(eice.outputs.arn);
    expect(tunnel.Condition.NumericEquals["ec2-instance-connect:remotePort"]).to.equal("22");
    expect(tunnel.Condition.IpAddress["ec2-instance-connect:privateIpAddress"]).to.equal(
      `${host.outputs.privateIp}/32`,
    );
    expect(
      tunnel.Condition.NumericLessThanEquals["ec2-instance-connect:maxTunnelDuration"],
    ).to.equal("3600");
    expect(byAction.get("ec2:DescribeInstances").Resource).to.equal("*");
  });

  it("bastion mode: public IP, SSH only from the allow-list, no endpoint, the exception written down", () => {
    const host = findOne(pub, T.instance, "ac-host");
    expect(host.inputs.associatePublicIpAddress).to.equal(true);
    expect(host.inputs.subnetId).to.equal("subnet-public-a");
    expect(host.inputs.tags["waiver:ec2-instance-no-public-ip"]).to.match(/allow-list/);
    expect(findAll(pub, T.eice)).to.deep.equal([]);
    const ingress = findAll(pub, T.ingress);
    expect(
      ingress.map((r) => [r.inputs.cidrIpv4, r.inputs.fromPort, r.inputs.toPort]),
    ).to.deep.equal([
      ["203.0.113.0/24", 22, 22],
      ["198.51.100.7/32", 22, 22],
    ]);
    const [policy] = findAll(pub, T.policy);
    const actions = doc(policy.inputs.policy).Statement.flatMap((s: any) => [s.Action].flat());
    expect(actions.sort()).to.deep.equal([
      "ec2-instance-connect:SendSSHPublicKey",
      "ec2:DescribeInstances",
    ]);
    for (const v of Object.values(BASTION_ROUTE_TABLE_TAGS)) expect(v).to.match(TAG_VALUE);
  });

  it("refuses bastion mode without a narrow allow-list, and other bad arguments, registering nothing", async () => {
    const cases: [Partial<AccessArgs>, string][] = [
      [{ mode: "bastion" }, "allowedCidrs: bastion mode needs at least one CIDR"],
      [
        { mode: "bastion", allowedCidrs: ["0.0.0.0/0"] },
        'allowedCidrs[0]: "0.0.0.0/0" is wider than /16; SSH must never be open to the internet',
      ],
      [
        { mode: "bastion", allowedCidrs: ["10.0.0.0/8"] },
        'allowedCidrs[0]: "10.0.0.0/8" is wider than /16',
      ],
      [{ mode: "bastion", allowedCidrs: ["1.2.3.4"] }, "allowedCidrs[0]: "],
      [{ allowedCidrs: ["203.0.113.0/24"] }, "allowedCidrs: applies only to bastion mode"],
      [{ instanceType: "t3.nano" }, 'instanceType: "t3.nano" is not a Graviton'],
      [{ mode: "vpn" as any }, 'mode: "vpn" is not private or bastion'],
    ];
    for (const [over, expected] of cases) {
      const { message, resources } = await buildError(over);
      expect(message, JSON.stringify(over)).to.include(expected);
      expect(resources, JSON.stringify(over)).to.equal(0);
    }
  });

  it("prints the exact tunnel and psql commands", () => {
    const host = "platform-staging.123456789012.eu-west-1.redshift-serverless.amazonaws.com";
    expect(
      tunnelCommand({
        mode: "private",
        region: "eu-west-1",
        instanceId: "i-0abc",
        redshiftHost: host,
      }),
    ).to.equal(
      `aws ec2-instance-connect ssh --region eu-west-1 --instance-id i-0abc --os-user ec2-user --connection-type eice --local-forwarding 5439:${host}:5439`,
    );
    expect(
      tunnelCommand({
        mode: "bastion",
        region: "eu-west-1",
        instanceId: "i-0abc",
        redshiftHost: host,
        localPort: 15439,
      }),
    ).to.equal(
      `aws ec2-instance-connect ssh --region eu-west-1 --instance-id i-0abc --os-user ec2-user --connection-type direct --local-forwarding 15439:${host}:5439`,
    );
    expect(psqlCommand({ dbName: "analytics", user: "alice" })).to.equal(
      'psql "host=localhost port=5439 dbname=analytics user=alice sslmode=require"',
    );
  });
});

/**
 * The subnet an instance was placed in: the dependency whose ARN ends in its id (the host's subnet
 * is chosen among candidates, all of which are its property dependencies).
 */
function subnetOf(rec: Recording, r: RecordedResource): RecordedResource {
  return rec.resources.find(
    (x) =>
      r.propertyDependencies.subnetId.includes(x.urn) &&
      String(x.outputs.arn).endsWith(`/${r.inputs.subnetId}`),
  )!;
}

for (const stack of ["staging", "prod"] as const) {
  describe(`Access in the ${stack} stack`, () => {
    let rec: Recording;
    before(async () => {
      rec = await runStack(stack);
    });

    it("puts the tunnel host and its endpoint in a compute subnet without a public IP", () => {
      const host = findOne(rec, T.instance, `${stack}-access-host`);
      expect(host.inputs.associatePublicIpAddress).to.equal(false);
      expect(subnetOf(rec, host).inputs.tags.tier).to.equal("compute");
      const [eice] = findAll(rec, T.eice);
      expect(subnetOf(rec, eice).urn).to.equal(subnetOf(rec, host).urn);
    });

    it("lets the tunnel host reach the package repositories through the S3 gateway endpoint", () => {
      const s3 = findAll(rec, T.vpcEndpoint).find((e) => e.inputs.vpcEndpointType === "Gateway")!;
      const statement = doc(s3.inputs.policy).Statement.find(
        (s: any) => s.Sid === "ReadOnlyExtraBuckets",
      );
      expect([statement.Resource].flat()).to.include(
        "arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*",
      );
      expect(statement.Action).to.equal("s3:GetObject");
    });

    it("no security group of the layer accepts anything from the internet", () => {
      for (const sg of findAll(rec, T.sg).filter((s) => s.name.startsWith(`${stack}-access-`))) {
        for (const r of referrers(rec, sg, "securityGroupId", T.ingress)) {
          expect(r.inputs.cidrIpv4, r.name).to.equal(undefined);
        }
      }
    });
  });
}

describe("Access in bastion mode (staging with biAccessMode bastion)", () => {
  let rec: Recording;
  const overrides = {
    "platform:biAccessMode": "bastion",
    "platform:bastionAllowedCidrs": ["203.0.113.0/24"],
  };
  before(async () => {
    rec = await runStack("staging", { overrides });
  });

  it("places the host in a public subnet, lets the data tier accept 5439 from it, and records the exception on the public route table", () => {
    const host = findOne(rec, T.instance, "staging-access-host");
    expect(host.inputs.associatePublicIpAddress).to.equal(true);
    expect(subnetOf(rec, host).inputs.tags.tier).to.equal("public");
    const publicRt = findAll(rec, T.routeTable).find((t) => t.inputs.tags?.tier === "public")!;
    expect(publicRt.inputs.tags).to.include(BASTION_ROUTE_TABLE_TAGS);
    const dataIn = findAll(rec, T.naclRule).filter((r) =>
      r.name.startsWith("staging-network-data-nacl-in-"),
    );
    const publicCidrs = findAll(rec, T.subnet)
      .filter((s) => s.inputs.tags.tier === "public")
      .map((s) => s.inputs.cidrBlock);
    for (const c of publicCidrs) {
      expect(
        dataIn.some(
          (r) =>
            r.inputs.cidrBlock === c &&
            r.inputs.fromPort === 5439 &&
            r.inputs.ruleAction === "allow",
        ),
      ).to.equal(true);
    }
  });

  it("passes the whole policy pack with no mandatory violation", async () => {
    for (const preview of [false, true]) {
      const r = preview ? await runStack("staging", { overrides, preview }) : rec;
      const report = await runPolicies(allPolicies, r.resources);
      const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
      expect(mandatory.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
    }
  });
});
