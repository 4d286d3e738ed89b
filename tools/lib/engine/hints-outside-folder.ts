// A package the program has installed, missing for a file outside the program's folder that the
// program imports by a relative path (`import { Base } from "../../../src/components/base"`, a
// component library beside the program in the same repository). No link is involved: Node
// resolves a bare specifier from the importing file's own folder upward ("Node.js starts at the
// directory of the current module, and adds /node_modules, and attempts to load the module from
// that location. ... If it is not found there, then it moves to the parent directory, and so on,
// until the root of the file system is reached": https://nodejs.org/api/modules.html, "Loading
// from node_modules folders"), never from the node_modules of the file that imported it, so the
// program's own install does not serve the library's imports. `pulumi preview` fails the same way.
import * as fs from "fs";
import * as path from "path";
import { codeOnly, programSourceFiles, readSource } from "./program-sources";
import { declaredRange, nearestPackageJson } from "./versions";

/** Relative specifiers a source file imports, requires or re-exports (comments left out). */
function relativeSpecifiers(file: string): string[] {
  const text = readSource(file);
  if (text === undefined) return [];
  const code = codeOnly(text, false);
  const found: string[] = [];
  const pattern =
    /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"'\n]*)\1/g;
  for (let m = pattern.exec(code); m; m = pattern.exec(code)) found.push(m[2]);
  return found;
}

const EXTENSION = /\.[cm]?[jt]sx?$/;

/**
 * Whether `specifier`, written in `from`, names `target` as Node resolves it (with or without
 * extension, a `.js` specifier for a `.ts` file, a folder's index, or a folder whose package.json
 * `main` names the file: https://nodejs.org/api/modules.html, "Folders as modules").
 */
function namesFile(from: string, specifier: string, target: string): boolean {
  const resolved = path.resolve(path.dirname(from), specifier);
  const base = resolved.replace(EXTENSION, "");
  const t = target.replace(EXTENSION, "");
  if (t === base || t === path.join(base, "index")) return true;
  const main = folderMain(resolved);
  if (main === undefined) return false;
  const m = path.resolve(resolved, main).replace(EXTENSION, "");
  return t === m || t === path.join(m, "index");
}

/** The `main` of the package.json in folder `dir`, if it has one. */
function folderMain(dir: string): string | undefined {
  try {
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    const main = (pkg as Record<string, unknown> | null)?.main;
    return typeof main === "string" ? main : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The importer chain of a CommonJS "Require stack" (the failing file first), or none for an error
 * without one (an ES module names only its direct importer).
 */
function requireStack(message: string): string[] {
  const at = message.indexOf("\nRequire stack:\n");
  if (at < 0) return [];
  const lines = message.slice(at + "\nRequire stack:\n".length).split("\n");
  const files: string[] = [];
  for (const line of lines) {
    if (!line.startsWith("- ")) break;
    files.push(line.slice(2));
  }
  return files;
}

/**
 * Where the import chain first leaves the program's folder: the first file outside it and the
 * program file that imported it by a relative path, or undefined when the chain crosses the
 * folder's edge some other way (a bare specifier resolved through a link). CommonJS names the
 * chain in its "Require stack"; an ES module error names only `importer`, so the program's own
 * sources are searched for a relative specifier naming it.
 */
export function relativeCrossing(
  message: string,
  programDir: string,
  importer: string,
): { outside: string; importedBy: string; specifier: string } | undefined {
  const stack = requireStack(message);
  const inside = (f: string) => {
    const rel = path.relative(programDir, f);
    return !rel.startsWith("..") && !path.isAbsolute(rel);
  };
  if (stack.length === 0) {
    if (inside(importer)) return undefined;
    for (const file of programSourceFiles(programDir)) {
      const specifier = relativeSpecifiers(file).find((s) => namesFile(file, s, importer));
      if (specifier !== undefined) return { outside: importer, importedBy: file, specifier };
    }
    return undefined;
  }
  for (let i = 0; i + 1 < stack.length; i++) {
    const [outside, importedBy] = [stack[i], stack[i + 1]];
    if (inside(outside) || !inside(importedBy)) continue;
    const specifier = relativeSpecifiers(importedBy).find((s) => namesFile(importedBy, s, outside));
    return specifier === undefined ? undefined : { outside, importedBy, specifier };
  }
  return undefined;
}

/**
 * The hint for `name`, installed for the program but not found from `importer`, a file reached
 * through a relative import that leaves the program's folder; "" when the chain is not one.
 */
export function outsideFolderHint(
  message: string,
  name: string,
  importer: string,
  programDir: string,
  install: (dir: string) => string,
): string {
  const crossing = relativeCrossing(message, programDir, importer);
  if (!crossing) return "";
  const from = path.dirname(importer);
  return (
    `\n"${name}" is installed for the program, but the file that imports it, ${importer}, lies ` +
    `outside the program's folder: ${crossing.importedBy} imports "${crossing.specifier}", a ` +
    "relative path, not a package. Node looks for a package from the importing file's own " +
    "folder upward, never in the node_modules of the program that imported it, and no " +
    `node_modules from ${from} up has "${name}". ` +
    ownerAdvice(name, importer, programDir, install)
  );
}

/**
 * What to do for `name`, missing for `importer`, a file outside the program's folder: list it in
 * the package.json that holds that file (outside the program's folder) and install there.
 */
export function ownerAdvice(
  name: string,
  importer: string,
  programDir: string,
  install: (dir: string) => string,
): string {
  const owner = nearestPackageJson(path.dirname(importer));
  const ownerRel = owner ? path.relative(programDir, owner.file) : "";
  const ownerOutside =
    owner !== undefined && (ownerRel.startsWith("..") || path.isAbsolute(ownerRel));
  if (!owner || !ownerOutside) {
    return (
      "Give the folder that holds that code a package.json listing it and run `npm install` " +
      "there, or make that code a package the program installs; `pulumi preview` fails the same way"
    );
  }
  const ownerDir = path.dirname(owner.file);
  return (
    (declaredRange(ownerDir, name) !== undefined
      ? `${owner.file} lists it, but it is not installed there: run \`${install(ownerDir)}\` in ${ownerDir}`
      : `${owner.file} does not list it: add it there and run \`${install(ownerDir)}\` in ${ownerDir}`) +
    ", as `pulumi preview` needs too"
  );
}
