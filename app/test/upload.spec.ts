// POST /upload against a real S3 API on loopback: what is accepted, what is refused, and that a
// refusal leaves nothing in the bucket.
import { expect } from "chai";
import { request } from "node:http";
import { gif, jpeg, png, webp } from "./support/images";
import { LocalS3 } from "./support/local-s3";
import {
  TEST_KMS_KEY,
  form,
  multipartBody,
  postStreamed,
  postUpload,
  startApp,
  waitFor,
  type RunningApp,
} from "./support/harness";

const KEY = /^uploads\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.(png|jpg|gif|webp)$/;

describe("POST /upload", () => {
  let s3: LocalS3;
  let server: RunningApp;

  before(async () => {
    s3 = await LocalS3.start();
    server = await startApp(s3, { MAX_UPLOAD_BYTES: String(64 * 1024) });
  });
  after(async () => {
    await server.close();
    await s3.close();
  });
  beforeEach(() => {
    s3.requests.length = 0;
  });

  async function expectNothingStored(): Promise<void> {
    expect(await s3.keys()).to.deep.equal([]);
  }
  async function expectRefused(response: Response, status: number, code: string): Promise<void> {
    expect(response.status).to.equal(status);
    expect(await response.json()).to.include({ error: code });
  }

  describe("accepted images", () => {
    // Keep the bucket empty for the refusal tests' "nothing stored" checks.
    afterEach(() => s3.clear());

    it("stores a PNG under a server-made key, encrypted with the configured KMS key", async () => {
      const image = png(4, 3);
      const response = await postUpload(server.url, form([{ data: image, name: "cat.png" }]));
      expect(response.status).to.equal(201);
      // The wire: exactly one request, a PutObject carrying the SSE-KMS headers.
      expect(s3.operations()).to.deep.equal(["PutObject"]);
      const put = s3.requests[0];
      expect(put.headers["x-amz-server-side-encryption"]).to.equal("aws:kms");
      expect(put.headers["x-amz-server-side-encryption-aws-kms-key-id"]).to.equal(TEST_KMS_KEY);

      const body = (await response.json()) as { id: string; url: string; type: string };
      expect(body).to.include({ type: "image/png", width: 4, height: 3 });
      expect(response.headers.get("location")).to.equal(`/images/${body.id}`);

      const [key] = await s3.keys();
      expect(key).to.match(KEY).and.equal(`uploads/${body.id}`);
      expect(key.endsWith(".png")).to.equal(true);
      const stored = await s3.object(key);
      expect(stored.body.equals(image)).to.equal(true);
      expect(stored.contentType).to.equal("image/png");
      expect(stored.metadata).to.deep.include({
        "original-name": "cat.png",
        width: "4",
        height: "3",
      });
    });

    for (const [kind, data, ext, type] of [
      ["JPEG", jpeg(16, 8), "jpg", "image/jpeg"],
      ["GIF", gif(), "gif", "image/gif"],
      ["WebP", webp(), "webp", "image/webp"],
    ] as const) {
      it(`stores a ${kind} with the extension of its detected type`, async () => {
        // The client's name and declared type are ignored: the content decides.
        const response = await postUpload(
          server.url,
          form([{ data, name: "holiday.txt", type: "text/plain" }]),
        );
        expect(response.status).to.equal(201);
        const [key] = await s3.keys();
        expect(key).to.match(KEY);
        expect(key.endsWith(`.${ext}`)).to.equal(true);
        const stored = await s3.object(key);
        expect(stored.contentType).to.equal(type);
        expect(stored.body.equals(data)).to.equal(true);
      });
    }

    it("redirects a browser's form post back to the gallery", async () => {
      const response = await postUpload(server.url, form([{ data: png() }]), {
        accept: "text/html,application/xhtml+xml",
      });
      expect(response.status).to.equal(303);
      expect(response.headers.get("location")).to.match(
        /^\/\?uploaded=\d{4}\/\d{2}\/[0-9a-f-]{36}\.png$/,
      );
    });

    const trickyNames = [
      "../../../etc/passwd.png",
      "..\\..\\windows\\win.ini",
      "/absolute/path/x.png",
      'quote".png\r\nx-amz-meta-evil: 1',
      "<script>alert(1)</script>.png",
      "....png",
      "ünïcödé 画像.png",
    ];
    for (const name of trickyNames) {
      it(`makes a safe key for the file name ${JSON.stringify(name)}`, async () => {
        const response = await postUpload(server.url, form([{ data: png(), name }]));
        expect(response.status).to.equal(201);
        const [key] = await s3.keys();
        expect(key).to.match(KEY);
        const original = (await s3.object(key)).metadata["original-name"];
        if (original !== undefined) expect(original).to.match(/^[A-Za-z0-9][A-Za-z0-9._ -]*$/);
      });
    }
  });

  describe("refusals leave nothing stored", () => {
    it("413 for a file over MAX_UPLOAD_BYTES, without an S3 request", async () => {
      const big = png(150, 150, true); // about 66 KiB, over the 64 KiB limit
      expect(big.length).to.be.greaterThan(64 * 1024);
      await expectRefused(await postUpload(server.url, form([{ data: big }])), 413, "too_large");
      expect(s3.requests).to.deep.equal([]);
      await expectNothingStored();
    });

    it("413 for an oversized file sent without Content-Length (counted while streaming)", async () => {
      const big = png(300, 300, true);
      await expectRefused(await postStreamed(server.url, [{ data: big }]), 413, "too_large");
      expect(s3.requests).to.deep.equal([]);
      await expectNothingStored();
    });

    it("413 before reading the body when Content-Length is far over the limit", async () => {
      const huge = png(400, 400, true);
      const response = await postUpload(server.url, form([{ data: huge }])).catch(
        (err: Error) => err,
      );
      // The server answers 413 and closes: depending on timing the client sees the answer or
      // a reset connection. Either way nothing reaches S3.
      if (response instanceof Response) await expectRefused(response, 413, "too_large");
      expect(s3.writes()).to.deep.equal([]);
      await expectNothingStored();
    });

    it("415 for a text file named .png, without an S3 request", async () => {
      const fake = Buffer.from("just some text, not an image at all\n".repeat(10));
      const response = await postUpload(
        server.url,
        form([{ data: fake, name: "photo.png", type: "image/png" }]),
      );
      await expectRefused(response, 415, "not_an_image");
      expect(s3.requests).to.deep.equal([]);
      await expectNothingStored();
    });

    it("415 for an HTML file dressed as a GIF (no magic bytes)", async () => {
      const html = Buffer.from("<html><script>alert(document.cookie)</script></html>");
      const response = await postUpload(server.url, form([{ data: html, type: "image/gif" }]));
      await expectRefused(response, 415, "not_an_image");
      await expectNothingStored();
    });

    for (const [what, data] of [
      ["a truncated PNG (IEND cut off)", png(8, 8).subarray(0, -12)],
      ["a PNG cut inside its image data", png(20, 20, true).subarray(0, 200)],
      ["a PNG with only its signature", png().subarray(0, 8)],
      [
        "a PNG header with a wrong checksum",
        Buffer.concat([png().subarray(0, 29), Buffer.alloc(4), png().subarray(33)]),
      ],
      ["a truncated JPEG (no end marker)", jpeg(64, 64).subarray(0, -2)],
      ["a JPEG without a frame header", Buffer.from([0xff, 0xd8, 0xff, 0xd9])],
      ["a truncated GIF", gif().subarray(0, -1)],
      ["a truncated WebP", webp().subarray(0, -2)],
    ] as const) {
      it(`415 for ${what}`, async () => {
        const response = await postUpload(
          server.url,
          form([{ data, name: "x.png", type: "image/png" }]),
        );
        await expectRefused(response, 415, "not_an_image");
        expect(s3.writes()).to.deep.equal([]);
        await expectNothingStored();
      });
    }

    it("400 when the form has no file", async () => {
      await expectRefused(await postUpload(server.url, new FormData()), 400, "no_file");
      await expectNothingStored();
    });

    it("400 when the file input was left empty (browser sends an empty part)", async () => {
      const body = form([{ data: Buffer.alloc(0), name: "" }]);
      await expectRefused(await postUpload(server.url, body), 400, "no_file");
    });

    it("400 for an empty file", async () => {
      const body = form([{ data: Buffer.alloc(0), name: "empty.png" }]);
      await expectRefused(await postUpload(server.url, body), 400, "empty_file");
    });

    it("400 for two files, and neither is stored", async () => {
      const body = form([{ data: png() }, { data: png(2, 2) }]);
      await expectRefused(await postUpload(server.url, body), 400, "too_many_files");
      expect(s3.writes()).to.deep.equal([]);
      await expectNothingStored();
    });

    it("400 for a file in the wrong field", async () => {
      const body = form([{ data: png(), field: "image" }]);
      await expectRefused(await postUpload(server.url, body), 400, "wrong_field");
      await expectNothingStored();
    });

    it("400 for an extra text field after the file, and the file is not stored", async () => {
      const body = form([{ data: png() }]);
      body.append("comment", "hello");
      await expectRefused(await postUpload(server.url, body), 400, "unexpected_field");
      expect(s3.writes()).to.deep.equal([]);
      await expectNothingStored();
    });

    it("415 for a JSON body and for a url-encoded form", async () => {
      const json = await postUpload(server.url, JSON.stringify({ file: "x" }), {
        "content-type": "application/json",
      });
      await expectRefused(json, 415, "not_multipart");
      const urlencoded = await postUpload(server.url, "file=x", {
        "content-type": "application/x-www-form-urlencoded",
      });
      await expectRefused(urlencoded, 415, "not_multipart");
    });

    it("400 for a multipart body without a boundary or with broken framing", async () => {
      const noBoundary = await postUpload(server.url, "whatever", {
        "content-type": "multipart/form-data",
      });
      await expectRefused(noBoundary, 400, "bad_multipart");
      const broken = await postUpload(
        server.url,
        '--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n' +
          png().toString("latin1"),
        { "content-type": "multipart/form-data; boundary=b" },
      );
      expect(broken.status).to.be.within(400, 499);
      await expectNothingStored();
    });

    it("stores nothing when the client disconnects in the middle of the file", async () => {
      const boundary = "----abort-boundary";
      const body = multipartBody([{ data: png(200, 200, true) }], boundary);
      const req = request(`${server.url}/upload`, {
        method: "POST",
        headers: {
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "content-length": body.length,
        },
      });
      req.on("error", () => {});
      req.write(body.subarray(0, 40_000));
      await new Promise((resolve) => setTimeout(resolve, 200));
      req.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(s3.writes()).to.deep.equal([]);
      await expectNothingStored();
      expect((await fetch(`${server.url}/healthz`)).status).to.equal(200);
    });

    it("keeps the connection usable after a refusal", async () => {
      const refused = await postUpload(server.url, form([{ data: Buffer.from("nope") }]));
      expect(refused.status).to.equal(415);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).to.equal(200);
    });
  });
});

describe("POST /upload, files larger than one S3 part", function () {
  this.timeout(60_000);
  let s3: LocalS3;
  let server: RunningApp;
  const MIB = 1024 * 1024;

  before(async () => {
    s3 = await LocalS3.start();
    server = await startApp(s3, { MAX_UPLOAD_BYTES: String(6 * MIB) });
  });
  after(async () => {
    await server.close();
    await s3.close();
  });
  beforeEach(() => {
    s3.requests.length = 0;
  });

  it("413 after the first part was sent: the multipart upload is aborted, never completed", async () => {
    const big = png(1500, 1500, true); // about 6.4 MiB: one 5 MiB part, then over the limit
    expect(big.length).to.be.within(6 * MIB, 7 * MIB);
    const response = await postStreamed(server.url, [{ data: big }]);
    expect(response.status).to.equal(413);
    // The abort runs after the answer (retried if need be, see faults.spec.ts).
    await waitFor("the abort", () => (s3.pendingUploads().length === 0 ? true : undefined));
    const operations = s3.operations();
    expect(operations).to.include("CreateMultipartUpload");
    expect(operations).to.include("AbortMultipartUpload");
    expect(operations).not.to.include("CompleteMultipartUpload");
    expect(await s3.keys()).to.deep.equal([]);
  });

  it("stores a file larger than one part as an SSE-KMS multipart upload", async () => {
    const large = png(1350, 1350, true); // about 5.2 MiB
    expect(large.length).to.be.greaterThan(5 * MIB);
    const response = await postUpload(server.url, form([{ data: large }]));
    expect(response.status).to.equal(201);
    expect(s3.operations().slice(0, 4)).to.deep.equal([
      "CreateMultipartUpload",
      "UploadPart",
      "UploadPart",
      "CompleteMultipartUpload",
    ]);
    const create = s3.requests[0];
    expect(create.headers["x-amz-server-side-encryption"]).to.equal("aws:kms");
    expect(create.headers["x-amz-server-side-encryption-aws-kms-key-id"]).to.equal(TEST_KMS_KEY);
    const [key] = await s3.keys();
    expect((await s3.object(key)).body.equals(large)).to.equal(true);
  });
});

describe("POST /upload, concurrency limit", () => {
  it("503 with Retry-After beyond UPLOAD_CONCURRENCY uploads in flight", async () => {
    const s3 = await LocalS3.start();
    const server = await startApp(s3, { UPLOAD_CONCURRENCY: "1" });
    try {
      const boundary = "----slow-boundary";
      const body = multipartBody([{ data: png(100, 100, true) }], boundary);
      const slow = request(`${server.url}/upload`, {
        method: "POST",
        headers: {
          accept: "application/json",
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "content-length": body.length,
        },
      });
      const slowStatus = new Promise<number>((resolve, reject) => {
        slow.on("response", (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        slow.on("error", reject);
      });
      slow.write(body.subarray(0, 1000));
      await new Promise((resolve) => setTimeout(resolve, 200));

      const busy = await postUpload(server.url, form([{ data: png() }]));
      expect(busy.status).to.equal(503);
      expect(busy.headers.get("retry-after")).to.equal("5");
      expect(await busy.json()).to.include({ error: "busy" });

      slow.end(body.subarray(1000));
      expect(await slowStatus).to.equal(201);
      expect(await s3.keys()).to.have.length(1);
    } finally {
      await server.close();
      await s3.close();
    }
  });
});
