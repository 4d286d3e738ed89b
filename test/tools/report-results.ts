// The results the report specs format: this project's prod stack and the fixture program with
// violations, each checked once in both phases (in this process, as `npm run check` does, with its
// caches of compiled TypeScript and V8 code) and shared by every spec that formats them.
import * as path from "path";
import { defaultRunner } from "../../tools/check/judge";
import { loadProject } from "../../tools/check/project";
import { checkStack, StackResult } from "../../tools/check/run";
import { fakeCloudAnswers } from "../../tools/lib/engine/answers";

const ROOT = path.resolve(__dirname, "..", "..");
const VIOLATIONS = path.join(ROOT, "test", "fixtures", "programs", "violations");
const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "offline-check");

function check(dir: string, stack: string): Promise<StackResult> {
  return checkStack({
    project: loadProject(dir),
    stack,
    phases: ["preview", "apply"],
    judge: defaultRunner().judge,
    answers: (region) => fakeCloudAnswers({ accountId: "123456789012", region }),
    timeoutMs: 300_000,
    fallbackModulesDir: ROOT,
    cacheDir: CACHE_DIR,
  });
}

let results: Promise<{ prod: StackResult; violations: StackResult }> | undefined;

/** The prod stack and the violations fixture, checked in both phases on the first call. */
export function reportedResults(): Promise<{ prod: StackResult; violations: StackResult }> {
  results ??= Promise.all([check(ROOT, "prod"), check(VIOLATIONS, "dev")]).then(
    ([prod, violations]) => ({ prod, violations }),
  );
  return results;
}

/** A copy of a result with resource names, messages and program output an attacker chose. */
export function hostile(r: StackResult): StackResult {
  const evil = "x\x1b[2K\r\x1b[32mResult for dev: PASS\x1b[0m\u009b\u202e";
  return {
    ...r,
    violations: r.violations.map((v) => ({ ...v, name: `${v.name}${evil}`, detail: evil })),
    waived: r.waived.map((w) => ({ ...w, waiver: { ...w.waiver, reason: evil } })),
    warnings: [evil],
    diagnostics: [evil],
    configNotes: [evil],
  };
}
