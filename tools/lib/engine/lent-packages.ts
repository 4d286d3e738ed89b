// The packages the check lends a program that installed none (its own node_modules): how the
// program's child process finds them (NODE_PATH for CommonJS, a resolve hook for ES modules,
// compilerOptions for a type-checked compile) and the SDK warnings that lending causes.
import * as fs from "fs";
import * as path from "path";

/**
 * compilerOptions (as ts-node's TS_NODE_COMPILER_OPTIONS JSON) that let a type-checked compile
 * find the packages lent from `fallbackModulesDir`: bare imports and type packages resolve there
 * after the program's own folders.
 */
export function lentCompilerOptions(fallbackModulesDir: string): string {
  const modules = path.join(fallbackModulesDir, "node_modules");
  return JSON.stringify({
    paths: { "*": [path.join(modules, "*"), path.join(modules, "@types", "*")] },
    typeRoots: [path.join(modules, "@types")],
  });
}

/**
 * The environment that lends a program the packages of `fallbackModulesDir`: to CommonJS through
 * NODE_PATH and to ES modules through a resolve hook (child-preload.js, item 7), and, for a
 * type-checked TypeScript compile (`typeCheckTs`), to TypeScript through ts-node.
 */
export function lentEnvironment(
  fallbackModulesDir: string,
  typeCheckTs: boolean,
): Record<string, string> {
  const env: Record<string, string> = {
    NODE_PATH: path.join(fallbackModulesDir, "node_modules"),
    OFFLINE_LEND_ESM: fallbackModulesDir,
  };
  // TypeScript's module resolution reads no NODE_PATH: a type-checked compile of a program that
  // installed nothing would fail with TS2307 on every lent package. ts-node merges
  // TS_NODE_COMPILER_OPTIONS over the tsconfig's compilerOptions, and `paths` entries may be
  // absolute without a baseUrl since TypeScript 4.1 (https://www.typescriptlang.org/tsconfig#paths).
  // But the host passes the tsconfig's compilerOptions again to ts-node's `register`
  // (@pulumi/pulumi cmd/run/run.js), which ts-node 10 applies last (configuration.js, "passed
  // programmatically"): a key the tsconfig sets itself (its own `paths`) would win over the lent
  // one, so the preload adds the lent entries to those options too (OFFLINE_LEND_TS,
  // ./lend-ts-options.js); a TS2307 on a lent package that remains is said as such
  // (lentModuleNotFound in ./type-only-imports.ts).
  if (typeCheckTs) {
    env.TS_NODE_COMPILER_OPTIONS = lentCompilerOptions(fallbackModulesDir);
    env.OFFLINE_LEND_TS = env.TS_NODE_COMPILER_OPTIONS;
  }
  return env;
}

const UNINCLUDED = /^Could not include required dependency '([^']+)' in '[^']*'\.$/;

/**
 * A callback function's package (`aws.lambda.CallbackFunction`, `bucket.onObjectCreated`) takes
 * the program's dependencies from its own node_modules; the SDK warns for each it cannot find
 * there. A package the program has not installed but the check lent it (from the check's own
 * node_modules) is one it would have installed: those warnings are the check's doing, not the
 * program's, and become one line saying so. Warnings for packages nobody provides stay.
 */
export function explainLentPackages(
  output: string[],
  pwd: string,
  fallbackModulesDir: string,
): void {
  const installed = (dir: string, pkg: string) =>
    fs.existsSync(path.join(dir, "node_modules", pkg, "package.json"));
  const lent = new Set<string>();
  const kept = output.filter((line) => {
    const pkg = UNINCLUDED.exec(line.trim())?.[1];
    if (pkg === undefined) return true;
    if (installed(pwd, pkg) || !installed(fallbackModulesDir, pkg)) return true;
    lent.add(pkg);
    return false;
  });
  if (lent.size === 0) return;
  kept.push(
    `(callback functions were packaged without ${[...lent].sort().join(", ")}: the program has ` +
      "not installed them and ran with the check's; after `npm install` they are included)",
  );
  output.splice(0, output.length, ...kept);
}
