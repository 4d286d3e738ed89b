// The S3 side: one client, uploads with lib-storage, listing, presigned GET URLs, a bucket ping.
// IAM needs of the task role: s3:PutObject, s3:AbortMultipartUpload, s3:GetObject (also for
// HeadObject and the presigned URLs), s3:ListBucket (ListObjectsV2, HeadBucket) on the bucket,
// and kms:GenerateDataKey + kms:Decrypt on the key (S3 docs: uploading and downloading objects
// encrypted with SSE-KMS needs both, multipart uploads included). No s3:DeleteObject: a refused
// upload is never completed, so there is nothing to delete.
import type { Readable } from "node:stream";
import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
  type PutObjectCommandInput,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Config } from "./config";
import { monthPrefix } from "./keys";

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
  readonly body: Readable;
  readonly contentType: string;
  readonly metadata: Record<string, string>;
}

export function createS3Client(config: Config): S3Client {
  return new S3Client({
    region: config.region,
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
    maxAttempts: 3,
    // Fail fast on a dead connection instead of holding a request until the ALB gives up.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000 },
  });
}

/** How many months back the gallery looks for images. */
const LIST_MONTHS = 12;

/** Presigned URLs kept for reuse within their signing window (about 1-2 KB each). */
const URL_CACHE_SIZE = 2048;

export class ImageStore {
  private readonly urls = new Map<string, string>();

  constructor(
    readonly client: S3Client,
    private readonly config: Pick<Config, "bucketName" | "kmsKeyId" | "presignTtlSeconds">,
  ) {}

  /**
   * Streams `body` to S3. Nothing becomes visible before the body ends: a body up to one part
   * (5 MiB) is sent as one PutObject when it ends, a larger one as a multipart upload that is
   * completed only then. If the body fails, lib-storage aborts the multipart upload.
   */
  upload(image: NewImage): Promise<unknown> {
    const params: PutObjectCommandInput = {
      Bucket: this.config.bucketName,
      Key: image.key,
      Body: image.body,
      ContentType: image.contentType,
      // Keys are never reused, so the bytes behind a URL never change.
      CacheControl: "private, max-age=31536000, immutable",
      Metadata: image.metadata,
      // S3 docs: a PUT without encryption headers gets the bucket's default encryption; with
      // aws:kms but no key id S3 would use the AWS managed key aws/s3 instead of ours. So both
      // headers, or neither.
      ...(this.config.kmsKeyId
        ? { ServerSideEncryption: "aws:kms", SSEKMSKeyId: this.config.kmsKeyId }
        : {}),
    };
    // queueSize 1: one 5 MiB part in memory per upload, which bounds a task's memory.
    return new Upload({ client: this.client, params, queueSize: 1 }).done();
  }

  /**
   * The newest images first, at most `limit`. S3 lists keys in ascending order only, so the
   * month prefixes (`uploads/<yyyy>/<mm>/`) are listed newest month first, three at a time,
   * going back at most a year, until `limit` images are found. Within a month the first 1000
   * keys are considered (keys are random, so beyond 1000 uploads a month this is a sample).
   */
  async list(limit: number, now: Date = new Date()): Promise<StoredImage[]> {
    const found: StoredImage[] = [];
    for (let month = 0; month < LIST_MONTHS && found.length < limit; month += 3) {
      const batch = [month, month + 1, month + 2].map((back) =>
        this.listMonth(
          monthPrefix(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1))),
        ),
      );
      for (const images of await Promise.all(batch)) found.push(...images);
    }
    return found.slice(0, limit);
  }

  private async listMonth(prefix: string): Promise<StoredImage[]> {
    const page = await this.client.send(
      new ListObjectsV2Command({ Bucket: this.config.bucketName, Prefix: prefix, MaxKeys: 1000 }),
    );
    return (page.Contents ?? [])
      .filter((o): o is typeof o & { Key: string } => typeof o.Key === "string")
      .map((o) => ({ key: o.Key, lastModified: o.LastModified, size: o.Size }))
      .sort((a, b) => (b.lastModified?.getTime() ?? 0) - (a.lastModified?.getTime() ?? 0));
  }

  /** Details of one image, or undefined when it does not exist. */
  async details(key: string): Promise<ImageDetails | undefined> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.config.bucketName, Key: key }),
      );
      return {
        key,
        lastModified: head.LastModified,
        size: head.ContentLength,
        contentType: head.ContentType,
        metadata: head.Metadata ?? {},
      };
    } catch (err) {
      if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404)
        return undefined;
      throw err;
    }
  }

  /**
   * A presigned GET URL. The signing time is rounded down to half the lifetime, so every URL
   * stays valid for at least half of PRESIGN_TTL_SECONDS after it was handed out, and within a
   * window the URL of a key does not change: browsers can cache the image, and the URL is
   * signed once per window and then reused (signing costs about a millisecond of CPU).
   */
  async presign(key: string, now: number = Date.now()): Promise<string> {
    const ttl = this.config.presignTtlSeconds;
    const windowMs = Math.max(1, Math.floor(ttl / 2)) * 1000;
    const signingDate = new Date(Math.floor(now / windowMs) * windowMs);
    const cacheKey = `${signingDate.getTime()} ${key}`;
    const cached = this.urls.get(cacheKey);
    if (cached !== undefined) return cached;
    const url = await getSignedUrl(
      this.client,
      new GetObjectCommand({ Bucket: this.config.bucketName, Key: key }),
      { expiresIn: ttl, signingDate },
    );
    // A Map iterates in insertion order: drop the oldest entry (older windows go first).
    if (this.urls.size >= URL_CACHE_SIZE) this.urls.delete(this.urls.keys().next().value!);
    this.urls.set(cacheKey, url);
    return url;
  }

  /** Throws unless the bucket is reachable with our credentials. */
  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucketName }));
  }
}
