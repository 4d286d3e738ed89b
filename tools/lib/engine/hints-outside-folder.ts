// A package the program has installed, missing for a file outside the program's folder that the
// program imports by a relative path (`import { Base } from "../../../src/components/base"`, a
// component library beside the program in the same repository). No link is involved: Node
// resolves a bare specifier from the importing file's own folder upward ("Node.js starts at the
// directory of the current module, and adds /node_modules, and attempts to load the module from
// that location. ... If it is not found there, then it moves to the parent directory, and so on,
// until the root of the file system is reached": https://nodejs.org/api/modules.html, "Loading
// from node_modules folders"), never from the node_modules of the file that imported it, so the
// program's own install does not serve the library's imports. `pulumi preview` fails the same way.
import * as path from "path";
import { codeOnly, readSource } from "./program-sources";
import { nearestPackageJson } from "./versions";

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

/** Whether `specifier`, written in `from`, names `target` (with or without extension, or its index). */
function namesFile(from: string, specifier: string, target: string): boolean {
  const base = path.resolve(path.dirname(from), specifier).replace(/\.[cm]?[jt]sx?$/, "");
  const t = target.replace(/\.[cm]?[jt]sx?$/, "");
  return t === base || t === path.join(base, "index");
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
 * Where the require stack first leaves the program's folder: the first file outside it and the
 * program file that imported it by a relative path, or undefined when the chain crosses the
 * folder's edge some other way (a bare specifier resolved through a link).
 */
export function relativeCrossing(
  message: string,
  programDir: string,
): { outside: string; importedBy: string; specifier: string } | undefined {
  const stack = requireStack(message);
  const inside = (f: string) => {
    const rel = path.relative(programDir, f);
    return !rel.startsWith("..") && !path.isAbsolute(rel);
  };
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
  const crossing = relativeCrossing(message, programDir);
  if (!crossing) return "";
  const from = path.dirname(importer);
  const owner = nearestPackageJson(from);
  const ownerRel = owner ? path.relative(programDir, owner.file) : "";
  const ownerOutside =
    owner !== undefined && (ownerRel.startsWith("..") || path.isAbsolute(ownerRel));
  const head =
    `\n"${name}" is installed for the program, but the file that imports it, ${importer}, lies ` +
    `outside the program's folder: ${crossing.importedBy} imports "${crossing.specifier}", a ` +
    "relative path, not a package. Node looks for a package from the importing file's own " +
    "folder upward, never in the node_modules of the program that imported it, and no " +
    `node_modules from ${from} up has "${name}". `;
  if (!owner || !ownerOutside) {
    return (
      head +
      "Give the folder that holds that code a package.json listing it and run `npm install` " +
      "there, or make that code a package the program installs; `pulumi preview` fails the same way"
    );
  }
  const deps = owner.pkg as Record<string, Record<string, unknown> | undefined>;
  const listed = [
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "optionalDependencies",
  ].some((field) => typeof deps[field]?.[name] === "string");
  const ownerDir = path.dirname(owner.file);
  return (
    head +
    (listed
      ? `${owner.file} lists it, but nothing is installed there: run \`${install(ownerDir)}\` in ${ownerDir}`
      : `${owner.file} does not list it: add it there and run \`${install(ownerDir)}\` in ${ownerDir}`) +
    ", as `pulumi preview` needs too"
  );
}
