// The image validator on its own: every format whole and in small chunks, and what it refuses,
// from the container's structure to the last byte to the pixel budget.
import { expect } from "chai";
import { deflateSync } from "node:zlib";
import { ImageProblem, createValidator, type ImageInfo } from "../src/image";
import { MAX_SCANS, MAX_SEGMENTS } from "../src/image/jpeg";
import { MAX_BLOCKS, MAX_FRAMES } from "../src/image/gif";
import { MAX_CHUNKS as PNG_MAX_CHUNKS } from "../src/image/png";
import { MAX_CHUNKS as WEBP_MAX_CHUNKS } from "../src/image/webp";
import {
  gif,
  gifFrames,
  ihdr,
  jpeg,
  jpegWithMetadata,
  jpegWithScans,
  png,
  pngBomb,
  pngChunk,
  pngFrom,
  vp8l,
  vp8x,
  webp,
  webpAnimation,
  webpFrom,
  zlibZeros,
} from "./support/images";

const BUDGET = { maxPixels: 40_000_000 };

interface Outcome {
  readonly info?: ImageInfo;
  /** Bytes the validator kept (a JPEG's trailing data is dropped). */
  readonly kept: number;
  readonly problem?: string;
}

/** Runs a file through the validator in chunks of `chunk` bytes, as an upload would. */
async function validate(data: Buffer, chunk = data.length, limits = BUDGET): Promise<Outcome> {
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

async function problemOf(data: Buffer, chunk?: number, limits?: { maxPixels: number }) {
  return (await validate(data, chunk, limits)).problem;
}

const IEND = pngChunk("IEND", Buffer.alloc(0));
const rgbRows = (width: number, height: number, filter = 0): Buffer => {
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height, 0x40);
  for (let y = 0; y < height; y++) raw[y * row] = filter;
  return raw;
};
const idat = (raw: Buffer): Buffer => pngChunk("IDAT", deflateSync(raw));

describe("image validation", () => {
  describe("accepted images", () => {
    for (const [kind, data, width, height] of [
      ["png", png(5, 4), 5, 4],
      ["jpeg", jpeg(24, 16), 24, 16],
      ["gif", gif(), 1, 1],
      ["webp", webp(), 1, 1],
    ] as const) {
      it(`checks a ${kind} to its end, whole and in 7-byte chunks`, async () => {
        for (const chunk of [data.length, 7, 1]) {
          const outcome = await validate(data, chunk);
          expect(outcome.problem, `chunks of ${chunk}`).to.equal(undefined);
          expect(outcome.info).to.deep.equal({ kind, width, height });
          expect(outcome.kept).to.equal(data.length);
        }
      });
    }

    it("checks an interlaced PNG (Adam7 passes) and a PNG split over many IDAT chunks", async () => {
      // 10x3, 8-bit grey, Adam7 (PNG spec, 8.2): the passes are 2x1, 1x1, 3x0 (empty: no
      // rows at all), 2x1, 5x1, 5x2 and 10x1 pixels; every row starts with filter type 0.
      const passes = [
        [2, 1],
        [1, 1],
        [3, 0],
        [2, 1],
        [5, 1],
        [5, 2],
        [10, 1],
      ];
      const raw = Buffer.concat(passes.map(([w, h]) => Buffer.alloc((1 + w) * h, 0)));
      const interlaced = pngFrom(ihdr(10, 3, 8, 0, 1), idat(raw), IEND);
      expect(await problemOf(interlaced, 3)).to.equal(undefined);
      const data = deflateSync(rgbRows(20, 20));
      const split = [0, 100, 200, 300].map((at) => pngChunk("IDAT", data.subarray(at, at + 100)));
      const many = pngFrom(ihdr(20, 20), ...split, pngChunk("IDAT", data.subarray(400)), IEND);
      expect(await problemOf(many, 11)).to.equal(undefined);
    });

    it("keeps a JPEG up to its end-of-image marker and drops what follows", async () => {
      const image = jpeg(16, 8);
      const outcome = await validate(Buffer.concat([image, Buffer.from("ftypmp42 clip")]), 5);
      expect(outcome.problem).to.equal(undefined);
      expect(outcome.kept).to.equal(image.length);
    });

    it("reads past 1 MiB of JPEG metadata to the frame header", async () => {
      const outcome = await validate(jpegWithMetadata(1024 * 1024, 40, 30), 64 * 1024);
      expect(outcome.problem).to.equal(undefined);
      expect(outcome.info).to.deep.include({ width: 40, height: 30 });
    });

    it("accepts APNG and animated GIF and WebP within the frame budget", async () => {
      expect(await problemOf(apng(3, 20, 20))).to.equal(undefined);
      expect(await problemOf(gifFrames(50, 100, 100))).to.equal(undefined);
      expect(await problemOf(webpAnimation(10, 64, 48))).to.equal(undefined);
      expect(await problemOf(webpFrom(vp8x(30, 20), vp8l(30, 20)))).to.equal(undefined);
    });
  });

  describe("bombs: refused by the budget, before any pixel data is inflated", () => {
    it("refuses the 10000 x 10000 PNG of 100 KB at its header", async () => {
      const bomb = pngBomb(10000, 10000);
      expect(bomb.length).to.be.below(120_000);
      const validator = createValidator(BUDGET);
      // The header alone (signature and IHDR) is enough.
      const problem = await validator.write(bomb.subarray(0, 33)).then(
        () => undefined,
        (err: Error) => err.message,
      );
      validator.destroy();
      expect(problem).to.match(
        /too large \(10000x10000 pixels; at most 32767 a side and 40 million/,
      );
    });

    it("checks a large but allowed PNG by inflating it, without holding its pixels", async () => {
      expect(await problemOf(pngBomb(4000, 3000), 64 * 1024)).to.equal(undefined);
    });

    it("refuses PNG data that inflates beyond what the header declares", async () => {
      const liar = pngFrom(ihdr(100, 100, 8, 0), pngChunk("IDAT", zlibZeros(50_000_000)), IEND);
      expect(await problemOf(liar, 64 * 1024)).to.match(
        /decompresses to more than the image's dimensions need/,
      );
    });

    it("refuses sides over 32767 and pixels over the budget", async () => {
      expect(await problemOf(png(40000, 1))).to.match(/too large \(40000x1/);
      expect(await problemOf(png(10, 10), undefined, { maxPixels: 99 })).to.match(/too large/);
      expect(await problemOf(jpeg(16, 16), undefined, { maxPixels: 255 })).to.match(/too large/);
      expect(await problemOf(gifFrames(1, 20, 20), undefined, { maxPixels: 399 })).to.match(
        /too large/,
      );
      expect(await problemOf(webpFrom(vp8l(20, 20)), undefined, { maxPixels: 399 })).to.match(
        /too large/,
      );
    });

    it("refuses animations whose frames together exceed four times the budget", async () => {
      const limits = { maxPixels: 10_000 };
      expect(await problemOf(gifFrames(4, 100, 100), undefined, limits)).to.equal(undefined);
      expect(await problemOf(gifFrames(5, 100, 100), undefined, limits)).to.match(
        /animation is too large/,
      );
      expect(await problemOf(webpAnimation(5, 100, 100), undefined, limits)).to.match(
        /animation is too large/,
      );
      expect(await problemOf(apng(5, 100, 100), undefined, limits)).to.match(
        /animation is too large/,
      );
      // A frame far larger than its canvas is what a GIF decoder would decode.
      expect(await problemOf(gifFrames(1, 60000, 60000, [1, 1]))).to.match(
        /animation is too large/,
      );
      expect(await problemOf(gifFrames(MAX_FRAMES + 1))).to.match(/more than 10000 frames/);
    });

    it("refuses a PNG colour profile that inflates beyond 8 MB", async () => {
      const profile = Buffer.concat([Buffer.from("icc\0\0", "latin1"), zlibZeros(9_000_000)]);
      const image = png(2, 2);
      const withProfile = Buffer.concat([
        image.subarray(0, 33),
        pngChunk("iCCP", profile),
        image.subarray(33),
      ]);
      expect(await problemOf(withProfile)).to.match(
        /colour profile decompresses to more than 8000000 bytes/,
      );
    });

    it(`refuses a JPEG with more than ${MAX_SCANS} scans (progressive decoding cost)`, async () => {
      expect(await problemOf(jpegWithScans(MAX_SCANS))).to.equal(undefined);
      expect(await problemOf(jpegWithScans(MAX_SCANS + 1))).to.match(/more than 100 scans/);
    });
  });

  describe("files of countless tiny structures: refused after a bounded walk", () => {
    const repeat = (piece: Buffer, times: number): Buffer =>
      Buffer.concat(new Array<Buffer>(times).fill(piece));

    it(`refuses a JPEG of more than ${MAX_SEGMENTS} marker segments`, async () => {
      const plain = jpeg(8, 8);
      const comments = repeat(Buffer.from([0xff, 0xfe, 0x00, 0x02]), MAX_SEGMENTS);
      const data = Buffer.concat([plain.subarray(0, 2), comments, plain.subarray(2)]);
      expect(await problemOf(data, 64 * 1024)).to.match(/more than 10000 segments/);
    });

    it(`refuses a PNG of more than ${PNG_MAX_CHUNKS} chunks`, async () => {
      const plain = png(4, 4);
      const empty = repeat(pngChunk("tEXt", Buffer.alloc(0)), PNG_MAX_CHUNKS);
      const data = Buffer.concat([plain.subarray(0, 33), empty, plain.subarray(33)]);
      expect(await problemOf(data, 64 * 1024)).to.match(/more than 100000 chunks/);
    });

    it(`refuses a GIF of more than ${MAX_BLOCKS} blocks`, async () => {
      const plain = gif();
      const extensions = repeat(Buffer.from([0x21, 0xfe, 0x00]), MAX_BLOCKS);
      const data = Buffer.concat([plain.subarray(0, 19), extensions, plain.subarray(19)]);
      expect(await problemOf(data, 64 * 1024)).to.match(/more than 50000 blocks/);
    });

    it(`refuses a WebP of more than ${WEBP_MAX_CHUNKS} chunks`, async () => {
      const unknown = repeat(Buffer.from("JUNK\0\0\0\0", "latin1"), WEBP_MAX_CHUNKS);
      expect(await problemOf(webpFrom(vp8l(2, 2), unknown), 64 * 1024)).to.match(
        /more than 100000 chunks/,
      );
    });

    it("walks megabytes of JPEG fill bytes, stuffed bytes and restart markers", async () => {
      const plain = jpeg(8, 8);
      const sos = plain.indexOf(Buffer.from([0xff, 0xda]));
      const header = plain.subarray(0, sos + 2 + plain.readUInt16BE(sos + 2));
      const data = Buffer.concat([
        header,
        repeat(Buffer.from([0xff, 0x00, 0xff, 0xd3, 0x12]), 400_000),
        Buffer.alloc(1_000_000, 0xff),
        Buffer.from([0xd9]),
      ]);
      expect(await problemOf(data, 64 * 1024)).to.equal(undefined);
    });
  });

  describe("undecodable or incomplete images", () => {
    const good = rgbRows(8, 8);
    for (const [what, data, reason] of [
      [
        "PNG image data that is not zlib",
        pngFrom(ihdr(8, 8), pngChunk("IDAT", Buffer.from("not zlib at all")), IEND),
        /cannot be decompressed/,
      ],
      [
        "PNG image data shorter than its rows",
        pngFrom(ihdr(8, 8), idat(good.subarray(0, 100)), IEND),
        /shorter than the image's dimensions need/,
      ],
      [
        "a PNG row with filter type 7",
        pngFrom(ihdr(8, 8), idat(rgbRows(8, 8, 7)), IEND),
        /invalid row filter type/,
      ],
      [
        "a PNG whose IDAT checksum is wrong",
        corruptCrc(pngFrom(ihdr(8, 8), idat(good), IEND), 1),
        /IDAT chunk's checksum is wrong/,
      ],
      [
        "a PNG with data after IEND",
        Buffer.concat([png(), Buffer.from("<html>")]),
        /data after the end of the PNG/,
      ],
      ["a PNG without IEND", png().subarray(0, -12), /ends before its IEND/],
      [
        "a PNG with two IDAT runs",
        pngFrom(
          ihdr(8, 8),
          idat(good),
          pngChunk("tEXt", Buffer.from("a\0b", "latin1")),
          idat(good),
          IEND,
        ),
        /not in one run/,
      ],
      [
        "a PNG with an unknown critical chunk",
        pngFrom(ihdr(8, 8), pngChunk("CgBI", Buffer.alloc(4)), idat(good), IEND),
        /unknown critical chunk CgBI/,
      ],
      ["an indexed PNG without palette", pngFrom(ihdr(8, 8, 8, 3), idat(good), IEND), /no palette/],
      [
        "a PNG with an impossible bit depth",
        pngFrom(ihdr(8, 8, 4, 2), idat(good), IEND),
        /bit depth 4 is not allowed/,
      ],
      [
        "a PNG without IHDR first",
        pngFrom(idat(good), ihdr(8, 8), IEND),
        /does not start with an IHDR/,
      ],
      [
        "a PNG header with a wrong checksum",
        corruptCrc(png(), 0),
        /IHDR chunk's checksum is wrong/,
      ],
      [
        "an APNG declaring more frames than it has",
        apng(3, 10, 10, 4),
        /fewer frames than it declares/,
      ],
      ["an APNG frame outside the image", apng(2, 10, 10, 2, 20), /outside the image/],
      [
        "a JPEG without a frame header",
        Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
        /before any image data/,
      ],
      [
        "a JPEG cut before its end marker",
        jpeg(64, 64).subarray(0, -2),
        /ends before its end-of-image/,
      ],
      [
        "a JPEG with broken markers",
        Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x00, 0x01, 0x02]),
        /ends before/,
      ],
      [
        "a JPEG without its quantisation table",
        withoutSegment(jpeg(8, 8), 0xdb),
        /lacks a quantisation table/,
      ],
      [
        "a lossless JPEG",
        withMarker(jpeg(8, 8), 0xc0, 0xc3),
        /coding \(lossless, hierarchical or arithmetic\)/,
      ],
      [
        "a GIF with HTML after its trailer",
        Buffer.concat([gif(), Buffer.from("<html><script>alert(1)</script></html>")]),
        /data after the end of the GIF/,
      ],
      ["a GIF cut before its trailer", gif().subarray(0, -1), /ends before its trailer/],
      [
        "a GIF without any image",
        Buffer.concat([gif().subarray(0, 19), Buffer.from([0x3b])]),
        /contains no image/,
      ],
      [
        "a GIF with an unknown block",
        Buffer.concat([gif().subarray(0, 19), Buffer.from([0x99, 0x3b])]),
        /unknown block/,
      ],
      [
        "a WebP shorter than its RIFF size",
        webp().subarray(0, -2),
        /runs past the end|shorter than its RIFF/,
      ],
      [
        "a WebP with data after its RIFF container",
        Buffer.concat([webp(), Buffer.from("<html>")]),
        /data after the end of the WebP/,
      ],
      [
        "a WebP whose image does not match its canvas",
        webpFrom(vp8x(30, 20), vp8l(31, 20)),
        /does not match its canvas/,
      ],
      [
        "a WebP animation frame outside the canvas",
        webpAnimation(1, 10, 10, 20, 10),
        /outside the canvas/,
      ],
      ["a WebP with two images", webpFrom(vp8l(2, 2), vp8l(2, 2)), /more than one image/],
      [
        "a RIFF file that is not WebP",
        Buffer.from("RIFF\x10\x00\x00\x00WAVEfmt "),
        /not a JPEG, PNG, GIF or WebP/,
      ],
      [
        "SVG (scriptable, never accepted)",
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        /not a JPEG, PNG, GIF or WebP/,
      ],
      ["text", Buffer.from("hello world, definitely not an image"), /not a JPEG, PNG, GIF or WebP/],
      ["two bytes of a PNG signature", Buffer.from([0x89, 0x50]), /too short to be an image/],
    ] as const) {
      it(`refuses ${what}`, async () => {
        expect(await problemOf(data)).to.match(reason);
        expect(await problemOf(data, 3), "in chunks of 3 bytes").to.match(reason);
      });
    }
  });
});

/** An APNG: `frames` frames (declared: `declared`) of size x size, the first the default image. */
function apng(frames: number, width: number, height: number, declared = frames, lastWidth = width) {
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
function corruptCrc(data: Buffer, n: number): Buffer {
  const copy = Buffer.from(data);
  let at = 8;
  for (let i = 0; i < n; i++) at += 12 + copy.readUInt32BE(at);
  copy[at + 8 + copy.readUInt32BE(at)] ^= 0x01;
  return copy;
}

function withoutSegment(data: Buffer, marker: number): Buffer {
  const at = data.indexOf(Buffer.from([0xff, marker]));
  return Buffer.concat([data.subarray(0, at), data.subarray(at + 2 + data.readUInt16BE(at + 2))]);
}

function withMarker(data: Buffer, from: number, to: number): Buffer {
  const copy = Buffer.from(data);
  copy[copy.indexOf(Buffer.from([0xff, from])) + 1] = to;
  return copy;
}
