// What the engine learns from a registration beyond its inputs: where the program made the
// resource (its own file and line, also for resources made inside libraries and callbacks).
// Whether the files it names exist is ./registration-assets.ts.
import * as path from "path";
import { fileURLToPath } from "url";
import type { RecordedResource, SourcePosition } from "../recorder";

/**
 * The SDK makes a source position's URI with `url.pathToFileURL(<file of the stack frame>)`; in
 * an ES module that file is already a file URL, which comes out nested under the working
 * directory (`file:///<cwd>/file:/<path>`), its percent signs encoded again (`my%2520work`): the
 * inner one is meant. Decoding the whole URI once gives back the inner URL as the frame named it,
 * percent-encoding and all, after `/file:/`
 * (https://nodejs.org/api/url.html#urlfileurltopathurl-options).
 */
function sourceUri(uri: string): string {
  if (!uri.startsWith("file:")) return uri;
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    return uri; // not a local file URL (a host, a Windows URL elsewhere): kept as sent
  }
  const inner = /[\\/]file:[\\/]+(.*)$/s.exec(file);
  return inner ? `file:///${inner[1].replace(/\\/g, "/")}` : uri;
}

type PositionMessage = { getUri(): string; getLine(): number; getColumn(): number };

function sourceOf(pos: PositionMessage | undefined) {
  if (!pos || !pos.getUri()) return undefined;
  return {
    uri: sourceUri(pos.getUri()),
    line: pos.getLine(),
    column: pos.getColumn(),
  } as SourcePosition;
}

/**
 * Whether each URI seen is one of the program's own files, per program folder. A run's stacks
 * name a few hundred files at most, each in thousands of frames (every registration carries its
 * whole stack): parsing each URI once saves a second of a 10,000-resource check.
 */
const ownFiles = new Map<string, Map<string, boolean>>();

/** The check's own folder (`tools/`): its preloads run in the program's process. */
const CHECK_TOOLS = path.resolve(__dirname, "..", "..");

/**
 * A position in one of the user's own files: any file outside node_modules and outside the check
 * itself. Besides the program's folder (`dir`) that is a monorepo's shared source the program
 * imports by relative path (`../../lib/bucket.ts`), or a workspace package linked to its source:
 * the SDK reports the line there that made the resource, as `pulumi preview` records it, and that
 * is the line to change. Only installed packages (a component library, the SDK) are passed over.
 */
function inProgram(pos: SourcePosition | undefined, dir: string): boolean {
  if (!pos?.uri.startsWith("file:")) return false;
  let known = ownFiles.get(dir);
  if (!known) ownFiles.set(dir, (known = new Map()));
  let own = known.get(pos.uri);
  if (own === undefined) {
    const file = fileURLToPath(pos.uri);
    own =
      !file.includes(`${path.sep}node_modules${path.sep}`) &&
      (file.startsWith(dir + path.sep) || !file.startsWith(CHECK_TOOLS + path.sep));
    if (known.size < 10_000) known.set(pos.uri, own);
  }
  return own;
}

/**
 * Where the program constructed a resource. The SDK reports the fourth frame of the constructor's
 * stack: for a provider (one class deeper) that is in the provider package, for a resource a
 * component library creates it is in the library, and for one created in an anonymous callback it
 * is nothing (the SDK's frame pattern wants a function name). The registration also carries the
 * whole stack; its first frame in the program's own files is then where the program asked for it.
 * A library that makes its children after an `await` (awsx 0.x and `awsx.classic` build a Vpc's
 * subnets, routes and gateways once the zones are known) leaves no program frame in their stacks:
 * such a child is placed where the program made its component (`componentSource`, see
 * `nearestComponentSource`), the line that asked for it, marked `component` so that reports say
 * it is the component's line rather than the resource's own.
 */
export function programSource(
  req: {
    getSourceposition(): PositionMessage | undefined;
    getStacktrace(): { getFramesList(): { getPc(): PositionMessage | undefined }[] } | undefined;
  },
  dir: string | undefined,
  componentSource?: SourcePosition,
): SourcePosition | undefined {
  const reported = sourceOf(req.getSourceposition());
  if (dir === undefined || inProgram(reported, dir)) return reported;
  for (const frame of req.getStacktrace()?.getFramesList() ?? []) {
    const pos = sourceOf(frame.getPc());
    if (inProgram(pos, dir)) return pos;
  }
  return inProgram(componentSource, dir) ? { ...componentSource!, component: true } : reported;
}

/**
 * The position of the nearest component at or above `parentUrn` that has a line in the program's
 * own files. Only a component's line stands for what it makes: a custom parent (a library
 * function that adds a subnet under the program's Vpc after an await) made nothing, its line is
 * not where the child was asked for, so it is passed over on the way up.
 */
export function nearestComponentSource(
  parentUrn: string | undefined,
  byUrn: ReadonlyMap<string, Pick<RecordedResource, "custom" | "parent" | "source">>,
  dir: string | undefined,
): SourcePosition | undefined {
  if (dir === undefined) return undefined;
  const seen = new Set<string>();
  for (let urn = parentUrn; urn && !seen.has(urn); urn = byUrn.get(urn)?.parent) {
    seen.add(urn);
    const r = byUrn.get(urn);
    if (r && !r.custom && inProgram(r.source, dir)) return r.source;
  }
  return undefined;
}
