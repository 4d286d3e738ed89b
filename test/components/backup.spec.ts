import { expect } from "chai";
import { Backup, BACKUP_NAME_MAX_LENGTH, BackupArgs } from "../../components/backup";
import { allPolicies } from "../../policy-pack/policies";
import { runPolicies } from "../../tools/lib/policy-runner";
import { record, Recording } from "../../tools/lib/recorder";
import { REGION } from "../fixtures/account";
import { doc, findAll, findOne, recordComponent, referrers } from "../helpers";

const BUCKET_KEY = "arn:aws:kms:eu-west-1:123456789012:key/11111111-1111-4111-8111-111111111111";
const DB_KEY = "arn:aws:kms:eu-west-1:123456789012:key/22222222-2222-4222-8222-222222222222";
const RS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/33333333-3333-4333-8333-333333333333";
const CLUSTER = "arn:aws:rds:eu-west-1:123456789012:cluster:platform-test-db";
const NAMESPACE =
  "arn:aws:redshift-serverless:eu-west-1:123456789012:namespace/44444444-4444-4444-8444-444444444444";
const base: BackupArgs = {
  retentionDays: 1,
  region: "eu-west-1",
  buckets: [
    { label: "api-bucket", arn: "arn:aws:s3:::uploads-api", keyArn: BUCKET_KEY },
    { label: "ingest-bucket", arn: "arn:aws:s3:::uploads-ingest", keyArn: BUCKET_KEY },
  ],
  tags: { environment: "test" },
};

function build(over: Partial<BackupArgs> = {}, preview = false): Promise<Recording> {
  return recordComponent(() => new Backup("bk", { ...base, ...over }), preview);
}

const statementsOf = (rec: Recording, type: string, name: string) =>
  doc(findOne(rec, type, name).inputs.policy).Statement;

describe("Backup", () => {
  let mvp: Recording;
  let full: Recording;
  let governance: Recording;
  before(async () => {
    mvp = await build();
    full = await build({
      retentionDays: 35,
      vaultLock: "compliance",
      auroraClusters: [{ label: "database", arn: CLUSTER, keyArn: DB_KEY }],
      redshiftServerlessNamespaces: [{ label: "analytics", arn: NAMESPACE, keyArn: RS_KEY }],
      protect: true,
    });
    governance = await build({ vaultLock: "governance", retentionDays: 7 });
  });

  it("keeps recovery points in a vault encrypted with its own customer-managed key", () => {
    const vault = findOne(mvp, "aws:backup/vault:Vault", "bk-vault");
    const key = findOne(mvp, "aws:kms/key:Key", "bk-key-key");
    expect(vault.inputs).to.include({
      kmsKeyArn: key.outputs.arn,
      // Unprotected (disposable) stacks may delete their recovery points on destroy.
      forceDestroy: true,
      name: "platform-test",
    });
    const prodVault = findOne(full, "aws:backup/vault:Vault", "bk-vault");
    expect(prodVault.options).to.include({ protect: true, retainOnDelete: true });
    expect(prodVault.inputs.forceDestroy).to.equal(false);
    const grants = doc(key.inputs.policy).Statement;
    const backupUse = grants.find((s: any) => s.Sid === "AwsBackupGrants");
    expect(backupUse.Condition.StringEquals["kms:ViaService"]).to.equal(
      "backup.eu-west-1.amazonaws.com",
    );
    expect(backupUse.Condition.Bool["kms:GrantIsForAWSResource"]).to.equal("true");
  });

  it("backs up daily and keeps one backup for the MVP, the configured retention beyond it", () => {
    for (const [rec, days] of [
      [mvp, 1],
      [full, 35],
    ] as const) {
      const plan = findOne(rec, "aws:backup/plan:Plan", "bk-plan");
      expect(plan.inputs.rules).to.have.length(1);
      const [rule] = plan.inputs.rules;
      expect(rule).to.include({ targetVaultName: "platform-test", schedule: "cron(0 5 ? * * *)" });
      expect(rule.lifecycle).to.deep.equal({ deleteAfter: days });
    }
  });

  it("locks the vault only when asked: governance is removable, compliance becomes immutable after 3 days", () => {
    expect(findAll(mvp, "aws:backup/vaultLockConfiguration:VaultLockConfiguration")).to.have.length(
      0,
    );
    const g = findOne(
      governance,
      "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
      "bk-vault-lock",
    );
    expect(g.inputs).to.include({ minRetentionDays: 7 });
    expect(g.inputs).to.not.have.property("changeableForDays");
    const c = findOne(
      full,
      "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
      "bk-vault-lock",
    );
    expect(c.inputs).to.include({ minRetentionDays: 35, changeableForDays: 3 });
  });

  // terraform-provider-aws backup/vault_lock_configuration.go: every argument ForceNew, the id is
  // the vault's name, and Delete removes the vault's lock. Create-then-delete would end unlocked.
  it("replaces the vault lock delete-first, so a new retention leaves the vault locked", () => {
    for (const rec of [governance, full]) {
      const lock = findOne(
        rec,
        "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
        "bk-vault-lock",
      );
      expect(lock.options.deleteBeforeReplace, "deleteBeforeReplace").to.equal(true);
    }
    // Prod keeps its protection: replacing the lock there is refused, not silent.
    const prodLock = findOne(
      full,
      "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
      "bk-vault-lock",
    );
    expect(prodLock.options.protect).to.equal(true);
  });

  it("assigns exactly the given buckets, cluster and namespace to the plan", () => {
    const sel = findOne(full, "aws:backup/selection:Selection", "bk-selection");
    expect(sel.inputs.resources).to.deep.equal([
      "arn:aws:s3:::uploads-api",
      "arn:aws:s3:::uploads-ingest",
      CLUSTER,
      NAMESPACE,
    ]);
    const role = findOne(full, "aws:iam/role:Role", "bk-backup-role");
    expect(sel.inputs.iamRoleArn).to.equal(role.outputs.arn);
    // Replaced (never updated) under the same name: the old one goes first.
    expect(sel.options.deleteBeforeReplace).to.equal(true);
    const trust = doc(role.inputs.assumeRolePolicy).Statement[0];
    expect(trust.Principal).to.deep.equal({ Service: "backup.amazonaws.com" });
  });

  it("grants the backup role AWS's S3 backup permissions on our buckets only, never arn:aws:s3:::*", () => {
    const s = statementsOf(mvp, "aws:iam/rolePolicy:RolePolicy", "bk-backup-policy");
    const resources = s.flatMap((x: any) => [x.Resource].flat());
    expect(resources).to.not.include("arn:aws:s3:::*");
    expect(resources).to.not.include("arn:aws:s3:::*/*");
    // The provider orders a statement's actions and resources (reverse-sorted); order means nothing to IAM.
    const bucket = s.find((x: any) => x.Sid === "S3BucketBackup");
    expect([bucket.Resource].flat().sort()).to.deep.equal([
      "arn:aws:s3:::uploads-api",
      "arn:aws:s3:::uploads-ingest",
    ]);
    expect(bucket.Action).to.include.members([
      "s3:GetInventoryConfiguration",
      "s3:PutBucketNotification",
      "s3:ListBucketVersions",
    ]);
    const objects = s.find((x: any) => x.Sid === "S3ObjectBackup");
    expect([objects.Resource].flat().sort()).to.deep.equal([
      "arn:aws:s3:::uploads-api/*",
      "arn:aws:s3:::uploads-ingest/*",
    ]);
    expect([objects.Action].flat().every((a: string) => a.startsWith("s3:GetObject"))).to.equal(
      true,
    );
    const kms = s.find((x: any) => x.Sid === "DecryptBucketObjectsThroughS3");
    expect(kms.Resource).to.equal(BUCKET_KEY);
    expect(kms.Condition.StringEquals["kms:ViaService"]).to.equal("s3.eu-west-1.amazonaws.com");
    // Only "*" where the action has no resource type.
    for (const x of s.filter((y: any) => [y.Resource].flat().includes("*"))) {
      expect([x.Action].flat()).to.satisfy((a: string[]) =>
        a.every((n) => ["s3:ListAllMyBuckets", "events:ListRules"].includes(n)),
      );
    }
    expect(
      s.some((x: any) => [x.Action].flat().some((a: string) => a.startsWith("rds:"))),
    ).to.equal(false);
  });

  it("adds Aurora snapshot permissions on the cluster and awsbackup:* snapshots only", () => {
    const s = statementsOf(full, "aws:iam/rolePolicy:RolePolicy", "bk-backup-policy");
    const snap = s.find((x: any) => x.Sid === "AuroraSnapshot");
    expect(snap.Resource).to.deep.equal([
      CLUSTER,
      "arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:awsbackup:*",
    ]);
    const del = s.find((x: any) => x.Sid === "AuroraBackupSnapshots");
    expect(del.Resource).to.equal(
      "arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:awsbackup:*",
    );
    const kms = s.find((x: any) => x.Sid === "AuroraKeyThroughRds");
    expect(kms.Resource).to.equal(DB_KEY);
    // kms:GrantIsForAWSResource is a key of the grant operations only: DescribeKey beside it
    // would never be allowed, so it has a statement of its own.
    expect(kms.Action).to.equal("kms:CreateGrant");
    expect(kms.Condition.Bool["kms:GrantIsForAWSResource"]).to.equal("true");
    const describe = s.find((x: any) => x.Sid === "DescribeAuroraKeyThroughRds");
    expect(describe).to.deep.include({ Action: "kms:DescribeKey", Resource: DB_KEY });
    expect(describe).to.not.have.property("Condition");
  });

  it("attaches no AWS-managed policy; what cannot name a resource sits in its own policy with a written waiver", () => {
    const attachments = findAll(full, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    const policies = findAll(full, "aws:iam/policy:Policy");
    expect(attachments).to.have.length(2);
    for (const a of attachments) {
      expect(a.inputs.policyArn).to.not.match(/:iam::aws:policy\//);
      expect(policies.map((p) => p.outputs.arn)).to.include(a.inputs.policyArn);
    }
    for (const p of policies) {
      // Reading metrics, which have no ARN, needs no waiver (the pack knows "*" is their only resource).
      if (p.name === "bk-bucket-metrics") {
        expect(p.inputs.tags).to.not.have.property("waiver:iam-no-resource-wildcard");
      } else {
        expect(p.inputs.tags["waiver:iam-no-resource-wildcard"]).to.have.length.greaterThan(10);
      }
    }
    const rs = doc(
      findOne(full, "aws:iam/policy:Policy", "bk-redshift-serverless").inputs.policy,
    ).Statement;
    expect(rs.find((x: any) => x.Sid === "SnapshotNamespace").Resource).to.include(NAMESPACE);
    expect(findAll(mvp, "aws:iam/policy:Policy").map((p) => p.name)).to.deep.equal([
      "bk-bucket-metrics",
    ]);
  });

  it("lets the restore role create and write only new restore buckets, encrypted with the vault key", () => {
    const s = statementsOf(mvp, "aws:iam/rolePolicy:RolePolicy", "bk-restore-policy");
    expect(s.find((x: any) => x.Sid === "CreateRestoreBuckets").Resource).to.equal(
      "arn:aws:s3:::platform-test-restore-*",
    );
    expect(s.find((x: any) => x.Sid === "WriteRestoredObjects").Resource).to.equal(
      "arn:aws:s3:::platform-test-restore-*/*",
    );
    const key = findOne(mvp, "aws:kms/key:Key", "bk-key-key");
    expect(s.find((x: any) => x.Sid === "EncryptWithVaultKeyThroughS3").Resource).to.equal(
      key.outputs.arn,
    );
    const restoreRole = findOne(mvp, "aws:iam/role:Role", "bk-restore-role");
    const grant = doc(key.inputs.policy).Statement.find(
      (x: any) => x.Sid === "RestoreRoleWritesRestoreBuckets",
    );
    expect(grant.Principal).to.deep.equal({ AWS: restoreRole.outputs.arn });
    expect(grant.Condition.StringLike["kms:EncryptionContext:aws:s3:arn"]).to.deep.equal([
      "arn:aws:s3:::platform-test-restore-*",
      "arn:aws:s3:::platform-test-restore-*/*",
    ]);
    expect(
      referrers(mvp, restoreRole, "role", "aws:iam/rolePolicyAttachment:RolePolicyAttachment"),
    ).to.have.length(0);
  });

  for (const preview of [true, false]) {
    it(`passes the whole pack with no mandatory violation, its waivers listed (${preview ? "preview" : "up"})`, async () => {
      const rec = await build(
        {
          vaultLock: "compliance",
          auroraClusters: [{ label: "database", arn: CLUSTER, keyArn: DB_KEY }],
          redshiftServerlessNamespaces: [{ label: "analytics", arn: NAMESPACE, keyArn: RS_KEY }],
        },
        preview,
      );
      const report = await runPolicies(allPolicies, rec.resources);
      const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
      expect(mandatory.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
      if (!preview) {
        const waived = report.waived.map((w) => `${w.policy} ${w.name}`);
        expect(waived).to.include.members([
          "iam-no-resource-wildcard bk-redshift-serverless",
          "iam-trust-policy-confused-deputy-unverified bk-backup-role",
        ]);
        expect(report.violations.map((v) => `${v.policy} ${v.name}`)).to.not.include(
          "iam-no-resource-wildcard bk-bucket-metrics",
        );
      }
    });
  }

  // AWS Backup API: vault names ^[a-zA-Z0-9\-\_]{2,50}$ (CreateBackupVault), plan and selection
  // names 1 to 50 alphanumeric or '-_.' characters (BackupPlanInput, BackupSelection). A stack
  // name has no length limit; `platform-<stack>-data` passes 50 at a 37-character stack name.
  it("keeps the vault, plan and selection names within AWS Backup's 50 characters for a long stack name", async () => {
    const stack = "customer-onboarding-eu-central-staging"; // 38 characters
    const long = await record(
      { project: "platform", stack, preview: false, config: { "aws:region": REGION } },
      () => new Backup("bk", base),
    );
    const vault = findOne(long, "aws:backup/vault:Vault", "bk-vault").inputs.name;
    const plan = findOne(long, "aws:backup/plan:Plan", "bk-plan").inputs;
    const selection = findOne(long, "aws:backup/selection:Selection", "bk-selection").inputs.name;
    expect(vault).to.match(/^[a-zA-Z0-9_-]{2,50}$/);
    expect(plan.name).to.match(/^[a-zA-Z0-9_.-]{1,50}$/);
    expect(selection).to.match(/^[a-zA-Z0-9_.-]{1,50}$/);
    expect(BACKUP_NAME_MAX_LENGTH).to.equal(50);
    // The stack stays recognisable, and the plan's rule still targets the vault.
    expect(vault).to.equal(`platform-${stack}`);
    expect(selection).to.match(
      /^platform-customer-onboarding-eu-central-sta[a-z0-9-]*-[0-9a-f]{6}$/,
    );
    expect(plan.rules[0].targetVaultName).to.equal(vault);
    // Longer still, every name is cut, and two stacks sharing their first 50 characters differ.
    const names = async (st: string) => {
      const rec = await record(
        { project: "platform", stack: st, preview: false, config: { "aws:region": REGION } },
        () => new Backup("bk", base),
      );
      return [
        findOne(rec, "aws:backup/vault:Vault", "bk-vault").inputs.name,
        findOne(rec, "aws:backup/selection:Selection", "bk-selection").inputs.name,
        findOne(rec, "aws:iam/role:Role", "bk-restore-role").inputs.description,
      ] as string[];
    };
    const a = await names("customer-onboarding-eu-central-1-staging-blue");
    const b = await names("customer-onboarding-eu-central-1-staging-green");
    for (const n of [...a.slice(0, 2), ...b.slice(0, 2)]) expect(n.length, n).to.be.at.most(50);
    expect(a[0]).to.not.equal(b[0]);
    expect(a[1]).to.not.equal(b[1]);
    // S3 restores write new buckets under a prefix that leaves room within S3's 63 characters.
    const prefix = /write new ([a-z0-9-]+)\* buckets/.exec(a[2])?.[1] ?? "";
    expect(prefix).to.match(/^[a-z0-9][a-z0-9-]{1,40}-$/);
    // Names that fit stay as they were: a rename would replace the vault and the plan.
    const vaultOf = (rec: Recording) => findOne(rec, "aws:backup/vault:Vault", "bk-vault");
    expect(vaultOf(mvp).inputs.name).to.equal("platform-test");
    expect(findOne(mvp, "aws:backup/plan:Plan", "bk-plan").inputs.name).to.equal("platform-test");
    expect(findOne(mvp, "aws:backup/selection:Selection", "bk-selection").inputs.name).to.equal(
      "platform-test-data",
    );
  });

  it("refuses invalid arguments before creating anything", () => {
    const bad = (over: Partial<BackupArgs>, re: RegExp) =>
      expect(() => new Backup("bk", { ...base, ...over })).to.throw(re);
    bad({ retentionDays: 0 }, /retentionDays: 0 is not a whole number of days/);
    bad(
      { vaultLock: "strict" as never },
      /vaultLock: "strict" is not none, governance, compliance/,
    );
    bad({ buckets: [] }, /nothing to back up/);
    bad({ schedule: "daily" }, /schedule: "daily" is not cron/);
    bad({ buckets: [base.buckets[0], base.buckets[0]] }, /target labels must be unique/);
  });
});
