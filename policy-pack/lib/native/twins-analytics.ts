// The @pulumi/aws-native Athena work groups and Glue encryption settings, read as their classic
// twins where the CloudFormation shapes differ (CloudFormation template reference,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/; camelCased by the
// provider, pulumi/pulumi-aws-native sdk/nodejs/<module>/<type>.ts):
// - AWS::Athena::WorkGroup WorkGroupConfiguration { EnforceWorkGroupConfiguration,
//   ResultConfiguration { EncryptionConfiguration { EncryptionOption, KmsKey } },
//   ManagedQueryResultsConfiguration } as the classic configuration { enforceWorkgroupConfiguration,
//   resultConfiguration { encryptionConfiguration { encryptionOption, kmsKeyArn } }, ... };
// - AWS::Glue::SecurityConfiguration EncryptionConfiguration { S3Encryptions [{ S3EncryptionMode,
//   KmsKeyArn }], CloudWatchEncryption { CloudWatchEncryptionMode, KmsKeyArn },
//   JobBookmarksEncryption } as the classic encryptionConfiguration { s3Encryption,
//   cloudwatchEncryption { cloudwatchEncryptionMode }, jobBookmarksEncryption }: of several S3
//   encryptions the first without SSE-KMS and a key is the one judged (else the first);
// - AWS::Glue::DataCatalogEncryptionSettings DataCatalogEncryptionSettings { EncryptionAtRest,
//   ConnectionPasswordEncryption { ReturnConnectionPasswordEncrypted, KmsKeyId } }, its KmsKeyId the
//   classic awsKmsKeyId.
import * as t from "../types";
import * as n from "./types";
import { asList } from "../values";
import type { Twin } from "./twins";

/** A native work group configuration as the classic workgroup's configuration. */
function workGroupConfiguration(v: any): unknown {
  if (v === undefined || v === null) return v;
  return {
    get enforceWorkgroupConfiguration() {
      return v.enforceWorkGroupConfiguration;
    },
    get managedQueryResultsConfiguration() {
      return v.managedQueryResultsConfiguration;
    },
    get resultConfiguration() {
      const r = v.resultConfiguration;
      if (r === undefined || r === null) return r;
      return {
        get encryptionConfiguration() {
          const e = r.encryptionConfiguration;
          if (e === undefined || e === null) return e;
          return {
            get encryptionOption() {
              return e.encryptionOption;
            },
            get kmsKeyArn() {
              return e.kmsKey;
            },
          };
        },
      };
    },
  };
}

/** The S3 encryption a rule should see: the first that is not SSE-KMS with a key, else the first. */
function weakestS3(list: unknown): unknown {
  const all = asList<any>(list);
  return all.find((e) => e?.s3EncryptionMode !== "SSE-KMS" || !e?.kmsKeyArn) ?? all[0];
}

/** A native Glue encryptionConfiguration as the classic one. */
function glueEncryption(v: any): unknown {
  if (v === undefined || v === null) return v;
  return {
    get s3Encryption() {
      return weakestS3(v.s3Encryptions);
    },
    get cloudwatchEncryption() {
      const c = v.cloudWatchEncryption;
      if (c === undefined || c === null) return c;
      return {
        get cloudwatchEncryptionMode() {
          return c.cloudWatchEncryptionMode;
        },
        get kmsKeyArn() {
          return c.kmsKeyArn;
        },
      };
    },
    get jobBookmarksEncryption() {
      return v.jobBookmarksEncryption;
    },
  };
}

/** Native Data Catalog encryption settings, the password key's kmsKeyId as awsKmsKeyId. */
function catalogEncryption(v: any): unknown {
  if (v === undefined || v === null) return v;
  return {
    get encryptionAtRest() {
      return v.encryptionAtRest;
    },
    get connectionPasswordEncryption() {
      const p = v.connectionPasswordEncryption;
      if (p === undefined || p === null) return p;
      return {
        get returnConnectionPasswordEncrypted() {
          return p.returnConnectionPasswordEncrypted;
        },
        get awsKmsKeyId() {
          return p.kmsKeyId;
        },
      };
    },
  };
}

export const ANALYTICS_TWINS: [string, Twin][] = [
  [
    n.NATIVE_ATHENA_WORK_GROUP,
    {
      classic: t.ATHENA_WORKGROUP,
      derive: { configuration: { from: "workGroupConfiguration", map: workGroupConfiguration } },
      says: {
        "configuration.enforceWorkgroupConfiguration":
          "workGroupConfiguration.enforceWorkGroupConfiguration",
        "configuration.resultConfiguration.kmsKeyArn":
          "workGroupConfiguration.resultConfiguration.encryptionConfiguration.kmsKey",
        "configuration.resultConfiguration": "workGroupConfiguration.resultConfiguration",
        "configuration.managedQueryResultsConfiguration":
          "workGroupConfiguration.managedQueryResultsConfiguration",
      },
    },
  ],
  [
    n.NATIVE_GLUE_SECURITY_CONFIGURATION,
    {
      classic: t.GLUE_SECURITY_CONFIGURATION,
      derive: { encryptionConfiguration: { from: "encryptionConfiguration", map: glueEncryption } },
      says: {
        "s3Encryption.s3EncryptionMode": "s3Encryptions[].s3EncryptionMode",
        "s3Encryption.kmsKeyArn": "s3Encryptions[].kmsKeyArn",
        "cloudwatchEncryption.cloudwatchEncryptionMode":
          "cloudWatchEncryption.cloudWatchEncryptionMode",
        "cloudwatchEncryption.kmsKeyArn": "cloudWatchEncryption.kmsKeyArn",
      },
    },
  ],
  [
    n.NATIVE_GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS,
    {
      classic: t.GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS,
      derive: {
        dataCatalogEncryptionSettings: {
          from: "dataCatalogEncryptionSettings",
          map: catalogEncryption,
        },
      },
      says: { "connectionPasswordEncryption.awsKmsKeyId": "connectionPasswordEncryption.kmsKeyId" },
    },
  ],
];
