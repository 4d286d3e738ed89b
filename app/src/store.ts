// The S3 side: one client, streamed uploads, listing, presigned GET URLs, a bucket ping.
// IAM needs of the task role: s3:PutObject, s3:AbortMultipartUpload, s3:GetObject (also for
// HeadObject and the presigned URLs), s3:ListBucket (ListObjectsV2, HeadBucket) on the bucket,
// and kms:GenerateDataKey + kms:Decrypt on the key (S3 docs: uploading and downloading objects
// encrypted with SSE-KMS needs both, multipart uploads included). No s3:DeleteObject: a refused
// upload is never completed, so there is nothing to delete.
//
// Every S3 call has a deadline (S3_TIMEOUT_MS, the SDK's retries included): see s3-client.ts.
import { createHash } from "node:crypto";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
  type CompletedPart,
} from "@aws-sdk/client-s3";
import type { Config } from "./config";
import { listDeadlineMs, listNewest, type Listing } from "./listing";
import { PresignedUrls } from "./presign";
import { callWithDeadline } from "./s3-client";
import { confirmed, describe, StorageError } from "./storage-errors";

export { describe, StorageError } from "./storage-errors";
export { listDeadlineMs, type Listing } from "./listing";

export interface StoredImage {
  readonly key: string;
  readonly lastModified?: Date;
  readonly size?: number;
}

export interface ImageDetails extends StoredImage {
  readonly contentType?: string;
  readonly metadata: Record<string, string>;
}

export interface NewImage {
  readonly key: string;
  /** The bytes. Nothing becomes visible in the bucket unless this ends without an error. */
  readonly body: AsyncIterable<Buffer>;
  readonly contentType: string;
  readonly metadata: Record<string, string>;
}

export interface StoredObject {
  readonly key: string;
  readonly etag: string;
  readonly bytes: number;
  readonly parts: number;
}

/** Something to log with: fastify's (pino) logger fits. */
export interface StoreLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface StoreOptions {
  readonly log?: StoreLogger;
  /**
   * Waits between attempts to abort a failed multipart upload (after the first attempt). The
   * default, 1, 2, 4, 8 and 16 s (each +-25 %), outlasts a short outage; what is still left is
   * removed by the bucket's lifecycle rule.
   */
  readonly abortRetryDelaysMs?: readonly number[];
}

type StoreConfig = Pick<Config, "bucketName" | "kmsKeyId" | "presignTtlSeconds" | "s3TimeoutMs">;

/** S3's smallest part (except the last): 5 MiB. Memory holds at most one part per upload. */
export const PART_SIZE = 5 * 1024 * 1024;

const DEFAULT_ABORT_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000];

const sha256 = (data: Buffer): string => createHash("sha256").update(data).digest("base64");

export class ImageStore {
  private readonly urls: PresignedUrls;
  private readonly cleanups = new Set<Promise<void>>();
  private readonly abortDelays: readonly number[];
  /** Aborted on close(): background retries stop waiting and give up. */
  private readonly closing = new AbortController();

  constructor(
    readonly client: S3Client,
    private readonly config: StoreConfig,
    private readonly options: StoreOptions = {},
  ) {
    this.abortDelays = options.abortRetryDelaysMs ?? DEFAULT_ABORT_RETRY_DELAYS_MS;
    this.urls = new PresignedUrls(client, config.bucketName, config.presignTtlSeconds);
  }

  /**
   * Streams `image.body` to S3. Nothing becomes visible before the body ends: a body up to one
   * part (5 MiB) is sent as one PutObject when it ends, a larger one as a multipart upload that
   * is completed only then, and aborted otherwise (retried with backoff, see abortLater).
   *
   * Every request carries the SHA-256 of its bytes: S3 recomputes it and refuses the request if
   * they differ (S3 User Guide, "Checking object integrity": objects are accepted only after
   * the checksum it calculates matches the one provided). An answer without an ETag, or with
   * another checksum, is not taken as stored.
   *
   * An error of the body is rethrown as it is; S3's errors become StorageErrors.
   */
  async put(image: NewImage): Promise<StoredObject> {
    let held: Buffer[] = [];
    let heldBytes = 0;
    let total = 0;
    let upload: { id: string; parts: CompletedPart[] } | undefined;
    try {
      for await (const chunk of image.body) {
        held.push(chunk);
        heldBytes += chunk.length;
        total += chunk.length;
        while (heldBytes >= PART_SIZE) {
          const all = Buffer.concat(held, heldBytes);
          const rest = all.subarray(PART_SIZE);
          held = rest.length > 0 ? [Buffer.from(rest)] : [];
          heldBytes = rest.length;
          upload ??= { id: await this.createUpload(image), parts: [] };
          upload.parts.push(await this.uploadPart(image.key, upload, all.subarray(0, PART_SIZE)));
        }
      }
      const last = Buffer.concat(held, heldBytes);
      if (!upload) {
        const etag = await this.putObject(image, last);
        return { key: image.key, etag, bytes: total, parts: 1 };
      }
      if (last.length > 0) upload.parts.push(await this.uploadPart(image.key, upload, last));
      const etag = await this.complete(image.key, upload);
      return { key: image.key, etag, bytes: total, parts: upload.parts.length };
    } catch (err) {
      if (upload) this.abortLater(image.key, upload.id);
      throw err;
    }
  }

  private async putObject(image: NewImage, body: Buffer): Promise<string> {
    const checksum = sha256(body);
    const out = await this.call("PutObject", (abortSignal) =>
      this.client.send(
        new PutObjectCommand({ ...this.objectParams(image), Body: body, ChecksumSHA256: checksum }),
        { abortSignal },
      ),
    );
    return confirmed("PutObject", out.ETag, checksum, out.ChecksumSHA256);
  }

  private async createUpload(image: NewImage): Promise<string> {
    const out = await this.call("CreateMultipartUpload", (abortSignal) =>
      this.client.send(
        new CreateMultipartUploadCommand({
          ...this.objectParams(image),
          ChecksumAlgorithm: "SHA256",
        }),
        { abortSignal },
      ),
    );
    if (!out.UploadId) throw new StorageError("CreateMultipartUpload returned no UploadId", true);
    return out.UploadId;
  }

  private async uploadPart(
    key: string,
    upload: { id: string; parts: CompletedPart[] },
    body: Buffer,
  ): Promise<CompletedPart> {
    const partNumber = upload.parts.length + 1;
    const checksum = sha256(body);
    const out = await this.call("UploadPart", (abortSignal) =>
      this.client.send(
        new UploadPartCommand({
          Bucket: this.config.bucketName,
          Key: key,
          UploadId: upload.id,
          PartNumber: partNumber,
          Body: body,
          ChecksumSHA256: checksum,
        }),
        { abortSignal },
      ),
    );
    const etag = confirmed(`UploadPart ${partNumber}`, out.ETag, checksum, out.ChecksumSHA256);
    return { PartNumber: partNumber, ETag: etag, ChecksumSHA256: checksum };
  }

  private async complete(key: string, upload: { id: string; parts: CompletedPart[] }) {
    const out = await this.call("CompleteMultipartUpload", (abortSignal) =>
      this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.config.bucketName,
          Key: key,
          UploadId: upload.id,
          MultipartUpload: { Parts: upload.parts },
        }),
        { abortSignal },
      ),
    );
    // CompleteMultipartUpload can fail after a 200 status line (an error in the body), which
    // the SDK turns into an error; an answer without an ETag is not a completed object either.
    return confirmed("CompleteMultipartUpload", out.ETag);
  }

  private objectParams(image: NewImage) {
    return {
      Bucket: this.config.bucketName,
      Key: image.key,
      ContentType: image.contentType,
      // Keys are never reused, so the bytes behind a URL never change.
      CacheControl: "private, max-age=31536000, immutable",
      Metadata: image.metadata,
      // S3 docs: a PUT without encryption headers gets the bucket's default encryption; with
      // aws:kms but no key id S3 would use the AWS managed key aws/s3 instead of ours. So both
      // headers, or neither.
      ...(this.config.kmsKeyId
        ? { ServerSideEncryption: "aws:kms" as const, SSEKMSKeyId: this.config.kmsKeyId }
        : {}),
    };
  }

  /**
   * Aborts a multipart upload in the background, retrying with exponential backoff: the abort
   * usually follows a failure of S3 itself, which may last a while. S3 docs
   * (AbortMultipartUpload): parts still being uploaded may land after an abort, so it "might be
   * necessary to abort a given multipart upload multiple times". What no retry removes, the
   * bucket's lifecycle rule (abort incomplete multipart uploads after a day) does.
   */
  private abortLater(key: string, uploadId: string): void {
    const log = this.options.log;
    const task = (async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          await this.call("AbortMultipartUpload", (abortSignal) =>
            this.client.send(
              new AbortMultipartUploadCommand({
                Bucket: this.config.bucketName,
                Key: key,
                UploadId: uploadId,
              }),
              { abortSignal },
            ),
          );
          log?.info({ key, attempts: attempt + 1 }, "multipart upload aborted");
          return;
        } catch (err) {
          // NoSuchUpload (404): already aborted or completed; nothing is left to free.
          if (err instanceof StorageError && err.status === 404) return;
          const last = attempt >= this.abortDelays.length || this.closing.signal.aborted;
          if (!last) {
            log?.warn(
              { key, attempt: attempt + 1, reason: describe(err) },
              "abort failed; retrying",
            );
            const delay = this.abortDelays[attempt] * (0.75 + Math.random() / 2);
            await new Promise<void>((resolve) => {
              const done = (): void => {
                clearTimeout(timer);
                this.closing.signal.removeEventListener("abort", done);
                resolve();
              };
              const timer = setTimeout(done, delay);
              this.closing.signal.addEventListener("abort", done, { once: true });
            });
          }
          if (last || this.closing.signal.aborted) {
            log?.error(
              { key, uploadId, attempts: attempt + 1, reason: describe(err) },
              "multipart upload not aborted; the bucket's lifecycle rule will remove its parts",
            );
            return;
          }
        }
      }
    })();
    this.cleanups.add(task);
    void task.finally(() => this.cleanups.delete(task));
  }

  /**
   * At shutdown: background aborts make their current attempt (within S3_TIMEOUT_MS) but are not
   * retried any more; what they leave, the bucket's lifecycle rule removes. Then the client goes.
   */
  async close(): Promise<void> {
    this.closing.abort();
    while (this.cleanups.size > 0) await Promise.all([...this.cleanups]);
    this.client.destroy();
  }

  /** The newest images first, at most `limit`, within `deadlineMs` (see listNewest). */
  list(
    limit: number,
    now: Date = new Date(),
    deadlineMs: number = listDeadlineMs(this.config.s3TimeoutMs),
  ): Promise<Listing> {
    return listNewest({
      limit,
      now,
      deadlineMs,
      s3TimeoutMs: this.config.s3TimeoutMs,
      listMonth: (prefix, timeoutMs) => this.listMonth(prefix, timeoutMs),
      log: this.options.log,
    });
  }

  private async listMonth(prefix: string, timeoutMs: number): Promise<StoredImage[]> {
    const page = await this.call(
      "ListObjectsV2",
      (abortSignal) =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.config.bucketName,
            Prefix: prefix,
            MaxKeys: 1000,
          }),
          { abortSignal },
        ),
      timeoutMs,
    );
    return (page.Contents ?? [])
      .filter((o): o is typeof o & { Key: string } => typeof o.Key === "string")
      .map((o) => ({ key: o.Key, lastModified: o.LastModified, size: o.Size }))
      .sort((a, b) => (b.lastModified?.getTime() ?? 0) - (a.lastModified?.getTime() ?? 0));
  }

  /** Details of one image, or undefined when it does not exist. */
  async details(key: string): Promise<ImageDetails | undefined> {
    try {
      const head = await this.call("HeadObject", (abortSignal) =>
        this.client.send(new HeadObjectCommand({ Bucket: this.config.bucketName, Key: key }), {
          abortSignal,
        }),
      );
      return {
        key,
        lastModified: head.LastModified,
        size: head.ContentLength,
        contentType: head.ContentType,
        metadata: head.Metadata ?? {},
      };
    } catch (err) {
      if (err instanceof StorageError && err.status === 404) return undefined;
      throw err;
    }
  }

  /** A presigned GET URL of `key`, reused within its signing window (see PresignedUrls). */
  presign(key: string, now: number = Date.now()): Promise<string> {
    return this.urls.get(key, now);
  }

  /** Throws unless the bucket is reachable with our credentials within `timeoutMs`. */
  async ping(timeoutMs: number = this.config.s3TimeoutMs): Promise<void> {
    await this.call(
      "HeadBucket",
      (abortSignal) =>
        this.client.send(new HeadBucketCommand({ Bucket: this.config.bucketName }), {
          abortSignal,
        }),
      timeoutMs,
    );
  }

  /** One S3 call under a deadline (see callWithDeadline). */
  private call<T>(
    operation: string,
    send: (abortSignal: AbortSignal) => Promise<T>,
    timeoutMs: number = this.config.s3TimeoutMs,
  ): Promise<T> {
    return callWithDeadline(operation, send, timeoutMs);
  }
}
