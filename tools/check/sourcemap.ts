// A minimal source-map reader for the maps TypeScript's `transpileModule` emits (one source per
// file, version 3). Decoding is lazy and cached per file, so mapping a stack frame costs a binary
// search; nothing is installed globally.

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;

/** Generated line → flat triples [generatedColumn, sourceLine, sourceColumn] (all 0-based). */
type DecodedLines = Int32Array[];

/** Decodes the `mappings` field of a version-3 source map. */
export function decodeMappings(mappings: string): DecodedLines {
  const lines: DecodedLines = [];
  let current: number[] = [];
  let genCol = 0;
  let srcLine = 0;
  let srcCol = 0;
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  const endSegment = () => {
    if (fields.length >= 4) {
      genCol += fields[0];
      srcLine += fields[2];
      srcCol += fields[3];
      current.push(genCol, srcLine, srcCol);
    } else if (fields.length >= 1) {
      genCol += fields[0]; // a segment without a source position
    }
    fields.length = 0;
  };
  for (let i = 0; i <= mappings.length; i++) {
    const ch = i < mappings.length ? mappings.charCodeAt(i) : 59; // end acts as ';'
    if (ch === 44 /* , */ || ch === 59 /* ; */) {
      endSegment();
      if (ch === 59) {
        lines.push(Int32Array.from(current));
        current = [];
        genCol = 0;
      }
      continue;
    }
    const digit = ch < 128 ? DIGIT[ch] : -1;
    if (digit < 0) throw new Error(`invalid source map character '${mappings[i]}'`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return lines;
}

/** A source map for one generated file, decoded on first use. */
export class SourceMap {
  private lines?: DecodedLines;

  constructor(private readonly mappings: string) {}

  /**
   * Original position of a generated position (1-based line and column, as V8 reports them), or
   * undefined when the generated line has no mapping.
   */
  originalPosition(line: number, column: number): { line: number; column: number } | undefined {
    this.lines ??= decodeMappings(this.mappings);
    const segs = this.lines[line - 1];
    if (!segs || segs.length === 0) return undefined;
    const col = column - 1;
    // Last segment whose generated column is <= col (binary search over triples).
    let lo = 0;
    let hi = segs.length / 3 - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid * 3] <= col) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return { line: segs[found * 3 + 1] + 1, column: segs[found * 3 + 2] + 1 };
  }
}
