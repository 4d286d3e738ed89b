// VPC and EC2 policies: no default route from compute subnets (core, mandatory), security groups,
// NACLs, flow logs, the default security group, subnets, VPC endpoints and EC2 instances.
//
// Cross-resource rules are stack policies over the network model in ../../lib/network/, built once
// per stack. Values unknown at preview never pass silently: resource policies let the unknown
// proxy throw, stack policies run each resource's part in `ctx.each`.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Rule modules are imported in the order of `policies` below (the order the catalog keeps).
import {
  computeSubnetNoDefaultRoute,
  computeSubnetRoutingVerifiable,
  routePeeringNotDefault,
} from "./routes";
import {
  sgDescription,
  sgEgressRestricted,
  sgNoAdminPortsPublic,
  sgNoPublicIngress,
  sgNoRuleManagementConflicts,
} from "./security-groups";
import { defaultSgNoRules, subnetNoPublicIpOnLaunch, vpcFlowLogsEnabled } from "./vpc";
import { naclNoAllPortsPublicIngress, naclNoUnrestrictedAdminPorts } from "./nacl";
import { vpcEndpointPolicy } from "./endpoints";
import { instanceImdsHopLimit, instanceImdsV2, instanceNoPublicIp } from "./instances";
import { ebsEncryptionByDefault, ebsVolumeEncrypted, instanceEbsEncrypted } from "./ebs";
import {
  instanceDetailedMonitoring,
  instanceNoSecretsInUserData,
  instanceProfileAttached,
} from "./instance-settings";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  computeSubnetNoDefaultRoute,
  computeSubnetRoutingVerifiable,
  routePeeringNotDefault,
  sgNoPublicIngress,
  sgNoAdminPortsPublic,
  sgEgressRestricted,
  sgDescription,
  sgNoRuleManagementConflicts,
  defaultSgNoRules,
  vpcFlowLogsEnabled,
  subnetNoPublicIpOnLaunch,
  naclNoUnrestrictedAdminPorts,
  naclNoAllPortsPublicIngress,
  vpcEndpointPolicy,
  instanceImdsV2,
  instanceImdsHopLimit,
  instanceNoPublicIp,
  instanceEbsEncrypted,
  ebsVolumeEncrypted,
  ebsEncryptionByDefault,
  instanceDetailedMonitoring,
  instanceProfileAttached,
  instanceNoSecretsInUserData,
];
