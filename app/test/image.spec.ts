// The image validator on its own: every format whole and in small chunks, and what it refuses by
// the pixel budget or after a bounded walk of countless tiny structures. Undecodable and
// incomplete images: ./image-undecodable.spec.ts.
import { expect } from "chai";
import { deflateSync } from "node:zlib";
import { createValidator } from "../src/image";
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
import { apng, BUDGET, idat, IEND, problemOf, rgbRows, validate } from "./support/validation";

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
});
