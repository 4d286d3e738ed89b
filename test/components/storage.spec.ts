// Storage: every bucket private, versioned, expiring and logged; producer buckets SSE-KMS with our
// key and writable only by their producer role; each role limited to its own bucket and to the key
// through S3. Policy documents are read from `up`-style runs (realistic ARNs); a preview run checks
// that the same guarantees are visible through property dependencies when ARNs are unknown.
import { expect } from "chai";
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { record, RecordedResource, UNKNOWN } from "../../tools/lib/recorder";
import {
  ACCESS_LOG_WAIVERS,
  IngestPrincipal,
  OBJECT_WRITE_ACTIONS,
  Storage,
  StorageArgs,
} from "../../components/storage";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const OTHER_ACCOUNT_ROLE = "arn:aws:iam::210987654321:role/kafka-connect";

const T = {
  storage: "platform:storage:Storage",
  bucket: "aws:s3/bucket:Bucket",
  publicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  encryption:
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  logging: "aws:s3/bucketLogging:BucketLogging",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  key: "aws:kms/key:Key",
} as const;

const SERVICE_INGEST: IngestPrincipal = {
  type: "Service",
  identifier: "kafkaconnect.amazonaws.com",
};

interface Run {
  readonly resources: RecordedResource[];
  one(type: string, name: string): RecordedResource;
  all(type: string): RecordedResource[];
  /** The resources of `type` whose property `prop` was built from `target`. */
  referrers(target: RecordedResource, type: string, prop?: string): RecordedResource[];
}

async function run(
  args: Partial<StorageArgs> = {},
  opts: { preview?: boolean; name?: string } = {},
): Promise<Run> {
  const { resources } = await record(
    {
      project: "platform",
      stack: "staging",
      preview: opts.preview ?? false,
      config: { "aws:region": REGION },
    },
    () =>
      new Storage(opts.name ?? "storage", {
        ingestPrincipal: SERVICE_INGEST,
        tags: { environment: "staging" },
        ...args,
      }),
  );
  const all = (type: string) => resources.filter((r) => r.type === type);
  return {
    resources,
    all,
    one(type, name) {
      const found = resources.filter((r) => r.type === type && r.name === name);
      expect(found, `${type} ${name}`).to.have.length(1);
      return found[0];
    },
    referrers(target, type, prop = "bucket") {
      return all(type).filter((r) => (r.propertyDependencies[prop] ?? []).includes(target.urn));
    },
  };
}

/** A policy document input parsed (JSON string on the wire). */
function doc(r: RecordedResource, prop = "policy"): any {
  const v = r.inputs[prop];
  expect(v, `${r.name}.${prop}`).to.be.a("string").and.not.equal(UNKNOWN);
  return JSON.parse(v);
}

const list = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

function statement(policy: any, sid: string): any {
  const s = policy.Statement.find((x: any) => x.Sid === sid);
  expect(s, `statement ${sid}`).to.not.equal(undefined);
  return s;
}

describe("Storage", function () {
  let up: Run;
  let preview: Run;
  before(async () => {
    up = await run();
    preview = await run({}, { preview: true });
  });

  const producers = ["api", "ingest"] as const;
  const bucketsOf = (r: Run) => r.all(T.bucket);
  const arnOf = (r: RecordedResource) => r.outputs.arn as string;

  describe("layout", () => {
    it("creates a bucket per producer and one log bucket", () => {
      expect(bucketsOf(up).map((b) => b.name)).to.have.members([
        "storage-api",
        "storage-ingest",
        "storage-logs",
      ]);
      expect(up.all(T.role).map((r) => r.name)).to.have.members([
        "storage-api-role",
        "storage-ingest-role",
      ]);
      expect(up.all(T.key)).to.have.length(1);
    });

    it("parents every child under the component and names it <name>-<role>", () => {
      const component = up.one(T.storage, "storage");
      for (const r of up.resources.filter((x) => x !== component)) {
        expect(r.name, r.type).to.match(/^storage-/);
        expect(r.parent, r.name).to.not.equal(undefined);
      }
      const direct = up.resources.filter((r) => r.parent === component.urn);
      expect(direct.map((r) => r.type)).to.include.members([T.bucket, T.role, T.policy]);
      const keyComponent = up.one("platform:security:EncryptionKey", "storage-key");
      expect(keyComponent.parent).to.equal(component.urn);
      expect(up.all(T.key)[0].parent).to.equal(keyComponent.urn);
    });

    it("two instances do not collide", async () => {
      const other = await run({}, { name: "archive" });
      expect(bucketsOf(other).map((b) => b.name)).to.have.members([
        "archive-api",
        "archive-ingest",
        "archive-logs",
      ]);
    });

    it("tags every bucket and role with the given tags and a Name", () => {
      for (const r of [...bucketsOf(up), ...up.all(T.role)]) {
        expect(r.inputs.tags).to.include({ environment: "staging", Name: r.name });
      }
    });

    it("registers every output", () => {
      const outputs = up.one(T.storage, "storage").outputs;
      expect(outputs).to.have.all.keys(
        "keyArn",
        "apiBucketName",
        "apiBucketArn",
        "ingestBucketName",
        "ingestBucketArn",
        "logBucketName",
        "logBucketArn",
        "apiRoleArn",
        "apiRoleName",
        "ingestRoleArn",
        "ingestRoleName",
      );
      expect(outputs.apiBucketArn).to.equal(arnOf(up.one(T.bucket, "storage-api")));
      expect(outputs.keyArn).to.equal(arnOf(up.all(T.key)[0]));
    });
  });

  describe("every bucket", () => {
    for (const mode of ["preview", "up"] as const) {
      it(`has a public-access block with all four flags true (${mode})`, () => {
        const r = mode === "up" ? up : preview;
        for (const bucket of bucketsOf(r)) {
          const blocks = r.referrers(bucket, T.publicAccess);
          expect(blocks, bucket.name).to.have.length(1);
          expect(blocks[0].inputs).to.include({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
          });
        }
      });
    }

    it("enforces bucket-owner object ownership and versioning", () => {
      for (const bucket of bucketsOf(preview)) {
        const [ownership] = preview.referrers(bucket, T.ownership);
        expect(ownership.inputs.rule.objectOwnership).to.equal("BucketOwnerEnforced");
        const [versioning] = preview.referrers(bucket, T.versioning);
        expect(versioning.inputs.versioningConfiguration.status).to.equal("Enabled");
      }
    });

    it("is never force-destroyed", () => {
      for (const bucket of bucketsOf(up)) expect(bucket.inputs.forceDestroy).to.equal(false);
    });

    it("denies requests that are not TLS", () => {
      for (const bucket of bucketsOf(up)) {
        const [policy] = up.referrers(bucket, T.policy);
        const s = statement(doc(policy), "DenyInsecureTransport");
        expect(s).to.deep.include({ Effect: "Deny", Principal: "*", Action: "s3:*" });
        expect(s.Resource).to.have.members([arnOf(bucket), `${arnOf(bucket)}/*`]);
        expect(s.Condition).to.deep.equal({ Bool: { "aws:SecureTransport": "false" } });
      }
    });

    it("keeps the resources a policy was built from as its dependencies at preview", () => {
      for (const p of producers) {
        const bucket = preview.one(T.bucket, `storage-${p}`);
        const [policy] = preview.referrers(bucket, T.policy);
        expect(policy.inputs.policy).to.equal(UNKNOWN);
        expect(policy.propertyDependencies.policy).to.include.members([
          bucket.urn,
          preview.one(T.role, `storage-${p}-role`).urn,
          preview.all(T.key)[0].urn,
        ]);
        const [rolePolicy] = preview.referrers(bucket, T.rolePolicy, "policy");
        expect(rolePolicy.name).to.equal(`storage-${p}-role-policy`);
      }
    });

    it("makes its bucket policy wait for the public-access block", () => {
      for (const bucket of bucketsOf(preview)) {
        const [policy] = preview.referrers(bucket, T.policy);
        const [block] = preview.referrers(bucket, T.publicAccess);
        expect(policy.dependencies).to.include(block.urn);
      }
    });
  });

  describe("producer buckets", () => {
    it("use SSE-KMS with our key and bucket keys, and block SSE-C (preview: via the key)", () => {
      const key = preview.all(T.key)[0];
      for (const p of producers) {
        const bucket = preview.one(T.bucket, `storage-${p}`);
        const [enc] = preview.referrers(bucket, T.encryption);
        expect(enc.propertyDependencies.rules).to.include(key.urn);
        const [rule] = enc.inputs.rules;
        expect(rule.applyServerSideEncryptionByDefault.sseAlgorithm).to.equal("aws:kms");
        expect(rule.bucketKeyEnabled).to.equal(true);
        expect(rule.blockedEncryptionTypes).to.deep.equal(["SSE-C"]);
      }
    });

    it("use SSE-KMS with exactly our key ARN (up)", () => {
      const keyArn = arnOf(up.all(T.key)[0]);
      for (const p of producers) {
        const [enc] = up.referrers(up.one(T.bucket, `storage-${p}`), T.encryption);
        expect(enc.inputs.rules[0].applyServerSideEncryptionByDefault).to.deep.equal({
          sseAlgorithm: "aws:kms",
          kmsMasterKeyId: keyArn,
        });
      }
    });

    it("expire objects after 7 days and noncurrent versions after 7 days by default", () => {
      for (const p of producers) {
        const [lc] = up.referrers(up.one(T.bucket, `storage-${p}`), T.lifecycle);
        const rules = lc.inputs.rules;
        const expire = rules.find((r: any) => r.id === "expire-objects");
        expect(expire).to.deep.include({ status: "Enabled", filter: {} });
        expect(expire.expiration).to.deep.equal({ days: 7 });
        expect(expire.noncurrentVersionExpiration).to.deep.equal({ noncurrentDays: 7 });
        expect(expire.abortIncompleteMultipartUpload).to.deep.equal({ daysAfterInitiation: 1 });
        const markers = rules.find((r: any) => r.id === "remove-expired-delete-markers");
        expect(markers.expiration).to.deep.equal({ expiredObjectDeleteMarker: true });
      }
    });

    it("take custom expirations", async () => {
      const custom = await run({ objectExpirationDays: 3, noncurrentVersionExpirationDays: 14 });
      for (const p of producers) {
        const [lc] = custom.referrers(custom.one(T.bucket, `storage-${p}`), T.lifecycle);
        const expire = lc.inputs.rules.find((r: any) => r.id === "expire-objects");
        expect(expire.expiration.days).to.equal(3);
        expect(expire.noncurrentVersionExpiration.noncurrentDays).to.equal(14);
      }
    });

    it("log to the log bucket, each under its own prefix", () => {
      const logs = up.one(T.bucket, "storage-logs");
      for (const p of producers) {
        const [logging] = up.referrers(up.one(T.bucket, `storage-${p}`), T.logging);
        expect(logging.propertyDependencies.targetBucket).to.include(logs.urn);
        expect(logging.inputs.targetBucket).to.equal(logs.outputs.bucket);
        expect(logging.inputs.targetPrefix).to.equal(`${p}/`);
      }
      expect(up.referrers(logs, T.logging), "the log bucket does not log to itself").to.have.length(
        0,
      );
    });

    it("deny uploads not encrypted with our key, and object writes by anyone but the producer", () => {
      const keyArn = arnOf(up.all(T.key)[0]);
      for (const p of producers) {
        const other = producers.find((x) => x !== p)!;
        const bucket = up.one(T.bucket, `storage-${p}`);
        const policy = doc(up.referrers(bucket, T.policy)[0]);
        const text = JSON.stringify(policy);
        expect(text).to.not.contain(arnOf(up.one(T.role, `storage-${other}-role`)));
        expect(policy.Statement.every((s: any) => s.Effect === "Deny")).to.equal(true);

        const writes = statement(policy, "DenyObjectWritesByOthers");
        expect(writes.Principal).to.equal("*");
        expect(writes.Resource).to.equal(`${arnOf(bucket)}/*`);
        expect(writes.Action).to.include.members(["s3:PutObject", "s3:DeleteObject"]);
        expect(
          writes.Action.some((a: string) => /Bucket/.test(a)),
          "bucket actions stay open",
        ).to.equal(false);
        expect(writes.Condition).to.deep.equal({
          StringNotEquals: { "aws:PrincipalArn": arnOf(up.one(T.role, `storage-${p}-role`)) },
        });

        const keys = statement(policy, "DenyKeysOtherThanOurs");
        expect(keys.Condition.StringNotEquals).to.deep.equal({
          "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn,
        });
        expect(keys.Condition.Null).to.deep.equal({
          "s3:x-amz-server-side-encryption-aws-kms-key-id": "false",
        });
        expect(statement(policy, "DenyEncryptionOtherThanKms").Condition).to.deep.equal({
          Null: { "s3:x-amz-server-side-encryption": "false" },
          StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
        });
      }
    });
  });

  describe("log bucket", () => {
    it("uses SSE-S3 (a documented exception, no waiver) and waives only not logging itself", () => {
      const logs = up.one(T.bucket, "storage-logs");
      const [enc] = up.referrers(logs, T.encryption);
      expect(enc.inputs.rules[0].applyServerSideEncryptionByDefault).to.deep.equal({
        sseAlgorithm: "AES256",
      });
      expect(Object.keys(ACCESS_LOG_WAIVERS)).to.have.members(["waiver:s3-bucket-logging-enabled"]);
      for (const key of Object.keys(ACCESS_LOG_WAIVERS)) {
        const reason = logs.inputs.tags[key];
        expect(reason, key).to.be.a("string");
        expect(reason.trim().length).to.be.at.least(10);
        expect(reason.length).to.be.at.most(256);
        expect(reason).to.match(/^[\p{L}\p{N}\s_.:/=+\-@]*$/u, "AWS tag value characters");
      }
      for (const bucket of producers.map((p) => up.one(T.bucket, `storage-${p}`))) {
        expect(Object.keys(bucket.inputs.tags).some((k) => k.startsWith("waiver:"))).to.equal(
          false,
        );
      }
    });

    it("expires logs after 90 days by default, or as configured", async () => {
      const rulesOf = (r: Run) =>
        r.referrers(r.one(T.bucket, "storage-logs"), T.lifecycle)[0].inputs.rules;
      const days = (r: Run) => rulesOf(r).find((x: any) => x.id === "expire-objects").expiration;
      expect(days(up)).to.deep.equal({ days: 90 });
      expect(days(await run({ accessLogExpirationDays: 30 }))).to.deep.equal({ days: 30 });
    });

    it("lets only S3 log delivery for our buckets and account write, per prefix", () => {
      const logs = up.one(T.bucket, "storage-logs");
      const policy = doc(up.referrers(logs, T.policy)[0]);
      const allows = policy.Statement.filter((s: any) => s.Effect === "Allow");
      expect(allows).to.have.length(2);
      for (const p of producers) {
        const s = statement(policy, `AllowAccessLogsFrom${p[0].toUpperCase()}${p.slice(1)}`);
        expect(s.Principal).to.deep.equal({ Service: "logging.s3.amazonaws.com" });
        expect(s.Action).to.equal("s3:PutObject");
        expect(s.Resource).to.equal(`${arnOf(logs)}/${p}/*`);
        expect(s.Condition).to.deep.equal({
          ArnLike: { "aws:SourceArn": arnOf(up.one(T.bucket, `storage-${p}`)) },
          StringEquals: { "aws:SourceAccount": ACCOUNT },
        });
      }
    });
  });

  describe("producer roles", () => {
    it("may use only their own bucket, without delete, and the key only through S3", () => {
      const keyArn = arnOf(up.all(T.key)[0]);
      for (const p of producers) {
        const other = producers.find((x) => x !== p)!;
        const role = up.one(T.role, `storage-${p}-role`);
        const [rp] = up.referrers(role, T.rolePolicy, "role");
        const policy = doc(rp);
        const text = JSON.stringify(policy);
        const own = up.one(T.bucket, `storage-${p}`);
        const otherBucket = up.one(T.bucket, `storage-${other}`);
        expect(text).to.not.contain(otherBucket.outputs.bucket);
        expect(text).to.not.contain("Delete");

        const resources = policy.Statement.flatMap((s: any) => list(s.Resource));
        expect(resources).to.have.members([arnOf(own), `${arnOf(own)}/*`, keyArn]);

        const kms = statement(policy, "UseKeyThroughS3");
        expect(list(kms.Action)).to.have.members(["kms:GenerateDataKey", "kms:Decrypt"]);
        expect(kms.Condition.StringEquals).to.deep.equal({
          "kms:ViaService": `s3.${REGION}.amazonaws.com`,
        });
        expect(kms.Condition.StringLike["kms:EncryptionContext:aws:s3:arn"]).to.have.members([
          arnOf(own),
          `${arnOf(own)}/*`,
        ]);
      }
    });

    it("have no managed policies and the default session duration", () => {
      for (const role of up.all(T.role)) {
        expect(role.inputs).to.not.have.any.keys("managedPolicyArns", "maxSessionDuration");
      }
    });

    it("let the API list the whole bucket, or only under a prefix", async () => {
      const listOf = (r: Run) =>
        statement(
          doc(r.referrers(r.one(T.role, "storage-api-role"), T.rolePolicy, "role")[0]),
          "ListOwnBucket",
        );
      expect(listOf(up).Condition).to.equal(undefined);
      const prefixed = await run({ apiListPrefix: "gallery/" });
      expect(listOf(prefixed).Condition).to.deep.equal({
        StringLike: { "s3:prefix": "gallery/*" },
      });
    });

    it("trust ECS tasks of this account and region only (API)", () => {
      const trust = doc(up.one(T.role, "storage-api-role"), "assumeRolePolicy");
      expect(trust.Statement).to.have.length(1);
      expect(trust.Statement[0]).to.deep.include({
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Principal: { Service: "ecs-tasks.amazonaws.com" },
      });
      expect(trust.Statement[0].Condition).to.deep.equal({
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": `arn:aws:ecs:${REGION}:${ACCOUNT}:*` },
      });
    });

    const ingestTrust = async (ingestPrincipal: IngestPrincipal) =>
      doc((await run({ ingestPrincipal })).one(T.role, "storage-ingest-role"), "assumeRolePolicy")
        .Statement;

    it("trust a service principal for ingest with aws:SourceAccount (and aws:SourceArn)", async () => {
      const [plain] = doc(up.one(T.role, "storage-ingest-role"), "assumeRolePolicy").Statement;
      expect(plain.Principal).to.deep.equal({ Service: "kafkaconnect.amazonaws.com" });
      expect(plain.Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": ACCOUNT } });

      const connector = `arn:aws:kafkaconnect:${REGION}:${ACCOUNT}:connector/ingest/*`;
      const [scoped] = await ingestTrust({ ...SERVICE_INGEST, sourceArn: connector });
      expect(scoped.Condition).to.deep.equal({
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": connector },
      });
    });

    it("trust exactly one IAM role for ingest, with sts:ExternalId when given", async () => {
      const sameAccount = `arn:aws:iam::${ACCOUNT}:role/connect`;
      const [local] = await ingestTrust({ type: "AWS", identifier: sameAccount });
      expect(local.Principal).to.deep.equal({ AWS: sameAccount });
      expect(local.Condition).to.deep.equal({
        StringEquals: { "aws:PrincipalAccount": ACCOUNT },
      });

      const [remote] = await ingestTrust({
        type: "AWS",
        identifier: OTHER_ACCOUNT_ROLE,
        externalId: "ingest-7f3a",
      });
      expect(remote.Principal).to.deep.equal({ AWS: OTHER_ACCOUNT_ROLE });
      expect(remote.Condition).to.deep.equal({ StringEquals: { "sts:ExternalId": "ingest-7f3a" } });
    });

    it("fails closed for a role in another account without an external id", async () => {
      const trustOf = async (p: IngestPrincipal) => {
        const r = await run({ ingestPrincipal: p });
        const role = r.one(T.role, "storage-ingest-role");
        return { trust: doc(role, "assumeRolePolicy"), roleArn: arnOf(role) };
      };
      const assume = async (p: IngestPrincipal, context: Record<string, string>) => {
        const { trust, roleArn } = await trustOf(p);
        const result = await runSimulation(
          {
            identityPolicies: [
              {
                name: "caller",
                policy: {
                  Version: "2012-10-17",
                  Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn }],
                },
              },
            ],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: trust,
            request: {
              action: "sts:AssumeRole",
              principal: OTHER_ACCOUNT_ROLE,
              resource: { accountId: ACCOUNT, resource: roleArn },
              contextVariables: {
                "aws:PrincipalArn": OTHER_ACCOUNT_ROLE,
                "aws:PrincipalAccount": "210987654321",
                ...context,
              },
            },
          },
          {},
        );
        if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
        return result.overallResult;
      };
      expect(await assume({ type: "AWS", identifier: OTHER_ACCOUNT_ROLE }, {})).to.not.equal(
        "Allowed",
      );
      const withId: IngestPrincipal = {
        type: "AWS",
        identifier: OTHER_ACCOUNT_ROLE,
        externalId: "ingest-7f3a",
      };
      expect(await assume(withId, { "sts:ExternalId": "ingest-7f3a" })).to.equal("Allowed");
      expect(await assume(withId, { "sts:ExternalId": "guess" })).to.not.equal("Allowed");
    });
  });

  describe("key", () => {
    it("lets only the two producer roles use it, through S3, for their own bucket", () => {
      const key = up.all(T.key)[0];
      const policy = doc(key);
      const uses = policy.Statement.filter((s: any) =>
        list(s.Action).some((a: string) => /Decrypt|GenerateDataKey|Encrypt/.test(a)),
      );
      expect(uses).to.have.length(2);
      for (const p of producers) {
        const role = arnOf(up.one(T.role, `storage-${p}-role`));
        const bucket = arnOf(up.one(T.bucket, `storage-${p}`));
        const s = uses.find((x: any) => x.Principal.AWS === role);
        expect(s, `grant to ${p}`).to.not.equal(undefined);
        expect(list(s.Action)).to.have.members(["kms:GenerateDataKey", "kms:Decrypt"]);
        expect(s.Condition.StringEquals).to.deep.equal({
          "kms:ViaService": `s3.${REGION}.amazonaws.com`,
          "kms:CallerAccount": ACCOUNT,
        });
        expect(s.Condition.StringLike["kms:EncryptionContext:aws:s3:arn"]).to.have.members([
          bucket,
          `${bucket}/*`,
        ]);
      }
      expect(JSON.stringify(policy)).to.not.contain("logging.s3.amazonaws.com");
    });
  });

  describe("protection", () => {
    it("protects and retains buckets and the key when protect is true", async () => {
      const prod = await run({ protect: true });
      for (const r of [...prod.all(T.bucket), ...prod.all(T.key)]) {
        expect(r.options, r.name).to.include({ protect: true, retainOnDelete: true });
      }
    });

    it("leaves them unprotected by default", () => {
      for (const r of [...up.all(T.bucket), ...up.all(T.key)]) {
        expect(r.options, r.name).to.include({ protect: false, retainOnDelete: false });
      }
    });
  });

  describe("arguments", () => {
    it("rejects bad arguments with every problem named", async () => {
      let error: unknown;
      try {
        await run(
          {
            objectExpirationDays: 0,
            noncurrentVersionExpirationDays: 1.5,
            ingestPrincipal: { type: "Service", identifier: "kafka connect", externalId: "x1" },
            apiListPrefix: "/gallery*",
          },
          { name: "Storage" },
        );
      } catch (e) {
        error = e;
      }
      const message = String(error);
      for (const key of [
        "name",
        "objectExpirationDays",
        "noncurrentVersionExpirationDays",
        "ingestPrincipal.identifier",
        "ingestPrincipal.externalId",
        "apiListPrefix",
      ]) {
        expect(message).to.contain(`${key}:`);
      }
    });
  });

  // What the documents actually allow, evaluated by an IAM policy simulator.
  describe("effective access", () => {
    const apiRoleArn = () => arnOf(up.one(T.role, "storage-api-role"));
    const keyArn = () => arnOf(up.all(T.key)[0]);

    async function decide(
      producer: "api" | "ingest",
      principal: string,
      action: string,
      context: Record<string, string>,
      identityPolicy?: any,
      resourceSuffix = "/uploads/photo.jpg",
    ): Promise<string> {
      const bucket = up.one(T.bucket, `storage-${producer}`);
      const simulation: Simulation = {
        identityPolicies: [{ name: "identity", policy: identityPolicy }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: doc(up.referrers(bucket, T.policy)[0]),
        request: {
          action,
          principal,
          resource: { accountId: ACCOUNT, resource: `${arnOf(bucket)}${resourceSuffix}` },
          contextVariables: {
            "aws:SecureTransport": "true",
            "aws:PrincipalArn": principal,
            "aws:PrincipalAccount": ACCOUNT,
            ...context,
          },
        },
      };
      const result = await runSimulation(simulation, {});
      if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
      return result.overallResult;
    }

    const apiPolicy = () =>
      doc(up.referrers(up.one(T.role, "storage-api-role"), T.rolePolicy, "role")[0]);
    const put = (context: Record<string, string> = {}) =>
      decide("api", apiRoleArn(), "s3:PutObject", context, apiPolicy());

    it("lets the API upload with the bucket default, or naming our key", async () => {
      expect(await put()).to.equal("Allowed");
      expect(
        await put({
          "s3:x-amz-server-side-encryption": "aws:kms",
          "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn(),
        }),
      ).to.equal("Allowed");
    });

    it("denies uploads with another encryption, key or transport", async () => {
      expect(await put({ "s3:x-amz-server-side-encryption": "AES256" })).to.equal(
        "ExplicitlyDenied",
      );
      expect(await put({ "s3:x-amz-server-side-encryption": "aws:kms" })).to.equal(
        "ExplicitlyDenied",
      );
      expect(
        await put({
          "s3:x-amz-server-side-encryption": "aws:kms",
          "s3:x-amz-server-side-encryption-aws-kms-key-id": `arn:aws:kms:${REGION}:${ACCOUNT}:key/00000000-0000-0000-0000-000000000000`,
        }),
      ).to.equal("ExplicitlyDenied");
      expect(
        await put({ "s3:x-amz-server-side-encryption-customer-algorithm": "AES256" }),
      ).to.equal("ExplicitlyDenied");
      expect(await put({ "aws:SecureTransport": "false" })).to.equal("ExplicitlyDenied");
    });

    it("keeps the API out of the ingest bucket", async () => {
      expect(await decide("ingest", apiRoleArn(), "s3:PutObject", {}, apiPolicy())).to.not.equal(
        "Allowed",
      );
      expect(await decide("ingest", apiRoleArn(), "s3:GetObject", {}, apiPolicy())).to.not.equal(
        "Allowed",
      );
    });

    it("denies object writes to an administrator but leaves the bucket policy manageable", async () => {
      const admin = `arn:aws:iam::${ACCOUNT}:role/Administrator`;
      const adminPolicy = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
      };
      expect(await decide("api", admin, "s3:PutObject", {}, adminPolicy)).to.equal(
        "ExplicitlyDenied",
      );
      expect(await decide("api", admin, "s3:DeleteObject", {}, adminPolicy)).to.equal(
        "ExplicitlyDenied",
      );
      for (const action of ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:GetObject"]) {
        const suffix = action === "s3:GetObject" ? "/uploads/photo.jpg" : "";
        expect(await decide("api", admin, action, {}, adminPolicy, suffix), action).to.equal(
          "Allowed",
        );
      }
    });

    it("denies every listed object write to others", () => {
      expect(OBJECT_WRITE_ACTIONS).to.include.members(["s3:PutObject", "s3:DeleteObjectVersion"]);
    });
  });
});
