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
import { renamedBlock } from "./classic-props";

/** A native work group configuration as the classic workgroup's configuration. */
const workGroupConfiguration = renamedBlock({
  enforceWorkgroupConfiguration: "enforceWorkGroupConfiguration",
  managedQueryResultsConfiguration: "managedQueryResultsConfiguration",
  resultConfiguration: {
    from: "resultConfiguration",
    map: renamedBlock({
      encryptionConfiguration: {
        from: "encryptionConfiguration",
        map: renamedBlock({ encryptionOption: "encryptionOption", kmsKeyArn: "kmsKey" }),
      },
    }),
  },
});

/** The S3 encryption a rule should see: the first that is not SSE-KMS with a key, else the first. */
function weakestS3(list: unknown): unknown {
  const all = asList<any>(list);
  return all.find((e) => e?.s3EncryptionMode !== "SSE-KMS" || !e?.kmsKeyArn) ?? all[0];
}

/** A native Glue encryptionConfiguration as the classic one. */
const glueEncryption = renamedBlock({
  s3Encryption: { from: "s3Encryptions", map: weakestS3 },
  cloudwatchEncryption: {
    from: "cloudWatchEncryption",
    map: renamedBlock({
      cloudwatchEncryptionMode: "cloudWatchEncryptionMode",
      kmsKeyArn: "kmsKeyArn",
    }),
  },
  jobBookmarksEncryption: "jobBookmarksEncryption",
});

/** Native Data Catalog encryption settings, the password key's kmsKeyId as awsKmsKeyId. */
const catalogEncryption = renamedBlock({
  encryptionAtRest: "encryptionAtRest",
  connectionPasswordEncryption: {
    from: "connectionPasswordEncryption",
    map: renamedBlock({
      returnConnectionPasswordEncrypted: "returnConnectionPasswordEncrypted",
      awsKmsKeyId: "kmsKeyId",
    }),
  },
});

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
