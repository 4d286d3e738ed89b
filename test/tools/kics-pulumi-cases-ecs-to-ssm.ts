// The cases of test/fixtures/programs/kics-pulumi for KICS queries from ECS to SSM (in the order of
// KICS's query folders; ./kics-pulumi-cases.ts assembles them).
import { cases, type Group, type KicsCase } from "./kics-pulumi-case";

const ESLOGS: Group = {
  query: "elasticsearch_logs_disabled",
  queryName: "Elasticsearch Logs Disabled",
  rule: "opensearch-domain-slow-logs",
};

export const ECS_TO_SSM: KicsCase[] = [
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
