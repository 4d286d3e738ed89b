// Encryption at rest with customer-managed KMS keys for AWS Glue: the Data Catalog (metadata and
// connection passwords), security configurations, and the crawlers, jobs and development endpoints
// that must name one.
import { customerKeyPolicy } from "../../lib/kms/keys";
import { resourcePolicy } from "../../lib/define";
import {
  GLUE_CRAWLER,
  GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS,
  GLUE_DEV_ENDPOINT,
  GLUE_JOB,
  GLUE_SECURITY_CONFIGURATION,
} from "../../lib/types";
import {
  NATIVE_GLUE_CRAWLER,
  NATIVE_GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS,
  NATIVE_GLUE_JOB,
  NATIVE_GLUE_SECURITY_CONFIGURATION,
} from "../../lib/native/types";
import { awsDocs, checkov, kics } from "../../lib/controls";
import { flagOn } from "../../lib/values";

/**
 * What a security configuration encrypts for each Glue resource (AWS Glue developer guide,
 * https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html): a crawler
 * writes only CloudWatch logs; a job writes S3 targets, CloudWatch logs and its job bookmarks; a
 * development endpoint writes S3 targets.
 */
const GLUE_COMPONENTS: Record<string, { noun: string; writes: string }> = {
  [GLUE_CRAWLER]: { noun: "Glue crawler", writes: "its CloudWatch logs are" },
  [GLUE_JOB]: {
    noun: "Glue job",
    writes: "its S3 output, CloudWatch logs and job bookmarks are",
  },
  [GLUE_DEV_ENDPOINT]: { noun: "Glue development endpoint", writes: "its S3 output is" },
};

export const glueSecurityConfigurationAttached = resourcePolicy({
  name: "glue-security-configuration-attached",
  description:
    "Glue crawlers, jobs and development endpoints name a security configuration " +
    "(securityConfiguration), whose KMS keys (judged by glue-kms-cmk) encrypt what each writes: " +
    "a crawler its CloudWatch logs; a job its S3 output, CloudWatch logs and job bookmarks; a " +
    "development endpoint its S3 output. Without one, these are not encrypted with a customer key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Create an aws.glue.SecurityConfiguration with SSE-KMS for S3 and CloudWatch and CSE-KMS for " +
    "job bookmarks (the stack's customer-managed key), and set `securityConfiguration` to its name.",
  references: [checkov("CKV_AWS_195"), awsDocs("glue/latest/dg/encryption-security-configuration")],
  types: [...Object.keys(GLUE_COMPONENTS), NATIVE_GLUE_JOB, NATIVE_GLUE_CRAWLER],
  check: (props, ctx, args) => {
    const name = props.securityConfiguration;
    if (typeof name !== "string" || name.trim() === "") {
      const { noun, writes } = GLUE_COMPONENTS[args.type];
      ctx.report(
        `${noun} has no securityConfiguration: ${writes} not encrypted with a customer-managed key.`,
      );
    }
  },
});

export const glueKms = customerKeyPolicy({
  name: "glue-kms-cmk",
  description:
    "The Glue Data Catalog (metadata and connection passwords) and Glue security configurations " +
    "(S3 output, CloudWatch logs, job bookmarks) encrypt with customer-managed KMS keys.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Catalog: encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: key.arn } and ' +
    "connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: " +
    'key.arn }. Security configurations: s3EncryptionMode "SSE-KMS", cloudwatchEncryptionMode ' +
    '"SSE-KMS" and jobBookmarksEncryptionMode "CSE-KMS", each with kmsKeyArn.',
  references: [
    checkov("CKV_AWS_94"),
    checkov("CKV_AWS_99"),
    kics("Glue Data Catalog Encryption Disabled"),
    kics("Glue Security Configuration Encryption Disabled"),
  ],
  types: [
    GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS,
    GLUE_SECURITY_CONFIGURATION,
    NATIVE_GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS,
    NATIVE_GLUE_SECURITY_CONFIGURATION,
  ],
  noun: (r) =>
    r.type === GLUE_SECURITY_CONFIGURATION
      ? "Glue security configuration"
      : "Glue Data Catalog encryption settings",
  check: (k) => {
    if (k.resource.type === GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS) {
      const settings = k.props.dataCatalogEncryptionSettings;
      const atRest = settings?.encryptionAtRest;
      // Glue API, EncryptionAtRest.CatalogEncryptionMode: DISABLED, SSE-KMS or
      // SSE-KMS-WITH-SERVICE-ROLE; without SseAwsKmsKeyId the AWS-managed key aws/glue is used.
      const mode = atRest?.catalogEncryptionMode;
      if (mode !== "SSE-KMS" && mode !== "SSE-KMS-WITH-SERVICE-ROLE") {
        k.report(`encryptionAtRest.catalogEncryptionMode is ${String(mode ?? "unset")}.`);
      } else {
        k.requireKey({
          prop: "dataCatalogEncryptionSettings",
          read: () => atRest.sseAwsKmsKeyId,
          where: "encryptionAtRest.sseAwsKmsKeyId",
          whenNone: "the AWS-managed key aws/glue",
        });
      }
      const passwords = settings?.connectionPasswordEncryption;
      if (!flagOn(passwords?.returnConnectionPasswordEncrypted)) {
        k.report("connectionPasswordEncryption.returnConnectionPasswordEncrypted is not true.");
      } else {
        k.requireKey({
          prop: "dataCatalogEncryptionSettings",
          read: () => passwords.awsKmsKeyId,
          where: "connectionPasswordEncryption.awsKmsKeyId",
          whenNone: "connection passwords are not encrypted with a customer key",
        });
      }
      return;
    }
    const config = k.props.encryptionConfiguration;
    const parts: [string, any, string, string][] = [
      ["s3Encryption", config?.s3Encryption, "s3EncryptionMode", "SSE-KMS"],
      ["cloudwatchEncryption", config?.cloudwatchEncryption, "cloudwatchEncryptionMode", "SSE-KMS"],
      [
        "jobBookmarksEncryption",
        config?.jobBookmarksEncryption,
        "jobBookmarksEncryptionMode",
        "CSE-KMS",
      ],
    ];
    for (const [block, value, modeField, wanted] of parts) {
      const mode = value?.[modeField];
      if (mode !== wanted) {
        k.report(`${block}.${modeField} is ${String(mode ?? "unset")}, not ${wanted}.`);
        continue;
      }
      k.requireKey({
        prop: "encryptionConfiguration",
        read: () => value.kmsKeyArn,
        where: `${block}.kmsKeyArn`,
        whenNone: `${wanted} needs a key`,
      });
    }
  },
});
