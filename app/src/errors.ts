// Every refusal is an HttpError with a status, a stable code and a message for people; errors
// from fastify and the multipart parser are mapped to the same shape. Nothing internal (stack,
// S3 error text) reaches the client.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { errorPage } from "./html";
import { StorageError } from "./store";

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const tooLarge = (maxBytes: number): HttpError =>
  new HttpError(413, "too_large", `The image is larger than ${formatBytes(maxBytes)}.`);

/** S3 does not answer, or answers with an error of its own: try again later (RFC 9110, 15.6.4). */
export const storageUnavailable = (): HttpError =>
  new HttpError(
    503,
    "storage_unavailable",
    "The image store is not answering right now. Try again in a moment.",
    { "retry-after": "5" },
  );

export const notAnImage = (reason: string): HttpError =>
  new HttpError(
    415,
    "not_an_image",
    `Only JPEG, PNG, GIF and WebP images are accepted: ${reason}.`,
  );

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

// Errors of fastify, @fastify/multipart and its busboy parser, by code or message.
function fromFrameworkError(err: FastifyError, maxBytes: number): HttpError | undefined {
  switch (err.code) {
    case "FST_REQ_FILE_TOO_LARGE":
      return tooLarge(maxBytes);
    case "FST_FILES_LIMIT":
      return new HttpError(400, "too_many_files", "Send exactly one file.");
    case "FST_FIELDS_LIMIT":
    case "FST_PARTS_LIMIT":
    case "FST_PROTO_VIOLATION":
      return new HttpError(400, "unexpected_field", 'Send only the image, in the field "file".');
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new HttpError(415, "not_multipart", "Send the image as multipart/form-data.");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new HttpError(413, "too_large", "The request body is too large.");
  }
  // The body ended in the middle of the form: the client disconnected or sent less.
  if (err.code === "ERR_STREAM_PREMATURE_CLOSE")
    return new HttpError(400, "bad_multipart", "The upload ended before the form was complete.");
  if (/multipart|boundary|part terminated|unexpected end of form|malformed/i.test(err.message))
    return new HttpError(400, "bad_multipart", "The multipart/form-data body is malformed.");
  if (typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 500)
    return new HttpError(err.statusCode, "bad_request", "The request is invalid.");
  return undefined;
}

export function errorHandler(maxBytes: number) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    if (err instanceof StorageError && err.transient) {
      request.log.warn({ reason: err.message }, "storage unavailable");
      sendError(request, reply, storageUnavailable());
      return;
    }
    const known = err instanceof HttpError ? err : fromFrameworkError(err, maxBytes);
    const failure =
      known ?? new HttpError(500, "internal", "Something went wrong. Please try again later.");
    if (known) request.log.info({ code: known.code, reason: err.message }, "request refused");
    else request.log.error({ err }, "request failed");
    sendError(request, reply, failure);
  };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, failure: HttpError): void {
  reply.code(failure.statusCode).headers(failure.headers);
  if (wantsHtml(request)) {
    reply.type("text/html; charset=utf-8").send(errorPage(failure.statusCode, failure.message));
  } else {
    reply.send({ error: failure.code, message: failure.message });
  }
}

/** Browsers (form posts, page views) get HTML; API clients get JSON. */
export function wantsHtml(request: FastifyRequest): boolean {
  return /\btext\/html\b/.test(request.headers.accept ?? "");
}
