// The check's own stack frames: a policy pack that throws while it loads (a rule's module, or a
// helper it calls, fails as it is imported) runs under the check's loaders (the code cache, the
// TypeScript cache, the deferred requires), whose frames stand between the rule's and Node's. They
// are never the user's: a stack shown for a pack's failure leaves them out, as `pulumi preview
// --policy-pack` would show it, and names the rule's file:line first.
import * as path from "path";
import { fileURLToPath } from "url";

/** The folder of the check's own code (tools/). */
const TOOLS_DIR = path.resolve(__dirname, "..", "..") + path.sep;
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/**
 * A frame line's file, line and column: `at f (/file:1:2)`, `at /file:1:2`, `at async …`,
 * `at file:///…` (an ES module's, percent-encoded: decoded). The one parser of stack frames, for
 * the pack's failures here and the program's (./diagnose.ts `programFrames`). A file name never
 * holds a parenthesis: an eval frame (`at eval (eval at f (/file:1:2), <anonymous>:1:1)`) names
 * no file of its own and is no frame here.
 */
export function frameOf(line: string): FilePlace | undefined {
  const m = /^\s*at (?:async )?(?:.*\()?([^()]+?):(\d+):(\d+)\)?\s*$/.exec(line);
  if (!m) return undefined;
  const file = m[1].startsWith("file://") ? fileURLToPath(m[1]) : m[1];
  return { file, line: Number(m[2]), column: Number(m[3]) };
}

/** Whether a line of a stack is a frame of the check's own code. */
export function isOwnFrame(line: string): boolean {
  return frameOf(line)?.file.startsWith(TOOLS_DIR) ?? false;
}

/** A place in a file: lines and columns from 1. */
export interface FilePlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The frame a pack's failure is blamed on: the first in the pack's rule files (`policies/`, a rule
 * before a shared helper it called), else the first in the pack's own files; never a dependency's.
 */
export function packFrame(frames: readonly FilePlace[], packDir: string): FilePlace | undefined {
  const own = frames.filter(
    (f) => f.file.startsWith(packDir + path.sep) && !f.file.includes(NODE_MODULES),
  );
  const rules = path.join(packDir, "policies") + path.sep;
  return own.find((f) => f.file.startsWith(rules)) ?? own[0];
}

/**
 * Where a pack process that failed to start says it failed, from what it printed: the first
 * TypeScript diagnostic of ts-node's "Unable to compile TypeScript" (`policies/s3/x.ts(26,16):
 * error TS1109: …`, relative to the pack folder, its working directory), else the frame
 * `packFrame` picks from the stack it printed.
 */
export function packOutputPlace(output: readonly string[], packDir: string): FilePlace | undefined {
  for (const l of output) {
    const m = /^\s*(\S.*?\.[cm]?tsx?)\((\d+),(\d+)\): error TS\d+/.exec(l);
    if (m) return { file: path.resolve(packDir, m[1]), line: Number(m[2]), column: Number(m[3]) };
  }
  const frames = output.map(frameOf).filter((f): f is FilePlace => f !== undefined);
  return packFrame(frames, packDir);
}
