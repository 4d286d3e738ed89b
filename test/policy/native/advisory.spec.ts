// The advisory rules people write most, for aws-native resources: deletion protection, backup
// retention and tag copying of RDS, DocumentDB and Neptune databases, CloudTrail trails' logging
// (isLogging, cloudWatchLogsLogGroupArn), Lambda tracing, DynamoDB point-in-time recovery
// (pointInTimeRecoverySpecification) and S3 bucket versioning and access logging
// (versioningConfiguration, loggingConfiguration). A compliant resource passes; each case breaks
// one field, and a value unknown at preview is a preview note.
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, res } from "../fixture";
import { Case, runCases } from "./cases";

const DATABASES = [
  n.NATIVE_RDS_DB_INSTANCE,
  n.NATIVE_RDS_DB_CLUSTER,
  n.NATIVE_DOCDB_DB_CLUSTER,
  n.NATIVE_NEPTUNE_DB_CLUSTER,
];

const trail = {
  isLogging: true,
  s3BucketName: "trail-logs",
  enableLogFileValidation: true,
  isMultiRegionTrail: true,
  includeGlobalServiceEvents: true,
  cloudWatchLogsLogGroupArn: "arn:aws:logs:eu-west-1:123456789012:log-group:trail:*",
  cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/trail-to-logs",
};

const cases: Case[] = [
  ...DATABASES.map((type): Case => ({
    rule: "rds-deletion-protection",
    type,
    inputs: { deletionProtection: true },
    prop: "deletionProtection",
    broken: [[{ deletionProtection: false }, "deletionProtection is not true"]],
  })),
  ...DATABASES.map((type): Case => ({
    rule: "rds-backup-retention",
    type,
    inputs: { backupRetentionPeriod: 14 },
    prop: "backupRetentionPeriod",
    broken: [
      [{ backupRetentionPeriod: 1 }, "backupRetentionPeriod is 1 day(s) (< 7)"],
      [{ backupRetentionPeriod: undefined }, "backupRetentionPeriod is not set"],
    ],
  })),
  ...[n.NATIVE_RDS_DB_INSTANCE, n.NATIVE_RDS_DB_CLUSTER].map((type): Case => ({
    rule: "rds-copy-tags-to-snapshot",
    type,
    inputs: { copyTagsToSnapshot: true },
    prop: "copyTagsToSnapshot",
    broken: [[{ copyTagsToSnapshot: false }, "copyTagsToSnapshot is not true"]],
  })),
  {
    rule: "cloudtrail-logging-enabled",
    type: n.NATIVE_CLOUDTRAIL_TRAIL,
    inputs: trail,
    prop: "isLogging",
    broken: [[{ isLogging: false }, "isLogging is false: the trail records nothing"]],
  },
  {
    rule: "cloudtrail-log-file-validation",
    type: n.NATIVE_CLOUDTRAIL_TRAIL,
    inputs: trail,
    prop: "enableLogFileValidation",
    broken: [[{ enableLogFileValidation: false }, "enableLogFileValidation is not true"]],
  },
  {
    rule: "cloudtrail-multi-region",
    type: n.NATIVE_CLOUDTRAIL_TRAIL,
    inputs: trail,
    prop: "isMultiRegionTrail",
    broken: [
      [{ isMultiRegionTrail: false }, "isMultiRegionTrail is not true"],
      [{ includeGlobalServiceEvents: false }, "includeGlobalServiceEvents is false"],
    ],
  },
  {
    rule: "cloudtrail-cloudwatch-logs",
    type: n.NATIVE_CLOUDTRAIL_TRAIL,
    inputs: trail,
    prop: "cloudWatchLogsLogGroupArn",
    unknownPasses: true,
    broken: [
      [{ cloudWatchLogsLogGroupArn: undefined }, "cloudWatchLogsLogGroupArn is not set"],
      [{ cloudWatchLogsRoleArn: undefined }, "cloudWatchLogsRoleArn is not set"],
    ],
  },
  {
    rule: "lambda-function-tracing",
    type: n.NATIVE_LAMBDA_FUNCTION,
    inputs: { role: "arn:aws:iam::123456789012:role/fn", tracingConfig: { mode: "Active" } },
    prop: "tracingConfig",
    broken: [
      [{ tracingConfig: { mode: "PassThrough" } }, 'tracingConfig.mode is "PassThrough"'],
      [{ tracingConfig: undefined }, "No tracingConfig"],
    ],
  },
  {
    rule: "dynamodb-table-point-in-time-recovery",
    type: n.NATIVE_DYNAMODB_TABLE,
    inputs: {
      keySchema: [{ attributeName: "pk", keyType: "HASH" }],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    },
    prop: "pointInTimeRecoverySpecification",
    broken: [
      [
        { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } },
        "pointInTimeRecoverySpecification is not enabled",
      ],
      [{ pointInTimeRecoverySpecification: undefined }, "pointInTimeRecoverySpecification"],
    ],
  },
  {
    rule: "s3-bucket-versioning-enabled",
    type: n.NATIVE_S3_BUCKET,
    inputs: { bucketName: "data", versioningConfiguration: { status: "Enabled" } },
    prop: "versioningConfiguration",
    broken: [
      [{ versioningConfiguration: { status: "Suspended" } }, "has no versioning enabled"],
      [{ versioningConfiguration: undefined }, "has no versioning enabled"],
    ],
  },
  {
    rule: "s3-bucket-logging-enabled",
    type: n.NATIVE_S3_BUCKET,
    inputs: {
      bucketName: "data",
      loggingConfiguration: { destinationBucketName: "access-logs", logFilePrefix: "data/" },
    },
    prop: "loggingConfiguration",
    broken: [[{ loggingConfiguration: undefined }, "has no server access logging"]],
  },
];

runCases("aws-native resources held to the advisory rules people write most", cases);

describe("aws-native read replicas", () => {
  it("a DbInstance with sourceDbInstanceIdentifier takes its source's backups: no backup finding", async () => {
    const replica = res(n.NATIVE_RDS_DB_INSTANCE, "replica", {
      sourceDbInstanceIdentifier: "orders",
      backupRetentionPeriod: 0,
    });
    await expectClean(policy("rds-backup-retention"), [replica]);
  });
});
