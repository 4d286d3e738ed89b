// Priced resource types, from the rule groups: network, compute, data, edge and delivery.
import { eip, loadBalancer, natGateway, vpcEndpoint } from "./network";
import { cluster, instance, scalingPolicy, service, volume } from "./compute";
import {
  auroraCluster,
  auroraInstance,
  backupVault,
  bucket,
  kmsKey,
  logGroup,
  namespace,
  repository,
  secret,
  workgroup,
} from "./data";
import {
  alarm,
  codebuildProject,
  codecommit,
  distribution,
  logDelivery,
  pipeline,
  webAcl,
} from "./edge";
import type { Rule } from "./base";

export { Unpriceable } from "./base";
export type { Charge, ChargeKind, Rule, RuleContext, RuleResult } from "./base";
export { endpointGb } from "./network";

/** Priced resource types. Together with FREE_TYPES, every type the program creates must appear. */
export const RULES: Readonly<Record<string, Rule>> = {
  "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:alb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
  "aws:ec2/natGateway:NatGateway": natGateway,
  "aws:ec2/eip:Eip": eip,
  "aws:ecs/service:Service": service,
  "aws:ecs/cluster:Cluster": cluster,
  "aws:appautoscaling/policy:Policy": scalingPolicy,
  "aws:kms/key:Key": kmsKey,
  "aws:cloudwatch/logGroup:LogGroup": logGroup,
  "aws:s3/bucket:Bucket": bucket,
  "aws:s3/bucketV2:BucketV2": bucket,
  "aws:ecr/repository:Repository": repository,
  "aws:wafv2/webAcl:WebAcl": webAcl,
  "aws:ec2/instance:Instance": instance,
  "aws:ebs/volume:Volume": volume,
  "aws:redshiftserverless/namespace:Namespace": namespace,
  "aws:redshiftserverless/workgroup:Workgroup": workgroup,
  "aws:codebuild/project:Project": codebuildProject,
  "aws:codepipeline/pipeline:Pipeline": pipeline,
  "aws:codecommit/repository:Repository": codecommit,
  "aws:cloudfront/distribution:Distribution": distribution,
  "aws:secretsmanager/secret:Secret": secret,
  "aws:cloudwatch/logDelivery:LogDelivery": logDelivery,
  "aws:rds/cluster:Cluster": auroraCluster,
  "aws:rds/clusterInstance:ClusterInstance": auroraInstance,
  "aws:backup/vault:Vault": backupVault,
  "aws:cloudwatch/metricAlarm:MetricAlarm": alarm,
};
