// GIF, checked block by block to the trailer (GIF89a specification, W3C/CompuServe 1990): the
// header and logical screen descriptor, the global colour table, then extension blocks and
// images (descriptor, local colour table, LZW minimum code size, data sub-blocks), then the
// trailer byte 0x3B, with nothing after it: a GIF with HTML appended is refused.
//
// The LZW data is not decoded. What it costs a decoder is bounded by the frames' sizes, which
// count against the budget (a decoder produces at most width x height pixels per frame), and
// by the file size.
import {
  ImageProblem,
  byte,
  bytes,
  skip,
  subBlocks,
  type ParseContext,
  type Parser,
} from "./validator";

/** Frames of an animation: beyond this, refused whatever their size. */
export const MAX_FRAMES = 10_000;
/** Blocks (frames and extensions, about two per frame): bounds the validator's own work. */
export const MAX_BLOCKS = 5 * MAX_FRAMES;

const problem = (reason: string): ImageProblem => new ImageProblem(reason);
const colourTableBytes = (flags: number): number => 3 * 2 ** ((flags & 0x07) + 1);

export function* parseGif(context: ParseContext): Parser {
  const screen = yield* bytes(13); // "GIF89a" or "GIF87a", then the logical screen descriptor
  const width = screen.readUInt16LE(6);
  const height = screen.readUInt16LE(8);
  const flags = screen[10];
  context.header(width, height);
  if (flags & 0x80) yield skip(colourTableBytes(flags));

  let frames = 0;
  for (let blocks = 1; ; blocks++) {
    if (blocks > MAX_BLOCKS) throw problem(`the GIF has more than ${MAX_BLOCKS} blocks`);
    const introducer = yield* byte();
    if (introducer === 0x3b) {
      if (frames === 0) throw problem("the GIF contains no image");
      return; // trailer
    }
    if (introducer === 0x21) {
      yield skip(1); // the extension's label; its data are sub-blocks
      yield subBlocks;
    } else if (introducer === 0x2c) {
      const descriptor = yield* bytes(9);
      const frameWidth = descriptor.readUInt16LE(4);
      const frameHeight = descriptor.readUInt16LE(6);
      frames += 1;
      if (frames > MAX_FRAMES) throw problem(`the GIF has more than ${MAX_FRAMES} frames`);
      context.frame(frameWidth, frameHeight);
      if (descriptor[8] & 0x80) yield skip(colourTableBytes(descriptor[8]));
      const codeSize = yield* byte();
      if (codeSize < 1 || codeSize > 8) throw problem("a GIF frame has an invalid LZW code size");
      yield subBlocks;
    } else {
      throw problem(`the GIF has an unknown block (0x${introducer.toString(16)})`);
    }
  }
}
