// The image validator driven as an upload drives it (chunk by chunk, within a pixel budget), and
// the PNG and JPEG surgery the image specs use to build broken files from good ones.
import { deflateSync } from "node:zlib";
import { ImageProblem, createValidator, type ImageInfo } from "../../src/image";
import { ihdr, pngChunk, pngFrom } from "./images";

export const BUDGET = { maxPixels: 40_000_000 };

export interface Outcome {
  readonly info?: ImageInfo;
  /** Bytes the validator kept (a JPEG's trailing data is dropped). */
  readonly kept: number;
  readonly problem?: string;
}

/** Runs a file through the validator in chunks of `chunk` bytes, as an upload would. */
export async function validate(
  data: Buffer,
  chunk = data.length,
  limits = BUDGET,
): Promise<Outcome> {
  const validator = createValidator(limits);
  let kept = 0;
  try {
    for (let at = 0; at < data.length; at += chunk)
      kept += await validator.write(data.subarray(at, at + chunk));
    await validator.end();
    return { info: validator.info, kept };
  } catch (err) {
    if (!(err instanceof ImageProblem)) throw err;
    return { info: validator.info, kept, problem: err.message };
  } finally {
    validator.destroy();
  }
}

export async function problemOf(data: Buffer, chunk?: number, limits?: { maxPixels: number }) {
  return (await validate(data, chunk, limits)).problem;
}

export const IEND = pngChunk("IEND", Buffer.alloc(0));
export const rgbRows = (width: number, height: number, filter = 0): Buffer => {
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height, 0x40);
  for (let y = 0; y < height; y++) raw[y * row] = filter;
  return raw;
};
export const idat = (raw: Buffer): Buffer => pngChunk("IDAT", deflateSync(raw));

/** An APNG: `frames` frames (declared: `declared`) of size x size, the first the default image. */
export function apng(
  frames: number,
  width: number,
  height: number,
  declared = frames,
  lastWidth = width,
) {
  const control = (sequence: number, w: number): Buffer => {
    const data = Buffer.alloc(26);
    data.writeUInt32BE(sequence, 0);
    data.writeUInt32BE(w, 4);
    data.writeUInt32BE(height, 8);
    data.writeUInt16BE(1, 20);
    data.writeUInt16BE(10, 22);
    return pngChunk("fcTL", data);
  };
  const actl = Buffer.alloc(8);
  actl.writeUInt32BE(declared, 0);
  const chunks = [
    ihdr(width, height),
    pngChunk("acTL", actl),
    control(0, width),
    idat(rgbRows(width, height)),
  ];
  let sequence = 1;
  for (let i = 1; i < frames; i++) {
    const w = i === frames - 1 ? lastWidth : width;
    chunks.push(control(sequence++, w));
    const seq = Buffer.alloc(4);
    seq.writeUInt32BE(sequence++);
    chunks.push(pngChunk("fdAT", Buffer.concat([seq, deflateSync(rgbRows(w, height))])));
  }
  return pngFrom(...chunks, IEND);
}

/** Flips a bit in the CRC of the n-th chunk. */
export function corruptCrc(data: Buffer, n: number): Buffer {
  const copy = Buffer.from(data);
  let at = 8;
  for (let i = 0; i < n; i++) at += 12 + copy.readUInt32BE(at);
  copy[at + 8 + copy.readUInt32BE(at)] ^= 0x01;
  return copy;
}

export function withoutSegment(data: Buffer, marker: number): Buffer {
  const at = data.indexOf(Buffer.from([0xff, marker]));
  return Buffer.concat([data.subarray(0, at), data.subarray(at + 2 + data.readUInt16BE(at + 2))]);
}

export function withMarker(data: Buffer, from: number, to: number): Buffer {
  const copy = Buffer.from(data);
  copy[copy.indexOf(Buffer.from([0xff, from])) + 1] = to;
  return copy;
}
