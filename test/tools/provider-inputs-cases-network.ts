// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: VPC netmask lengths and secondary blocks (rules-vpc.ts), a subnet's
// block size and network ACL rule numbers AWS refuses at create (rules-create-network.ts).

const VPC = "aws:ec2/vpc:Vpc";
const ASSOCIATION = "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation";
export const SUBNET = "aws:ec2/subnet:Subnet";
export const NACL = "aws:ec2/networkAcl:NetworkAcl";
export const DEFAULT_NACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl";
export const NACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";

/** A network ACL's inline rule numbered `ruleNo`: HTTPS from the VPC. */
export const entry = (ruleNo: unknown) => ({
  ruleNo,
  protocol: "tcp",
  action: "allow",
  cidrBlock: "10.16.0.0/16",
  fromPort: 443,
  toPort: 443,
});

/** The IPAM variant of a VPC: a pool and a netmask length instead of a block. */
const IPAM = { cidrBlock: undefined, ipv4IpamPoolId: "ipam-pool-1", ipv4NetmaskLength: 28 };

/** The inputs added to the first files' compliant resources, each at a bound AWS accepts. */
export const NETWORK_COMPLIANT: Record<string, Record<string, unknown>> = {
  [ASSOCIATION]: { vpcId: "vpc-1", cidrBlock: "100.64.0.0/16" },
  // A /28 subnet, the smallest AWS creates.
  [SUBNET]: { cidrBlock: "10.16.3.240/28" },
  [NACL]: { vpcId: "vpc-1", ingress: [entry(1)], egress: [entry(32766)] },
  [DEFAULT_NACL]: { defaultNetworkAclId: "acl-1", ingress: [entry(32766)], egress: [entry(1)] },
  [NACL_RULE]: { ruleNumber: 32766 },
};

type Case = [string, string, unknown, string, Record<string, unknown>?];

/** Broken inputs, as BROKEN of provider-inputs-cases.ts. */
export const NETWORK_BROKEN: Case[] = [
  [
    VPC,
    "ipv4NetmaskLength",
    29,
    "expected ipv4_netmask_length to be in the range (16 - 28), got 29",
    IPAM,
  ],
  [VPC, "ipv4NetmaskLength", 15, "to be in the range (16 - 28), got 15", IPAM],
  [ASSOCIATION, "ipv4NetmaskLength", 8, "in the range (16 - 28), got 8", { cidrBlock: undefined }],
  [ASSOCIATION, "cidrBlock", "100.64.0.0/29", "between 16 and 28 significant bits, got: 29"],
  [
    ASSOCIATION,
    "cidrBlock",
    "100.64.0.1/16",
    "expected cidr_block to contain a valid network Value",
  ],
  // AWS's limits, at create: the provider passes each.
  [SUBNET, "cidrBlock", "10.16.3.248/29", "a subnet's IPv4 block is /16 (65,536 addresses) to /28"],
  [SUBNET, "cidrBlock", "10.0.0.0/15", "CidrBlock 10.0.0.0/15: a subnet's IPv4 block is /16"],
  [
    NACL_RULE,
    "ruleNumber",
    32767,
    "RuleNumber 32767: network ACL rule numbers run from 1 to 32766 (32767 to 65535 are reserved",
  ],
  [NACL_RULE, "ruleNumber", 0, "RuleNumber 0: network ACL rule numbers run from 1 to 32766"],
  [
    NACL,
    "ingress",
    [entry(100), entry(0)],
    "RuleNumber 0: network ACL rule numbers run from 1 to 32766",
  ],
  [
    NACL,
    "egress",
    [entry(65535)],
    "RuleNumber 65535: network ACL rule numbers run from 1 to 32766",
  ],
  [DEFAULT_NACL, "ingress", [entry(40000)], "RuleNumber 40000"],
  [DEFAULT_NACL, "egress", [entry(-1)], "RuleNumber -1"],
];
