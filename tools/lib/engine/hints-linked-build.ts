// A local package the program loads through a link (a workspace package of npm, pnpm or Yarn,
// `npm link`, a `file:` dependency) whose package.json `main` names build output that does not
// exist yet: the monorepo's component library, compiled to `dist/` by its own `build` script.
import * as fs from "fs";
import * as path from "path";
import { runScriptCommand } from "./hints-build";
import { missingModule } from "./hints";
import { codeOnly, programSourceFiles, sourceLines } from "./program-sources";
import type { SourceLocation } from "./language-host";

/** What is known of a linked package whose entry point has not been built. */
export interface UnbuiltLinkedPackage {
  /** The package's name, as the program imports it. */
  readonly name: string;
  /** The folder the link leads to (the package's source folder in the workspace). */
  readonly realDir: string;
  /** The package.json field that names the missing file: `main`, `exports` or `types`. */
  readonly field: "main" | "exports" | "types";
  /** The missing file that field names (`main` defaults to Node's `index.js`). */
  readonly main: string;
  /** Its package.json scripts. */
  readonly scripts: Readonly<Record<string, unknown>>;
}

/**
 * The target `exports` gives the package's root (`"."`, or the whole field when no key is a
 * subpath), through the conditions Node's `require` and `import` both match first in key order
 * (https://nodejs.org/api/packages.html#conditional-exports).
 */
function exportsTarget(exp: unknown): string | undefined {
  if (typeof exp === "string") return exp;
  if (Array.isArray(exp)) return exportsTarget(exp[0]);
  if (!exp || typeof exp !== "object") return undefined;
  const o = exp as Record<string, unknown>;
  if ("." in o) return exportsTarget(o["."]);
  if (Object.keys(o).some((k) => k.startsWith("."))) return undefined;
  const key = Object.keys(o).find((k) => ["node", "require", "import", "default"].includes(k));
  return key === undefined ? undefined : exportsTarget(o[key]);
}

/**
 * The package's folder under node_modules (through its link) and the path Node could not find.
 * Node's errors name the missing path; TypeScript's TS2307 ("Cannot find module '<name>' or its
 * corresponding type declarations", under a type check) names the package, found from the
 * program's folder upward as the compiler's node_modules lookup does.
 */
function packageDir(
  message: string,
  pwd: string | undefined,
): { dir: string; name: string; missing?: string } | undefined {
  const ts =
    /error TS2307: Cannot find module '((?:@[^/']+\/)?[^./'][^/']*)' or its corresponding/.exec(
      message,
    );
  if (ts && pwd) {
    for (let d = path.resolve(pwd); ; d = path.dirname(d)) {
      const dir = path.join(d, "node_modules", ts[1]);
      if (fs.existsSync(path.join(dir, "package.json"))) return { dir, name: ts[1] };
      if (path.dirname(d) === d) return undefined;
    }
  }
  const missing = missingModule(message);
  if (!missing || !path.isAbsolute(missing)) return undefined;
  const at = missing.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (at < 0) return undefined;
  const rest = missing.slice(at + `${path.sep}node_modules${path.sep}`.length).split(path.sep);
  const nameParts = rest[0]?.startsWith("@") ? 2 : 1;
  if (rest.length < nameParts || !rest[nameParts - 1]) return undefined;
  const dir = path.join(missing.slice(0, at), "node_modules", ...rest.slice(0, nameParts));
  return { dir, name: rest.slice(0, nameParts).join("/"), missing };
}

/**
 * The package whose entry point is missing, from Node's error. CommonJS words it "Cannot find
 * module '<dir>/node_modules/<name>/<main>'. Please verify that the package.json has a valid
 * "main" entry" (node lib/internal/modules/cjs/loader.js, `tryPackage`), with the package's
 * package.json as the error's `path`; the ES module resolver names the package's folder
 * ("Cannot find package '<dir>/node_modules/<name>/' imported from ...", `legacyMainResolve`);
 * a package with `exports` names the target file, whatever `main` says (Node ignores `main`
 * then). Under a type check, TypeScript's TS2307 on the package (`types` not built), with `pwd`.
 * Only a package reached through a link into a folder outside every node_modules counts: an
 * installed package (npm's copy, pnpm's store under node_modules/.pnpm) ships its built files.
 */
export function unbuiltLinkedPackage(
  message: string,
  pwd?: string,
): UnbuiltLinkedPackage | undefined {
  const found = packageDir(message, pwd);
  if (!found) return undefined;
  const { dir, name, missing } = found;
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
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const inside = missing && path.relative(dir, missing);
  const types = missing === undefined ? (str(pkg.types) ?? str(pkg.typings)) : undefined;
  let field: UnbuiltLinkedPackage["field"] = "main";
  let target = str(pkg.main) ?? "index.js";
  if (types !== undefined) [field, target] = ["types", types];
  else if (pkg.exports !== undefined) {
    const named = inside && !inside.startsWith("..") ? inside : exportsTarget(pkg.exports);
    if (named === undefined) return undefined;
    [field, target] = ["exports", named];
  }
  const file = path.resolve(realDir, target);
  // `exports` and `types` name a file exactly; `main` gets Node's extension and index lookup.
  if (field === "main" ? entryExists(file) : fs.existsSync(file)) return undefined;
  const scripts =
    pkg.scripts && typeof pkg.scripts === "object" ? (pkg.scripts as Record<string, unknown>) : {};
  return { name, realDir, field, main: path.normalize(target), scripts };
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
  const found = unbuiltLinkedPackage(message, pwd);
  if (!found) return "";
  // The folder as the program reaches it: its own path may pass through a link (an alias of the
  // workspace), and realDir never does.
  const where = path.relative(realPath(pwd), found.realDir) || ".";
  const build =
    typeof found.scripts.build === "string"
      ? `\`${runScriptCommand(found.realDir, "build")}\` in ${where}`
      : fs.existsSync(path.join(found.realDir, "tsconfig.json"))
        ? `\`npx tsc -p ${where}\``
        : `the build that writes ${path.join(where, found.main)}`;
  const loads =
    found.field === "types"
      ? "TypeScript's type check (`pulumi preview`'s default for a TypeScript program) reads a " +
        "linked package's types as it reads an installed one's"
      : "Node loads a linked package's entry point as it loads an installed one's";
  return (
    `\n${found.name} is a local package the program loads through a link (${where}), and its ` +
    `package.json "${found.field}" names ${found.main}, which has not been built: ${loads}, ` +
    "and nothing compiles another package first, so `pulumi preview` fails the same way. Build " +
    `${found.name} first (${build}), or run the workspace's build before the check`
  );
}

function realPath(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/**
 * The program's line that imports the unbuilt package: Node's error stops in its resolver, with
 * no frame of the program's (its stack holds the loader's frames only), so the first import or
 * require of the package's name in the program's code (comments skipped) stands in.
 */
export function unbuiltLinkedPackageSite(message: string, pwd: string): SourceLocation | undefined {
  const found = unbuiltLinkedPackage(message, pwd);
  if (!found) return undefined;
  const quoted = found.name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const importOf = new RegExp(
    `(?:from\\s*|require\\(\\s*|import\\(\\s*|import\\s+)["']${quoted}["']`,
  );
  for (const file of programSourceFiles(pwd)) {
    const code = codeOnly(sourceLines(file).join("\n")).split("\n");
    const i = code.findIndex((l) => importOf.test(l));
    if (i >= 0) return { file, line: i + 1, column: code[i].search(importOf) + 1 };
  }
  return undefined;
}
