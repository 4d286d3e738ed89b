// S3 default encryption: SSE-KMS (or DSSE-KMS) with a customer-managed key, the SSE-S3 exception
// of server-access-log targets a documented note, never a silent pass. S3 Bucket Keys and the
// objects a program writes: ./encryption-keys-objects.spec.ts.
import { expect } from "chai";
import {
  LB_LOAD_BALANCER,
  S3_BUCKET,
  S3_BUCKET_LOGGING,
  S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
  S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2,
  S3_BUCKET_V2,
  S3_DIRECTORY_BUCKET,
  SSM_PARAMETER,
  KMS_KEY,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violations } from "../fixture";
import { compliantBucket, KEY_ARN, passesCompliantBuckets, stack, waivedOf } from "../fixtures/s3";

describe("s3-bucket-sse-kms-cmk", () => {
  const p = policy("s3-bucket-sse-kms-cmk");
  const sse = (d: Record<string, any>, extra: Record<string, any> = {}) => ({
    sse: { rules: [{ applyServerSideEncryptionByDefault: d, bucketKeyEnabled: true, ...extra }] },
  });
  /** A data bucket logging into a log bucket that uses SSE-S3, with optional tags on the log bucket. */
  function logTarget(tags: Record<string, string>) {
    const data = compliantBucket("data");
    const logs = res(S3_BUCKET, "logs", { bucket: "logs-bucket", tags });
    const logsSse = res(
      S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
      "logs-sse",
      {
        bucket: UNKNOWN,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      },
      { refs: { bucket: [logs] } },
    );
    const logging = res(
      S3_BUCKET_LOGGING,
      "data-logging",
      { bucket: UNKNOWN, targetBucket: UNKNOWN, targetPrefix: "data/" },
      { refs: { bucket: [data.bucket], targetBucket: [logs] } },
    );
    const sides = data.sides.filter((s) => s.type !== S3_BUCKET_LOGGING);
    return [data.key, data.bucket, ...sides, logging, logs, logsSse];
  }

  const notes = policy("s3-bucket-documented-exceptions");

  describe("Noncompliance", () => {
    it("CKV_AWS_19 / Trivy AWS-0088 bad: reports a bucket without an encryption configuration (S3 then applies SSE-S3)", async () => {
      expect(await violations(p, stack({ parts: { sse: null } }))).to.deep.equal([
        'data: bucket "data" has no default-encryption configuration, so S3 applies SSE-S3 (AES256).',
      ]);
    });
    it("a directory bucket (S3 Express One Zone): no configuration, SSE-S3, or the unsupported aws/s3 (S3 User Guide, SSE-KMS in directory buckets)", async () => {
      const dir = (name: string) =>
        res(S3_DIRECTORY_BUCKET, name, {
          bucket: `${name}--usw2-az1--x-s3`,
          location: { name: "usw2-az1" },
        });
      const config = (bucket: ReturnType<typeof dir>, d: Record<string, unknown>) =>
        res(
          S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
          `${bucket.name}-sse`,
          { bucket: UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: d }] },
          { refs: { bucket: [bucket] } },
        );
      const none = dir("none");
      const s3 = dir("sses3");
      const managed = dir("managed");
      expect(
        await violations(p, [
          none,
          s3,
          config(s3, { sseAlgorithm: "AES256" }),
          managed,
          config(managed, { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" }),
        ]),
      ).to.deep.equal([
        'none: directory bucket "none" has no default-encryption configuration, so S3 applies SSE-S3 (AES256).',
        'sses3: directory bucket "sses3" uses SSE-S3 (AES256), not SSE-KMS.',
        'managed: directory bucket "managed" uses aws:kms but it uses the AWS-managed key alias/aws/s3.',
      ]);
    });
    it("accepts a directory bucket whose configuration names a customer key, of the stack or by ARN", async () => {
      const key = res(KMS_KEY, "dir-key", { enableKeyRotation: true });
      const stackKey = res(S3_DIRECTORY_BUCKET, "own", { bucket: "own--usw2-az1--x-s3" });
      const literal = res(S3_DIRECTORY_BUCKET, "literal", { bucket: "lit--usw2-az1--x-s3" });
      const own = res(
        S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
        "own-sse",
        {
          bucket: UNKNOWN,
          rules: [
            {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: UNKNOWN,
              },
            },
          ],
        },
        { refs: { bucket: [stackKey], rules: [key] } },
      );
      const byName = res(S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION, "lit-sse", {
        bucket: "lit--usw2-az1--x-s3",
        rules: [
          {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: "aws:kms",
              kmsMasterKeyId: KEY_ARN,
            },
          },
        ],
      });
      expect(await violations(p, [key, stackKey, own, literal, byName])).to.deep.equal([]);
    });
    it("reports SSE-S3", async () => {
      expect(await violations(p, stack({ parts: sse({ sseAlgorithm: "AES256" }) }))).to.deep.equal([
        'data: bucket "data" uses SSE-S3 (AES256), not SSE-KMS.',
      ]);
    });
    it("reports SSE-KMS without a key (aws/s3) and with the AWS-managed alias", async () => {
      expect(await violations(p, stack({ parts: sse({ sseAlgorithm: "aws:kms" }) }))).to.deep.equal(
        [
          'data: bucket "data" uses aws:kms but no KMS key is set (S3 then uses the AWS-managed key aws/s3).',
        ],
      );
      for (const alias of ["alias/aws/s3", "arn:aws:kms:eu-west-1:123456789012:alias/aws/s3"]) {
        const found = await violations(
          p,
          stack({ parts: sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: alias }) }),
        );
        expect(found).to.deep.equal([
          `data: bucket "data" uses aws:kms but it uses the AWS-managed key ${alias}.`,
        ]);
      }
    });
    it("treats an inline block unknown without property dependency as unset (provider-computed)", async () => {
      const b = res(S3_BUCKET, "a", {
        bucket: "a-bucket",
        serverSideEncryptionConfiguration: UNKNOWN,
      });
      expect(await violations(p, [b])).to.deep.equal([
        'a: bucket "a" has no default-encryption configuration, so S3 applies SSE-S3 (AES256).',
      ]);
    });
    it("gives a preview note for a key reference unknown and not built from a key of the stack", async () => {
      const other = res(SSM_PARAMETER, "key-param", { name: "/key" });
      const { bucket, key } = compliantBucket();
      const s = res(
        S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
        "data-sse",
        {
          bucket: UNKNOWN,
          rules: [
            {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: UNKNOWN,
              },
            },
          ],
        },
        { refs: { bucket: [bucket], rules: [other] } },
      );
      expect(await violations(p, [key, bucket, other, s])).to.deep.equal([]);
      expect(await previewNotes(p, [key, bucket, other, s])).to.have.length(1);
    });
    it("withholds nothing under a waiver tag that is no longer needed", async () => {
      const resources = logTarget({
        "waiver:s3-bucket-sse-kms-cmk": "S3 server access logs support only SSE-S3",
      });
      expect(await violations(p, resources)).to.deep.equal([]);
      expect(await waivedOf(p, resources)).to.deep.equal([]);
    });
    it("still reports an AWS-managed key on a log target (only SSE-S3 itself is accepted)", async () => {
      const resources = logTarget({}).map((r) =>
        r.name === "logs-sse"
          ? {
              ...r,
              inputs: {
                ...r.inputs,
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }],
              },
              outputs: {
                ...r.outputs,
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }],
              },
            }
          : r,
      );
      expect(await violations(p, resources)).to.have.length(1);
    });
    it("accepts ALB access-log targets; NLB log targets support SSE-KMS and are reported", async () => {
      const logs = res(S3_BUCKET, "logs", { bucket: "logs-bucket" });
      const alb = res(LB_LOAD_BALANCER, "alb", {
        accessLogs: { bucket: "logs-bucket", enabled: true },
      });
      expect(await violations(p, [logs, alb])).to.deep.equal([]);
      expect((await violations(notes, [logs, alb]))[0]).to.contain(
        "ELB User Guide for Application Load Balancers, 'Enable access logs'",
      );
      const nlb = res(LB_LOAD_BALANCER, "nlb", {
        loadBalancerType: "network",
        accessLogs: { bucket: "logs-bucket", enabled: true },
      });
      const found = await violations(p, [logs, nlb]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain('It is a log target (load-balancer-logs from "nlb")');
      expect(found[0]).to.contain("support SSE-KMS with a customer-managed key");
    });
  });

  describe("Compliance", () => {
    it("passes SSE-KMS with a key of the stack whose ARN is unknown at preview", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      expect(await previewNotes(p, stack())).to.deep.equal([]);
    });
    it("passes the V2 side resource, a BucketV2, a literal bucket name and a literal key ARN", async () => {
      const { key, bucket, sides } = compliantBucket("data", { type: S3_BUCKET_V2 });
      const v2 = res(
        S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2,
        "data-sse-v2",
        {
          bucket: UNKNOWN,
          rules: [
            {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: UNKNOWN,
              },
            },
          ],
        },
        { refs: { bucket: [bucket], rules: [key] } },
      );
      expect(
        await violations(p, [
          key,
          bucket,
          ...sides.filter((s) => s.type !== S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION),
          v2,
        ]),
      ).to.deep.equal([]);
      const literal = stack({
        literal: true,
        parts: sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }),
      });
      expect(await violations(p, literal)).to.deep.equal([]);
    });
    it("passes DSSE-KMS with a customer key", async () => {
      expect(
        await violations(
          p,
          stack({ parts: sse({ sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: KEY_ARN }) }),
        ),
      ).to.deep.equal([]);
    });
    it("reads the inline blocks of Bucket (rule) and BucketV2 (rules) when no side resource exists", async () => {
      const key = res(KMS_KEY, "k", {});
      const inline = res(
        S3_BUCKET,
        "a",
        {
          bucket: "a-bucket",
          serverSideEncryptionConfiguration: {
            rule: {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: UNKNOWN,
              },
            },
          },
        },
        { refs: { serverSideEncryptionConfiguration: [key] } },
      );
      const inlineV2 = res(S3_BUCKET_V2, "b", {
        bucket: "b-bucket",
        serverSideEncryptionConfigurations: [
          { rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }] }] },
        ],
      });
      expect(await violations(p, [key, inline, inlineV2])).to.deep.equal([
        'b: bucket "b" uses SSE-S3 (AES256), not SSE-KMS.',
      ]);
    });
    it("accepts SSE-S3 on an S3 server-access-log target without a waiver, as a note", async () => {
      expect(await violations(p, logTarget({}))).to.deep.equal([]);
      const found = await violations(notes, logTarget({}));
      expect(found).to.have.length(1);
      expect(found[0]).to.contain('bucket "logs" keeps SSE-S3 default encryption without a waiver');
      expect(found[0]).to.contain("S3 User Guide, 'Enabling Amazon S3 server access logging'");
    });
    it("recognises inline logging by literal name", async () => {
      const logs = res(S3_BUCKET, "logs", { bucket: "logs-bucket" });
      const v2 = res(S3_BUCKET_V2, "src", {
        bucket: "src-bucket",
        loggings: [{ targetBucket: "logs-bucket" }],
      });
      const again = await violations(p, [logs, v2]);
      expect(again.find((f) => f.startsWith("logs:"))).to.equal(undefined);
      expect((await violations(notes, [logs, v2]))[0]).to.contain('from "src"');
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-bucket-sse-kms-cmk"),
    );
  });
});
