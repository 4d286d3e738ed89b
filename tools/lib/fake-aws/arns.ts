// ARNs from the Service Authorization Reference's formats (see tools/fake-aws-data/arn-templates.ts),
// and EC2-style resource ids.
import { hex } from "./hash";
import { hasUnknown, UNKNOWN } from "./env";

/**
 * EC2 resource id prefixes (EC2 User Guide, "Resource IDs": a prefix, a hyphen and 17 hex
 * characters for resources created since 2018; the prefixes as the EC2 API Reference's
 * Describe* examples show them).
 */
export const EC2_ID_PREFIX: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc",
  "aws:ec2/defaultVpc:DefaultVpc": "vpc",
  "aws:ec2/subnet:Subnet": "subnet",
  "aws:ec2/defaultSubnet:DefaultSubnet": "subnet",
  "aws:ec2/securityGroup:SecurityGroup": "sg",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
  "aws:ec2/securityGroupRule:SecurityGroupRule": "sgrule",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
  "aws:ec2/routeTable:RouteTable": "rtb",
  "aws:ec2/defaultRouteTable:DefaultRouteTable": "rtb",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
  "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation": "rtbassoc",
  "aws:ec2/internetGateway:InternetGateway": "igw",
  "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": "eigw",
  "aws:ec2/natGateway:NatGateway": "nat",
  "aws:ec2/eip:Eip": "eipalloc",
  "aws:ec2/eipAssociation:EipAssociation": "eipassoc",
  "aws:ec2/instance:Instance": "i",
  "aws:ec2/spotInstanceRequest:SpotInstanceRequest": "sir",
  "aws:ec2/ami:Ami": "ami",
  "aws:ec2/amiCopy:AmiCopy": "ami",
  "aws:ec2/amiFromInstance:AmiFromInstance": "ami",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
  "aws:ec2/vpcEndpointService:VpcEndpointService": "vpce-svc",
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": "pcx",
  "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter": "pcx",
  "aws:ec2/networkAcl:NetworkAcl": "acl",
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": "acl",
  "aws:ec2/networkAclAssociation:NetworkAclAssociation": "aclassoc",
  "aws:ec2/launchTemplate:LaunchTemplate": "lt",
  "aws:ec2/flowLog:FlowLog": "fl",
  "aws:ec2/networkInterface:NetworkInterface": "eni",
  "aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment": "eni-attach",
  "aws:ebs/volume:Volume": "vol",
  "aws:ebs/snapshot:Snapshot": "snap",
  "aws:ebs/snapshotCopy:SnapshotCopy": "snap",
  "aws:ec2/vpcDhcpOptions:VpcDhcpOptions": "dopt",
  "aws:ec2/defaultVpcDhcpOptions:DefaultVpcDhcpOptions": "dopt",
  "aws:ec2/customerGateway:CustomerGateway": "cgw",
  "aws:ec2/vpnGateway:VpnGateway": "vgw",
  "aws:ec2/vpnConnection:VpnConnection": "vpn",
  "aws:ec2/managedPrefixList:ManagedPrefixList": "pl",
  "aws:ec2/placementGroup:PlacementGroup": "pg",
  "aws:ec2/capacityReservation:CapacityReservation": "cr",
  "aws:ec2/fleet:Fleet": "fleet",
  "aws:ec2/dedicatedHost:DedicatedHost": "h",
  "aws:ec2/keyPair:KeyPair": "key",
  "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation": "vpc-cidr-assoc",
  "aws:ec2/vpcIpam:VpcIpam": "ipam",
  "aws:ec2/vpcIpamPool:VpcIpamPool": "ipam-pool",
  "aws:ec2/vpcIpamScope:VpcIpamScope": "ipam-scope",
  "aws:ec2/trafficMirrorFilter:TrafficMirrorFilter": "tmf",
  "aws:ec2/trafficMirrorSession:TrafficMirrorSession": "tms",
  "aws:ec2/trafficMirrorTarget:TrafficMirrorTarget": "tmt",
  "aws:ec2transitgateway/transitGateway:TransitGateway": "tgw",
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": "tgw-attach",
  "aws:ec2transitgateway/peeringAttachment:PeeringAttachment": "tgw-attach",
  "aws:ec2transitgateway/routeTable:RouteTable": "tgw-rtb",
  "aws:ec2transitgateway/multicastDomain:MulticastDomain": "tgw-mcast-domain",
  "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint": "eice",
  "aws:ec2clientvpn/endpoint:Endpoint": "cvpn-endpoint",
};

/** An EC2-style id: `<prefix>-<17 hex>`. */
export function ec2Id(prefix: string, seed: string): string {
  return `${prefix}-${hex(seed, 17)}`;
}

/** What fills a template: the resource's own name and id, its inputs, the account. */
export interface ArnContext {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly seed: string;
  readonly inputs: Record<string, any>;
  /** Physical name, when the type has one. */
  readonly name?: string;
  readonly id: string;
}

function lowerFirst(s: string): string {
  return s[0].toLowerCase() + s.slice(1);
}

/** The last path segment of an ARN (`.../cluster/name` → `name`), or the value itself. */
export function lastSegment(v: string): string {
  return v.startsWith("arn:") ? (v.split(/[/:]/).pop() ?? v) : v;
}

/** A placeholder naming a parent (`ClusterName` in an ECS service ARN): from the inputs if given. */
function fromInputs(placeholder: string, inputs: Record<string, any>): string | undefined {
  const camel = lowerFirst(placeholder);
  const base = camel.replace(/(Name|Id|Arn)$/, "");
  for (const k of [camel, base, `${base}Name`, `${base}Id`, `${base}Arn`]) {
    const v = inputs[k];
    if (v === UNKNOWN) return UNKNOWN;
    if (typeof v === "string" && v) return lastSegment(v);
  }
  return undefined;
}

/**
 * Fills an ARN format. The last placeholder is the resource itself (its path-qualified name for
 * IAM, its name or its id), the ones before it its parents (from the inputs, else made up).
 * `UNKNOWN` if anything it needs is unknown.
 */
export function fillArn(template: string, c: ArnContext): string {
  const holders = [...template.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((m) => m[1]);
  const own = holders.filter((h) => !["Partition", "Region", "Account"].includes(h)).pop();
  let unknown = false;
  const out = template.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, h: string) => {
    let v: string | undefined;
    if (h === "Partition") v = c.partition;
    else if (h === "Region") v = c.region;
    else if (h === "Account") v = c.account;
    else if (h === own) v = ownValue(h, c);
    else if (/RevisionNumber$|Version$/.test(h)) v = "1";
    else
      v =
        fromInputs(h, c.inputs) ??
        `${lowerFirst(h).replace(/(Name|Id)$/, "")}-${hex(c.seed + h, 8)}`;
    if (v === UNKNOWN || hasUnknown(v)) unknown = true;
    return v;
  });
  return unknown ? UNKNOWN : out;
}

function ownValue(h: string, c: ArnContext): string {
  if (h.endsWith("NameWithPath")) {
    const path = typeof c.inputs.path === "string" ? c.inputs.path : "/";
    return path === UNKNOWN ? UNKNOWN : `${path.replace(/^\//, "")}${c.name ?? c.id}`;
  }
  if (/(Id|ID|UUID|Token)$/.test(h)) return c.id;
  return c.name ?? c.id;
}

/** An ARN for a type no format matched: `arn:<p>:<service>:<region>:<account>:<kind>/<id>`. */
export function genericArn(service: string, kind: string, c: ArnContext): string {
  const id = c.name ?? c.id;
  return id === UNKNOWN
    ? UNKNOWN
    : `arn:${c.partition}:${service}:${c.region}:${c.account}:${kind}/${id}`;
}
