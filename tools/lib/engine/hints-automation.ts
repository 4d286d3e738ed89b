// Scripts that drive Pulumi through the Automation API (`@pulumi/pulumi/automation`:
// `LocalWorkspace.createOrSelectStack`, `createStack`, `selectStack`) are not Pulumi programs:
// they run the Pulumi CLI themselves ("Automation API drives the Pulumi CLI under the hood, so the
// CLI must be available to your program at runtime", https://www.pulumi.com/docs/iac/concepts/automation-api/)
// on a program that is either inline (a function passed as `program`) or a project on disk (its
// `workDir`). Given to the check as the program, such a script registers nothing itself: offline
// it fails to start `pulumi`, or catches that failure and ends with an empty stack, which must not
// read as a pass. These helpers find the script's calls and say which program to check instead.
import * as fs from "fs";
import * as path from "path";
import { programSourceFiles, sourceLines } from "./program-sources";
import { nearestPackageJson } from "./versions";
import type { ProgramFailure } from "./language-host";
import { ROOT_STACK_TYPE } from "./urns";

/** An import or require of the Automation API module (`/x/automation` before SDK 3). */
const AUTOMATION_MODULE = /["']@pulumi\/pulumi\/(?:x\/)?automation(?:\/index(?:\.js)?)?["']/;
const STACK_CALL = /\b(createOrSelectStack|createStack|selectStack)\s*\(/;
/** `program: fn` or the shorthand `{ ..., program }` of an inline program's arguments. */
const INLINE = /\bprogram\s*:|[{,]\s*program\s*[,}]/;
const INLINE_NAMES = /\bprogram\s*:\s*([A-Za-z_$][\w$.]*)/g;
const LOCAL = /\bworkDir\s*:/;
/** What the run printed or threw when the Automation API could not start the Pulumi CLI. */
const CLI_MISSING =
  /spawn pulumi ENOENT|Command failed with ENOENT: pulumi\b|[\\/]automation[\\/]cmd\.[jt]s/;

/** A call of the Automation API that selects or creates a stack, and the program it runs. */
export interface AutomationCall {
  readonly file: string;
  readonly line: number;
  readonly call: string;
  /** "inline": a function passed as `program`; "local": a project folder passed as `workDir`. */
  readonly program: "inline" | "local" | "unknown";
  /** The inline programs' names as the script passes them (`program: pulumiProgram`). */
  readonly names: readonly string[];
}

/** The Automation API stack calls in the given source files, in file order. */
function callsIn(files: readonly string[]): AutomationCall[] {
  const out: AutomationCall[] = [];
  for (const file of files) {
    const lines = sourceLines(file);
    if (!lines.some((l) => AUTOMATION_MODULE.test(l))) continue;
    const text = lines.join("\n");
    const program = INLINE.test(text) ? "inline" : LOCAL.test(text) ? "local" : "unknown";
    const names = [...new Set([...text.matchAll(INLINE_NAMES)].map((m) => m[1]))];
    lines.forEach((l, i) => {
      const m = STACK_CALL.exec(l);
      if (m) out.push({ file, line: i + 1, call: m[1], program, names });
    });
  }
  return out;
}

/**
 * The Automation API stack calls in the program's own sources under `dir` (at most `depth`
 * folders down) and in the files `also` names.
 */
export function automationCalls(
  dir: string,
  also: readonly string[] = [],
  depth?: number,
): AutomationCall[] {
  const files = [...new Set([...also, ...programSourceFiles(dir, undefined, depth)])];
  return callsIn(files);
}

/** Folders at or below `dir` (three levels, no node_modules) holding a Pulumi.yaml. */
export function projectsBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && /^Pulumi\.ya?ml$/.test(e.name))) out.push(d);
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= 5) return;
      if (e.isDirectory() && depth < 3 && !e.name.startsWith(".") && e.name !== "node_modules")
        walk(path.join(d, e.name), depth + 1);
    }
  };
  walk(dir, 0);
  return out;
}

/** What to check instead of a script that makes the given calls, as one sentence or two. */
export function automationAdvice(
  calls: readonly AutomationCall[],
  base: string,
  showProject: (dir: string) => string = (d) => path.relative(base, d) || ".",
): string {
  const shown = (f: string) => path.relative(base, f) || path.basename(f);
  const first = calls[0];
  const where = calls
    .slice(0, 3)
    .map((c) => `\`${c.call}\` at ${shown(c.file)}:${c.line}`)
    .join(", ");
  const head =
    `${where} ${calls.length > 1 ? "use" : "uses"} the Pulumi Automation API: this is a script ` +
    "that deploys a Pulumi program by running the Pulumi CLI itself, not a program `pulumi " +
    "preview` runs (under the CLI it would start a second, nested deployment), and the offline " +
    "check runs without the CLI. Check the program it deploys instead: ";
  if (first.program === "inline") {
    const names = first.names.map((n) => `\`${n}\``);
    const fn = names.length ? names.join(", ") : "the function passed as `program`";
    const one = first.names[0] ?? "program";
    return (
      head +
      `its program${names.length > 1 ? "s are" : " is"} inline (${fn}); move ` +
      `${names.length > 1 ? "each" : "that"} function into a module that exports it ` +
      `(\`export = ${one}\`, or \`export default\` in an ES module), give that module a ` +
      "project (a Pulumi.yaml whose `main:` names it, and a Pulumi.<stack>.yaml with the config " +
      "the script sets with `setConfig`), and give that folder to --program"
    );
  }
  const projects = projectsBelow(path.dirname(first.file)).filter(
    (p) => path.resolve(p) !== path.resolve(base),
  );
  const listed = projects.length
    ? ` (Pulumi projects here: ${projects.map((p) => `--program ${showProject(p)}`).join(", ")})`
    : "";
  return (
    head +
    (first.program === "local"
      ? "its program is the Pulumi project in the folder its `workDir` names"
      : "the Pulumi project the script selects") +
    `; give that folder to --program${listed}`
  );
}

/**
 * A run that met the Automation API: the language host started a script whose own sources (or
 * `entry`, a file outside the project the host started, from a package.json further up) call the
 * Automation API, and either the run shows it trying to start the Pulumi CLI, or the script
 * registered nothing. Returns the sentence to add to the run's failure, or "" for other runs.
 */
export function automationHint(
  pwd: string,
  evidence: readonly string[],
  opts: { registeredNothing: boolean; entry?: string },
): string {
  if (!opts.registeredNothing && !evidence.some((t) => CLI_MISSING.test(t))) return "";
  const calls = automationCalls(pwd, opts.entry ? [opts.entry] : []);
  if (calls.length === 0) return "";
  return `\n${automationAdvice(calls, pwd)}.${parentMainNote(pwd, opts.entry)}`;
}

/**
 * The Node.js language host takes the entry point from the nearest package.json at or above the
 * program's folder (@pulumi/pulumi cmd/run/run.js, `npmPackageRootFromProgramPath` and its
 * `main`/`exports`): a project folder without a package.json of its own, below a package whose
 * `main` is a deploy script, starts that script. Said when `entry` is that `main`.
 */
function parentMainNote(pwd: string, entry: string | undefined): string {
  if (!entry) return "";
  const found = nearestPackageJson(pwd);
  const main = found?.pkg.main;
  if (!found || typeof main !== "string" || path.dirname(found.file) === path.resolve(pwd))
    return "";
  const declared = path.resolve(path.dirname(found.file), main);
  const strip = (f: string) => f.replace(/\.[cm]?[jt]s$/, "");
  if (strip(declared) !== strip(path.resolve(entry))) return "";
  return (
    ` The language host started ${path.relative(pwd, entry)} because it is the "main" of ` +
    `${path.relative(pwd, found.file)}, the nearest package.json up from the project, as ` +
    "`pulumi preview` reads it: set `main:` in Pulumi.yaml to the project's own entry file, or " +
    "give the project a package.json of its own."
  );
}

/**
 * A script of the Automation API that registered nothing (it caught the failure to start the
 * Pulumi CLI, or its inline program never ran): `pulumi preview` of this project would show an
 * empty stack while the script deploys its own, so this is a failure naming the program to check.
 */
export function automationDriver(
  resources: readonly { type: string }[],
  pwd: string,
): ProgramFailure | undefined {
  if (resources.some((r) => r.type !== ROOT_STACK_TYPE)) return undefined;
  const calls = automationCalls(pwd);
  if (calls.length === 0) return undefined;
  const first = calls[0];
  const line = fs.readFileSync(first.file, "utf8").split("\n")[first.line - 1] ?? "";
  return {
    kind: "error",
    message: `the program registered no resource: ${automationAdvice(calls, pwd)}`,
    location: { file: first.file, line: first.line, column: line.indexOf(first.call) + 1 },
  };
}
