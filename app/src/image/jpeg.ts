// JPEG, checked marker by marker to the end-of-image marker (ITU-T T.81, Annex B): SOI, then
// marker segments (tables, metadata) with their lengths, one frame header (SOF0-SOF2: baseline,
// extended and progressive Huffman coding, what browsers decode), scans (SOS) each followed by
// entropy-coded data up to the next marker, and EOI. Bytes after EOI (a phone's embedded motion
// clip or preview) are not part of the image and are not stored.
//
// The entropy-coded data is not decoded (no decoder in this service); what it can cost a
// decoder is bounded instead: the frame's pixels are within the budget, the components and
// their sampling are what decoders support, every quantisation table a scan needs exists, and
// there are at most MAX_SCANS scans. Progressive JPEGs with very many scans make decoders spend
// minutes on a small file (libjpeg-turbo, "Two Issues with the JPEG Standard", LJT-01-003; its
// maintainers advise a scan limit); encoders write about ten.
import {
  ImageProblem,
  bytes,
  marker as nextMarker,
  scan,
  skip,
  type ParseContext,
  type Parser,
} from "./validator";

export const MAX_SCANS = 100;
/**
 * Marker segments: cameras write tens (Exif, ICC profile pieces, XMP, tables), never thousands.
 * Bounds the validator's own work on a file of millions of empty segments.
 */
export const MAX_SEGMENTS = 10_000;

const problem = (reason: string): ImageProblem => new ImageProblem(reason);
const hex = (code: number): string => `0x${code.toString(16).toUpperCase().padStart(2, "0")}`;

// Frame headers of coding processes other than SOF0-SOF2: lossless, hierarchical, arithmetic.
const UNSUPPORTED_FRAMES = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
// Segments with a length that may appear between the others: DHT, DAC, DQT, DRI, COM, APP0-15.
const TABLES_AND_MISC = new Set([0xc4, 0xcc, 0xdb, 0xdd, 0xfe]);

export function* parseJpeg(context: ParseContext): Parser {
  yield skip(2); // SOI, already recognised
  let frame: { components: Map<number, number> } | undefined;
  const quantTables = new Set<number>();
  let scans = 0;
  let segments = 0;
  let code: number | undefined;

  for (;;) {
    code ??= yield* nextMarker(); // 0xFF, any number of 0xFF fill bytes, the code (B.1.1.2)
    const marker = code;
    code = undefined;

    if (marker === 0xd9) {
      if (!frame || scans === 0) throw problem("the JPEG ends before any image data");
      return; // EOI
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x00)
      throw problem(`the JPEG has a misplaced marker ${hex(marker)}`);
    if (marker === 0x01) continue; // TEM: no length, no meaning here
    if (UNSUPPORTED_FRAMES.has(marker))
      throw problem(
        "the JPEG uses a coding (lossless, hierarchical or arithmetic) browsers do not decode",
      );
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const isFrame = marker >= 0xc0 && marker <= 0xc2;
    if (!isApp && !isFrame && marker !== 0xda && !TABLES_AND_MISC.has(marker))
      throw problem(`the JPEG has an unknown marker ${hex(marker)}`);

    segments += 1;
    if (segments > MAX_SEGMENTS) throw problem(`the JPEG has more than ${MAX_SEGMENTS} segments`);
    const length = (yield* bytes(2)).readUInt16BE(0);
    if (length < 2) throw problem(`the JPEG segment ${hex(marker)} has an invalid length`);
    const size = length - 2;

    if (isApp || marker === 0xfe || marker === 0xc4 || marker === 0xcc) {
      yield skip(size); // metadata, comments, Huffman and arithmetic tables
    } else if (marker === 0xdb) {
      // DQT: one or more tables, each Pq/Tq then 64 values of 8 or 16 bits (B.2.4.1).
      const data = yield* bytes(size);
      for (let at = 0; at < data.length;) {
        const precision = data[at] >> 4;
        const id = data[at] & 0x0f;
        if (precision > 1 || id > 3) throw problem("the JPEG has an invalid quantisation table");
        quantTables.add(id);
        at += 1 + 64 * (precision + 1);
        if (at > data.length) throw problem("the JPEG has a truncated quantisation table");
      }
    } else if (marker === 0xdd) {
      if (size !== 2) throw problem("the JPEG restart interval segment has the wrong length");
      yield skip(2);
    } else if (isFrame) {
      if (frame) throw problem("the JPEG has two frame headers");
      const data = yield* bytes(size);
      if (data.length < 6) throw problem("the JPEG frame header is truncated");
      const precision = data[0];
      const height = data.readUInt16BE(1);
      const width = data.readUInt16BE(3);
      const count = data[5];
      if (precision !== 8 && !(precision === 12 && marker !== 0xc0))
        throw problem(`the JPEG sample precision ${precision} is not allowed`);
      if (height === 0)
        throw problem("the JPEG declares its height later (DNL), which decoders refuse");
      if (count < 1 || count > 4) throw problem(`the JPEG has ${count} colour components`);
      if (data.length !== 6 + 3 * count)
        throw problem("the JPEG frame header has the wrong length");
      const components = new Map<number, number>();
      for (let i = 0; i < count; i++) {
        const at = 6 + 3 * i;
        const h = data[at + 1] >> 4;
        const v = data[at + 1] & 0x0f;
        const table = data[at + 2];
        if (h < 1 || h > 4 || v < 1 || v > 4 || table > 3)
          throw problem("the JPEG frame header has invalid component parameters");
        components.set(data[at], table);
      }
      context.header(width, height);
      context.frame(width, height);
      frame = { components };
    } else {
      // SOS (B.2.3): components of this scan, then the entropy-coded data.
      if (!frame) throw problem("the JPEG has image data before its frame header");
      scans += 1;
      if (scans > MAX_SCANS) throw problem(`the JPEG has more than ${MAX_SCANS} scans`);
      const data = yield* bytes(size);
      const count = data[0];
      if (count < 1 || count > 4 || data.length !== 4 + 2 * count)
        throw problem("the JPEG scan header is malformed");
      for (let i = 0; i < count; i++) {
        const table = frame.components.get(data[1 + 2 * i]);
        if (table === undefined) throw problem("a JPEG scan names a component the frame lacks");
        if (!quantTables.has(table))
          throw problem("the JPEG lacks a quantisation table its image data needs");
      }
      code = yield* scan();
    }
  }
}
