// A hint for a CommonJS package whose tsconfig emits ES module syntax ("module": "esnext",
// "es2020", "preserve" ...). The language host registers its ts-node with the user's compiler
// options over its own (@pulumi/pulumi cmd/run/run.js: `...compilerOptions` after `module:
// "nodenext"`), so the compiled file has `import` statements, and Node.js (20.19 and 22.12 on)
// evaluates it as an ES module from CommonJS (`loadESMFromCJS`, lib/internal/modules/cjs/loader.js).
// An ES module's relative imports need the file's extension (https://nodejs.org/api/esm.html,
// "Mandatory file extensions"), so `import ... from "./policy"` fails with "Cannot find module
// '<dir>/policy' imported from <dir>/index.ts"; `pulumi preview` fails the same way and the bare
// message names neither the setting nor the fix.
import { hostTsconfig } from "./hints";
import { nearestPackageJson } from "./versions";

const ES_MODULE_KINDS = /^(es\d+|esnext|preserve)$/i;

export function moduleSyntaxHint(message: string, pwd: string, tsconfigOption: unknown): string {
  const m = /Cannot find module '([^']+)' imported from (\S+\.[cm]?tsx?)\b/.exec(message);
  if (!m) return "";
  if (nearestPackageJson(pwd)?.pkg.type === "module") return "";
  const tsconfig = hostTsconfig(pwd, tsconfigOption);
  const setting = tsconfig && /"module"\s*:\s*"([^"]*)"/i.exec(tsconfig.source);
  if (!tsconfig || !setting || !ES_MODULE_KINDS.test(setting[1])) return "";
  const line = tsconfig.source.slice(0, setting.index).split("\n").length;
  return (
    `\n${tsconfig.shown}:${line} sets "module": "${setting[1]}" in a CommonJS package ` +
    '(package.json has no "type": "module"): the language host\'s ts-node keeps that setting, ' +
    "so each file compiles to `import` statements and Node.js loads it as an ES module, whose " +
    "relative imports need the file's extension; `pulumi preview` fails the same way. Set " +
    `"module": "commonjs" and "moduleResolution": "node" in ${tsconfig.shown}, or make the ` +
    'package an ES module ("type": "module" in package.json, "module": "nodenext", and import ' +
    'specifiers ending in ".js")'
  );
}
