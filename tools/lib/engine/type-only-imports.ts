// A TypeScript file that re-exports types from a module with no JavaScript, which only a
// type-checking compile leaves out. `pulumi preview` compiles a program with ts-node, which
// type-checks unless PULUMI_NODEJS_TRANSPILE_ONLY or the tsconfig's `noCheck` says otherwise
// (`cmd/run/run.js` of @pulumi/pulumi: "Otherwise we default to ts-node's default, which is to
// type check"); the check compiles transpile-only by default, with TypeScript's single-file
// `transpileModule`, which cannot know that `export { Context } from "aws-lambda"` names only a
// type and keeps it as a `require("aws-lambda")` (TypeScript handbook, `isolatedModules`:
// "Single-file transpilers don't know whether someType produces a value or not"; ts-node README,
// `transpileOnly`: "Use TypeScript's faster transpileModule"). Such a run fails with "Cannot find
// module" where `pulumi preview` runs on: the check then compiles that program as the host does.
import * as fs from "fs";
import * as path from "path";
import type { ProgramFailure, ProgramRun } from "./language-host";
import { missingModule } from "./hints";
import { hostTsconfig, tsconfigPathAliases } from "./tsconfig-setting";
import { packageNameOf, resolvePackageJson } from "./versions";
import { undefinedValueNote, missingMemberNote, TYPESCRIPT_FILE } from "./runtime-type-errors";

export interface TypesOnlyModule {
  /** The specifier the program imports (`aws-lambda`, `./types`). */
  readonly specifier: string;
  /** The program file that imports it. */
  readonly importer: string;
  /** Where its declarations are: the DefinitelyTyped package's name, or the `.d.ts` file. */
  readonly declarations: string;
}

/** The DefinitelyTyped package of a package (`@scope/pkg` → `@types/scope__pkg`). */
export function typesPackage(name: string): string {
  return name.startsWith("@") ? `@types/${name.slice(1).replace("/", "__")}` : `@types/${name}`;
}

/**
 * The module a failed run could not load when only type declarations exist for it: a package
 * that is not installed but whose `@types/` package is, or a relative path with only a `.d.ts`
 * file. Only a TypeScript importer counts (a JavaScript file's `require` is never left out).
 */
export function typesOnlyModule(failure: ProgramFailure | undefined): TypesOnlyModule | undefined {
  if (failure?.kind !== "error") return undefined;
  const specifier = missingModule(failure.message);
  const importer = /\nRequire stack:\n- ([^\n]+)/.exec(failure.message)?.[1];
  if (!specifier || !importer || !TYPESCRIPT_FILE.test(importer)) return undefined;
  const from = path.dirname(importer);
  if (specifier.startsWith(".")) {
    const base = path.resolve(from, specifier);
    const dts = [`${base}.d.ts`, path.join(base, "index.d.ts")].find((f) => fs.existsSync(f));
    return dts ? { specifier, importer, declarations: dts } : undefined;
  }
  if (specifier.startsWith("node:") || path.isAbsolute(specifier)) return undefined;
  const name = packageNameOf(specifier);
  if (resolvePackageJson(name, from)) return undefined;
  const types = typesPackage(name);
  return resolvePackageJson(types, from) ? { specifier, importer, declarations: types } : undefined;
}

/** The report's note on a program compiled with type-checking for that reason. */
export function typeCheckedNote(m: TypesOnlyModule, pwd: string): string {
  const shown = (f: string) => (path.isAbsolute(f) ? path.relative(pwd, f) : f);
  return (
    `${shown(m.importer)} imports "${m.specifier}", which has only type declarations ` +
    `(${shown(m.declarations)}) and no JavaScript: \`pulumi preview\` type-checks the program ` +
    "by default and TypeScript leaves such a type-only import out, so the check compiled it " +
    "the same way (as --type-check does). A build that compiles file by file (transpile-only, " +
    'swc, esbuild) keeps it and fails: write `export type { ... } from "' +
    `${m.specifier}"\` to make it type-only everywhere`
  );
}

/**
 * TypeScript 6's TS5011 from a compile of one file: with an `outDir` and no `rootDir`, TypeScript
 * 6 wants `rootDir` set when the common source directory of the files it compiles differs from
 * the tsconfig's folder (https://aka.ms/ts6). A file-by-file compile of `src/site.ts` computes
 * `./src`; the type-checking compile `pulumi preview` does sees every file of the program
 * (`index.ts` beside `src/`) and computes the tsconfig's folder, so it raises nothing.
 */
export function singleFileRootDir(failure: ProgramFailure | undefined): boolean {
  return failure?.kind === "error" && /\berror TS5011\b/.test(failure.message);
}

/** TypeScript's TS2307 (`Cannot find module 'x'`): the compile did not see a module Node loads. */
export function cannotFindModule(failure: ProgramFailure | undefined): boolean {
  return failure?.kind === "error" && /\berror TS2307\b/.test(failure.message);
}

/**
 * A type-checked run of a program that installed nothing, failed with TS2307 on a package the
 * check lends it: its tsconfig's own `compilerOptions` (a `paths` setting) reach ts-node as
 * explicit options, which win over TS_NODE_COMPILER_OPTIONS in ts-node 10 (its
 * configuration.js applies the options given to `register` after the environment's), so the
 * lent folder never reaches TypeScript's module resolution. That is no error of the program:
 * the failure says so and how to type-check it. Undefined for any other run.
 */
export function lentModuleNotFound(
  run: Pick<ProgramRun, "failure" | "sdk">,
  pwd: string,
  fallbackModulesDir: string | undefined,
): ProgramFailure | undefined {
  const failure = run.failure;
  if (run.sdk.own || !fallbackModulesDir || !failure || !cannotFindModule(failure))
    return undefined;
  const specifier = /\berror TS2307: Cannot find module '([^']+)'/.exec(failure.message)?.[1];
  if (!specifier || specifier.startsWith(".") || path.isAbsolute(specifier)) return undefined;
  const name = packageNameOf(specifier);
  if (resolvePackageJson(name, pwd) || !resolvePackageJson(name, fallbackModulesDir)) {
    return undefined;
  }
  // Only the case described: the import itself resolves from the lent folder, and the program's
  // tsconfig (the one the host reads: its top-level compilerOptions) sets `paths`.
  try {
    require.resolve(specifier, { paths: [fallbackModulesDir] });
  } catch {
    return undefined;
  }
  // As TypeScript reads it: a commented-out `paths` is none, an `extends` base's counts.
  const tsconfig = hostTsconfig(pwd, undefined);
  if (!tsconfig || !tsconfigPathAliases(tsconfig)) return undefined;
  return {
    kind: "error",
    message:
      `the type-check could not resolve "${name}", a package the check lends this program ` +
      "(it installed none): the program's tsconfig sets its own module resolution (`paths`), " +
      "and neither its substitutions nor the lent folder, tried after them, resolved it. Install the program's dependencies " +
      "(`npm install` beside its package.json) to type-check it, or check it without " +
      `--type-check (${/\berror TS2307: [^\n]*/.exec(failure.message)?.[0] ?? "TS2307"})`,
    detail: failure.message,
  };
}

/**
 * Why a transpile-only run failed where the type-checking compile of `pulumi preview` would not:
 * the report's note, or undefined.
 */
export function transpileOnlyFailure(
  failure: ProgramFailure | undefined,
  pwd: string,
  fallbackModulesDir?: string,
): string | undefined {
  const typesOnly = typesOnlyModule(failure);
  if (typesOnly) return typeCheckedNote(typesOnly, pwd);
  if (!singleFileRootDir(failure)) {
    return missingMemberNote(failure, pwd, fallbackModulesDir) ?? undefinedValueNote(failure, pwd);
  }
  return (
    "TypeScript 6 refused a file compiled on its own (TS5011: an outDir without rootDir, and " +
    "that file's folder is not the tsconfig's), which `pulumi preview`, compiling the whole " +
    "program with type-checking, does not: the check compiled it the same way (as --type-check " +
    'does). A build that compiles file by file fails: set "rootDir" in the tsconfig'
  );
}

/**
 * The hint for a run that failed so and was not compiled again (it had registered resources
 * first): the user's way to a faithful run.
 */
export function typesOnlyHint(message: string): string {
  const m = typesOnlyModule({ kind: "error", message });
  if (!m) return "";
  return (
    `\n"${m.specifier}" has only type declarations (${m.declarations}) and no JavaScript: ` +
    "`pulumi preview` type-checks the program and leaves a type-only import out, but this run " +
    "compiled file by file, which keeps it. Run the check with --type-check, or write " +
    `\`export type { ... } from "${m.specifier}"\``
  );
}
