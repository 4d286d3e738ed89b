// Scripts that drive Pulumi through the Automation API (`@pulumi/pulumi/automation`:
// `LocalWorkspace.createOrSelectStack`, `createStack`, `selectStack`) are not Pulumi programs:
// they run the Pulumi CLI themselves ("Automation API drives the Pulumi CLI under the hood, so the
// CLI must be available to your program at runtime", https://www.pulumi.com/docs/iac/concepts/automation-api/)
// on a program that is either inline (a function passed as `program`), a project on disk (its
// `workDir`) or a folder of a git repository (`RemoteWorkspace`, its `url` and `projectPath`). The
// check never lets a program start the CLI (./automation-guard.js refuses it and records the call):
// a run that tried is a failure at the program's call, whatever else it registered, and these
// helpers say which program to check instead.
import * as path from "path";
import { codeOnly, programSourceFiles, projectsBelow, sourceLines } from "./program-sources";
import { AutomationCall, callsIn, programOf } from "./automation-calls";

export type { AutomationCall } from "./automation-calls";
import { nearestPackageJson } from "./versions";
import type { ProgramFailure, SourceLocation } from "./language-host";

/** The tokens ./automation-guard.js records: an entry point the program called, a refused call. */
const CALL_SITE = "automation:";
const BLOCKED_SITE = "automation-blocked:";
/** The sentence the refusal starts with, as the program's error says it too. */
const NOT_RUN = "the Automation API is not run by the offline check";
const NO_CLI = "the offline check never runs the Pulumi CLI";

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

/**
 * A run that failed before its script reached the Automation API (a module the language host
 * could not load, an ES module without ts-node's loader, a missing package) says so beside its own
 * error when its entry file makes Automation API stack calls: fixing that error only leads to the
 * refusal of the script itself, so the failure names the program to check instead. "" otherwise.
 */
export function automationScriptNote(entry: string | undefined, pwd: string): string {
  if (!entry) return "";
  const calls = callsIn([entry]);
  if (calls.length === 0) return "";
  return `Besides, ${automationAdvice(calls, pwd)}.`;
}

/** What to check instead of a script that makes the given calls, as one sentence or two. */
export function automationAdvice(
  calls: readonly AutomationCall[],
  base: string,
  showProject: (dir: string) => string = (d) => path.relative(base, d) || ".",
): string {
  const shown = (f: string) => path.relative(base, f) || path.basename(f);
  const where = calls
    .slice(0, 3)
    .map((c) => `\`${c.call}\` at ${shown(c.file)}:${c.line}`)
    .join(", ");
  return (
    `${where} ${calls.length > 1 ? "use" : "uses"} the Pulumi Automation API: this is a script ` +
    "that deploys a Pulumi program by running the Pulumi CLI itself, not a program `pulumi " +
    "preview` runs (under the CLI it would start a second, nested deployment), and the offline " +
    `check runs without the CLI. Check the program it deploys instead: ${programToCheck(calls[0], base, showProject)}`
  );
}

/**
 * Where the program a script's call deploys is, and how to give it to --program. A folder the
 * check was given (`base`) is never suggested again.
 */
function programToCheck(
  call: Pick<AutomationCall, "file" | "program" | "names">,
  base: string,
  showProject: (dir: string) => string,
): string {
  if (call.program === "inline") {
    const names = call.names.map((n) => `\`${n}\``);
    const fn = names.length ? names.join(", ") : "the function passed as `program`";
    const one = call.names[0] ?? "program";
    return (
      `its program${names.length > 1 ? "s are" : " is"} inline (${fn}); move ` +
      `${names.length > 1 ? "each" : "that"} function into a module that exports it ` +
      `(\`export = ${one}\`, or \`export default\` in an ES module), give that module a ` +
      "project of its own (a Pulumi.yaml whose `main:` names it, and a Pulumi.<stack>.yaml with " +
      "the config the script sets with `setConfig`), and give that new folder to --program"
    );
  }
  if (call.program === "remote") {
    return (
      "its program is in the git repository its `url` names, in the folder its `projectPath` " +
      "names (a `RemoteWorkspace` deploys it from Pulumi Deployments, not from this disk); " +
      "clone that repository and give --program that folder of the clone"
    );
  }
  const projects = projectsBelow(path.dirname(call.file)).filter(
    (p) => path.resolve(p) !== path.resolve(base),
  );
  const listed = projects.length
    ? ` (Pulumi projects here: ${projects.map((p) => `--program ${showProject(p)}`).join(", ")})`
    : "";
  if (!projects.length && path.resolve(path.dirname(call.file)) === path.resolve(base)) {
    // The only project here is the one the check was given, whose entry is this script.
    return (
      "the Pulumi project its `workDir` names; when that is this project, it deploys itself: " +
      "set `main:` in Pulumi.yaml to the file that registers the resources, or leave the " +
      "Automation API calls out of the program"
    );
  }
  return (
    (call.program === "local"
      ? "its program is the Pulumi project in the folder its `workDir` names"
      : "the Pulumi project the script selects") +
    `; give that project's folder to --program${listed}`
  );
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
 * A run whose program tried to start the Pulumi CLI, which ./automation-guard.js refused and
 * recorded (`sites`, in the order the program made the calls): a failure at the program's first
 * call of the Automation API (or, without one, of the refused call), naming every refused call,
 * whatever else the program registered. `pulumi preview` would have run a second, nested
 * deployment (or whatever the command does) with the user's credentials.
 */
export function automationFailure(
  sites: ReadonlyMap<string, Partial<SourceLocation>>,
  pwd: string,
): ProgramFailure | undefined {
  const recorded = (prefix: string) =>
    [...sites.entries()]
      .filter(([token]) => token.startsWith(prefix))
      .map(([token, site]) => ({ call: token.slice(prefix.length), site }));
  const blocked = recorded(BLOCKED_SITE);
  if (blocked.length === 0) return undefined;
  const entries = recorded(CALL_SITE).filter((e) => e.site.file);
  const at = (site: Partial<SourceLocation>) =>
    site.file ? ` at ${path.relative(pwd, site.file) || site.file}:${site.line}` : "";
  const first = entries[0] ?? blocked.find((b) => b.site.file);
  const location =
    first?.site.file !== undefined
      ? { file: first.site.file, line: first.site.line ?? 1, column: first.site.column ?? 1 }
      : undefined;
  const called = entries.length
    ? `the program calls ${entries.map((e) => `\`${e.call}\`${at(e.site)}`).join(", ")}, ` +
      "which would start the Pulumi CLI; "
    : "";
  const refused = blocked.map((b) => `\`${b.call}\`${at(b.site)}`).join(", ");
  const kind = location
    ? (callsIn([location.file]).find((c) => c.line === location.line) ??
      programOf(codeOnly(sourceLines(location.file).join("\n"), true)))
    : undefined;
  const where =
    entries.length && kind && location
      ? ` Check the program the script deploys instead: ${programToCheck({ file: location.file, ...kind }, pwd, (d) => path.relative(pwd, d) || ".")}.`
      : " Give --program the project of the program that command deploys.";
  // Without an Automation API call the program ran `pulumi` itself: say so, not "the API".
  const lead = entries.length
    ? `${NOT_RUN}: give the project its program belongs to, --program <dir>`
    : NO_CLI;
  const said =
    `${called}the check refused ${refused}, so nothing was deployed and no backend was touched ` +
    "(under `pulumi preview` the program would run the Pulumi CLI with your credentials: a " +
    "second, nested deployment).";
  return {
    kind: "error",
    message: `${lead}. ${said[0].toUpperCase()}${said.slice(1)}${where}${parentMainNote(pwd, location?.file)}`,
    location,
  };
}
