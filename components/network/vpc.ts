// Building blocks of a VPC shared by the Network and the AI environment: the VPC with an emptied
// default security group, the isolated main route table, the public route table, the flow logs,
// and the AZ look-up.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TagsOf } from "../naming";
import type { SubnetZone } from "./plan";

const ANYWHERE = "0.0.0.0/0";

/**
 * AZ IDs no subnet goes in, whatever zone name an account's mapping gives them (older accounts map
 * names to AZ IDs at random: AWS Regions and Availability Zones guide, "AZ IDs"):
 * - use1-az3, which lacks services the platform may grow into: RDS user guide, "Limitations for
 *   RDS Proxy" ("US East (N. Virginia) Region does not support RDS Proxy in the use1-az3
 *   Availability Zone"); EFS user guide, "Supported Availability Zones for One Zone file systems";
 * - usw1-az2 and apne1-az3: ECS on Fargate runs only in usw1-az1 and usw1-az3, and in apne1-az1,
 *   apne1-az2 and apne1-az4 (ECS developer guide, "Supported Regions for Amazon ECS on AWS
 *   Fargate"). Only accounts older than these limits see the two zones.
 */
export const AVOIDED_ZONE_IDS: readonly string[] = ["use1-az3", "usw1-az2", "apne1-az3"];

/**
 * The i-th AZ name, or a clear error when the region offers fewer AZs than the subnet lists
 * need (the engine reports it as the program's failure).
 */
export function azNameAt(
  network: string,
  names: readonly string[],
  i: number,
  azCount: number,
): string {
  if (names.length < azCount) {
    throw new Error(
      `Network ${network}: subnetCidrs has ${azCount} subnets per tier but the region offers ` +
        `${names.length} usable availability zones (${names.join(", ")}; zones ${AVOIDED_ZONE_IDS.join(", ")} are left out)`,
    );
  }
  return names[i];
}

/** The zones a VPC of the platform may use, and which of them EC2 offers to new resources now. */
export interface RegionZones {
  /** Zone names in name order: the account's standard zones, whatever their state. */
  readonly names: string[];
  /** The AZ ID of each name, in the same order. */
  readonly ids: string[];
  /** The AZ IDs EC2 reports in state `available` at this run. */
  readonly availableIds: string[];
}

/**
 * The region's zones for subnets: every standard zone of the account (no Local or Wavelength
 * Zone, which need an opt-in and lack most services) but {@link AVOIDED_ZONE_IDS}, whatever its
 * state, so the list, and the subnets placed by it, stay the same from one `pulumi up` to the
 * next. EC2 reports a zone's state as available, unavailable or constrained (EC2 API Reference,
 * AvailabilityZone, `State`; the SDKs also know information and impaired), and AWS may restrict
 * new launches in a constrained zone for accounts that have none there (AWS docs, "Regions and
 * Zones", quoted in openshift/release#17576). A list filtered on `available` loses such a zone
 * for as long as it lasts: every subnet from that index on would move to the next zone, which
 * replaces the subnets and what runs in them, or leaves the stack with too few zones to update at
 * all. So the state only warns ({@link warnUnavailableZones}).
 */
export function regionZones(opts: pulumi.InvokeOutputOptions): pulumi.Output<RegionZones> {
  const query = {
    filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
    excludeZoneIds: [...AVOIDED_ZONE_IDS],
  };
  const all = aws.getAvailabilityZonesOutput(query, opts);
  const available = aws.getAvailabilityZonesOutput({ ...query, state: "available" }, opts);
  // getAvailabilityZones returns names and zoneIds as parallel lists.
  return pulumi
    .all([all.names, all.zoneIds, available.zoneIds])
    .apply(([names, ids, availableIds]) => ({ names, ids, availableIds }));
}

/**
 * Warns, at preview already, about each zone in `chosen` that EC2 does not report `available`:
 * what exists there stays, but a new stack may be refused resources there.
 */
export function warnUnavailableZones(
  owner: string,
  chosen: readonly SubnetZone[],
  availableIds: readonly string[],
  resource?: pulumi.Resource,
): void {
  for (const zone of chosen.filter((z) => !availableIds.includes(z.id))) {
    void pulumi.log.warn(
      `${owner}: EC2 does not report ${zone.name} (${zone.id}) as available now (state constrained, ` +
        `impaired or unavailable). Subnets stay in the zones they were placed in (the zone list ` +
        `does not follow the state). While it lasts, AWS may refuse new instances, tasks or ` +
        `endpoints there: a new stack should wait until the zone is available again before its ` +
        `first pulumi up (AVOIDED_ZONE_IDS in components/network/vpc.ts leaves a zone out for ` +
        `every stack of the project, and moves the subnets of those that use it)`,
      resource,
    );
  }
}

/** What `vpcFlowLogs` needs. */
export interface VpcFlowLogsArgs {
  readonly vpcId: pulumi.Input<string>;
  /** Name of the log group to create. */
  readonly groupName: pulumi.Input<string>;
  /** The group's ARN built from its name (not the group's output), so the key can grant on it first. */
  readonly groupArn: pulumi.Input<string>;
  /** Key that encrypts the group (it must grant CloudWatch Logs on `groupArn`). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Retention of the group in days (a CloudWatch-allowed value). */
  readonly retentionInDays: number;
  /** Protect and retain the group (prod). */
  readonly protect: boolean;
  readonly accountId: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
  readonly region: pulumi.Input<string>;
  /** The caller's tags builder (Name `<name>-<role>`). */
  readonly tags: TagsOf;
}

/**
 * VPC flow logs of ALL traffic to a KMS-encrypted log group with retention: the group, the role
 * VPC Flow Logs assumes, its write policy and the flow log, as children of `parent` named
 * `${name}-flow-logs`, `-flow-logs-role`, `-flow-logs-policy`, `-flow-log`.
 */
export function vpcFlowLogs(
  parent: pulumi.Resource,
  name: string,
  args: VpcFlowLogsArgs,
): { logGroup: aws.cloudwatch.LogGroup; role: aws.iam.Role; flowLog: aws.ec2.FlowLog } {
  const opts = { parent };
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-flow-logs`,
    {
      name: args.groupName,
      retentionInDays: args.retentionInDays,
      kmsKeyId: args.kmsKeyArn,
      tags: args.tags("flow-logs"),
    },
    args.protect ? { parent, protect: true, retainOnDelete: true } : { parent },
  );
  // VPC docs, "IAM role for publishing flow logs to CloudWatch Logs": trust
  // vpc-flow-logs.amazonaws.com, with aws:SourceAccount and aws:SourceArn (the flow log's ARN,
  // `arn:aws:ec2:<region>:<account>:vpc-flow-log/<id>`; the id is unknown before creation, so a
  // wildcard) against the confused deputy problem.
  const role = new aws.iam.Role(
    `${name}-flow-logs-role`,
    {
      description: `Lets VPC Flow Logs write ${name}'s flow logs to their log group`,
      assumeRolePolicy: aws.iam.getPolicyDocumentOutput(
        {
          statements: [
            {
              sid: "TrustVpcFlowLogs",
              effect: "Allow",
              principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
              actions: ["sts:AssumeRole"],
              conditions: [
                { test: "StringEquals", variable: "aws:SourceAccount", values: [args.accountId] },
                {
                  test: "ArnLike",
                  variable: "aws:SourceArn",
                  values: [
                    pulumi.interpolate`arn:${args.partition}:ec2:${args.region}:${args.accountId}:vpc-flow-log/*`,
                  ],
                },
              ],
            },
          ],
        },
        opts,
      ).json,
      tags: args.tags("flow-logs-role"),
    },
    opts,
  );
  // Same doc: the role needs CreateLogStream, PutLogEvents, DescribeLogStreams (and
  // DescribeLogGroups) — here on this one group and its streams only. CreateLogGroup is left
  // out: the group exists.
  const rolePolicy = new aws.iam.RolePolicy(
    `${name}-flow-logs-policy`,
    {
      role: role.id,
      policy: aws.iam.getPolicyDocumentOutput(
        {
          statements: [
            {
              sid: "WriteFlowLogGroup",
              effect: "Allow",
              actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
              // The ARN built from the name, so the document is known at preview already.
              resources: [args.groupArn, pulumi.interpolate`${args.groupArn}:*`],
            },
            {
              // Resource "*": logs:DescribeLogGroups supports no resource-level permission
              // (Service Authorization Reference, CloudWatch Logs actions table).
              sid: "DescribeLogGroups",
              effect: "Allow",
              actions: ["logs:DescribeLogGroups"],
              resources: ["*"],
            },
          ],
        },
        opts,
      ).json,
    },
    opts,
  );
  const flowLog = new aws.ec2.FlowLog(
    `${name}-flow-log`,
    {
      vpcId: args.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      tags: args.tags("flow-log"),
    },
    { parent, dependsOn: [rolePolicy] },
  );
  return { logGroup, role, flowLog };
}

/**
 * The VPC `${name}-vpc` (DNS support and hostnames on: required for interface endpoints' private
 * DNS names, PrivateLink docs, "Private DNS": enableDnsSupport and enableDnsHostnames must be true)
 * and its default security group `${name}-default-sg` adopted with no rules at all (the provider
 * removes every rule it finds): that group allows all traffic between its members, so nothing may
 * use it by accident.
 */
export function vpcWithEmptyDefaultSecurityGroup(
  parent: pulumi.Resource,
  name: string,
  cidrBlock: string,
  tags: TagsOf,
): aws.ec2.Vpc {
  const vpc = new aws.ec2.Vpc(
    `${name}-vpc`,
    {
      cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      instanceTenancy: "default",
      tags: tags("vpc"),
    },
    { parent },
  );
  new aws.ec2.DefaultSecurityGroup(
    `${name}-default-sg`,
    { vpcId: vpc.id, tags: tags("default-sg") },
    { parent },
  );
  return vpc;
}

/**
 * The VPC's main route table serves every subnet without an explicit association. This points it
 * at an empty table (local route only), so a subnet added later, outside the component, starts
 * isolated instead of inheriting anyone's routes.
 */
export function isolatedMainRouteTable(
  parent: pulumi.Resource,
  name: string,
  vpcId: pulumi.Input<string>,
  tags: TagsOf,
): aws.ec2.RouteTable {
  const mainRt = new aws.ec2.RouteTable(
    `${name}-main-rt`,
    { vpcId, tags: tags("main-rt", { purpose: "isolated-fallback" }) },
    { parent },
  );
  new aws.ec2.MainRouteTableAssociation(
    `${name}-main-rt-association`,
    { vpcId, routeTableId: mainRt.id },
    { parent },
  );
  return mainRt;
}

/** The public route table (tier "public") with its one 0.0.0.0/0 route, to the internet gateway. */
export function publicRouteTable(
  parent: pulumi.Resource,
  name: string,
  args: {
    readonly vpcId: pulumi.Input<string>;
    readonly internetGatewayId: pulumi.Input<string>;
    readonly tags: TagsOf;
    /** Extra tags of the table (e.g. waivers). Defaults to none. */
    readonly extraTags?: Record<string, string>;
  },
): aws.ec2.RouteTable {
  const rt = new aws.ec2.RouteTable(
    `${name}-public-rt`,
    {
      vpcId: args.vpcId,
      tags: args.tags("public-rt", { ...(args.extraTags ?? {}), tier: "public" }),
    },
    { parent },
  );
  new aws.ec2.Route(
    `${name}-public-default-route`,
    { routeTableId: rt.id, destinationCidrBlock: ANYWHERE, gatewayId: args.internetGatewayId },
    { parent },
  );
  return rt;
}
