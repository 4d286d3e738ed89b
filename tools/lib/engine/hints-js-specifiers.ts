// A hint for a CommonJS TypeScript program that imports its own modules with a `.js` specifier
// (`import { Cluster } from "./cluster.js"` for src/cluster.ts), as `"moduleResolution":
// "nodenext"` has tsc write them. The language host runs a package without `"type": "module"`
// through ts-node's require hook (@pulumi/pulumi cmd/run/run.js: its automatic ES module mode
// needs `"type": "module"` and an installed `ts-node/esm`; otherwise `tsn.register(options)`), and
// Node's CommonJS resolver looks for the file the specifier names, never its `.ts` source
// (https://nodejs.org/api/modules.html, "All together": LOAD_AS_FILE tries X, X.js, X.json,
// X.node). `pulumi preview` fails the same way with "Cannot find module './cluster.js'"; tsc
// accepts the program, so the bare message reads as a missing file. A monorepo whose root
// package.json says `"type": "module"` but whose infra package's does not is the usual cause:
// Node reads the nearest package.json only.
import * as fs from "fs";
import * as path from "path";
import { nearestPackageJson } from "./versions";

/** The TypeScript sources a `.js`, `.mjs` or `.cjs` specifier stands for, in tsc's order. */
const SOURCES: Record<string, readonly string[]> = {
  ".js": [".ts", ".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};

/** The package.json above `pkgFile` (a package.json) that says `"type": "module"`, if any. */
function moduleRootAbove(pkgFile: string): string | undefined {
  let dir = path.dirname(pkgFile);
  while (path.dirname(dir) !== dir) {
    const found = nearestPackageJson(path.dirname(dir));
    if (!found) return undefined;
    if (found.pkg.type === "module") return found.file;
    dir = path.dirname(found.file);
  }
  return undefined;
}

/**
 * The hint for "Cannot find module '<relative>.js'" required from a TypeScript file of a CommonJS
 * package when the `.ts` source of that specifier exists beside it, or "".
 */
export function jsSpecifierHint(message: string, pwd: string): string {
  const m =
    /Cannot find module '(\.\.?\/[^']+?(\.[cm]?js))'\s*\nRequire stack:\s*\n- ([^\n]+)/.exec(
      message,
    );
  if (!m) return "";
  const [, specifier, ext, from] = m;
  if (!/\.[cm]?tsx?$/.test(from)) return "";
  const base = path.resolve(path.dirname(from), specifier.slice(0, -ext.length));
  const source = SOURCES[ext].map((e) => base + e).find((f) => fs.existsSync(f));
  if (!source) return "";
  const found = nearestPackageJson(path.dirname(from));
  if (found?.pkg.type === "module") return "";
  const shown = (f: string) => path.relative(pwd, f) || f;
  const pkg = found ? shown(found.file) : "package.json";
  const root = found ? moduleRootAbove(found.file) : undefined;
  const rootNote = root
    ? ` (${shown(root)} says "type": "module", but Node reads only the nearest package.json)`
    : "";
  return (
    `\n"${specifier}" names ${shown(source)}, but ${pkg} does not say "type": "module"${rootNote}, ` +
    "so the language host runs the program as CommonJS through ts-node's require hook, and " +
    `Node's CommonJS resolver looks for a file named ${path.basename(specifier)}, never its ` +
    "TypeScript source; `pulumi preview` fails the same way, though tsc accepts the import. " +
    `Write relative imports without the extension ("${specifier.slice(0, -ext.length)}"), or ` +
    `make the package an ES module: "type": "module" in ${pkg} and ts-node 10 or later in its ` +
    "devDependencies (the host's ES module mode loads `ts-node/esm` from the program)"
  );
}
