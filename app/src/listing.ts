// The gallery's listing: the newest images, month prefix by month prefix, under one deadline.
import { monthPrefix } from "./keys";
import { describe, StorageError } from "./storage-errors";
import type { StoredImage, StoreLogger } from "./store";

/** How many months back the gallery looks for images. */
const LIST_MONTHS = 12;

/**
 * The deadline of one whole listing, in S3 calls' worth: its batches run one after the other,
 * each call also held to what is left of it, so a slow S3 cannot stretch the gallery's answer
 * to 4 batches of S3_TIMEOUT_MS.
 */
export const LIST_DEADLINE_CALLS = 2;
export const listDeadlineMs = (s3TimeoutMs: number): number => LIST_DEADLINE_CALLS * s3TimeoutMs;

/** What a listing found, and whether every month it needed was listed in time. */
export interface Listing {
  readonly images: StoredImage[];
  /** False when the deadline passed, or S3 failed, after the newest months were listed. */
  readonly complete: boolean;
}

export interface ListRequest {
  readonly limit: number;
  readonly now: Date;
  readonly deadlineMs: number;
  /** The deadline of one call; a call gets this or what is left of `deadlineMs`, if less. */
  readonly s3TimeoutMs: number;
  /** One month prefix's images, newest first, within `timeoutMs`. */
  readonly listMonth: (prefix: string, timeoutMs: number) => Promise<StoredImage[]>;
  readonly log?: StoreLogger;
}

/**
 * The newest images first, at most `limit`. S3 lists keys in ascending order only, so the
 * month prefixes (`uploads/<yyyy>/<mm>/`) are listed newest month first, three at a time,
 * going back at most a year, until `limit` images are found. Within a month the first 1000
 * keys are considered (keys are random, so beyond 1000 uploads a month this is a sample).
 *
 * The whole listing ends within `deadlineMs`. When it passes, or S3 fails transiently, after the
 * newest batch was listed, what was found is returned as incomplete; before that, the error is
 * thrown.
 */
export async function listNewest(request: ListRequest): Promise<Listing> {
  const { limit, now, deadlineMs } = request;
  const ends = Date.now() + deadlineMs;
  const found: StoredImage[] = [];
  for (let month = 0; month < LIST_MONTHS && found.length < limit; month += 3) {
    const timeoutMs = Math.min(request.s3TimeoutMs, ends - Date.now());
    try {
      if (timeoutMs <= 0) {
        throw new StorageError(`ListObjectsV2: no time left of the ${deadlineMs} ms listing`, true);
      }
      const batch = [month, month + 1, month + 2].map((back) =>
        request.listMonth(
          monthPrefix(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1))),
          timeoutMs,
        ),
      );
      for (const images of await Promise.all(batch)) found.push(...images);
    } catch (err) {
      if (month === 0 || !(err instanceof StorageError && err.transient)) throw err;
      request.log?.warn(
        { listedMonths: month, found: found.length, reason: describe(err) },
        "listing incomplete; the older months are left out",
      );
      return { images: found.slice(0, limit), complete: false };
    }
  }
  return { images: found.slice(0, limit), complete: true };
}
