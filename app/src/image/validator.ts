// Streaming validation of an image, to the last byte, without decoding it into memory. The
// bytes are pushed as they arrive (write), the format's parser pulls what it needs: a few header
// bytes to look at, long runs to check (CRCs) or to inflate (PNG image data) and forget. The
// parsers are generators yielding Steps; this driver feeds them across chunk boundaries.
//
// What is checked, per format, is in png.ts, jpeg.ts, gif.ts and webp.ts. The budget is the
// same for all: the image's sides, its pixels (what a browser has to decode and hold), and for
// animations the pixels of all frames together.

export type ImageKind = "png" | "jpeg" | "gif" | "webp";

export const IMAGE_FORMATS: Record<ImageKind, { ext: string; mime: string; name: string }> = {
  png: { ext: "png", mime: "image/png", name: "PNG" },
  jpeg: { ext: "jpg", mime: "image/jpeg", name: "JPEG" },
  gif: { ext: "gif", mime: "image/gif", name: "GIF" },
  webp: { ext: "webp", mime: "image/webp", name: "WebP" },
};

export interface ImageInfo {
  readonly kind: ImageKind;
  readonly width: number;
  readonly height: number;
}

export interface ImageLimits {
  /** Largest width x height of the image (the canvas of an animation). */
  readonly maxPixels: number;
}

/** A longer side is refused whatever the pixel budget: browsers and decoders give up. */
export const MAX_SIDE = 32767;
/** An animation may have this many times the pixel budget, over all its frames together. */
export const ANIMATION_FACTOR = 4;

/** What is wrong with the file, in words for its sender. */
export class ImageProblem extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "ImageProblem";
  }
}

export type Sink = (data: Buffer) => void | Promise<void>;

export type Step =
  /** The next n bytes, as one Buffer (keep n small: they are held until complete). */
  | { readonly op: "read"; readonly n: number }
  /** Pass the next n bytes to sink (if any) and forget them. */
  | { readonly op: "skip"; readonly n: number; readonly sink?: Sink }
  /** JPEG entropy-coded data: skip to the next marker; the marker's code is returned. */
  | { readonly op: "scan" }
  /** A JPEG marker: 0xFF, fill bytes, then the code, which is returned. */
  | { readonly op: "marker" }
  /** GIF data sub-blocks up to and including the zero-size terminator. */
  | { readonly op: "blocks" }
  /** Wait for something (an inflater to finish) before going on. */
  | { readonly op: "wait"; readonly promise: Promise<void> };

export type Parser = Generator<Step, void, unknown>;

export interface ParseContext {
  /** The image's size, as soon as the format tells it; refused beyond the budget. */
  header(width: number, height: number): void;
  /** One frame (or the still image) to decode; refused when all frames exceed the budget. */
  frame(width: number, height: number): void;
  readonly limits: ImageLimits;
}

export function* bytes(n: number): Generator<Step, Buffer, unknown> {
  return (yield { op: "read", n }) as Buffer;
}

export function* byte(): Generator<Step, number, unknown> {
  return ((yield { op: "read", n: 1 }) as Buffer)[0];
}

export const skip = (n: number, sink?: Sink): Step => ({ op: "skip", n, sink });
export const wait = (promise: Promise<void>): Step => ({ op: "wait", promise });

export function* scan(): Generator<Step, number, unknown> {
  return (yield { op: "scan" }) as number;
}

export function* marker(): Generator<Step, number, unknown> {
  return (yield { op: "marker" }) as number;
}

export const subBlocks: Step = { op: "blocks" };

// Signatures, with null for "any byte" (the RIFF size of a WebP file).
const SIGNATURES: ReadonlyArray<readonly [ImageKind, ReadonlyArray<number | null>]> = [
  ["png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["jpeg", [0xff, 0xd8, 0xff]],
  ["gif", [...Buffer.from("GIF87a")]],
  ["gif", [...Buffer.from("GIF89a")]],
  ["webp", [...Buffer.from("RIFF"), null, null, null, null, ...Buffer.from("WEBP")]],
];
const LONGEST_SIGNATURE = 12;

export function detectKind(head: Buffer): ImageKind | "need-more" | undefined {
  let partial = false;
  for (const [kind, signature] of SIGNATURES) {
    const n = Math.min(head.length, signature.length);
    let matches = true;
    for (let i = 0; i < n && matches; i++)
      matches = signature[i] === null || signature[i] === head[i];
    if (!matches) continue;
    if (head.length >= signature.length) return kind;
    partial = true;
  }
  return partial ? "need-more" : undefined;
}

export type ParserFactory = (context: ParseContext) => Parser;

/** Messages for a file that ends before its structure does. */
const TRUNCATED: Record<ImageKind, string> = {
  png: "the PNG ends before its IEND chunk (truncated)",
  jpeg: "the JPEG ends before its end-of-image marker (truncated)",
  gif: "the GIF ends before its trailer (truncated)",
  webp: "the WebP is shorter than its RIFF header says (truncated)",
};

export class ImageValidator {
  private kindFound?: ImageKind;
  private infoFound?: ImageInfo;
  private parser?: Parser;
  private step?: Step;
  private finished = false;
  private failure?: unknown;
  private head: Buffer[] = [];
  private headBytes = 0;
  private readBuffers: Buffer[] = [];
  private readBytes = 0;
  private skipLeft = 0;
  private scanAfterFF = false;
  private markerStarted = false;
  private readonly brokenMarker = "the JPEG structure is broken (marker expected)";
  private framePixels = 0;

  constructor(
    private readonly limits: ImageLimits,
    private readonly parsers: Record<ImageKind, ParserFactory>,
  ) {}

  /** The kind, width and height, once the header has been read. */
  get info(): ImageInfo | undefined {
    return this.infoFound;
  }

  get kind(): ImageKind | undefined {
    return this.kindFound;
  }

  /** True once the image's structure has ended (IEND, EOI, trailer, end of RIFF). */
  get complete(): boolean {
    return this.finished;
  }

  /**
   * The next bytes of the file. Returns how many of them belong to the image: all of them,
   * except after a JPEG's end-of-image marker, whose trailing data is not kept. Throws an
   * ImageProblem when the file is not a valid image.
   */
  async write(chunk: Buffer): Promise<number> {
    if (this.failure !== undefined) throw this.failure;
    try {
      if (!this.parser) {
        this.head.push(chunk);
        this.headBytes += chunk.length;
        const head = Buffer.concat(this.head, this.headBytes);
        const kind = detectKind(head.subarray(0, LONGEST_SIGNATURE));
        if (kind === undefined) throw new ImageProblem("not a JPEG, PNG, GIF or WebP image");
        if (kind === "need-more") return chunk.length;
        this.head = [];
        await this.start(kind);
        const kept = await this.feed(head);
        return Math.max(0, chunk.length - (head.length - kept));
      }
      return await this.feed(chunk);
    } catch (err) {
      this.fail(err);
      throw err;
    }
  }

  /** The file has ended: throws an ImageProblem unless the image is complete. */
  async end(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    try {
      if (!this.parser) {
        const head = Buffer.concat(this.head, this.headBytes);
        throw new ImageProblem(
          detectKind(head) === "need-more"
            ? "the file is too short to be an image"
            : "not a JPEG, PNG, GIF or WebP image",
        );
      }
      if (!this.finished) throw new ImageProblem(TRUNCATED[this.kindFound!]);
    } catch (err) {
      this.fail(err);
      throw err;
    }
  }

  /** Frees what the parser holds (inflaters); safe to call at any time. */
  destroy(): void {
    try {
      this.parser?.return();
    } catch {
      // a parser's cleanup does not throw; nothing to do if it did
    }
  }

  private fail(err: unknown): void {
    this.failure = err;
    this.destroy();
  }

  private async start(kind: ImageKind): Promise<void> {
    this.kindFound = kind;
    const context: ParseContext = {
      limits: this.limits,
      header: (width, height) => {
        if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
          throw new ImageProblem("the image has no valid dimensions");
        if (width > MAX_SIDE || height > MAX_SIDE || width * height > this.limits.maxPixels)
          throw new ImageProblem(
            `the image is too large (${width}x${height} pixels; at most ${MAX_SIDE} a side ` +
              `and ${formatPixels(this.limits.maxPixels)} pixels)`,
          );
        this.infoFound = { kind, width, height };
      },
      frame: (width, height) => {
        this.framePixels += width * height;
        const budget = this.limits.maxPixels * ANIMATION_FACTOR;
        if (this.framePixels > budget)
          throw new ImageProblem(
            `the animation is too large (more than ${formatPixels(budget)} pixels in all ` +
              `its frames together)`,
          );
      },
    };
    this.parser = this.parsers[kind](context);
    await this.advance(undefined);
  }

  private async feed(buf: Buffer): Promise<number> {
    let pos = 0;
    // Steps are taken synchronously; only an inflater that needs time (a sink or a wait
    // returning a promise) makes this wait. Long runs of small structures (fill bytes, tiny
    // sub-blocks) are walked here in plain loops, not one parser step each.
    while (pos < buf.length && !this.finished) {
      const step = this.step!;
      let waiting: Promise<void> | void = undefined;
      if (step.op === "read") {
        if (this.readBytes === 0 && buf.length - pos >= step.n) {
          const data = buf.subarray(pos, pos + step.n);
          pos += step.n;
          waiting = this.advance(data);
        } else {
          const take = Math.min(step.n - this.readBytes, buf.length - pos);
          this.readBuffers.push(buf.subarray(pos, pos + take));
          this.readBytes += take;
          pos += take;
          if (this.readBytes === step.n) {
            const data = Buffer.concat(this.readBuffers, this.readBytes);
            this.readBuffers = [];
            this.readBytes = 0;
            waiting = this.advance(data);
          }
        }
      } else if (step.op === "skip") {
        const take = Math.min(this.skipLeft, buf.length - pos);
        const sunk = step.sink?.(buf.subarray(pos, pos + take));
        if (sunk) await sunk;
        this.skipLeft -= take;
        pos += take;
        if (this.skipLeft === 0) waiting = this.advance(undefined);
      } else if (step.op === "marker") {
        // A JPEG marker (ITU T.81, B.1.1.2): 0xFF, any number of 0xFF fill bytes, the code.
        if (!this.markerStarted) {
          if (buf[pos++] !== 0xff) throw new ImageProblem(this.brokenMarker);
          this.markerStarted = true;
        }
        while (pos < buf.length && buf[pos] === 0xff) pos++;
        if (pos < buf.length) waiting = this.advance(buf[pos++]);
      } else if (step.op === "blocks") {
        // GIF data sub-blocks (GIF89a, 15): a size byte, that many bytes, ..., a zero size.
        while (pos < buf.length) {
          if (this.skipLeft > 0) {
            const take = Math.min(this.skipLeft, buf.length - pos);
            this.skipLeft -= take;
            pos += take;
            continue;
          }
          const size = buf[pos++];
          if (size === 0) {
            waiting = this.advance(undefined);
            break;
          }
          this.skipLeft = size;
        }
      } else {
        // JPEG entropy-coded data (ITU T.81, B.1.1.5): 0xFF is followed by 0x00 (a stuffed
        // data byte), by RST0-RST7 (restart markers, part of the data), by more 0xFF (fill),
        // or by the code of the marker that ends the data.
        if (this.scanAfterFF) {
          const code = buf[pos++];
          if (code === 0xff) continue;
          this.scanAfterFF = false;
          if (code === 0x00 || (code >= 0xd0 && code <= 0xd7)) continue;
          waiting = this.advance(code);
        } else {
          const ff = buf.indexOf(0xff, pos);
          if (ff === -1) {
            pos = buf.length;
          } else {
            pos = ff + 1;
            this.scanAfterFF = true;
          }
        }
      }
      if (waiting) await waiting;
    }
    if (this.finished && pos < buf.length && this.kindFound !== "jpeg")
      throw new ImageProblem(
        `there is data after the end of the ${IMAGE_FORMATS[this.kindFound!].name} image`,
      );
    return pos;
  }

  /** The parser's next step; a promise only when it asked to wait for something. */
  private advance(value: unknown): Promise<void> | void {
    let next = this.parser!.next(value);
    for (;;) {
      if (next.done) {
        this.finished = true;
        return;
      }
      const step = next.value;
      if (step.op === "wait") return step.promise.then(() => this.advance(undefined));
      if (step.op === "read" && step.n === 0) {
        next = this.parser!.next(Buffer.alloc(0));
        continue;
      }
      if (step.op === "skip" && step.n === 0) {
        next = this.parser!.next();
        continue;
      }
      this.step = step;
      if (step.op === "skip") this.skipLeft = step.n;
      if (step.op === "blocks") this.skipLeft = 0;
      if (step.op === "scan") this.scanAfterFF = false;
      if (step.op === "marker") this.markerStarted = false;
      return;
    }
  }
}

export function formatPixels(pixels: number): string {
  return pixels >= 1_000_000 ? `${+(pixels / 1_000_000).toFixed(1)} million` : String(pixels);
}
