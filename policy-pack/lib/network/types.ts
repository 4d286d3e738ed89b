// Resource type tokens of the network model and the words findings use for them: `label(r)` gives
// `subnet "compute-a"`, `names(rs)` a short list of logical names.
import type { PolicyResource } from "@pulumi/policy";

/** Type tokens used by the network policies. */
export const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
  route: "aws:ec2/route:Route",
  routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  mainRouteTableAssociation: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
  vpnGatewayRoutePropagation: "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation",
  internetGateway: "aws:ec2/internetGateway:InternetGateway",
  egressOnlyInternetGateway: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
  natGateway: "aws:ec2/natGateway:NatGateway",
  vpnGateway: "aws:ec2/vpnGateway:VpnGateway",
  managedPrefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
  managedPrefixListEntry: "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  alb: "aws:alb/loadBalancer:LoadBalancer",
  elb: "aws:elb/loadBalancer:LoadBalancer",
  instance: "aws:ec2/instance:Instance",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  networkInterface: "aws:ec2/networkInterface:NetworkInterface",
  ecsService: "aws:ecs/service:Service",
  ecsTaskSet: "aws:ecs/taskSet:TaskSet",
  lambda: "aws:lambda/function:Function",
  codebuild: "aws:codebuild/project:Project",
  asg: "aws:autoscaling/group:Group",
  eksNodeGroup: "aws:eks/nodeGroup:NodeGroup",
  eksFargateProfile: "aws:eks/fargateProfile:FargateProfile",
  batchComputeEnvironment: "aws:batch/computeEnvironment:ComputeEnvironment",
  redshiftServerlessWorkgroup: "aws:redshiftserverless/workgroup:Workgroup",
  flowLog: "aws:ec2/flowLog:FlowLog",
  networkAcl: "aws:ec2/networkAcl:NetworkAcl",
  defaultNetworkAcl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
  networkAclRule: "aws:ec2/networkAclRule:NetworkAclRule",
  vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  vpcEndpointPolicy: "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy",
  ebsVolume: "aws:ebs/volume:Volume",
  ebsEncryptionByDefault: "aws:ebs/encryptionByDefault:EncryptionByDefault",
  ebsDefaultKmsKey: "aws:ebs/defaultKmsKey:DefaultKmsKey",
  eip: "aws:ec2/eip:Eip",
  eipAssociation: "aws:ec2/eipAssociation:EipAssociation",
} as const;

export const LOAD_BALANCER_TYPES: readonly string[] = [T.lb, T.alb, T.elb];
export const SECURITY_GROUP_TYPES: readonly string[] = [T.securityGroup, T.defaultSecurityGroup];
export const NACL_TYPES: readonly string[] = [T.networkAcl, T.defaultNetworkAcl];

/** Words for each type, as findings name it. */
export const KIND: Record<string, string> = {
  [T.vpc]: "VPC",
  [T.subnet]: "subnet",
  [T.routeTable]: "route table",
  [T.defaultRouteTable]: "default route table",
  [T.route]: "route",
  [T.routeTableAssociation]: "route table association",
  [T.mainRouteTableAssociation]: "main route table association",
  [T.securityGroup]: "security group",
  [T.defaultSecurityGroup]: "default security group",
  [T.securityGroupRule]: "security group rule",
  [T.ingressRule]: "ingress rule",
  [T.egressRule]: "egress rule",
  [T.instance]: "EC2 instance",
  [T.launchTemplate]: "launch template",
  [T.networkInterface]: "network interface",
  [T.ecsService]: "ECS service",
  [T.ecsTaskSet]: "ECS task set",
  [T.lambda]: "Lambda function",
  [T.codebuild]: "CodeBuild project",
  [T.asg]: "Auto Scaling group",
  [T.eksNodeGroup]: "EKS node group",
  [T.eksFargateProfile]: "EKS Fargate profile",
  [T.batchComputeEnvironment]: "Batch compute environment",
  [T.redshiftServerlessWorkgroup]: "Redshift Serverless workgroup",
  [T.internetGateway]: "internet gateway",
  [T.egressOnlyInternetGateway]: "egress-only internet gateway",
  [T.natGateway]: "NAT gateway",
  [T.vpnGateway]: "virtual private gateway",
  [T.flowLog]: "flow log",
  [T.networkAcl]: "network ACL",
  [T.defaultNetworkAcl]: "default network ACL",
  [T.networkAclRule]: "network ACL rule",
  [T.vpcEndpoint]: "VPC endpoint",
  [T.lb]: "load balancer",
  [T.alb]: "load balancer",
  [T.elb]: "classic load balancer",
};

/** `subnet "compute-a"`: the kind of resource and its logical name. */
export function label(r: PolicyResource): string {
  return `${KIND[r.type] ?? r.type} "${r.name}"`;
}

/** `"a", "b", "c" and 4 more`: a short list of logical names for messages. */
export function names(rs: readonly PolicyResource[], max = 3): string {
  const shown = rs
    .slice(0, max)
    .map((r) => `"${r.name}"`)
    .join(", ");
  return rs.length > max ? `${shown} and ${rs.length - max} more` : shown;
}
