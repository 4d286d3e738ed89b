// VPCs and subnets: IPv4 and IPv6 CIDR blocks that are the network address of their block (the
// provider's `verify.ValidIPv4CIDRNetworkAddress` and `ValidIPv6CIDRNetworkAddress`), a VPC's
// IPv4 block (and a secondary one) from /16 to /28 (`validation.IsCIDRNetwork(16, 28)`, which
// checks the network address too) or an IPAM netmask length in that range, tenancy, a subnet's Outpost ARN, and the inputs the provider takes one of: a CIDR
// block or an IPAM netmask length, an availability zone or its id. Neither type takes a name, so
// no auto-name is judged. Each entry names the provider file that declares it.
import { conflictsWith, CrossRule, InputRule } from "./rule";
import { intBetween, LOWER_SNAKE, oneOfGrowing, validARN, Validator } from "./validators";
import { ipv4Cidr, ipv6Cidr } from "./validators-formats";

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const VPC_FILE = "internal/service/ec2/vpc_.go";
const ASSOCIATION = "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation";
const ASSOCIATION_FILE = "internal/service/ec2/vpc_ipv4_cidr_block_association.go";
const SUBNET_FILE = "internal/service/ec2/vpc_subnet.go";

/**
 * validation.IsCIDRNetwork(min, max): an IPv4 block that is its own network address (as ipv4Cidr
 * judges it), with a prefix of `min` to `max` bits, in that helper's words.
 */
function cidrNetwork(min: number, max: number): Validator {
  return (v, k) => {
    if (typeof v !== "string") return [];
    const problem = ipv4Cidr(v, k)[0];
    if (problem) return [`expected ${k} to contain a valid network Value: ${problem}`];
    const bits = Number(v.split("/")[1]);
    return bits < min || bits > max
      ? [
          `expected ${k} to contain a network Value with between ${min} and ${max} significant bits, got: ${bits}`,
        ]
      : [];
  };
}

const CIDR_FIX = "the block's network address, e.g. 10.0.0.0/16 (not 10.0.0.1/16)";

export const VPC_RULES: readonly InputRule[] = [
  {
    type: VPC,
    prop: "cidrBlock",
    attr: "cidr_block",
    validate: cidrNetwork(16, 28),
    fix: `${CIDR_FIX}, from /16 to /28`,
    source: VPC_FILE,
  },
  // `validation.IntBetween(vpcCIDRMinIPv4Netmask, vpcCIDRMaxIPv4Netmask)`: 16 to 28.
  ...[
    [VPC, VPC_FILE],
    [ASSOCIATION, ASSOCIATION_FILE],
  ].map(([type, source]): InputRule => ({
    type,
    prop: "ipv4NetmaskLength",
    attr: "ipv4_netmask_length",
    validate: intBetween(16, 28),
    fix: "a netmask length from 16 to 28",
    source,
  })),
  {
    type: ASSOCIATION,
    prop: "cidrBlock",
    attr: "cidr_block",
    validate: cidrNetwork(16, 28),
    fix: `${CIDR_FIX}, from /16 to /28`,
    source: ASSOCIATION_FILE,
  },
  {
    type: VPC,
    prop: "ipv6CidrBlock",
    attr: "ipv6_cidr_block",
    validate: ipv6Cidr,
    fix: "the block's network address, e.g. 2600:1f14:abc:de00::/56",
    source: VPC_FILE,
  },
  {
    // `host` is an AWS SDK value newer providers take from the enumeration: lower-case words pass.
    type: VPC,
    prop: "instanceTenancy",
    attr: "instance_tenancy",
    validate: oneOfGrowing(["default", "dedicated"], LOWER_SNAKE),
    fix: "default or dedicated, in lower case",
    source: VPC_FILE,
  },
  {
    type: SUBNET,
    prop: "cidrBlock",
    attr: "cidr_block",
    validate: ipv4Cidr,
    fix: CIDR_FIX,
    source: SUBNET_FILE,
  },
  {
    type: SUBNET,
    prop: "ipv6CidrBlock",
    attr: "ipv6_cidr_block",
    validate: ipv6Cidr,
    fix: "the block's network address, e.g. 2600:1f14:abc:de01::/64",
    source: SUBNET_FILE,
  },
  {
    type: SUBNET,
    prop: "outpostArn",
    attr: "outpost_arn",
    validate: validARN,
    fix: "the Outpost's ARN, not its id",
    source: SUBNET_FILE,
  },
];

export const VPC_CROSS_RULES: readonly CrossRule[] = [
  conflictsWith(
    VPC,
    ["cidrBlock", "cidr_block"],
    ["ipv4NetmaskLength", "ipv4_netmask_length"],
    VPC_FILE,
  ),
  conflictsWith(
    SUBNET,
    ["availabilityZone", "availability_zone"],
    ["availabilityZoneId", "availability_zone_id"],
    SUBNET_FILE,
  ),
];
