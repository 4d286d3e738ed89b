// EC2 data sources about places and kinds (./invokes-ec2.ts holds the rest): instance types and
// their offerings per location, the region's Availability Zones (from the real region table) and
// the AWS services' VPC endpoint services; and the filters EC2's Describe calls take. Values are
// made up but shaped as EC2 returns them.
import { ec2Id } from "./arns";
import type { Resolved } from "./env";
import { NotModelled } from "./invokes-misc";

export type Args = Record<string, any>;
type Filter = { name: string; values: string[] };

export function filters(args: Args): Filter[] {
  return Array.isArray(args.filters) ? args.filters : [];
}

export function filterValue(args: Args, name: string): string | undefined {
  return filters(args).find((f) => f.name === name)?.values?.[0];
}

/** EC2 filter values may hold `*` and `?` wildcards. */
export function matches(value: string, patterns: string[]): boolean {
  return patterns.some((p) =>
    new RegExp(
      `^${p
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".")}$`,
    ).test(value),
  );
}

/** Common instance sizes: vCPUs and MiB (EC2 instance types, general purpose families). */
const SIZES: Record<string, [number, number]> = {
  nano: [2, 512],
  micro: [2, 1024],
  small: [2, 2048],
  medium: [2, 4096],
  large: [2, 8192],
  xlarge: [4, 16384],
};

export function instanceType(type: string): Args {
  const [family = "t3", size = "micro"] = type.split(".");
  const n = /^(\d+)xlarge$/.exec(size);
  const [vcpus, mem] = n ? [4 * Number(n[1]), 16384 * Number(n[1])] : (SIZES[size] ?? [2, 8192]);
  const arm = /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family);
  return {
    id: type,
    instanceType: type,
    defaultVcpus: vcpus,
    memorySize: family.startsWith("c") ? mem / 2 : family.startsWith("r") ? mem * 2 : mem,
    supportedArchitectures: [arm ? "arm64" : "x86_64"],
    currentGeneration: true,
    burstablePerformanceSupported: family.startsWith("t"),
    freeTierEligible: type === "t2.micro" || type === "t3.micro",
    hypervisor: "nitro",
  };
}

/** `getAvailabilityZones`: the region's real zones, honouring state, exclusions and filters. */
export function availabilityZones(args: Args, env: Resolved): Args {
  let zones = env.region.zones.map((z) => ({
    ...z,
    state: "available",
    optIn: "opt-in-not-required",
  }));
  if (args.state && args.state !== "available") zones = [];
  if (Array.isArray(args.excludeNames))
    zones = zones.filter((z) => !args.excludeNames.includes(z.name));
  if (Array.isArray(args.excludeZoneIds))
    zones = zones.filter((z) => !args.excludeZoneIds.includes(z.zoneId));
  for (const f of filters(args)) {
    const field: Record<string, (z: (typeof zones)[number]) => string> = {
      "zone-name": (z) => z.name,
      "zone-id": (z) => z.zoneId,
      "opt-in-status": (z) => z.optIn,
      state: (z) => z.state,
      "region-name": () => env.region.code,
      "group-name": () => env.region.code,
      "zone-type": () => "availability-zone",
    };
    const get = field[f.name];
    if (get) zones = zones.filter((z) => matches(get(z), f.values ?? []));
  }
  return {
    ...args,
    id: env.region.code,
    names: zones.map((z) => z.name),
    zoneIds: zones.map((z) => z.zoneId),
    groupNames: zones.length ? [env.region.code] : [],
  };
}

/**
 * `getInstanceTypeOfferings` (EC2 DescribeInstanceTypeOfferings): the types offered per location,
 * as parallel `instanceTypes`, `locations` and `locationTypes` lists (Pulumi AWS provider,
 * aws.ec2.getInstanceTypeOfferings). Location type `region` (the default), `availability-zone`
 * or `availability-zone-id`; a `location` filter narrows the locations. The fake holds no
 * per-zone offering data, so every zone of the region offers every type asked for (patterns as in
 * `getInstanceTypes`); a program that depends on a zone lacking a type answers it with
 * --invoke-answers.
 */
export function instanceTypeOfferings(args: Args, env: Resolved): Args {
  const locationType = args.locationType ?? "region";
  const where: Record<string, string[]> = {
    region: [env.region.code],
    "availability-zone": env.region.zones.map((z) => z.name),
    "availability-zone-id": env.region.zones.map((z) => z.zoneId),
  };
  if (!where[locationType]) {
    throw new NotModelled(`location type ${JSON.stringify(locationType)} is not modelled`);
  }
  const wanted = filters(args).find((f) => f.name === "location")?.values;
  const locations = where[locationType].filter((l) => !wanted || matches(l, wanted));
  const types = (
    filters(args).find((f) => f.name === "instance-type")?.values ?? [
      "t3.micro",
      "t3.small",
      "m5.large",
    ]
  ).map((t) => t.replace(/\*/g, "large"));
  const pairs = locations.flatMap((location) => types.map((type) => ({ location, type })));
  return {
    ...args,
    id: env.region.code,
    region: env.region.code,
    instanceTypes: pairs.map((p) => p.type),
    locations: pairs.map((p) => p.location),
    locationTypes: pairs.map(() => locationType),
  };
}

/**
 * `getVpcEndpointService` for an AWS service (`service`, or a `serviceName` or `service-name`
 * filter of the form `com.amazonaws.<region>.<service>`): offered in every zone of the region, as
 * the services a program usually asks for are (DescribeVpcEndpointServices `AvailabilityZones`,
 * zone names); a program that depends on a zone lacking a service answers it with
 * --invoke-answers. Another owner's endpoint service is not known offline.
 */
export function vpcEndpointService(args: Args, env: Resolved): Args {
  const prefix = `com.amazonaws.${env.region.code}.`;
  const named = args.serviceName ?? filterValue(args, "service-name");
  const service: string | undefined = args.service ?? named?.slice(prefix.length);
  if (!service || (named !== undefined && !named.startsWith(prefix))) {
    throw new NotModelled(
      `the endpoint service ${JSON.stringify(named ?? "")} is not an AWS service`,
    );
  }
  const serviceName = `${prefix}${service}`;
  const serviceType = args.serviceType ?? filterValue(args, "service-type") ?? "Interface";
  const serviceId = ec2Id("vpce-svc", serviceName);
  const dns = `${service}.${env.region.code}.amazonaws.com`;
  return {
    ...args,
    id: serviceName,
    serviceName,
    serviceType,
    serviceId,
    arn: `arn:${env.partition.partition}:ec2:${env.region.code}:${env.accountId}:vpc-endpoint-service/${serviceId}`,
    owner: "amazon",
    acceptanceRequired: false,
    managesVpcEndpoints: false,
    vpcEndpointPolicySupported: true,
    availabilityZones: env.region.zones.map((z) => z.name),
    baseEndpointDnsNames: [`${service}.${env.region.code}.vpce.amazonaws.com`],
    privateDnsName: serviceType === "Interface" ? dns : "",
    privateDnsNames: serviceType === "Interface" ? [dns] : [],
    supportedIpAddressTypes: ["ipv4"],
    region: env.region.code,
    serviceRegion: env.region.code,
    tags: {},
  };
}
