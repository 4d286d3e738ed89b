// The S3 client and the deadline every S3 call runs under (S3_TIMEOUT_MS, the SDK's retries
// included), enforced with an abort signal and a timer, so a call always settles:
// @smithy/node-http-handler 4.x only logs a warning when `requestTimeout` passes unless
// `throwOnRequestTimeout` is set, and a socket that connects and never answers is otherwise held
// forever.
import { S3Client } from "@aws-sdk/client-s3";
import type { Config } from "./config";
import { asStorageError, StorageError } from "./storage-errors";

export function createS3Client(config: Config): S3Client {
  // Per attempt: half the call's deadline, so a connection that hangs leaves time for one
  // retry on a fresh connection within S3_TIMEOUT_MS.
  const attemptMs = Math.ceil(config.s3TimeoutMs / 2);
  return new S3Client({
    region: config.region,
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true } : {}),
    maxAttempts: 3,
    requestHandler: {
      connectionTimeout: Math.min(3_000, attemptMs),
      requestTimeout: attemptMs,
      // Without this, @smithy/node-http-handler 4.x only logs that requestTimeout passed.
      throwOnRequestTimeout: true,
      // Inactivity on the socket, also while a response body is read.
      socketTimeout: attemptMs,
    },
  });
}

/**
 * One S3 call under a deadline. The abort signal cancels the request (and stops the SDK's
 * retries); the timer settles the call even if something below ignores the signal.
 */
export async function callWithDeadline<T>(
  operation: string,
  send: (abortSignal: AbortSignal) => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new StorageError(`${operation}: no answer from S3 within ${timeoutMs} ms`, true));
    }, timeoutMs);
  });
  try {
    return await Promise.race([send(controller.signal), deadline]);
  } catch (err) {
    throw asStorageError(operation, err);
  } finally {
    clearTimeout(timer);
  }
}
