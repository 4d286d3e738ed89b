// Tiny valid images, made here so the tests carry no binary fixtures.
import { randomBytes } from "node:crypto";
import { constants, crc32, deflateRawSync, deflateSync } from "node:zlib";

export function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function ihdr(width: number, height: number, bitDepth = 8, colourType = 2, interlace = 0) {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.set([bitDepth, colourType, 0, 0, interlace], 8);
  return pngChunk("IHDR", data);
}

/** A PNG from its chunks (signature added). */
export function pngFrom(...chunks: Buffer[]): Buffer {
  return Buffer.concat([PNG_SIGNATURE, ...chunks]);
}

/**
 * A zlib stream of `size` zero bytes, made in a millisecond whatever the size: one deflate
 * segment of 1 MiB of zeros, ended with a full flush (byte-aligned, no back-reference beyond
 * itself), repeated, then the remainder, an empty final stored block and the Adler-32 (RFC 1950,
 * 1951). The Adler-32 of n zeros is (n mod 65521) << 16 | 1.
 */
export function zlibZeros(size: number): Buffer {
  const MIB = 1024 * 1024;
  const segment = (n: number): Buffer =>
    deflateRawSync(Buffer.alloc(n), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const pieces: Buffer[] = [Buffer.from([0x78, 0xda])];
  const whole = size >= MIB ? segment(MIB) : Buffer.alloc(0);
  for (let left = size; left >= MIB; left -= MIB) pieces.push(whole);
  if (size % MIB > 0) pieces.push(segment(size % MIB));
  pieces.push(Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]));
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((size % 65521) << 16) | 1) >>> 0);
  pieces.push(adler);
  return Buffer.concat(pieces);
}

/**
 * A decompression bomb: a valid PNG of width x height black pixels whose image data compresses
 * about 1000:1 (10000 x 10000 greyscale: 100 MB of pixels in about 100 KB). `bytesPerPixel` 8
 * makes it 16-bit RGBA, the most a PNG decoder inflates per pixel.
 */
export function pngBomb(width: number, height: number, bytesPerPixel: 1 | 8 = 1): Buffer {
  return pngFrom(
    bytesPerPixel === 1 ? ihdr(width, height, 8, 0) : ihdr(width, height, 16, 6),
    pngChunk("IDAT", zlibZeros(height * (1 + width * bytesPerPixel))),
    pngChunk("IEND", Buffer.alloc(0)),
  );
}

/** An RGB PNG; `noise` fills it with random pixels so it does not compress (for size tests). */
export function png(width = 4, height = 3, noise = false): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  const row = width * 3 + 1;
  const raw = noise ? randomBytes(row * height) : Buffer.alloc(row * height, 0x7f);
  for (let y = 0; y < height; y++) raw[y * row] = 0; // filter type "none" on every row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(raw, { level: noise ? 0 : 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/**
 * A baseline grayscale JPEG of uniform mid-gray. Every 8x8 block then has only a zero DC
 * difference and an end-of-block, so one-symbol Huffman tables encode it: two 0 bits a block.
 */
export function jpeg(width = 8, height = 8): Buffer {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = "00".repeat(blocks);
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, "1");
  const scan: number[] = [];
  for (let i = 0; i < padded.length; i += 8) scan.push(parseInt(padded.slice(i, i + 8), 2));
  const oneSymbolTable = [1, ...new Array<number>(15).fill(0), 0];
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [...Buffer.from("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, ...oneSymbolTable]),
    ...segment(0xc4, [0x10, ...oneSymbolTable]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...scan,
    0xff,
    0xd9,
  ]);
}

/** The classic 1x1 transparent GIF. */
export function gif(): Buffer {
  return Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");
}

/** A 1x1 lossless WebP. */
export function webp(): Buffer {
  return Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64");
}

/** A JPEG with `bytes` of APP1 metadata (in 64 KiB segments) before its frame header. */
export function jpegWithMetadata(bytes: number, width = 8, height = 8): Buffer {
  const plain = jpeg(width, height);
  const segments: Buffer[] = [];
  for (let left = bytes; left > 0; left -= 65533) {
    const size = Math.min(65533, left);
    const head = Buffer.from([0xff, 0xe1, (size + 2) >> 8, (size + 2) & 0xff]);
    segments.push(head, Buffer.alloc(size, 0x20));
  }
  return Buffer.concat([plain.subarray(0, 2), ...segments, plain.subarray(2)]);
}

/** The same baseline JPEG cut into `scans` scans (each the whole image again): for scan limits. */
export function jpegWithScans(scans: number): Buffer {
  const plain = jpeg(8, 8);
  const sos = plain.indexOf(Buffer.from([0xff, 0xda]));
  const eoi = plain.length - 2;
  const scan = plain.subarray(sos, eoi);
  return Buffer.concat([
    plain.subarray(0, sos),
    ...new Array<Buffer>(scans).fill(scan),
    plain.subarray(eoi),
  ]);
}

/**
 * A GIF89a with `frames` frames of width x height. Each frame's LZW data is a clear code and an
 * end code (minimum code size 2: codes 4 and 5 in 3 bits, 0x2C), enough for the structure.
 */
export function gifFrames(frames: number, width = 1, height = 1, screen = [width, height]): Buffer {
  const head = Buffer.alloc(13);
  head.write("GIF89a", 0, "latin1");
  head.writeUInt16LE(screen[0], 6);
  head.writeUInt16LE(screen[1], 8);
  head[10] = 0x80; // global colour table of 2 entries
  const table = Buffer.from([0, 0, 0, 255, 255, 255]);
  const frame = Buffer.alloc(10);
  frame[0] = 0x2c;
  frame.writeUInt16LE(width, 5);
  frame.writeUInt16LE(height, 7);
  const data = Buffer.from([2, 1, 0x2c, 0]);
  const parts: Buffer[] = [head, table];
  for (let i = 0; i < frames; i++) parts.push(frame, data);
  parts.push(Buffer.from([0x3b]));
  return Buffer.concat(parts);
}

function riffChunk(fourcc: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, "latin1");
  head.writeUInt32LE(payload.length, 4);
  return Buffer.concat([head, payload, payload.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** A WebP container around the given chunks (RIFF size computed). */
export function webpFrom(...chunks: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from("WEBP"), ...chunks]);
  const head = Buffer.alloc(8);
  head.write("RIFF", 0, "latin1");
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

/** A VP8L chunk of width x height (header only: enough for the container's checks). */
export function vp8l(width: number, height: number): Buffer {
  const payload = Buffer.alloc(6);
  payload[0] = 0x2f;
  payload.writeUInt32LE(((width - 1) | ((height - 1) << 14)) >>> 0, 1);
  return riffChunk("VP8L", payload);
}

function uint24(value: number): Buffer {
  const out = Buffer.alloc(3);
  out.writeUIntLE(value, 0, 3);
  return out;
}

/** A VP8X chunk: features flags and canvas size. */
export function vp8x(width: number, height: number, animated = false): Buffer {
  return riffChunk(
    "VP8X",
    Buffer.concat([
      Buffer.from([animated ? 0x02 : 0, 0, 0, 0]),
      uint24(width - 1),
      uint24(height - 1),
    ]),
  );
}

/** An animated WebP: canvas width x height, `frames` frames of frameWidth x frameHeight. */
export function webpAnimation(
  frames: number,
  width: number,
  height: number,
  frameWidth = width,
  frameHeight = height,
): Buffer {
  const anmf = riffChunk(
    "ANMF",
    Buffer.concat([
      uint24(0),
      uint24(0),
      uint24(frameWidth - 1),
      uint24(frameHeight - 1),
      uint24(100),
      Buffer.from([0]),
      vp8l(frameWidth, frameHeight),
    ]),
  );
  const anim = riffChunk("ANIM", Buffer.alloc(6));
  return webpFrom(vp8x(width, height, true), anim, ...new Array<Buffer>(frames).fill(anmf));
}

export { riffChunk };
