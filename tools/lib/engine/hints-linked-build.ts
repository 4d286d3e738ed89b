// A local package the program loads through a link (a workspace package of npm, pnpm or Yarn,
// `npm link`, a `file:` dependency) whose package.json `main` names build output that does not
// exist yet: the monorepo's component library, compiled to `dist/` by its own `build` script.
import * as fs from "fs";
import * as path from "path";
import { runScriptCommand } from "./hints-build";
import { missingModule } from "./hints";
import { codeOnly, firstMatchingLines } from "./program-sources";
import type { SourceLocation } from "./language-host";

/** What is known of a linked package whose entry point has not been built. */
export interface UnbuiltLinkedPackage {
  /** The package's name, as the program imports it. */
  readonly name: string;
  /** The folder the link leads to (the package's source folder in the workspace). */
  readonly realDir: string;
  /** The entry point its package.json names (`main`, else Node's default `index.js`). */
  readonly main: string;
  /** Its package.json scripts. */
  readonly scripts: Readonly<Record<string, unknown>>;
}

/**
 * The package whose entry point is missing, from Node's error. CommonJS words it "Cannot find
 * module '<dir>/node_modules/<name>/<main>'. Please verify that the package.json has a valid
 * "main" entry" (node lib/internal/modules/cjs/loader.js, `tryPackage`), with the package's
 * package.json as the error's `path`; the ES module resolver names the package's folder
 * ("Cannot find package '<dir>/node_modules/<name>/' imported from ...", `legacyMainResolve`).
 * Only a package reached through a link into a folder outside every node_modules counts: an
 * installed package (npm's copy, pnpm's store under node_modules/.pnpm) ships its built files.
 */
export function unbuiltLinkedPackage(message: string): UnbuiltLinkedPackage | undefined {
  const missing = missingModule(message);
  if (!missing || !path.isAbsolute(missing)) return undefined;
  const at = missing.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (at < 0) return undefined;
  const rest = missing.slice(at + `${path.sep}node_modules${path.sep}`.length).split(path.sep);
  const nameParts = rest[0]?.startsWith("@") ? 2 : 1;
  if (rest.length < nameParts || !rest[nameParts - 1]) return undefined;
  const dir = path.join(missing.slice(0, at), "node_modules", ...rest.slice(0, nameParts));
  let realDir: string;
  let pkg: Record<string, unknown>;
  try {
    realDir = fs.realpathSync(dir);
    pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  } catch {
    return undefined;
  }
  if (realDir === path.resolve(dir)) return undefined;
  if (realDir.split(path.sep).includes("node_modules")) return undefined;
  const main = typeof pkg.main === "string" && pkg.main !== "" ? pkg.main : "index.js";
  if (entryExists(path.resolve(realDir, main))) return undefined;
  const scripts =
    pkg.scripts && typeof pkg.scripts === "object" ? (pkg.scripts as Record<string, unknown>) : {};
  return { name: rest.slice(0, nameParts).join("/"), realDir, main, scripts };
}

/** Whether Node would find a package's `main` (as a file, with `.js`, or as a folder's index). */
function entryExists(file: string): boolean {
  return [file, `${file}.js`, path.join(file, "index.js")].some((f) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * Node's error for a linked package whose entry point has not been built names neither the cause
 * nor the fix, and `pulumi preview` fails the same way: Node loads a linked package from its real
 * folder as any other (https://nodejs.org/api/modules.html, "All together": LOAD_AS_DIRECTORY
 * reads `main`), and neither the language host nor ts-node builds another package first. Says
 * which package, where its source lives and the script that builds it.
 */
export function unbuiltLinkedPackageHint(message: string, pwd: string): string {
  const found = unbuiltLinkedPackage(message);
  if (!found) return "";
  const where = path.relative(pwd, found.realDir) || ".";
  const build =
    typeof found.scripts.build === "string"
      ? `\`${runScriptCommand(found.realDir, "build")}\` in ${where}`
      : fs.existsSync(path.join(found.realDir, "tsconfig.json"))
        ? `\`npx tsc -p ${where}\``
        : `the build that writes ${path.join(where, found.main)}`;
  return (
    `\n${found.name} is a local package the program loads through a link (${where}), and its ` +
    `package.json "main" names ${found.main}, which has not been built: Node loads a linked ` +
    "package's entry point as it loads an installed one's, and nothing compiles another package " +
    `first, so \`pulumi preview\` fails the same way. Build ${found.name} first (${build}), or ` +
    "run the workspace's build before the check"
  );
}

/**
 * The program's line that imports the unbuilt package: Node's error stops in its resolver, with
 * no frame of the program's (its stack holds the loader's frames only), so the first import or
 * require of the package's name in the program's sources stands in.
 */
export function unbuiltLinkedPackageSite(message: string, pwd: string): SourceLocation | undefined {
  const found = unbuiltLinkedPackage(message);
  if (!found) return undefined;
  const quoted = found.name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const importOf = new RegExp(
    `(?:from\\s*|require\\(\\s*|import\\(\\s*|import\\s+)["']${quoted}["']`,
  );
  const site = firstMatchingLines(pwd, importOf, 1)[0];
  if (!site || !importOf.test(codeOnly(site.text))) return undefined;
  return { file: site.file, line: site.line, column: site.text.search(importOf) + 1 };
}
