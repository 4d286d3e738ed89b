// Encryption of the snapshots a program takes: EBS snapshots, RDS, Aurora, DocumentDB, Neptune and
// Redshift (cluster and Serverless) snapshots, and FSx backups. None of them takes a key of its
// own: a snapshot is encrypted, and with the same key, exactly when its source is (EC2 API
// CreateSnapshot: "Snapshots that are taken from encrypted volumes are automatically encrypted";
// https://docs.aws.amazon.com/ebs/latest/userguide/ebs-creating-snapshot.html, "Snapshot
// encryption"; the RDS User Guide, "Encrypting Amazon RDS resources", says the same of an
// encrypted instance's snapshots). The provider shows `encrypted`/`storageEncrypted` and
// `kmsKeyId` only as outputs, so a scan of key inputs cannot see these types.
//
// A source in the stack is judged through its inputs (known at preview). A source outside the
// stack is judged by the snapshot's own outputs, known after apply; before that they are absent
// or unknown, and the finding is the engine's "can't run during preview" note, never a pass.
import type { PolicyResource } from "@pulumi/policy";
import { customerKeyPolicy, KeyCheck } from "../../lib/kms/keys";
import { classifyKey, classifyLiteralKey, describeKeyRef } from "../../lib/kms/keys";
import { literalId } from "../../lib/references";
import { flagOn, programSetting, stringProp, unknownError } from "../../lib/values";
import {
  DOCDB_CLUSTER,
  DOCDB_CLUSTER_SNAPSHOT,
  EBS_SNAPSHOT,
  EBS_VOLUME,
  FSX_BACKUP,
  FSX_LUSTRE_FILE_SYSTEM,
  FSX_ONTAP_FILE_SYSTEM,
  FSX_OPENZFS_FILE_SYSTEM,
  FSX_WINDOWS_FILE_SYSTEM,
  NEPTUNE_CLUSTER,
  NEPTUNE_CLUSTER_SNAPSHOT,
  RDS_CLUSTER,
  RDS_CLUSTER_SNAPSHOT,
  RDS_INSTANCE,
  RDS_SNAPSHOT,
  REDSHIFT_CLUSTER,
  REDSHIFT_CLUSTER_SNAPSHOT,
  REDSHIFTSERVERLESS_NAMESPACE,
  REDSHIFTSERVERLESS_SNAPSHOT,
} from "../../lib/types";
import { awsDocs, checkov, kics } from "../../lib/controls";
import { NATIVE_RDS_CLUSTER_SNAPSHOT, NATIVE_RDS_DB_SNAPSHOT } from "../../lib/native/types";

/** Where a snapshot names its source, and where source and snapshot state their encryption. */
interface SnapshotKind {
  readonly noun: string;
  /** The snapshot's input naming its source. */
  readonly sourceProp: string;
  readonly sourceTypes: readonly string[];
  readonly sourceNoun: string;
  /** The source input that holds the identifier a literal reference names (none: the id). */
  readonly sourceIdentifier?: string;
  /** The source's encryption switch (none: always encrypted) and what AWS assumes when unset. */
  readonly sourceFlag?: string;
  readonly flagDefault?: boolean;
  readonly sourceKey: string;
  /** The snapshot's own encryption output (none: the snapshot is always encrypted). */
  readonly flag?: string;
  /** What AWS uses when the source is encrypted without a key of its own. */
  readonly whenNone: string;
}

const RDS_MANAGED = "the AWS-managed key aws/rds";
const cluster = (noun: string, type: string, sourceKey = "kmsKeyId"): SnapshotKind => ({
  noun: `${noun} snapshot`,
  sourceProp: "dbClusterIdentifier",
  sourceTypes: [type],
  sourceNoun: noun,
  sourceIdentifier: "clusterIdentifier",
  sourceFlag: "storageEncrypted",
  sourceKey,
  flag: "storageEncrypted",
  whenNone: RDS_MANAGED,
});

const KINDS: Record<string, SnapshotKind> = {
  [EBS_SNAPSHOT]: {
    noun: "EBS snapshot",
    sourceProp: "volumeId",
    sourceTypes: [EBS_VOLUME],
    sourceNoun: "EBS volume",
    sourceFlag: "encrypted",
    sourceKey: "kmsKeyId",
    flag: "encrypted",
    whenNone: "the AWS-managed key aws/ebs",
  },
  [RDS_SNAPSHOT]: {
    noun: "RDS DB snapshot",
    sourceProp: "dbInstanceIdentifier",
    sourceTypes: [RDS_INSTANCE],
    sourceNoun: "RDS DB instance",
    sourceIdentifier: "identifier",
    sourceFlag: "storageEncrypted",
    sourceKey: "kmsKeyId",
    flag: "encrypted",
    whenNone: RDS_MANAGED,
  },
  [RDS_CLUSTER_SNAPSHOT]: cluster("RDS cluster", RDS_CLUSTER),
  [DOCDB_CLUSTER_SNAPSHOT]: cluster("DocumentDB cluster", DOCDB_CLUSTER),
  [NEPTUNE_CLUSTER_SNAPSHOT]: cluster("Neptune cluster", NEPTUNE_CLUSTER, "kmsKeyArn"),
  // Redshift encrypts new clusters by default (`encrypted` defaults to true in the provider), so
  // only an explicit "false" leaves the snapshot unencrypted.
  [REDSHIFT_CLUSTER_SNAPSHOT]: {
    noun: "Redshift cluster snapshot",
    sourceProp: "clusterIdentifier",
    sourceTypes: [REDSHIFT_CLUSTER],
    sourceNoun: "Redshift cluster",
    sourceIdentifier: "clusterIdentifier",
    sourceFlag: "encrypted",
    flagDefault: true,
    sourceKey: "kmsKeyId",
    whenNone: "an AWS-owned key",
  },
  [REDSHIFTSERVERLESS_SNAPSHOT]: {
    noun: "Redshift Serverless snapshot",
    sourceProp: "namespaceName",
    sourceTypes: [REDSHIFTSERVERLESS_NAMESPACE],
    sourceNoun: "Redshift Serverless namespace",
    sourceIdentifier: "namespaceName",
    sourceKey: "kmsKeyId",
    whenNone: "an AWS-owned key",
  },
  // FSx encrypts every file system and its backups, with aws/fsx unless a key is named.
  [FSX_BACKUP]: {
    noun: "FSx backup",
    sourceProp: "fileSystemId",
    sourceTypes: [
      FSX_LUSTRE_FILE_SYSTEM,
      FSX_ONTAP_FILE_SYSTEM,
      FSX_OPENZFS_FILE_SYSTEM,
      FSX_WINDOWS_FILE_SYSTEM,
    ],
    sourceNoun: "FSx file system",
    sourceKey: "kmsKeyId",
    whenNone: "the AWS-managed key aws/fsx",
  },
};

/** The source of a snapshot in the stack: by property dependency, else by literal id/identifier. */
function sourceOf(k: KeyCheck, kind: SnapshotKind): PolicyResource | undefined {
  const linked = k.index.referenced(k.resource, kind.sourceProp, ...kind.sourceTypes);
  if (linked.length) return linked[0];
  const named = stringProp(k.resource.props, kind.sourceProp);
  if (!named) return undefined;
  return k.index.ofType(...kind.sourceTypes).find((s) => {
    if (literalId(s) === named) return true;
    return kind.sourceIdentifier ? stringProp(s.props, kind.sourceIdentifier) === named : false;
  });
}

/** Judges the snapshot through its source's inputs. */
function judgeSource(k: KeyCheck, kind: SnapshotKind, source: PolicyResource): void {
  const of = `its source ${kind.sourceNoun} "${source.name}"`;
  if (kind.sourceFlag) {
    const flag = source.props[kind.sourceFlag];
    if (!(flag === undefined ? kind.flagDefault === true : flagOn(flag))) {
      k.report(`${of} does not set ${kind.sourceFlag}: true, so the snapshot is not encrypted.`);
      return;
    }
  }
  const ref = classifyKey(k.index, source, kind.sourceKey, () =>
    programSetting(source, kind.sourceKey),
  );
  if (ref.kind === "customer") return;
  k.report(
    `it takes the key of ${of}, and ${describeKeyRef(ref, kind.whenNone)}, not a customer-managed key.`,
  );
}

/**
 * Judges a snapshot of a source outside the stack by its own outputs. They are output-only: absent
 * from a resource's inputs before it exists, known once AWS reports them (at `pulumi up`), so an
 * absent one is "known only after apply" (a preview note), never a pass.
 */
function judgeOutputs(k: KeyCheck, kind: SnapshotKind): void {
  const of = `the snapshot of ${kind.sourceNoun} "${String(k.props[kind.sourceProp] ?? "")}"`;
  const known = (prop: string): unknown => {
    const value = k.props[prop];
    if (value === undefined || value === null) {
      throw unknownError(`${prop} of ${of} is reported by AWS only after apply`);
    }
    return value;
  };
  if (kind.flag) {
    const flag = known(kind.flag);
    if (!flagOn(flag)) {
      k.report(`${kind.flag} is ${String(flag)}: ${of} is not encrypted.`);
      return;
    }
  }
  const ref = classifyLiteralKey(String(known("kmsKeyId")));
  if (ref.kind === "customer") return;
  k.report(`${describeKeyRef(ref, kind.whenNone)}, not a customer-managed key.`);
}

export const snapshotKms = customerKeyPolicy({
  name: "snapshot-kms-cmk",
  description:
    "EBS snapshots, RDS, Aurora, DocumentDB, Neptune and Redshift snapshots, and FSx backups the " +
    "program takes are encrypted with a customer-managed KMS key: a snapshot keeps its source's " +
    "encryption and key, so the source volume, database or file system must use one.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Snapshot only sources encrypted with a customer-managed key: set encrypted: true and kmsKeyId " +
    "on the aws.ebs.Volume, storageEncrypted: true and kmsKeyId (kmsKeyArn for Neptune) on the " +
    "database, kmsKeyId on the Redshift cluster or namespace and on the FSx file system. To " +
    "re-encrypt an existing snapshot, copy it with aws.ebs.SnapshotCopy or aws.rds.SnapshotCopy / " +
    "ClusterSnapshotCopy naming the key.",
  references: [
    checkov("CKV_AWS_4"),
    checkov("CKV_AWS_279"),
    checkov("CKV_AWS_280"),
    checkov("CKV_AWS_146"),
    kics("EBS Volume Snapshot Not Encrypted"),
    awsDocs("ebs/latest/userguide/ebs-encryption (snapshots of encrypted volumes)"),
    awsDocs("AmazonRDS/latest/UserGuide/Overview.Encryption (snapshots use the instance's key)"),
  ],
  // aws-native DbSnapshot and ClusterSnapshot read as the RDS ones (../../lib/native/twins-data.ts).
  types: [...Object.keys(KINDS), NATIVE_RDS_DB_SNAPSHOT, NATIVE_RDS_CLUSTER_SNAPSHOT],
  noun: (r) => KINDS[r.type].noun,
  check: (k) => {
    const kind = KINDS[k.resource.type];
    const source = sourceOf(k, kind);
    if (source) judgeSource(k, kind, source);
    else judgeOutputs(k, kind);
  },
});
