// Is this a real image? Judged by content only: the magic bytes of JPEG, PNG, GIF or WebP, then
// a header parse (image-size) on the first bytes of the stream, before anything is stored; and,
// once the stream has ended, the format's end marker, which a truncated file lacks.
import { crc32 } from "node:zlib";
import { imageSize } from "image-size";

export type ImageKind = "png" | "jpeg" | "gif" | "webp";

export const IMAGE_FORMATS: Record<ImageKind, { ext: string; mime: string; parsedAs: string }> = {
  png: { ext: "png", mime: "image/png", parsedAs: "png" },
  jpeg: { ext: "jpg", mime: "image/jpeg", parsedAs: "jpg" },
  gif: { ext: "gif", mime: "image/gif", parsedAs: "gif" },
  webp: { ext: "webp", mime: "image/webp", parsedAs: "webp" },
};

export interface ImageInfo {
  readonly kind: ImageKind;
  readonly width: number;
  readonly height: number;
  /** JPEG only: offset of the frame header; the end-of-image marker must follow it. */
  readonly frameOffset?: number;
}

export type HeaderVerdict =
  | { readonly state: "need-more" }
  | { readonly state: "reject"; readonly reason: string }
  | { readonly state: "image"; readonly info: ImageInfo };

/** The header must be decided within this many bytes (JPEG metadata segments come first). */
export const MAX_HEADER_BYTES = 512 * 1024;
/** Larger images are refused: browsers would have to decode them. */
export const MAX_SIDE = 32767;
export const MAX_PIXELS = 100_000_000;

// Signatures, with null for "any byte" (the RIFF size of a WebP file).
const SIGNATURES: ReadonlyArray<readonly [ImageKind, ReadonlyArray<number | null>]> = [
  ["png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["jpeg", [0xff, 0xd8, 0xff]],
  ["gif", [...Buffer.from("GIF87a")]],
  ["gif", [...Buffer.from("GIF89a")]],
  ["webp", [...Buffer.from("RIFF"), null, null, null, null, ...Buffer.from("WEBP")]],
];

// Bytes a header needs before it can be parsed: PNG signature and IHDR chunk with its CRC, GIF
// logical screen descriptor, WebP RIFF header plus the VP8/VP8L/VP8X frame header.
const MIN_HEADER: Record<ImageKind, number> = { png: 33, jpeg: 4, gif: 13, webp: 30 };

const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const JPEG_EOI = Buffer.from([0xff, 0xd9]);

/** Decide on the first bytes of a file; `complete` says the whole file is in `head`. */
export function sniffHeader(head: Buffer, complete: boolean): HeaderVerdict {
  const needMore = (reason: string): HeaderVerdict =>
    complete || head.length >= MAX_HEADER_BYTES
      ? { state: "reject", reason }
      : { state: "need-more" };

  const kind = detectKind(head);
  if (kind === "need-more") return needMore("the file is too short to be an image");
  if (kind === undefined) return { state: "reject", reason: "not a JPEG, PNG, GIF or WebP image" };
  if (head.length < MIN_HEADER[kind]) return needMore(`the ${kind} header is incomplete`);

  let frameOffset: number | undefined;
  if (kind === "png") {
    const problem = checkPngHeader(head);
    if (problem) return { state: "reject", reason: problem };
  } else if (kind === "jpeg") {
    const frame = findJpegFrame(head);
    if (frame === "invalid") return { state: "reject", reason: "the jpeg markers are invalid" };
    if (frame === "need-more") return needMore("the jpeg header is incomplete");
    frameOffset = frame;
  }

  let size: { width: number; height: number; type?: string };
  try {
    size = imageSize(head);
  } catch {
    return kind === "jpeg"
      ? needMore("the jpeg header is invalid")
      : { state: "reject", reason: `the ${kind} header is invalid` };
  }
  if (size.type !== IMAGE_FORMATS[kind].parsedAs)
    return { state: "reject", reason: `the ${kind} header is invalid` };
  const { width, height } = size;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    return { state: "reject", reason: "the image has no valid dimensions" };
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS)
    return { state: "reject", reason: `the image is too large (${width}x${height} pixels)` };
  return { state: "image", info: { kind, width, height, frameOffset } };
}

function detectKind(head: Buffer): ImageKind | "need-more" | undefined {
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

// PNG spec: the first chunk is IHDR, 13 data bytes, followed by a CRC over type and data.
function checkPngHeader(head: Buffer): string | undefined {
  if (head.readUInt32BE(8) !== 13 || head.toString("latin1", 12, 16) !== "IHDR")
    return "the png does not start with an IHDR chunk";
  if (crc32(head.subarray(12, 29)) !== head.readUInt32BE(29))
    return "the png header checksum is wrong";
  return undefined;
}

// Walk the JPEG marker segments after SOI up to the frame header (SOF0-SOF2, the ones browsers
// and image-size read). Returns its offset, "need-more" when the head ends first.
function findJpegFrame(head: Buffer): number | "need-more" | "invalid" {
  let pos = 2;
  while (pos + 4 <= head.length) {
    if (head[pos] !== 0xff) return "invalid";
    const marker = head[pos + 1];
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) return pos;
    if (marker === 0xd9 || marker === 0xda || marker === 0xd8) return "invalid";
    const length = head.readUInt16BE(pos + 2);
    if (length < 2) return "invalid";
    pos += 2 + length;
  }
  return "need-more";
}

/**
 * Follows the rest of the stream and tells at the end whether the file is complete: PNG ends
 * with its IEND chunk, GIF with its trailer byte, a WebP file is exactly as long as its RIFF
 * header says, and a JPEG has an end-of-image marker after its frame header (data after it,
 * such as a phone's embedded motion clip, is tolerated).
 */
export class TrailerCheck {
  private tail = Buffer.alloc(0);
  private jpegEnded = false;
  private lastByte = -1;

  constructor(
    private readonly info: ImageInfo,
    private readonly head: Buffer,
  ) {
    this.update(info.kind === "jpeg" ? head.subarray(info.frameOffset ?? 0) : head);
  }

  update(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.info.kind === "jpeg" && !this.jpegEnded) {
      this.jpegEnded =
        (this.lastByte === 0xff && chunk[0] === 0xd9) || chunk.indexOf(JPEG_EOI) !== -1;
    }
    this.lastByte = chunk[chunk.length - 1];
    this.tail = Buffer.concat([this.tail, chunk.subarray(-PNG_IEND.length)]).subarray(
      -PNG_IEND.length,
    );
  }

  /** A reason when the file is incomplete, given its total length. */
  finish(totalBytes: number): string | undefined {
    switch (this.info.kind) {
      case "png":
        return this.tail.equals(PNG_IEND) ? undefined : "the png is truncated (no IEND chunk)";
      case "gif":
        return this.tail[this.tail.length - 1] === 0x3b ? undefined : "the gif is truncated";
      case "webp":
        return this.head.readUInt32LE(4) + 8 === totalBytes
          ? undefined
          : "the webp length does not match its RIFF header";
      case "jpeg":
        return this.jpegEnded ? undefined : "the jpeg is truncated (no end-of-image marker)";
    }
  }
}
