// Runtime: every S3 request the app makes (every file of app/src), and the KMS requests S3 makes on its
// behalf for the SSE-KMS upload bucket, decided by the IAM policy simulator for the task role
// (the Storage layer's API role) together with the bucket's and the key's policies, as the app
// sends them: uploads name the key the task definition passes as KMS_KEY_ID (index.ts:
// `bucketKeyArn: storage.keyArn`), listings ask for one month's prefix.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { monthPrefix } from "../../app/src/keys";
import { ROOT } from "../helpers";
import { buildWorld, decide, viaS3, World } from "../fixtures/access-world";

/** One request AWS authorizes: the action, on what, with which request context. */
interface Request {
  readonly action: string;
  readonly on: "object" | "bucket" | "key";
  readonly context?: (w: World) => Record<string, string>;
}

const sseKms = (w: World) => ({
  "s3:x-amz-server-side-encryption": "aws:kms",
  "s3:x-amz-server-side-encryption-aws-kms-key-id": w.keyArn,
});
/** S3 calling KMS for the bucket: with an S3 Bucket Key the encryption context is the bucket. */
const kms = (action: string): Request => ({
  action,
  on: "key",
  context: (w) => viaS3(w.buckets.api),
});

/**
 * The requests behind each S3 command the app sends. S3 API Reference, each operation's
 * "Permissions": PutObject, CreateMultipartUpload, UploadPart and CompleteMultipartUpload are
 * authorized as s3:PutObject, AbortMultipartUpload as s3:AbortMultipartUpload, GetObject and
 * HeadObject as s3:GetObject, ListObjectsV2 and HeadBucket as s3:ListBucket. S3 User Guide ("Using
 * server-side encryption with AWS KMS keys"; "Multipart upload API and permissions"): writing an
 * SSE-KMS object needs kms:GenerateDataKey, reading it kms:Decrypt, and a multipart upload both.
 * A command missing here fails the test below: add it with what AWS checks for it.
 */
const REQUESTS: Record<string, Request[]> = {
  PutObjectCommand: [
    { action: "s3:PutObject", on: "object", context: sseKms },
    kms("kms:GenerateDataKey"),
  ],
  CreateMultipartUploadCommand: [
    { action: "s3:PutObject", on: "object", context: sseKms },
    kms("kms:GenerateDataKey"),
  ],
  UploadPartCommand: [
    { action: "s3:PutObject", on: "object" },
    kms("kms:GenerateDataKey"),
    kms("kms:Decrypt"),
  ],
  CompleteMultipartUploadCommand: [{ action: "s3:PutObject", on: "object" }, kms("kms:Decrypt")],
  AbortMultipartUploadCommand: [{ action: "s3:AbortMultipartUpload", on: "object" }],
  // Also what the browser's presigned GET is authorized as: it carries the task role's signature.
  GetObjectCommand: [{ action: "s3:GetObject", on: "object" }, kms("kms:Decrypt")],
  HeadObjectCommand: [{ action: "s3:GetObject", on: "object" }],
  ListObjectsV2Command: [
    {
      action: "s3:ListBucket",
      on: "bucket",
      context: () => ({ "s3:prefix": monthPrefix(new Date()) }),
    },
  ],
  HeadBucketCommand: [{ action: "s3:ListBucket", on: "bucket" }],
};

/** The S3 commands the app's sources construct (every file of app/src: the store, the presigner). */
function appCommands(): string[] {
  const src = path.join(ROOT, "app", "src");
  const code = fs
    .readdirSync(src)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => fs.readFileSync(path.join(src, f), "utf8"))
    .join("\n");
  return [...new Set([...code.matchAll(/\bnew\s+([A-Z]\w*Command)\s*\(/g)].map((m) => m[1]))];
}

describe("Runtime: what the app asks of S3 and KMS, for its task role", function () {
  this.timeout(120_000);
  let world: World;
  before(async () => {
    world = await buildWorld();
  });

  const resourceOf = (w: World, on: Request["on"]) =>
    on === "key"
      ? w.keyArn
      : on === "bucket"
        ? w.buckets.api
        : `${w.buckets.api}/${monthPrefix(new Date())}0123456789abcdef.png`;

  it("finds the commands the app sends, each with the requests AWS authorizes for it", () => {
    const found = appCommands();
    expect(found).to.include.members([
      "PutObjectCommand",
      "CreateMultipartUploadCommand",
      "GetObjectCommand",
      "HeadBucketCommand",
    ]);
    expect(
      found.filter((c) => !(c in REQUESTS)),
      "commands without their requests in REQUESTS",
    ).to.deep.equal([]);
  });

  it("is allowed every one of them on its own bucket and key", async () => {
    for (const command of appCommands()) {
      for (const r of REQUESTS[command]) {
        const resource = resourceOf(world, r.on);
        expect(
          await decide(world, "api", r.action, resource, r.context?.(world) ?? {}),
          `${command}: ${r.action} on ${resource}`,
        ).to.equal("Allowed");
      }
    }
  });

  it("is refused uploads to, and decryption for, the other producer's bucket", async () => {
    const other = `${world.buckets.ingest}/${monthPrefix(new Date())}0123456789abcdef.png`;
    expect(await decide(world, "api", "s3:PutObject", other, sseKms(world))).to.not.equal(
      "Allowed",
    );
    expect(
      await decide(world, "api", "kms:Decrypt", world.keyArn, viaS3(world.buckets.ingest)),
    ).to.not.equal("Allowed");
  });
});
