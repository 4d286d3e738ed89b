// Presigned GET URLs, signed once per signing window and reused while the credentials that
// signed them last.
//
// Temporary credentials (the ECS task role's) bound a URL's life: S3 User Guide, "Download and
// upload objects with presigned URLs": with IAM role credentials "the presigned URL expires when
// the role session expires, even if you specify a longer expiration time".
//
// What the installed SDK does with them (read in its source, not assumed):
// - Without explicit credentials the client signs with the default chain,
//   @aws-sdk/credential-provider-node (dist-cjs/index.js, memoizeChain): once the memoized
//   credentials have less than 5 minutes left (credentialsTreatedAsExpired) it starts a refresh
//   in the background and still returns the OLD credentials; it drops them only once they have
//   expired. An idle task can thus be handed credentials with seconds to live. The chain honours
//   `{ forceRefresh: true }`: it waits for a new fetch and returns its result.
// - Explicit credentials are wrapped by @smithy/core (memoizeIdentityProvider, EXPIRATION_MS =
//   5 min): refreshed before they are returned once less than 5 minutes are left; it honours
//   `forceRefresh` as well.
// So before signing, credentials that would not outlive the URL's promise are refreshed by force.
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { StorageError } from "./storage-errors";

/** Presigned URLs kept for reuse within their signing window (about 1-2 KB each). */
const URL_CACHE_SIZE = 2048;

/**
 * The least a presigned URL handed out must still work, in ms, where the lifetime asks for more
 * than this and the signing credentials are temporary: their refresh is forced only when they
 * have less than this left, so a session is used until about its last 150 s.
 */
export const MIN_URL_LIFE_MS = 150_000;

interface SignedUrl {
  readonly url: string;
  /** Until when (ms) it may be handed out: it then still works for the time presign promises. */
  readonly handOutUntil: number;
}

/** The access key id a presigned URL was signed with (its X-Amz-Credential scope). */
export const signingKeyOf = (url: string): string | undefined =>
  new URL(url).searchParams.get("X-Amz-Credential")?.split("/")[0];

export class PresignedUrls {
  private readonly urls = new Map<string, SignedUrl>();

  constructor(
    private readonly client: S3Client,
    private readonly bucketName: string,
    private readonly ttlSeconds: number,
  ) {}

  /**
   * A presigned GET URL. The signing time is rounded down to half the lifetime, so every URL
   * stays valid for at least half of the lifetime after it was handed out, and within a window
   * the URL of a key does not change: browsers can cache the image, and the URL is signed once
   * per window and then reused (signing costs about a millisecond of CPU).
   *
   * With temporary credentials the promise is the smaller of half the lifetime and
   * MIN_URL_LIFE_MS: a URL is handed out again only while its credentials last that long, and
   * credentials that would not are refreshed by force before signing. A URL is never handed
   * out past that deadline: if even fresh credentials do not last, this throws (transient).
   */
  async get(key: string, now: number = Date.now()): Promise<string> {
    const windowMs = Math.max(1, Math.floor(this.ttlSeconds / 2)) * 1000;
    const signingDate = new Date(Math.floor(now / windowMs) * windowMs);
    const cacheKey = `${signingDate.getTime()} ${key}`;
    const cached = this.urls.get(cacheKey);
    if (cached !== undefined && now <= cached.handOutUntil) return cached.url;
    const lifeMs = Math.min(windowMs, MIN_URL_LIFE_MS);
    // Two tries: a background refresh of the chain may land between resolving the credentials
    // and signing; the URL then names other credentials than the ones checked.
    for (let attempt = 1; attempt <= 2; attempt++) {
      const identity = await this.credentialsLasting(lifeMs, now);
      const url = await getSignedUrl(
        this.client,
        new GetObjectCommand({ Bucket: this.bucketName, Key: key }),
        { expiresIn: this.ttlSeconds, signingDate },
      );
      if (signingKeyOf(url) !== identity.accessKeyId) continue;
      const handOutUntil =
        identity.expiration === undefined
          ? Number.POSITIVE_INFINITY
          : identity.expiration.getTime() - lifeMs;
      // A Map iterates in insertion order: drop the oldest entry (older windows go first).
      this.urls.delete(cacheKey);
      if (this.urls.size >= URL_CACHE_SIZE) this.urls.delete(this.urls.keys().next().value!);
      this.urls.set(cacheKey, { url, handOutUntil });
      return url;
    }
    throw new StorageError(
      "presign: the credentials changed while the URL was signed, twice; try again",
      true,
    );
  }

  /** The client's credentials, refreshed by force unless they last `lifeMs` from `now`. */
  private async credentialsLasting(lifeMs: number, now: number) {
    const provider = this.client.config.credentials;
    const lasts = (expiration: Date | undefined): boolean =>
      expiration === undefined || expiration.getTime() - now >= lifeMs;
    const current = await provider();
    if (lasts(current.expiration)) return current;
    const fresh = await provider({ forceRefresh: true });
    if (lasts(fresh.expiration)) return fresh;
    throw new StorageError(
      `presign: the credentials expire at ${fresh.expiration!.toISOString()}, even after a ` +
        `refresh, less than the ${lifeMs / 1000} s a URL must still work; check the task role's ` +
        "credential source",
      true,
    );
  }
}
