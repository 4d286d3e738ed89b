// Snapshots a program takes keep their source's encryption and key: a compliant snapshot of a
// source encrypted with the stack's key, then one field broken at a time (on the source in the
// stack, or on the snapshot's own outputs when the source is outside it). Checkov's
// NeptuneClusterSnapshotEncrypted fixtures (CKV_AWS_279/280) and EBSSnapshotEncryption (CKV_AWS_4)
// translated to Pulumi inputs; and Neptune global clusters (the family's missing type).
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { awsManaged, KEY_ARN, policyNamed, run, stackKey, UNKNOWN } from "../fixtures/kms";

type Resource = ReturnType<typeof res>;

/** [snapshot type, its source input, source type, source flag, source key input, snapshot flag]. */
const KINDS: readonly (readonly [string, string, string, string | null, string, string | null])[] =
  [
    [T.EBS_SNAPSHOT, "volumeId", T.EBS_VOLUME, "encrypted", "kmsKeyId", "encrypted"],
    [
      T.RDS_SNAPSHOT,
      "dbInstanceIdentifier",
      T.RDS_INSTANCE,
      "storageEncrypted",
      "kmsKeyId",
      "encrypted",
    ],
    [
      T.RDS_CLUSTER_SNAPSHOT,
      "dbClusterIdentifier",
      T.RDS_CLUSTER,
      "storageEncrypted",
      "kmsKeyId",
      "storageEncrypted",
    ],
    [
      T.DOCDB_CLUSTER_SNAPSHOT,
      "dbClusterIdentifier",
      T.DOCDB_CLUSTER,
      "storageEncrypted",
      "kmsKeyId",
      "storageEncrypted",
    ],
    [
      T.NEPTUNE_CLUSTER_SNAPSHOT,
      "dbClusterIdentifier",
      T.NEPTUNE_CLUSTER,
      "storageEncrypted",
      "kmsKeyArn",
      "storageEncrypted",
    ],
    [
      T.REDSHIFT_CLUSTER_SNAPSHOT,
      "clusterIdentifier",
      T.REDSHIFT_CLUSTER,
      "encrypted",
      "kmsKeyId",
      null,
    ],
    [
      T.REDSHIFTSERVERLESS_SNAPSHOT,
      "namespaceName",
      T.REDSHIFTSERVERLESS_NAMESPACE,
      null,
      "kmsKeyId",
      null,
    ],
    [T.FSX_BACKUP, "fileSystemId", T.FSX_WINDOWS_FILE_SYSTEM, null, "kmsKeyId", null],
  ];

describe("snapshot-kms-cmk", () => {
  const p = policyNamed(policies, "snapshot-kms-cmk");
  for (const [type, sourceProp, sourceType, sourceFlag, sourceKey, flag] of KINDS) {
    describe(type, () => {
      /** The source, encrypted with the stack's key (`inputs` replace its fields), and its snapshot. */
      const stack = (inputs: Record<string, unknown> = {}): Resource[] => {
        const key = stackKey();
        const source = res(
          sourceType,
          "source",
          { ...(sourceFlag ? { [sourceFlag]: true } : {}), [sourceKey]: UNKNOWN, ...inputs },
          { refs: { [sourceKey]: [key] } },
        );
        const snapshot = res(
          type,
          "snap",
          { [sourceProp]: UNKNOWN },
          {
            refs: { [sourceProp]: [source] },
          },
        );
        return [key, source, snapshot];
      };
      /** A snapshot of a source outside the stack, with its own outputs as apply shows them. */
      const external = (outputs: Record<string, unknown>): Resource[] => [
        res(type, "snap", { [sourceProp]: "external-source", ...outputs }),
      ];
      const encrypted = flag ? { [flag]: true } : {};

      it("a snapshot of a source encrypted with the stack's key", async () => {
        expect(await run(p, stack())).to.deep.equal(clean);
      });
      it("a snapshot of an external source whose outputs show a customer key", async () => {
        expect(await run(p, external({ ...encrypted, kmsKeyId: KEY_ARN }))).to.deep.equal(clean);
      });
      it("the source names no key", async () => {
        const r = await run(p, stack({ [sourceKey]: undefined }));
        expect(r.violations).to.have.length(1);
        expect(r.violations[0]).to.match(/it takes the key of its source .* no KMS key is set/);
      });
      it("the source names an AWS-managed key", async () => {
        const r = await run(p, stack({ [sourceKey]: awsManaged("rds") }));
        expect(r.violations[0]).to.match(/the AWS-managed key alias\/aws\/rds/);
      });
      if (sourceFlag) {
        it(`the source sets ${sourceFlag}: false`, async () => {
          const r = await run(p, stack({ [sourceFlag]: false }));
          expect(r.violations).to.have.length(1);
          expect(r.violations[0]).to.include(
            `"source" does not set ${sourceFlag}: true, so the snapshot is not encrypted.`,
          );
        });
      }
      if (flag) {
        it(`CKV_AWS_279 failing fixture fail2: AWS reports ${flag} false`, async () => {
          const r = await run(p, external({ [flag]: false, kmsKeyId: KEY_ARN }));
          expect(r.violations).to.have.length(1);
          expect(r.violations[0]).to.match(/is false: the snapshot of .* is not encrypted\.$/);
        });
      }
      it("outputs not reported yet (before apply): a preview note, not a pass", async () => {
        for (const outputs of [{}, { ...encrypted }]) {
          const r = await run(p, external(outputs));
          expect(r.violations, JSON.stringify(outputs)).to.deep.equal([]);
          expect(r.notes, JSON.stringify(outputs)).to.have.length(1);
          expect(r.notes[0]).to.match(/reported by AWS only after apply/);
        }
      });
      it("its outputs show an AWS-managed alias", async () => {
        const r = await run(p, external({ ...encrypted, kmsKeyId: awsManaged("rds") }));
        expect(r.violations).to.have.length(1);
      });
      it("outputs unknown at preview: a preview note, not a pass", async () => {
        const r = await run(
          p,
          external({ ...(flag ? { [flag]: UNKNOWN } : {}), kmsKeyId: UNKNOWN }),
        );
        expect(r.violations).to.deep.equal([]);
        expect(r.notes).to.have.length(1);
      });
    });
  }

  it("a source named by literal identifier is judged through its inputs", async () => {
    const source = res(T.RDS_CLUSTER, "source", {
      clusterIdentifier: "orders",
      engine: "aurora-postgresql",
      storageEncrypted: false,
    });
    const snapshot = res(T.RDS_CLUSTER_SNAPSHOT, "snap", { dbClusterIdentifier: "orders" });
    expect((await run(p, [source, snapshot])).violations).to.deep.equal([
      'snap: RDS cluster snapshot "snap": its source RDS cluster "source" does not set storageEncrypted: true, so the snapshot is not encrypted.',
    ]);
  });
  it("a Redshift cluster left at its default (encrypted) is judged by its key", async () => {
    const source = res(T.REDSHIFT_CLUSTER, "source", { clusterIdentifier: "dw" });
    const snapshot = res(T.REDSHIFT_CLUSTER_SNAPSHOT, "snap", { clusterIdentifier: "dw" });
    expect((await run(p, [source, snapshot])).violations).to.deep.equal([
      'snap: Redshift cluster snapshot "snap": it takes the key of its source Redshift cluster "source", and no KMS key is set (an AWS-owned key), not a customer-managed key.',
    ]);
  });
});

describe("neptune-cluster-kms-cmk: global clusters", () => {
  const p = policyNamed(policies, "neptune-cluster-kms-cmk");
  const global = (inputs: Record<string, unknown>) =>
    res(T.NEPTUNE_GLOBAL_CLUSTER, "g", {
      globalClusterIdentifier: "g",
      engine: "neptune",
      ...inputs,
    });
  it("an encrypted global cluster, and one created from a source cluster", async () => {
    expect(await run(p, [global({ storageEncrypted: true })])).to.deep.equal(clean);
    const fromSource = global({ sourceDbClusterIdentifier: "arn:aws:rds:eu-west-1:1:cluster:c" });
    expect(await run(p, [fromSource])).to.deep.equal(clean);
  });
  it("a global cluster without storageEncrypted, or with false", async () => {
    for (const storageEncrypted of [undefined, false]) {
      expect((await run(p, [global({ storageEncrypted })])).violations).to.deep.equal([
        'g: Neptune global cluster "g": storageEncrypted is not true.',
      ]);
    }
  });
});
