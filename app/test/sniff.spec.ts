import { expect } from "chai";
import { MAX_HEADER_BYTES, TrailerCheck, sniffHeader, type HeaderVerdict } from "../src/sniff";
import { idFromKey, keyFromId, newObjectKey, sanitizeFileName } from "../src/keys";
import { gif, jpeg, png, webp } from "./support/images";

function complete(data: Buffer): string | undefined {
  const verdict = sniffHeader(data, true);
  if (verdict.state !== "image") return `header: ${JSON.stringify(verdict)}`;
  const trailer = new TrailerCheck(verdict.info, data);
  return trailer.finish(data.length);
}

/** Feeds a file in small chunks as a stream would, like the upload path does. */
function streamed(data: Buffer, chunk = 7): { verdict: HeaderVerdict; problem?: string } {
  let head = Buffer.alloc(0);
  let offset = 0;
  let verdict: HeaderVerdict = { state: "need-more" };
  while (verdict.state === "need-more") {
    head = Buffer.concat([head, data.subarray(offset, offset + chunk)]);
    offset += chunk;
    verdict = sniffHeader(head, offset >= data.length);
  }
  if (verdict.state !== "image") return { verdict };
  const trailer = new TrailerCheck(verdict.info, head);
  for (; offset < data.length; offset += chunk)
    trailer.update(data.subarray(offset, offset + chunk));
  return { verdict, problem: trailer.finish(data.length) };
}

describe("sniffHeader and TrailerCheck", () => {
  for (const [kind, data, width, height] of [
    ["png", png(5, 4), 5, 4],
    ["jpeg", jpeg(24, 16), 24, 16],
    ["gif", gif(), 1, 1],
    ["webp", webp(), 1, 1],
  ] as const) {
    it(`recognises a ${kind}, whole or in 7-byte chunks`, () => {
      expect(sniffHeader(data, true)).to.deep.include({ state: "image" });
      expect(complete(data)).to.equal(undefined);
      const { verdict, problem } = streamed(data);
      expect(verdict).to.deep.include({ state: "image" });
      if (verdict.state === "image") expect(verdict.info).to.include({ kind, width, height });
      expect(problem).to.equal(undefined);
    });
  }

  it("asks for more bytes while a signature could still match", () => {
    expect(sniffHeader(Buffer.from([0x89, 0x50]), false)).to.deep.equal({ state: "need-more" });
    expect(sniffHeader(Buffer.from("RIFF"), false)).to.deep.equal({ state: "need-more" });
    expect(sniffHeader(Buffer.from([0x89, 0x50]), true)).to.include({ state: "reject" });
  });

  for (const [what, data] of [
    ["text", Buffer.from("hello world, definitely not an image")],
    ["SVG (scriptable, not accepted)", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ["a RIFF file that is not WebP", Buffer.from("RIFF\x10\x00\x00\x00WAVEfmt ")],
    [
      "a PNG with a bad IHDR checksum",
      Buffer.concat([png().subarray(0, 29), Buffer.alloc(4), png().subarray(33)]),
    ],
    [
      "a JPEG with broken markers",
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x00, 0x01, 0x02]),
    ],
  ] as const) {
    it(`rejects ${what}`, () => {
      expect(sniffHeader(data, true)).to.include({ state: "reject" });
    });
  }

  it("rejects absurd dimensions (a decompression bomb for browsers)", () => {
    expect(sniffHeader(png(40000, 1), true)).to.deep.include({ state: "reject" });
  });

  it("gives up on a JPEG whose header does not end within the peek limit", () => {
    const app1 = Buffer.from([0xff, 0xe1, 0xff, 0xff]);
    const filler = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      ...Array(20).fill(Buffer.concat([app1, Buffer.alloc(65533)])),
    ]);
    expect(filler.length).to.be.greaterThan(MAX_HEADER_BYTES);
    expect(sniffHeader(filler.subarray(0, MAX_HEADER_BYTES), false)).to.include({
      state: "reject",
    });
  });

  for (const [what, data, reason] of [
    ["png without IEND", png().subarray(0, -12), /IEND/],
    ["gif without trailer", gif().subarray(0, -1), /gif is truncated/],
    ["webp shorter than its RIFF size", webp().subarray(0, -1), /RIFF/],
    ["jpeg without EOI", jpeg().subarray(0, -2), /end-of-image/],
    ["png with data appended", Buffer.concat([png(), Buffer.from("<html>")]), /IEND/],
  ] as const) {
    it(`finds the end missing in a ${what}`, () => {
      expect(complete(data)).to.match(reason);
      expect(streamed(data).problem).to.match(reason);
    });
  }

  it("accepts a JPEG with data after its end marker (phones' motion photos)", () => {
    expect(complete(Buffer.concat([jpeg(), Buffer.from("ftypmp42....")]))).to.equal(undefined);
  });
});

describe("object keys", () => {
  it("are made from the date, a random UUID and the detected type", () => {
    const key = newObjectKey("jpeg", new Date("2025-03-09T12:00:00Z"));
    expect(key).to.match(
      /^uploads\/2025\/03\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.jpg$/,
    );
    expect(newObjectKey("png")).not.to.equal(newObjectKey("png"));
    const id = idFromKey(key)!;
    expect(keyFromId(id)).to.equal(key);
  });

  for (const id of [
    "",
    "../uploads/2025/03/00000000-0000-4000-8000-000000000000.png",
    "2025/03/00000000-0000-4000-8000-000000000000.png/../../x",
    "2025/3/00000000-0000-4000-8000-000000000000.png",
    "2025/03/00000000-0000-4000-8000-000000000000.PNG",
    "2025/03/00000000-0000-4000-8000-000000000000.html",
    "2025/03/00000000-0000-4000-8000-000000000000.png\n",
    "2025/03/00000000-0000-4000-8000-000000000000.png?x",
  ]) {
    it(`refuse the id ${JSON.stringify(id)}`, () => {
      expect(keyFromId(id)).to.equal(undefined);
    });
  }
});

describe("sanitizeFileName", () => {
  for (const [input, output] of [
    ["cat.png", "cat.png"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\My Photo.jpg", "My Photo.jpg"],
    ["évènement.png", "evenement.png"],
    ['a"b\r\nc.png', "a_b_c.png"],
    [".hidden.png", "hidden.png"],
    ["...", undefined],
    ["", undefined],
    [undefined, undefined],
    ["x".repeat(300) + ".png", "x".repeat(100)],
  ] as const) {
    it(`${JSON.stringify(input)} -> ${JSON.stringify(output)}`, () => {
      expect(sanitizeFileName(input)).to.equal(output);
    });
  }
});
