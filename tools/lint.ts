// `npm run lint`: ESLint, then Prettier's check, over the whole project.
//
// ESLint here is type-aware (typescript-eslint's no-floating-promises, Pulumi's Output rules), so
// it builds the whole TypeScript program, about 20 s of CPU, and ESLint's own `--cache` would be
// unsound: it re-lints only the files that changed, yet a change to one file can change another
// file's findings (a function that now returns a Promise makes its callers' floating promises).
// So the cache here is all or nothing: a fingerprint of every input (the content of every file of
// the project that git does not ignore, tracked or not, and the installed packages' lock file) is
// kept after a clean run, and a run with the same fingerprint is known to find nothing again.
// Any change anywhere lints everything. Without git, or with LINT_NO_CACHE set, it always lints.
//
// Prettier keeps its own cache, per file and by content (sound: a file's format depends on the
// file alone and the options, which key the cache).
//
// `--typecheck` (what `npm test` runs) type-checks first, exactly as `npm run build` does
// (`tsc --noEmit -p tsconfig.json`, with the same incremental build info), and hands that very
// TypeScript program to ESLint's type-aware rules (typescript-eslint's `parserOptions.programs`,
// https://typescript-eslint.io/packages/parser/#programs) instead of letting ESLint build the
// same program again from tsconfig.json: the program (every file of the project and the declarations
// of @pulumi/aws it imports) is most of the cost of each, and the types the check resolved are the
// ones the rules ask for.
import { execFileSync, spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import type * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(ROOT, ".cache", "lint");
const FINGERPRINT = path.join(CACHE, "eslint-clean.sha256");

/** Every input of the lint, hashed; undefined when the project's files cannot be listed. */
export function fingerprint(root: string): string | undefined {
  let listed: string;
  try {
    listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
  const hash = crypto.createHash("sha256");
  const files = [...new Set(listed.split("\0").filter(Boolean))].sort();
  const installed = path.join("node_modules", ".package-lock.json");
  for (const file of [...files, installed]) {
    let content: Buffer;
    try {
      content = fs.readFileSync(path.join(root, file));
    } catch {
      content = Buffer.from("(missing)"); // listed but deleted, not yet staged
    }
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  hash.update(`node ${process.version}`);
  return hash.digest("hex");
}

function run(bin: string, args: string[]): number {
  const file = path.join(ROOT, "node_modules", ".bin", bin);
  const r = spawnSync(file, args, { cwd: ROOT, stdio: "inherit" });
  if (r.error) {
    process.stderr.write(`lint: could not start ${bin}: ${r.error.message}\n`);
    return 2;
  }
  return r.status ?? 1;
}

/** ESLint as its command line runs it (`eslint .`, the default formatter), in this process. */
async function lintFiles(program: ts.Program | undefined): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ESLint } = require("eslint") as typeof import("eslint");
  const overrideConfig = program
    ? { languageOptions: { parserOptions: { programs: [program], project: null } } }
    : undefined;
  const linter = new ESLint({ cwd: ROOT, overrideConfig });
  const results = await linter.lintFiles(["."]);
  const text = await (await linter.loadFormatter("stylish")).format(results);
  if (text) process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  return results.some((r) => r.errorCount > 0 || r.fatalErrorCount > 0) ? 1 : 0;
}

async function eslint(program?: ts.Program): Promise<number> {
  const useCache = !process.env.LINT_NO_CACHE;
  const before = useCache ? fingerprint(ROOT) : undefined;
  if (before && fs.existsSync(FINGERPRINT) && fs.readFileSync(FINGERPRINT, "utf8") === before) {
    process.stdout.write("eslint: no input changed since its last clean run, nothing to lint\n");
    return 0;
  }
  let code: number;
  try {
    code = await lintFiles(program);
  } catch (err) {
    process.stderr.write(
      `lint: ESLint could not run: ${err instanceof Error ? err.message : err}\n`,
    );
    return 2;
  }
  // Kept only when nothing changed during the run, so the fingerprint is of what was linted.
  if (code === 0 && before && fingerprint(ROOT) === before) {
    try {
      fs.mkdirSync(CACHE, { recursive: true });
      fs.writeFileSync(FINGERPRINT, before);
    } catch {
      // best effort: the next run lints again
    }
  }
  return code;
}

/**
 * `tsc --noEmit -p tsconfig.json --incremental --tsBuildInfoFile .cache/tsc/platform.tsbuildinfo`
 * (`npm run build`) through TypeScript's API: its diagnostics as tsc prints them into a pipe (`report`, empty
 * when there are none), and the program it checked. Exit code 2 with errors, as tsc's.
 */
export function typeCheck(root: string): { code: number; program: ts.Program; report: string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const typescript = require("typescript") as typeof ts;
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
  };
  const configProblems: ts.Diagnostic[] = [];
  const parsed = typescript.getParsedCommandLineOfConfigFile(
    path.join(root, "tsconfig.json"),
    {
      noEmit: true,
      incremental: true,
      tsBuildInfoFile: path.join(root, ".cache", "tsc", "platform.tsbuildinfo"),
    },
    { ...typescript.sys, onUnRecoverableConfigFileDiagnostic: (d) => configProblems.push(d) },
  );
  if (!parsed) {
    throw new Error(
      `tsconfig.json could not be read: ${typescript.formatDiagnostics(configProblems, host)}`,
    );
  }
  const builder = typescript.createIncrementalProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    projectReferences: parsed.projectReferences,
    configFileParsingDiagnostics: typescript.getConfigFileParsingDiagnostics(parsed),
  });
  const diagnostics = [
    ...builder.getConfigFileParsingDiagnostics(),
    ...builder.getOptionsDiagnostics(),
    ...builder.getGlobalDiagnostics(),
    ...builder.getSyntacticDiagnostics(),
    ...builder.getSemanticDiagnostics(),
  ];
  builder.emit(); // under noEmit, only the build info the next run starts from
  const report =
    diagnostics.length > 0
      ? `${typescript.formatDiagnostics(diagnostics, host)}\n` +
        `Found ${diagnostics.length} error(s).\n`
      : "";
  return { code: diagnostics.length > 0 ? 2 : 0, program: builder.getProgram(), report };
}

async function main(): Promise<void> {
  let program: ts.Program | undefined;
  if (process.argv.includes("--typecheck")) {
    const checked = typeCheck(ROOT);
    program = checked.program;
    process.stdout.write(checked.report);
    process.stdout.write(`type-check: ${checked.code === 0 ? "no errors" : "FAILED"}\n`);
    // A failed type-check fails the run; the lint still runs, so one run reports every problem.
    if (checked.code !== 0) process.exitCode = checked.code;
  }
  const code = await eslint(program);
  if (code !== 0) {
    process.exitCode = code;
    return;
  }
  const cacheLocation = path.join(".cache", "prettier", "cache.json");
  const formatted = run("prettier", ["--check", "--cache", "--cache-location", cacheLocation, "."]);
  if (formatted !== 0) process.exitCode = formatted;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(
      `lint could not run: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exitCode = 2;
  });
}
