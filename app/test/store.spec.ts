// The store's listing against the local S3: newest month first, at most a year back, within
// its deadline.
import { expect } from "chai";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { parseConfig } from "../src/config";
import { createS3Client } from "../src/s3-client";
import { ImageStore, StorageError } from "../src/store";
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
    const { images, complete } = await store.list(48, now);
    expect(complete).to.equal(true);
    expect(images.map((i) => i.key)).to.deep.equal([
      key("2025/02", 1),
      key("2025/01", 2),
      key("2024/12", 3),
      key("2024/06", 4),
    ]);
    expect(s3.operations()).to.deep.equal(new Array(12).fill("ListObjects"));
  });

  it("stops listing once it has enough images", async () => {
    const { images, complete } = await store.list(2, now);
    expect(complete).to.equal(true);
    expect(images.map((i) => i.key)).to.deep.equal([key("2025/02", 1), key("2025/01", 2)]);
    expect(s3.operations()).to.have.length(3); // one batch of three months
  });

  describe("under its deadline", () => {
    /** A store on the same S3 whose ListObjectsV2 calls after the first `fast` wait `delayMs`. */
    const slowAfter = (fast: number, delayMs: number) => {
      const config = parseConfig({ ...testEnv(s3), S3_TIMEOUT_MS: "1000" });
      const client = createS3Client(config);
      let calls = 0;
      client.middlewareStack.add(
        (next) => async (args) => {
          calls += 1;
          if (calls > fast) await new Promise((resolve) => setTimeout(resolve, delayMs));
          return next(args);
        },
        { step: "initialize", name: "slowListing" },
      );
      return new ImageStore(client, config);
    };

    it("answers with the newest months, as incomplete, when the older ones are not listed in time", async () => {
      const slow = slowAfter(3, 5_000);
      try {
        const started = Date.now();
        const { images, complete } = await slow.list(48, now, 600);
        expect(Date.now() - started, "ms taken").to.be.below(600 + 400);
        expect(complete).to.equal(false);
        // The first batch (2025/02 back to 2024/12) only.
        expect(images.map((i) => i.key)).to.deep.equal([
          key("2025/02", 1),
          key("2025/01", 2),
          key("2024/12", 3),
        ]);
      } finally {
        slow.client.destroy();
      }
    });

    it("fails, as a transient error, when not even the newest months are listed in time", async () => {
      const slow = slowAfter(0, 5_000);
      try {
        const started = Date.now();
        const failure = await slow.list(48, now, 300).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(Date.now() - started, "ms taken").to.be.below(300 + 400);
        expect(failure).to.be.instanceOf(StorageError);
        expect((failure as StorageError).transient).to.equal(true);
        expect((failure as Error).message).to.match(
          /ListObjectsV2: no answer from S3 within 300 ms/,
        );
      } finally {
        slow.client.destroy();
      }
    });
  });
});
