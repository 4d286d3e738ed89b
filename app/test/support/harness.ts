// Runs the application in-process on a random loopback port against a LocalS3.
import { connect } from "node:net";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { buildApp, type AppOverrides } from "../../src/app";
import { parseConfig, type Config } from "../../src/config";
import type { LocalS3 } from "./local-s3";

export const TEST_KMS_KEY =
  "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-4333-8444-555555555555";

export interface RunningApp {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly config: Config;
  close(): Promise<void>;
}

export function testEnv(s3: LocalS3, env: Record<string, string> = {}): Record<string, string> {
  return {
    BUCKET_NAME: s3.bucket,
    AWS_REGION: "eu-west-1",
    S3_ENDPOINT: s3.endpoint,
    KMS_KEY_ID: TEST_KMS_KEY,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    ...env,
  };
}

export async function startApp(
  s3: LocalS3,
  env: Record<string, string> = {},
  overrides: AppOverrides = {},
): Promise<RunningApp> {
  const config = parseConfig(testEnv(s3, env));
  const app = await buildApp(config, overrides);
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { url, app, config, close: () => app.close() };
}

/** A logger for startApp that keeps the JSON lines, to assert on what was logged. */
export function captureLogs(level = "info") {
  const entries: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n"))
        if (line.trim() !== "") entries.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return {
    logger: { level, stream },
    entries,
    messages: (): string[] => entries.map((entry) => String(entry.msg)),
  };
}

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends raw bytes on a new connection and returns everything the server sends back until it
 * closes the connection or `quietMs` pass without data.
 */
export function rawExchange(base: string, bytes: string | Buffer, quietMs = 500): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = "";
    let timer = setTimeout(() => socket.end(), quietMs);
    socket.on("data", (data) => {
      received += data.toString("latin1");
      clearTimeout(timer);
      timer = setTimeout(() => socket.end(), quietMs);
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on("error", reject);
    socket.write(bytes);
  });
}

export interface FilePart {
  readonly data: Buffer;
  readonly field?: string;
  readonly name?: string;
  readonly type?: string;
}

/** A multipart form with the given files (field "file" unless said) and text fields. */
export function form(files: FilePart[], fields: Record<string, string> = {}): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const file of files) {
    const blob = new Blob([file.data], { type: file.type ?? "application/octet-stream" });
    body.append(file.field ?? "file", blob, file.name ?? "image.bin");
  }
  return body;
}

/** POST /upload as an API client (JSON answers); redirects are not followed. */
export function postUpload(
  base: string,
  body: FormData | string | Buffer,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}/upload`, {
    method: "POST",
    body,
    headers: { accept: "application/json", ...headers },
    redirect: "manual",
  });
}

/** The bytes of a multipart/form-data body, built by hand for requests FormData cannot make. */
export function multipartBody(files: FilePart[], boundary = "----test-boundary-7d1f"): Buffer {
  const pieces: Buffer[] = [];
  for (const file of files) {
    pieces.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "file"}"; ` +
          `filename="${file.name ?? "image.bin"}"\r\n` +
          `Content-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
      file.data,
      Buffer.from("\r\n"),
    );
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

/**
 * POST /upload with a streamed body (chunked transfer encoding, no Content-Length), so the
 * server has to count the bytes as they arrive.
 */
export function postStreamed(base: string, files: FilePart[]): Promise<Response> {
  const boundary = "----test-boundary-7d1f";
  const bytes = multipartBody(files, boundary);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 64 * 1024)
        controller.enqueue(bytes.subarray(i, i + 64 * 1024));
      controller.close();
    },
  });
  const init = {
    method: "POST",
    body: stream,
    duplex: "half",
    headers: {
      accept: "application/json",
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    redirect: "manual",
  };
  return fetch(`${base}/upload`, init as RequestInit);
}
