// Encryption at rest with a customer-managed key for the data stores no rule of their own judges:
// one rule over a table of types, each with where it names its key. Every type here stores data
// (workspaces, vaults, file shares and volumes, agents and their memories, tables and
// vector buckets, mailboxes and archives) and, given no key, encrypts it with a key AWS owns or
// manages (each service's "data protection" or "encryption at rest" page; the provider's docs of
// the property). The KMS family spec (test/policy/kms/family.spec.ts) holds what is left.
//
// The table goes on in ../../lib/kms/stores.ts (configurations, connections, firewalls, pipelines).
// What resources write out (exports, deliveries, logs and job outputs:
// ../../lib/kms/stores-outputs.ts) is a second, advisory rule: its objects may already get the
// stack's key from the destination's default encryption, which the writer cannot show.
//
// A key named in a nested setting is required as soon as the setting's block is given (`when`,
// or `when` with `whenEquals`: an AppConfig profile stores its data only when it is "hosted"): a
// SageMaker feature group without an offline store stores nothing offline; where the block's
// absence itself means the service's own key (a Step Functions state machine without
// encryptionConfiguration), the key is required outright.
import type { StackCheckContext } from "../../lib/define";
import {
  classifyKey,
  customerKeyPolicy,
  KeyCheck,
  KeyRef,
  requireCustomerKey,
} from "../../lib/kms/keys";
import { keyAt, SERVICE_STORES, StoreEntry, StoreKey } from "../../lib/kms/stores";
import { OUTPUT_STORES } from "../../lib/kms/stores-outputs";
import {
  AMP_WORKSPACE,
  APPFABRIC_APP_BUNDLE,
  APPRUNNER_SERVICE,
  AUDITMANAGER_ACCOUNT_REGISTRATION,
  BACKUP_LOGICALLY_AIR_GAPPED_VAULT,
  BEDROCK_AGENT,
  BEDROCK_AGENT_FLOW,
  BEDROCK_AGENT_PROMPT,
  BEDROCK_AGENTCORE_MEMORY,
  BEDROCK_CUSTOM_MODEL,
  BEDROCK_GUARDRAIL,
  CUSTOMERPROFILES_DOMAIN,
  DATAZONE_DOMAIN,
  DSQL_CLUSTER,
  ECS_SERVICE,
  EFS_REPLICATION_CONFIGURATION,
  EMR_STUDIO,
  FSX_FILE_CACHE,
  M2_APPLICATION,
  M2_ENVIRONMENT,
  MAILMANAGER_ARCHIVE,
  NEPTUNEGRAPH_GRAPH,
  QBUSINESS_APPLICATION,
  S3_FILES_FILE_SYSTEM,
  S3TABLES_TABLE,
  S3TABLES_TABLE_BUCKET,
  S3VECTORS_INDEX,
  S3VECTORS_VECTOR_BUCKET,
  SAGEMAKER_FEATURE_GROUP,
  SAGEMAKER_TRAINING_JOB,
  SFN_ACTIVITY,
  SFN_STATE_MACHINE,
  STORAGEGATEWAY_CACHED_ISCSI_VOLUME,
  STORAGEGATEWAY_NFS_FILE_SHARE,
  STORAGEGATEWAY_SMB_FILE_SHARE,
  STORAGEGATEWAY_STORED_ISCSI_VOLUME,
  WORKMAIL_ORGANIZATION,
} from "../../lib/types";
import * as n from "../../lib/native/types";
import { awsDocs, checkov } from "../../lib/controls";

/** The first data stores of the table; the rest are in ../../lib/kms/stores*.ts. */
const STORES: Readonly<Record<string, StoreEntry>> = {
  [AMP_WORKSPACE]: keyAt("Prometheus workspace", "kmsKeyArn"),
  [APPFABRIC_APP_BUNDLE]: keyAt("AppFabric app bundle", "customerManagedKeyArn"),
  [APPRUNNER_SERVICE]: keyAt("App Runner service", "encryptionConfiguration.kmsKey"),
  [AUDITMANAGER_ACCOUNT_REGISTRATION]: keyAt("Audit Manager registration", "kmsKey"),
  [BACKUP_LOGICALLY_AIR_GAPPED_VAULT]: keyAt(
    "logically air-gapped backup vault",
    "encryptionKeyArn",
  ),
  [BEDROCK_AGENT]: keyAt("Bedrock agent", "customerEncryptionKeyArn"),
  [BEDROCK_AGENT_FLOW]: keyAt("Bedrock flow", "customerEncryptionKeyArn"),
  [BEDROCK_AGENT_PROMPT]: keyAt("Bedrock prompt", "customerEncryptionKeyArn"),
  [BEDROCK_AGENTCORE_MEMORY]: keyAt("Bedrock AgentCore memory", "encryptionKeyArn"),
  [BEDROCK_CUSTOM_MODEL]: keyAt("Bedrock custom model", "customModelKmsKeyId"),
  [BEDROCK_GUARDRAIL]: keyAt("Bedrock guardrail", "kmsKeyArn"),
  [CUSTOMERPROFILES_DOMAIN]: keyAt("Customer Profiles domain", "defaultEncryptionKey"),
  [DATAZONE_DOMAIN]: keyAt("DataZone domain", "kmsKeyIdentifier"),
  [DSQL_CLUSTER]: keyAt("Aurora DSQL cluster", "kmsEncryptionKey"),
  [ECS_SERVICE]: {
    noun: "ECS service",
    keys: [
      {
        path: "volumeConfiguration.managedEbsVolume.kmsKeyId",
        when: "volumeConfiguration.managedEbsVolume",
      },
    ],
  },
  [EFS_REPLICATION_CONFIGURATION]: keyAt("EFS replica", "destination.kmsKeyId"),
  [EMR_STUDIO]: keyAt("EMR Studio", "encryptionKeyArn"),
  [FSX_FILE_CACHE]: keyAt("FSx file cache", "kmsKeyId"),
  [M2_APPLICATION]: keyAt("Mainframe Modernization application", "kmsKeyId"),
  [M2_ENVIRONMENT]: keyAt("Mainframe Modernization environment", "kmsKeyId"),
  [MAILMANAGER_ARCHIVE]: keyAt("Mail Manager archive", "kmsKeyArn"),
  [NEPTUNEGRAPH_GRAPH]: keyAt("Neptune Analytics graph", "kmsKeyIdentifier"),
  [QBUSINESS_APPLICATION]: keyAt(
    "Amazon Q Business application",
    "encryptionConfiguration.kmsKeyId",
  ),
  [S3_FILES_FILE_SYSTEM]: keyAt("S3 Files file system", "kmsKeyId"),
  [S3TABLES_TABLE_BUCKET]: keyAt("S3 table bucket", "encryptionConfiguration.kmsKeyArn"),
  // A table without its own encryption setting takes its table bucket's.
  [S3TABLES_TABLE]: {
    noun: "S3 table",
    keys: [{ path: "encryptionConfiguration.kmsKeyArn", when: "encryptionConfiguration" }],
  },
  [S3VECTORS_VECTOR_BUCKET]: keyAt("S3 vector bucket", "encryptionConfigurations.kmsKeyArn"),
  // An index without its own encryption setting takes its vector bucket's.
  [S3VECTORS_INDEX]: {
    noun: "S3 vector index",
    keys: [{ path: "encryptionConfigurations.kmsKeyArn", when: "encryptionConfigurations" }],
  },
  [SAGEMAKER_FEATURE_GROUP]: {
    noun: "SageMaker feature group",
    keys: [
      { path: "offlineStoreConfig.s3StorageConfig.kmsKeyId", when: "offlineStoreConfig" },
      { path: "onlineStoreConfig.securityConfig.kmsKeyId", when: "onlineStoreConfig" },
    ],
  },
  [SAGEMAKER_TRAINING_JOB]: {
    noun: "SageMaker training job",
    keys: [
      { path: "outputDataConfig.kmsKeyId" },
      { path: "resourceConfig.volumeKmsKeyId", when: "resourceConfig" },
    ],
  },
  [SFN_ACTIVITY]: keyAt("Step Functions activity", "encryptionConfiguration.kmsKeyId"),
  [SFN_STATE_MACHINE]: keyAt("Step Functions state machine", "encryptionConfiguration.kmsKeyId"),
  [STORAGEGATEWAY_CACHED_ISCSI_VOLUME]: keyAt("Storage Gateway cached volume", "kmsKey"),
  [STORAGEGATEWAY_NFS_FILE_SHARE]: keyAt("Storage Gateway NFS file share", "kmsKeyArn"),
  [STORAGEGATEWAY_SMB_FILE_SHARE]: keyAt("Storage Gateway SMB file share", "kmsKeyArn"),
  [STORAGEGATEWAY_STORED_ISCSI_VOLUME]: keyAt("Storage Gateway stored volume", "kmsKey"),
  [WORKMAIL_ORGANIZATION]: keyAt("WorkMail organization", "kmsKeyArn"),
};

/** Every type the rule judges: what to call it in findings, and where its keys are named. */
export const OTHER_STORES: Readonly<Record<string, StoreEntry>> = {
  ...STORES,
  ...SERVICE_STORES,
};

export { OUTPUT_STORES };

/** The values at `path` below `value`, lists read element by element; absent ones left out. */
function valuesAt(value: unknown, path: readonly string[]): { value: unknown; at: string }[] {
  if (path.length === 0) return [{ value, at: "" }];
  if (Array.isArray(value)) {
    return value.flatMap((v, i) =>
      valuesAt(v, path).map((x) => ({ value: x.value, at: `[${i}]${x.at}` })),
    );
  }
  if (value === undefined || value === null || typeof value !== "object") return [];
  const [head, ...rest] = path;
  const next = (value as Record<string, unknown>)[head];
  if (rest.length === 0) return [{ value: next, at: `.${head}` }];
  return valuesAt(next, rest).map((x) => ({ value: x.value, at: `.${head}${x.at}` }));
}

/** Requires a customer-managed key at each place `key` names on the resource. */
function requireStoreKey(k: KeyCheck, key: StoreKey): void {
  const [top, ...rest] = key.path.split(".");
  const whenNone = "a key AWS owns or manages";
  if (key.when !== undefined) {
    const given = valuesAt(k.props, key.when.split(".")).some((b) =>
      key.whenEquals === undefined
        ? b.value !== undefined && b.value !== null
        : b.value === key.whenEquals,
    );
    if (!given) return;
  }
  if (rest.length === 0) {
    k.requireKey({ prop: top, where: key.path, whenNone });
    return;
  }
  const owned = key.ownedWhen;
  const field = rest[rest.length - 1];
  let found: { value: unknown; at: string }[];
  try {
    // With `ownedWhen`, the blocks that hold the key field; otherwise the key fields.
    found = valuesAt(k.props[top], owned ? rest.slice(0, -1) : rest);
  } catch {
    // A value unknown at preview: the key check reads it again, and a value built from a key of
    // this stack counts as a customer key (property dependency on the block); any other stays
    // a preview note.
    k.requireKey({
      prop: top,
      read: () => valuesAt(k.props[top], rest)[0]?.value,
      where: key.path,
      whenNone,
    });
    return;
  }
  if (owned) {
    // A list of blocks (a TLS inspection configuration's encryptionConfigurations) block by block.
    // Outside the try above: a block unknown at preview must stay a preview note, not be read as
    // a key of this stack, which would skip the owned-type field.
    found = found
      .flatMap((b) =>
        Array.isArray(b.value)
          ? b.value.map((v, i) => ({ value: v as unknown, at: `${b.at}[${i}]` }))
          : [b],
      )
      .filter((b) => b.value !== undefined && b.value !== null);
  }
  // The block is absent, or holds no key: the service's own key.
  if (found.length === 0) {
    k.requireKey({ prop: top, read: () => undefined, where: key.path, whenNone });
    return;
  }
  for (const f of found) {
    if (owned === undefined) {
      k.requireKey({ prop: top, read: () => f.value, where: `${top}${f.at}`, whenNone });
      continue;
    }
    // A block whose owned-type field names a key the service owns is reported as that key (a key
    // field beside it does not apply), any other by its key field. An owned-type field unknown at
    // preview throws: a preview note for the resource.
    const block = f.value as Record<string, unknown>;
    if (block[owned.field] === owned.equals) {
      const where = `${top}${f.at}.${owned.field}`;
      k.requireKey({ prop: top, read: () => owned.equals, where, whenNone });
    } else {
      const where = `${top}${f.at}.${field}`;
      k.requireKey({ prop: top, read: () => block[field], where, whenNone });
    }
  }
}

/**
 * Judges the keys `key` names on the resource, reporting a key reference only when `reported`
 * says so (the export rules split the cases: a key left out, a key AWS owns or manages).
 */
function judgeStoreKey(
  k: KeyCheck,
  ctx: StackCheckContext<unknown>,
  key: StoreKey,
  reported: (ref: KeyRef) => boolean,
): void {
  const only: KeyCheck = {
    ...k,
    requireKey: (spec) => {
      const read = spec.read ?? (() => k.props[spec.prop]);
      const ref = classifyKey(k.index, k.resource, spec.prop, read);
      const subject = spec.where ? `${k.what} ${spec.where}` : k.what;
      if (reported(ref)) requireCustomerKey(ctx, k.resource, subject, ref, spec.whenNone);
      return ref;
    },
  };
  requireStoreKey(only, key);
}

export const otherStoresKms = customerKeyPolicy({
  name: "data-store-kms-cmk",
  description:
    "Data stores without a rule of their own (Prometheus workspaces, Step Functions state machines, Aurora DSQL clusters, Neptune Analytics graphs, S3 table and " +
    "vector buckets, Storage Gateway shares and volumes, Bedrock agents, WorkMail, and more: the " +
    "catalogue lists every type) encrypt what they store with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Name the stack's customer-managed key in the setting the finding names (it can often only be " +
    "set when the resource is created).",
  references: [
    checkov("CKV_AWS_345"),
    checkov("CKV_AWS_346"),
    checkov("CKV_AWS_373"),
    checkov("CKV_AWS_246"),
    awsDocs("kms/latest/developerguide/concepts.html#customer-cmk (customer managed keys)"),
  ],
  // aws-native types read as their classic twins (../../lib/native/twins*.ts): listing one makes
  // every native resource whose twin is a type of the table judged, so all of those are listed.
  types: [
    ...Object.keys(OTHER_STORES),
    n.NATIVE_APS_WORKSPACE,
    n.NATIVE_APPRUNNER_SERVICE,
    n.NATIVE_DMS_INSTANCE_PROFILE,
    n.NATIVE_DRS_REPLICATION_CONFIGURATION_TEMPLATE,
    n.NATIVE_DSQL_CLUSTER,
    n.NATIVE_ECS_SERVICE,
    n.NATIVE_M2_ENVIRONMENT,
    n.NATIVE_NEPTUNEGRAPH_GRAPH,
    n.NATIVE_S3TABLES_TABLE_BUCKET,
    n.NATIVE_SFN_STATE_MACHINE,
  ],
  noun: (r) => OTHER_STORES[r.type]?.noun ?? r.type,
  check: (k) => {
    for (const key of OTHER_STORES[k.resource.type]?.keys ?? []) requireStoreKey(k, key);
  },
});

// The aws-native types whose twins are in the table (../../lib/native/twins*.ts): a Firehose
// stream's S3 destinations and backups, a SageMaker endpoint configuration's outputs.
const OUTPUT_TYPES = [
  ...Object.keys(OUTPUT_STORES),
  n.NATIVE_FIREHOSE_DELIVERY_STREAM,
  n.NATIVE_SAGEMAKER_ENDPOINT_CONFIG,
];

export const exportsKms = customerKeyPolicy({
  name: "data-export-kms-cmk",
  description:
    "What resources write out (Config deliveries, table exports, S3 Inventory reports, data " +
    "syncs, job outputs, logs delivered to S3, canary artifacts and more: the catalogue lists " +
    "every type) names a customer-managed KMS key. Advisory: without one the objects get the " +
    "destination's default encryption, which may already be the stack's key but cannot be seen " +
    "from the writer.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Name the stack's customer-managed key in the setting the finding names, or waive the " +
    "finding with the destination whose default encryption is that key.",
  references: [
    awsDocs("kms/latest/developerguide/concepts.html#customer-cmk (customer managed keys)"),
  ],
  types: OUTPUT_TYPES,
  noun: (r) => OUTPUT_STORES[r.type]?.noun ?? r.type,
  check: (k, ctx) => {
    // A key AWS owns or manages named here is data-export-no-aws-managed-key's (mandatory).
    for (const key of OUTPUT_STORES[k.resource.type]?.keys ?? [])
      judgeStoreKey(k, ctx, key, (ref) => ref.kind === "none");
  },
});

export const exportsNoAwsKey = customerKeyPolicy({
  name: "data-export-no-aws-managed-key",
  description:
    "What resources write out (the types of data-export-kms-cmk) never names a key AWS owns or " +
    "manages (alias/aws/<service>, an AWS-owned key): a key named by the writer replaces the " +
    "destination's default encryption, so an AWS-managed one is a certain downgrade. Leaving the " +
    "key out is data-export-kms-cmk's advisory finding.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Name the stack's customer-managed key in the setting the finding names, or leave it out so " +
    "the destination's default encryption (the stack's key) applies.",
  references: [
    awsDocs("kms/latest/developerguide/concepts.html#aws-managed-cmk (AWS managed keys)"),
  ],
  types: OUTPUT_TYPES,
  noun: (r) => OUTPUT_STORES[r.type]?.noun ?? r.type,
  check: (k, ctx) => {
    // Each place is judged only when a key is given there: a customer key or none is silent.
    for (const key of OUTPUT_STORES[k.resource.type]?.keys ?? [])
      judgeStoreKey(k, ctx, key, (ref) => ref.kind === "aws-managed" || ref.kind === "aws-owned");
  },
});
