// The @pulumi/aws-native workload types whose classic twins single-type rules judge (see
// ./twins.ts): ECS task definitions and clusters, CodeBuild projects, and
// the data services the endpoint-exposure rules judge (Redshift, Amazon MQ, DMS, MSK), SageMaker
// notebook instances and Transfer Family servers, and the audit trail (CloudTrail trails and Lake
// event data stores).
// Property names from the aws-native schema (pulumi/pulumi-aws-native sdk/nodejs/<module>/<type>.ts;
// CloudFormation's, camelCased).
import * as t from "../types";
import * as n from "./types";
import { asList } from "../values";
import type { Derived, NestedTwin, Twin } from "./twins";
import { classicBlocks, renamedBlock } from "./classic-props";
import { eitherField, spelledEither } from "./spelling";
import { mskClientAuthentication } from "./twins-settings";

/** A native ECS cluster's configuration, its ECS Exec log flags as the classic ones. */
const ecsExecConfiguration = renamedBlock({
  executeCommandConfiguration: {
    from: "executeCommandConfiguration",
    map: renamedBlock({
      kmsKeyId: "kmsKeyId",
      logging: "logging",
      logConfiguration: {
        from: "logConfiguration",
        map: renamedBlock({
          cloudWatchEncryptionEnabled: "cloudWatchEncryptionEnabled",
          s3BucketEncryptionEnabled: "s3EncryptionEnabled",
        }),
      },
    }),
  },
});

/** A native MSK cluster's encryptionInfo as the classic one. */
const mskEncryptionInfo = renamedBlock({
  // dataVolumeKMSKeyId in early 0.x SDKs (types/input.d.ts of @pulumi/aws-native 0.67.0).
  encryptionAtRestKmsKeyArn: {
    from: "encryptionAtRest",
    map: (v) => eitherField(v, "dataVolumeKmsKeyId", "dataVolumeKMSKeyId"),
  },
  encryptionInTransit: "encryptionInTransit",
});

/**
 * AWS::MSK::Cluster LoggingInfo { BrokerLogs { CloudWatchLogs, Firehose, S3 } } as the classic
 * loggingInfo, whose CloudWatch sink is cloudwatchLogs; each sink keeps its { enabled, ... }.
 */
const mskLoggingInfo = renamedBlock({
  brokerLogs: {
    from: "brokerLogs",
    map: renamedBlock({ cloudwatchLogs: "cloudWatchLogs", firehose: "firehose", s3: "s3" }),
  },
});

/** A native Firehose stream's encryption input as the classic serverSideEncryption block. */
function firehoseSse(v: any): unknown {
  if (v === undefined || v === null) return v;
  return {
    enabled: true,
    get keyType() {
      return v.keyType;
    },
    get keyArn() {
      // keyARN in early 0.x SDKs (types/input.d.ts of @pulumi/aws-native 0.67.0).
      return eitherField(v, "keyArn", "keyARN");
    },
  };
}

/**
 * An S3 destination (or backup) of a native Firehose stream as the classic one: its key is
 * encryptionConfiguration.kmsEncryptionConfig.awskmsKeyArn (CloudFormation AWS::KinesisFirehose::
 * DeliveryStream EncryptionConfiguration { KMSEncryptionConfig { AWSKMSKeyARN }, NoEncryptionConfig },
 * kMSEncryptionConfig.aWSKMSKeyARN in early 0.x SDKs), the classic kmsKeyArn.
 */
function firehoseS3(v: any): unknown {
  if (v === undefined || v === null) return v;
  return {
    get kmsKeyArn() {
      const e = v.encryptionConfiguration;
      const kms = eitherField(e, "kmsEncryptionConfig", "kMSEncryptionConfig");
      return eitherField(kms, "awskmsKeyArn", "aWSKMSKeyARN");
    },
  };
}

/** A native Firehose destination whose S3 copies are `s3Configuration` (and `s3BackupConfiguration`). */
const firehoseDestination = renamedBlock({
  s3Configuration: { from: "s3Configuration", map: firehoseS3 },
  s3BackupConfiguration: { from: "s3BackupConfiguration", map: firehoseS3 },
});

/** The extended S3 destination (else the plain S3 one) with its backup, as classic extendedS3Configuration. */
function firehoseExtendedS3(v: any, p: any): unknown {
  const d = v ?? p.s3DestinationConfiguration;
  if (d === undefined || d === null) return d;
  return {
    get kmsKeyArn() {
      return (firehoseS3(d) as { kmsKeyArn: unknown }).kmsKeyArn;
    },
    get s3BackupConfiguration() {
      return firehoseS3(d.s3BackupConfiguration);
    },
  };
}

/** Classic Firehose destination blocks ← the native ones (AWS::KinesisFirehose::DeliveryStream). */
const FIREHOSE_DESTINATIONS: Readonly<Record<string, string>> = {
  elasticsearchConfiguration: "elasticsearchDestinationConfiguration",
  httpEndpointConfiguration: "httpEndpointDestinationConfiguration",
  icebergConfiguration: "icebergDestinationConfiguration",
  opensearchConfiguration: "amazonopensearchserviceDestinationConfiguration",
  opensearchserverlessConfiguration: "amazonOpenSearchServerlessDestinationConfiguration",
  redshiftConfiguration: "redshiftDestinationConfiguration",
  snowflakeConfiguration: "snowflakeDestinationConfiguration",
  splunkConfiguration: "splunkDestinationConfiguration",
};

/** The classic destination blocks of a native stream, each read lazily from its native block. */
const firehoseDerived: Record<string, Derived> = {
  extendedS3Configuration: {
    from: "extendedS3DestinationConfiguration",
    deps: ["extendedS3DestinationConfiguration", "s3DestinationConfiguration"],
    always: true,
    map: firehoseExtendedS3,
  },
  ...Object.fromEntries(
    Object.entries(FIREHOSE_DESTINATIONS).map(([classic, native]) => [
      classic,
      { from: native, map: firehoseDestination },
    ]),
  ),
};

/** How findings name the classic key paths on a native stream. */
const KMS_ARN = "encryptionConfiguration.kmsEncryptionConfig.awskmsKeyArn";
const firehoseSays: Record<string, string> = {
  "extendedS3Configuration.s3BackupConfiguration.kmsKeyArn": `extendedS3DestinationConfiguration.s3BackupConfiguration.${KMS_ARN}`,
  "extendedS3Configuration.kmsKeyArn": `extendedS3DestinationConfiguration.${KMS_ARN}`,
  ...Object.fromEntries(
    Object.entries(FIREHOSE_DESTINATIONS).flatMap(([classic, native]) =>
      ["s3Configuration", "s3BackupConfiguration"].map((b) => [
        `${classic}.${b}.kmsKeyArn`,
        `${native}.${b}.${KMS_ARN}`,
      ]),
    ),
  ),
};

/** A native CodeBuild project's logsConfig, cloudWatchLogs as the classic cloudwatchLogs. */
const codebuildLogs = renamedBlock({ cloudwatchLogs: "cloudWatchLogs", s3Logs: "s3Logs" });

/**
 * An AWS::CodePipeline::Pipeline action's ActionTypeId { Category, Owner, Provider, Version } as
 * the classic action's category, owner, provider and version, read where it keeps them; Name,
 * RunOrder and Configuration keep their names (sdk/nodejs/codepipeline/pipeline.ts, types/input.ts
 * PipelineActionDeclarationArgs; https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-codepipeline-pipeline-actiondeclaration.html).
 */
const PIPELINE_ACTION: NestedTwin = {
  derive: Object.fromEntries(
    ["category", "owner", "provider", "version"].map((field) => [
      field,
      { from: "actionTypeId", map: (id: any) => id?.[field] },
    ]),
  ),
};

/** A pipeline stage { Name, Actions, Blockers } with its actions as the classic ones. */
const PIPELINE_STAGE: NestedTwin = {
  derive: { actions: { from: "actions", map: classicBlocks(PIPELINE_ACTION) } },
};

/** A native pipeline's artifact store, or its per-Region stores, as classic artifactStores. */
function pipelineStores(v: any, p: any): unknown {
  if (v === undefined || v === null) {
    const one = p.artifactStore;
    return one === undefined || one === null ? one : [one];
  }
  if (!Array.isArray(v)) return v;
  return asList(v).map((m: any) => ({
    get region() {
      return m?.region;
    },
    get location() {
      return m?.artifactStore?.location;
    },
    get type() {
      return m?.artifactStore?.type;
    },
    get encryptionKey() {
      return m?.artifactStore?.encryptionKey;
    },
  }));
}

export const WORKLOAD_TWINS: [string, Twin][] = [
  // CloudFormation AWS::Redshift::Cluster, AWS::AmazonMQ::Broker and AWS::DMS::ReplicationInstance
  // PubliclyAccessible, and AWS::MSK::Cluster BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type
  // (sdk/nodejs/{redshift/cluster,amazonmq/broker,dms/replicationInstance,msk/cluster}.ts): the
  // classic names.
  // MasterUserPassword is the classic masterPassword.
  [
    n.NATIVE_REDSHIFT_CLUSTER,
    { classic: t.REDSHIFT_CLUSTER, rename: { masterPassword: "masterUserPassword" } },
  ],
  [n.NATIVE_AMAZONMQ_BROKER, { classic: t.MQ_BROKER }],
  // AWS::DMS::ReplicationInstance KmsKeyId (sdk/nodejs/dms/replicationInstance.ts kmsKeyId) is the
  // classic instance's kmsKeyArn.
  [
    n.NATIVE_DMS_REPLICATION_INSTANCE,
    { classic: t.DMS_REPLICATION_INSTANCE, rename: { kmsKeyArn: "kmsKeyId" } },
  ],
  // AWS::MSK::Cluster EncryptionInfo { EncryptionAtRest { DataVolumeKMSKeyId }, EncryptionInTransit }
  // (sdk/python/pulumi_aws_native/msk/_inputs.py: encryptionAtRest.dataVolumeKmsKeyId) reads as the
  // classic encryptionInfo { encryptionAtRestKmsKeyArn, encryptionInTransit }.
  [
    n.NATIVE_MSK_CLUSTER,
    {
      classic: t.MSK_CLUSTER,
      says: {
        "encryptionInfo.encryptionAtRestKmsKeyArn":
          "encryptionInfo.encryptionAtRest.dataVolumeKmsKeyId",
      },
      derive: {
        encryptionInfo: { from: "encryptionInfo", map: mskEncryptionInfo },
        loggingInfo: { from: "loggingInfo", map: mskLoggingInfo },
        clientAuthentication: { from: "clientAuthentication", map: mskClientAuthentication },
      },
    },
  ],
  // AWS::KinesisFirehose::DeliveryStream DeliveryStreamEncryptionConfigurationInput { KeyType,
  // KeyARN } (sdk/python/pulumi_aws_native/kinesisfirehose/_inputs.py: keyType, keyArn): given, it
  // turns server-side encryption on, so it reads as the classic serverSideEncryption with enabled
  // true. A Kinesis source is kinesisStreamSourceConfiguration; an MSK one is DeliveryStreamType
  // "MSKAsSource" (CloudFormation's values: DirectPut, KinesisStreamAsSource, MSKAsSource).
  [
    n.NATIVE_FIREHOSE_DELIVERY_STREAM,
    {
      classic: t.FIREHOSE_DELIVERY_STREAM,
      rename: { kinesisSourceConfiguration: "kinesisStreamSourceConfiguration" },
      says: { serverSideEncryption: "deliveryStreamEncryptionConfigurationInput", ...firehoseSays },
      derive: {
        ...firehoseDerived,
        serverSideEncryption: {
          from: "deliveryStreamEncryptionConfigurationInput",
          map: firehoseSse,
        },
        mskSourceConfiguration: {
          from: "deliveryStreamType",
          map: (v: unknown) => (v === "MSKAsSource" ? { deliveryStreamType: v } : undefined),
        },
      },
    },
  ],
  // CloudFormation AWS::Transfer::Server EndpointType, EndpointDetails { AddressAllocationIds }: the
  // classic names (sdk/nodejs/transfer/server.ts).
  [n.NATIVE_TRANSFER_SERVER, { classic: t.TRANSFER_SERVER }],
  // CloudFormation AWS::SageMaker::NotebookInstance DirectInternetAccess and
  // InstanceMetadataServiceConfiguration { MinimumInstanceMetadataServiceVersion }, the classic
  // names (sdk/nodejs/sagemaker/notebookInstance.ts); a left-out directInternetAccess is judged by
  // the rule itself as SageMaker's default.
  [n.NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE, { classic: t.SAGEMAKER_NOTEBOOK_INSTANCE }],
  // sdk/nodejs/ecs/taskDefinition.ts: the classic names (networkMode, pidMode, ipcMode, volumes,
  // runtimePlatform, executionRoleArn, taskRoleArn); containerDefinitions is a typed list of
  // CloudFormation ContainerDefinitions (privileged, user, environment, secrets, logConfiguration,
  // linuxParameters, as the ECS API's JSON names them), which the rules read as the parsed JSON.
  [n.NATIVE_ECS_TASK_DEFINITION, { classic: t.ECS_TASK_DEFINITION }],
  // CloudFormation AWS::ECS::Cluster ClusterConfiguration.ExecuteCommandConfiguration { kmsKeyId,
  // logging, logConfiguration { cloudWatchEncryptionEnabled, s3EncryptionEnabled, ... } }: the
  // classic names, but for S3's flag (the classic s3BucketEncryptionEnabled); ClusterSettings
  // [{ Name, Value }] (containerInsights) the classic settings.
  [
    n.NATIVE_ECS_CLUSTER,
    {
      classic: t.ECS_CLUSTER,
      rename: { name: "clusterName", settings: "clusterSettings" },
      derive: { configuration: { from: "configuration", map: ecsExecConfiguration } },
      says: { s3BucketEncryptionEnabled: "s3EncryptionEnabled" },
    },
  ],
  // CloudFormation AWS::CodeBuild::Project: environment { privilegedMode, environmentVariables
  // [{ name, type, value }] }, source and secondarySources { type, location }, as the classic
  // project names them; visibility is the classic projectVisibility.
  [
    n.NATIVE_CODEBUILD_PROJECT,
    {
      classic: t.CODEBUILD_PROJECT,
      // TimeoutInMinutes is the classic buildTimeout; LogsConfig { CloudWatchLogs { Status,
      // GroupName }, S3Logs } the classic logsConfig { cloudwatchLogs, s3Logs }.
      rename: { projectVisibility: "visibility", buildTimeout: "timeoutInMinutes" },
      derive: { logsConfig: { from: "logsConfig", map: codebuildLogs } },
      says: { "logsConfig.cloudwatchLogs": "logsConfig.cloudWatchLogs" },
    },
  ],
  // AWS::CodePipeline::Pipeline ArtifactStore { Location, Type, EncryptionKey { Id, Type } } or
  // ArtifactStores [{ Region, ArtifactStore }] (sdk/python/pulumi_aws_native/codepipeline/_inputs.py:
  // artifactStore, artifactStores[].artifactStore, encryptionKey { id, type }) as the classic
  // artifactStores [{ location, type, encryptionKey, region }].
  [
    n.NATIVE_CODEPIPELINE_PIPELINE,
    {
      classic: t.CODEPIPELINE_PIPELINE,
      derive: {
        artifactStores: {
          from: "artifactStores",
          deps: ["artifactStores", "artifactStore"],
          always: true,
          map: pipelineStores,
        },
        stages: { from: "stages", map: classicBlocks(PIPELINE_STAGE) },
      },
    },
  ],
  // sdk/nodejs/cloudtrail/trail.ts spells CloudFormation's KMSKeyId `kmsKeyId` in 1.x and
  // `kMSKeyId` in 0.x SDKs, both read (./spelling.ts), and names the trail trailName;
  // sdk/nodejs/cloudtrail/eventDataStore.ts keeps kmsKeyId.
  [
    n.NATIVE_CLOUDTRAIL_TRAIL,
    {
      classic: t.CLOUDTRAIL_TRAIL,
      // AWS::CloudTrail::Trail IsLogging and CloudWatchLogsLogGroupArn are the classic trail's
      // enableLogging and cloudWatchLogsGroupArn; enableLogFileValidation, isMultiRegionTrail,
      // includeGlobalServiceEvents and cloudWatchLogsRoleArn keep their names.
      derive: { kmsKeyId: spelledEither("kmsKeyId", "kMSKeyId") },
      rename: {
        name: "trailName",
        enableLogging: "isLogging",
        cloudWatchLogsGroupArn: "cloudWatchLogsLogGroupArn",
      },
    },
  ],
  [n.NATIVE_CLOUDTRAIL_EVENT_DATA_STORE, { classic: t.CLOUDTRAIL_EVENT_DATA_STORE }],
];
