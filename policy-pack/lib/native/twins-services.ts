// The @pulumi/aws-native service types whose CloudFormation properties carry the classic names the
// single-type rules read (see ./twins.ts), so each twin is the classic type alone:
// - AWS::Events::Archive KmsKeyIdentifier, AWS::Scheduler::Schedule KmsKeyArn,
//   AWS::CodeArtifact::Domain EncryptionKey, AWS::Timestream::Database KmsKeyId,
//   AWS::MWAA::Environment KmsKey and WebserverAccessMode (sdk/nodejs/mwaa/environment.ts),
//   AWS::RedshiftServerless::Namespace KmsKeyId and AdminUserPassword
//   (sdk/nodejs/redshiftserverless/namespace.ts), AWS::RedshiftServerless::Workgroup
//   PubliclyAccessible, AWS::Cognito::IdentityPool AllowUnauthenticatedIdentities and
//   AWS::AppSync::ApiCache AtRestEncryptionEnabled, AWS::Kendra::Index
//   ServerSideEncryptionConfiguration { KmsKeyId }, AWS::Location::Tracker and GeofenceCollection
//   KmsKeyId, AWS::Timestream::ScheduledQuery KmsKeyId and ErrorReportConfiguration { S3Configuration
//   { EncryptionOption } }, AWS::OpenSearchServerless::SecurityPolicy Type and Policy (a JSON
//   string), AWS::SageMaker::Domain AppNetworkAccessType, AWS::DMS::InstanceProfile
//   PubliclyAccessible and AWS::AppRunner::Service NetworkConfiguration { EgressConfiguration
//   { EgressType } }, AWS::Lambda::LayerVersionPermission Principal and OrganizationId;
// - AWS::CodeBuild::ReportGroup ExportConfig { ExportConfigType, S3Destination { EncryptionKey,
//   EncryptionDisabled } } (the classic exportConfig's type is ExportConfigType) and
//   AWS::EMR::SecurityConfiguration SecurityConfiguration (the classic configuration, a JSON
//   object there; the pack's document parser takes objects and strings), and
//   AWS::Connect::InstanceStorageConfig S3Config and KinesisVideoStreamConfig, each with
//   EncryptionConfig { EncryptionType, KeyId } (sdk/nodejs/connect/instanceStorageConfig.ts), at
//   the top level where the classic config nests them in storageConfig;
// - AWS::QLDB::Ledger KmsKey and PermissionsMode (sdk/nodejs/qldb/ledger.ts), AWS::WorkSpaces::Workspace
//   RootVolumeEncryptionEnabled, UserVolumeEncryptionEnabled and VolumeEncryptionKey
//   (sdk/nodejs/workspaces/workspace.ts);
// - AWS::DAX::Cluster SSESpecification { SSEEnabled } (sdk/nodejs/dax/cluster.ts: sSESpecification)
//   as the classic serverSideEncryption { enabled }, and AWS::DLM::LifecyclePolicy PolicyDetails,
//   whose schedules keep CrossRegionCopyRules { Encrypted, CmkArn, Target } and whose event-based
//   Actions list their copies as CrossRegionCopy { Target, EncryptionConfiguration { Encrypted,
//   CmkArn } } (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dlm-lifecyclepolicy-crossregioncopyaction.html)
//   where the classic policy's action names them crossRegionCopies;
// camelCased by the provider (pulumi/pulumi-aws-native sdk/nodejs/<module>/<type>.ts; CloudFormation
// template reference, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/).
import * as t from "../types";
import * as n from "./types";
import type { Twin } from "./twins";
import { asList } from "../values";
import { eitherField, spelledEither } from "./spelling";
import { mapAsList, templateField } from "./json-map";
import { renamedBlock, renamedBlocks } from "./classic-props";

/**
 * A DAX cluster's sSESpecification { sSEEnabled } as the classic serverSideEncryption { enabled }.
 * The SDK spells the property sSESpecification; CloudFormation's SSESpecification { SSEEnabled }
 * camelCased the other way (sseSpecification { sseEnabled }, as the CDK spells it) is read too.
 */
function daxEncryption(v: any, p: any): unknown {
  const spec = v ?? p.sseSpecification;
  if (spec === undefined || spec === null) return spec;
  return {
    get enabled() {
      return spec.sSEEnabled ?? spec.sseEnabled;
    },
  };
}

/** A native DLM policyDetails: schedules as they are, actions' crossRegionCopy as crossRegionCopies. */
function dlmDetails(v: any): unknown {
  if (v === undefined || v === null) return v;
  return {
    get schedules() {
      return v.schedules;
    },
    get action() {
      return asList(v.actions).map((a: any) => ({
        get name() {
          return a?.name;
        },
        get crossRegionCopies() {
          return a?.crossRegionCopy;
        },
      }));
    },
  };
}

/**
 * AWS::Cassandra::Table EncryptionSpecification { EncryptionType, KmsKeyIdentifier } as the classic
 * Keyspaces table's encryptionSpecification { type, kmsKeyIdentifier }.
 */
const keyspacesEncryption = renamedBlock({
  type: "encryptionType",
  kmsKeyIdentifier: "kmsKeyIdentifier",
});

/** A native report group's exportConfig, exportConfigType as the classic type. */
const reportExport = renamedBlock({ type: "exportConfigType", s3Destination: "s3Destination" });

/** A native Connect storage config's s3Config and kinesisVideoStreamConfig, as classic storageConfig. */
function connectStorage(_: unknown, p: any): unknown {
  return {
    get s3Config() {
      return p.s3Config;
    },
    get kinesisVideoStreamConfig() {
      return p.kinesisVideoStreamConfig;
    },
  };
}

const listOf = (v: unknown) => (v === undefined || v === null ? v : [v]);

/**
 * AWS::ECR::Repository ImageTagMutabilityExclusionFilters [{ ImageTagMutabilityExclusionFilterType,
 * ImageTagMutabilityExclusionFilterValue }] as the classic [{ filterType, filter }].
 */
const tagFilters = renamedBlocks({
  filterType: "imageTagMutabilityExclusionFilterType",
  filter: "imageTagMutabilityExclusionFilterValue",
});

/**
 * AWS::OpenSearchService::Domain LogPublishingOptions, a map from log type to { CloudWatchLogsLogGroupArn,
 * Enabled } (a JSON object in 0.x SDKs), as the classic list [{ logType, cloudwatchLogGroupArn, enabled }].
 */
function domainLogs(v: unknown): unknown {
  return mapAsList(v, (logType, entry) => ({
    logType,
    get cloudwatchLogGroupArn() {
      return templateField(entry(), "cloudWatchLogsLogGroupArn");
    },
    // CloudFormation's Enabled defaults to false, where the classic enabled defaults to true: an
    // entry that leaves it out publishes nothing (AWS::OpenSearchService::Domain LogPublishingOption,
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-opensearchservice-domain-logpublishingoption.html).
    get enabled() {
      return templateField(entry(), "enabled") ?? false;
    },
  }));
}

/**
 * A domain's domainEndpointOptions with enforceHttps and tlsSecurityPolicy as either SDK spells them
 * (`enforceHTTPS` and `tLSSecurityPolicy` in opensearchservice/domain.d.ts of @pulumi/aws-native 0.67.0).
 */
function endpointOptions(v: any): unknown {
  if (v === undefined || v === null || typeof v !== "object") return v;
  return {
    get enforceHttps() {
      return eitherField(v, "enforceHttps", "enforceHTTPS");
    },
    get tlsSecurityPolicy() {
      return eitherField(v, "tlsSecurityPolicy", "tLSSecurityPolicy");
    },
  };
}

export const SERVICE_TWINS: [string, Twin][] = [
  // sdk/nodejs/ecr/repository.ts: repositoryPolicyText (the repository policy, inline),
  // encryptionConfiguration { encryptionType, kmsKey }, imageScanningConfiguration { scanOnPush },
  // imageTagMutability and its exclusion filters.
  [
    n.NATIVE_ECR_REPOSITORY,
    {
      classic: t.ECR_REPOSITORY,
      rename: { name: "repositoryName", policy: "repositoryPolicyText" },
      derive: {
        encryptionConfigurations: { from: "encryptionConfiguration", map: listOf },
        imageTagMutabilityExclusionFilters: {
          from: "imageTagMutabilityExclusionFilters",
          map: tagFilters,
        },
      },
      says: { encryptionConfigurations: "encryptionConfiguration" },
    },
  ],
  // sdk/nodejs/opensearchservice/domain.ts: accessPolicies, domainName, domainEndpointOptions
  // { enforceHttps, tlsSecurityPolicy } (see `endpointOptions`), advancedSecurityOptions { enabled } and clusterConfig
  // { zoneAwarenessEnabled, instanceCount, dedicatedMasterEnabled, dedicatedMasterCount } and
  // vpcOptions { subnetIds, securityGroupIds } keep the classic names; encryptionAtRestOptions
  // { enabled, kmsKeyId } is the classic encryptAtRest and nodeToNodeEncryptionOptions { enabled }
  // nodeToNodeEncryption (CloudFormation AWS::OpenSearchService::Domain); logPublishingOptions see
  // `domainLogs`.
  [
    n.NATIVE_OPENSEARCH_DOMAIN,
    {
      classic: t.OPENSEARCH_DOMAIN,
      rename: {
        encryptAtRest: "encryptionAtRestOptions",
        nodeToNodeEncryption: "nodeToNodeEncryptionOptions",
      },
      derive: {
        // vPCOptions in early 0.x SDKs (opensearchservice/domain.d.ts of @pulumi/aws-native 0.67.0).
        vpcOptions: spelledEither("vpcOptions", "vPCOptions"),
        logPublishingOptions: { from: "logPublishingOptions", map: domainLogs },
        domainEndpointOptions: { from: "domainEndpointOptions", map: endpointOptions },
      },
    },
  ],
  // AWS::ECR::RegistryScanningConfiguration ScanType and Rules [{ ScanFrequency, RepositoryFilters
  // [{ Filter, FilterType }] }] (sdk/nodejs/ecr/registryScanningConfiguration.ts, 1.x only) and
  // AWS::Lambda::EventInvokeConfig FunctionName, Qualifier and DestinationConfig { OnFailure
  // { Destination } } (sdk/nodejs/lambda/eventInvokeConfig.ts) carry the classic names.
  [
    n.NATIVE_ECR_REGISTRY_SCANNING_CONFIGURATION,
    { classic: t.ECR_REGISTRY_SCANNING_CONFIGURATION },
  ],
  [n.NATIVE_LAMBDA_EVENT_INVOKE_CONFIG, { classic: t.LAMBDA_FUNCTION_EVENT_INVOKE_CONFIG }],
  [n.NATIVE_EVENTS_ARCHIVE, { classic: t.CLOUDWATCH_EVENT_ARCHIVE }],
  [n.NATIVE_SCHEDULER_SCHEDULE, { classic: t.SCHEDULER_SCHEDULE }],
  [n.NATIVE_CODEARTIFACT_DOMAIN, { classic: t.CODEARTIFACT_DOMAIN }],
  [n.NATIVE_TIMESTREAM_DATABASE, { classic: t.TIMESTREAM_DATABASE }],
  [n.NATIVE_MWAA_ENVIRONMENT, { classic: t.MWAA_ENVIRONMENT }],
  [n.NATIVE_REDSHIFTSERVERLESS_NAMESPACE, { classic: t.REDSHIFTSERVERLESS_NAMESPACE }],
  [n.NATIVE_REDSHIFTSERVERLESS_WORKGROUP, { classic: t.REDSHIFTSERVERLESS_WORKGROUP }],
  [n.NATIVE_COGNITO_IDENTITY_POOL, { classic: t.COGNITO_IDENTITY_POOL }],
  [n.NATIVE_APPSYNC_API_CACHE, { classic: t.APPSYNC_API_CACHE }],
  [n.NATIVE_KENDRA_INDEX, { classic: t.KENDRA_INDEX }],
  [n.NATIVE_LOCATION_TRACKER, { classic: t.LOCATION_TRACKER }],
  [n.NATIVE_LOCATION_GEOFENCE_COLLECTION, { classic: t.LOCATION_GEOFENCE_COLLECTION }],
  [n.NATIVE_TIMESTREAM_SCHEDULED_QUERY, { classic: t.TIMESTREAM_SCHEDULED_QUERY }],
  [
    n.NATIVE_OPENSEARCHSERVERLESS_SECURITY_POLICY,
    { classic: t.OPENSEARCH_SERVERLESS_SECURITY_POLICY },
  ],
  [n.NATIVE_SAGEMAKER_DOMAIN, { classic: t.SAGEMAKER_DOMAIN }],
  [n.NATIVE_DMS_INSTANCE_PROFILE, { classic: t.DMS_INSTANCE_PROFILE }],
  [n.NATIVE_APPRUNNER_SERVICE, { classic: t.APPRUNNER_SERVICE }],
  [n.NATIVE_LAMBDA_LAYER_VERSION_PERMISSION, { classic: t.LAMBDA_LAYER_VERSION_PERMISSION }],
  [
    n.NATIVE_CONNECT_INSTANCE_STORAGE_CONFIG,
    {
      classic: t.CONNECT_INSTANCE_STORAGE_CONFIG,
      says: {
        "storageConfig.s3Config": "s3Config",
        "storageConfig.kinesisVideoStreamConfig": "kinesisVideoStreamConfig",
      },
      derive: {
        storageConfig: {
          from: "s3Config",
          deps: ["s3Config", "kinesisVideoStreamConfig"],
          always: true,
          map: connectStorage,
        },
      },
    },
  ],
  [
    n.NATIVE_CODEBUILD_REPORT_GROUP,
    {
      classic: t.CODEBUILD_REPORT_GROUP,
      derive: { exportConfig: { from: "exportConfig", map: reportExport } },
    },
  ],
  [
    n.NATIVE_EMR_SECURITY_CONFIGURATION,
    {
      classic: t.EMR_SECURITY_CONFIGURATION,
      rename: { configuration: "securityConfiguration" },
      says: { configuration: "securityConfiguration" },
    },
  ],
  [n.NATIVE_QLDB_LEDGER, { classic: t.QLDB_LEDGER }],
  [n.NATIVE_WORKSPACES_WORKSPACE, { classic: t.WORKSPACES_WORKSPACE }],
  [
    n.NATIVE_DAX_CLUSTER,
    {
      classic: t.DAX_CLUSTER,
      says: { serverSideEncryption: "sSESpecification" },
      derive: {
        serverSideEncryption: {
          from: "sSESpecification",
          deps: ["sSESpecification", "sseSpecification"],
          always: true,
          map: daxEncryption,
        },
      },
    },
  ],
  [
    n.NATIVE_DLM_LIFECYCLE_POLICY,
    {
      classic: t.DLM_LIFECYCLE_POLICY,
      derive: { policyDetails: { from: "policyDetails", map: dlmDetails } },
    },
  ],
  [
    n.NATIVE_CASSANDRA_TABLE,
    {
      classic: t.KEYSPACES_TABLE,
      says: { "encryptionSpecification.type": "encryptionSpecification.encryptionType" },
      derive: {
        encryptionSpecification: { from: "encryptionSpecification", map: keyspacesEncryption },
      },
    },
  ],
];
