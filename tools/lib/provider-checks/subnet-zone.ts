// A subnet placed in an Availability Zone of another region than the one the provider creates it
// in: AWS refuses it when the provider creates the subnet at `pulumi up` (`by: "aws"`).
// CreateSubnet, `AvailabilityZone`: "The Availability Zone or Local Zone for the subnet"; a
// request goes to one region's endpoint, and a zone belongs to one region. A zone's name is its
// region's followed by a letter (us-west-2a), or, for a Local Zone or Wavelength Zone, by a hyphen
// and the zone's own part (us-west-2-lax-1a, us-east-1-wl1-bos-wlz-1): "Regions and Zones", EC2
// User Guide. The provider's schema takes any string, and a preview never calls EC2. The region is
// the subnet's own, its provider's, or on the default provider the stack's (./created-in.ts); a
// subnet is judged only when both its zone and its region are known and not secret. Zone ids
// (`usw2-az1`) are not judged: AWS documents no rule that derives a region from an id.
import type { EngineResource } from "../engine/monitor";
import { containsUnknown, isSecret } from "../engine/wire";
import { createdWithRegion } from "./created-in";
import type { Refusal } from "./refusal";

const SUBNET = "aws:ec2/subnet:Subnet";

const CREATE_SUBNET =
  "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html";

/** A zone's name: its region, then a letter or a hyphen and the Local/Wavelength Zone's part. */
const ZONE_NAME = /^([a-z]{2}(?:-[a-z]+)+-\d+)(?:[a-z]|-[a-z0-9-]+)$/;

/** The region a zone name belongs to, or undefined when the value is no zone name. */
export function zoneRegion(zone: string): string | undefined {
  return ZONE_NAME.exec(zone)?.[1];
}

/** The subnets of one run placed in a zone of another region than the one they are created in. */
export function subnetsInAnotherRegion(
  resources: readonly EngineResource[],
  stackRegion: string | undefined,
): Refusal[] {
  const out: Refusal[] = [];
  const subnets = createdWithRegion(resources, (type) => type === SUBNET, stackRegion);
  for (const { resource: r, inputs, where } of subnets) {
    // A secret zone is not judged: the refusal would write it out (a secret region is unknown).
    if (isSecret((r.inputs as Record<string, unknown>).availabilityZone)) continue;
    const zone = inputs.availabilityZone;
    if (typeof zone !== "string" || containsUnknown(zone)) continue;
    const zoneIn = zoneRegion(zone);
    if (!zoneIn || !where || zoneIn === where.region) continue;
    out.push({
      resource: r,
      prop: "availabilityZone",
      value: zone,
      says: [
        `AvailabilityZone ${zone} is a zone of ${zoneIn}, but the subnet is created in ${where.region} (${where.from}): a subnet's zone is one of its region's`,
      ],
      fix:
        `a zone of ${where.region} (e.g. ${where.region}a, or one from aws.getAvailabilityZones()), ` +
        `or create the subnet and its VPC in ${zoneIn} (a provider of that region, or \`region: "${zoneIn}"\`)`,
      source: CREATE_SUBNET,
      by: "aws",
      autoNamed: false,
    });
  }
  return out;
}
