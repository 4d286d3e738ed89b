// Where a host may run: not every Availability Zone offers every instance type, and RunInstances
// in a zone that lacks the type fails with "Your requested instance type is not supported in your
// requested Availability Zone" (AWS Knowledge Center, https://repost.aws/knowledge-center/
// ec2-instance-type-not-supported-az-error: find the zones with describe-instance-type-offerings,
// location type availability-zone-id, since zone names map to different zones per account). The
// Pulumi AWS provider's aws.ec2.getInstanceTypeOfferings makes that call and returns parallel
// `instanceTypes`, `locations` and `locationTypes` lists (pulumi.com/registry/packages/aws/api-docs/
// ec2/getinstancetypeofferings). A host takes the first of its candidate subnets whose zone offers
// its type.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The subnets a host may go in, in order of preference, each with its zone's AZ ID. */
export interface SubnetChoices {
  /** Candidate subnets; the first whose zone offers the instance type wins. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** AZ ID of each candidate (e.g. "euw1-az1"), in the same order. */
  readonly zoneIds: readonly pulumi.Input<string>[];
  /**
   * What to change when no candidate's zone offers the type, e.g. 'set platform:tunnelInstanceType
   * to a type the region offers'. Defaults to choosing another instance type or region.
   */
  readonly fix?: string;
}

/** The AZ IDs of the region that offer `instanceType` (EC2 DescribeInstanceTypeOfferings). */
export function zonesOffering(
  instanceType: string,
  opts: pulumi.InvokeOutputOptions,
): pulumi.Output<string[]> {
  return (
    aws.ec2
      .getInstanceTypeOfferingsOutput(
        {
          locationType: "availability-zone-id",
          filters: [{ name: "instance-type", values: [instanceType] }],
        },
        opts,
      )
      // No offering is no error: the data source returns empty lists (hashicorp/terraform-provider-aws,
      // internal/service/ec2/ec2_instance_type_offerings_data_source.go), which may arrive unset.
      .apply((r) =>
        (r.locations ?? []).filter((_, i) => (r.instanceTypes ?? [])[i] === instanceType),
      )
  );
}

/**
 * The index of the first candidate zone that offers the type (or every one of the types of hosts
 * that must sit together). Pure: a zone that keeps offering the type keeps its host (the order of
 * `offered` means nothing). Throws naming the host, the types, the zones and the fix when none does.
 */
export function firstOfferingIndex(
  host: string,
  instanceTypes: string | readonly string[],
  zoneIds: readonly string[],
  offered: readonly string[],
  fix?: string,
): number {
  const i = zoneIds.findIndex((z) => offered.includes(z));
  if (i >= 0) return i;
  const types = typeof instanceTypes === "string" ? [instanceTypes] : instanceTypes;
  const where = offered.length > 0 ? `only in ${[...offered].sort().join(", ")}` : "in no zone";
  const what =
    types.length === 1
      ? `instance type ${types[0]} is not offered in the zones it may use (${zoneIds.join(", ")}); ` +
        `the region offers it ${where}`
      : `no zone it may use (${zoneIds.join(", ")}) offers all of the instance types ` +
        `${types.join(", ")}; the region offers them together ${where}`;
  throw new Error(
    `${host}: ${what} (EC2 DescribeInstanceTypeOfferings). ` +
      `${fix ?? "Choose another instance type or region"}.`,
  );
}

/** The chosen candidate: its subnet and AZ ID. */
export interface Placement {
  readonly subnetId: pulumi.Output<string>;
  readonly zoneId: pulumi.Output<string>;
}

/** The AZ IDs in every one of `offers` (one list per instance type). */
export function zonesOfferingAll(offers: readonly (readonly string[])[]): string[] {
  const [first = [], ...rest] = offers;
  return first.filter((z) => rest.every((o) => o.includes(z)));
}

/** Throws naming `host` unless there is at least one candidate and one AZ ID per candidate. */
export function checkSubnetChoices(host: string, choices: SubnetChoices): void {
  if (choices.subnetIds.length === 0 || choices.subnetIds.length !== choices.zoneIds.length) {
    throw new Error(
      `${host}: give one AZ ID per candidate subnet (${choices.subnetIds.length} subnets, ${choices.zoneIds.length} zone IDs)`,
    );
  }
}

/**
 * The first candidate subnet whose zone offers every one of `instanceTypes` (one type, or the
 * types of all the hosts that must sit together). No resource is created here: the choice is an
 * index into the candidates, so a host stays where it is while its zone offers its type. The
 * chosen subnet carries every candidate as a dependency (the index is only known from the
 * look-up), so policies that follow the subnet check all candidates: give candidates of one tier.
 */
export function placeHost(
  host: string,
  instanceTypes: string | readonly string[],
  choices: SubnetChoices,
  opts: pulumi.InvokeOutputOptions,
): Placement {
  checkSubnetChoices(host, choices);
  const types = typeof instanceTypes === "string" ? [instanceTypes] : [...instanceTypes];
  const index = pulumi
    .all([pulumi.all(types.map((t) => zonesOffering(t, opts))), pulumi.all([...choices.zoneIds])])
    .apply(([offers, zoneIds]) =>
      firstOfferingIndex(host, types, zoneIds, zonesOfferingAll(offers), choices.fix),
    );
  const pick = (list: readonly pulumi.Input<string>[]) =>
    list.length === 1
      ? pulumi.all([index, list[0]]).apply(([, v]) => v)
      : pulumi.all([index, pulumi.all([...list])]).apply(([i, all]) => all[i]);
  return { subnetId: pick(choices.subnetIds), zoneId: pick(choices.zoneIds) };
}
