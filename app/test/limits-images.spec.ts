// POST /upload with images that are bombs or broken inside, refused with nothing stored, and
// JPEGs from real cameras that are accepted (clients that misbehave: limits.spec.ts).
import { expect } from "chai";
import {
  gif,
  jpeg,
  jpegWithMetadata,
  png,
  pngBomb,
  pngChunk,
  pngFrom,
  ihdr,
} from "./support/images";
import { perTestApp } from "./support/per-test-app";
import { MIB } from "./support/uploads";
import { form, postStreamed, postUpload, startApp, waitFor } from "./support/harness";

describe("POST /upload, limits", function () {
  this.timeout(20_000);
  const app = perTestApp();

  describe("images refused inside, with nothing stored", () => {
    it("415 for the 10000 x 10000 PNG bomb, before any S3 request", async () => {
      app.server = await startApp(app.s3);
      const response = await postUpload(app.server.url, form([{ data: pngBomb(10000, 10000) }]));
      expect(response.status).to.equal(415);
      expect(await response.json()).to.deep.equal({
        error: "not_an_image",
        message:
          "Only JPEG, PNG, GIF and WebP images are accepted: the image is too large (10000x10000 " +
          "pixels; at most 32767 a side and 40 million pixels).",
      });
      expect(app.s3.requests).to.deep.equal([]);
    });

    it("415 for a PNG whose image data cannot be decompressed, without a write", async () => {
      app.server = await startApp(app.s3);
      const broken = pngFrom(
        ihdr(16, 16),
        pngChunk("IDAT", Buffer.from("x\u009c this is not deflate data")),
        pngChunk("IEND", Buffer.alloc(0)),
      );
      const response = await postUpload(app.server.url, form([{ data: broken }]));
      expect(response.status).to.equal(415);
      expect(((await response.json()) as { message: string }).message).to.match(
        /image data cannot be decompressed/,
      );
      expect(app.s3.writes()).to.deep.equal([]);
    });

    it("415 for a GIF with an HTML tail, without a write", async () => {
      app.server = await startApp(app.s3);
      const polyglot = Buffer.concat([gif(), Buffer.from("<html><script>alert(1)</script>")]);
      const response = await postUpload(app.server.url, form([{ data: polyglot }]));
      expect(response.status).to.equal(415);
      expect(((await response.json()) as { message: string }).message).to.match(
        /data after the end of the GIF/,
      );
      expect(app.s3.writes()).to.deep.equal([]);
    });

    it("415 when a large PNG breaks after its first part went to S3: the upload is aborted", async () => {
      app.server = await startApp(app.s3, { MAX_UPLOAD_BYTES: String(7 * MIB) });
      const image = png(1400, 1400, true); // about 5.6 MiB: two parts
      const broken = Buffer.from(image);
      broken[broken.length - 13] ^= 0xff; // the IDAT chunk's CRC (IEND is the last 12 bytes)
      const response = await postStreamed(app.server.url, [{ data: broken }]);
      expect(response.status).to.equal(415);
      expect(((await response.json()) as { message: string }).message).to.match(
        /IDAT chunk's checksum is wrong/,
      );
      await waitFor("the abort", () => (app.s3.pendingUploads().length === 0 ? true : undefined));
      expect(app.s3.operations())
        .to.include("UploadPart")
        .and.not.include("CompleteMultipartUpload");
      expect(await app.s3.keys()).to.deep.equal([]);
    });
  });

  describe("JPEGs from real cameras", () => {
    it("accepts more than 512 KiB of metadata before the frame header", async () => {
      app.server = await startApp(app.s3, { MAX_UPLOAD_BYTES: String(2 * MIB) });
      const photo = jpegWithMetadata(1024 * 1024, 64, 48);
      const response = await postUpload(app.server.url, form([{ data: photo }]));
      expect(response.status).to.equal(201);
      expect(await response.json()).to.include({ width: 64, height: 48 });
      expect((await app.s3.object((await app.s3.keys())[0])).body.equals(photo)).to.equal(true);
    });

    it("stores a JPEG without what follows its end-of-image marker", async () => {
      app.server = await startApp(app.s3);
      const photo = jpeg(16, 16);
      const motion = Buffer.concat([photo, Buffer.from("....ftypmp42 an embedded clip")]);
      expect((await postUpload(app.server.url, form([{ data: motion }]))).status).to.equal(201);
      expect((await app.s3.object((await app.s3.keys())[0])).body.equals(photo)).to.equal(true);
    });
  });
});
