// The offline check as a user runs it (`npm run check -- <args>`), in a child process from the
// project root, for the tests that judge what the command line itself decides: exit codes, report
// files, messages. Those tests judge with the in-process runner (`--judge runner`, proven identical
// to the policy pack's process by the differential test) unless they name a judge: starting the
// pack's process for every command would only repeat what test/tools/analyzer.spec.ts covers.
// The other tools (cost, diagram, bench, native-names) run the same way, by their npm script.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the project's npm script `name` (package.json) with `args`, as `npm run <name> -- <args>`
 * would but without npm in between: the script's own command line, its `node` the one running the
 * tests; `env` adds to its environment.
 */
export function runScript(
  name: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;
  const [command, ...scriptArgs] = String(scripts?.[name] ?? "").split(/\s+/);
  if (command !== "node") {
    throw new Error(`package.json: script '${name}' is not a node command line: ${command}`);
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...scriptArgs, ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: "0", ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export function cli(...args: string[]): Promise<CliRun> {
  const judged =
    args.some((a) => a === "--judge" || a.startsWith("--judge=")) || args.includes("--help");
  return runScript("check", [...args, ...(judged ? [] : ["--judge", "runner"])]);
}
