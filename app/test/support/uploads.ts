// Uploads sent by hand for the limits tests: a body written in pieces, at a chosen pace, with the
// server's answer (status, headers, body) collected as it comes.
import { request, type ClientRequest } from "node:http";
import { png } from "./images";
import { multipartBody } from "./harness";

export const BOUNDARY = "----limits-boundary";
export const MIB = 1024 * 1024;

export interface HeldUpload {
  /** The status the server answered with, or "closed" if it closed without one. */
  readonly status: Promise<number | "closed">;
  readonly body: Promise<string>;
  readonly headers: Promise<Record<string, string | string[] | undefined>>;
  readonly req: ClientRequest;
}

/**
 * An upload sent by hand: `first` bytes of the body at once, then `trickle` bytes every
 * `everyMs` until the body is sent or the server answers. Without `everyMs` the rest is sent
 * only by finish().
 */
export function sendUpload(
  base: string,
  body: Buffer,
  options: { first: number; everyMs?: number; trickle?: number; headers?: Record<string, string> },
): HeldUpload & { finish(): void } {
  const req = request(`${base}/upload`, {
    method: "POST",
    headers: {
      accept: "application/json",
      "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
      "content-length": body.length,
      ...options.headers,
    },
  });
  let sent = options.first;
  req.write(body.subarray(0, sent));
  let timer: NodeJS.Timeout | undefined;
  if (options.everyMs !== undefined) {
    timer = setInterval(() => {
      if (sent >= body.length || req.destroyed) return clearInterval(timer);
      const next = Math.min(body.length, sent + (options.trickle ?? 1));
      req.write(body.subarray(sent, next));
      sent = next;
    }, options.everyMs);
  }
  let resolveBody: (text: string) => void = () => {};
  const text = new Promise<string>((resolve) => (resolveBody = resolve));
  let resolveHeaders: (h: Record<string, string | string[] | undefined>) => void = () => {};
  const headers = new Promise<Record<string, string | string[] | undefined>>(
    (resolve) => (resolveHeaders = resolve),
  );
  const status = new Promise<number | "closed">((resolve) => {
    req.on("response", (res) => {
      clearInterval(timer);
      resolveHeaders(res.headers);
      let data = "";
      res.on("data", (chunk: Buffer) => (data += chunk.toString()));
      res.on("end", () => resolveBody(data));
      res.on("error", () => resolveBody(data));
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => {
      clearInterval(timer);
      resolve("closed");
    });
  });
  return {
    status,
    body: text,
    headers,
    req,
    finish: () => {
      req.end(body.subarray(sent));
    },
  };
}

export const uploadBody = (data = png(100, 100, true), name = "slow.png"): Buffer =>
  multipartBody([{ data, name, type: "image/png" }], BOUNDARY);
