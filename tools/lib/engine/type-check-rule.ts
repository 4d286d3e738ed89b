// Whether `pulumi preview` type-checks a program, by the rule of its language host. The host
// compiles TypeScript with ts-node (@pulumi/pulumi `cmd/run/run.js`, `runProgram`): with
// PULUMI_NODEJS_TRANSPILE_ONLY set, `transpileOnly` is whether it is "true"; otherwise it is the
// tsconfig's `compilerOptions.noCheck` (read with `ts.parseConfigFileTextToJson`, so without
// `extends`: `tsutils.loadTypeScriptCompilerOptions`); otherwise ts-node's default, which is to
// type-check, and ts-node stops at the first file with a type error ("TSError: ⨯ Unable to
// compile TypeScript"). The check compiles transpile-only unless --type-check: a program with a
// type error passes here and fails there. The verdict then says it was not type-checked.
import * as fs from "fs";
import * as path from "path";
import { programEntryFile } from "./hints-entrypoint";
import { programLocation } from "./language-host";
import { hostOptions } from "./runtime-options";
import { TYPESCRIPT_FILE } from "./runtime-type-errors";

/** What qualifies a verdict when the run skipped the type-check `pulumi preview` would do. */
export const NOT_TYPE_CHECKED =
  "not type-checked (pulumi preview type-checks this program: run with --type-check)";

/**
 * Whether a tsconfig sets `compilerOptions.noCheck`, read as the host reads it (false when
 * unreadable). The host reads the file alone (no `extends`), so a file whose text never names
 * the option cannot set it: TypeScript (some 50 MB and 0.3 s for the check's process) is loaded
 * only to read a file that does.
 */
function setsNoCheck(file: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return false;
  }
  return text.includes("noCheck") && Boolean(compilerOptionsOf(file, text).noCheck);
}

/** `compilerOptions` of a tsconfig's `text` as the host reads them: {} when unreadable. */
function compilerOptionsOf(file: string, text: string): Record<string, unknown> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require("typescript") as typeof import("typescript");
    const parsed = ts.parseConfigFileTextToJson(file, text);
    const options = parsed.config?.compilerOptions;
    return options && typeof options === "object" ? options : {};
  } catch {
    return {};
  }
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
  const transpileOnly = env.PULUMI_NODEJS_TRANSPILE_ONLY;
  if (transpileOnly) return transpileOnly !== "true";
  return !setsNoCheck(path.resolve(pwd, host.tsconfig ?? "tsconfig.json"));
}
