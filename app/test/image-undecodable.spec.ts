// The image validator on its own: undecodable or incomplete images, whole and in small chunks,
// refused from the container's structure to the last byte. The accepted images and the budget:
// ./image.spec.ts.
import { expect } from "chai";
import {
  gif,
  ihdr,
  jpeg,
  png,
  pngChunk,
  pngFrom,
  vp8l,
  vp8x,
  webp,
  webpAnimation,
  webpFrom,
} from "./support/images";
import {
  apng,
  corruptCrc,
  idat,
  IEND,
  problemOf,
  rgbRows,
  withMarker,
  withoutSegment,
} from "./support/validation";

describe("image validation", () => {
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
