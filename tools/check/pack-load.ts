// The policy pack's modules, as the check loads them in its own process (the policy types its
// counts use, the in-process judge). A rule that throws while its module loads is the pack's
// failure, not the check's: the error names the rule's file:line first, then the stack without the
// check's own frames (its loaders stand between the rule's frame and Node's), each frame at its
// TypeScript line, as `pulumi preview --policy-pack` would show the pack failing to start.
import * as path from "path";
import { AnalyzerError } from "../lib/engine/pack-process";
import { FilePlace, frameOf, isOwnFrame, packFrame } from "../lib/engine/own-frames";
import { sourcePosition } from "../lib/ts-require";
import { shownPath } from "./inputs";

const PACK_DIR = path.resolve(__dirname, "..", "..", "policy-pack");
/** `at eval (eval at f (/file:1:2), <anonymous>:1:1)`: shown, never blamed (frameOf reads none). */
const EVAL_FRAME = /^\s*at .*\(eval at /;

type PackModules = typeof import("../../policy-pack/policies") &
  Pick<typeof import("../../policy-pack/lib/define"), "policyCatalog">;

/** A frame line with its file's TypeScript line where the check's TypeScript cache compiled it. */
function atSourceLine(line: string): string {
  const f = frameOf(line);
  const at = f && sourcePosition(f.file, f.line, f.column);
  return f && at
    ? line.replace(`${f.file}:${f.line}:${f.column}`, `${f.file}:${at.line}:${at.column}`)
    : line;
}

/** The place of a pack file's first syntax error that the tools' TypeScript loader threw. */
function compileErrorAt(e: unknown, packDir: string): FilePlace | undefined {
  const at = (e as { location?: unknown } | null)?.location as
    { file?: unknown; line?: unknown; column?: unknown } | undefined;
  if (!at || typeof at.file !== "string" || typeof at.line !== "number") return undefined;
  const place = {
    file: at.file,
    line: at.line,
    column: typeof at.column === "number" ? at.column : 1,
  };
  return packFrame([place], packDir);
}

/** A pack that threw while loading in the check's process, with the rule's place. */
export class PackLoadError extends AnalyzerError {}

/**
 * The error for a pack that threw while loading: `policy pack "<dir>" failed to load:
 * <rule file:line:column>: <error>`, the rule being the place of its first syntax error (a file
 * that does not compile) or else the first frame in the pack's own files (a rule file before a
 * shared helper it called), then the stack's frames but the check's own.
 */
export function packLoadError(e: unknown, packDir = PACK_DIR): PackLoadError {
  // A value thrown that is no Error has no stack of its own (a new Error's would be this one's).
  const err = e instanceof Error ? e : { name: "Error", message: String(e), stack: "" };
  const frames = String(err.stack ?? "")
    .split("\n")
    // A frame of a file, or an eval frame (no file of its own, but a line of the stack all the same).
    .filter((l) => (frameOf(l) !== undefined || EVAL_FRAME.test(l)) && !isOwnFrame(l))
    .map((l) => atSourceLine(l.trim()));
  // A file that does not compile fails in its importer's `require`, the first frame of the stack:
  // the TypeScript loader names the place of the file's first syntax error instead.
  const rule =
    compileErrorAt(e, packDir) ??
    packFrame(
      frames.map(frameOf).filter((f): f is FilePlace => f !== undefined),
      packDir,
    );
  const where = rule ? `${shownPath(rule.file)}:${rule.line}:${rule.column}: ` : "";
  const what = `${err.name}: ${err.message}`;
  return new PackLoadError(
    `policy pack "${packDir}" failed to load: ${where}${what}`,
    frames,
    rule && { file: rule.file, line: rule.line },
  );
}

/** The pack's policies and their catalogue; a pack that throws while loading, `packLoadError`. */
export async function loadPackModules(): Promise<PackModules> {
  // V8 records 10 frames by default (https://v8.dev/docs/stack-trace-api), and the check's loaders
  // take several of them under each module: while the pack loads, enough to reach the rule's
  // importers after those frames are left out.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Math.max(limit, 50);
  try {
    const policies = await import("../../policy-pack/policies");
    const { policyCatalog } = await import("../../policy-pack/lib/define");
    return { ...policies, policyCatalog };
  } catch (e) {
    throw packLoadError(e);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
