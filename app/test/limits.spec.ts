// POST /upload against clients that misbehave: fields before the file, slow clients holding
// upload slots, one client taking many slots, Expect: 100-continue, broken HTTP, odd part
// headers. Deadlines are configured short here. Images that are bombs or broken inside:
// limits-images.spec.ts.
import { expect } from "chai";
import { connect } from "node:net";
import { png } from "./support/images";
import { perTestApp } from "./support/per-test-app";
import { BOUNDARY, sendUpload, uploadBody } from "./support/uploads";
import { form, postUpload, rawExchange, sleep, startApp } from "./support/harness";

describe("POST /upload, limits", function () {
  this.timeout(20_000);
  const app = perTestApp();

  async function expectRefused(response: Response, status: number, code: string): Promise<void> {
    expect(response.status).to.equal(status);
    expect(await response.json()).to.include({ error: code });
  }

  describe("text fields before the file", () => {
    for (const count of [1, 2, 3]) {
      it(`400 unexpected_field for ${count} field(s) before the file, nothing stored`, async () => {
        app.server = await startApp(app.s3);
        const fields: Record<string, string> = {};
        for (let i = 0; i < count; i++) fields[i === 0 ? "csrf_token" : `extra${i}`] = "abc123";
        const response = await postUpload(app.server.url, form([{ data: png() }], fields));
        await expectRefused(response, 400, "unexpected_field");
        expect(app.s3.writes()).to.deep.equal([]);
        expect(await app.s3.keys()).to.deep.equal([]);
      });
    }

    it("answers a browser's form post with the error page", async () => {
      app.server = await startApp(app.s3);
      const response = await postUpload(app.server.url, form([{ data: png() }], { csrf: "x" }), {
        accept: "text/html",
      });
      expect(response.status).to.equal(400);
      expect(await response.text()).to.include("Send only the image, in the field &#34;file&#34;.");
    });
  });

  describe("slow clients", () => {
    const PACE = {
      UPLOAD_IDLE_TIMEOUT_MS: "300",
      UPLOAD_MIN_BYTES_PER_SECOND: "2000",
    };

    it("408 for a client that trickles its body after a valid header; its slot comes back", async () => {
      // A longer head start here, so the slow client surely holds the slot when the next comes.
      app.server = await startApp(app.s3, {
        ...PACE,
        UPLOAD_IDLE_TIMEOUT_MS: "1000",
        UPLOAD_CONCURRENCY: "1",
      });
      const slow = sendUpload(app.server.url, uploadBody(), { first: 300, everyMs: 50 });
      await sleep(100);
      const busy = await postUpload(app.server.url, form([{ data: png() }]));
      expect(busy.status, "the slow client holds the only slot").to.equal(503);

      expect(await slow.status).to.equal(408);
      expect(JSON.parse(await slow.body)).to.deep.equal({
        error: "too_slow",
        message:
          "The upload is too slow (less than 2000 bytes/s on average). Try again on a faster connection.",
      });
      expect((await slow.headers).connection).to.equal("close");
      const next = await postUpload(app.server.url, form([{ data: png() }]));
      expect(next.status, "the slot is free again").to.equal(201);
      expect(await app.s3.keys()).to.have.length(1);
    });

    it("408 for a client that stops sending", async () => {
      app.server = await startApp(app.s3, PACE);
      const stalled = sendUpload(app.server.url, uploadBody(), { first: 300 });
      expect(await stalled.status).to.equal(408);
      expect(JSON.parse(await stalled.body).message).to.equal(
        "The upload stalled: nothing arrived for 300 ms. Try again.",
      );
      expect(app.s3.writes()).to.deep.equal([]);
    });

    it("eight clients sending a byte at a time no longer hold every slot", async () => {
      app.server = await startApp(app.s3, {
        ...PACE,
        UPLOAD_CONCURRENCY: "8",
        UPLOAD_CONCURRENCY_PER_CLIENT: "8",
      });
      const slow = Array.from({ length: 8 }, () =>
        sendUpload(app.server!.url, uploadBody(), { first: 300, everyMs: 100 }),
      );
      expect(await Promise.all(slow.map((s) => s.status))).to.deep.equal(new Array(8).fill(408));
      expect((await postUpload(app.server.url, form([{ data: png() }]))).status).to.equal(201);
    });

    it("paces the end of the body too: a client trickling the closing delimiter gets 408", async () => {
      app.server = await startApp(app.s3, PACE);
      const body = uploadBody(png(20, 20));
      const slow = sendUpload(app.server.url, body, { first: body.length - 10, everyMs: 200 });
      expect(await slow.status).to.equal(408);
      expect(app.s3.writes()).to.deep.equal([]);
    });

    it("lets a client that keeps a reasonable pace finish", async () => {
      app.server = await startApp(app.s3, PACE);
      const body = uploadBody(png(60, 60, true)); // about 11 KB at about 40 KB/s
      const steady = sendUpload(app.server.url, body, { first: 1000, everyMs: 25, trickle: 1000 });
      expect(await steady.status).to.equal(201);
    });
  });

  describe("uploads per client", () => {
    it("429 with Retry-After beyond UPLOAD_CONCURRENCY_PER_CLIENT from one address", async () => {
      app.server = await startApp(app.s3, { UPLOAD_CONCURRENCY_PER_CLIENT: "1" });
      const held = sendUpload(app.server.url, uploadBody(), { first: 1000 });
      await sleep(100);
      const second = await postUpload(app.server.url, form([{ data: png() }]));
      expect(second.status).to.equal(429);
      expect(second.headers.get("retry-after")).to.equal("5");
      expect(await second.json()).to.deep.equal({
        error: "too_many_uploads",
        message: "At most 1 upload at a time from one client. Try again when one is done.",
      });
      held.finish();
      expect(await held.status).to.equal(201);
    });

    it("tells clients apart by X-Forwarded-For from a trusted proxy only", async () => {
      app.server = await startApp(app.s3, {
        UPLOAD_CONCURRENCY_PER_CLIENT: "1",
        TRUSTED_PROXIES: "127.0.0.1",
      });
      const xff = (client: string) => ({ "x-forwarded-for": client });
      const held = sendUpload(app.server.url, uploadBody(), {
        first: 1000,
        headers: xff("203.0.113.8"),
      });
      await sleep(100);
      // A spoofed address before the one the proxy added does not count.
      const same = await postUpload(
        app.server.url,
        form([{ data: png() }]),
        xff("198.51.100.1, 203.0.113.8"),
      );
      expect(same.status).to.equal(429);
      const other = await postUpload(app.server.url, form([{ data: png() }]), xff("203.0.113.9"));
      expect(other.status).to.equal(201);
      held.finish();
      expect(await held.status).to.equal(201);

      const untrusting = await startApp(app.s3, {
        UPLOAD_CONCURRENCY_PER_CLIENT: "1",
        TRUSTED_PROXIES: "none",
      });
      try {
        const first = sendUpload(untrusting.url, uploadBody(), {
          first: 1000,
          headers: xff("203.0.113.8"),
        });
        await sleep(100);
        const spoofed = await postUpload(
          untrusting.url,
          form([{ data: png() }]),
          xff("203.0.113.9"),
        );
        expect(spoofed.status, "X-Forwarded-For from anyone else is ignored").to.equal(429);
        first.finish();
        expect(await first.status).to.equal(201);
      } finally {
        await untrusting.close();
      }
    });
  });

  describe("Expect: 100-continue", () => {
    const head = (length: number, extra = ""): string =>
      "POST /upload HTTP/1.1\r\nHost: test\r\nAccept: application/json\r\n" +
      `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\n` +
      `Content-Length: ${length}\r\nExpect: 100-continue\r\n${extra}\r\n`;

    it("413 at once, without 100 Continue, for a Content-Length far over the limit", async () => {
      app.server = await startApp(app.s3, { MAX_UPLOAD_BYTES: String(64 * 1024) });
      const answer = await rawExchange(app.server.url, head(10 * 1024 * 1024 * 1024));
      expect(answer).to.match(/^HTTP\/1\.1 413 /);
      expect(answer).not.to.include("100 Continue");
      expect(answer).to.include('"error":"too_large"');
    });

    it("503 busy without 100 Continue when every slot is taken", async () => {
      app.server = await startApp(app.s3, { UPLOAD_CONCURRENCY: "1" });
      const held = sendUpload(app.server.url, uploadBody(), { first: 1000 });
      await sleep(100);
      const answer = await rawExchange(app.server.url, head(2000));
      expect(answer).to.match(/^HTTP\/1\.1 503 /);
      expect(answer).not.to.include("100 Continue");
      held.finish();
      expect(await held.status).to.equal(201);
    });

    it("100 Continue, then 201, for an acceptable upload", async () => {
      app.server = await startApp(app.s3);
      const body = uploadBody(png(8, 8));
      const { port } = new URL(app.server.url);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), "127.0.0.1");
        let received = "";
        socket.on("data", (data) => {
          received += data.toString("latin1");
          if (received === "HTTP/1.1 100 Continue\r\n\r\n") socket.write(body);
          if (/\r\n\r\n\{.*\}$/s.test(received)) socket.end();
        });
        socket.on("close", () => resolve(received));
        socket.on("error", reject);
        socket.write(head(body.length));
      });
      expect(answer).to.match(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 201 /);
    });
  });

  describe("errors of the HTTP layer, in the app's own shape", () => {
    it("431 headers_too_large for headers over Node's limit", async () => {
      app.server = await startApp(app.s3);
      const answer = await rawExchange(
        app.server.url,
        `GET / HTTP/1.1\r\nHost: test\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      );
      expect(answer).to.match(/^HTTP\/1\.1 431 /);
      expect(answer).to.include("x-content-type-options: nosniff");
      expect(answer).to.include("content-security-policy: default-src 'none'");
      expect(answer.slice(answer.indexOf("\r\n\r\n") + 4)).to.equal(
        JSON.stringify({
          error: "headers_too_large",
          message: "The request headers are too large.",
        }),
      );
    });

    it("400 bad_request for a malformed request", async () => {
      app.server = await startApp(app.s3);
      const answer = await rawExchange(app.server.url, "NOT HTTP AT ALL\r\n\r\n");
      expect(answer).to.match(/^HTTP\/1\.1 400 /);
      expect(answer.slice(answer.indexOf("\r\n\r\n") + 4)).to.equal(
        JSON.stringify({ error: "bad_request", message: "The request is malformed." }),
      );
    });
  });

  describe("parts the parser cannot read", () => {
    const part = (disposition: string, data: Buffer): Buffer =>
      Buffer.concat([
        Buffer.from(`--${BOUNDARY}\r\n${disposition}Content-Type: image/png\r\n\r\n`),
        data,
        Buffer.from("\r\n"),
      ]);
    const close = Buffer.from(`--${BOUNDARY}--\r\n`);
    const post = (body: Buffer) =>
      postUpload(app.server!.url, body, {
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
      });

    it("400 bad_part, not no_file, for a CR/LF in filename*", async () => {
      app.server = await startApp(app.s3);
      const body = Buffer.concat([
        part(
          `Content-Disposition: form-data; name="file"; filename*=UTF-8''a%0D%0Ab.png\r\n`,
          png(),
        ),
        close,
      ]);
      await expectRefused(await post(body), 400, "bad_part");
      expect(await app.s3.keys()).to.deep.equal([]);
    });

    it("400 bad_part for an unreadable part after the file, which is not stored", async () => {
      app.server = await startApp(app.s3);
      const body = Buffer.concat([
        part('Content-Disposition: form-data; name="file"; filename="a.png"\r\n', png()),
        part("", Buffer.from("no disposition")),
        close,
      ]);
      await expectRefused(await post(body), 400, "bad_part");
      expect(app.s3.writes()).to.deep.equal([]);
    });

    it("keeps accepting a well-formed filename*", async () => {
      app.server = await startApp(app.s3);
      const body = Buffer.concat([
        part(
          `Content-Disposition: form-data; name="file"; filename*=UTF-8''caf%C3%A9.png\r\n`,
          png(),
        ),
        close,
      ]);
      expect((await post(body)).status).to.equal(201);
      expect((await app.s3.object((await app.s3.keys())[0])).metadata["original-name"]).to.equal(
        "cafe.png",
      );
    });
  });
});
