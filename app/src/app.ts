// Assembles the fastify application: logger, multipart parser, security headers, routes.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import multipart from "@fastify/multipart";
import type { Config } from "./config";
import { errorHandler } from "./errors";
import { KEY_PREFIX } from "./keys";
import { RequestLog } from "./logging";
import { registerRoutes } from "./routes";
import { registerSecurityHeaders } from "./security";
import { ImageStore, createS3Client } from "./store";

export interface AppOverrides {
  /** A store built elsewhere (tests attach request recorders to its client). */
  readonly store?: ImageStore;
  /** Logger options; defaults to JSON on stdout at LOG_LEVEL. */
  readonly logger?: FastifyServerOptions["logger"];
}

export async function buildApp(
  config: Config,
  overrides: AppOverrides = {},
): Promise<FastifyInstance> {
  const store = overrides.store ?? new ImageStore(createS3Client(config), config);
  const app = Fastify({
    // pino: one JSON object per line on stdout. Its request serializer logs method, URL and
    // peer only: no headers, so no cookies or credentials.
    logger: overrides.logger ?? {
      level: config.logLevel,
      formatters: { level: (label: string) => ({ level: label }) },
    },
    logController: new RequestLog(),
    // Only multipart bodies are accepted, and they are streamed, not buffered: any other body
    // may stay small.
    bodyLimit: 16 * 1024,
    // Bounds a slow upload (and a slowloris); 10 MiB at 100 KiB/s still fits.
    requestTimeout: 120_000,
    // keepAliveTimeout stays at fastify's 72 s, longer than the ALB's 60 s idle timeout, so the
    // load balancer, not the task, closes idle connections (no 502s from a race).
    forceCloseConnections: "idle",
    return503OnClosing: true,
  });

  await app.register(multipart, {
    limits: {
      fileSize: config.maxUploadBytes + 1, // one byte more, so "too large" is seen, not guessed
      files: 1,
      fields: 0,
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
  app.addHook("onClose", async () => store.client.destroy());
  return app;
}
