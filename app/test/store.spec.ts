// The store's listing against the local S3: newest month first, at most a year back.
import { expect } from "chai";
import { PutObjectCommand } from "@aws-sdk/client-s3";
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
