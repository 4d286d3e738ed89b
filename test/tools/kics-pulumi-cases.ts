// The cases of test/fixtures/programs/kics-pulumi: one per KICS test document (KICS flags its
// positives, not its negatives), the rule of ours that answers for the query, and where the pack
// deliberately disagrees with KICS, why, with the source.

export interface KicsCase {
  /** KICS's query directory under assets/queries/pulumi/aws/. */
  readonly query: string;
  /** KICS's query name (metadata.json `queryName`), as the pack cites it. */
  readonly queryName: string;
  /** The test file (and document) the resource translates. */
  readonly file: string;
  readonly kind: "positive" | "negative";
  /** The resource of the fixture program. */
  readonly resource: string;
  /** The rule that answers for the query; undefined where none does, by decision. */
  readonly rule?: string;
  /** One of the four guarantees: the finding must be mandatory. */
  readonly mandatory?: boolean;
  /** What the finding must say. */
  readonly message?: RegExp;
  /** The pack does the opposite of KICS on purpose. */
  readonly disagreement?: { readonly reason: string; readonly source: string };
}

type Group = Omit<KicsCase, "file" | "kind" | "resource">;

function cases(group: Group, rows: [KicsCase["kind"], string, string, Partial<KicsCase>?][]) {
  return rows.map(([kind, file, resource, extra]) => ({
    ...group,
    kind,
    file,
    resource,
    ...extra,
  }));
}

const DMS: Group = {
  query: "amazon_dms_replication_instance_is_publicly_accessible",
  queryName: "Amazon DMS Replication Instance Is Publicly Accessible",
  rule: "dms-replication-instance-not-public",
  mandatory: true,
};
const APILOG: Group = {
  query: "api_gateway_access_logging_disabled",
  queryName: "API Gateway Access Logging Disabled",
};
const APICERT: Group = {
  query: "api_gateway_without_ssl_certificate",
  queryName: "API Gateway Without SSL Certificate",
};
const DOCDB: Group = {
  query: "docdb_logging_disabled",
  queryName: "DocDB Logging Is Disabled",
  rule: "docdb-cluster-log-exports",
};
const DDBENC: Group = {
  query: "dynamodb_table_not_encrypted",
  queryName: "DynamoDB Table Not Encrypted",
  rule: "dynamodb-table-kms-cmk",
  mandatory: true,
};
const DDBPITR: Group = {
  query: "dynamodb_table_point_in_time_recovery_disabled",
  queryName: "DynamoDB Table Point In Time Recovery Disabled",
  rule: "dynamodb-table-point-in-time-recovery",
};
const EBSOPT: Group = {
  query: "ec2_not_ebs_optimized",
  queryName: "EC2 Not EBS Optimized",
  rule: "ec2-instance-ebs-optimized",
};
const ESLOGS: Group = {
  query: "elasticsearch_logs_disabled",
  queryName: "Elasticsearch Logs Disabled",
  rule: "opensearch-domain-slow-logs",
};

const WEBSOCKET = "apigatewayv2-websocket-stage-execution-logging";

export const CASES: KicsCase[] = [
  // KICS bccb296f-362c-4b05-9221-86d1437a1016. Left out, DMS makes the instance public (the
  // CreateReplicationInstance API's PubliclyAccessible "default value is true").
  ...cases(DMS, [
    ["positive", "positive1.yaml", "dms-replication-instance-public-positive1"],
    ["positive", "positive2.yaml", "dms-replication-instance-public-positive2"],
    ["negative", "negative1.yaml", "dms-replication-instance-public-negative1"],
  ]),
  // KICS bf4b48b9-fc1f-4552-984a-4becdb5bf503: access logs on every stage, execution logging on
  // REST stages (method settings) and WebSocket stages (default route settings).
  ...cases(APILOG, [
    [
      "positive",
      "positive.yaml",
      "apigw-access-logging-positive1",
      { rule: "apigateway-stage-access-logging" },
    ],
    [
      "positive",
      "positive2.yaml (line 13)",
      "apigw-access-logging-positive2-v2",
      { rule: WEBSOCKET },
    ],
    [
      "positive",
      "positive2.yaml (line 16)",
      "apigw-access-logging-positive2-v1",
      { rule: "apigateway-stage-execution-logging" },
    ],
    [
      "positive",
      "positive3.yaml",
      "apigw-access-logging-positive3",
      { rule: "apigateway-stage-execution-logging", message: /loggingLevel "OFF"/ },
    ],
    [
      "positive",
      "positive4.yaml (line 12)",
      "apigw-access-logging-positive4-nolevel",
      { rule: WEBSOCKET },
    ],
    [
      "positive",
      "positive4.yaml (line 22)",
      "apigw-access-logging-positive4-emptylevel",
      { rule: WEBSOCKET },
    ],
    [
      "positive",
      "positive4.yaml (lines 31, 32)",
      "apigw-access-logging-positive4-v1",
      { rule: "apigateway-stage-execution-logging" },
    ],
    [
      "negative",
      "negative.yaml",
      "apigw-access-logging-negative1",
      { rule: "apigateway-stage-access-logging" },
    ],
    [
      "negative",
      "negative.yaml",
      "apigw-access-logging-negative1",
      {
        rule: WEBSOCKET,
        disagreement: {
          reason:
            "KICS's negative gives the WebSocket stage no defaultRouteSettings, which leaves its " +
            "execution logging OFF exactly as its own positive4 (a default route without a " +
            "loggingLevel) does; the pack flags both.",
          source:
            "https://www.pulumi.com/registry/packages/aws/api-docs/apigatewayv2/stage/ " +
            "(loggingLevel: Defaults to OFF. Supported only for WebSocket APIs)",
        },
      },
    ],
  ]),
  // KICS f27791a5-e2ae-4905-8910-6f995c576d09: no rule by decision.
  ...cases(APICERT, [
    [
      "positive",
      "positive.yaml (as its rego states it)",
      "apigw-client-certificate-positive1",
      {
        disagreement: {
          reason:
            "Outside the catalogue, by decision: a client certificate only lets an HTTP back end " +
            "verify that calls come from API Gateway (a WebSocket-only setting on v2 stages); " +
            "back ends the platform reaches through Lambda, IAM or VPC links do not use it, and " +
            "KICS flags every stage without one, HTTP APIs included.",
          source:
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html",
        },
      },
    ],
    ["negative", "negative.yaml", "apigw-client-certificate-negative1"],
  ]),
  // KICS 18900ae2-9fb4-4c37-b717-1e209db9fe98
  ...cases(
    {
      query: "backup_vault_encryption_disabled",
      queryName: "Backup Vault Encryption Disabled",
      rule: "backup-vault-cmk",
      mandatory: true,
    },
    [
      ["positive", "positive1.yaml", "backup-vault-encryption-positive1"],
      ["negative", "negative1.yaml", "backup-vault-encryption-negative1"],
    ],
  ),
  // KICS 2ca87964-fe7e-4cdc-899c-427f0f3525f8
  ...cases(DOCDB, [
    ["positive", "positive1.yaml", "docdb-logging-positive1"],
    ["positive", "positive2.yaml", "docdb-logging-positive2"],
    [
      "positive",
      "positive3.yaml",
      "docdb-logging-positive3",
      {
        disagreement: {
          reason:
            "Audit logs are the security trail and the pack asks for them; KICS also wants the " +
            "profiler log, which records slow operations for performance tuning, not access.",
          source: "https://docs.aws.amazon.com/documentdb/latest/developerguide/profiling.html",
        },
      },
    ],
    ["negative", "negative1.yaml", "docdb-logging-negative1"],
  ]),
  // KICS b6a7e0ae-aed8-4a19-a993-a95760bf8836
  ...cases(DDBENC, [
    ["positive", "positive.yaml (document 1)", "dynamodb-encryption-positive1"],
    ["positive", "positive.yaml (document 2)", "dynamodb-encryption-positive2"],
    [
      "negative",
      "negative.yaml",
      "dynamodb-encryption-negative1",
      {
        disagreement: {
          reason:
            "serverSideEncryption enabled without kmsKeyArn encrypts with the AWS-managed key " +
            "aws/dynamodb; the pack's guarantee is a customer-managed key, which KICS does not ask for.",
          source:
            "https://www.pulumi.com/registry/packages/aws/api-docs/dynamodb/table/ " +
            "(serverSideEncryption.enabled: true and no kmsKeyArn is the default KMS-managed key)",
        },
      },
    ],
  ]),
  // KICS 327b0729-4c5c-4c44-8b5c-e476cd9c7290
  ...cases(DDBPITR, [
    ["positive", "positive.yaml (document 1)", "dynamodb-pitr-positive1"],
    ["positive", "positive.yaml (document 2)", "dynamodb-pitr-positive2"],
    ["negative", "negative.yaml", "dynamodb-pitr-negative1"],
  ]),
  // KICS daa581ef-731c-4121-832d-cf078f67759d (positive.yaml as its rego states it)
  ...cases(
    {
      query: "ec2_instance_monitoring_disabled",
      queryName: "EC2 Instance Monitoring Disabled",
      rule: "ec2-instance-detailed-monitoring",
    },
    [
      ["positive", "positive.yaml (monitoring left out)", "ec2-monitoring-positive1"],
      ["positive", "positive.yaml (monitoring false)", "ec2-monitoring-positive2"],
      ["negative", "negative.yaml", "ec2-monitoring-negative1"],
    ],
  ),
  // KICS d991e4ae-42ab-429b-ab43-d5e5fa9ca633
  ...cases(EBSOPT, [
    ["positive", "positive.yaml (document 1)", "ec2-ebs-optimized-positive1"],
    ["positive", "positive.yaml (document 2)", "ec2-ebs-optimized-positive2"],
    [
      "negative",
      "negative.yaml (document 1)",
      "ec2-ebs-optimized-negative1",
      {
        message: /t2\.micro cannot be EBS-optimized/,
        disagreement: {
          reason:
            "T2 instances cannot be EBS-optimized: asking for it on a t2.micro is refused at launch, " +
            "not a fix; the pack flags the type and asks for one that is EBS-optimized.",
          source:
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ebs-optimized.html (no T2 type " +
            "supports it); https://github.com/cloudposse/terraform-aws-ec2-instance/issues/174 " +
            "(ebs_optimized = true makes a t2.micro fail to provision)",
        },
      },
    ],
    ["negative", "negative.yaml (document 2)", "ec2-ebs-optimized-negative2"],
  ]),
  // KICS abcefee4-a0c1-4245-9f82-a473f79a9e2f
  ...cases(
    {
      query: "ecs_cluster_container_insights_disabled",
      queryName: "ECS Cluster with Container Insights Disabled",
      rule: "ecs-cluster-container-insights",
    },
    [
      ["positive", "positive1.yaml", "ecs-container-insights-positive1"],
      ["positive", "positive2.yaml", "ecs-container-insights-positive2"],
      ["positive", "positive3.yaml", "ecs-container-insights-positive3"],
      ["negative", "negative1.yaml", "ecs-container-insights-negative1"],
    ],
  ),
  // KICS 9b18fc19-7fb8-49b1-8452-9c757c70f926
  ...cases(
    {
      query: "elasticache_nodes_not_created_across_multi_az",
      queryName: "ElastiCache Nodes Not Created Across Multi AZ",
      rule: "elasticache-memcached-cross-az",
    },
    [
      ["positive", "positive.yaml (document 1)", "elasticache-cross-az-positive1"],
      ["positive", "positive.yaml (document 2)", "elasticache-cross-az-positive2"],
      ["negative", "negative.yaml (document 1)", "elasticache-cross-az-negative1"],
      ["negative", "negative.yaml (document 2)", "elasticache-cross-az-negative2"],
    ],
  ),
  // KICS e93bbe63-a631-4c0f-b6ef-700d48441ff2
  ...cases(
    {
      query: "elasticache_redis_cluster_without_backup",
      queryName: "ElastiCache Redis Cluster Without Backup",
      rule: "elasticache-backup-retention",
    },
    [
      ["positive", "positive.yaml (document 1)", "elasticache-redis-backup-positive1"],
      ["positive", "positive.yaml (document 2)", "elasticache-redis-backup-positive2"],
      ["negative", "negative.yaml (document 1)", "elasticache-redis-backup-negative1"],
      ["negative", "negative.yaml (document 2)", "elasticache-redis-backup-negative2"],
    ],
  ),
  // KICS a1120ee4-a712-42d9-8fb5-22595fed643b
  ...cases(ESLOGS, [
    ["positive", "positive1.yaml", "es-logs-positive1"],
    [
      "positive",
      "positive2.yaml",
      "es-logs-positive2",
      {
        disagreement: {
          reason:
            "A log publishing option without `enabled` is enabled (the provider's default is " +
            "true), so both slow logs are published; KICS reads the missing key as off.",
          source:
            "hashicorp/terraform-provider-aws, internal/service/elasticsearch/domain.go, which the " +
            "Pulumi provider bridges: log_publishing_options.enabled is Optional, Default: true",
        },
      },
    ],
    ["positive", "positive3.yaml", "es-logs-positive3"],
    [
      "negative",
      "negative1.yaml",
      "es-logs-negative1",
      {
        message: /SEARCH_SLOW_LOGS/,
        disagreement: {
          reason:
            "KICS accepts any one enabled log; the pack's slow-log rule asks for both the search " +
            "and the indexing slow logs (advisory), and this domain publishes only the indexing one.",
          source:
            "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createdomain-configure-slow-logs.html",
        },
      },
    ],
  ]),
  // KICS 00603add-7f72-448f-a6c0-9e456a7a3f94
  ...cases(
    {
      query: "elasticsearch_with_https_disabled",
      queryName: "Elasticsearch with HTTPS disabled",
      rule: "opensearch-domain-https-tls12",
    },
    [
      ["positive", "positive1.yaml", "elasticsearch-https-positive1"],
      ["negative", "negative1.yaml", "elasticsearch-https-negative1"],
    ],
  ),
  // KICS de92dd34-1b88-43e8-b825-6e02d73c4549
  ...cases(
    {
      query: "iam_password_without_lowercase_letter",
      queryName: "IAM Password Without Lowercase Letter",
      rule: "iam-password-policy-lowercase",
    },
    [
      ["positive", "positive.yaml (document 1)", "iam-password-lowercase-positive1"],
      ["positive", "positive.yaml (document 2)", "iam-password-lowercase-positive2"],
      ["negative", "negative.yaml", "iam-password-lowercase-negative1"],
    ],
  ),
  // KICS 9850d621-7485-44f7-8bdd-b3cf426315cf
  ...cases(
    {
      query: "iam_password_without_minimum_length",
      queryName: "IAM Password Without Minimum Length",
      rule: "iam-password-policy-minimum-length",
    },
    [
      ["positive", "positive.yaml (document 1)", "iam-password-length-positive1"],
      [
        "positive",
        "positive.yaml (document 2)",
        "iam-password-length-positive2",
        { message: /minimumPasswordLength is 10/ },
      ],
      ["negative", "negative.yaml", "iam-password-length-negative1"],
    ],
  ),
  // KICS 647de8aa-5a42-41b5-9faf-22136f117380
  ...cases(
    {
      query: "rds_db_instance_publicly_accessible",
      queryName: "RDS DB Instance Publicly Accessible",
      rule: "rds-not-publicly-accessible",
      mandatory: true,
    },
    [
      ["positive", "positive1.yaml", "rds-public-positive1"],
      ["negative", "negative1.yaml", "rds-public-negative1"],
      ["negative", "negative2.yaml", "rds-public-negative2"],
    ],
  ),
  // KICS e338c1af-2471-41b1-af28-929a28227e41
  ...cases(
    {
      query: "rds_multi_az_deployment_disabled",
      queryName: "RDS Multi-AZ Deployment Disabled",
      rule: "rds-instance-multi-az",
    },
    [
      ["positive", "positive1.yaml", "rds-multi-az-positive1"],
      ["positive", "positive2.yaml", "rds-multi-az-positive2"],
      ["negative", "negative1.yaml", "rds-multi-az-negative1"],
    ],
  ),
  // KICS 8ed96160-aa71-4c13-8e91-2b961584345b
  ...cases(
    {
      query: "ssm_parameter_encrypted_with_default_key",
      queryName: "SSM Parameter Encrypted With Default Key",
      rule: "ssm-parameter-kms-cmk",
      mandatory: true,
    },
    [
      ["positive", "positive1.yaml", "ssm-parameter-default-key-positive1"],
      ["negative", "negative1.yaml", "ssm-parameter-default-key-negative1"],
      ["negative", "negative2.yaml", "ssm-parameter-default-key-negative2"],
    ],
  ),
];
