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
import * as pulumi from "@pulumi/pulumi";
import { aiSubnetCidrs, AiEnvironmentSettings } from "../ai-environment.keys";
import { Cidr, contains, overlaps, parseCidr, PRIVATE_RANGES } from "../cidr";
import { builder, Builder, invalidArguments } from "../context";
import { ebsKeyGrants, HardenedHost } from "../host";
import { cloudWatchLogsGrant, componentKey } from "../kms-key";
import { vpcFlowLogs } from "../network/vpc";
import {
  AI_INSTANCE_TYPE_FIX,
  aiNetwork,
  aiRouting,
  allowTasksToServer,
  ANYWHERE,
} from "./network";

export { AI_INSTANCE_TYPE_FIX, AI_NAT_ROUTE_WAIVER, aiZone } from "./network";
import { TEST_SERVER_USER_DATA } from "../test-server";

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

/** The AI VPC's range and its allowed ports are the settings of the AI environment section (components/ai-environment.keys.ts). */
export interface AiEnvironmentArgs extends AiEnvironmentSettings {
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

export { aiSubnetCidrs } from "../ai-environment.keys";

/** The validated layout of the AI environment. */
export interface Plan {
  readonly publicCidr: string;
  readonly privateCidr: string;
  readonly ports: number[];
  readonly instanceType: string;
  readonly rootGiB: number;
}

/** Validates the arguments (overlap with the main VPC included) into the plan; throws one error listing every problem. */
export function validateArgs(name: string, args: AiEnvironmentArgs): Plan {
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
  invalidArguments("AiEnvironment", name, problems);
  return {
    ...aiSubnetCidrs(args.cidrBlock),
    ports: ports.sort((a, b) => a - b),
    instanceType,
    rootGiB,
  };
}

/** What the builders of one AI environment share. */
export type Build = Builder<AiEnvironmentArgs, { readonly plan: Plan }>;

export class AiEnvironment extends pulumi.ComponentResource {
  /** The AI VPC. */
  public readonly vpcId: pulumi.Output<string>;
  /** The AI VPC's range (as given). */
  public readonly vpcCidr: string;
  /** The public half of the range (NAT gateway). */
  public readonly publicSubnetCidr: string;
  /** The private half of the range (the server); the main compute tables route to it. */
  public readonly privateSubnetCidr: string;
  /** The peering between the main VPC and the AI VPC. */
  public readonly peeringConnectionId: pulumi.Output<string>;
  /** The server subnet's route table (the waived 0.0.0.0/0 → NAT route, return routes to the main compute subnets). */
  public readonly privateRouteTableId: pulumi.Output<string>;
  /** The NAT gateway the server reaches the internet through (the waived egress path). */
  public readonly natGatewayId: pulumi.Output<string>;
  /** The server's security group. */
  public readonly serverSecurityGroupId: pulumi.Output<string>;
  /** The AI server's instance id. */
  public readonly instanceId: pulumi.Output<string>;
  /** The server's private address (the tasks call it across the peering). */
  public readonly privateIp: pulumi.Output<string>;
  /** Key of the server's volume and the flow logs. */
  public readonly keyArn: pulumi.Output<string>;
  /** Customer-managed policy with exactly what an AI-team admin needs to SSH in. */
  public readonly adminPolicyArn: pulumi.Output<string>;

  constructor(name: string, args: AiEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = validateArgs(name, args);
    super("platform:ai-environment:AiEnvironment", name, {}, opts);
    const b: Build = builder(this, name, args, () => ({ plan }));
    const { protect, tags, account } = b;
    const { accountId, partition } = account;
    const region = args.region;

    // Key: the server's volume (through EC2) and the flow logs (through CloudWatch Logs).
    const flowLogGroupName = `/${pulumi.getProject()}/${name}/vpc-flow-logs`;
    const flowLogGroupArn = pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:${flowLogGroupName}`;
    const key = componentKey(b, name, `Encrypts the ${name} server volume and flow logs`, [
      // EBS docs ("Amazon EBS encryption"): EC2 uses the key for the launching principal.
      ...ebsKeyGrants(account, region),
      cloudWatchLogsGrant(flowLogGroupArn, { region, parent: this }),
    ]);

    const net = aiNetwork(b);
    const routing = aiRouting(b, net);
    const host = aiServer(b, net, key.keyArn);
    allowTasksToServer(b, host.securityGroupId, routing.peering);

    // Flow logs (ALL traffic).
    vpcFlowLogs(this, name, {
      vpcId: net.vpc.id,
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

    this.vpcId = net.vpc.id;
    this.vpcCidr = args.cidrBlock;
    this.publicSubnetCidr = plan.publicCidr;
    this.privateSubnetCidr = plan.privateCidr;
    this.peeringConnectionId = routing.peering.id;
    this.privateRouteTableId = routing.privateRt.id;
    this.natGatewayId = net.nat.id;
    this.serverSecurityGroupId = host.securityGroupId;
    this.instanceId = host.instanceId;
    this.privateIp = host.privateIp;
    this.keyArn = key.keyArn;
    this.adminPolicyArn = host.adminPolicyArn;
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

/**
 * The AI server: a HardenedHost in the private subnet, reached by the AI team through its own
 * connect endpoint, out to the internet on HTTPS only, through the NAT gateway it waits for.
 */
function aiServer(
  b: Build,
  net: ReturnType<typeof aiNetwork>,
  keyArn: pulumi.Output<string>,
): HardenedHost {
  return new HardenedHost(
    b.name,
    {
      vpcId: net.vpc.id,
      // The zone was chosen for the type already (./network.ts); the host checks it again.
      subnets: {
        subnetIds: [net.privateSubnet.id],
        zoneIds: [net.zoneId],
        fix: AI_INSTANCE_TYPE_FIX,
      },
      region: b.args.region,
      instanceType: b.plan.instanceType,
      rootVolumeGiB: b.plan.rootGiB,
      rootVolumeKeyArn: keyArn,
      // Nightly security updates and key-only SSH (the same boot script as the test server).
      userData: TEST_SERVER_USER_DATA,
      // EC2 API, CreateSecurityGroup: descriptions take a-z A-Z 0-9 spaces and ._-:/()#,@[]+=&;{}!$*
      // only (no apostrophe).
      securityGroupDescription: `AI server: ${b.plan.ports.join(", ")} from the tasks of the main VPC only, SSH from its connect endpoint; HTTPS out`,
      httpsEgress: {
        cidrIpv4: ANYWHERE,
        description: "HTTPS to the internet through the NAT gateway (models, packages)",
        role: "server-to-internet",
      },
      // Admin access without any inbound path from the internet (EC2 quotas: one endpoint per VPC).
      ssh: {
        kind: "connect-endpoint",
        target: "the AI server",
        egressRole: "eice-to-server",
        ingressRole: "server-from-eice",
      },
      instanceProfile: {
        description: `Instance role of the ${b.name} server (no permissions: it calls no AWS API)`,
      },
      instanceTags: {
        "waiver:ec2-instance-detailed-monitoring":
          "The AI team sandbox server needs no 1-minute metrics: 5-minute basic monitoring is enough",
      },
      instanceDependsOn: [net.nat],
      // What an AI-team admin needs to SSH in, and nothing else.
      adminPolicy: {
        description: `Lets the AI team open an SSH session to the ${b.name} server (attach to their group or role)`,
        sids: {
          pushKey: "PushOneTimeKey",
          openTunnel: "OpenTunnelToServer",
          findHost: "FindServer",
        },
      },
      roles: { securityGroup: "server-sg" },
      movedFrom: b.self,
      tags: b.args.tags,
    },
    b.parent,
  );
}
