// PNG, checked chunk by chunk to IEND (PNG Specification, Third Edition, W3C 2025; the chunk
// layout and ordering of section 5, IHDR of 11.2.1): the signature, then chunks of length,
// type, data and a CRC-32 over type and data; IHDR first, PLTE before the image data, the IDAT
// chunks in one run, IEND last and empty, nothing after it. Unknown critical chunks (type
// starting with an upper-case letter) are refused, as decoders must refuse them.
//
// The image data is decompressed on the way (inflate.ts) and must come to exactly the size the
// header implies, with a valid filter type at the start of every row: then any decoder can
// decode it. APNG frames (acTL, fcTL, fdAT; APNG specification, now part of PNG Third Edition)
// are checked the same way, each against its own size, and count against the frame budget.
// The ICC profile (iCCP) is decompressed too, at most 8 MB (libpng's default limit for a
// decompressed chunk, PNG_USER_CHUNK_MALLOC_MAX).
import { crc32 } from "node:zlib";
import { CheckedInflate, type RowRun } from "./inflate";
import { ImageProblem, bytes, skip, wait, type ParseContext, type Parser } from "./validator";

/** Samples per pixel and the bit depths allowed, by colour type (PNG spec, table 11.1). */
const COLOUR_TYPES: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] }, // greyscale
  2: { channels: 3, depths: [8, 16] }, // truecolour
  3: { channels: 1, depths: [1, 2, 4, 8] }, // indexed
  4: { channels: 2, depths: [8, 16] }, // greyscale with alpha
  6: { channels: 4, depths: [8, 16] }, // truecolour with alpha
};

const ICC_PROFILE_MAX = 8_000_000;
/**
 * Chunks: encoders write a few, plus the image data in pieces of 8 KiB or more (a 10 MiB file:
 * about 1300). Bounds the validator's own work (about a microsecond a chunk) on a file of
 * empty chunks.
 */
export const MAX_CHUNKS = 100_000;

interface Header {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colourType: number;
  readonly interlaced: boolean;
}

const problem = (reason: string): ImageProblem => new ImageProblem(reason);

/** The rows of an image of this size: one run, or seven Adam7 passes (PNG spec, 8.2). */
export function pngRows(header: Header, width: number, height: number): RowRun[] {
  const bitsPerPixel = COLOUR_TYPES[header.colourType].channels * header.bitDepth;
  const rowLength = (w: number): number => (w === 0 ? 0 : 1 + Math.ceil((w * bitsPerPixel) / 8));
  if (!header.interlaced) return [{ count: height, length: rowLength(width) }];
  // Adam7: [x start, x step, y start, y step] of each pass.
  const passes = [
    [0, 8, 0, 8],
    [4, 8, 0, 8],
    [0, 4, 4, 8],
    [2, 4, 0, 4],
    [0, 2, 2, 4],
    [1, 2, 0, 2],
    [0, 1, 1, 2],
  ];
  return passes.map(([x0, dx, y0, dy]) => {
    const w = width > x0 ? Math.ceil((width - x0) / dx) : 0;
    const h = height > y0 ? Math.ceil((height - y0) / dy) : 0;
    return { count: w === 0 ? 0 : h, length: rowLength(w) };
  });
}

const totalBytes = (rows: readonly RowRun[]): number =>
  rows.reduce((sum, run) => sum + run.count * run.length, 0);

function parseHeader(data: Buffer): Header {
  const header: Header = {
    width: data.readUInt32BE(0),
    height: data.readUInt32BE(4),
    bitDepth: data[8],
    colourType: data[9],
    interlaced: data[12] === 1,
  };
  const type = COLOUR_TYPES[header.colourType];
  if (!type) throw problem(`the PNG colour type ${header.colourType} does not exist`);
  if (!type.depths.includes(header.bitDepth))
    throw problem(`the PNG bit depth ${header.bitDepth} is not allowed for its colour type`);
  if (data[10] !== 0 || data[11] !== 0 || data[12] > 1)
    throw problem("the PNG header names an unknown compression, filter or interlace method");
  return header;
}

export function* parsePng(context: ParseContext): Parser {
  const inflaters: CheckedInflate[] = [];
  const inflater = (what: string, rows: RowRun[]): CheckedInflate => {
    const created = new CheckedInflate({ what, exact: totalBytes(rows), rows });
    inflaters.push(created);
    return created;
  };
  try {
    yield skip(8); // the signature, already recognised
    let header: Header | undefined;
    let palette = false;
    let imageData: "before" | "in" | "after" = "before";
    let image: CheckedInflate | undefined;
    // APNG: the animation control, frames declared so far, the frame whose fdAT data comes.
    let animation: { frames: number } | undefined;
    let frameControls = 0;
    let defaultImageIsFrame = false;
    let frame: { width: number; height: number; data?: CheckedInflate } | undefined;

    for (let chunks = 1; ; chunks++) {
      if (chunks > MAX_CHUNKS) throw problem(`the PNG has more than ${MAX_CHUNKS} chunks`);
      const chunkHeader = yield* bytes(8);
      const length = chunkHeader.readUInt32BE(0);
      const type = chunkHeader.toString("latin1", 4, 8);
      if (!/^[A-Za-z]{4}$/.test(type)) throw problem("a PNG chunk has an invalid type");
      if (length > 0x7fffffff) throw problem(`the PNG ${type} chunk is too long`);
      if (!header && type !== "IHDR") throw problem("the PNG does not start with an IHDR chunk");
      if (imageData === "in" && type !== "IDAT") {
        imageData = "after";
        yield wait(image!.finish());
      }
      let crc = crc32(chunkHeader.subarray(4, 8));
      const take = (data: Buffer): void => {
        crc = crc32(data, crc);
      };
      const read = function* (n: number) {
        const data = yield* bytes(n);
        take(data);
        return data;
      };

      switch (type) {
        case "IHDR": {
          if (header) throw problem("the PNG has two IHDR chunks");
          if (length !== 13) throw problem("the PNG IHDR chunk has the wrong length");
          header = parseHeader(yield* read(13));
          context.header(header.width, header.height);
          break;
        }
        case "PLTE": {
          const h = header!;
          if (palette) throw problem("the PNG has two PLTE chunks");
          if (imageData !== "before") throw problem("the PNG palette comes after the image data");
          if (h.colourType === 0 || h.colourType === 4)
            throw problem("a greyscale PNG must not have a palette");
          const entries = length / 3;
          const most = h.colourType === 3 ? Math.min(256, 2 ** h.bitDepth) : 256;
          if (!Number.isInteger(entries) || entries < 1 || entries > most)
            throw problem("the PNG palette has an invalid length");
          yield skip(length, take);
          palette = true;
          break;
        }
        case "IDAT": {
          const h = header!;
          if (imageData === "after") throw problem("the PNG image data is not in one run");
          if (imageData === "before") {
            if (h.colourType === 3 && !palette) throw problem("the indexed PNG has no palette");
            if (!defaultImageIsFrame) context.frame(h.width, h.height);
            image = inflater("the PNG image data", pngRows(h, h.width, h.height));
            imageData = "in";
          }
          const target = image!;
          yield skip(length, (data) => {
            take(data);
            return target.write(data);
          });
          break;
        }
        case "acTL": {
          if (animation || imageData !== "before" || length !== 8)
            throw problem("the APNG animation control chunk is misplaced or malformed");
          const frames = (yield* read(8)).readUInt32BE(0);
          if (frames === 0) throw problem("the APNG declares no frames");
          animation = { frames };
          break;
        }
        case "fcTL": {
          if (!animation) {
            yield skip(length, take); // without acTL this is not an APNG: decoders ignore it
            break;
          }
          if (length !== 26) throw problem("an APNG frame control chunk has the wrong length");
          const data = yield* read(26);
          const [width, height, x, y] = [4, 8, 12, 16].map((at) => data.readUInt32BE(at));
          const h = header!;
          if (width < 1 || height < 1 || x + width > h.width || y + height > h.height)
            throw problem("an APNG frame lies outside the image");
          if (data[24] > 2 || data[25] > 1)
            throw problem("an APNG frame has an unknown dispose or blend operation");
          if (frame) {
            if (!frame.data) throw problem("an APNG frame has no data");
            yield wait(frame.data.finish());
          }
          frameControls += 1;
          if (frameControls > animation.frames)
            throw problem("the APNG has more frames than it declares");
          context.frame(width, height);
          if (imageData === "before") {
            // The default image is the first frame: it must cover the whole image.
            if (width !== h.width || height !== h.height || x !== 0 || y !== 0)
              throw problem("the first APNG frame must cover the whole image");
            defaultImageIsFrame = true;
            frame = undefined;
          } else {
            frame = { width, height };
          }
          break;
        }
        case "fdAT": {
          if (!animation) {
            yield skip(length, take);
            break;
          }
          if (!frame || length < 4) throw problem("APNG frame data without its frame control");
          yield* read(4); // sequence number
          const current = frame;
          current.data ??= inflater(
            "an APNG frame's data",
            pngRows(header!, current.width, current.height),
          );
          const target = current.data;
          yield skip(length - 4, (data) => {
            take(data);
            return target.write(data);
          });
          break;
        }
        case "iCCP": {
          // A profile name of 1-79 bytes, a NUL, the compression method (0), the profile.
          const prefix = yield* read(Math.min(length, 81));
          const nul = prefix.indexOf(0);
          if (nul < 1 || nul + 1 >= prefix.length || prefix[nul + 1] !== 0)
            throw problem("the PNG colour profile chunk is malformed");
          const profile = new CheckedInflate({
            what: "the PNG colour profile",
            max: ICC_PROFILE_MAX,
          });
          inflaters.push(profile);
          yield wait(profile.write(prefix.subarray(nul + 2)));
          yield skip(length - prefix.length, (data) => {
            take(data);
            return profile.write(data);
          });
          yield wait(profile.finish());
          break;
        }
        case "IEND": {
          if (length !== 0) throw problem("the PNG IEND chunk is not empty");
          if (imageData === "before") throw problem("the PNG has no image data");
          if (frame?.data) yield wait(frame.data.finish());
          else if (frame) throw problem("an APNG frame has no data");
          if (animation && frameControls !== animation.frames)
            throw problem("the APNG has fewer frames than it declares");
          break;
        }
        default: {
          // Bit 5 of the first byte: lower case means ancillary, safe to ignore.
          if (type.charCodeAt(0) & 0x20) yield skip(length, take);
          else throw problem(`the PNG has an unknown critical chunk ${type}`);
        }
      }

      const stored = (yield* bytes(4)).readUInt32BE(0);
      if (stored !== crc >>> 0) throw problem(`the PNG ${type} chunk's checksum is wrong`);
      if (type === "IEND") return;
    }
  } finally {
    for (const each of inflaters) each.destroy();
  }
}
