// The store's listing against the local S3 (newest month first, at most a year back), and its
// presigned URLs' reuse against the lifetime of the credentials that sign them.
import { expect } from "chai";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { parseConfig } from "../src/config";
import { ImageStore, createS3Client } from "../src/store";
import { LocalS3 } from "./support/local-s3";
import { testEnv } from "./support/harness";

describe("ImageStore.list", () => {
  let s3: LocalS3;
  let store: ImageStore;
  const now = new Date("2025-02-10T12:00:00Z");
  const key = (month: string, n: number): string =>
    `uploads/${month}/0000000${n}-0000-4000-8000-000000000000.png`;

  before(async () => {
    s3 = await LocalS3.start();
    const config = parseConfig(testEnv(s3));
    store = new ImageStore(createS3Client(config), config);
    for (const k of [
      key("2025/02", 1),
      key("2025/01", 2),
      key("2024/12", 3),
      key("2024/06", 4),
      key("2024/01", 5), // 13 months back: beyond the gallery's year
    ]) {
      await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: k, Body: "x" }));
    }
  });
  after(async () => {
    store.client.destroy();
    await s3.close();
  });
  beforeEach(() => {
    s3.requests.length = 0;
  });

  it("lists month prefixes newest first, going back at most a year", async () => {
    const images = await store.list(48, now);
    expect(images.map((i) => i.key)).to.deep.equal([
      key("2025/02", 1),
      key("2025/01", 2),
      key("2024/12", 3),
      key("2024/06", 4),
    ]);
    expect(s3.operations()).to.deep.equal(new Array(12).fill("ListObjects"));
  });

  it("stops listing once it has enough images", async () => {
    const images = await store.list(2, now);
    expect(images.map((i) => i.key)).to.deep.equal([key("2025/02", 1), key("2025/01", 2)]);
    expect(s3.operations()).to.have.length(3); // one batch of three months
  });
});

/** What the client signs with (the SDK's AwsCredentialIdentity). */
type AwsCredentialIdentity = Awaited<ReturnType<S3Client["config"]["credentials"]>>;

describe("ImageStore.presign", () => {
  // A week: one signing window is half of it, so every time below falls in the same window.
  const ttlSeconds = 604800;
  const windowMs = (ttlSeconds / 2) * 1000;
  const start = Math.floor(Date.now() / windowMs) * windowMs;
  const config = {
    bucketName: "images-bucket",
    kmsKeyId: undefined,
    presignTtlSeconds: ttlSeconds,
    s3TimeoutMs: 1_000,
  };

  /** A store whose client signs with `identity()`, asked anew each time the SDK wants it. */
  const storeSigningWith = (identity: () => AwsCredentialIdentity): ImageStore =>
    new ImageStore(
      new S3Client({ region: "eu-west-1", credentials: async () => identity() }),
      config,
    );
  const accessKeyOf = (url: string): string =>
    new URL(url).searchParams.get("X-Amz-Credential")!.split("/")[0];

  it("reuses a URL within its signing window while its credentials last", async () => {
    const store = storeSigningWith(() => ({ accessKeyId: "AKIAPERMANENT", secretAccessKey: "s" }));
    const first = await store.presign("uploads/2025/02/a.png", start + 1_000);
    expect(await store.presign("uploads/2025/02/a.png", start + windowMs - 1_000)).to.equal(first);
    expect(await store.presign("uploads/2025/02/b.png", start + 1_000)).to.not.equal(first);
  });

  it("signs again once the credentials a URL was signed with are about to expire", async () => {
    // Temporary credentials, as an ECS task role has: a URL signed with them stops working when
    // they expire, whatever its X-Amz-Expires.
    let identity: AwsCredentialIdentity = {
      accessKeyId: "ASIAFIRSTSESSION",
      secretAccessKey: "s",
      sessionToken: "t1",
      expiration: new Date(start + 200_000),
    };
    const store = storeSigningWith(() => identity);
    const first = await store.presign("uploads/2025/02/a.png", start + 1_000);
    expect(accessKeyOf(first)).to.equal("ASIAFIRSTSESSION");
    identity = {
      accessKeyId: "ASIASECONDSESSION",
      secretAccessKey: "s",
      sessionToken: "t2",
      expiration: new Date(start + 6 * 3600_000),
    };
    // The first session has 100 s left: its URL would break in the page before long.
    const again = await store.presign("uploads/2025/02/a.png", start + 100_000);
    expect(accessKeyOf(again)).to.equal("ASIASECONDSESSION");
    // The new URL is reused while the second session lasts.
    expect(await store.presign("uploads/2025/02/a.png", start + 3600_000)).to.equal(again);
  });
});
