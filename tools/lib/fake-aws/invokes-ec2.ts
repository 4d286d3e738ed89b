// EC2 data sources: AMIs, the default VPC and its subnets, security groups, prefix lists, and
// (./invokes-ec2-places.ts) instance types, Availability Zones and endpoint services. Values are made up (ids seeded by the arguments) but
// shaped as EC2 returns them; zones come from the real region table.
import { ec2Id } from "./arns";
import type { Resolved } from "./env";
import { hex, TIMESTAMP } from "./hash";
import { NotModelled } from "./invokes-misc";

import {
  availabilityZones,
  filterValue,
  filters,
  instanceType,
  instanceTypeOfferings,
  matches,
  vpcEndpointService,
  type Args,
} from "./invokes-ec2-places";

/** Amazon's owner id for Amazon Linux and other `amazon`-alias AMIs. */
const AMAZON_OWNER = "137112412989";

function ami(args: Args, env: Resolved, seed: string): Args {
  const owners: string[] = Array.isArray(args.owners) ? args.owners : [];
  const namePattern = filterValue(args, "name") ?? "offline-image-*";
  const arch =
    filterValue(args, "architecture") ?? (/arm64|aarch64/.test(namePattern) ? "arm64" : "x86_64");
  const owner =
    owners.find((o) => /^\d{12}$/.test(o)) ??
    (owners.includes("self") ? env.accountId : AMAZON_OWNER);
  const wanted = filterValue(args, "image-id");
  const id = wanted && !/[*?]/.test(wanted) ? wanted : ec2Id("ami", `${seed}|${env.region.code}`);
  return {
    ...args,
    id,
    imageId: id,
    arn: `arn:${env.partition.partition}:ec2:${env.region.code}::image/${id}`,
    name: namePattern.replace(/\*/g, "2026.01.01").replace(/\?/g, "0"),
    architecture: arch,
    ownerId: owner,
    imageOwnerAlias: owner === AMAZON_OWNER ? "amazon" : "",
    creationDate: TIMESTAMP,
    description: "Offline check: a made-up image",
    imageType: "machine",
    platformDetails: "Linux/UNIX",
    rootDeviceName: "/dev/xvda",
    rootDeviceType: "ebs",
    virtualizationType: filterValue(args, "virtualization-type") ?? "hvm",
    enaSupport: true,
    hypervisor: "xen",
    public: true,
    state: "available",
    blockDeviceMappings: [],
    productCodes: [],
    tags: {},
  };
}

/**
 * The default VPC: 172.31.0.0/16 with one /20 default subnet per AZ (VPC User Guide, "Default
 * VPCs": "a default subnet in each Availability Zone", 172.31.0.0/20, 172.31.16.0/20, …).
 */
export function defaultVpc(env: Resolved): {
  id: string;
  subnets: { id: string; az: string; zoneId: string; cidr: string }[];
} {
  const id = ec2Id("vpc", `default-vpc|${env.accountId}|${env.region.code}`);
  return {
    id,
    subnets: env.region.zones.map((z, i) => ({
      id: ec2Id("subnet", `${id}|${z.name}`),
      az: z.name,
      zoneId: z.zoneId,
      cidr: `172.31.${i * 16}.0/20`,
    })),
  };
}

function vpc(args: Args, env: Resolved): Args {
  const def = defaultVpc(env);
  const wantDefault =
    args.default === true || args.default === "true" || filterValue(args, "isDefault") === "true";
  const id =
    args.id ??
    filterValue(args, "vpc-id") ??
    (wantDefault || !args.tags ? def.id : ec2Id("vpc", JSON.stringify(args)));
  const isDefault = id === def.id;
  return {
    ...args,
    id,
    arn: `arn:${env.partition.partition}:ec2:${env.region.code}:${env.accountId}:vpc/${id}`,
    cidrBlock: args.cidrBlock ?? (isDefault ? "172.31.0.0/16" : "10.0.0.0/16"),
    default: isDefault,
    state: "available",
    ownerId: env.accountId,
    instanceTenancy: "default",
    enableDnsSupport: true,
    enableDnsHostnames: isDefault,
    dhcpOptionsId: ec2Id("dopt", `${id}.dopt`),
    mainRouteTableId: ec2Id("rtb", `${id}.main`),
    cidrBlockAssociations: [],
    ipv6AssociationId: "",
    ipv6CidrBlock: "",
    tags: args.tags ?? {},
  };
}

/** Subnets of a VPC (the default VPC's default subnets unless a `vpc-id` filter names another). */
function subnetsOf(args: Args, env: Resolved) {
  const def = defaultVpc(env);
  const vpcId = args.vpcId ?? filterValue(args, "vpc-id") ?? def.id;
  const zones = filters(args).find((f) => f.name === "availability-zone")?.values;
  return env.region.zones
    .map((z, i) => ({
      id: vpcId === def.id ? def.subnets[i].id : ec2Id("subnet", `${vpcId}|${z.name}`),
      vpcId,
      az: z.name,
      zoneId: z.zoneId,
      cidr: vpcId === def.id ? def.subnets[i].cidr : `10.0.${i * 16}.0/20`,
      default: vpcId === def.id,
    }))
    .filter((s) => !zones || matches(s.az, zones));
}

function subnet(args: Args, env: Resolved): Args {
  const all = subnetsOf(args, env);
  const s = (args.id && all.find((x) => x.id === args.id)) ||
    (args.availabilityZone && all.find((x) => x.az === args.availabilityZone)) || {
      ...all[0],
      ...(args.id ? { id: args.id } : {}),
    };
  return {
    ...args,
    id: s.id,
    arn: `arn:${env.partition.partition}:ec2:${env.region.code}:${env.accountId}:subnet/${s.id}`,
    vpcId: s.vpcId,
    cidrBlock: s.cidr,
    availabilityZone: s.az,
    availabilityZoneId: s.zoneId,
    defaultForAz: s.default,
    mapPublicIpOnLaunch: s.default,
    availableIpAddressCount: 4091,
    ownerId: env.accountId,
    state: "available",
    tags: args.tags ?? {},
  };
}

function securityGroup(args: Args, env: Resolved): Args {
  const vpcId = args.vpcId ?? filterValue(args, "vpc-id") ?? defaultVpc(env).id;
  const name = args.name ?? filterValue(args, "group-name") ?? "default";
  const id = args.id ?? ec2Id("sg", `${vpcId}|${name}`);
  return {
    ...args,
    id,
    name,
    vpcId,
    arn: `arn:${env.partition.partition}:ec2:${env.region.code}:${env.accountId}:security-group/${id}`,
    description: name === "default" ? "default VPC security group" : `${name} (offline check)`,
    ownerId: env.accountId,
    tags: args.tags ?? {},
  };
}

export const EC2_INVOKES: Record<string, (args: Args, env: Resolved) => Args> = {
  // The DB subnet group RDS uses for an instance or cluster created without one: `default`, over
  // the default VPC's default subnets (RDS User Guide, "Working with a DB instance in a VPC":
  // "If you don't specify a DB subnet group … Amazon RDS uses the default DB subnet group").
  // A group of the program's own is answered from its registration (engine/own-resources.ts);
  // any other name is not known offline.
  "aws:rds/getSubnetGroup:getSubnetGroup": (a, e) => {
    if (a.name !== "default") throw new NotModelled(`DB subnet group "${a.name}"`);
    const def = defaultVpc(e);
    return {
      ...a,
      id: "default",
      arn: `arn:${e.partition.partition}:rds:${e.region.code}:${e.accountId}:subgrp:default`,
      description: "default",
      status: "Complete",
      subnetIds: def.subnets.map((s) => s.id),
      supportedNetworkTypes: ["IPV4"],
      vpcId: def.id,
      tags: {},
    };
  },
  "aws:ec2/getAmi:getAmi": (a, e) => ami(a, e, JSON.stringify(a)),
  "aws:ec2/getAmiIds:getAmiIds": (a, e) => ({
    ...a,
    id: e.region.code,
    ids: [ami(a, e, JSON.stringify(a)).id],
  }),
  "aws:ec2/getVpc:getVpc": vpc,
  "aws:ec2/getVpcs:getVpcs": (a, e) => ({ ...a, id: e.region.code, ids: [vpc(a, e).id] }),
  "aws:ec2/getSubnet:getSubnet": subnet,
  "aws:ec2/getSubnets:getSubnets": (a, e) => ({
    ...a,
    id: e.region.code,
    ids: subnetsOf(a, e).map((s) => s.id),
  }),
  // Removed from @pulumi/aws 6; programs pinned to an older provider still call it.
  "aws:ec2/getSubnetIds:getSubnetIds": (a, e) => ({
    ...a,
    id: a.vpcId,
    ids: subnetsOf(a, e).map((s) => s.id),
  }),
  // awsx v3's `awsx.ec2.getDefaultVpc()`: the awsx plugin answers it from the AWS provider, with
  // `getVpc({ default: true })`, `getSubnets` on its `vpc-id` and each subnet's
  // `mapPublicIpOnLaunch` splitting public from private (pulumi/pulumi-awsx
  // awsx/ec2/getDefaultVpc.ts). A default VPC's subnets are all default subnets, which assign
  // public IPv4 addresses (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html).
  "awsx:ec2:getDefaultVpc": (_a, e) => {
    const subnets = subnetsOf({}, e).map((s) => subnet({ id: s.id }, e));
    return {
      vpcId: vpc({ default: true }, e).id,
      publicSubnetIds: subnets.filter((s) => s.mapPublicIpOnLaunch).map((s) => s.id),
      privateSubnetIds: subnets.filter((s) => !s.mapPublicIpOnLaunch).map((s) => s.id),
    };
  },
  "aws:ec2/getSecurityGroup:getSecurityGroup": securityGroup,
  "aws:ec2/getSecurityGroups:getSecurityGroups": (a, e) => {
    const sg = securityGroup(a, e);
    return { ...a, id: e.region.code, ids: [sg.id], vpcIds: [sg.vpcId], arns: [sg.arn] };
  },
  "aws:ec2/getInstanceType:getInstanceType": (a) => ({
    ...a,
    ...instanceType(String(a.instanceType)),
  }),
  "aws:ec2/getInstanceTypes:getInstanceTypes": (a, e) => {
    const wanted = filters(a).find((f) => f.name === "instance-type")?.values ?? [
      "t3.micro",
      "t3.small",
      "m5.large",
    ];
    return { ...a, id: e.region.code, instanceTypes: wanted.map((t) => t.replace(/\*/g, "large")) };
  },
  "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings": instanceTypeOfferings,
  "aws:ec2/getVpcEndpointService:getVpcEndpointService": vpcEndpointService,
  "aws:index/getAvailabilityZones:getAvailabilityZones": availabilityZones,
  "aws:index/getAvailabilityZone:getAvailabilityZone": (a, e) => {
    const z =
      e.region.zones.find((x) => x.name === a.name || x.zoneId === a.zoneId) ?? e.region.zones[0];
    return {
      ...a,
      id: z.name,
      name: z.name,
      zoneId: z.zoneId,
      region: e.region.code,
      nameSuffix: z.name.slice(e.region.code.length),
      groupName: e.region.code,
      networkBorderGroup: e.region.code,
      optInStatus: "opt-in-not-required",
      state: "available",
      zoneType: "availability-zone",
    };
  },
  "aws:ec2/getPrefixList:getPrefixList": (a, e) => {
    const name =
      a.name ?? filterValue(a, "prefix-list-name") ?? `com.amazonaws.${e.region.code}.s3`;
    return {
      ...a,
      id: a.prefixListId ?? `pl-${hex(`${name}|${e.region.code}`, 8)}`,
      name,
      cidrBlocks: ["52.218.0.0/17", "3.5.0.0/19"],
    };
  },
  "aws:ec2/getManagedPrefixList:getManagedPrefixList": (a, e) => {
    const name =
      a.name ?? filterValue(a, "prefix-list-name") ?? `com.amazonaws.${e.region.code}.s3`;
    const id = a.id ?? `pl-${hex(`${name}|${e.region.code}`, 8)}`;
    return {
      ...a,
      id,
      name,
      arn: `arn:${e.partition.partition}:ec2:${e.region.code}:aws:prefix-list/${id}`,
      addressFamily: "IPv4",
      maxEntries: 2,
      ownerId: "AWS",
      version: 1,
      entries: [
        { cidr: "52.218.0.0/17", description: "" },
        { cidr: "3.5.0.0/19", description: "" },
      ],
      tags: {},
    };
  },
};
