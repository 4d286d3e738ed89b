// Records what a program registers for a stack, the way the offline check sees it at preview:
// the stack's committed config (Pulumi.<stack>.yaml over Pulumi.yaml defaults, plus overrides),
// the program's own language host against the offline engine (./engine), the engine's root stack
// and default providers. The cost estimate and the diagram both read this recording, so they
// describe the same program the policy pack checks. Recordings are cached per process.
import * as path from "path";
import { loadProject, loadStackConfig, stackProgram } from "../check/project";
import { fakeCloudAnswers, Phase } from "./engine/answers";
import { ProgramFailure, runProgram } from "./engine/language-host";
import type { Recording } from "./recorder";
import { inProgramOrder } from "./resource-index";

export const ROOT = path.resolve(__dirname, "..", "..");
/** Account the offline engine answers for (AWS's documentation example account). */
export const OFFLINE_ACCOUNT_ID = "123456789012";

/**
 * Config overrides that turn on what the committed stacks leave off (a GitHub source with its
 * connection, the GitHub Actions OIDC roles, backups, the application database, the test server,
 * the AI environment), so tests can check the estimate and the diagram cover those resources too.
 */
export const OPTIONAL_FEATURES: Readonly<Record<string, unknown>> = {
  "platform:sourceProvider": "github",
  "platform:githubRepository": "example/app",
  "platform:githubOidcRepository": "example/platform",
  "platform:backupEnabled": true,
  "platform:databaseEnabled": true,
  "platform:testServerEnabled": true,
  "platform:aiEnvironmentEnabled": true,
  "platform:aiVpcCidr": "10.99.0.0/16",
};

/** The program failed while it was being recorded. */
export class RecordingError extends Error {
  constructor(readonly failure: ProgramFailure) {
    super(
      failure.message +
        (failure.location ? ` (${failure.location.file}:${failure.location.line})` : ""),
    );
    this.name = "RecordingError";
  }
}

const cache = new Map<string, Promise<Recording>>();

/** Runs the program of `dir` (default: this project) for `stack` and records every resource. */
export function recordStack(
  stack: string,
  opts: {
    readonly dir?: string;
    readonly overrides?: Record<string, unknown>;
    readonly phase?: Phase;
  } = {},
): Promise<Recording> {
  const dir = path.resolve(opts.dir ?? ROOT);
  const phase = opts.phase ?? "preview";
  const key = JSON.stringify([dir, stack, phase, opts.overrides ?? {}]);
  const cached = cache.get(key);
  if (cached) return cached;
  const run = (async () => {
    const project = loadProject(dir);
    const file = loadStackConfig(project, stack, { allowMissing: true });
    const config: Record<string, string> = { ...file.values };
    for (const [k, v] of Object.entries(opts.overrides ?? {})) {
      config[k] = typeof v === "string" ? v : JSON.stringify(v);
    }
    const result = await runProgram({
      ...stackProgram(project, stack, { values: config, secretKeys: file.secretKeys }),
      phase,
      answers: fakeCloudAnswers({
        accountId: OFFLINE_ACCOUNT_ID,
        region: config["aws:region"] ?? "us-east-1",
      }),
      timeoutMs: 300_000,
      fallbackModulesDir: ROOT,
      cacheDir: path.join(ROOT, "node_modules", ".cache", "offline-check"),
    });
    if (result.failure) throw new RecordingError(result.failure);
    return { stack, preview: phase === "preview", resources: inProgramOrder(result.resources) };
  })();
  cache.set(key, run);
  run.catch(() => cache.delete(key));
  return run;
}
