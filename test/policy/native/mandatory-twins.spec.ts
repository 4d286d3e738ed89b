// The last mandatory rules read through aws-native twins: snapshot-kms-cmk (rds:DbSnapshot and
// ClusterSnapshot judged by their source's key, a source found by reference or by its
// dbInstanceIdentifier / dbClusterIdentifier), data-export-no-aws-managed-key (a Firehose stream's
// S3 destinations and backups, encryptionConfiguration.kmsEncryptionConfig.awskmsKeyArn) and
// iam-role-no-policy-management-conflicts (a native Role's policies / managedPolicyArns beside a
// separate RolePolicy, attachment or ManagedPolicy naming the role). A compliant stack passes;
// each case breaks one field; a value unknown at preview is a preview note.
import { expect } from "chai";
import * as t from "../../../policy-pack/lib/types";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";
import { key, KEY_ARN } from "./cases";

const AWS_S3_KEY = "arn:aws:kms:eu-west-1:123456789012:alias/aws/s3";

describe("aws-native snapshots: snapshot-kms-cmk", () => {
  const RULE = "snapshot-kms-cmk";
  const instance = (over: Record<string, unknown> = {}) =>
    res(
      n.NATIVE_RDS_DB_INSTANCE,
      "orders-db",
      { dbInstanceIdentifier: "orders", storageEncrypted: true, kmsKeyId: KEY_ARN, ...over },
      { refs: { kmsKeyId: [key] } },
    );
  const cluster = (over: Record<string, unknown> = {}) =>
    res(
      n.NATIVE_RDS_DB_CLUSTER,
      "orders-aurora",
      { dbClusterIdentifier: "orders-aurora", storageEncrypted: true, kmsKeyId: KEY_ARN, ...over },
      { refs: { kmsKeyId: [key] } },
    );
  const snapshot = (source: ReturnType<typeof res>, byName = false) =>
    res(
      n.NATIVE_RDS_DB_SNAPSHOT,
      "orders-snap",
      { dbInstanceIdentifier: "orders", dbSnapshotIdentifier: "orders-snap" },
      byName ? {} : { refs: { dbInstanceIdentifier: [source] } },
    );
  const clusterSnapshot = (source: ReturnType<typeof res>) =>
    res(
      n.NATIVE_RDS_CLUSTER_SNAPSHOT,
      "aurora-snap",
      { dbClusterIdentifier: "orders-aurora", dbClusterSnapshotIdentifier: "aurora-snap" },
      { refs: { dbClusterIdentifier: [source] } },
    );

  it("compliant: a snapshot of an instance and of a cluster with the stack's key pass", async () => {
    const db = instance();
    const c = cluster();
    await expectClean(policy(RULE), [key, db, snapshot(db), c, clusterSnapshot(c)]);
  });

  it("the source found by its dbInstanceIdentifier (no reference) is judged too", async () => {
    const db = instance({ storageEncrypted: false });
    expect(await violationsOf(RULE, [key, db, snapshot(db, true)])).to.deep.equal([
      'orders-snap: RDS DB snapshot "orders-snap": its source RDS DB instance "orders-db" does not set storageEncrypted: true, so the snapshot is not encrypted.',
    ]);
  });

  it("a classic snapshot names a native instance by its dbInstanceIdentifier", async () => {
    const db = instance({ kmsKeyId: undefined });
    const classic = res(t.RDS_SNAPSHOT, "classic-snap", {
      dbInstanceIdentifier: "orders",
      dbSnapshotIdentifier: "classic-snap",
    });
    const found = await violationsOf(RULE, [key, db, classic]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain('its source RDS DB instance "orders-db"');
  });

  for (const [title, over, fragment] of [
    ["source storageEncrypted false", { storageEncrypted: false }, "does not set storageEncrypted"],
    ["source without kmsKeyId", { kmsKeyId: undefined }, "the AWS-managed key aws/rds"],
  ] as const) {
    it(`instance snapshot, ${title}: reported`, async () => {
      const db = instance(over);
      const found = await violationsOf(RULE, [key, db, snapshot(db)]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain(fragment);
    });
    it(`cluster snapshot, ${title}: reported`, async () => {
      const c = cluster(over);
      const found = await violationsOf(RULE, [key, c, clusterSnapshot(c)]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain(fragment);
    });
  }

  it("a source's kmsKeyId unknown at preview (not the stack's key): a preview note", async () => {
    const other = res(n.NATIVE_SQS_QUEUE, "other", {});
    const db = res(
      n.NATIVE_RDS_DB_INSTANCE,
      "orders-db",
      { dbInstanceIdentifier: "orders", storageEncrypted: true, kmsKeyId: UNKNOWN },
      { refs: { kmsKeyId: [other] } },
    );
    const s = snapshot(db);
    expect(await violationsOf(RULE, [other, db, s])).to.deep.equal([]);
    expect(await previewNotes(policy(RULE), [other, db, s])).to.have.length(1);
  });

  it("a source outside the stack: judged by the snapshot's outputs after apply", async () => {
    const s = res(
      n.NATIVE_RDS_DB_SNAPSHOT,
      "legacy-snap",
      { dbInstanceIdentifier: "legacy", dbSnapshotIdentifier: "legacy-snap" },
      {
        outputs: {
          dbInstanceIdentifier: "legacy",
          dbSnapshotIdentifier: "legacy-snap",
          encrypted: true,
          kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:alias/aws/rds",
        },
      },
    );
    const found = await violationsOf(RULE, [s]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("not a customer-managed key");
  });
});

describe("aws-native Firehose streams: data-export-no-aws-managed-key", () => {
  const RULE = "data-export-no-aws-managed-key";
  const s3 = (keyArn: unknown) => ({
    bucketArn: "arn:aws:s3:::stream-archive",
    roleArn: "arn:aws:iam::123456789012:role/firehose",
    encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: keyArn } },
  });
  const DESTINATIONS: [string, string, (k: unknown) => Record<string, unknown>][] = [
    [
      "extendedS3DestinationConfiguration",
      "extendedS3DestinationConfiguration.encryptionConfiguration.kmsEncryptionConfig.awskmsKeyArn",
      (k) => ({ extendedS3DestinationConfiguration: s3(k) }),
    ],
    [
      "extendedS3DestinationConfiguration.s3BackupConfiguration",
      "extendedS3DestinationConfiguration.s3BackupConfiguration.encryptionConfiguration",
      (k) => ({
        extendedS3DestinationConfiguration: { ...s3(KEY_ARN), s3BackupConfiguration: s3(k) },
      }),
    ],
    [
      "s3DestinationConfiguration (the plain S3 destination)",
      "extendedS3DestinationConfiguration.encryptionConfiguration",
      (k) => ({ s3DestinationConfiguration: s3(k) }),
    ],
    [
      "redshiftDestinationConfiguration.s3Configuration",
      "redshiftDestinationConfiguration.s3Configuration.encryptionConfiguration",
      (k) => ({ redshiftDestinationConfiguration: { s3Configuration: s3(k) } }),
    ],
    [
      "splunkDestinationConfiguration.s3Configuration",
      "splunkDestinationConfiguration.s3Configuration.encryptionConfiguration",
      (k) => ({ splunkDestinationConfiguration: { s3Configuration: s3(k) } }),
    ],
    [
      "amazonopensearchserviceDestinationConfiguration.s3Configuration",
      "amazonopensearchserviceDestinationConfiguration.s3Configuration",
      (k) => ({ amazonopensearchserviceDestinationConfiguration: { s3Configuration: s3(k) } }),
    ],
  ];
  const stream = (inputs: Record<string, unknown>, refs = true) =>
    res(
      n.NATIVE_FIREHOSE_DELIVERY_STREAM,
      "events",
      { deliveryStreamType: "DirectPut", ...inputs },
      refs ? { refs: Object.fromEntries(Object.keys(inputs).map((p) => [p, [key]])) } : {},
    );

  for (const [where, path, build] of DESTINATIONS) {
    describe(where, () => {
      it("the stack's key: passes", async () => {
        await expectClean(policy(RULE), [key, stream(build(KEY_ARN))]);
      });
      it("an AWS-managed key (alias/aws/s3): reported, naming the native path", async () => {
        const found = await violationsOf(RULE, [key, stream(build(AWS_S3_KEY), false)]);
        expect(found).to.have.length(1);
        expect(found[0]).to.contain(path).and.contain("aws/s3");
      });
      it("no key (the bucket's default): not this rule's", async () => {
        await expectClean(policy(RULE), [stream(build(undefined), false)]);
      });
    });
  }

  it("0.67.0's spelling (kMSEncryptionConfig.aWSKMSKeyARN) is read too", async () => {
    const found = await violationsOf(RULE, [
      stream(
        {
          extendedS3DestinationConfiguration: {
            bucketARN: "arn:aws:s3:::stream-archive",
            encryptionConfiguration: { kMSEncryptionConfig: { aWSKMSKeyARN: AWS_S3_KEY } },
          },
        },
        false,
      ),
    ]);
    expect(found).to.have.length(1);
  });

  it("a key unknown at preview (not the stack's): a preview note", async () => {
    const other = res(n.NATIVE_SQS_QUEUE, "other", {});
    const s = res(
      n.NATIVE_FIREHOSE_DELIVERY_STREAM,
      "events",
      { extendedS3DestinationConfiguration: s3(UNKNOWN) },
      { refs: { extendedS3DestinationConfiguration: [other] } },
    );
    expect(await violationsOf(RULE, [other, s])).to.deep.equal([]);
    expect(await previewNotes(policy(RULE), [other, s])).to.have.length(1);
  });
});

describe("aws-native roles: iam-role-no-policy-management-conflicts", () => {
  const RULE = "iam-role-no-policy-management-conflicts";
  const doc = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::r/*" }],
  };
  const trust = {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
    ],
  };
  const POLICY_ARN = "arn:aws:iam::123456789012:policy/read-reports";
  const role = (over: Record<string, unknown> = {}) =>
    res(n.NATIVE_IAM_ROLE, "fn-role", {
      roleName: "fn-role",
      assumeRolePolicyDocument: trust,
      ...over,
    });
  const rolePolicy = (r: ReturnType<typeof res>) =>
    res(
      n.NATIVE_IAM_ROLE_POLICY,
      "extra",
      { roleName: "fn-role", policyName: "extra", policyDocument: doc },
      { refs: { roleName: [r] } },
    );
  const managed = (roles: string[]) =>
    res(n.NATIVE_IAM_MANAGED_POLICY, "shared", { policyDocument: doc, roles });

  it("compliant: inline policies and managed ARNs on the role alone pass", async () => {
    const r = role({
      policies: [{ policyName: "read", policyDocument: doc }],
      managedPolicyArns: [POLICY_ARN],
    });
    await expectClean(policy(RULE), [r]);
  });

  it("compliant: separate RolePolicy and ManagedPolicy resources alone pass", async () => {
    const r = role();
    await expectClean(policy(RULE), [r, rolePolicy(r), managed(["fn-role"])]);
  });

  it("policies and a separate RolePolicy: reported, naming policies", async () => {
    const r = role({ policies: [{ policyName: "read", policyDocument: doc }] });
    expect(await violationsOf(RULE, [r, rolePolicy(r)])).to.deep.equal([
      "fn-role: sets policies and also has RolePolicy resource(s) extra.",
    ]);
  });

  // A 0.x AWS::IAM::Policy puts itself inline into each role its `roles` lists.
  const inlinePolicy = (roles: string[]) =>
    res(n.NATIVE_IAM_POLICY, "legacy", { policyName: "legacy", policyDocument: doc, roles });

  it("compliant: a Policy listing the role beside a role without policies passes", async () => {
    await expectClean(policy(RULE), [role(), inlinePolicy(["fn-role"])]);
  });

  it("policies and a Policy listing the role in roles: reported", async () => {
    const r = role({ policies: [{ policyName: "read", policyDocument: doc }] });
    expect(await violationsOf(RULE, [r, inlinePolicy(["fn-role"])])).to.deep.equal([
      "fn-role: sets policies and also has RolePolicy resource(s) legacy.",
    ]);
    expect(await violationsOf(RULE, [r, inlinePolicy(["other-role"])])).to.deep.equal([]);
  });

  it("managedPolicyArns and a ManagedPolicy listing the role in roles: reported", async () => {
    const r = role({ managedPolicyArns: [POLICY_ARN] });
    expect(await violationsOf(RULE, [r, managed(["fn-role"])])).to.deep.equal([
      "fn-role: sets managedPolicyArns and also has attachment resource(s) shared.",
    ]);
  });

  it("managedPolicyArns and a classic RolePolicyAttachment: reported", async () => {
    const r = role({ managedPolicyArns: [POLICY_ARN] });
    const attach = res(
      t.IAM_ROLE_POLICY_ATTACHMENT,
      "attach",
      { role: "fn-role", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
      { refs: { role: [r] } },
    );
    expect(await violationsOf(RULE, [r, attach])).to.have.length(1);
  });

  it("policies unknown at preview, built from another resource: the role manages them, reported", async () => {
    const other = res(n.NATIVE_SQS_QUEUE, "other", {});
    const r = res(
      n.NATIVE_IAM_ROLE,
      "fn-role",
      { roleName: "fn-role", assumeRolePolicyDocument: trust, policies: UNKNOWN },
      { refs: { policies: [other] } },
    );
    const found = await violationsOf(RULE, [other, r, rolePolicy(r)]);
    expect(found).to.have.length(1);
  });
});
