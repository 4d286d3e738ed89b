// The cases of test/fixtures/programs/kics-pulumi for KICS queries from API Gateway to EC2 (in the order of
// KICS's query folders; ./kics-pulumi-cases.ts assembles them).
import { cases, type Group, type KicsCase } from "./kics-pulumi-case";

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

const WEBSOCKET = "apigatewayv2-websocket-stage-execution-logging";

export const API_TO_EC2: KicsCase[] = [
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
];
