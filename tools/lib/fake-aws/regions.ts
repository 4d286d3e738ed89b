// The AWS regions and their Availability Zones, as a new account sees them.
//
// Sources:
// - AZ IDs per region: AWS Regions and Availability Zones user guide, "AWS Availability Zones"
//   (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html,
//   the version that speaks of accounts created from November 2025 on; 34 commercial regions,
//   including ap-east-2 Taipei, ap-southeast-6 New Zealand, ap-southeast-7 Thailand and
//   mx-central-1 Mexico). Its "Constrained Availability Zones" section explains why a new account
//   sees fewer zones than the table lists in us-west-1 (two: "Newer accounts can access two
//   Availability Zones in US West (N. California)") and ap-northeast-1 (apne1-az3 is not offered).
// - China and GovCloud AZ IDs, and which zone name maps to which AZ ID in the regions whose
//   mapping AWS randomises per account: moto's EC2 region table
//   (getmoto/moto, moto/ec2/models/availability_zones_and_regions.py, recorded from real accounts),
//   cn-north-1d = cnn1-az4 from a Terraform plan of a real subnet.
// - Region names and partitions: botocore's endpoints.json (partitions aws, aws-cn, aws-us-gov).
//
// Each entry: code, name, partition, AZ ID prefix, zones as `<letter><AZ number>` in name order.
import { templatePlaceholder } from "./template-placeholders";
import { editDistance } from "../edit-distance";

const TABLE: [string, string, string, string, string][] = [
  ["us-east-1", "US East (N. Virginia)", "aws", "use1", "a6 b1 c2 d4 e3 f5"],
  ["us-east-2", "US East (Ohio)", "aws", "use2", "a1 b2 c3"],
  ["us-west-1", "US West (N. California)", "aws", "usw1", "a3 b1"],
  ["us-west-2", "US West (Oregon)", "aws", "usw2", "a2 b1 c3 d4"],
  ["ca-central-1", "Canada (Central)", "aws", "cac1", "a1 b2 d4"],
  ["ca-west-1", "Canada West (Calgary)", "aws", "caw1", "a1 b2 c3"],
  ["mx-central-1", "Mexico (Central)", "aws", "mxc1", "a1 b2 c3"],
  ["af-south-1", "Africa (Cape Town)", "aws", "afs1", "a1 b2 c3"],
  ["ap-east-1", "Asia Pacific (Hong Kong)", "aws", "ape1", "a1 b2 c3"],
  ["ap-east-2", "Asia Pacific (Taipei)", "aws", "ape2", "a1 b2 c3"],
  ["ap-northeast-1", "Asia Pacific (Tokyo)", "aws", "apne1", "a4 c1 d2"],
  ["ap-northeast-2", "Asia Pacific (Seoul)", "aws", "apne2", "a1 b2 c3 d4"],
  ["ap-northeast-3", "Asia Pacific (Osaka)", "aws", "apne3", "a1 b2 c3"],
  ["ap-south-1", "Asia Pacific (Mumbai)", "aws", "aps1", "a1 b3 c2"],
  ["ap-south-2", "Asia Pacific (Hyderabad)", "aws", "aps2", "a1 b2 c3"],
  ["ap-southeast-1", "Asia Pacific (Singapore)", "aws", "apse1", "a1 b2 c3"],
  ["ap-southeast-2", "Asia Pacific (Sydney)", "aws", "apse2", "a1 b3 c2"],
  ["ap-southeast-3", "Asia Pacific (Jakarta)", "aws", "apse3", "a1 b2 c3"],
  ["ap-southeast-4", "Asia Pacific (Melbourne)", "aws", "apse4", "a1 b2 c3"],
  ["ap-southeast-5", "Asia Pacific (Malaysia)", "aws", "apse5", "a1 b2 c3"],
  ["ap-southeast-6", "Asia Pacific (New Zealand)", "aws", "apse6", "a1 b2 c3"],
  ["ap-southeast-7", "Asia Pacific (Thailand)", "aws", "apse7", "a1 b2 c3"],
  ["eu-central-1", "Europe (Frankfurt)", "aws", "euc1", "a2 b3 c1"],
  ["eu-central-2", "Europe (Zurich)", "aws", "euc2", "a1 b2 c3"],
  ["eu-north-1", "Europe (Stockholm)", "aws", "eun1", "a1 b2 c3"],
  ["eu-south-1", "Europe (Milan)", "aws", "eus1", "a1 b2 c3"],
  ["eu-south-2", "Europe (Spain)", "aws", "eus2", "a1 b2 c3"],
  ["eu-west-1", "Europe (Ireland)", "aws", "euw1", "a3 b1 c2"],
  ["eu-west-2", "Europe (London)", "aws", "euw2", "a2 b3 c1 d4"],
  ["eu-west-3", "Europe (Paris)", "aws", "euw3", "a1 b2 c3"],
  ["il-central-1", "Israel (Tel Aviv)", "aws", "ilc1", "a1 b2 c3"],
  ["me-central-1", "Middle East (UAE)", "aws", "mec1", "a1 b2 c3"],
  ["me-south-1", "Middle East (Bahrain)", "aws", "mes1", "a1 b2 c3"],
  ["sa-east-1", "South America (Sao Paulo)", "aws", "sae1", "a1 b2 c3"],
  ["cn-north-1", "China (Beijing)", "aws-cn", "cnn1", "a1 b2 d4"],
  ["cn-northwest-1", "China (Ningxia)", "aws-cn", "cnnw1", "a1 b2 c3"],
  ["us-gov-east-1", "AWS GovCloud (US-East)", "aws-us-gov", "usge1", "a1 b2 c3"],
  ["us-gov-west-1", "AWS GovCloud (US-West)", "aws-us-gov", "usgw1", "a1 b2 c3"],
];

export interface Partition {
  readonly partition: string;
  readonly dnsSuffix: string;
  readonly reverseDnsPrefix: string;
}

/** botocore endpoints.json: each partition's DNS suffix. */
export const PARTITIONS: Record<string, Partition> = {
  aws: { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" },
  "aws-cn": {
    partition: "aws-cn",
    dnsSuffix: "amazonaws.com.cn",
    reverseDnsPrefix: "cn.com.amazonaws",
  },
  "aws-us-gov": {
    partition: "aws-us-gov",
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
  },
};

export interface AvailabilityZone {
  /** e.g. `eu-west-1a`. */
  readonly name: string;
  /** e.g. `euw1-az3`: the same physical zone in every account. */
  readonly zoneId: string;
}

export interface Region {
  readonly code: string;
  readonly description: string;
  readonly partition: Partition;
  readonly zones: readonly AvailabilityZone[];
}

export const REGIONS: ReadonlyMap<string, Region> = new Map(
  TABLE.map(([code, description, partition, prefix, zones]) => [
    code,
    {
      code,
      description,
      partition: PARTITIONS[partition],
      zones: zones
        .split(" ")
        .map((z) => ({ name: `${code}${z[0]}`, zoneId: `${prefix}-az${z.slice(1)}` })),
    },
  ]),
);

/** Thrown for a region name the table does not know. */
export class UnknownRegionError extends Error {
  constructor(
    readonly region: string,
    readonly nearest: string[],
  ) {
    super(
      `unknown AWS region "${region}"` +
        (nearest.length ? `; did you mean ${nearest.map((n) => `"${n}"`).join(", ")}?` : "") +
        ` (known regions: ${[...REGIONS.keys()].join(", ")})`,
    );
    this.name = "UnknownRegionError";
  }
}

/** The known region names closest to `name` (edit distance), best first. */
export function nearestRegions(name: string, count = 3): string[] {
  return [...REGIONS.keys()]
    .map((code) => ({ code, d: editDistance(name.toLowerCase(), code) }))
    .sort((x, y) => x.d - y.d || (x.code < y.code ? -1 : 1))
    .slice(0, count)
    .map((x) => x.code);
}

/** The region, or an `UnknownRegionError` naming the nearest known ones. */
export function region(name: string): Region {
  const r = REGIONS.get(name);
  if (!r) throw new UnknownRegionError(name, nearestRegions(name));
  return r;
}

/**
 * Real regions the AWS provider names (the `Region` enum of @pulumi/aws 7.x: the European
 * Sovereign Cloud and the isolated partitions) that the table above has no zones for, because
 * AWS does not publish them: a name here is not a typo, only a region the check cannot model.
 */
export const UNMODELLED_REGIONS: ReadonlySet<string> = new Set([
  "eusc-de-east-1",
  "us-iso-east-1",
  "us-iso-west-1",
  "us-isob-east-1",
  "us-isob-west-1",
  "eu-isoe-west-1",
  "us-isof-east-1",
  "us-isof-south-1",
]);

/**
 * What is wrong with a stack's `aws:region` for an offline run, or undefined: a name no region
 * has (with the nearest ones), or a real region whose zones the check cannot model.
 */
export function awsRegionProblem(
  name: string,
  from: "stack file" | "project file" | "--config" = "stack file",
): string | undefined {
  if (REGIONS.has(name)) return undefined;
  if (UNMODELLED_REGIONS.has(name)) {
    return (
      `aws:region "${name}" is an AWS region whose zones the offline check has no data for (an ` +
      "isolated or sovereign partition); judge the program for a commercial region with " +
      "--config aws:region=<region> (never written anywhere)"
    );
  }
  const placeholder = templatePlaceholder(name);
  if (placeholder) {
    const why =
      from === "--config"
        ? "the value given with --config reached the check as it is (a quoted or unset " +
          "variable, or a step that did not fill it in). Give the region itself with " +
          "--config aws:region=<region>"
        : `the ${from} is a template a deployment tool fills in before Pulumi runs, and ` +
          "`pulumi preview` of the file as it is stops the same way. Give the region for this " +
          "run with --config aws:region=<region>";
    return `aws:region "${name}" is ${placeholder} that was never substituted, not an AWS region: ${why}`;
  }
  const nearest = nearestRegions(name);
  return (
    `aws:region "${name}" is not an AWS region` +
    (nearest.length ? `; did you mean ${nearest.join(", ")}?` : "")
  );
}
