// The config keys of the opt-in backups (docs/features.md).
import { section, whenEnabled } from "./keys";

/**
 * "none": no lock. "governance": recovery points cannot be deleted before their retention except
 * by principals allowed backup:DeleteBackupVaultLockConfiguration (the lock can be removed).
 * "compliance": after a 3-day grace period the lock is immutable: nobody, not even the account root
 * or AWS, can shorten retention, delete a recovery point early or remove the lock (AWS Backup docs,
 * "AWS Backup Vault Lock").
 */
export type VaultLockMode = "none" | "governance" | "compliance";
export const VAULT_LOCK_MODES: readonly VaultLockMode[] = ["none", "governance", "compliance"];

/** The backup settings a stack's config yields when backups are on. */
export interface BackupSettings {
  /** Days each recovery point is kept (AWS Backup lifecycle deleteAfter): 1 keeps one daily backup (the MVP). */
  readonly retentionDays: number;
  /** Vault lock mode. Defaults to "none". */
  readonly vaultLock: VaultLockMode;
}

const enabled = whenEnabled("backupEnabled");

/** AWS Backup (components/backup/), off unless `backupEnabled`. */
export const BACKUP_SECTION = section({
  title: "Backups",
  summary: "Opt-in AWS Backup vault and daily plan (components/backup/, docs/features.md).",
  keys: {
    enabled: {
      key: "backupEnabled",
      kind: "boolean",
      default: false,
      description:
        "Opt-in AWS Backup vault (customer-managed key) and daily plan over the upload buckets and the application database; see docs/features.md.",
      allowed: "true or false (default false): AWS Backup vault and daily plan",
    },
    retentionDays: {
      key: "backupRetentionDays",
      kind: "integer",
      min: 1,
      max: 36500,
      default: 1,
      description: "Days each daily backup is kept (with backups only).",
      allowed: "days each daily backup is kept: an integer from 1 to 36500 (default 1)",
      appliesWhen: enabled,
    },
    vaultLock: {
      key: "backupVaultLock",
      kind: "string",
      oneOf: VAULT_LOCK_MODES,
      default: "none",
      description: "Vault lock mode (with backups only); compliance is irreversible after 3 days.",
      allowed: `"none", "governance" or "compliance" (compliance is irreversible after 3 days)`,
      appliesWhen: enabled,
    },
  },
  build: (v): BackupSettings | undefined =>
    v.enabled ? { retentionDays: v.retentionDays, vaultLock: v.vaultLock } : undefined,
});
