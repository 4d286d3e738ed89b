// Resource type tokens of EC2 (images, instances, launch settings, and the VPC networking the
// routing and exposure rules read: VPCs, subnets, route tables, gateways, endpoints, security
// groups, network ACLs), with the groupings of a VPC's security groups and network ACLs, apart
// from ./types.ts to keep each file short. Re-exported by ./types.ts: import them from there.

export const EC2_AMI = "aws:ec2/ami:Ami";
export const EC2_AMI_COPY = "aws:ec2/amiCopy:AmiCopy";
export const EC2_AMI_LAUNCH_PERMISSION = "aws:ec2/amiLaunchPermission:AmiLaunchPermission";
export const EC2_IMAGE_BLOCK_PUBLIC_ACCESS =
  "aws:ec2/imageBlockPublicAccess:ImageBlockPublicAccess";
export const EC2_DEFAULT_NETWORK_ACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl";
export const EC2_DEFAULT_ROUTE_TABLE = "aws:ec2/defaultRouteTable:DefaultRouteTable";
export const EC2_DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
export const EC2_EGRESS_ONLY_INTERNET_GATEWAY =
  "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway";
export const EC2_EIP = "aws:ec2/eip:Eip";
export const EC2_EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation";
export const EC2_FLOW_LOG = "aws:ec2/flowLog:FlowLog";
export const EC2_INSTANCE = "aws:ec2/instance:Instance";
export const EC2_SPOT_INSTANCE_REQUEST = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
export const EC2_INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";
export const EC2_LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
export const EC2_LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const EC2_MAIN_ROUTE_TABLE_ASSOCIATION =
  "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation";
export const EC2_MANAGED_PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
export const EC2_MANAGED_PREFIX_LIST_ENTRY =
  "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry";
export const EC2_NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
export const EC2_NETWORK_ACL = "aws:ec2/networkAcl:NetworkAcl";
export const EC2_NETWORK_ACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";
export const EC2_NETWORK_INTERFACE = "aws:ec2/networkInterface:NetworkInterface";
export const EC2_ROUTE = "aws:ec2/route:Route";
export const EC2_ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
export const EC2_ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
export const EC2_SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const EC2_SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const EC2_SNAPSHOT_CREATE_VOLUME_PERMISSION =
  "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission";
export const EC2_SUBNET = "aws:ec2/subnet:Subnet";
export const EC2_VPC = "aws:ec2/vpc:Vpc";
export const EC2_VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
export const EC2_VPC_ENDPOINT_POLICY = "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy";
export const EC2_VPC_ENDPOINT_SERVICE = "aws:ec2/vpcEndpointService:VpcEndpointService";
export const EC2_VPC_ENDPOINT_SERVICE_ALLOWED_PRINCIPLE =
  "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple";
export const EC2_VPC_PEERING_CONNECTION = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection";
export const EC2_VPN_GATEWAY = "aws:ec2/vpnGateway:VpnGateway";
export const EC2_VPN_GATEWAY_ROUTE_PROPAGATION =
  "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation";
export const EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT =
  "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint";
export const VPC_SECURITY_GROUP_EGRESS_RULE =
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const VPC_SECURITY_GROUP_INGRESS_RULE =
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

/** A VPC's security groups, its default one included. */
export const SECURITY_GROUP_TYPES: readonly string[] = [
  EC2_SECURITY_GROUP,
  EC2_DEFAULT_SECURITY_GROUP,
];
/** A VPC's network ACLs, its default one included. */
export const NACL_TYPES: readonly string[] = [EC2_NETWORK_ACL, EC2_DEFAULT_NETWORK_ACL];
