// A hint for a CommonJS package whose tsconfig emits ES module syntax ("module": "esnext",
// "es2020", "preserve" ...). The language host registers its ts-node with the user's compiler
// options over its own (@pulumi/pulumi cmd/run/run.js: `...compilerOptions` after `module:
// "nodenext"`), so the compiled file has `import` statements, and Node.js (20.19 and 22.12 on)
// evaluates it as an ES module from CommonJS (`loadESMFromCJS`, lib/internal/modules/cjs/loader.js).
// An ES module's relative imports need the file's extension (https://nodejs.org/api/esm.html,
// "Mandatory file extensions"), so `import ... from "./policy"` fails with "Cannot find module
// '<dir>/policy' imported from <dir>/index.ts"; `pulumi preview` fails the same way and the bare
// message names neither the setting nor the fix.
import * as path from "path";
import { hostTsconfig, tsconfigSetting } from "./tsconfig-setting";
import type { SourceLocation } from "./language-host";
import { readSource } from "./program-sources";
import { nearestPackageJson } from "./versions";

const ES_MODULE_KINDS = /^(es\d+|esnext|preserve)$/i;

export function moduleSyntaxHint(message: string, pwd: string, tsconfigOption: unknown): string {
  // The importing file's path runs to the end of its line: a checkout's path may hold spaces.
  const m = /Cannot find module '([^']+)' imported from ([^\n]+?\.[cm]?tsx?)\b/.exec(message);
  if (!m) return "";
  if (nearestPackageJson(pwd)?.pkg.type === "module") return "";
  const tsconfig = hostTsconfig(pwd, tsconfigOption);
  const setting = tsconfig && tsconfigSetting(tsconfig, "module", pwd);
  if (!tsconfig || !setting?.value || !ES_MODULE_KINDS.test(setting.value)) return "";
  return (
    `\n${setting.shown}:${setting.location.line} sets "module": "${setting.value}" in a CommonJS package ` +
    '(package.json has no "type": "module"): the language host\'s ts-node keeps that setting, ' +
    "so each file compiles to `import` statements and Node.js loads it as an ES module, whose " +
    "relative imports need the file's extension; `pulumi preview` fails the same way. Set " +
    `"module": "commonjs" and "moduleResolution": "node" in ${tsconfig.shown}, or make the ` +
    'package an ES module ("type": "module" in package.json, "module": "nodenext", and import ' +
    'specifiers ending in ".js")'
  );
}

/**
 * A JavaScript file of a CommonJS package that mixes `require`/`exports` with ES module syntax
 * (`export const url = ...` at its end). Node.js looks at a `.js` file of a package without a
 * "type" for ES module syntax and, finding it, runs the whole file as an ES module (on by default
 * from Node.js 22.7 and 20.19: https://nodejs.org/api/packages.html#syntax-detection), where
 * `require`, `exports` and `module` are not defined: "ReferenceError: require is not defined in ES
 * module scope". `pulumi preview` fails the same way on that Node; the message names neither the
 * line that made the file an ES module nor the fix.
 */
export function mixedModuleSyntaxHint(
  message: string,
  location: { file: string } | undefined,
  pwd: string,
): string {
  const m = /^ReferenceError: (require|exports|module) is not defined in ES module scope/.exec(
    message,
  );
  if (!m || !location || !/\.js$/.test(location.file)) return "";
  if (nearestPackageJson(path.dirname(location.file))?.pkg.type === "module") return "";
  const source = readSource(location.file);
  if (source === undefined) return "";
  const lines = source.split("\n");
  const at = lines.findIndex((l) => /^\s*(export\s|import\s+[\w*{])/.test(l));
  if (at < 0) return "";
  const shown = path.relative(pwd, location.file) || location.file;
  return (
    `\n${shown} uses CommonJS (\`${m[1]}\`) and ES module syntax (line ${at + 1}: ` +
    `\`${lines[at].trim().slice(0, 60)}\`): its package.json has no "type", so Node.js sees the ` +
    "ES module syntax and runs the whole file as an ES module, where `require`, `exports` and " +
    "`module` do not exist; `pulumi preview` fails the same way. Use one syntax in the file: " +
    "`exports.<name> = ...` in place of `export const`, or `import` in place of `require` " +
    '(and "type": "module" in package.json)'
  );
}

/**
 * An ES module package ("type": "module") whose tsconfig compiles to CommonJS ("module":
 * "commonjs"), as pulumi/examples aws-ts-s3-folder has it. The language host loads such a program
 * through ts-node's ES module loader when it can (@pulumi/pulumi cmd/run/run.js: the package is an
 * ES module, TypeScript >= 4.7, `ts-node/esm` resolves), ts-node compiles each file as the tsconfig
 * says, to `exports.x = ...`, and Node.js runs the result as the ES module the package declares,
 * where `exports` and `require` do not exist: "ReferenceError: exports is not defined in ES module
 * scope" at a line of the compiled output, not of the source. `pulumi preview` fails the same way
 * (ts-node 10.9 under Node.js 20 and 22); the message names neither setting. The failure is placed
 * at the tsconfig's setting, the line to change, read as TypeScript reads it (a commented-out
 * `"module": "commonjs"` is none; an `extends` base's counts): a package whose compiled module kind
 * is not CommonJS fails for another reason (a `require` of its own), and keeps its own message.
 */
export function commonJsInEsmPackage(
  message: string,
  location: { file: string } | undefined,
  pwd: string,
  tsconfigOption: unknown,
): { message: string; location: SourceLocation } | undefined {
  const m = /^ReferenceError: (require|exports|module) is not defined in ES module scope/.exec(
    message,
  );
  if (!m || !location || !/\.[cm]?tsx?$/.test(location.file)) return undefined;
  const pkg = nearestPackageJson(path.dirname(location.file));
  if (pkg?.pkg.type !== "module") return undefined;
  const tsconfig = hostTsconfig(pwd, tsconfigOption);
  const setting = tsconfig && tsconfigSetting(tsconfig, "module", pwd);
  if (!tsconfig || !setting?.value || !/^commonjs$/i.test(setting.value)) return undefined;
  const shownPkg = path.relative(pwd, pkg.file) || pkg.file;
  return {
    message:
      `${m[0]}: ${setting.shown} sets "module": "${setting.value}" in an ES module package ` +
      `(${shownPkg} has "type": "module"); the language host loads the program through ` +
      "ts-node's ES module loader, which compiles each file to CommonJS (`exports`, `require`) " +
      "as the tsconfig says, and Node.js runs it as an ES module, where those do not exist; " +
      `\`pulumi preview\` fails the same way. Set "module" and "moduleResolution" to "nodenext" ` +
      `in ${tsconfig.shown} (relative import specifiers then end in ".js"), or remove "type": ` +
      `"module" from ${shownPkg}`,
    location: setting.location,
  };
}
