// Private networking for one environment: a VPC with public, compute and data subnets per AZ, no
// path to the internet from the private tiers (no NAT gateway, no default route), VPC endpoints
// so private workloads still reach S3, ECR and CloudWatch Logs, stateless network ACLs that keep
// return traffic working, and flow logs to a KMS-encrypted log group.
//
// Every security-relevant resource is an explicit `@pulumi/aws` resource (no awsx.ec2.Vpc: awsx v3
// components are remote, so their routes and rules would be invisible to tests and policies).
// Planning is pure (./plan.ts subnets, ./acl.ts NACL rules); the constructor calls one named
// builder per part. Design notes and the reasoning behind the NACL rules: docs/decisions/network.md.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Cidr } from "../cidr";
import { AccountContext, builder, Builder, keyAliasName } from "../context";
import { tagsOf } from "../naming";
import { cloudWatchLogsGrant, EncryptionKey } from "../kms-key";
import { tierAcl } from "./acl";
import { NetworkArgs, validateArgs } from "./args";
import { interfaceEndpoints, s3GatewayEndpoint } from "./endpoints";
import { Tier, TIERS } from "./plan";
import {
  azNameAt,
  isolatedMainRouteTable,
  publicRouteTable,
  regionZones,
  vpcFlowLogs,
  vpcWithEmptyDefaultSecurityGroup,
  warnUnavailableZones,
} from "./vpc";

export type { AclRule, NaclIngress, TierAcl } from "./acl";
export { tierAcl } from "./acl";
export { FARGATE_BASELINE_ENDPOINTS, validateArgs } from "./args";
export type { NetworkArgs } from "./args";
export { S3_OWN_BUCKET_ACTIONS } from "./endpoints";
export { checkEndpointZones, endpointSubnets, planSubnets, planTier, TIERS } from "./plan";
export type { SubnetCidrs, Tier } from "./plan";
export * from "./vpc";

/** What the Network's builders share. */
type Build = Builder<
  NetworkArgs,
  AccountContext & {
    readonly vpcId: pulumi.Output<string>;
    readonly region: pulumi.Output<string>;
  }
>;

export class Network extends pulumi.ComponentResource {
  /** The VPC. */
  public readonly vpcId: pulumi.Output<string>;
  /** The VPC's range (as AWS reports it). */
  public readonly vpcCidr: pulumi.Output<string>;
  /** The AZ of each subnet index (only zones that need no opt-in). */
  public readonly azNames: pulumi.Output<string>[];
  /** The AZ ID of each subnet index (the same zone in every account; e.g. "euw1-az3"). */
  public readonly azIds: pulumi.Output<string>[];
  /** AZs the data subnets span: data subnet i is in AZ i modulo this (`dataTierZoneCount`). */
  public readonly dataZones: number;
  /** Public subnets (the load balancer; a bastion), one per AZ. */
  public readonly publicSubnetIds: pulumi.Output<string>[];
  /** Compute subnets (tasks, hosts, interface endpoints), one per AZ; no internet route. */
  public readonly computeSubnetIds: pulumi.Output<string>[];
  /**
   * Data subnets (Redshift, the database); no internet route. Subnet i in AZ i modulo `dataZones`:
   * one per AZ, except where they share zones (us-west-1: three subnets in two AZs).
   */
  public readonly dataSubnetIds: pulumi.Output<string>[];
  /** The one route table with a default route (to the internet gateway). */
  public readonly publicRouteTableId: pulumi.Output<string>;
  /**
   * What a resource with a public address in the public subnets waits for: the internet gateway,
   * attached to the VPC (`dependsOn`). ELB refuses an internet-facing load balancer in a VPC
   * without one ("InvalidSubnet: VPC … has no internet gateway"), and the subnets alone do not
   * order it after the gateway (AWS CloudFormation User Guide, "DependsOn attribute", "When a
   * DependsOn attribute is required": load balancers, EC2 instances and Elastic IPs with a public
   * address wait for the gateway attachment; hashicorp/terraform-provider-aws#3494 and #4587).
   * On destroy they then go first, before the gateway's detach, which fails while a public
   * address is mapped in the VPC (hashicorp/terraform#497, jenkins-x/terraform-aws-eks-jx#373).
   */
  public readonly internetAccess: pulumi.Resource[];
  /** One table per compute subnet: local and S3 endpoint routes only (peerings add theirs). */
  public readonly computeRouteTableIds: pulumi.Output<string>[];
  /** One table per data subnet: local and S3 endpoint routes only. */
  public readonly dataRouteTableIds: pulumi.Output<string>[];
  /** Security group of the interface endpoints: clients open 443 to it. */
  public readonly endpointSecurityGroupId: pulumi.Output<string>;
  /** The regional S3 prefix list (known at preview): clients open 443 to it for the gateway endpoint. */
  public readonly s3PrefixListId: pulumi.Output<string>;
  /** The KMS-encrypted log group of the VPC's flow logs. */
  public readonly flowLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validated before anything registers: invalid arguments create no resource at all.
    const { vpc: vpcRange, azCount, dataZones, endpoints } = validateArgs(name, args);
    super("platform:network:Network", name, {}, opts);
    this.dataZones = dataZones;
    const vpc = vpcWithEmptyDefaultSecurityGroup(
      this,
      name,
      args.cidrBlock,
      tagsOf(name, args.tags),
    );
    const b: Build = builder(this, name, args, (scope) => ({
      vpcId: vpc.id,
      region: aws.getRegionOutput({}, scope.parent).region,
      ...scope.account,
    }));
    // The same zones at every run, whatever their state (`regionZones`); one not available now
    // only warns.
    const zones = regionZones(b.parent);
    this.azNames = Array.from({ length: azCount }, (_, i) =>
      zones.apply((z) => azNameAt(name, z.names, i, azCount)),
    );
    this.azIds = Array.from({ length: azCount }, (_, i) =>
      zones.apply((z) => azNameAt(name, z.ids, i, azCount)),
    );
    zones.apply((z) =>
      warnUnavailableZones(
        `Network ${name}`,
        z.names.slice(0, azCount).map((n, i) => ({ name: n, id: z.ids[i] })),
        z.availableIds,
        this,
      ),
    );

    const subnets = buildSubnets(b, this.azNames, dataZones);
    const routing = buildRouting(b, subnets);
    this.s3PrefixListId = s3GatewayEndpoint(
      b,
      [...routing.computeRts, ...routing.dataRts].map((rt) => rt.id),
      args.s3EndpointOwnBucketActions,
      args.s3EndpointExtraBucketArns,
    );
    const endpointSg = interfaceEndpoints(b, args, endpoints, {
      subnetIds: subnets.compute.map((s) => s.id),
      zoneNames: this.azNames.slice(0, subnets.compute.length),
      zoneIds: this.azIds.slice(0, subnets.compute.length),
    });
    buildNetworkAcls(b, subnets, vpcRange);
    const logGroup = buildFlowLogs(b);

    this.vpcId = vpc.id;
    this.vpcCidr = vpc.cidrBlock;
    this.publicSubnetIds = subnets.public.map((s) => s.id);
    this.computeSubnetIds = subnets.compute.map((s) => s.id);
    this.dataSubnetIds = subnets.data.map((s) => s.id);
    this.publicRouteTableId = routing.publicRt.id;
    this.internetAccess = [routing.igw];
    this.computeRouteTableIds = routing.computeRts.map((rt) => rt.id);
    this.dataRouteTableIds = routing.dataRts.map((rt) => rt.id);
    this.endpointSecurityGroupId = endpointSg.id;
    this.flowLogGroupName = logGroup.name;
    this.registerOutputs({
      vpcId: this.vpcId,
      vpcCidr: this.vpcCidr,
      azNames: this.azNames,
      azIds: this.azIds,
      publicSubnetIds: this.publicSubnetIds,
      computeSubnetIds: this.computeSubnetIds,
      dataSubnetIds: this.dataSubnetIds,
      publicRouteTableId: this.publicRouteTableId,
      computeRouteTableIds: this.computeRouteTableIds,
      dataRouteTableIds: this.dataRouteTableIds,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
      s3PrefixListId: this.s3PrefixListId,
      flowLogGroupName: this.flowLogGroupName,
    });
  }

  /**
   * The subnets of a tier with each one's AZ ID, in AZ order: the candidates a host chooses among
   * (the first whose zone offers its instance type, components/host/placement.ts).
   */
  public hostSubnets(tier: Tier): {
    subnetIds: pulumi.Output<string>[];
    zoneIds: pulumi.Output<string>[];
  } {
    const ids = {
      public: this.publicSubnetIds,
      compute: this.computeSubnetIds,
      data: this.dataSubnetIds,
    }[tier];
    const zoneOf = tier === "data" ? (i: number) => i % this.dataZones : (i: number) => i;
    return { subnetIds: ids, zoneIds: ids.map((_, i) => this.azIds[zoneOf(i)]) };
  }
}

type Subnets = Record<Tier, aws.ec2.Subnet[]>;

/**
 * The subnets `${name}-<tier>-<i>`: mapPublicIpOnLaunch off everywhere (the ALB gets its own
 * addresses). Subnet i of a tier in AZ i; the data tier's round-robin over its `dataZones`.
 */
function buildSubnets(b: Build, azNames: pulumi.Output<string>[], dataZones: number): Subnets {
  const subnets = {} as Subnets;
  for (const tier of TIERS) {
    const zoneOf = (i: number) => (tier === "data" ? i % dataZones : i);
    subnets[tier] = b.args.subnetCidrs[tier].map(
      (cidr, i) =>
        new aws.ec2.Subnet(
          `${b.name}-${tier}-${i}`,
          {
            vpcId: b.vpcId,
            cidrBlock: cidr,
            availabilityZone: azNames[zoneOf(i)],
            mapPublicIpOnLaunch: false,
            tags: b.tags(`${tier}-${i}`, { tier }),
          },
          b.parent,
        ),
    );
  }
  return subnets;
}

/**
 * Routing. Only the public table reaches the internet gateway; one table per private subnet,
 * with no route but `local` and the S3 endpoint's prefix list: no 0.0.0.0/0 or ::/0 route, and no
 * NAT gateway exists. Every subnet here is associated explicitly; the main table only catches
 * later ones (and has no route).
 */
function buildRouting(b: Build, subnets: Subnets) {
  const { name, tags, parent } = b;
  const igw = new aws.ec2.InternetGateway(
    `${name}-igw`,
    { vpcId: b.vpcId, tags: tags("igw") },
    parent,
  );
  const publicRt = publicRouteTable(b.self, name, {
    vpcId: b.vpcId,
    internetGatewayId: igw.id,
    tags,
    extraTags: b.args.publicRouteTableTags,
  });
  const privateRts = (tier: "compute" | "data") =>
    subnets[tier].map(
      (_, i) =>
        new aws.ec2.RouteTable(
          `${name}-${tier}-rt-${i}`,
          { vpcId: b.vpcId, tags: tags(`${tier}-rt-${i}`, { tier }) },
          parent,
        ),
    );
  const computeRts = privateRts("compute");
  const dataRts = privateRts("data");
  isolatedMainRouteTable(b.self, name, b.vpcId, tags);
  const associate = (tier: Tier, tables: (i: number) => aws.ec2.RouteTable) =>
    subnets[tier].forEach(
      (s, i) =>
        new aws.ec2.RouteTableAssociation(
          `${name}-${tier}-rta-${i}`,
          { subnetId: s.id, routeTableId: tables(i).id },
          parent,
        ),
    );
  associate("public", () => publicRt);
  associate("compute", (i) => computeRts[i]);
  associate("data", (i) => dataRts[i]);
  return { igw, publicRt, computeRts, dataRts };
}

/**
 * Network ACLs for the private tiers (the public tier keeps the VPC's default NACL), from the
 * planned rules (./acl.ts): `${name}-<tier>-nacl`, its rules, its subnet associations.
 */
function buildNetworkAcls(b: Build, subnets: Subnets, vpcRange: Cidr): void {
  const { name, args, parent } = b;
  const quota = args.naclRuleQuota ?? 20;
  for (const tier of ["compute", "data"] as const) {
    const rules = tierAcl(tier, args.cidrBlock, args.subnetCidrs, args, vpcRange);
    for (const [dir, list] of [
      ["inbound", rules.inbound],
      ["outbound", rules.outbound],
    ] as const) {
      if (list.length > quota) {
        throw new Error(
          `Network ${name}: the ${tier} NACL needs ${list.length} ${dir} rules, more than the ` +
            `quota of ${quota} (raise "Rules per network ACL" in Service Quotas and pass naclRuleQuota, ` +
            `or use fewer AZs or ports)`,
        );
      }
    }
    const acl = new aws.ec2.NetworkAcl(
      `${name}-${tier}-nacl`,
      { vpcId: b.vpcId, tags: b.tags(`${tier}-nacl`, { tier }) },
      parent,
    );
    for (const r of [...rules.inbound, ...rules.outbound]) {
      // Named by direction and number, the rule's identity in AWS: a changed rule is replaced
      // in place, deleted first because two entries cannot share a number.
      new aws.ec2.NetworkAclRule(
        `${name}-${tier}-nacl-${r.egress ? "out" : "in"}-${r.ruleNumber}`,
        {
          networkAclId: acl.id,
          ruleNumber: r.ruleNumber,
          egress: r.egress,
          protocol: r.protocol,
          ruleAction: r.action,
          cidrBlock: r.cidrBlock,
          fromPort: r.fromPort,
          toPort: r.toPort,
          icmpType: r.icmpType,
          icmpCode: r.icmpCode,
        },
        { parent: b.self, deleteBeforeReplace: true },
      );
    }
    subnets[tier].forEach(
      (s, i) =>
        new aws.ec2.NetworkAclAssociation(
          `${name}-${tier}-nacl-association-${i}`,
          { networkAclId: acl.id, subnetId: s.id },
          parent,
        ),
    );
  }
}

/** Flow logs: ALL traffic, to a log group encrypted with the key `${name}-flow-logs-key`. */
function buildFlowLogs(b: Build): aws.cloudwatch.LogGroup {
  const { name, args, parent, partition, region, accountId } = b;
  const logGroupName = args.flowLogGroupName ?? `/${pulumi.getProject()}/${name}/vpc-flow-logs`;
  // Built from the name (not the group's ARN output): the key must exist before the group.
  const logGroupArn = pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`;
  const key = new EncryptionKey(
    `${name}-flow-logs-key`,
    {
      description: `Encrypts the VPC flow logs of ${name}`,
      grants: [cloudWatchLogsGrant(logGroupArn, { parent: b.self })],
      // Per project and stack: `alias/<name>` alone would collide between projects in one account.
      aliasName: keyAliasName(`${name}-flow-logs`),
      protect: b.protect,
      tags: args.tags,
    },
    parent,
  );
  const { logGroup } = vpcFlowLogs(b.self, name, {
    vpcId: b.vpcId,
    groupName: logGroupName,
    groupArn: logGroupArn,
    kmsKeyArn: key.keyArn,
    retentionInDays: args.flowLogRetentionDays ?? 365,
    protect: b.protect,
    accountId,
    partition,
    region,
    tags: b.tags,
  });
  return logGroup;
}
