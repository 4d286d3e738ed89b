// The offline check as a user runs it (`npm run check -- <args>`), in a child process from the
// project root, for the tests that judge what the command line itself decides: exit codes, report
// files, messages. Those tests judge with the in-process runner (`--judge runner`, proven identical
// to the policy pack's process by the differential test) unless they name a judge: starting the
// pack's process for every command would only repeat what test/tools/analyzer.spec.ts covers.
import { execFile } from "child_process";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function cli(...args: string[]): Promise<CliRun> {
  const judged =
    args.some((a) => a === "--judge" || a.startsWith("--judge=")) || args.includes("--help");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        "--max-semi-space-size=128",
        "tools/run.js",
        "tools/check.ts",
        ...args,
        ...(judged ? [] : ["--judge", "runner"]),
      ],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: "0" } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
