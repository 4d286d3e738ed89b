// The check's own stack frames: a policy pack that throws while it loads (a rule's module, or a
// helper it calls, fails as it is imported) runs under the check's loaders (the code cache, the
// TypeScript cache, the deferred requires), whose frames stand between the rule's and Node's. They
// are never the user's: a stack shown for a pack's failure leaves them out, as `pulumi preview
// --policy-pack` would show it, and names the rule's file:line first.
import * as path from "path";
import { frameOf, type FilePlace } from "./frame-of";

/** The folder of the check's own code (tools/). */
const TOOLS_DIR = path.resolve(__dirname, "..", "..") + path.sep;
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/**
 * The one parser of stack frames (./frame-of.js, shared with the program's preload), for the
 * pack's failures here and the program's (./diagnose.ts `programFrames`).
 */
export { frameOf };
export type { FilePlace };

/** Whether a line of a stack is a frame of the check's own code. */
export function isOwnFrame(line: string): boolean {
  return frameOf(line)?.file.startsWith(TOOLS_DIR) ?? false;
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
