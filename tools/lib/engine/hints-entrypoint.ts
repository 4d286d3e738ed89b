// A hint for an ES module program whose entry point the language host cannot find. For a package
// whose package.json says `"type": "module"`, the host imports the program's path as `node
// <program>` would: a folder must hold index.js, index.mjs, index.ts or index.mts, else "No
// entrypoint found in <folder>" (@pulumi/pulumi cmd/run/run.js, `runProgram`). An `exports` or,
// without one, a `main` that does not exist (compiled output not built yet, a renamed file) is
// where that folder comes from: the host warns "Could not find entry point '<main>' specified in package.json" and falls back to the
// project's folder (`resolveEntrypoint`). `pulumi preview` fails the same way; the bare message
// names neither the missing file nor the fix. And a CommonJS program whose main function is a
// default export, which the host never calls.
import * as fs from "fs";
import * as path from "path";
import type { ProgramFailure } from "./language-host";
import type { OfflineEngine } from "./monitor";
import { ROOT_STACK_TYPE } from "./urns";
import { nearestPackageJson } from "./versions";

const INDEXES = "index.js, index.mjs, index.ts or index.mts";

/**
 * The entry point package.json declares, read as the host reads it (`runProgram`): `exports`
 * (a string, or its "." as a string or as `default`, `require` or `import`) before `main`.
 */
function declaredEntry(pkg: Record<string, unknown>): { field: string; entry: string } | undefined {
  const exp = pkg.exports as unknown;
  if (typeof exp === "string") return { field: "exports", entry: exp };
  if (exp && typeof exp === "object") {
    const dot = (exp as Record<string, unknown>)["."];
    const o = dot as Record<string, unknown> | undefined;
    const entry = typeof dot === "string" ? dot : (o?.default ?? o?.require ?? o?.import);
    return typeof entry === "string" ? { field: "exports", entry } : undefined;
  }
  return typeof pkg.main === "string" && pkg.main ? { field: "main", entry: pkg.main } : undefined;
}

export function noEntrypointHint(message: string, pwd: string): string {
  const folder = /No entrypoint found in (.+)/.exec(message)?.[1]?.trim();
  if (!folder) return "";
  const found = nearestPackageJson(pwd);
  const declared = found ? declaredEntry(found.pkg) : undefined;
  const shown = path.relative(pwd, folder) || ".";
  if (found && declared && !fs.existsSync(path.resolve(path.dirname(found.file), declared.entry))) {
    const { field, entry: main } = declared;
    const scripts = found.pkg.scripts as Record<string, unknown> | undefined;
    const build = typeof scripts?.build === "string" ? " (`npm run build`)" : "";
    return (
      `\npackage.json's "${field}" is "${main}", which does not exist, so the language host fell ` +
      `back to the folder "${shown}", which has no ${INDEXES}; \`pulumi preview\` fails the ` +
      `same way. Build the program first${build} if "${main}" is its compiled output, or ` +
      `point "${field}" (or \`main:\` in Pulumi.yaml) at the file the program starts from`
    );
  }
  return (
    `\nThe folder "${shown}" has no ${INDEXES}, the files an ES module program's folder is ` +
    'started from; `pulumi preview` fails the same way. Point "main" in package.json (or ' +
    "`main:` in Pulumi.yaml) at the file the program starts from"
  );
}

/** Files in the folders directly below `dir` that look like a program's start, at most three. */
function startCandidates(dir: string): string[] {
  const names = ["index.ts", "index.js", "main.ts", "main.js"];
  let subdirs: fs.Dirent[] = [];
  try {
    subdirs = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return subdirs
    .filter((d) => d.isDirectory() && d.name !== "node_modules" && !d.name.startsWith("."))
    .map((d) => d.name)
    .sort()
    .flatMap((sub) => names.map((n) => path.join(sub, n)))
    .filter((f) => fs.existsSync(path.join(dir, f)))
    .slice(0, 3);
}

/**
 * A hint for a CommonJS program whose folder has no index file and whose package.json names no
 * entry point. The language host then requires the folder itself, Node's resolver finds no
 * index.js (nor index.ts, the extension ts-node adds), and the host prints "We failed to locate
 * the entry point for your program" and its guesses (@pulumi/pulumi cmd/run/run.js,
 * `throwOrPrintModuleLoadError`): "Have you run 'tsc'?" for any package that lists typescript,
 * though the host runs TypeScript itself. A monorepo's infra package with its sources in src/ is
 * the usual case; the hint names the files it could start from.
 */
export function commonJsNoEntryHint(message: string, pwd: string): string {
  const folder = /We failed to locate the entry point for your program: (.+)/.exec(message)?.[1];
  if (!folder) return "";
  const dir = path.resolve(pwd, folder.trim());
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return "";
  if (["index.js", "index.ts"].some((f) => fs.existsSync(path.join(dir, f)))) return "";
  const found = nearestPackageJson(dir);
  if (found && declaredEntry(found.pkg)) return "";
  const shown = path.relative(pwd, dir) || ".";
  const pkg = found ? path.relative(pwd, found.file) || found.file : "package.json";
  const starts = startCandidates(dir);
  const tsc =
    /Have you run 'tsc'/.test(message) && starts.some((f) => f.endsWith(".ts"))
      ? " (its advice to run tsc does not apply: the host compiles TypeScript itself)"
      : "";
  const head =
    `
The folder "${shown}" has no index.js or index.ts and ${pkg} names no "main", so the ` +
    `language host has no file to start from; \`pulumi preview\` fails the same way${tsc}. `;
  if (!starts.length) return head + `Point "main" in ${pkg} at the file the program starts from`;
  // The host resolves package.json's "main" from the package's folder (`resolveEntrypoint`:
  // path.join(packageRoot, main)), which is above the program's folder when Pulumi.yaml says
  // `main: app/`; Pulumi.yaml's own `main` (named when it is what chose the folder, or the
  // package is elsewhere) is read from the project's folder.
  const root = found ? path.dirname(found.file) : dir;
  const fromRoot = starts.map((f) => slashed(path.relative(root, path.join(dir, f))));
  const project = projectFolder(dir);
  const fromProject =
    project && (project !== root || project !== dir)
      ? ` (or \`main: ${slashed(path.relative(project, path.join(dir, starts[0])))}\` in Pulumi.yaml)`
      : "";
  const from = found ? "the package's folder" : "the program's folder";
  return (
    head +
    `The program looks to start at ${fromRoot.join(" or ")}: set "main": "${fromRoot[0]}" in ` +
    `${pkg} (a path from ${from})${fromProject}`
  );
}

function slashed(p: string): string {
  return p.split(path.sep).join("/");
}

/** The folder of the Pulumi.yaml at or above `dir`, if any. */
function projectFolder(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (["Pulumi.yaml", "Pulumi.yml"].some((f) => fs.existsSync(path.join(d, f)))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * The file a program starts from, as far as it can be told without running it: Pulumi.yaml's
 * `main` when it names a file (`pwd` is then its folder), else package.json's `main` (from the
 * package's folder, as the host resolves it), else
 * index.ts or index.js in `pwd`. Undefined when none exists.
 */
export function programEntryFile(pwd: string, main: string | undefined): string | undefined {
  const found = nearestPackageJson(pwd);
  const pkg: { main?: unknown } = found?.pkg ?? {};
  const root = found ? path.dirname(found.file) : pwd; // where the host resolves "main" from
  const given = main && !main.endsWith("/") ? path.resolve(pwd, path.basename(main)) : undefined;
  const candidates = [
    given,
    typeof pkg.main === "string" && pkg.main ? path.resolve(root, pkg.main) : undefined,
    path.join(pwd, "index.ts"),
    path.join(pwd, "index.js"),
  ];
  return candidates.find((f) => f !== undefined && fs.existsSync(f) && fs.statSync(f).isFile());
}

/**
 * A CommonJS program (package.json without `"type": "module"`) whose entry module has a default
 * export and registered nothing: the language host calls an exported function only when it is
 * the module itself (`export =`) or, in an ES module, its default export, so this main function
 * never ran. `pulumi preview` would show an empty stack and pass; the check says why instead.
 */
export function uncalledDefaultExport(
  engine: OfflineEngine,
  pwd: string,
  main: string | undefined,
): ProgramFailure | undefined {
  if (engine.resources.some((r) => r.type !== ROOT_STACK_TYPE)) return undefined;
  if (nearestPackageJson(pwd)?.pkg.type === "module") return undefined;
  const entry = programEntryFile(pwd, main);
  if (!entry) return undefined;
  const lines = fs.readFileSync(entry, "utf8").split("\n");
  const at = lines.findIndex((l) => /^\s*export\s+default\b/.test(l));
  if (at < 0) return undefined;
  return {
    kind: "error",
    message:
      "the program's main function is its module's default export, which the Node.js language " +
      'host calls only in an ES module (package.json "type": "module"); in this CommonJS ' +
      "program it is never called and nothing is created, so `pulumi preview` would show an " +
      'empty stack. Write `export = async () => { ... }`, or add "type": "module" to package.json',
    location: { file: entry, line: at + 1, column: lines[at].search(/\S/) + 1 },
  };
}
