// S3's answers read as the app needs them: a write confirmed (an ETag, the checksum sent), and
// every failure as a StorageError that says whether it is worth retrying (an outage: 503).
import { S3ServiceException } from "@aws-sdk/client-s3";

/** An S3 call that failed. `transient`: an outage (timeout, network, 5xx, throttling). */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StorageError";
  }
}

/** The ETag of a write S3 confirmed, or a StorageError. */
export function confirmed(
  operation: string,
  etag: string | undefined,
  sentChecksum?: string,
  returnedChecksum?: string,
): string {
  if (!etag) throw new StorageError(`${operation}: S3 answered without an ETag`, true);
  if (
    sentChecksum !== undefined &&
    returnedChecksum !== undefined &&
    returnedChecksum !== sentChecksum
  )
    throw new StorageError(`${operation}: S3 reported another SHA-256 than the one sent`, true);
  return etag;
}

/**
 * S3 errors with a 4xx status that still mean "try again" (S3 API Reference, "Error codes"):
 * RequestTimeout (the connection was idle too long), BadDigest and XAmzContentSHA256Mismatch
 * (the bytes that arrived are not the bytes sent: damaged on the way).
 */
const TRANSIENT_CODES = new Set(["RequestTimeout", "BadDigest", "XAmzContentSHA256Mismatch"]);

// "S3 cannot serve us right now": 5xx (S3's 503 SlowDown included), 429, and the codes above.
export function asStorageError(operation: string, err: unknown): StorageError {
  if (err instanceof StorageError) return err;
  if (err instanceof S3ServiceException) {
    const status = err.$metadata.httpStatusCode;
    const transient =
      err.$fault === "server" ||
      status === undefined ||
      status >= 500 ||
      status === 429 ||
      TRANSIENT_CODES.has(err.name);
    return new StorageError(
      `${operation}: ${err.name} (${status ?? "no status"})`,
      transient,
      status,
      {
        cause: err,
      },
    );
  }
  // Everything else is the network or the SDK's own timeouts: an outage.
  return new StorageError(`${operation}: ${describe(err)}`, true, undefined, { cause: err });
}

export function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
