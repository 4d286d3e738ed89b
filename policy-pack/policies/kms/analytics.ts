// Encryption at rest with customer-managed KMS keys for search and analytics services: OpenSearch
// and Elasticsearch domains, Athena workgroups and databases, EMR security configurations, and
// Kendra indexes (Glue: ./glue.ts).
import type { KeyCheck } from "../../lib/kms/keys";
import { customerKeyPolicy } from "../../lib/kms/keys";
import { flagOn, jsonDocument, flagValue } from "../../lib/values";
import {
  ATHENA_DATABASE,
  ATHENA_WORKGROUP,
  ELASTICSEARCH_DOMAIN,
  EMR_SECURITY_CONFIGURATION,
  KENDRA_INDEX,
  OPENSEARCH_DOMAIN,
  OPENSEARCH_SERVERLESS_SECURITY_POLICY,
} from "../../lib/types";
import {
  NATIVE_ATHENA_WORK_GROUP,
  NATIVE_EMR_SECURITY_CONFIGURATION,
  NATIVE_KENDRA_INDEX,
  NATIVE_OPENSEARCHSERVERLESS_SECURITY_POLICY,
  NATIVE_OPENSEARCH_DOMAIN,
} from "../../lib/native/types";
import { awsDocs, checkov, fsbp, kics, trivy } from "../../lib/controls";

export const searchDomainKms = customerKeyPolicy({
  name: "opensearch-domain-kms-cmk",
  description:
    "OpenSearch and Elasticsearch domains encrypt data at rest with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set encryptAtRest: { enabled: true, kmsKeyId: key.arn } with the stack's customer-managed key " +
    "(aws/es is AWS-managed).",
  references: [
    checkov("CKV_AWS_5"),
    checkov("CKV_AWS_247"),
    kics("ElasticSearch Not Encrypted At Rest"),
    kics("ElasticSearch Encryption With KMS Disabled"),
    trivy("AWS-0048"),
    fsbp("Opensearch.1"),
  ],
  types: [OPENSEARCH_DOMAIN, ELASTICSEARCH_DOMAIN, NATIVE_OPENSEARCH_DOMAIN],
  noun: (r) => (r.type === OPENSEARCH_DOMAIN ? "OpenSearch domain" : "Elasticsearch domain"),
  check: (k) => {
    const atRest = k.setting("encryptAtRest");
    if (!flagOn(atRest?.enabled)) {
      k.report("encryptAtRest is not enabled: indexes and snapshots are stored unencrypted.");
      return;
    }
    k.requireKey({
      prop: "encryptAtRest",
      read: () => atRest.kmsKeyId,
      where: "encryptAtRest.kmsKeyId",
      whenNone: "the AWS-managed key aws/es",
    });
  },
});

export const opensearchServerlessEncryptionPolicyKms = customerKeyPolicy({
  name: "opensearch-serverless-encryption-policy-cmk",
  description:
    "OpenSearch Serverless encryption policies name a customer-managed KMS key (KmsARN), not the " +
    "AWS-owned key (AWSOwnedKey: true): a collection without encryption settings of its own is " +
    "encrypted with the key of the encryption policy whose rules match its name.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Write the policy as { Rules: [...], AWSOwnedKey: false, KmsARN: <the stack's key ARN> } " +
    "(pulumi.jsonStringify with key.arn), or give each collection encryptionConfigs with kmsKeyArn.",
  references: [awsDocs("opensearch-service/latest/developerguide/serverless-encryption")],
  types: [OPENSEARCH_SERVERLESS_SECURITY_POLICY, NATIVE_OPENSEARCHSERVERLESS_SECURITY_POLICY],
  noun: "OpenSearch Serverless encryption policy",
  check: (k) => {
    if (k.props.type !== "encryption") return;
    // The encryption policy document: { Rules, AWSOwnedKey, KmsARN } (OpenSearch Service
    // Developer Guide, "Encryption in Amazon OpenSearch Serverless"). A policy built from a key
    // of the stack is unknown at preview and names that key through its property dependency.
    k.requireKey({
      prop: "policy",
      read: () => {
        const doc = jsonDocument(k.props.policy);
        return doc?.AWSOwnedKey === true ? "AWS_OWNED_KEY" : doc?.KmsARN;
      },
      where: "KmsARN",
      whenNone: "an AWS-owned key",
    });
  },
});

/** Athena's encryption option for query results or a database's metadata; true if a CMK. */
function athenaEncryption(
  k: KeyCheck,
  prop: string,
  config: any,
  keyField: "kmsKeyArn" | "kmsKey",
  where: string,
): void {
  // Athena API, EncryptionConfiguration: SSE_S3, SSE_KMS or CSE_KMS (the last two with a key).
  const option = config?.encryptionOption;
  if (option === undefined || option === null) {
    k.report(`${where} has no encryption configuration: data is written unencrypted.`);
    return;
  }
  if (option !== "SSE_KMS" && option !== "CSE_KMS") {
    k.report(`${where} uses ${String(option)}, not a customer-managed KMS key.`);
    return;
  }
  k.requireKey({
    prop,
    read: () => config[keyField],
    where: `${where}.${keyField}`,
    whenNone: `${option} then uses the AWS-managed key aws/s3`,
  });
}

export const athenaKms = customerKeyPolicy({
  name: "athena-kms-cmk",
  description:
    "Athena workgroups encrypt query results with a customer-managed KMS key and enforce it on " +
    "clients; Athena databases encrypt their metadata results the same way.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set configuration.resultConfiguration.encryptionConfiguration: { encryptionOption: " +
    '"SSE_KMS", kmsKeyArn: key.arn } and keep enforceWorkgroupConfiguration true (the default); on ' +
    'databases set encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKey: key.arn }.',
  references: [
    checkov("CKV_AWS_77"),
    checkov("CKV_AWS_82"),
    checkov("CKV_AWS_159"),
    kics("Athena Workgroup Not Encrypted"),
    kics("Athena Database Not Encrypted"),
    trivy("AWS-0006"),
    trivy("AWS-0007"),
  ],
  types: [ATHENA_WORKGROUP, ATHENA_DATABASE, NATIVE_ATHENA_WORK_GROUP],
  noun: (r) => (r.type === ATHENA_WORKGROUP ? "Athena workgroup" : "Athena database"),
  check: (k) => {
    if (k.resource.type === ATHENA_DATABASE) {
      athenaEncryption(
        k,
        "encryptionConfiguration",
        k.props.encryptionConfiguration,
        "kmsKey",
        "encryptionConfiguration",
      );
      return;
    }
    const config = k.props.configuration;
    // Athena user guide, "Override client-side settings": without enforcement, every client
    // chooses its own result location and encryption.
    if (flagValue(config?.enforceWorkgroupConfiguration) === false) {
      k.report(
        "configuration.enforceWorkgroupConfiguration is false: clients may override the encryption.",
      );
    }
    // Athena user guide, "Managed query results": Athena stores the results itself, encrypted with
    // an AWS-owned key unless encryptionConfiguration.kmsKey names a customer key.
    const managed = config?.managedQueryResultsConfiguration;
    if (flagOn(managed?.enabled)) {
      k.requireKey({
        prop: "configuration",
        read: () => managed.encryptionConfiguration?.kmsKey,
        where: "configuration.managedQueryResultsConfiguration.encryptionConfiguration.kmsKey",
        whenNone: "managed query results use an AWS-owned key",
      });
      return;
    }
    athenaEncryption(
      k,
      "configuration",
      config?.resultConfiguration?.encryptionConfiguration,
      "kmsKeyArn",
      "configuration.resultConfiguration",
    );
  },
});

export const emrKms = customerKeyPolicy({
  name: "emr-security-configuration-kms-cmk",
  description:
    "EMR security configurations encrypt data at rest with customer-managed KMS keys: EMRFS data in " +
    "S3 (SSE-KMS or CSE-KMS) and the cluster's local disks (AwsKms), EBS root device and storage " +
    "volumes included (EnableEbsEncryption).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'In the configuration JSON set EncryptionConfiguration.EnableAtRestEncryption: true, S3EncryptionConfiguration { EncryptionMode: "SSE-KMS", AwsKmsKey: <key ARN> } and LocalDiskEncryptionConfiguration { EncryptionKeyProviderType: "AwsKms", AwsKmsKey: <key ARN>, EnableEbsEncryption: true } with the stack\'s customer-managed key.',
  references: [
    checkov("CKV_AWS_171"),
    checkov("CKV_AWS_349"),
    checkov("CKV_AWS_350"),
    trivy("AWS-0137"),
    trivy("AWS-0139"),
    awsDocs("emr/latest/ManagementGuide/emr-data-encryption-options"),
  ],
  types: [EMR_SECURITY_CONFIGURATION, NATIVE_EMR_SECURITY_CONFIGURATION],
  noun: "EMR security configuration",
  check: (k) => {
    // The configuration is JSON text: unknown at preview (built from key ARNs) it is a preview note.
    const doc = jsonDocument(k.props.configuration);
    if (doc === undefined) {
      k.report("configuration is not valid JSON.");
      return;
    }
    const encryption = doc?.EncryptionConfiguration;
    if (encryption?.EnableAtRestEncryption !== true) {
      k.report("EncryptionConfiguration.EnableAtRestEncryption is not true.");
      return;
    }
    const atRest = encryption.AtRestEncryptionConfiguration;
    // EMR management guide, "Encryption options": EMRFS S3 encryption SSE-S3, SSE-KMS or CSE-KMS
    // (the latter two with AwsKmsKey); local disks with AwsKms or a custom key provider.
    const s3 = atRest?.S3EncryptionConfiguration;
    const s3Mode = s3?.EncryptionMode;
    if (s3Mode !== "SSE-KMS" && s3Mode !== "CSE-KMS") {
      k.report(
        `S3EncryptionConfiguration.EncryptionMode is ${String(s3Mode ?? "unset")}, not SSE-KMS or CSE-KMS.`,
      );
    } else {
      k.requireKey({
        prop: "configuration",
        read: () => s3.AwsKmsKey,
        where: "S3EncryptionConfiguration.AwsKmsKey",
        whenNone: `${s3Mode} needs a key`,
      });
    }
    const disk = atRest?.LocalDiskEncryptionConfiguration;
    if (disk?.EncryptionKeyProviderType !== "AwsKms") {
      k.report(
        `LocalDiskEncryptionConfiguration.EncryptionKeyProviderType is ${String(disk?.EncryptionKeyProviderType || "unset")}, not AwsKms.`,
      );
    } else {
      k.requireKey({
        prop: "configuration",
        read: () => disk.AwsKmsKey,
        where: "LocalDiskEncryptionConfiguration.AwsKmsKey",
        whenNone: "AwsKms needs a key",
      });
      // EMR management guide, "Encryption options": from release 5.24.0 the EBS root device and
      // storage volumes are encrypted with the AwsKms key only when EnableEbsEncryption is set;
      // without it the root device volume is left unencrypted.
      if (disk.EnableEbsEncryption !== true) {
        k.report(
          "LocalDiskEncryptionConfiguration.EnableEbsEncryption is not true: the EBS root device volumes are not encrypted.",
        );
      }
    }
  },
});

export const kendraKms = customerKeyPolicy({
  name: "kendra-index-kms-cmk",
  description: "Kendra indexes encrypt their data with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set serverSideEncryptionConfiguration: { kmsKeyId: key.arn } with a symmetric customer key " +
    "(recreates the index).",
  references: [checkov("CKV_AWS_262")],
  types: [KENDRA_INDEX, NATIVE_KENDRA_INDEX],
  noun: "Kendra index",
  check: (k) =>
    k.requireKey({
      prop: "serverSideEncryptionConfiguration",
      read: () => k.props.serverSideEncryptionConfiguration?.kmsKeyId,
      where: "serverSideEncryptionConfiguration.kmsKeyId",
      whenNone: "an AWS-owned key",
    }),
});
