// The @pulumi/aws-native network types and their classic twins (see ./twins.ts): VPCs, subnets,
// route tables, routes and their associations and gateways (the default-route rule), security
// groups and their rules with load balancers (the public-ingress rules), and compute placed in
// subnets (Auto Scaling groups and launch templates: ./twins-launches.ts). Property names from
// the aws-native schema (pulumi/pulumi-aws-native sdk/nodejs/<module>/<type>.ts; CloudFormation's,
// camelCased).
import * as t from "../types";
import * as n from "./types";
import { asList, present, flagOn } from "../values";
import type { Twin } from "./twins";
import { classicBlock } from "./classic-props";
import { LAUNCH_TEMPLATE_SPEC } from "./twins-launches";
import { lbAccessLogs, lbAttribute, lbFlag, lbSettings, listenerActions } from "./load-balancers";
import { inlineSgRules } from "./sg-rules";

/** Root device names of AMIs (Amazon Linux /dev/xvda; Ubuntu, Windows and others /dev/sda1). */
const ROOT_DEVICE_NAMES = new Set(["/dev/xvda", "/dev/sda1"]);
const isRootMapping = (m: any): boolean =>
  ROOT_DEVICE_NAMES.has(m?.deviceName) && m?.ebs !== undefined && m?.ebs !== null;
/** A block device mapping `{ deviceName, ebs }` as a classic instance's block device. */
const ebsDevice = (m: any) =>
  m === undefined
    ? undefined
    : {
        deviceName: m.deviceName,
        get encrypted() {
          return m.ebs.encrypted;
        },
        get kmsKeyId() {
          return m.ebs.kmsKeyId;
        },
      };

/** The primary network interface of a launch (device index 0, "0" in CloudFormation), or the first. */
const primaryInterface = (nics: any[]): any =>
  nics.find((e) => e?.deviceIndex === "0" || e?.deviceIndex === 0) ?? nics[0];

/** An AWS::EC2::NetworkAclEntry PortRange { From, To } end, as the classic rule's fromPort/toPort. */
const portEnd = (end: "from" | "to") => ({
  from: "portRange",
  map: (v: any) => (v === undefined || v === null ? v : v[end]),
});

/** The service volume data-store-kms-cmk judges: one with a keyless managed EBS volume, if any. */
function ecsVolume(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const all = asList<any>(v);
  const managed = all.filter(
    (c) => c?.managedEbsVolume !== undefined && c?.managedEbsVolume !== null,
  );
  // Whether a key is set, not its value: an ARN unknown at preview is a key (read, if a rule
  // needs it, from the volume chosen, as the classic volumeConfiguration's).
  return managed.find((c) => !present(c.managedEbsVolume, "kmsKeyId")) ?? managed[0] ?? all[0];
}

export const NETWORK_TWINS: [string, Twin][] = [
  // sdk/nodejs/ec2/{networkAcl,networkAclEntry}.ts: an ACL holds no entries inline; each
  // AWS::EC2::NetworkAclEntry (networkAclId, ruleNumber, protocol as a number, ruleAction, egress,
  // cidrBlock, ipv6CidrBlock, portRange { from, to }) is the classic aws.ec2.NetworkAclRule,
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-networkaclentry.html
  [n.NATIVE_EC2_NETWORK_ACL, { classic: t.EC2_NETWORK_ACL }],
  [
    n.NATIVE_EC2_NETWORK_ACL_ENTRY,
    {
      classic: t.EC2_NETWORK_ACL_RULE,
      derive: { fromPort: portEnd("from"), toPort: portEnd("to") },
      says: { fromPort: "portRange.from", toPort: "portRange.to" },
    },
  ],
  // Network (sdk/nodejs/ec2/{vpc,subnet,routeTable,route,subnetRouteTableAssociation,...}.ts):
  // Route's egressOnlyInternetGatewayId is the classic egressOnlyGatewayId; the rest keep names.
  [n.NATIVE_EC2_VPC, { classic: t.EC2_VPC }],
  [n.NATIVE_EC2_SUBNET, { classic: t.EC2_SUBNET }],
  [n.NATIVE_EC2_ROUTE_TABLE, { classic: t.EC2_ROUTE_TABLE }],
  [
    n.NATIVE_EC2_ROUTE,
    { classic: t.EC2_ROUTE, rename: { egressOnlyGatewayId: "egressOnlyInternetGatewayId" } },
  ],
  [n.NATIVE_EC2_SUBNET_ROUTE_TABLE_ASSOCIATION, { classic: t.EC2_ROUTE_TABLE_ASSOCIATION }],
  [n.NATIVE_EC2_INTERNET_GATEWAY, { classic: t.EC2_INTERNET_GATEWAY }],
  [n.NATIVE_EC2_NAT_GATEWAY, { classic: t.EC2_NAT_GATEWAY }],
  [n.NATIVE_EC2_EGRESS_ONLY_INTERNET_GATEWAY, { classic: t.EC2_EGRESS_ONLY_INTERNET_GATEWAY }],
  // Security groups (sdk/nodejs/ec2/{securityGroup,securityGroupIngress,securityGroupEgress}.ts):
  // inline securityGroupIngress/securityGroupEgress read as classic inline rules; the standalone
  // rules (groupId, ipProtocol, fromPort, toPort, cidrIp, cidrIpv6, sourcePrefixListId or
  // destinationPrefixListId) as aws.vpc security group rules (CloudFormation
  // AWS::EC2::SecurityGroupIngress SourcePrefixListId, AWS::EC2::SecurityGroupEgress
  // DestinationPrefixListId).
  // sdk/nodejs/ec2/prefixList.ts: a customer-managed list (CloudFormation AWS::EC2::PrefixList:
  // AddressFamily, Entries [{ Cidr, Description }], MaxEntries, PrefixListName; Ref returns its
  // id) is the classic aws.ec2.ManagedPrefixList, whose inline entries have the same fields.
  [
    n.NATIVE_EC2_PREFIX_LIST,
    { classic: t.EC2_MANAGED_PREFIX_LIST, rename: { name: "prefixListName" } },
  ],
  [
    n.NATIVE_EC2_SECURITY_GROUP,
    {
      classic: t.EC2_SECURITY_GROUP,
      rename: { description: "groupDescription", name: "groupName" },
      derive: {
        ingress: {
          from: "securityGroupIngress",
          map: inlineSgRules("sourceSecurityGroupId", "sourcePrefixListId"),
        },
        // Without securityGroupEgress, EC2 keeps the allow-all egress rule it creates with a VPC
        // group (CloudFormation AWS::EC2::SecurityGroup, SecurityGroupEgress), unlike the classic
        // provider, which removes it.
        egress: {
          from: "securityGroupEgress",
          always: true,
          map: (v: unknown) =>
            v === undefined || v === null
              ? [
                  {
                    protocol: "-1",
                    fromPort: 0,
                    toPort: 0,
                    cidrBlocks: ["0.0.0.0/0"],
                    ipv6CidrBlocks: [],
                  },
                ]
              : inlineSgRules("destinationSecurityGroupId", "destinationPrefixListId")(v),
        },
      },
    },
  ],
  [
    n.NATIVE_EC2_SECURITY_GROUP_INGRESS,
    {
      classic: t.VPC_SECURITY_GROUP_INGRESS_RULE,
      rename: {
        securityGroupId: "groupId",
        cidrIpv4: "cidrIp",
        referencedSecurityGroupId: "sourceSecurityGroupId",
        prefixListId: "sourcePrefixListId",
      },
    },
  ],
  [
    n.NATIVE_EC2_SECURITY_GROUP_EGRESS,
    {
      classic: t.VPC_SECURITY_GROUP_EGRESS_RULE,
      rename: {
        securityGroupId: "groupId",
        cidrIpv4: "cidrIp",
        referencedSecurityGroupId: "destinationSecurityGroupId",
        prefixListId: "destinationPrefixListId",
      },
    },
  ],
  // sdk/nodejs/elasticloadbalancingv2/loadBalancer.ts: scheme ("internet-facing", the default, or
  // "internal"), securityGroups, type; the classic twin says internal: true|false.
  // LoadBalancerAttributes [{ Key, Value }], strings (CloudFormation
  // AWS::ElasticLoadBalancingV2::LoadBalancer LoadBalancerAttribute: deletion_protection.enabled,
  // access_logs.s3.enabled, access_logs.s3.bucket, access_logs.s3.prefix), are the classic
  // enableDeletionProtection and accessLogs { enabled, bucket, prefix }; see `lbSettings` for more.
  [
    n.NATIVE_ELBV2_LOAD_BALANCER,
    {
      classic: t.LB_LOAD_BALANCER,
      // loadBalancerArn, an output (1.x and 0.126.0 loadBalancer.d.ts; CloudFormation's
      // LoadBalancerArn return value), is the classic arn a WAF association may name literally.
      rename: { loadBalancerType: "type", arn: "loadBalancerArn" },
      derive: {
        internal: {
          from: "scheme",
          map: (v: unknown) => (v === undefined || v === null ? false : v === "internal"),
        },
        enableDeletionProtection: {
          from: "loadBalancerAttributes",
          map: (v: unknown) => lbFlag(lbAttribute(v, "deletion_protection.enabled")),
        },
        accessLogs: { from: "loadBalancerAttributes", map: lbAccessLogs },
        ...lbSettings,
      },
    },
  ],
  // sdk/nodejs/elasticloadbalancingv2/listener.ts: protocol, sslPolicy, port, loadBalancerArn,
  // certificates (CloudFormation AWS::ElasticLoadBalancingV2::Listener), the classic names;
  // DefaultActions [{ Type, RedirectConfig, FixedResponseConfig, ForwardConfig, TargetGroupArn }]
  // the classic defaultActions (their type and redirect block: what the rules read).
  [
    n.NATIVE_ELBV2_LISTENER,
    {
      classic: t.LB_LISTENER,
      derive: { defaultActions: { from: "defaultActions", map: listenerActions } },
    },
  ],
  // sdk/nodejs/elasticloadbalancingv2/listenerRule.ts: listenerArn, priority, conditions and
  // actions [{ type, redirectConfig, fixedResponseConfig, forwardConfig, targetGroupArn, ... }]
  // (CloudFormation AWS::ElasticLoadBalancingV2::ListenerRule Action, the listener's action shape),
  // the classic aws.lb.ListenerRule's listenerArn and actions.
  [
    n.NATIVE_ELBV2_LISTENER_RULE,
    {
      classic: t.LB_LISTENER_RULE,
      derive: { actions: { from: "actions", map: listenerActions } },
    },
  ],
  // Compute placed in subnets: subnetId (sdk/nodejs/ec2/instance.ts) and vpcConfig.subnetIds
  // (sdk/nodejs/lambda/function.ts), as in the classic twins. An instance given networkInterfaces
  // names its subnet and public-IP choice there (CloudFormation AWS::EC2::Instance: "If you specify
  // a network interface, you must specify any subnets as part of the network interface";
  // NetworkInterface AssociatePublicIpAddress, DeviceIndex, SubnetId:
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-instance-networkinterface.html).
  // EC2 assigns a public IPv4 address only to the primary interface (device index 0), and only
  // when the request has one interface, so any interface asking for one reads as the instance's
  // associatePublicIpAddress: true; otherwise the primary interface's flag and subnet are the
  // instance's.
  [
    n.NATIVE_EC2_INSTANCE,
    {
      classic: t.EC2_INSTANCE,
      // UserData is base64-encoded in CloudFormation: the classic userDataBase64.
      rename: { userDataBase64: "userData" },
      says: { associatePublicIpAddress: "networkInterfaces[].associatePublicIpAddress" },
      derive: {
        associatePublicIpAddress: {
          from: "networkInterfaces",
          map: (v: unknown) => {
            if (!Array.isArray(v)) return undefined;
            const nics = asList(v);
            if (nics.some((e: any) => flagOn(e?.associatePublicIpAddress))) return true;
            return primaryInterface(nics)?.associatePublicIpAddress;
          },
        },
        subnetId: {
          from: "networkInterfaces",
          map: (v: unknown, p: any) =>
            Array.isArray(v) ? primaryInterface(asList(v))?.subnetId : p.subnetId,
        },
        // blockDeviceMappings [{ deviceName, ebs { encrypted, kmsKeyId, ... } }] (CloudFormation
        // AWS::EC2::Instance BlockDeviceMapping): the mapping of the root device name AMIs use
        // (/dev/xvda, /dev/sda1: the classic aws.ec2.Ami rootDeviceName examples) is the classic
        // rootBlockDevice, the other EBS mappings its ebsBlockDevices. Without a root mapping the
        // root volume is the AMI's, as a classic instance without rootBlockDevice.
        rootBlockDevice: {
          from: "blockDeviceMappings",
          map: (v: unknown) =>
            Array.isArray(v) ? ebsDevice(asList(v).find((m: any) => isRootMapping(m))) : undefined,
        },
        ebsBlockDevices: {
          from: "blockDeviceMappings",
          map: (v: unknown) =>
            Array.isArray(v)
              ? asList(v)
                  .filter((m: any) => !isRootMapping(m) && m?.ebs !== undefined && m?.ebs !== null)
                  .map(ebsDevice)
              : v,
        },
        // launchTemplate { launchTemplateId, launchTemplateName, version }: the classic id/name.
        launchTemplate: { from: "launchTemplate", map: classicBlock(LAUNCH_TEMPLATE_SPEC) },
      },
    },
  ],
  [n.NATIVE_LAMBDA_FUNCTION, { classic: t.LAMBDA_FUNCTION, rename: { name: "functionName" } }],
  // sdk/nodejs/ecs/service.ts: networkConfiguration.awsvpcConfiguration { subnets, securityGroups,
  // assignPublicIp "ENABLED" | "DISABLED" } (CloudFormation AWS::ECS::Service AwsVpcConfiguration,
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-service-awsvpcconfiguration.html)
  // reads as the classic networkConfiguration { subnets, securityGroups, assignPublicIp: boolean }.
  [
    n.NATIVE_ECS_SERVICE,
    {
      classic: t.ECS_SERVICE,
      // CloudFormation's CapacityProviderStrategy [{ CapacityProvider, Base, Weight }] is the
      // classic capacityProviderStrategies (sdk/nodejs/ecs/service.ts: capacityProviderStrategy).
      rename: { name: "serviceName", capacityProviderStrategies: "capacityProviderStrategy" },
      says: {
        "networkConfiguration.subnets": "networkConfiguration.awsvpcConfiguration.subnets",
        volumeConfiguration: "volumeConfigurations[]",
        "networkConfiguration.assignPublicIp is true":
          'networkConfiguration.awsvpcConfiguration.assignPublicIp is "ENABLED"',
      },
      derive: {
        networkConfiguration: {
          from: "networkConfiguration",
          map: (v: any) => {
            if (v === undefined || v === null) return v;
            return {
              get subnets() {
                return v.awsvpcConfiguration?.subnets;
              },
              get securityGroups() {
                return v.awsvpcConfiguration?.securityGroups;
              },
              get assignPublicIp() {
                const a = v.awsvpcConfiguration?.assignPublicIp;
                return a === undefined || a === null ? a : a === "ENABLED";
              },
            };
          },
        },
        // volumeConfigurations [{ name, managedEbsVolume { encrypted, kmsKeyId, ... } }]
        // (CloudFormation AWS::ECS::Service ServiceVolumeConfiguration) as the classic single
        // volumeConfiguration: a managed EBS volume without a key first, so none hides behind one
        // that names a key (data-store-kms-cmk).
        volumeConfiguration: { from: "volumeConfigurations", map: ecsVolume },
        // deploymentConfiguration.deploymentCircuitBreaker { enable, rollback }: the classic
        // top-level deploymentCircuitBreaker (CloudFormation DeploymentConfiguration).
        deploymentCircuitBreaker: {
          from: "deploymentConfiguration",
          map: (v: any) => v?.deploymentCircuitBreaker,
        },
      },
    },
  ],
  // sdk/nodejs/eks/nodegroup.ts: subnets, nodeRole, nodegroupName; sdk/nodejs/eks/cluster.ts:
  // resourcesVpcConfig { subnetIds, endpointPublicAccess, ... }, the classic vpcConfig.
  [
    n.NATIVE_EKS_NODEGROUP,
    {
      classic: t.EKS_NODE_GROUP,
      rename: { subnetIds: "subnets", nodeRoleArn: "nodeRole", nodeGroupName: "nodegroupName" },
      // CloudFormation AWS::EKS::Nodegroup RemoteAccess: ec2SshKey, sourceSecurityGroups (ids),
      // the classic remoteAccess { ec2SshKey, sourceSecurityGroupIds }.
      derive: {
        remoteAccess: {
          from: "remoteAccess",
          map: (v: any) =>
            v === undefined || v === null
              ? v
              : {
                  get ec2SshKey() {
                    return v.ec2SshKey;
                  },
                  get sourceSecurityGroupIds() {
                    return v.sourceSecurityGroups;
                  },
                },
        },
      },
      says: { sourceSecurityGroupIds: "sourceSecurityGroups" },
    },
  ],
  // CloudFormation AWS::EKS::Cluster EncryptionConfig is a list of { provider { keyArn },
  // resources }; the classic encryptionConfig is one: the entry that covers secrets, else the first.
  // Logging { ClusterLogging { EnabledTypes [{ Type }] } } is the classic enabledClusterLogTypes.
  [
    n.NATIVE_EKS_CLUSTER,
    {
      classic: t.EKS_CLUSTER,
      rename: { vpcConfig: "resourcesVpcConfig" },
      derive: {
        encryptionConfig: {
          from: "encryptionConfig",
          map: (v: unknown) => {
            if (!Array.isArray(v)) return v;
            const configs = asList(v);
            return configs.find((c: any) => asList(c?.resources).includes("secrets")) ?? configs[0];
          },
        },
        enabledClusterLogTypes: {
          from: "logging",
          always: true,
          map: (v: any) => asList<any>(v?.clusterLogging?.enabledTypes).map((e) => e?.type),
        },
      },
      says: { enabledClusterLogTypes: "logging.clusterLogging.enabledTypes" },
    },
  ],
];
