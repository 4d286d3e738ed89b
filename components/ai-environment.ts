// An isolated AI environment for another team (opt-in, `platform:aiEnvironmentEnabled`): a VPC of
// its own with a public subnet (NAT gateway, internet gateway) and a private subnet for one
// server, which reaches the internet through the NAT gateway and accepts nothing from it. The VPC
// is peered with the main one: the main VPC's compute tasks may open the configured ports on the
// server; the server may open nothing in the main VPC. Peering routes name only the server's
// subnet and the main compute subnets, never 0.0.0.0/0.
//
// The private route table's 0.0.0.0/0 → NAT route is exactly what the pack's mandatory
// `ec2-compute-subnet-no-default-route` forbids; the table carries the written waiver, so the pack
// reports the finding as waived (with the reason) instead of failing or passing silently.
// Explicit `aws.ec2` resources throughout (awsx is remote and invisible to the pack). What it
// does and what it costs: docs/features.md.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Cidr, format, overlaps, parseCidr, PRIVATE_RANGES, contains, subnet } from "./cidr";
import { accountContext, keyAliasName, tagsOf } from "./context";
import { policyDocument } from "./iam";
import {
  al2023Ami,
  connectEndpointSshRules,
  ebsKeyGrants,
  encryptedRootVolume,
  findInstanceStatement,
  GRAVITON_INSTANCE_TYPE,
  IMDSV2_ONLY,
  instanceArn,
  instanceConnectEndpoint,
  instanceRole,
  openTunnelStatement,
  pushOneTimeKeyStatement,
} from "./instance";
import { TEST_SERVER_USER_DATA } from "./test-server";
import { cloudWatchLogsGrant, EncryptionKey } from "./kms-key";
import {
  isolatedMainRouteTable,
  publicRouteTable,
  vpcFlowLogs,
  vpcWithEmptyDefaultSecurityGroup,
} from "./network";

/** The waiver the private route table carries (tag values: letters, digits, spaces, _ . : / = + - @). */
export const AI_NAT_ROUTE_WAIVER: Readonly<Record<string, string>> = {
  "waiver:ec2-compute-subnet-no-default-route":
    "Opt-in AI environment: its server downloads models and packages from the internet through this NAT gateway. Separate VPC with no inbound from the internet and peering routes only to the main compute subnets",
};

// Shared with the other EC2 components; still exported from here for existing importers.
export { AL2023_AMI_PARAMETERS } from "./instance";
/** Where the main VPC's side of the peering is. */
export interface PeerVpc {
  readonly vpcId: pulumi.Input<string>;
  /** The main VPC's CIDR (checked for overlap). */
  readonly cidrBlock: string;
  /** Main route tables that get a route to the server's subnet (the compute tables). */
  readonly routeTableIds: readonly pulumi.Input<string>[];
  /** Main subnets the AI server answers to (the compute subnets): its return routes name exactly these. */
  readonly clientCidrs: readonly string[];
  /** Security group of the main VPC's clients (the runtime's tasks). */
  readonly clientSecurityGroupId: pulumi.Input<string>;
}

export interface AiEnvironmentArgs {
  /** The AI VPC's range, RFC 1918, /16 to /27, not overlapping the main VPC. Split in a public and a private half. */
  readonly cidrBlock: string;
  /** TCP ports the main VPC's clients may open on the server across the peering. */
  readonly allowedPorts: readonly number[];
  readonly peer: PeerVpc;
  /** Region of the stack. */
  readonly region: string;
  /** Instance type of the server (x86_64 or Graviton; the AMI follows). Defaults to "t3.large". */
  readonly instanceType?: string;
  /** Root volume size in GiB (8 to 2000; models are large). Defaults to 100. */
  readonly rootVolumeGiB?: number;
  /** Retention of the flow-log group (a CloudWatch Logs value). */
  readonly flowLogRetentionDays: number;
  /** Protect and retain the key and flow logs (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

interface Plan {
  readonly publicCidr: string;
  readonly privateCidr: string;
  readonly ports: number[];
  readonly instanceType: string;
  readonly arch: "arm64" | "x86_64";
  readonly rootGiB: number;
}

/** The public and private halves of the AI VPC's range (the server lives in the private one). */
export function aiSubnetCidrs(cidrBlock: string): { publicCidr: string; privateCidr: string } {
  const c = parseCidr(cidrBlock);
  if (typeof c === "string") throw new Error(`AiEnvironment: ${c}`);
  return {
    publicCidr: format(subnet(c, c.prefix + 1, 0)),
    privateCidr: format(subnet(c, c.prefix + 1, 1)),
  };
}

/** Validates the arguments (overlap with the main VPC included); throws one error listing every problem. */
export function planAiNetwork(name: string, args: AiEnvironmentArgs): Plan {
  const problems: string[] = [];
  const c = parseCidr(args.cidrBlock);
  let ai: Cidr | undefined;
  if (typeof c === "string") problems.push(`cidrBlock: ${c}`);
  else if (c.prefix < 16 || c.prefix > 27) {
    problems.push(
      `cidrBlock: "${args.cidrBlock}" must be /16 to /27 (two subnets of at least /28)`,
    );
  } else if (!PRIVATE_RANGES.some((r) => contains(r, c))) {
    problems.push(`cidrBlock: "${args.cidrBlock}" is not inside an RFC 1918 range`);
  } else ai = c;
  const main = parseCidr(args.peer.cidrBlock);
  if (ai && typeof main !== "string" && overlaps(ai, main)) {
    problems.push(
      `cidrBlock: "${args.cidrBlock}" overlaps the main VPC ${args.peer.cidrBlock}; peered VPCs need distinct ranges`,
    );
  }
  const ports = [...new Set(args.allowedPorts)];
  if (ports.length === 0) problems.push("allowedPorts: at least one port");
  for (const p of ports) {
    if (!Number.isInteger(p) || p < 1 || p > 65535)
      problems.push(`allowedPorts: ${p} is not a TCP port`);
  }
  args.peer.clientCidrs.forEach((t, i) => {
    const x = parseCidr(t);
    if (typeof x === "string") problems.push(`peer.clientCidrs[${i}]: ${x}`);
  });
  if (args.peer.clientCidrs.length === 0) problems.push("peer.clientCidrs: at least one CIDR");
  if (args.peer.routeTableIds.length === 0)
    problems.push("peer.routeTableIds: at least one route table");
  const instanceType = args.instanceType ?? "t3.large";
  if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(instanceType)) {
    problems.push(`instanceType: "${instanceType}" is not an EC2 instance type`);
  }
  const rootGiB = args.rootVolumeGiB ?? 100;
  if (!Number.isInteger(rootGiB) || rootGiB < 8 || rootGiB > 2000) {
    problems.push(`rootVolumeGiB: ${rootGiB} is not 8 to 2000`);
  }
  if (problems.length > 0 || !ai) {
    throw new Error(`AiEnvironment ${name}: invalid arguments:\n  - ${problems.join("\n  - ")}`);
  }
  return {
    ...aiSubnetCidrs(args.cidrBlock),
    ports: ports.sort((a, b) => a - b),
    instanceType,
    arch: GRAVITON_INSTANCE_TYPE.test(instanceType) ? "arm64" : "x86_64",
    rootGiB,
  };
}

const ANYWHERE = "0.0.0.0/0";

export class AiEnvironment extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly vpcCidr: string;
  public readonly publicSubnetCidr: string;
  public readonly privateSubnetCidr: string;
  public readonly peeringConnectionId: pulumi.Output<string>;
  public readonly privateRouteTableId: pulumi.Output<string>;
  public readonly natGatewayId: pulumi.Output<string>;
  public readonly serverSecurityGroupId: pulumi.Output<string>;
  public readonly instanceId: pulumi.Output<string>;
  public readonly privateIp: pulumi.Output<string>;
  public readonly keyArn: pulumi.Output<string>;
  /** Customer-managed policy with exactly what an AI-team admin needs to SSH in. */
  public readonly adminPolicyArn: pulumi.Output<string>;

  constructor(name: string, args: AiEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    const p = planAiNetwork(name, args);
    super("platform:ai-environment:AiEnvironment", name, {}, opts);
    const parent = { parent: this };
    const protect = args.protect ?? false;
    const tags = tagsOf(name, args.tags);
    const region = args.region;
    const account = accountContext(parent);
    const { accountId, partition } = account;
    // One AZ: the MVP runs one server; the NAT gateway sits in the same AZ as the server.
    const az = aws
      .getAvailabilityZonesOutput(
        {
          state: "available",
          filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
        },
        parent,
      )
      .names.apply((names) => {
        if (names.length === 0) throw new Error(`AiEnvironment ${name}: the region offers no AZ`);
        return names[0];
      });

    // ---- Key: the server's volume (through EC2) and the flow logs (through CloudWatch Logs) ----
    const flowLogGroupName = `/${pulumi.getProject()}/${name}/vpc-flow-logs`;
    const flowLogGroupArn = pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:${flowLogGroupName}`;
    const key = new EncryptionKey(
      `${name}-key`,
      {
        description: `Encrypts the ${name} server volume and flow logs`,
        grants: [
          // EBS docs ("Amazon EBS encryption"): EC2 uses the key for the launching principal.
          ...ebsKeyGrants(account, region),
          cloudWatchLogsGrant(flowLogGroupArn, { region, parent: this }),
        ],
        aliasName: keyAliasName(name),
        protect,
        tags: tags("key"),
      },
      parent,
    );

    // ---- VPC, subnets, gateways --------------------------------------------------------------
    const vpc = vpcWithEmptyDefaultSecurityGroup(this, name, args.cidrBlock, tags);
    const publicSubnet = new aws.ec2.Subnet(
      `${name}-public`,
      {
        vpcId: vpc.id,
        cidrBlock: p.publicCidr,
        availabilityZone: az,
        // The NAT gateway has its own Elastic IP; nothing else here gets a public address.
        mapPublicIpOnLaunch: false,
        tags: tags("public", { tier: "public" }),
      },
      parent,
    );
    const privateSubnet = new aws.ec2.Subnet(
      `${name}-private`,
      {
        vpcId: vpc.id,
        cidrBlock: p.privateCidr,
        availabilityZone: az,
        mapPublicIpOnLaunch: false,
        tags: tags("private", { tier: "compute" }),
      },
      parent,
    );
    const igw = new aws.ec2.InternetGateway(
      `${name}-igw`,
      { vpcId: vpc.id, tags: tags("igw") },
      parent,
    );
    const natIp = new aws.ec2.Eip(
      `${name}-nat-ip`,
      { domain: "vpc", tags: tags("nat-ip") },
      { parent: this, dependsOn: [igw] },
    );
    const nat = new aws.ec2.NatGateway(
      `${name}-nat`,
      {
        allocationId: natIp.id,
        subnetId: publicSubnet.id,
        connectivityType: "public",
        tags: tags("nat"),
      },
      { parent: this, dependsOn: [igw] },
    );

    // ---- Peering -----------------------------------------------------------------------------
    // VPC docs ("Create a VPC peering connection"): within one account and region the connection
    // can be accepted on creation (autoAccept).
    const peering = new aws.ec2.VpcPeeringConnection(
      `${name}-peering`,
      {
        vpcId: args.peer.vpcId,
        peerVpcId: vpc.id,
        autoAccept: true,
        tags: tags("peering"),
      },
      parent,
    );

    // ---- Routing -----------------------------------------------------------------------------
    const publicRt = publicRouteTable(this, name, {
      vpcId: vpc.id,
      internetGatewayId: igw.id,
      tags,
    });
    new aws.ec2.RouteTableAssociation(
      `${name}-public-rta`,
      { subnetId: publicSubnet.id, routeTableId: publicRt.id },
      parent,
    );
    const privateRt = new aws.ec2.RouteTable(
      `${name}-private-rt`,
      { vpcId: vpc.id, tags: tags("private-rt", { tier: "compute", ...AI_NAT_ROUTE_WAIVER }) },
      parent,
    );
    // The waived egress path (see AI_NAT_ROUTE_WAIVER).
    new aws.ec2.Route(
      `${name}-private-nat-route`,
      { routeTableId: privateRt.id, destinationCidrBlock: ANYWHERE, natGatewayId: nat.id },
      parent,
    );
    new aws.ec2.RouteTableAssociation(
      `${name}-private-rta`,
      { subnetId: privateSubnet.id, routeTableId: privateRt.id },
      parent,
    );
    // Return routes to the main VPC's compute subnets only.
    args.peer.clientCidrs.forEach(
      (cidr, i) =>
        new aws.ec2.Route(
          `${name}-to-main-${i}`,
          {
            routeTableId: privateRt.id,
            destinationCidrBlock: cidr,
            vpcPeeringConnectionId: peering.id,
          },
          parent,
        ),
    );
    // The main compute route tables reach the server's subnet only.
    args.peer.routeTableIds.forEach(
      (rt, i) =>
        new aws.ec2.Route(
          `${name}-from-main-${i}`,
          {
            routeTableId: rt,
            destinationCidrBlock: p.privateCidr,
            vpcPeeringConnectionId: peering.id,
          },
          parent,
        ),
    );
    // Subnets added later outside this component start isolated (local route only).
    isolatedMainRouteTable(this, name, vpc.id, tags);

    // ---- Security groups ---------------------------------------------------------------------
    const serverSg = new aws.ec2.SecurityGroup(
      `${name}-server-sg`,
      {
        vpcId: vpc.id,
        description: `AI server: ${p.ports.join(", ")} from the main VPC's tasks only, SSH from its connect endpoint; HTTPS out`,
        tags: tags("server-sg"),
      },
      parent,
    );
    // VPC peering docs ("Update your security groups to reference peer security groups"): within a
    // region a rule may name a security group of the peered VPC; it needs the active connection.
    for (const port of p.ports) {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-server-from-tasks-${port}`,
        {
          securityGroupId: serverSg.id,
          referencedSecurityGroupId: args.peer.clientSecurityGroupId,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          description: `Port ${port} from the main VPC's tasks across the peering`,
          tags: tags(`server-from-tasks-${port}`),
        },
        { parent: this, dependsOn: [peering] },
      );
      new aws.vpc.SecurityGroupEgressRule(
        `${name}-tasks-to-server-${port}`,
        {
          securityGroupId: args.peer.clientSecurityGroupId,
          referencedSecurityGroupId: serverSg.id,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          description: `Tasks to the AI server on ${port} across the peering`,
          tags: tags(`tasks-to-server-${port}`),
        },
        { parent: this, dependsOn: [peering] },
      );
    }
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-server-to-internet`,
      {
        securityGroupId: serverSg.id,
        cidrIpv4: ANYWHERE,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "HTTPS to the internet through the NAT gateway (models, packages)",
        tags: tags("server-to-internet"),
      },
      parent,
    );
    // Admin access without any inbound path from the internet (EC2 quotas: one endpoint per VPC).
    const { endpoint: eice, securityGroup: eiceSg } = instanceConnectEndpoint(this, name, {
      vpcId: vpc.id,
      subnetId: privateSubnet.id,
      target: "the AI server",
      tags,
    });
    connectEndpointSshRules(this, name, {
      endpointSecurityGroupId: eiceSg.id,
      targetSecurityGroupId: serverSg.id,
      target: "the AI server",
      egressRole: "eice-to-server",
      ingressRole: "server-from-eice",
      tags,
    });

    // ---- The server --------------------------------------------------------------------------
    const { profile } = instanceRole(
      name,
      `Instance role of the ${name} server (no permissions: it calls no AWS API)`,
      tags,
      parent,
    );
    const ami = al2023Ami(p.arch, parent);
    const instance = new aws.ec2.Instance(
      `${name}-server`,
      {
        ami,
        instanceType: p.instanceType,
        subnetId: privateSubnet.id,
        vpcSecurityGroupIds: [serverSg.id],
        associatePublicIpAddress: false,
        iamInstanceProfile: profile.name,
        metadataOptions: IMDSV2_ONLY,
        rootBlockDevice: encryptedRootVolume(key.keyArn, p.rootGiB),
        monitoring: false,
        // Nightly security updates and key-only SSH (the same boot script as the test server).
        userData: TEST_SERVER_USER_DATA,
        userDataReplaceOnChange: true,
        tags: tags("server", {
          "waiver:ec2-instance-detailed-monitoring":
            "The AI team sandbox server needs no 1-minute metrics: 5-minute basic monitoring is enough",
        }),
        volumeTags: tags("server-root"),
      },
      { parent: this, ignoreChanges: ["ami"], dependsOn: [nat] },
    );

    // ---- Flow logs (ALL traffic) -------------------------------------------------------------
    vpcFlowLogs(this, name, {
      vpcId: vpc.id,
      groupName: flowLogGroupName,
      groupArn: flowLogGroupArn,
      kmsKeyArn: key.keyArn,
      retentionInDays: args.flowLogRetentionDays,
      protect,
      accountId,
      partition,
      region,
      tags,
    });

    // ---- What an AI-team admin needs to SSH in, and nothing else ---------------------------------
    const adminPolicy = new aws.iam.Policy(
      `${name}-admins`,
      {
        description: `Lets the AI team open an SSH session to the ${name} server (attach to their group or role)`,
        policy: policyDocument(
          [
            pushOneTimeKeyStatement("PushOneTimeKey", instanceArn(account, region, instance)),
            openTunnelStatement("OpenTunnelToServer", eice.arn, instance),
            findInstanceStatement("FindServer", true),
          ],
          parent,
        ),
        tags: tags("admins"),
      },
      parent,
    );

    this.vpcId = vpc.id;
    this.vpcCidr = args.cidrBlock;
    this.publicSubnetCidr = p.publicCidr;
    this.privateSubnetCidr = p.privateCidr;
    this.peeringConnectionId = peering.id;
    this.privateRouteTableId = privateRt.id;
    this.natGatewayId = nat.id;
    this.serverSecurityGroupId = serverSg.id;
    this.instanceId = instance.id;
    this.privateIp = instance.privateIp;
    this.keyArn = key.keyArn;
    this.adminPolicyArn = adminPolicy.arn;
    this.registerOutputs({
      vpcId: this.vpcId,
      peeringConnectionId: this.peeringConnectionId,
      privateRouteTableId: this.privateRouteTableId,
      natGatewayId: this.natGatewayId,
      serverSecurityGroupId: this.serverSecurityGroupId,
      instanceId: this.instanceId,
      privateIp: this.privateIp,
      keyArn: this.keyArn,
      adminPolicyArn: this.adminPolicyArn,
    });
  }
}
