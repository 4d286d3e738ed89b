// Encryption at rest with customer-managed KMS keys for file systems, backups, packages and stored
// secrets: EFS and FSx file systems, AWS Backup vaults, CodeArtifact domains, Secrets Manager
// secrets and SSM SecureString parameters.
import { customerKeyPolicy } from "../../lib/kms/keys";
import {
  BACKUP_VAULT,
  CODEARTIFACT_DOMAIN,
  EFS_FILE_SYSTEM,
  FSX_LUSTRE_FILE_SYSTEM,
  FSX_ONTAP_FILE_SYSTEM,
  FSX_OPENZFS_FILE_SYSTEM,
  FSX_WINDOWS_FILE_SYSTEM,
  SECRETSMANAGER_SECRET,
  SSM_PARAMETER,
} from "../../lib/types";
import {
  NATIVE_BACKUP_VAULT,
  NATIVE_CODEARTIFACT_DOMAIN,
  NATIVE_EFS_FILE_SYSTEM,
  NATIVE_FSX_FILE_SYSTEM,
  NATIVE_SECRETSMANAGER_SECRET,
} from "../../lib/native/types";
import { asList, flagOn } from "../../lib/values";
import { checkov, fsbp, kics, trivy } from "../../lib/controls";

export const efsKms = customerKeyPolicy({
  name: "efs-file-system-kms-cmk",
  description: "EFS file systems are encrypted at rest with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set encrypted: true and kmsKeyId to the stack's customer-managed key (recreates the file " +
    "system: copy the data to a new one).",
  references: [
    checkov("CKV_AWS_42"),
    checkov("CKV_AWS_184"),
    kics("EFS Not Encrypted"),
    kics("EFS Without KMS"),
    trivy("AWS-0037"),
    fsbp("EFS.1"),
  ],
  types: [EFS_FILE_SYSTEM, NATIVE_EFS_FILE_SYSTEM],
  noun: "EFS file system",
  check: (k) => {
    // EFS user guide, "Encrypting data at rest": off unless `encrypted`; with it and no key, the
    // AWS-managed key aws/elasticfilesystem.
    if (!flagOn(k.setting("encrypted"))) {
      k.report("encrypted is not true: files are stored unencrypted.");
      return;
    }
    k.requireKey({
      prop: "kmsKeyId",
      computed: true,
      whenNone: "the AWS-managed key aws/elasticfilesystem",
    });
  },
});

const FSX_TYPES = [
  FSX_LUSTRE_FILE_SYSTEM,
  FSX_WINDOWS_FILE_SYSTEM,
  FSX_ONTAP_FILE_SYSTEM,
  FSX_OPENZFS_FILE_SYSTEM,
];

export const fsxKms = customerKeyPolicy({
  name: "fsx-file-system-kms-cmk",
  description:
    "FSx file systems (Lustre, Windows File Server, ONTAP, OpenZFS) are encrypted with a " +
    "customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set kmsKeyId to the stack's customer-managed key (recreates the file system). Scratch Lustre " +
    "file systems take no key: use a persistent deployment type for data that must stay.",
  references: [checkov("CKV_AWS_203"), checkov("CKV_AWS_178"), checkov("CKV_AWS_179")],
  types: [...FSX_TYPES, NATIVE_FSX_FILE_SYSTEM],
  noun: "FSx file system",
  check: (k) => {
    // FSx for Lustre user guide, "Encrypting data at rest": scratch file systems are encrypted
    // with FSx-managed keys and accept no KMS key; only persistent ones take kmsKeyId.
    if (
      k.resource.type === FSX_LUSTRE_FILE_SYSTEM &&
      String(k.props.deploymentType ?? "SCRATCH_1").startsWith("SCRATCH")
    ) {
      return;
    }
    k.requireKey({ prop: "kmsKeyId", computed: true, whenNone: "the AWS-managed key aws/fsx" });
  },
});

export const backupVaultKms = customerKeyPolicy({
  name: "backup-vault-cmk",
  description:
    "AWS Backup vaults encrypt recovery points with a customer-managed KMS key (kmsKeyArn), so " +
    "backups can be governed and shared for cross-account copies.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `kmsKeyArn` to the stack's customer-managed key (the vault must be recreated).",
  references: [
    checkov("CKV_AWS_166"),
    fsbp("Backup.1"),
    kics("Beta - Backup Vault Without KMS Key"),
  ],
  types: [BACKUP_VAULT, NATIVE_BACKUP_VAULT],
  noun: "backup vault",
  check: (k) =>
    k.requireKey({
      prop: "kmsKeyArn",
      computed: true,
      whenNone: "the AWS-managed key aws/backup",
    }),
});

export const codeartifactKms = customerKeyPolicy({
  name: "codeartifact-domain-kms-cmk",
  description: "CodeArtifact domains encrypt their package assets with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set encryptionKey to the stack's customer-managed key (recreates the domain and its " +
    "repositories).",
  references: [checkov("CKV_AWS_221")],
  types: [CODEARTIFACT_DOMAIN, NATIVE_CODEARTIFACT_DOMAIN],
  noun: "CodeArtifact domain",
  // CodeArtifact API, CreateDomain EncryptionKey: without it the AWS-managed key aws/codeartifact.
  check: (k) =>
    k.requireKey({
      prop: "encryptionKey",
      computed: true,
      whenNone: "the AWS-managed key aws/codeartifact",
    }),
});

export const secretsManagerKms = customerKeyPolicy({
  name: "secretsmanager-secret-cmk",
  description:
    "Secrets Manager secrets (and their replicas) are encrypted with a customer-managed KMS key, " +
    "so reading them also needs the key policy and cross-account sharing is possible.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `kmsKeyId` to the stack's customer-managed key, and a customer key of the replica's region " +
    "on every entry of `replicas` (alias/aws/secretsmanager is AWS-managed).",
  references: [
    checkov("CKV_AWS_149"),
    kics("Secretsmanager Secret Without KMS"),
    kics("Secretsmanager Secret Encrypted With AWS Managed Key"),
    trivy("AWS-0098"),
  ],
  types: [SECRETSMANAGER_SECRET, NATIVE_SECRETSMANAGER_SECRET],
  noun: "secret",
  check: (k) => {
    const managed = "the AWS-managed key aws/secretsmanager";
    k.requireKey({ prop: "kmsKeyId", whenNone: managed });
    // Secrets Manager API, ReplicaRegionType.KmsKeyId: without it the replica uses
    // aws/secretsmanager in its region.
    for (const replica of asList(k.props.replicas)) {
      k.requireKey({
        prop: "replicas",
        read: () => replica?.kmsKeyId,
        where: `replica ${String(replica?.region ?? "")}`,
        whenNone: managed,
      });
    }
  },
});

export const ssmParameterKms = customerKeyPolicy({
  name: "ssm-parameter-kms-cmk",
  description: "SSM SecureString parameters are encrypted with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set keyId to the stack's customer-managed key on every SecureString parameter " +
    "(alias/aws/ssm, the default, is AWS-managed).",
  references: [checkov("CKV_AWS_337")],
  types: [SSM_PARAMETER],
  noun: "SSM parameter",
  check: (k) => {
    // Only SecureString values are encrypted; String and StringList are plain by design.
    if (k.props.type !== "SecureString") return;
    k.requireKey({ prop: "keyId", computed: true, whenNone: "the AWS-managed key aws/ssm" });
  },
});
