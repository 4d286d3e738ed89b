// The check's own stack frames: a policy pack that throws while it loads (a rule's module, or a
// helper it calls, fails as it is imported) runs under the check's loaders (the code cache, the
// TypeScript cache, the deferred requires), whose frames stand between the rule's and Node's. They
// are never the user's: a stack shown for a pack's failure leaves them out, as `pulumi preview
// --policy-pack` would show it, and names the rule's file:line first.
import * as path from "path";
import { fileURLToPath } from "url";

/** The folder of the check's own code (tools/). */
const TOOLS_DIR = path.resolve(__dirname, "..", "..") + path.sep;

/** A frame line's file, line and column: `at f (/file:1:2)`, `at /file:1:2`, `at file:///…`. */
export function frameOf(line: string): { file: string; line: number; column: number } | undefined {
  const m = /^\s*at (?:async )?(?:.*\()?(.+?):(\d+):(\d+)\)?\s*$/.exec(line);
  if (!m) return undefined;
  const file = m[1].startsWith("file://") ? fileURLToPath(m[1]) : m[1];
  return { file, line: Number(m[2]), column: Number(m[3]) };
}

/** Whether a line of a stack is a frame of the check's own code. */
export function isOwnFrame(line: string): boolean {
  return frameOf(line)?.file.startsWith(TOOLS_DIR) ?? false;
}
