// VPC policies: no default route from compute subnets (core, mandatory; tables built for private
// egress that no subnet of the stack uses yet are advisory, ./route-egress.ts), security groups,
// NACLs, flow logs, the default security group, subnets, VPC endpoints and the EC2 Instance
// Connect Endpoint. EC2 instances and their volumes are the compute policies' (../compute).
//
// Cross-resource rules are stack policies over the network model in ../../lib/network/, built once
// per stack. Values unknown at preview never pass silently: resource policies let the unknown
// proxy throw, stack policies run each resource's part in `ctx.each`.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  computeSubnetNoDefaultRoute,
  computeSubnetRoutingVerifiable,
  routePeeringNotDefault,
} from "./routes";
import { routeTablePrivateEgress } from "./route-egress";
import {
  sgDescription,
  sgEgressRestricted,
  sgNoAdminPortsPublic,
  sgNoPublicIngress,
  sgNoRuleManagementConflicts,
} from "./security-groups";
import {
  defaultSgNoRules,
  noDefaultVpc,
  subnetNoPublicIpOnLaunch,
  vpcFlowLogsEnabled,
} from "./vpc";
import { naclNoAllPortsPublicIngress, naclNoUnrestrictedAdminPorts } from "./nacl";
import { vpcEndpointPolicy } from "./endpoints";
import { instanceConnectEndpointSecurityGroups } from "./instance-connect";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  computeSubnetNoDefaultRoute,
  computeSubnetRoutingVerifiable,
  routePeeringNotDefault,
  routeTablePrivateEgress,
  sgNoPublicIngress,
  sgNoAdminPortsPublic,
  sgEgressRestricted,
  sgDescription,
  sgNoRuleManagementConflicts,
  defaultSgNoRules,
  vpcFlowLogsEnabled,
  subnetNoPublicIpOnLaunch,
  noDefaultVpc,
  naclNoUnrestrictedAdminPorts,
  naclNoAllPortsPublicIngress,
  vpcEndpointPolicy,
  instanceConnectEndpointSecurityGroups,
];
