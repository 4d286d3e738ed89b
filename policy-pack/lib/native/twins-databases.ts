// The @pulumi/aws-native DynamoDB tables, Kinesis streams and RDS instances and clusters with their
// classic twins (see ./twins.ts): their keys, encryption, names, logs and authentication as the
// classic rules read them, in the spellings of 1.x and of early 0.x SDKs (./spelling.ts). Property
// names from the aws-native schema (pulumi/pulumi-aws-native sdk/nodejs/<module>/<type>.ts;
// CloudFormation's, camelCased).
import * as t from "../types";
import * as n from "./types";
import { asList } from "../values";
import type { Twin } from "./twins";
import { eitherField, spelledEither } from "./spelling";

/** A DynamoDB SSE specification's key, as 1.x (`kmsMasterKeyId`) or early 0.x SDKs spell it. */
const sseKey = (s: any): unknown => eitherField(s, "kmsMasterKeyId", "kMSMasterKeyId");

/** The fields of a DynamoDB SSE specification as 0.x SDKs spelled them, for findings' wording. */
const SSE_FIELDS_0X = { kmsMasterKeyId: "kMSMasterKeyId" };

/** A global table replica's SSE specification, as either SDK spells it. */
const replicaSse = (r: any): unknown => eitherField(r, "sseSpecification", "sSESpecification");

/**
 * A DynamoDB `sseSpecification` as the classic `serverSideEncryption { enabled, kmsKeyArn }`, the
 * key read, only when a rule asks for it, from where the table type keeps it (the table's own, or a
 * global table's first replica).
 */
function dynamoSse(v: any, key: () => unknown): unknown {
  if (v === undefined || v === null) return v;
  return {
    get enabled() {
      return eitherField(v, "sseEnabled", "sSEEnabled");
    },
    get kmsKeyArn() {
      return key();
    },
  };
}

const RDS_INSTANCE_RENAMES = {
  identifier: "dbInstanceIdentifier",
  instanceClass: "dbInstanceClass",
  caCertIdentifier: "caCertificateIdentifier",
  iamDatabaseAuthenticationEnabled: "enableIamDatabaseAuthentication",
  password: "masterUserPassword",
  replicateSourceDb: "sourceDbInstanceIdentifier",
  performanceInsightsEnabled: "enablePerformanceInsights",
  enabledCloudwatchLogsExports: "enableCloudwatchLogsExports",
};

const RDS_INSTANCE_SAYS = { password: "masterUserPassword" };

/**
 * CloudFormation's EnableCloudwatchLogsExports, the classic enabledCloudwatchLogsExports, and
 * DBClusterIdentifier, the classic clusterIdentifier (`dBClusterIdentifier` in `DBCluster` releases).
 */
const LOG_EXPORTS = {
  enabledCloudwatchLogsExports: "enableCloudwatchLogsExports",
  clusterIdentifier: "dbClusterIdentifier",
  iamDatabaseAuthenticationEnabled: "enableIamDatabaseAuthentication",
  masterPassword: "masterUserPassword",
};
const LOG_EXPORTS_V0 = {
  ...LOG_EXPORTS,
  clusterIdentifier: "dBClusterIdentifier",
  iamDatabaseAuthenticationEnabled: "enableIAMDatabaseAuthentication",
};

export const DATABASE_TWINS: [string, Twin][] = [
  // sdk/nodejs/dynamodb/table.ts: sseSpecification { sseEnabled, sseType, kmsMasterKeyId } reads
  // as the classic serverSideEncryption { enabled, kmsKeyArn }.
  [
    n.NATIVE_DYNAMODB_TABLE,
    {
      classic: t.DYNAMODB_TABLE,
      rename: { name: "tableName" },
      says: {
        "serverSideEncryption.kmsKeyArn": "sseSpecification.kmsMasterKeyId",
        serverSideEncryption: "sseSpecification",
        pointInTimeRecovery: "pointInTimeRecoverySpecification",
      },
      derive: {
        serverSideEncryption: spelledEither(
          "sseSpecification",
          "sSESpecification",
          (v: any) => dynamoSse(v, () => sseKey(v)),
          SSE_FIELDS_0X,
        ),
        // pointInTimeRecoverySpecification { pointInTimeRecoveryEnabled }: pointInTimeRecovery.
        pointInTimeRecovery: {
          from: "pointInTimeRecoverySpecification",
          map: (v: any) =>
            v === undefined || v === null
              ? v
              : {
                  get enabled() {
                    return v.pointInTimeRecoveryEnabled;
                  },
                },
        },
      },
    },
  ],
  // sdk/nodejs/dynamodb/globalTable.ts: sseSpecification { sseEnabled, sseType } for the table,
  // and each replica's key in replicas[].sseSpecification.kmsMasterKeyId (CloudFormation
  // AWS::DynamoDB::GlobalTable ReplicaSSESpecification): the first replica's key reads as the
  // table's serverSideEncryption.kmsKeyArn, the others as classic replicas.
  [
    n.NATIVE_DYNAMODB_GLOBAL_TABLE,
    {
      classic: t.DYNAMODB_TABLE,
      rename: { name: "tableName" },
      says: {
        "serverSideEncryption.kmsKeyArn": "replicas[0].sseSpecification.kmsMasterKeyId",
        serverSideEncryption: "sseSpecification",
      },
      derive: {
        serverSideEncryption: {
          ...spelledEither(
            "sseSpecification",
            "sSESpecification",
            (v: any, p: any) => dynamoSse(v, () => sseKey(replicaSse(asList(p.replicas)[0]))),
            SSE_FIELDS_0X,
          ),
          deps: ["sseSpecification", "sSESpecification", "replicas"],
        },
        replicas: {
          from: "replicas",
          map: (v: unknown) =>
            Array.isArray(v)
              ? asList(v)
                  .slice(1)
                  .map((r: any) => ({
                    get regionName() {
                      return r?.region;
                    },
                    get kmsKeyArn() {
                      return sseKey(replicaSse(r));
                    },
                  }))
              : v,
        },
      },
    },
  ],
  // sdk/nodejs/kinesis/stream.ts: streamEncryption { encryptionType, keyId }.
  [
    n.NATIVE_KINESIS_STREAM,
    {
      classic: t.KINESIS_STREAM,
      says: {
        encryptionType: "streamEncryption.encryptionType",
        kmsKeyId: "streamEncryption.keyId",
      },
      derive: {
        encryptionType: { from: "streamEncryption", map: (v: any) => v?.encryptionType },
        kmsKeyId: { from: "streamEncryption", map: (v: any) => v?.keyId },
      },
    },
  ],
  // sdk/nodejs/rds/{dbInstance,dbCluster}.ts: storageEncrypted, kmsKeyId, publiclyAccessible; the
  // instance's name is dbInstanceIdentifier (the classic identifier, which a snapshot names), its
  // class dbInstanceClass, its CA caCertificateIdentifier (the classic caCertIdentifier), IAM
  // authentication enableIamDatabaseAuthentication and the password masterUserPassword (an
  // instance's classic password, a cluster's masterPassword); multiAz is multiAZ in `DBInstance`.
  // A read replica names its source in sourceDbInstanceIdentifier (the classic replicateSourceDb);
  // an instance turns Performance Insights on with enablePerformanceInsights (the classic
  // performanceInsightsEnabled), its key performanceInsightsKmsKeyId (CloudFormation's
  // PerformanceInsightsKMSKeyId, camelCased performanceInsightsKMSKeyId by the `DBInstance` releases,
  // which spell the source sourceDBInstanceIdentifier: rds/dbinstance.d.ts of @pulumi/aws-native 0.67.0).
  // The classic `password` is a plain word, which findings name only when `says` lists it.
  [
    n.NATIVE_RDS_DB_INSTANCE,
    { classic: t.RDS_INSTANCE, rename: RDS_INSTANCE_RENAMES, says: RDS_INSTANCE_SAYS },
  ],
  [
    n.NATIVE_RDS_DB_INSTANCE_V0,
    {
      classic: t.RDS_INSTANCE,
      rename: {
        ...RDS_INSTANCE_RENAMES,
        identifier: "dBInstanceIdentifier",
        instanceClass: "dBInstanceClass",
        caCertIdentifier: "cACertificateIdentifier",
        iamDatabaseAuthenticationEnabled: "enableIAMDatabaseAuthentication",
        multiAz: "multiAZ",
        replicateSourceDb: "sourceDBInstanceIdentifier",
        performanceInsightsKmsKeyId: "performanceInsightsKMSKeyId",
      },
      says: RDS_INSTANCE_SAYS,
    },
  ],
  [n.NATIVE_RDS_DB_CLUSTER, { classic: t.RDS_CLUSTER, rename: LOG_EXPORTS }],
  [n.NATIVE_RDS_DB_CLUSTER_V0, { classic: t.RDS_CLUSTER, rename: LOG_EXPORTS_V0 }],
];
