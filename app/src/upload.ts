// POST /upload: one image in the multipart field "file", streamed to S3 without touching disk.
//
// The first bytes are read and judged (sniffHeader) before S3 sees anything; a refused file
// costs no S3 request. The rest streams through size and end-of-file checks into the upload,
// which is held open until the whole request is parsed: a second file, a stray field or a
// broken body cancels it, and a cancelled upload never becomes an object.
import { Readable } from "node:stream";
import type { FastifyRequest } from "fastify";
import type { MultipartFile } from "@fastify/multipart";
import { HttpError, notAnImage, tooLarge } from "./errors";
import { idFromKey, newObjectKey, sanitizeFileName } from "./keys";
import { IMAGE_FORMATS, TrailerCheck, sniffHeader, type HeaderVerdict } from "./sniff";
import type { ImageInfo } from "./sniff";
import type { ImageStore } from "./store";

export const FILE_FIELD = "file";

/** Multipart framing (boundaries, part headers) is far smaller than this. */
export const MULTIPART_OVERHEAD = 16 * 1024;

export interface UploadedImage {
  readonly id: string;
  readonly key: string;
  readonly info: ImageInfo;
}

interface PendingUpload {
  readonly image: UploadedImage;
  /** Rejects as soon as the upload fails; never resolves. */
  readonly failed: Promise<never>;
  commit(): Promise<void>;
  cancel(reason: unknown): Promise<void>;
}

const noop = (): void => {};

const unexpectedField = (): HttpError =>
  new HttpError(400, "unexpected_field", `Send only the image, in the field "${FILE_FIELD}".`);
const wrongField = (): HttpError =>
  new HttpError(400, "wrong_field", `Send the image in the form field "${FILE_FIELD}".`);
const noFile = (): HttpError => new HttpError(400, "no_file", "Choose an image to upload.");

export async function receiveUpload(
  request: FastifyRequest,
  store: ImageStore,
  maxBytes: number,
): Promise<UploadedImage> {
  if (!request.isMultipart())
    throw new HttpError(415, "not_multipart", "Send the image as multipart/form-data.");
  const declared = Number(request.headers["content-length"]);
  if (declared > maxBytes + MULTIPART_OVERHEAD) {
    // Refuse before reading a byte, and close the connection rather than drain the body.
    const err = tooLarge(maxBytes);
    Object.assign(err.headers, { connection: "close" });
    throw err;
  }

  const parts = request.parts();
  let pending: PendingUpload | undefined;
  try {
    for (;;) {
      const next = parts.next();
      next.catch(noop); // handled below; keeps a losing race from being an unhandled rejection
      const { done, value: part } = await (pending ? Promise.race([next, pending.failed]) : next);
      if (done) break;
      if (part.type !== "file") throw unexpectedField();
      if (part.fieldname !== FILE_FIELD) throw wrongField();
      if (pending) throw new HttpError(400, "too_many_files", "Send exactly one file.");
      pending = await beginUpload(part, store, maxBytes);
    }
    if (!pending) throw noFile();
    await pending.commit();
    return pending.image;
  } catch (err) {
    await pending?.cancel(err);
    discardRemainingBody(request);
    throw err;
  }
}

async function beginUpload(
  part: MultipartFile,
  store: ImageStore,
  maxBytes: number,
): Promise<PendingUpload> {
  const source = part.file;
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;

  // Peek: read until the header is decided (at most MAX_HEADER_BYTES).
  let head: Buffer = Buffer.alloc(0);
  let ended = false;
  let verdict: HeaderVerdict = { state: "need-more" };
  while (verdict.state === "need-more") {
    const next = await chunks.next();
    if (next.done) ended = true;
    else head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
    if (head.length > maxBytes) throw tooLarge(maxBytes);
    if (ended && head.length === 0) {
      // A browser sends an empty, nameless part when the file input was left empty.
      throw part.filename ? new HttpError(400, "empty_file", "The file is empty.") : noFile();
    }
    verdict = sniffHeader(head, ended);
  }
  if (verdict.state === "reject") throw notAnImage(verdict.reason);
  const info = verdict.info;
  const key = newObjectKey(info.kind);

  // The upload's body: the peeked bytes, then the rest, checked on the way, and finally a gate
  // that opens only when the request turned out well (commit) or fails it (cancel).
  let openGate: () => void = noop;
  let failGate: (reason: unknown) => void = noop;
  const gate = new Promise<void>((resolve, reject) => {
    openGate = resolve;
    failGate = reject;
  });
  gate.catch(noop);
  let bodyError: unknown;
  async function* body(): AsyncGenerator<Buffer> {
    try {
      yield head;
      const trailer = new TrailerCheck(info, head);
      let total = head.length;
      while (!ended) {
        const next = await chunks.next();
        if (next.done) break;
        total += next.value.length;
        if (total > maxBytes || source.truncated) throw tooLarge(maxBytes);
        trailer.update(next.value);
        yield next.value;
      }
      if (source.truncated) throw tooLarge(maxBytes);
      const problem = trailer.finish(total);
      if (problem) throw notAnImage(problem);
      await gate;
    } catch (err) {
      bodyError = err;
      throw err;
    }
  }

  const metadata: Record<string, string> = {
    width: String(info.width),
    height: String(info.height),
  };
  const originalName = sanitizeFileName(part.filename);
  if (originalName) metadata["original-name"] = originalName;
  const done = store.upload({
    key,
    body: Readable.from(body()),
    contentType: IMAGE_FORMATS[info.kind].mime,
    metadata,
  });
  // What failed first is the answer: our refusal (413/415/400), not a later abort error.
  const outcome = done.then(noop, (err: unknown) => {
    throw bodyError ?? err;
  });
  outcome.catch(noop);
  const failed = new Promise<never>((_, reject) => void outcome.catch(reject));
  failed.catch(noop);

  return {
    image: { id: idFromKey(key) ?? key, key, info },
    failed,
    async commit() {
      openGate();
      await outcome;
    },
    async cancel(reason: unknown) {
      failGate(reason);
      if (!source.destroyed) source.destroy();
      await outcome.catch(noop);
    },
  };
}

/** After a refusal, read and drop the rest of the body so the connection stays usable. */
function discardRemainingBody(request: FastifyRequest): void {
  const raw = request.raw;
  raw.unpipe();
  if (!raw.readableEnded) raw.resume();
}
