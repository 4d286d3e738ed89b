// POST /upload: one image in the multipart field "file", streamed to S3 without touching disk.
//
// The first bytes are read and judged (the format's header, its size against the budget)
// before S3 sees anything; a refused file costs no S3 request. The rest streams through the
// validator (structure to the end, PNG image data inflated and counted) into the upload, which
// is held open until the whole request is parsed: a second file, a stray field or a broken body
// cancels it, and a cancelled upload never becomes an object. The client must keep a pace
// (body.ts), or it gets 408 and its upload slot back.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { MultipartFile } from "@fastify/multipart";
import { BodyWatch, type PaceLimits } from "./body";
import { HttpError, notAnImage, tooLarge } from "./errors";
import { IMAGE_FORMATS, ImageProblem, createValidator, type ImageInfo } from "./image";
import { idFromKey, newObjectKey, sanitizeFileName } from "./keys";
import type { ImageStore, StoredObject } from "./store";
import { PART_SIZE } from "./store";

export const FILE_FIELD = "file";

/** Multipart framing (boundaries, part headers) is far smaller than this. */
export const MULTIPART_OVERHEAD = 16 * 1024;

/**
 * The header must be found within this many bytes. JPEG metadata (APP segments: Exif, ICC
 * profiles, XMP) comes before the frame header and can be large; holding up to one S3 part
 * costs no more memory than the upload itself holds anyway.
 */
export const MAX_HEADER_BYTES = PART_SIZE;

export interface UploadLimits extends PaceLimits {
  readonly maxBytes: number;
  readonly maxPixels: number;
}

export interface UploadedImage {
  readonly id: string;
  readonly key: string;
  readonly info: ImageInfo;
  readonly stored: StoredObject;
}

interface PendingUpload {
  readonly key: string;
  readonly info: ImageInfo;
  /** Resolves once the file part has been read to its end and found complete. */
  readonly fileRead: Promise<void>;
  /** Rejects as soon as the upload fails; never resolves. */
  readonly failed: Promise<never>;
  commit(): Promise<StoredObject>;
  cancel(reason: unknown): Promise<void>;
}

const noop = (): void => {};

const unexpectedField = (): HttpError =>
  new HttpError(400, "unexpected_field", `Send only the image, in the field "${FILE_FIELD}".`);
const wrongField = (): HttpError =>
  new HttpError(400, "wrong_field", `Send the image in the form field "${FILE_FIELD}".`);
const noFile = (): HttpError => new HttpError(400, "no_file", "Choose an image to upload.");
const unreadablePart = (): HttpError =>
  new HttpError(
    400,
    "bad_part",
    "A part of the form could not be read: its headers are invalid (for example a line " +
      "break in its name or file name).",
  );

export async function receiveUpload(
  request: FastifyRequest,
  reply: FastifyReply,
  store: ImageStore,
  limits: UploadLimits,
): Promise<UploadedImage> {
  if (!request.isMultipart())
    throw new HttpError(415, "not_multipart", "Send the image as multipart/form-data.");
  const declared = Number(request.headers["content-length"]);
  if (declared > limits.maxBytes + MULTIPART_OVERHEAD) {
    // Refuse before reading a byte, and close the connection rather than drain the body.
    const err = tooLarge(limits.maxBytes);
    Object.assign(err.headers, { connection: "close" });
    throw err;
  }
  // A client that sent "Expect: 100-continue" waits for this before sending the body; it is
  // sent only now, after every check that needs no body (app.ts keeps Node from sending it
  // on arrival).
  if (/^100-continue$/i.test(request.headers.expect ?? "")) reply.raw.writeContinue();

  const parts = request.parts();
  const watch = new BodyWatch(request.raw, boundaryOf(request.headers["content-type"]), limits);
  let pending: PendingUpload | undefined;
  let delivered = 0;
  try {
    for (;;) {
      // While the file streams, its own reads are paced; the next part can only come after.
      if (pending) await Promise.race([pending.fileRead, pending.failed]);
      const next = watch.wait(parts.next());
      next.catch(noop); // handled below; keeps a losing race from being an unhandled rejection
      const { done, value: part } = await (pending ? Promise.race([next, pending.failed]) : next);
      if (done) break;
      delivered += 1;
      if (part.type !== "file") throw unexpectedField();
      if (part.fieldname !== FILE_FIELD) throw wrongField();
      if (pending) throw new HttpError(400, "too_many_files", "Send exactly one file.");
      pending = await beginUpload(part, store, limits, watch);
    }
    if (watch.partsAnnounced > delivered) throw unreadablePart();
    if (!pending) throw noFile();
    const stored = await pending.commit();
    return {
      id: idFromKey(pending.key) ?? pending.key,
      key: pending.key,
      info: pending.info,
      stored,
    };
  } catch (err) {
    await pending?.cancel(err);
    // A client too slow to send is not waited for again to drain its body: the answer closes
    // the connection. Otherwise read and drop the rest, so the connection stays usable.
    if (!(err instanceof HttpError && err.code === "too_slow")) discardRemainingBody(request);
    else request.raw.unpipe();
    throw err;
  } finally {
    watch.stop();
  }
}

/** The multipart boundary parameter (RFC 2046, 5.1.1), quoted or not. */
function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? "");
  return match ? (match[1] ?? match[2]) : undefined;
}

async function checked<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw err instanceof ImageProblem ? notAnImage(err.message) : err;
  }
}

async function beginUpload(
  part: MultipartFile,
  store: ImageStore,
  limits: UploadLimits,
  watch: BodyWatch,
): Promise<PendingUpload> {
  const source = part.file;
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const validator = createValidator({ maxPixels: limits.maxPixels });
  const maxBytes = limits.maxBytes;

  // Read until the header is known (or the file is refused), holding the bytes read so far.
  const held: Buffer[] = [];
  let total = 0;
  let ended = false;
  try {
    while (!validator.info) {
      const next = await watch.wait(chunks.next());
      if (next.done) {
        ended = true;
        break;
      }
      total += next.value.length;
      if (total > maxBytes || source.truncated) throw tooLarge(maxBytes);
      const kept = await checked(validator.write(next.value));
      if (kept > 0)
        held.push(kept === next.value.length ? next.value : next.value.subarray(0, kept));
      if (!validator.info && total >= MAX_HEADER_BYTES)
        throw notAnImage(
          validator.kind === "jpeg"
            ? `the JPEG's metadata before its frame header is larger than ${MAX_HEADER_BYTES / 1048576} MiB`
            : `no image header within the first ${MAX_HEADER_BYTES / 1048576} MiB`,
        );
    }
    if (ended) {
      // A browser sends an empty, nameless part when the file input was left empty.
      if (total === 0)
        throw part.filename ? new HttpError(400, "empty_file", "The file is empty.") : noFile();
      await checked(validator.end());
    }
  } catch (err) {
    validator.destroy();
    if (!source.destroyed) source.destroy();
    throw err;
  }
  const info = validator.info!;
  const key = newObjectKey(info.kind);

  // The upload's body: the held bytes, then the rest, checked on the way, and finally a gate
  // that opens only when the request turned out well (commit) or fails it (cancel).
  let openGate: () => void = noop;
  let failGate: (reason: unknown) => void = noop;
  const gate = new Promise<void>((resolve, reject) => {
    openGate = resolve;
    failGate = reject;
  });
  gate.catch(noop);
  let markRead: () => void = noop;
  const fileRead = new Promise<void>((resolve) => (markRead = resolve));
  let bodyError: unknown;
  async function* body(): AsyncGenerator<Buffer> {
    try {
      while (held.length > 0) yield held.shift()!;
      while (!ended) {
        const next = await watch.wait(chunks.next());
        if (next.done) break;
        total += next.value.length;
        if (total > maxBytes || source.truncated) throw tooLarge(maxBytes);
        const kept = await checked(validator.write(next.value));
        if (kept > 0) yield kept === next.value.length ? next.value : next.value.subarray(0, kept);
      }
      if (source.truncated) throw tooLarge(maxBytes);
      await checked(validator.end());
      markRead();
      await gate;
    } catch (err) {
      bodyError = err;
      throw err;
    } finally {
      validator.destroy();
    }
  }

  const metadata: Record<string, string> = {
    width: String(info.width),
    height: String(info.height),
  };
  const originalName = sanitizeFileName(part.filename);
  if (originalName) metadata["original-name"] = originalName;
  const done = store.put({
    key,
    body: body(),
    contentType: IMAGE_FORMATS[info.kind].mime,
    metadata,
  });
  // What failed first is the answer: our refusal (413/415/400/408), not a later S3 error.
  const outcome = done.catch((err: unknown) => {
    throw bodyError ?? err;
  });
  outcome.catch(noop);
  const failed = new Promise<never>((_, reject) => void outcome.catch(reject));
  failed.catch(noop);

  return {
    key,
    info,
    fileRead,
    failed,
    async commit() {
      openGate();
      return outcome;
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
