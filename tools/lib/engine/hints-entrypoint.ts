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

/**
 * The file a program starts from, as far as it can be told without running it: Pulumi.yaml's
 * `main` when it names a file (`pwd` is then its folder), else package.json's `main`, else
 * index.ts or index.js in `pwd`. Undefined when none exists.
 */
export function programEntryFile(pwd: string, main: string | undefined): string | undefined {
  const pkg: { main?: unknown } = nearestPackageJson(pwd)?.pkg ?? {};
  const given = main && !main.endsWith("/") ? path.resolve(pwd, path.basename(main)) : undefined;
  const candidates = [
    given,
    typeof pkg.main === "string" && pkg.main ? path.resolve(pwd, pkg.main) : undefined,
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
