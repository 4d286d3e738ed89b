// The words network findings use for resources: `label(r)` gives `subnet "compute-a"`, `names(rs)`
// a short list of logical names.
import type { PolicyResource } from "@pulumi/policy";
import {
  ALB_LOAD_BALANCER,
  AUTOSCALING_GROUP,
  BATCH_COMPUTE_ENVIRONMENT,
  CODEBUILD_PROJECT,
  EC2_DEFAULT_NETWORK_ACL,
  EC2_DEFAULT_ROUTE_TABLE,
  EC2_DEFAULT_SECURITY_GROUP,
  EC2_EGRESS_ONLY_INTERNET_GATEWAY,
  EC2_FLOW_LOG,
  EC2_INSTANCE,
  EC2_SPOT_INSTANCE_REQUEST,
  EC2_SPOT_FLEET_REQUEST,
  EC2_FLEET,
  EC2_INTERNET_GATEWAY,
  EC2_LAUNCH_TEMPLATE,
  EC2_MAIN_ROUTE_TABLE_ASSOCIATION,
  EC2_NAT_GATEWAY,
  EC2_NETWORK_ACL,
  EC2_NETWORK_ACL_RULE,
  EC2_NETWORK_INTERFACE,
  EC2_ROUTE,
  EC2_ROUTE_TABLE,
  EC2_ROUTE_TABLE_ASSOCIATION,
  EC2_SECURITY_GROUP,
  EC2_SECURITY_GROUP_RULE,
  EC2_SUBNET,
  EC2_VPC,
  EC2_VPC_ENDPOINT,
  EC2_VPN_GATEWAY,
  ECS_SERVICE,
  ECS_TASK_SET,
  EKS_FARGATE_PROFILE,
  EKS_NODE_GROUP,
  ELB_LOAD_BALANCER,
  LAMBDA_FUNCTION,
  LB_LOAD_BALANCER,
  REDSHIFTSERVERLESS_WORKGROUP,
  VPC_SECURITY_GROUP_EGRESS_RULE,
  VPC_SECURITY_GROUP_INGRESS_RULE,
} from "../types";

/** Words for each type, as findings name it. */
export const KIND: Record<string, string> = {
  [EC2_VPC]: "VPC",
  [EC2_SUBNET]: "subnet",
  [EC2_ROUTE_TABLE]: "route table",
  [EC2_DEFAULT_ROUTE_TABLE]: "default route table",
  [EC2_ROUTE]: "route",
  [EC2_ROUTE_TABLE_ASSOCIATION]: "route table association",
  [EC2_MAIN_ROUTE_TABLE_ASSOCIATION]: "main route table association",
  [EC2_SECURITY_GROUP]: "security group",
  [EC2_DEFAULT_SECURITY_GROUP]: "default security group",
  [EC2_SECURITY_GROUP_RULE]: "security group rule",
  [VPC_SECURITY_GROUP_INGRESS_RULE]: "ingress rule",
  [VPC_SECURITY_GROUP_EGRESS_RULE]: "egress rule",
  [EC2_INSTANCE]: "EC2 instance",
  [EC2_SPOT_INSTANCE_REQUEST]: "Spot instance request",
  [EC2_SPOT_FLEET_REQUEST]: "Spot fleet request",
  [EC2_FLEET]: "EC2 Fleet",
  [EC2_LAUNCH_TEMPLATE]: "launch template",
  [EC2_NETWORK_INTERFACE]: "network interface",
  [ECS_SERVICE]: "ECS service",
  [ECS_TASK_SET]: "ECS task set",
  [LAMBDA_FUNCTION]: "Lambda function",
  [CODEBUILD_PROJECT]: "CodeBuild project",
  [AUTOSCALING_GROUP]: "Auto Scaling group",
  [EKS_NODE_GROUP]: "EKS node group",
  [EKS_FARGATE_PROFILE]: "EKS Fargate profile",
  [BATCH_COMPUTE_ENVIRONMENT]: "Batch compute environment",
  [REDSHIFTSERVERLESS_WORKGROUP]: "Redshift Serverless workgroup",
  [EC2_INTERNET_GATEWAY]: "internet gateway",
  [EC2_EGRESS_ONLY_INTERNET_GATEWAY]: "egress-only internet gateway",
  [EC2_NAT_GATEWAY]: "NAT gateway",
  [EC2_VPN_GATEWAY]: "virtual private gateway",
  [EC2_FLOW_LOG]: "flow log",
  [EC2_NETWORK_ACL]: "network ACL",
  [EC2_DEFAULT_NETWORK_ACL]: "default network ACL",
  [EC2_NETWORK_ACL_RULE]: "network ACL rule",
  [EC2_VPC_ENDPOINT]: "VPC endpoint",
  [LB_LOAD_BALANCER]: "load balancer",
  [ALB_LOAD_BALANCER]: "load balancer",
  [ELB_LOAD_BALANCER]: "classic load balancer",
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
