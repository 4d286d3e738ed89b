// The app against an S3 that misbehaves: the local S3 behind a proxy that hangs, answers 500,
// resets connections or drops ETags (support/fault-proxy.ts). The deadlines are configured
// short here; production defaults are in config.ts.
import { expect } from "chai";
import { createHash } from "node:crypto";
import { png } from "./support/images";
import { FaultProxy, type Fault, type FaultRule } from "./support/fault-proxy";
import { LocalS3 } from "./support/local-s3";
import {
  captureLogs,
  form,
  postStreamed,
  postUpload,
  sleep,
  startApp,
  waitFor,
  type RunningApp,
} from "./support/harness";
import { galleryAnswerMs } from "../src/routes";

const MIB = 1024 * 1024;
// Short enough for quick tests, long enough for the local S3 on a busy machine.
const DEADLINES = {
  S3_TIMEOUT_MS: "1000",
  READINESS_TIMEOUT_MS: "400",
  READINESS_CACHE_MS: "300",
};
/** For tests whose S3 calls are meant to succeed: 5 MiB parts go to disk. */
const RELAXED = { S3_TIMEOUT_MS: "5000" };
/** For tests where every S3 call hangs: nothing has to succeed in time. */
const SHORT = { S3_TIMEOUT_MS: "500" };
/** About 5.6 MiB: two parts of a multipart upload (made once, it takes a while). */
const LARGE = png(1400, 1400, true);
/** A test fails on a request that hangs long before mocha's own timeout would say so. */
const guard = (): AbortSignal => AbortSignal.timeout(10_000);

/** A multipart upload whose second part fails, as does every attempt to abort it. */
const secondPartAndEveryAbortFail: FaultRule = (operation, count) =>
  (operation === "UploadPart" && count >= 2) || operation === "AbortMultipartUpload"
    ? "error500"
    : "pass";

describe("S3 faults", function () {
  this.timeout(20_000);
  let s3: LocalS3;
  let proxy: FaultProxy;
  let server: RunningApp | undefined;

  before(async () => {
    s3 = await LocalS3.start();
    proxy = await FaultProxy.start(s3.endpoint);
  });
  after(async () => {
    await proxy.close();
    await s3.close();
  });
  beforeEach(() => {
    proxy.reset();
    s3.requests.length = 0;
  });
  afterEach(async () => {
    proxy.always("pass"); // let the app's last calls through, so closing is quick
    await server?.close();
    server = undefined;
    await s3.clear();
  });

  const start = (env: Record<string, string> = {}, overrides = {}) =>
    startApp(s3, { S3_ENDPOINT: proxy.endpoint, ...DEADLINES, ...env }, overrides);
  const get = (path: string, accept = "application/json") =>
    fetch(`${server!.url}${path}`, { headers: { accept }, signal: guard() });

  async function expectUnavailable(response: Response): Promise<void> {
    expect(response.status).to.equal(503);
    expect(response.headers.get("retry-after")).to.equal("5");
    expect(await response.json()).to.deep.equal({
      error: "storage_unavailable",
      message: "The image store is not answering right now. Try again in a moment.",
    });
  }

  describe("an S3 that accepts connections and never answers", () => {
    it("readiness answers 503 with Retry-After, and is ready again one probe interval after S3 is", async () => {
      server = await start();
      proxy.always("hang");
      const stuck = await get("/readyz");
      expect(stuck.status).to.equal(503);
      expect(stuck.headers.get("retry-after")).to.equal("1");
      expect(await stuck.json()).to.include({ status: "unavailable" });
      expect(proxy.count("HeadBucket")).to.be.at.least(1);
      expect((await get("/healthz")).status, "liveness does not depend on S3").to.equal(200);

      // A probe is in flight when S3 comes back: it settles at its deadline, and the next probe
      // after the cached answer expires sees S3 again. No restart, no request needed in between.
      // S3 comes back only once that probe has reached it (or the cached answer came back
      // first), not after a fixed sleep a busy machine may outlast.
      const probes = proxy.count("HeadBucket");
      let answered = false;
      const inFlight = get("/readyz").finally(() => (answered = true));
      await waitFor("the readiness probe to reach S3", () =>
        answered || proxy.count("HeadBucket") > probes ? true : undefined,
      );
      proxy.always("pass");
      expect((await inFlight).status).to.equal(503);
      // Ready again one interval (READINESS_CACHE_MS + READINESS_TIMEOUT_MS) later; a little
      // more is allowed for a busy machine, where the local S3 itself may answer slowly.
      await sleep(300 + 400);
      const ready = await waitFor(
        "readiness",
        async () => {
          const answer = await get("/readyz");
          return answer.status === 200 ? answer : undefined;
        },
        3 * (300 + 400),
      );
      expect(await ready.json()).to.include({ status: "ready" });
    });

    it("an upload answers 503 storage_unavailable with Retry-After, and nothing is stored", async () => {
      server = await start(SHORT);
      proxy.always("hang");
      await expectUnavailable(
        await fetch(`${server.url}/upload`, {
          method: "POST",
          body: form([{ data: png(6, 6) }]),
          headers: { accept: "application/json" },
          signal: guard(),
        }),
      );
      expect(proxy.operations()).to.include("PutObject");
      proxy.always("pass");
      expect(await s3.keys()).to.deep.equal([]);
    });

    it("a multipart upload whose part hangs answers 503 and is aborted once S3 answers", async () => {
      server = await start({ MAX_UPLOAD_BYTES: String(7 * MIB) });
      proxy.rule = (operation) =>
        operation === "UploadPart" || operation === "AbortMultipartUpload" ? "hang" : "pass";
      const response = await postStreamed(server.url, [{ data: LARGE }]);
      await expectUnavailable(response);
      proxy.always("pass");
      await waitFor(
        "the abort",
        () => s3.operations().includes("AbortMultipartUpload") || undefined,
      );
      expect(s3.operations()).not.to.include("CompleteMultipartUpload");
      expect(await s3.keys()).to.deep.equal([]);
    });

    it("the gallery and an image page answer 503 (HTML for browsers); liveness stays 200", async () => {
      server = await start(SHORT);
      proxy.always("hang");
      const page = await get("/", "text/html");
      expect(page.status).to.equal(503);
      expect(page.headers.get("retry-after")).to.equal("5");
      expect(await page.text()).to.include("The image store is not answering right now.");
      await expectUnavailable(
        await get("/images/2025/01/00000000-0000-4000-8000-000000000000.png"),
      );
      expect((await get("/healthz")).status).to.equal(200);
    });
  });

  for (const fault of ["error500", "reset"] as const satisfies readonly Fault[]) {
    describe(`an S3 that ${fault === "reset" ? "resets connections" : "answers 500"}`, () => {
      it("answers 503, not 500, on every route that needs S3", async () => {
        server = await start();
        proxy.always(fault);
        await expectUnavailable(await postUpload(server.url, form([{ data: png() }])));
        await expectUnavailable(await get("/"));
        await expectUnavailable(
          await get("/images/2025/01/00000000-0000-4000-8000-000000000000.png"),
        );
        const ready = await get("/readyz");
        expect(ready.status).to.equal(503);
        // The SDK retried each call (3 attempts) before giving up.
        expect(proxy.count("PutObject")).to.equal(3);
        expect(await s3.keys()).to.deep.equal([]);
      });
    });
  }

  describe("verified writes", () => {
    it("sends the image's SHA-256 with the PutObject, which S3 checks", async () => {
      server = await start();
      const image = png(7, 5);
      expect((await postUpload(server.url, form([{ data: image }]))).status).to.equal(201);
      const put = s3.requests.find((r) => r.method === "PUT")!;
      expect(put.headers["x-amz-checksum-sha256"]).to.equal(
        createHash("sha256").update(image).digest("base64"),
      );
    });

    it("does not call an upload stored when the PutObject answer has no ETag", async () => {
      const logs = captureLogs();
      server = await start({}, { logger: logs.logger });
      proxy.rule = (operation) => (operation === "PutObject" ? "no-etag" : "pass");
      await expectUnavailable(await postUpload(server.url, form([{ data: png() }])));
      expect(logs.messages()).not.to.include("image stored");
      expect(logs.entries.find((e) => e.msg === "storage unavailable")).to.deep.include({
        reason: "PutObject: S3 answered without an ETag",
      });
    });

    it("checksums every part of a multipart upload, and refuses a completion without an ETag", async () => {
      const logs = captureLogs();
      server = await start(
        { ...RELAXED, MAX_UPLOAD_BYTES: String(7 * MIB) },
        { logger: logs.logger },
      );
      proxy.rule = (operation) => (operation === "CompleteMultipartUpload" ? "no-etag" : "pass");
      const image = LARGE;
      await expectUnavailable(await postStreamed(server.url, [{ data: image }]));
      const create = s3.requests.find((r) => r.method === "POST" && r.url.includes("uploads"))!;
      expect(create.headers["x-amz-checksum-algorithm"]).to.equal("SHA256");
      const parts = s3.requests.filter((r) => r.method === "PUT");
      expect(parts.map((p) => p.headers["x-amz-checksum-sha256"])).to.deep.equal([
        createHash("sha256")
          .update(image.subarray(0, 5 * MIB))
          .digest("base64"),
        createHash("sha256")
          .update(image.subarray(5 * MIB))
          .digest("base64"),
      ]);
      expect(logs.messages()).not.to.include("image stored");
    });
  });

  describe("a multipart upload that fails midway", () => {
    it("is aborted, the abort retried with backoff until S3 takes it", async () => {
      const logs = captureLogs();
      server = await start(
        { ...RELAXED, MAX_UPLOAD_BYTES: String(7 * MIB) },
        { logger: logs.logger, storeOptions: { abortRetryDelaysMs: [20, 40, 80] } },
      );
      // S3 dies after the first part: the second part's connection is reset (on every one of
      // the SDK's attempts), and the first abort call gets 500s (again on every attempt).
      proxy.rule = (operation, count) =>
        (operation === "UploadPart" && count >= 2) ||
        (operation === "AbortMultipartUpload" && count <= 3)
          ? operation === "UploadPart"
            ? "reset"
            : "error500"
          : "pass";
      await expectUnavailable(await postStreamed(server.url, [{ data: LARGE }]));
      await waitFor(
        "the abort",
        () => s3.operations().includes("AbortMultipartUpload") || undefined,
      );
      expect(proxy.count("AbortMultipartUpload")).to.equal(4);
      expect(s3.operations().filter((o) => o === "AbortMultipartUpload")).to.have.length(1);
      expect(s3.pendingUploads(), "no parts left behind").to.deep.equal([]);
      expect(s3.operations()).not.to.include("CompleteMultipartUpload");
      expect(await s3.keys()).to.deep.equal([]);
      expect(logs.entries.find((e) => e.msg === "multipart upload aborted")).to.include({
        attempts: 2,
      });
    });

    it("leaves the parts to the bucket's lifecycle rule, and says so, when every abort fails", async () => {
      const logs = captureLogs();
      server = await start(
        { ...RELAXED, MAX_UPLOAD_BYTES: String(7 * MIB) },
        { logger: logs.logger, storeOptions: { abortRetryDelaysMs: [10] } },
      );
      proxy.rule = secondPartAndEveryAbortFail;
      await expectUnavailable(await postStreamed(server.url, [{ data: LARGE }]));
      const given = await waitFor("the last abort", () =>
        logs.entries.find((e) => String(e.msg).startsWith("multipart upload not aborted")),
      );
      expect(given.msg).to.equal(
        "multipart upload not aborted; the bucket's lifecycle rule will remove its parts",
      );
      expect(given).to.include({ attempts: 2 });
      expect(proxy.count("AbortMultipartUpload")).to.equal(6); // 2 calls, 3 SDK attempts each
      expect(s3.pendingUploads(), "left to the lifecycle rule").to.have.length(1);
    });
  });

  describe("shutting down while an abort is being retried", () => {
    it("makes no more attempts and leaves the parts to the lifecycle rule", async () => {
      const logs = captureLogs();
      server = await start(
        { ...RELAXED, MAX_UPLOAD_BYTES: String(7 * MIB) },
        // A retry a minute later: closing must not wait for it.
        { logger: logs.logger, storeOptions: { abortRetryDelaysMs: [60_000] } },
      );
      proxy.rule = secondPartAndEveryAbortFail;
      await expectUnavailable(await postStreamed(server.url, [{ data: LARGE }]));
      await waitFor(
        "the first abort to fail",
        () => logs.messages().includes("abort failed; retrying") || undefined,
      );
      await server.close();
      server = undefined;
      expect(proxy.count("AbortMultipartUpload")).to.equal(3); // one call, the SDK's 3 attempts
      expect(
        logs.entries.find((e) => String(e.msg).startsWith("multipart upload not aborted")),
      ).to.include({ attempts: 1 });
    });
  });

  describe("a slow S3", () => {
    /** Uploads one image; S3 answers quickly until the test slows it. */
    async function uploadOne(): Promise<string> {
      const upload = await postUpload(server!.url, form([{ data: png(6, 6) }]));
      expect(upload.status).to.equal(201);
      return ((await upload.json()) as { id: string }).id;
    }
    /** A gallery view naming an image that is not listed: it asks for a forced refresh. */
    const galleryAskingForRefresh = () =>
      get("/?uploaded=2020/01/00000000-0000-4000-8000-000000000000.png", "text/html");

    it("starts the gallery's answer within galleryAnswerMs, no refresh after a slow listing", async () => {
      // 1 s per attempt, 4 s per listing, the answer within 6 s.
      server = await start({ S3_TIMEOUT_MS: "2000" });
      const id = await uploadOne();
      // Each listing call answers inside its attempt's timeout: 4 batches take over 3 s, and the
      // refresh the missing image asks for would take as long again, past 6 s.
      proxy.rule = (operation) => (operation === "ListObjects" ? "delay" : "pass");
      proxy.delayMs = 750;
      const started = Date.now();
      const page = await galleryAskingForRefresh();
      expect(Date.now() - started, "ms before the answer").to.be.below(galleryAnswerMs(2000));
      expect(page.status).to.equal(200);
      expect(await page.text()).to.include(`href="/images/${id}"`);
      // One listing of at most 4 batches of 3 months: no forced refresh.
      expect(proxy.count("ListObjects")).to.be.within(3, 12);
    });

    it("shows the newest months, and says the rest are missing, when S3 fails after them", async () => {
      server = await start();
      const id = await uploadOne();
      // The first batch of months is listed; every later call hangs until its deadline.
      proxy.rule = (operation, count) =>
        operation !== "ListObjects" ? "pass" : count <= 3 ? "delay" : "hang";
      proxy.delayMs = 100;
      const started = Date.now();
      const page = await galleryAskingForRefresh();
      expect(Date.now() - started, "ms before the answer").to.be.below(galleryAnswerMs(1000));
      expect(page.status).to.equal(200);
      const html = await page.text();
      expect(html).to.include(`href="/images/${id}"`);
      expect(html).to.include("Older images could not be listed just now.");
      expect(html).not.to.include("No images yet.");
    });

    it("does not count against the client's pace while it takes a part", async () => {
      server = await start({
        MAX_UPLOAD_BYTES: String(7 * MIB),
        S3_TIMEOUT_MS: "5000",
        UPLOAD_IDLE_TIMEOUT_MS: "200",
      });
      proxy.rule = (operation) => (operation === "UploadPart" ? "delay" : "pass");
      proxy.delayMs = 500;
      const response = await postStreamed(server.url, [{ data: LARGE }]);
      expect(response.status).to.equal(201);
      expect(await s3.keys()).to.have.length(1);
    });
  });
});
