// Pages and probes: gallery, one image, health, readiness, headers, and refusals of bad paths.
import { expect } from "chai";
import { contentSecurityPolicy } from "../src/security";
import { escapeHtml } from "../src/html";
import { png } from "./support/images";
import { LocalS3 } from "./support/local-s3";
import { form, postUpload, startApp, type RunningApp } from "./support/harness";

const unescape = (html: string): string =>
  html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

describe("pages", () => {
  let s3: LocalS3;
  let server: RunningApp;

  before(async () => {
    s3 = await LocalS3.start();
    server = await startApp(s3, { PRESIGN_TTL_SECONDS: "120" });
  });
  after(async () => {
    await server.close();
    await s3.close();
  });

  const get = (path: string, accept = "text/html"): Promise<Response> =>
    fetch(`${server.url}${path}`, { headers: { accept }, redirect: "manual" });

  describe("GET /", () => {
    it("serves the upload form and an empty gallery with strict security headers", async () => {
      const response = await get("/");
      expect(response.status).to.equal(200);
      expect(response.headers.get("content-type")).to.match(/^text\/html/);
      const html = await response.text();
      expect(html).to.include(
        '<form method="post" action="/upload" enctype="multipart/form-data">',
      );
      expect(html).to.include('name="file" type="file"');
      expect(html).to.include("No images yet.");
      expect(html).not.to.match(/<script|\sstyle=|\son\w+=/i);

      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).to.equal(contentSecurityPolicy(s3.endpoint));
      expect(csp).to.include("default-src 'none'").and.include(`img-src ${s3.endpoint}`);
      expect(csp).to.include("frame-ancestors 'none'").and.include("form-action 'self'");
      expect(response.headers.get("x-content-type-options")).to.equal("nosniff");
      expect(response.headers.get("x-frame-options")).to.equal("DENY");
      expect(response.headers.get("referrer-policy")).to.equal("no-referrer");
      expect(response.headers.get("cache-control")).to.equal("no-store");
      expect(response.headers.get("strict-transport-security")).to.match(/max-age=\d+/);
    });

    it("shows uploaded images through short-lived presigned URLs, newest first", async () => {
      const ids: string[] = [];
      for (const size of [3, 5]) {
        const response = await postUpload(server.url, form([{ data: png(size, size) }]));
        ids.push(((await response.json()) as { id: string }).id);
        await new Promise((resolve) => setTimeout(resolve, 1100)); // distinct LastModified seconds
      }
      const html = await (await get("/")).text();
      const links = [...html.matchAll(/<a href="\/images\/([^"]+)"><img src="([^"]+)"/g)];
      expect(links.map((m) => m[1])).to.deep.equal([ids[1], ids[0]]);

      const src = unescape(links[0][2]);
      const url = new URL(src);
      expect(url.origin).to.equal(s3.endpoint);
      expect(url.pathname).to.equal(`/${s3.bucket}/uploads/${ids[1]}`);
      expect(url.searchParams.get("X-Amz-Expires")).to.equal("120");
      expect(url.searchParams.get("X-Amz-Signature")).to.match(/^[0-9a-f]{64}$/);
      const image = await fetch(src);
      expect(image.status).to.equal(200);
      expect(image.headers.get("content-type")).to.equal("image/png");
      expect(Buffer.from(await image.arrayBuffer()).equals(png(5, 5))).to.equal(true);

      // Signing is rounded to half the lifetime: a reload hands out the same URL (cacheable).
      const again = await (await get("/")).text();
      expect(again).to.include(links[0][2]);
    });

    it("reuses a listing for 2 s, unless the redirect after an upload names a missing image", async () => {
      // Two tasks behind one load balancer: the upload lands on one, the redirect on the other.
      const other = await startApp(s3);
      try {
        const before = await (await get("/")).text();
        const response = await postUpload(other.url, form([{ data: png(9, 9) }]));
        const { id } = (await response.json()) as { id: string };
        expect(await (await get("/")).text()).to.equal(before); // cached listing
        const fresh = await (await get(`/?uploaded=${id}`)).text();
        expect(fresh).to.include(`href="/images/${escapeHtml(id)}"`);
        expect(await (await get("/")).text()).to.include(`href="/images/${escapeHtml(id)}"`);
      } finally {
        await other.close();
      }
    });
  });

  describe("GET /images/:id", () => {
    it("shows one image with its details, the client's name escaped", async () => {
      const name = "a&b <i>.png";
      const response = await postUpload(server.url, form([{ data: png(7, 2), name }]));
      const { id } = (await response.json()) as { id: string };
      const page = await get(`/images/${id}`);
      expect(page.status).to.equal(200);
      const html = await page.text();
      expect(html).to.include(`<img src="${escapeHtml(s3.endpoint)}/images/uploads/${id}?`);
      expect(html).to.include("7 x 2 pixels");
      expect(html).to.include("image/png");
      expect(html).to.include(escapeHtml("a_b _i_.png"));
      expect(html).not.to.include("<i>");
    });

    it("404 for a well-formed id that does not exist", async () => {
      const response = await get("/images/2024/01/00000000-0000-4000-8000-000000000000.png");
      expect(response.status).to.equal(404);
      expect(await response.text()).to.include("There is no such image.");
    });

    for (const path of [
      "/images/foo",
      "/images/2024/13/00000000-0000-4000-8000-000000000000.png",
      "/images/2024/01/00000000-0000-4000-8000-000000000000.svg",
      "/images/2024/01/00000000-0000-4000-8000-000000000000.png/../../x",
      "/images/..%2F..%2Fetc%2Fpasswd",
      "/images/",
    ]) {
      it(`400 for the malformed id in ${path}`, async () => {
        const response = await get(path, "application/json");
        expect(response.status).to.equal(400);
        expect(await response.json()).to.deep.include({ error: "bad_key" });
      });
    }
  });

  describe("probes and the rest", () => {
    it("GET /healthz answers without touching S3", async () => {
      s3.requests.length = 0;
      const response = await get("/healthz", "application/json");
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({ status: "ok" });
      expect(s3.requests).to.deep.equal([]);
    });

    it("GET /readyz checks the bucket with HeadBucket and caches the answer", async () => {
      s3.requests.length = 0;
      const first = await get("/readyz", "application/json");
      const second = await get("/readyz", "application/json");
      expect(first.status).to.equal(200);
      expect(second.status).to.equal(200);
      expect(await first.json()).to.include({ status: "ready" });
      expect(s3.operations()).to.deep.equal(["HeadBucket"]);
    });

    it("GET /readyz is 503 when the bucket does not exist", async () => {
      const other = await startApp(s3, { BUCKET_NAME: "no-such-bucket" });
      try {
        const response = await fetch(`${other.url}/readyz`);
        expect(response.status).to.equal(503);
        expect(await response.json()).to.include({ status: "unavailable" });
      } finally {
        await other.close();
      }
    });

    it("serves the stylesheet from its own origin", async () => {
      const response = await get("/assets/app.css", "text/css");
      expect(response.status).to.equal(200);
      expect(response.headers.get("content-type")).to.match(/^text\/css/);
    });

    it("404 page for unknown paths, with the security headers", async () => {
      const response = await get("/nope");
      expect(response.status).to.equal(404);
      expect(response.headers.get("content-security-policy")).to.include("default-src 'none'");
    });
  });
});

describe("without KMS_KEY_ID", () => {
  it("sends no encryption headers, so the bucket's default encryption applies", async () => {
    const s3 = await LocalS3.start();
    const server = await startApp(s3, { KMS_KEY_ID: "" });
    try {
      const response = await postUpload(server.url, form([{ data: png() }]));
      expect(response.status).to.equal(201);
      const [put] = s3.writes();
      expect(put.headers).not.to.have.property("x-amz-server-side-encryption");
      expect(put.headers).not.to.have.property("x-amz-server-side-encryption-aws-kms-key-id");
    } finally {
      await server.close();
      await s3.close();
    }
  });
});
