// Watches an upload's request body as it arrives: how many bytes, how fast, and how many parts
// its multipart delimiters announce.
//
// Pace: an upload holds one of a few upload slots, so a client that trickles bytes must not
// keep it for long. While the server waits for the client (and only then: a pause because S3 is
// slow to take a part is not the client's fault), the client must send something at least every
// `idleTimeoutMs`, and after a head start of `idleTimeoutMs` keep up an average of at least
// `minBytesPerSecond` over the time waited: the same idea as Apache's mod_reqtimeout
// ("body=20,MinRate=500": a timeout extended by one second per MinRate bytes received).
//
// Parts: busboy skips a part it cannot read (no form-data disposition, a line break in its name
// or file name) without telling anyone; counting the delimiters in the raw body shows that a
// part was sent but never delivered, so the answer can say so instead of "no file".
import type { IncomingMessage } from "node:http";
import { HttpError } from "./errors";

export interface PaceLimits {
  readonly idleTimeoutMs: number;
  readonly minBytesPerSecond: number;
}

const noop = (): void => {};

export class BodyWatch {
  private received = 0;
  private lastData = Date.now();
  /** Time spent waiting for the client, overlapping waits counted once. */
  private waited = 0;
  private waiting = 0;
  private waitingSince = 0;
  private delimiters = 0;
  private readonly needle?: Buffer;
  private carry: Buffer;

  constructor(
    private readonly raw: IncomingMessage,
    boundary: string | undefined,
    private readonly limits: PaceLimits,
  ) {
    // RFC 2046, 5.1.1: a delimiter is CRLF, "--" and the boundary; the CRLF before the first one
    // may be missing at the very start of the body, hence the CRLF to begin with.
    this.needle = boundary ? Buffer.from(`\r\n--${boundary}`, "latin1") : undefined;
    this.carry = Buffer.from("\r\n");
    raw.on("data", this.onData);
  }

  /** Parts announced by the delimiters read so far (the closing delimiter is not a part). */
  get partsAnnounced(): number {
    return Math.max(0, this.delimiters - 1);
  }

  get bytesReceived(): number {
    return this.received;
  }

  stop(): void {
    this.raw.off("data", this.onData);
  }

  /**
   * Waits for `pending` (the client's next bytes, as parsed), but no longer than the pace
   * allows: rejects with a 408 when the client stalls or falls behind the minimum rate.
   */
  async wait<T>(pending: Promise<T>): Promise<T> {
    const started = Date.now();
    if (this.waiting++ === 0) this.waitingSince = started;
    let timer: NodeJS.Timeout | undefined;
    const tooSlow = new Promise<never>((_, reject) => {
      const check = (): void => {
        const now = Date.now();
        const idleLeft = this.limits.idleTimeoutMs - (now - Math.max(this.lastData, started));
        const allowed =
          this.limits.idleTimeoutMs + (this.received / this.limits.minBytesPerSecond) * 1000;
        const rateLeft = allowed - (this.waited + (now - this.waitingSince));
        if (idleLeft <= 0) reject(stalled(this.limits.idleTimeoutMs));
        else if (rateLeft <= 0) reject(crawling(this.limits.minBytesPerSecond));
        else timer = setTimeout(check, Math.min(idleLeft, rateLeft) + 1);
      };
      check();
    });
    tooSlow.catch(noop);
    try {
      return await Promise.race([pending, tooSlow]);
    } finally {
      clearTimeout(timer);
      if (--this.waiting === 0) this.waited += Date.now() - this.waitingSince;
    }
  }

  private readonly onData = (chunk: Buffer): void => {
    this.received += chunk.length;
    this.lastData = Date.now();
    const needle = this.needle;
    if (!needle) return;
    // Delimiters that straddle the previous chunk and this one, then those inside this one.
    const span = Buffer.concat([this.carry, chunk.subarray(0, needle.length - 1)]);
    for (let at = span.indexOf(needle); at !== -1 && at < this.carry.length;) {
      this.delimiters += 1;
      at = span.indexOf(needle, at + 1);
    }
    for (let at = chunk.indexOf(needle); at !== -1; at = chunk.indexOf(needle, at + 1))
      this.delimiters += 1;
    const keep = needle.length - 1;
    this.carry =
      chunk.length >= keep
        ? Buffer.from(chunk.subarray(chunk.length - keep))
        : Buffer.concat([this.carry, chunk]).subarray(-keep);
  };
}

// RFC 9110, 15.5.9: a server sending 408 should close the connection (it may be mid-body).
const closing = (): Record<string, string> => ({ connection: "close" });

const stalled = (idleMs: number): HttpError =>
  new HttpError(
    408,
    "too_slow",
    `The upload stalled: nothing arrived for ${formatSeconds(idleMs)}. Try again.`,
    closing(),
  );

const crawling = (bytesPerSecond: number): HttpError =>
  new HttpError(
    408,
    "too_slow",
    `The upload is too slow (less than ${formatRate(bytesPerSecond)} on average). ` +
      "Try again on a faster connection.",
    closing(),
  );

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

function formatRate(bytesPerSecond: number): string {
  return bytesPerSecond % 1024 === 0
    ? `${bytesPerSecond / 1024} KiB/s`
    : `${bytesPerSecond} bytes/s`;
}
