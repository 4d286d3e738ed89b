// WebP, checked chunk by chunk to the end of its RIFF container (RFC 9649, "WebP Image
// Format"): "RIFF", the size of the rest, "WEBP", then chunks of FourCC, size and payload,
// padded to an even length, which must fill the file exactly. A simple file is one VP8 (lossy)
// or VP8L (lossless) chunk; an extended file starts with VP8X (canvas size and features) and
// holds either one image (optionally with ALPH) or, when animated, ANIM and ANMF frames. The
// size in each bitstream's header must match the canvas or its frame, as libwebp requires.
//
// The VP8/VP8L bitstreams are not decoded: a decoder's work is bounded by the canvas and the
// frames' sizes, which count against the budget, and by the file size.
import { ImageProblem, bytes, skip, type ParseContext, type Parser, type Step } from "./validator";

const problem = (reason: string): ImageProblem => new ImageProblem(reason);

/** Chunks, frames' own included: a frame has two or three. Bounds the validator's own work. */
export const MAX_CHUNKS = 100_000;

interface Chunk {
  readonly fourcc: string;
  readonly size: number;
  /** Size plus the padding byte of an odd-sized chunk. */
  readonly padded: number;
}

/** A bitstream chunk's header: the image's width and height; skips the rest of the chunk. */
function* bitstream(chunk: Chunk): Generator<Step, { width: number; height: number }, unknown> {
  if (chunk.fourcc === "VP8 ") {
    // RFC 6386, 9.1 and 19.1: a 3-byte frame tag, then for key frames the start code
    // 9D 01 2A and 14-bit width and height (2 bits of scaling above each).
    if (chunk.size < 10) throw problem("the WebP VP8 bitstream is truncated");
    const head = yield* bytes(10);
    const tag = head.readUIntLE(0, 3);
    if (tag & 1) throw problem("the WebP VP8 bitstream does not start with a key frame");
    if (((tag >> 1) & 7) > 3 || !((tag >> 4) & 1))
      throw problem("the WebP VP8 frame header is invalid");
    if (tag >> 5 > chunk.size - 10) throw problem("the WebP VP8 bitstream is truncated");
    if (head[3] !== 0x9d || head[4] !== 0x01 || head[5] !== 0x2a)
      throw problem("the WebP VP8 bitstream has no start code");
    yield skip(chunk.padded - 10);
    return { width: head.readUInt16LE(6) & 0x3fff, height: head.readUInt16LE(8) & 0x3fff };
  }
  // VP8L (RFC 9649, 3.2): signature 0x2F, 14 bits width - 1, 14 bits height - 1, 1 bit alpha,
  // 3 bits version (0).
  if (chunk.size < 5) throw problem("the WebP VP8L bitstream is truncated");
  const head = yield* bytes(5);
  if (head[0] !== 0x2f) throw problem("the WebP VP8L bitstream has no signature");
  const bits = head.readUInt32LE(1);
  if (bits >>> 29 !== 0) throw problem("the WebP VP8L bitstream has an unknown version");
  yield skip(chunk.padded - 5);
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}

const isBitstream = (fourcc: string): boolean => fourcc === "VP8 " || fourcc === "VP8L";

export function* parseWebp(context: ParseContext): Parser {
  const riff = yield* bytes(12);

  let chunks = 0;
  /** The next chunk's header, within `room` bytes; takes its size from the room. */
  function* next(room: { left: number }): Generator<Step, Chunk, unknown> {
    if (++chunks > MAX_CHUNKS) throw problem(`the WebP has more than ${MAX_CHUNKS} chunks`);
    if (room.left < 8) throw problem("a WebP chunk runs past the end of its container");
    const head = yield* bytes(8);
    const size = head.readUInt32LE(4);
    const chunk = { fourcc: head.toString("latin1", 0, 4), size, padded: size + (size & 1) };
    if (8 + chunk.padded > room.left)
      throw problem(`the WebP ${chunk.fourcc.trim()} chunk runs past the end of its container`);
    room.left -= 8 + chunk.padded;
    return chunk;
  }

  const file = { left: riff.readUInt32LE(4) - 4 }; // the size counts "WEBP" and the chunks
  const first = yield* next(file);
  if (isBitstream(first.fourcc)) {
    // Simple format: one image; further chunks may only be unknown ones, which are ignored.
    const { width, height } = yield* bitstream(first);
    context.header(width, height);
    context.frame(width, height);
    while (file.left > 0) {
      const chunk = yield* next(file);
      if (isBitstream(chunk.fourcc) || chunk.fourcc === "ANMF" || chunk.fourcc === "VP8X")
        throw problem("the WebP has more than one image");
      yield skip(chunk.padded);
    }
    return;
  }
  if (first.fourcc !== "VP8X") throw problem("the WebP does not start with an image chunk");
  if (first.size !== 10) throw problem("the WebP VP8X chunk has the wrong length");
  const features = yield* bytes(10);
  const animated = (features[0] & 0x02) !== 0;
  const canvasWidth = features.readUIntLE(4, 3) + 1;
  const canvasHeight = features.readUIntLE(7, 3) + 1;
  context.header(canvasWidth, canvasHeight);

  let images = 0;
  let alpha = false;
  while (file.left > 0) {
    const chunk = yield* next(file);
    if (animated && chunk.fourcc === "ANMF") {
      // ANMF (RFC 9649, 3.7.2): x / 2, y / 2, width - 1, height - 1, duration (24 bits
      // each), flags; then the frame's own chunks.
      if (chunk.size < 16) throw problem("a WebP animation frame is truncated");
      const head = yield* bytes(16);
      const x = head.readUIntLE(0, 3) * 2;
      const y = head.readUIntLE(3, 3) * 2;
      const width = head.readUIntLE(6, 3) + 1;
      const height = head.readUIntLE(9, 3) + 1;
      if (x + width > canvasWidth || y + height > canvasHeight)
        throw problem("a WebP animation frame lies outside the canvas");
      context.frame(width, height);
      const frame = { left: chunk.size - 16 };
      let frameImages = 0;
      while (frame.left > 0) {
        const inner = yield* next(frame);
        if (isBitstream(inner.fourcc)) {
          const size = yield* bitstream(inner);
          if (size.width !== width || size.height !== height)
            throw problem("a WebP frame's bitstream does not match the frame's size");
          frameImages += 1;
        } else {
          yield skip(inner.padded); // ALPH, unknown chunks
        }
      }
      if (frameImages !== 1) throw problem("a WebP animation frame must hold one image");
      images += 1;
      yield skip(chunk.padded - chunk.size);
    } else if (!animated && isBitstream(chunk.fourcc)) {
      if (images > 0) throw problem("the WebP has more than one image");
      if (alpha && chunk.fourcc === "VP8L")
        throw problem("a lossless WebP image must not have a separate alpha chunk");
      const size = yield* bitstream(chunk);
      if (size.width !== canvasWidth || size.height !== canvasHeight)
        throw problem("the WebP image does not match its canvas size");
      context.frame(size.width, size.height);
      images += 1;
    } else if (isBitstream(chunk.fourcc) || chunk.fourcc === "ANMF") {
      throw problem(
        animated
          ? "an animated WebP has an image outside its frames"
          : "a WebP not marked as animated has animation frames",
      );
    } else {
      if (chunk.fourcc === "ALPH") alpha = true;
      yield skip(chunk.padded); // ICCP, ANIM, ALPH, EXIF, XMP, unknown chunks
    }
  }
  if (images === 0) throw problem("the WebP contains no image");
}
