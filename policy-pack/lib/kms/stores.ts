// The table behind the data-store encryption-at-rest rule (../../policies/kms/other-stores.ts):
// what each type stores and where it names the key, for the service data stores (configurations,
// connections and their credentials, firewalls, pipelines, agents' gateways and vaults). Each
// key's description is the provider's docs of the property (e.g. "encrypt pipe data ... If not
// set, EventBridge uses an AWS owned key"); exports and other outputs are in ./stores-outputs.ts.
import {
  AGENTREGISTRY_REGISTRY,
  APPCONFIG_CONFIGURATION_PROFILE,
  APPCONFIG_DEPLOYMENT,
  APPINTEGRATIONS_DATA_INTEGRATION,
  BEDROCK_AGENT_DATA_SOURCE,
  BEDROCK_AGENT_KNOWLEDGE_BASE,
  BEDROCK_AGENTCORE_EVALUATOR,
  BEDROCK_AGENTCORE_GATEWAY,
  BEDROCK_AGENTCORE_HARNESS,
  BEDROCK_AGENTCORE_POLICY_ENGINE,
  BEDROCK_AGENTCORE_TOKEN_VAULT_CMK,
  BEDROCK_EVALUATION_JOB,
  CHIME_VOICE_PROFILE_DOMAIN,
  CLOUDWATCH_EVENT_CONNECTION,
  CLOUDWATCH_LOG_ANOMALY_DETECTOR,
  DEVOPSGURU_SERVICE_INTEGRATION,
  DMS_INSTANCE_PROFILE,
  DMS_REPLICATION_CONFIG,
  DRS_REPLICATION_CONFIGURATION_TEMPLATE,
  EBS_SNAPSHOT_IMPORT,
  ECR_REPOSITORY_CREATION_TEMPLATE,
  EMRCONTAINERS_JOB_TEMPLATE,
  GLUE_CATALOG,
  GLUE_CONNECTION,
  GRAFANA_WORKSPACE,
  KINESISANALYTICSV2_APPLICATION,
  LAMBDA_CAPACITY_PROVIDER,
  MAILMANAGER_INGRESS_POINT,
  MSK_CHANNEL,
  NETWORKFIREWALL_FIREWALL,
  NETWORKFIREWALL_FIREWALL_POLICY,
  NETWORKFIREWALL_RULE_GROUP,
  NETWORKFIREWALL_TLS_INSPECTION_CONFIGURATION,
  OPENSEARCH_APPLICATION,
  OPENSEARCH_SERVERLESS_COLLECTION,
  OPENSEARCHINGEST_PIPELINE,
  PIPES_PIPE,
  RDS_CLUSTER_ACTIVITY_STREAM,
  RDS_CUSTOM_DB_ENGINE_VERSION,
  RDS_INTEGRATION,
  REDSHIFT_INTEGRATION,
  RESILIENCEHUB_V2_POLICY,
  RESILIENCEHUB_V2_SERVICE,
  RESILIENCEHUB_V2_SYSTEM,
  SAGEMAKER_MODEL_CARD,
  SECURITYHUB_CONNECTOR_V2,
  SSMINCIDENTS_REPLICATION_SET,
  VERIFIEDACCESS_ENDPOINT,
  VERIFIEDACCESS_GROUP,
  VERIFIEDACCESS_TRUST_PROVIDER,
  XRAY_ENCRYPTION_CONFIG,
} from "../types";

/** Where a type names the key of the data it stores. */
export interface StoreKey {
  /** Dotted input path of the key; a list on the way is read element by element. */
  readonly path: string;
  /** A path: the key is required only when a value is given there. Default: always. */
  readonly when?: string;
  /** With `when`: the key is required only when the value there is this one. */
  readonly whenEquals?: string | boolean;
  /**
   * A field beside the key (in the same block) whose value `equals` means a key the service owns,
   * whatever the key field says: such a block is reported as the service's own key.
   */
  readonly ownedWhen?: { readonly field: string; readonly equals: string };
}

/** What to call a type in findings, and where its keys are named. */
export interface StoreEntry {
  readonly noun: string;
  readonly keys: readonly StoreKey[];
}

/** A type with one key, required outright (the store tables' usual entry). */
export function keyAt(noun: string, path: string): StoreEntry {
  return { noun, keys: [{ path }] };
}

/** A Network Firewall resource's key: `<block>.keyId`, unless the block's type is AWS-owned. */
function firewallKey(noun: string, block: string): StoreEntry {
  return {
    noun,
    keys: [{ path: `${block}.keyId`, ownedWhen: { field: "type", equals: "AWS_OWNED_KMS_KEY" } }],
  };
}

export const SERVICE_STORES: Readonly<Record<string, StoreEntry>> = {
  [AGENTREGISTRY_REGISTRY]: keyAt("agent registry", "encryptionConfiguration.kmsKeyArn"),
  // "Only used for hosted configuration types": a profile that points at S3, Parameter Store or
  // Secrets Manager stores nothing in AppConfig (the source's own rules judge it).
  [APPCONFIG_CONFIGURATION_PROFILE]: {
    noun: "AppConfig configuration profile",
    keys: [{ path: "kmsKeyIdentifier", when: "locationUri", whenEquals: "hosted" }],
  },
  [APPCONFIG_DEPLOYMENT]: keyAt("AppConfig deployment", "kmsKeyIdentifier"),
  [APPINTEGRATIONS_DATA_INTEGRATION]: keyAt("AppIntegrations data integration", "kmsKey"),
  // The transient store of documents while they are ingested into the vector store.
  [BEDROCK_AGENT_DATA_SOURCE]: keyAt(
    "Bedrock knowledge base data source",
    "serverSideEncryptionConfiguration.kmsKeyArn",
  ),
  // Only a managed knowledge base stores its vectors in Bedrock; others use a vector store of
  // their own (OpenSearch Serverless, Aurora, S3 Vectors...) judged by its own rule.
  [BEDROCK_AGENT_KNOWLEDGE_BASE]: {
    noun: "Bedrock knowledge base",
    keys: [
      {
        path: "knowledgeBaseConfiguration.managedKnowledgeBaseConfiguration.serverSideEncryptionConfiguration.kmsKeyArn",
        when: "knowledgeBaseConfiguration.managedKnowledgeBaseConfiguration",
      },
    ],
  },
  [BEDROCK_AGENTCORE_EVALUATOR]: keyAt("Bedrock AgentCore evaluator", "kmsKeyArn"),
  [BEDROCK_AGENTCORE_GATEWAY]: keyAt("Bedrock AgentCore gateway", "kmsKeyArn"),
  [BEDROCK_AGENTCORE_HARNESS]: {
    noun: "Bedrock AgentCore harness",
    keys: [
      {
        path: "memory.managedMemoryConfiguration.encryptionKeyArn",
        when: "memory.managedMemoryConfiguration",
      },
    ],
  },
  [BEDROCK_AGENTCORE_POLICY_ENGINE]: keyAt("Bedrock AgentCore policy engine", "encryptionKeyArn"),
  // The token vault holds the OAuth tokens and API keys of agents' credential providers.
  [BEDROCK_AGENTCORE_TOKEN_VAULT_CMK]: keyAt(
    "Bedrock AgentCore token vault",
    "kmsConfiguration.kmsKeyArn",
  ),
  [BEDROCK_EVALUATION_JOB]: keyAt("Bedrock evaluation job", "customerEncryptionKeyId"),
  [CHIME_VOICE_PROFILE_DOMAIN]: keyAt(
    "Chime SDK voice profile domain",
    "serverSideEncryptionConfiguration.kmsKeyArn",
  ),
  // The connection's credentials, kept in a Secrets Manager secret EventBridge owns.
  [CLOUDWATCH_EVENT_CONNECTION]: keyAt("EventBridge connection", "kmsKeyIdentifier"),
  [CLOUDWATCH_LOG_ANOMALY_DETECTOR]: keyAt("log anomaly detector", "kmsKeyId"),
  [DEVOPSGURU_SERVICE_INTEGRATION]: keyAt(
    "DevOps Guru service integration",
    "kmsServerSideEncryption.kmsKeyId",
  ),
  [DMS_INSTANCE_PROFILE]: keyAt("DMS instance profile", "kmsKeyArn"),
  [DMS_REPLICATION_CONFIG]: keyAt("DMS Serverless replication", "computeConfig.kmsKeyId"),
  // The staging-area volumes of the replicated servers (ebsEncryption "DEFAULT": aws/ebs).
  [DRS_REPLICATION_CONFIGURATION_TEMPLATE]: keyAt(
    "Elastic Disaster Recovery replication template",
    "ebsEncryptionKeyArn",
  ),
  [EBS_SNAPSHOT_IMPORT]: keyAt("imported EBS snapshot", "kmsKeyId"),
  // The repositories ECR creates from the template (pull-through cache, replication).
  [ECR_REPOSITORY_CREATION_TEMPLATE]: keyAt(
    "ECR repository creation template",
    "encryptionConfigurations.kmsKey",
  ),
  [EMRCONTAINERS_JOB_TEMPLATE]: keyAt("EMR on EKS job template", "kmsKeyArn"),
  // Redshift managed storage behind a catalog with data lake access.
  [GLUE_CATALOG]: {
    noun: "Glue catalog",
    keys: [
      {
        path: "catalogProperties.dataLakeAccessProperties.kmsKey",
        when: "catalogProperties.dataLakeAccessProperties.dataLakeAccess",
        whenEquals: true,
      },
    ],
  },
  [GLUE_CONNECTION]: {
    noun: "Glue connection",
    keys: [{ path: "authenticationConfiguration.kmsKeyArn", when: "authenticationConfiguration" }],
  },
  [GRAFANA_WORKSPACE]: keyAt("Managed Grafana workspace", "kmsKeyId"),
  // Running application state and snapshots (keyType AWS_OWNED_KEY without one).
  [KINESISANALYTICSV2_APPLICATION]: keyAt(
    "Managed Flink application",
    "applicationConfiguration.applicationEncryptionConfiguration.keyId",
  ),
  [LAMBDA_CAPACITY_PROVIDER]: keyAt("Lambda capacity provider", "kmsKeyArn"),
  // The function's filter criteria, the only data the mapping stores.
  [MAILMANAGER_INGRESS_POINT]: {
    noun: "Mail Manager ingress point",
    keys: [
      {
        path: "ingressPointConfiguration.tlsAuthConfiguration.trustStore.kmsKeyArn",
        when: "ingressPointConfiguration.tlsAuthConfiguration.trustStore",
      },
    ],
  },
  [MSK_CHANNEL]: keyAt("MSK channel", "encryptionConfiguration.kmsKeyArn"),
  // Network Firewall encrypts firewalls, policies, rule groups and TLS inspection settings with
  // an AWS-owned key unless encryptionConfiguration names type CUSTOMER_KMS and a key. Type
  // AWS_OWNED_KMS_KEY is the AWS-owned key whatever keyId says: KeyId is "the ID of the ... customer
  // managed key" the CUSTOMER_KMS type uses (Network Firewall API Reference, EncryptionConfiguration:
  // https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_EncryptionConfiguration.html).
  [NETWORKFIREWALL_FIREWALL]: firewallKey("Network Firewall firewall", "encryptionConfiguration"),
  [NETWORKFIREWALL_FIREWALL_POLICY]: firewallKey(
    "Network Firewall policy",
    "encryptionConfiguration",
  ),
  [NETWORKFIREWALL_RULE_GROUP]: firewallKey(
    "Network Firewall rule group",
    "encryptionConfiguration",
  ),
  [NETWORKFIREWALL_TLS_INSPECTION_CONFIGURATION]: firewallKey(
    "Network Firewall TLS inspection configuration",
    "encryptionConfigurations",
  ),
  [OPENSEARCH_APPLICATION]: keyAt("OpenSearch UI application", "kmsKeyArn"),
  // A collection without its own setting takes its encryption security policy's key.
  [OPENSEARCH_SERVERLESS_COLLECTION]: {
    noun: "OpenSearch Serverless collection",
    keys: [{ path: "encryptionConfigs.kmsKeyArn", when: "encryptionConfigs" }],
  },
  // The pipeline's persistent buffer.
  [OPENSEARCHINGEST_PIPELINE]: keyAt(
    "OpenSearch Ingestion pipeline",
    "encryptionAtRestOptions.kmsKeyArn",
  ),
  [PIPES_PIPE]: keyAt("EventBridge pipe", "kmsKeyIdentifier"),
  // Every database activity goes to a Kinesis data stream RDS creates and encrypts with this key
  // (RDS user guide, "Starting a database activity stream": "the KMS key ... to encrypt messages
  // in the database activity stream"): the stream is a copy of the data nothing else encrypts.
  [RDS_CLUSTER_ACTIVITY_STREAM]: keyAt("database activity stream", "kmsKeyId"),
  // The database installation files of the engine version.
  [RDS_CUSTOM_DB_ENGINE_VERSION]: keyAt("RDS Custom engine version", "kmsKeyId"),
  [RDS_INTEGRATION]: keyAt("RDS zero-ETL integration", "kmsKeyId"),
  [REDSHIFT_INTEGRATION]: keyAt("Redshift zero-ETL integration", "kmsKeyId"),
  [RESILIENCEHUB_V2_POLICY]: keyAt("Resilience Hub policy", "kmsKeyId"),
  [RESILIENCEHUB_V2_SERVICE]: keyAt("Resilience Hub service", "kmsKeyId"),
  [RESILIENCEHUB_V2_SYSTEM]: keyAt("Resilience Hub system", "kmsKeyId"),
  [SAGEMAKER_MODEL_CARD]: keyAt("SageMaker model card", "securityConfig.kmsKeyId"),
  // The credentials of the connected ticketing system.
  [SECURITYHUB_CONNECTOR_V2]: keyAt("Security Hub connector", "kmsKeyArn"),
  // Each region of the replication set; "DefaultKey" names an AWS-owned key.
  [SSMINCIDENTS_REPLICATION_SET]: {
    noun: "Incident Manager replication set",
    keys: [
      { path: "regions.kmsKeyArn", when: "regions" },
      { path: "region.kmsKeyArn", when: "region" },
    ],
  },
  [VERIFIEDACCESS_ENDPOINT]: keyAt("Verified Access endpoint", "sseSpecification.kmsKeyArn"),
  [VERIFIEDACCESS_GROUP]: keyAt("Verified Access group", "sseConfiguration.kmsKeyArn"),
  [VERIFIEDACCESS_TRUST_PROVIDER]: keyAt(
    "Verified Access trust provider",
    "sseSpecification.kmsKeyArn",
  ),
  // The account's traces (type "NONE": X-Ray's own encryption).
  [XRAY_ENCRYPTION_CONFIG]: keyAt("X-Ray encryption configuration", "keyId"),
};
