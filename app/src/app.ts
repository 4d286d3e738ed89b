// Assembles the fastify application: logger, multipart parser, security headers, routes.
import type { Socket } from "node:net";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import multipart from "@fastify/multipart";
import type { Config } from "./config";
import { errorHandler } from "./errors";
import { KEY_PREFIX } from "./keys";
import { RequestLog } from "./logging";
import { galleryAnswerMs, registerRoutes } from "./routes";
import { SECURITY_HEADERS, registerSecurityHeaders } from "./security";
import { createS3Client } from "./s3-client";
import { ImageStore, type StoreOptions } from "./store";

/**
 * How long a request may take to ARRIVE: Node's `requestTimeout` ("the timeout value in
 * milliseconds for receiving the entire request from the client", Node docs, http,
 * server.requestTimeout), cancelled once the body is received; the answer is not bounded by it.
 * Uploads are also held to a minimum pace (UPLOAD_IDLE_TIMEOUT_MS, UPLOAD_MIN_BYTES_PER_SECOND).
 * 10 MiB at 100 KiB/s still fits.
 */
export const REQUEST_TIMEOUT_MS = 120_000;

/**
 * How late Node may enforce REQUEST_TIMEOUT_MS: it checks incomplete requests only every
 * `connectionsCheckingInterval` (Node docs, http.createServer: default 30000), left as it is.
 */
export const REQUEST_TIMEOUT_CHECK_MS = 30_000;

/**
 * S3 calls an upload may still wait for once its body has arrived: a part's
 * CreateMultipartUpload and UploadPart started while the last bytes were buffered, the last
 * UploadPart and CompleteMultipartUpload (store.ts, put). Each is bounded by S3_TIMEOUT_MS.
 */
export const S3_CALLS_AFTER_BODY = 4;

/**
 * The longest an upload waits, once its body has arrived, before it is answered: its last S3
 * calls, each up to `s3TimeoutMs`. Nothing is sent meanwhile, so behind a proxy this must stay
 * under the proxy's idle timeout (the platform's load balancer: 60 s, so S3_TIMEOUT_MS under
 * 15 s there), or the proxy answers 504 while the upload goes on. The platform's load balancer
 * drains a stopping task for as long as it can keep a request: REQUEST_TIMEOUT_MS, its check,
 * and its idle timeout (its target group's deregistration delay).
 */
export const answerAfterBodyMs = (s3TimeoutMs: number): number => S3_CALLS_AFTER_BODY * s3TimeoutMs;

/**
 * The longest any route waits before its answer starts, once the request has arrived: an
 * upload after its body (answerAfterBodyMs), the gallery (galleryAnswerMs), an image page (one
 * HeadObject), readiness (READINESS_TIMEOUT_MS); liveness and the stylesheet call nothing.
 * Behind a proxy this must stay under its idle timeout, or the proxy answers 504 first.
 */
export const longestAnswerMs = (
  config: Pick<Config, "s3TimeoutMs" | "readinessTimeoutMs">,
): number =>
  Math.max(
    answerAfterBodyMs(config.s3TimeoutMs),
    galleryAnswerMs(config.s3TimeoutMs),
    config.s3TimeoutMs,
    config.readinessTimeoutMs,
  );

export interface AppOverrides {
  /** A store built elsewhere (tests attach request recorders to its client). */
  readonly store?: ImageStore;
  /** Options of the store built here (tests shorten the abort retries). */
  readonly storeOptions?: Omit<StoreOptions, "log">;
  /** Logger options; defaults to JSON on stdout at LOG_LEVEL. */
  readonly logger?: FastifyServerOptions["logger"];
}

export async function buildApp(
  config: Config,
  overrides: AppOverrides = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    // pino: one JSON object per line on stdout. Its request serializer logs method, URL and
    // peer only: no headers, so no cookies or credentials.
    logger: overrides.logger ?? {
      level: config.logLevel,
      formatters: { level: (label: string) => ({ level: label }) },
    },
    logController: new RequestLog(),
    // request.ip is the client's address as the load balancer saw it (the last address in
    // X-Forwarded-For) when the connection comes from a trusted proxy, else the peer's.
    // Fastify's docs: trust proxies by address, never by hop count alone.
    trustProxy: config.trustedProxies.length > 0 ? [...config.trustedProxies] : false,
    // Only multipart bodies are accepted, and they are streamed, not buffered: any other body
    // may stay small.
    bodyLimit: 16 * 1024,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // keepAliveTimeout stays at fastify's 72 s, longer than the ALB's 60 s idle timeout, so the
    // load balancer, not the task, closes idle connections (no 502s from a race).
    forceCloseConnections: "idle",
    return503OnClosing: true,
    clientErrorHandler,
  });
  const store =
    overrides.store ??
    new ImageStore(createS3Client(config), config, { ...overrides.storeOptions, log: app.log });

  // Node answers "Expect: 100-continue" with 100 as soon as the headers arrive, unless the
  // server listens for 'checkContinue' (Node docs, http, Event 'checkContinue'). An upload is
  // judged on its headers first (size, uploads in flight), and only then told to continue
  // (upload.ts); other requests continue at once, as Node would.
  app.server.on("checkContinue", (request, response) => {
    const isUpload = request.method === "POST" && request.url?.split("?")[0] === "/upload";
    if (!isUpload || !/^multipart\/form-data/i.test(request.headers["content-type"] ?? ""))
      response.writeContinue();
    app.server.emit("request", request, response);
  });

  await app.register(multipart, {
    limits: {
      fileSize: config.maxUploadBytes + 1, // one byte more, so "too large" is seen, not guessed
      // Fields and extra files are delivered as parts and refused by the route at once; a
      // limit of 0 would make the parser drop them silently and cut the file that follows.
      files: 2,
      fields: 4,
      fieldSize: 1024,
      parts: 4,
      headerPairs: 20,
      fieldNameSize: 100,
    },
  });

  // The origin presigned URLs point at: the only image source the CSP allows.
  const imageOrigin = new URL(await store.presign(`${KEY_PREFIX}probe`)).origin;
  registerSecurityHeaders(app, imageOrigin);
  app.setErrorHandler(errorHandler(config.maxUploadBytes));
  registerRoutes(app, store, config);
  // During shutdown the listening socket is already closed: tell clients to drop kept-alive
  // connections after this response, so closing need not wait for them to time out.
  app.addHook("onSend", async (_request, reply, payload) => {
    if (!app.server.listening) reply.header("connection", "close");
    return payload;
  });
  app.addHook("onClose", () => store.close());
  return app;
}

/**
 * Errors Node's HTTP parser reports before there is a request (headers too large, a malformed
 * request line, headers too slow), answered in the app's own shape instead of fastify's.
 * JSON only: the headers that would say what the client accepts are what failed.
 */
function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket) {
  // A reset connection has nobody left to answer.
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, reason, code, message] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [
          431,
          "Request Header Fields Too Large",
          "headers_too_large",
          "The request headers are too large.",
        ]
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", "too_slow", "The request took too long to arrive."]
        : [400, "Bad Request", "bad_request", "The request is malformed."];
  this.log.info({ code, reason: err.code ?? err.message }, "request refused");
  const body = JSON.stringify({ error: code, message });
  const headers = {
    ...SECURITY_HEADERS,
    "cache-control": "no-store",
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    connection: "close",
  };
  if (socket.writable)
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\n` +
        Object.entries(headers)
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join("") +
        `\r\n${body}`,
    );
  else socket.destroy();
}
