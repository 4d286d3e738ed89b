// Inflates a zlib stream to nowhere, counting: PNG image data must decompress to exactly the
// size its header implies, so a "bomb" is found after at most that many bytes (plus one chunk),
// and data that cannot be decompressed is found at all. Output is discarded as it comes: memory
// stays at zlib's window and one output chunk, whatever the image's size. zlib runs on libuv's
// thread pool, so a large image costs CPU time but does not block the event loop.
import { createInflate, type Inflate } from "node:zlib";
import { ImageProblem } from "./validator";

/** Rows of PNG image data: `count` rows of `length` bytes, the first of each a filter type. */
export interface RowRun {
  readonly count: number;
  readonly length: number;
}

export interface InflateCheck {
  /** For messages: "the PNG image data", "the PNG's ICC profile". */
  readonly what: string;
  /** Exactly this many bytes must come out. */
  readonly exact?: number;
  /** At most this many bytes may come out. */
  readonly max?: number;
  /** PNG rows: every row must start with a filter type 0-4 (PNG spec, 9.2). */
  readonly rows?: readonly RowRun[];
}

const OUTPUT_CHUNK = 64 * 1024;

export class CheckedInflate {
  private readonly zlib: Inflate;
  private readonly ended: Promise<void>;
  private produced = 0;
  private readonly limit: number;
  private run = 0;
  private rowsLeft = 0;
  private inRow = 0;

  constructor(private readonly check: InflateCheck) {
    this.limit = check.exact ?? check.max ?? Number.MAX_SAFE_INTEGER;
    this.zlib = createInflate({ chunkSize: OUTPUT_CHUNK });
    this.rowsLeft = check.rows?.[0]?.count ?? 0;
    this.skipEmptyRuns();
    this.zlib.on("data", (out: Buffer) => this.take(out));
    this.ended = new Promise<void>((resolve, reject) => {
      this.zlib.once("end", resolve);
      this.zlib.once("error", (err: Error) => reject(this.asProblem(err)));
      // Destroyed without an error (cleanup): settle anyway, nobody waits forever.
      this.zlib.once("close", () =>
        reject(new ImageProblem(`${this.check.what} was not read to its end`)),
      );
    });
    this.ended.catch(() => {});
  }

  /** The next compressed bytes; resolves when zlib can take more. */
  async write(data: Buffer): Promise<void> {
    if (this.zlib.destroyed) return this.ended;
    if (this.zlib.write(data)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        this.zlib.off("drain", done);
        this.zlib.off("close", done);
        resolve();
      };
      this.zlib.on("drain", done);
      this.zlib.on("close", done);
      this.ended.catch(reject);
    });
    if (this.zlib.destroyed) return this.ended;
  }

  /** The compressed data has ended: resolves if it decompressed to what was expected. */
  async finish(): Promise<void> {
    if (!this.zlib.destroyed) this.zlib.end();
    await this.ended;
    if (this.check.exact !== undefined && this.produced !== this.check.exact)
      throw new ImageProblem(
        `${this.check.what} is shorter than the image's dimensions need ` +
          `(${this.produced} of ${this.check.exact} bytes)`,
      );
  }

  destroy(): void {
    this.zlib.destroy();
  }

  private take(out: Buffer): void {
    this.produced += out.length;
    if (this.produced > this.limit) {
      this.zlib.destroy(
        new ImageProblem(
          this.check.exact !== undefined
            ? `${this.check.what} decompresses to more than the image's dimensions need`
            : `${this.check.what} decompresses to more than ${this.limit} bytes`,
        ),
      );
      return;
    }
    const rows = this.check.rows;
    if (!rows) return;
    let i = 0;
    while (i < out.length && this.run < rows.length) {
      const length = rows[this.run].length;
      if (this.inRow === 0 && out[i] > 4) {
        this.zlib.destroy(new ImageProblem(`${this.check.what} has an invalid row filter type`));
        return;
      }
      const step = Math.min(length - this.inRow, out.length - i);
      i += step;
      this.inRow += step;
      if (this.inRow === length) {
        this.inRow = 0;
        this.rowsLeft -= 1;
        if (this.rowsLeft === 0) {
          this.run += 1;
          this.rowsLeft = rows[this.run]?.count ?? 0;
          this.skipEmptyRuns();
        }
      }
    }
  }

  private skipEmptyRuns(): void {
    const rows = this.check.rows ?? [];
    while (this.run < rows.length && (rows[this.run].count === 0 || rows[this.run].length === 0)) {
      this.run += 1;
      this.rowsLeft = rows[this.run]?.count ?? 0;
    }
  }

  private asProblem(err: Error): ImageProblem {
    if (err instanceof ImageProblem) return err;
    // zlib's own words ("incorrect header check", "invalid distance too far back") are about
    // the sender's file, not about this service.
    return new ImageProblem(`${this.check.what} cannot be decompressed (${err.message})`);
  }
}
