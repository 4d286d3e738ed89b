// The routes: gallery, upload, one image, health, and the stylesheet.
import type { FastifyInstance } from "fastify";
import type { Config } from "./config";
import { HttpError, formatBytes, sendError, wantsHtml } from "./errors";
import { cached } from "./cache";
import { STYLESHEET, galleryPage, imagePage } from "./html";
import { idFromKey, keyFromId } from "./keys";
import { IMAGE_FORMATS } from "./image";
import { describe, listDeadlineMs, type ImageStore } from "./store";
import { receiveUpload } from "./upload";

/** Images shown in the gallery. */
export const GALLERY_SIZE = 48;
/**
 * How long a gallery listing is reused. Each page view would otherwise be one S3 LIST request
 * (billed per request, and the slowest part of the page); this caps it at one every 2 s per
 * task. An upload through this task refreshes it, and the redirect after an upload names the
 * new image so another task refreshes too when it is missing (at most once a second, so the
 * parameter cannot be used to turn every page view into a LIST request).
 */
export const GALLERY_TTL_MS = 2_000;
const FORCED_REFRESH_INTERVAL_MS = 1_000;

/**
 * The longest the gallery waits before its answer starts: its listing (listDeadlineMs), and a
 * forced refresh only when the first listing ended, complete, within half of that. The page is
 * then signed locally (presigning calls no S3; fresh task credentials come from the container
 * endpoint under the SDK's own 1 s timeout).
 */
export const galleryAnswerMs = (s3TimeoutMs: number): number => listDeadlineMs(s3TimeoutMs) * 1.5;

export function registerRoutes(app: FastifyInstance, store: ImageStore, config: Config): void {
  // Readiness: one HeadBucket under its own short deadline (READINESS_TIMEOUT_MS), so the
  // probe always settles, well within the health check's timeout, and the answer is reused
  // for READINESS_CACHE_MS so probes do not become a stream of S3 requests. An answer is at most
  // cache + timeout old: readiness returns by itself within that once S3 answers again.
  const readiness = cached(async () => {
    try {
      await store.ping(config.readinessTimeoutMs);
      return { ready: true, checkedAt: new Date() };
    } catch (err) {
      app.log.warn({ reason: describe(err) }, "bucket not reachable");
      return { ready: false, checkedAt: new Date() };
    }
  }, config.readinessCacheMs);
  const retryAfter = String(Math.max(1, Math.ceil(config.readinessCacheMs / 1000)));
  const listing = cached(() => store.list(GALLERY_SIZE), GALLERY_TTL_MS);
  let lastForcedRefresh = 0;
  let uploadsInFlight = 0;
  // Uploads in flight per client address (request.ip: the address the load balancer saw, when
  // it is a trusted proxy, see TRUSTED_PROXIES). A few clients cannot take every slot.
  const uploadsPerClient = new Map<string, number>();

  // Liveness: the process answers. It does not depend on S3, so an S3 outage does not make
  // the orchestrator restart healthy tasks.
  app.get("/healthz", async () => ({ status: "ok" }));

  // Readiness: the bucket is reachable with our credentials.
  app.get("/readyz", async (_request, reply) => {
    const { ready, checkedAt } = await readiness.get();
    reply.code(ready ? 200 : 503);
    if (!ready) reply.header("retry-after", retryAfter);
    return { status: ready ? "ready" : "unavailable", checkedAt: checkedAt.toISOString() };
  });

  app.get("/assets/app.css", async (_request, reply) => {
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600");
    return STYLESHEET;
  });

  app.get("/", async (request, reply) => {
    const started = Date.now();
    let listed = await listing.get();
    const uploaded = (request.query as { uploaded?: unknown }).uploaded;
    const uploadedKey = typeof uploaded === "string" ? keyFromId(uploaded) : undefined;
    const missing = uploadedKey && !listed.images.some((image) => image.key === uploadedKey);
    // Refreshed only when the first listing was complete and quick, so that the answer starts
    // within galleryAnswerMs, under the load balancer's idle timeout.
    const quick = Date.now() - started < listDeadlineMs(config.s3TimeoutMs) / 2;
    if (
      missing &&
      listed.complete &&
      quick &&
      Date.now() - lastForcedRefresh >= FORCED_REFRESH_INTERVAL_MS
    ) {
      lastForcedRefresh = Date.now();
      listing.invalidate();
      listed = await listing.get();
    }
    const images = listed.images;
    const items = await Promise.all(
      images.flatMap((image) => {
        const id = idFromKey(image.key);
        if (id === undefined) return [];
        return [
          store.presign(image.key).then((url) => ({ id, url, uploaded: image.lastModified })),
        ];
      }),
    );
    reply.type("text/html; charset=utf-8");
    return galleryPage(items, formatBytes(config.maxUploadBytes), listed.complete);
  });

  app.get("/images/*", async (request, reply) => {
    const id = (request.params as { "*": string })["*"];
    const key = keyFromId(id);
    if (key === undefined)
      throw new HttpError(400, "bad_key", "That is not a valid image address.");
    const details = await store.details(key);
    if (details === undefined) throw new HttpError(404, "not_found", "There is no such image.");
    const url = await store.presign(key);
    reply.type("text/html; charset=utf-8");
    return imagePage({
      id,
      url,
      contentType: details.contentType,
      size: details.size,
      width: details.metadata.width,
      height: details.metadata.height,
      originalName: details.metadata["original-name"],
      uploaded: details.lastModified,
    });
  });

  app.post("/upload", async (request, reply) => {
    if (uploadsInFlight >= config.uploadConcurrency) {
      throw new HttpError(503, "busy", "Too many uploads right now. Try again in a moment.", {
        "retry-after": "5",
      });
    }
    const client = request.ip;
    const ofClient = uploadsPerClient.get(client) ?? 0;
    if (ofClient >= config.uploadConcurrencyPerClient) {
      // RFC 6585, 4: 429 Too Many Requests, with Retry-After.
      throw new HttpError(
        429,
        "too_many_uploads",
        `At most ${config.uploadConcurrencyPerClient} upload${config.uploadConcurrencyPerClient === 1 ? "" : "s"} ` +
          "at a time from one client. Try again when one is done.",
        { "retry-after": "5" },
      );
    }
    uploadsInFlight += 1;
    uploadsPerClient.set(client, ofClient + 1);
    try {
      const image = await receiveUpload(request, reply, store, {
        maxBytes: config.maxUploadBytes,
        maxPixels: config.maxImagePixels,
        idleTimeoutMs: config.uploadIdleTimeoutMs,
        minBytesPerSecond: config.uploadMinBytesPerSecond,
      });
      listing.invalidate();
      const { kind, width, height } = image.info;
      const { etag, bytes, parts } = image.stored;
      request.log.info({ key: image.key, kind, width, height, bytes, parts, etag }, "image stored");
      const location = `/images/${image.id}`;
      // A browser's form post goes back to the gallery (post/redirect/get); API clients get
      // the new resource.
      if (wantsHtml(request)) return reply.redirect(`/?uploaded=${image.id}`, 303);
      reply.code(201).header("location", location);
      return { id: image.id, url: location, type: IMAGE_FORMATS[kind].mime, width, height };
    } finally {
      uploadsInFlight -= 1;
      const left = (uploadsPerClient.get(client) ?? 1) - 1;
      if (left > 0) uploadsPerClient.set(client, left);
      else uploadsPerClient.delete(client);
    }
  });

  app.setNotFoundHandler((request, reply) => {
    sendError(request, reply, new HttpError(404, "not_found", "There is no such page."));
  });
}
