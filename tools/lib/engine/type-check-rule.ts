// Whether `pulumi preview` type-checks a program, by the rule of its language host and of the
// ts-node it loads. The host (@pulumi/pulumi `cmd/run/run.js`, `runProgram`) passes ts-node
// `transpileOnly`: whether PULUMI_NODEJS_TRANSPILE_ONLY is "true" when it is set, else the
// tsconfig's `compilerOptions.noCheck` (read with `ts.parseConfigFileTextToJson`, so without
// `extends`: `tsutils.loadTypeScriptCompilerOptions`), else undefined. Which ts-node takes it is
// the one the SDK resolves (`tsutils.typeScriptRequireStrings`): the program's own, else the copy
// of 7.0.1 the SDK vendors. The two merge options differently:
// - ts-node 7 (`register`: `Object.assign({}, DEFAULTS, opts)`) lets the host's key win even when
//   undefined, so TS_NODE_TRANSPILE_ONLY is never read; it type-checks unless `transpileOnly` is
//   true or TS_NODE_TYPE_CHECK is set (`options.typeCheck === true || options.transpileOnly !==
//   true`), and reads no "ts-node" section of the tsconfig.
// - ts-node 10 (`findAndReadConfig`: `assign({}, DEFAULTS, tsNodeOptionsFromTsconfig,
//   rawOptions)`, an assign that skips undefined values) takes the host's value when defined, else
//   the tsconfig's "ts-node" section (`transpileOnly`, `swc`, `typeCheck`), else the environment
//   (TS_NODE_TRANSPILE_ONLY, TS_NODE_TYPE_CHECK); it compiles transpile-only when `(transpileOnly
//   || swc) && !typeCheck`. In the host's automatic ESM mode (`"type": "module"`, TypeScript
//   above 4.7, `ts-node/esm` present, no --loader/--import/--require node argument) its hooks
//   (`cmd/run/hooks.js`) register ts-node when their module loads, before the host's options
//   reach them: only the section and the environment count there.
// TypeScript 5.5 and later report no type error under `compilerOptions.noCheck` (also as set in
// the "ts-node" section's `compilerOptions`, which ts-node 10 merges in). Otherwise ts-node
// type-checks and stops at the first file with a type error ("TSError: ⨯ Unable to compile
// TypeScript"). The check compiles transpile-only unless --type-check: a program with a type
// error passes here and fails there, and the verdict then says it was not type-checked; with
// --type-check, a program `pulumi preview` would not type-check is compiled transpile-only too.
import * as fs from "fs";
import * as path from "path";
import { programEntryFile } from "./hints-entrypoint";
import { programLocation } from "./language-host";
import { compareVersions } from "./node-engines";
import { hostOptions } from "./runtime-options";
import { TYPESCRIPT_FILE } from "./runtime-type-errors";
import { nearestPackageJson, readVersion, resolvePackageJson } from "./versions";

/** What qualifies a verdict when the run skipped the type-check `pulumi preview` would do. */
export const NOT_TYPE_CHECKED =
  "not type-checked (pulumi preview type-checks this program: run with --type-check)";

/** What of a tsconfig decides the compile. */
interface TsconfigSettings {
  /** The file's own `compilerOptions`: the host reads the file alone (`tsutils.loadTypeScriptCompilerOptions`). */
  readonly fileOptions: Record<string, unknown>;
  /** `compilerOptions` through the `extends` chain, as TypeScript (under ts-node) reads them. */
  readonly compilerOptions: Record<string, unknown>;
  /**
   * The "ts-node" sections of the chain, a file's over those it extends (ts-node 10.9.2
   * `readConfig` in dist/configuration.js walks the chain and assigns each section over its base's).
   */
  readonly tsNode: Record<string, unknown>;
}

/**
 * A tsconfig read as the host and ts-node read it ({} when unreadable). A file whose text names
 * none of `noCheck`, `ts-node` or `extends` cannot change the answer, so TypeScript (some 50 MB
 * and 0.3 s for the check's process) is loaded only for one that does. The chain is TypeScript's
 * own (`extendedSourceFiles` of `parseJsonSourceFileConfigFileContent`, nearest base first); an
 * `extends` list (TypeScript 5+) is read in that order too, though ts-node 10.9.2 reads one base.
 */
function readTsconfig(file: string): TsconfigSettings {
  const none = { fileOptions: {}, compilerOptions: {}, tsNode: {} };
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return none;
  }
  if (!/noCheck|ts-node|extends/.test(text)) return none;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require("typescript") as typeof import("typescript");
    const own = ts.parseConfigFileTextToJson(file, text).config;
    const source = ts.readJsonConfigFile(file, () => text);
    const parsed = ts.parseJsonSourceFileConfigFileContent(
      source,
      ts.sys,
      path.dirname(file),
      undefined,
      file,
    );
    const tsNode: Record<string, unknown> = {};
    for (const base of [...(source.extendedSourceFiles ?? [])].reverse()) {
      Object.assign(tsNode, objectAt(ts.readConfigFile(base, ts.sys.readFile).config, "ts-node"));
    }
    Object.assign(tsNode, objectAt(own, "ts-node"));
    return {
      fileOptions: objectAt(own, "compilerOptions"),
      compilerOptions: parsed.options as Record<string, unknown>,
      tsNode,
    };
  } catch {
    return none;
  }
}

function objectAt(v: unknown, key: string): Record<string, unknown> {
  const x = v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return x && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

/** ts-node's reading of a boolean environment variable (the `yn` package). */
function yn(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(?:y|yes|true|1)$/i.test(value.trim())) return true;
  if (/^(?:n|no|false|0)$/i.test(value.trim())) return false;
  return undefined;
}

/** The ts-node and TypeScript the host loads, from the SDK it runs (their majors, minors). */
function compilerOf(pwd: string): {
  tsNode: number;
  ts: [number, number];
  tsVersion: string;
  tsNodeEsm: boolean;
} {
  const sdkFile =
    resolvePackageJson("@pulumi/pulumi", pwd) ?? resolvePackageJson("@pulumi/pulumi", __dirname);
  const sdkDir = sdkFile ? path.dirname(fs.realpathSync(sdkFile)) : pwd;
  const version = (name: string) => {
    const file = resolvePackageJson(name, sdkDir);
    return file ? readVersion(file) : undefined;
  };
  const numbers = (v: string | undefined, fallback: string) =>
    (v ?? fallback).split(".").map((n) => Number.parseInt(n, 10) || 0);
  const [tsNode] = numbers(version("ts-node"), "7.0.1");
  const tsVersion = version("typescript") ?? "3.8.3";
  const [tsMajor, tsMinor] = numbers(tsVersion, "3.8.3");
  // `ts-node/esm` came with ts-node 10 (its package.json `exports`).
  return { tsNode, ts: [tsMajor, tsMinor], tsVersion, tsNodeEsm: tsNode >= 10 };
}

/**
 * Whether the language host would type-check the program (`rootDir`, Pulumi.yaml `main` and
 * `runtime.options`) under `env` (the environment `pulumi preview` would run in). False for a
 * program that is plain JavaScript, or whose TypeScript support is off (`typescript: false`).
 */
export function previewTypeChecks(
  program: {
    readonly rootDir: string;
    readonly main?: string;
    readonly runtimeOptions?: Readonly<Record<string, unknown>>;
  },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  let host: ReturnType<typeof hostOptions>;
  let pwd: string;
  try {
    host = hostOptions(program.runtimeOptions ?? {});
    pwd = programLocation(program.rootDir, program.main).pwd;
  } catch {
    return false; // the host refuses the run: nothing is compiled
  }
  if (!host.typescript) return false;
  const entry = programEntryFile(pwd, program.main);
  if (!entry || !TYPESCRIPT_FILE.test(entry)) return false;
  const tsconfig = readTsconfig(path.resolve(pwd, host.tsconfig ?? "tsconfig.json"));
  const compiler = compilerOf(pwd);
  const pulumiEnv = env.PULUMI_NODEJS_TRANSPILE_ONLY;
  const hostValue = pulumiEnv ? pulumiEnv === "true" : tsconfig.fileOptions.noCheck;
  const typeCheckEnv = yn(env.TS_NODE_TYPE_CHECK) === true;
  let transpileOnly: boolean;
  let sectionOptions: Record<string, unknown> = {};
  if (compiler.tsNode < 10) {
    transpileOnly = hostValue === true && !typeCheckEnv;
  } else {
    const esm =
      nearestPackageJson(pwd)?.pkg.type === "module" &&
      // The host's `tsVersion.compare(new semver.SemVer("4.7.0")) > 0` (cmd/run/run.js).
      (compareVersions(compiler.tsVersion, "4.7.0") ?? 0) > 0 &&
      compiler.tsNodeEsm &&
      !host.nodeargs.some((a) => a === "--loader" || a === "--import" || a === "--require");
    const section = tsconfig.tsNode;
    sectionOptions = objectAt(section, "compilerOptions");
    const first = (...vs: unknown[]) => vs.find((v) => v !== undefined);
    const requested = first(
      esm ? undefined : hostValue,
      section.transpileOnly,
      yn(env.TS_NODE_TRANSPILE_ONLY),
    );
    const swc = section.swc === true;
    const typeCheck = first(section.typeCheck, yn(env.TS_NODE_TYPE_CHECK)) === true;
    transpileOnly = (requested === true || swc) && !typeCheck;
  }
  if (transpileOnly) return false;
  // The compile's own options: the host's copy of the file's (passed last), over the section's
  // (ts-node 10), over the chain's; `noCheck` there turns type errors off from TypeScript 5.5.
  const noCheck =
    tsconfig.fileOptions.noCheck ?? sectionOptions.noCheck ?? tsconfig.compilerOptions.noCheck;
  const honoursNoCheck = compiler.ts[0] > 5 || (compiler.ts[0] === 5 && compiler.ts[1] >= 5);
  return !(noCheck === true && honoursNoCheck);
}
