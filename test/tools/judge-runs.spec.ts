// How each run of a check is configured for its judge (tools/check/run.ts, tools/check/judge.ts):
// as the CLI configures the pack of each deployment, a preview is a dry run and `pulumi up`'s
// update is not. The pack's process is stood in for where only what it is told matters (its
// protocol is covered by test/tools/analyzer.spec.ts).
import { expect } from "chai";
import * as path from "path";
import * as analyzerModule from "../../tools/lib/engine/analyzer";
import type { AnalyzeContext } from "../../tools/lib/engine/analyzer-types";
import { fakeCloudAnswers } from "../../tools/lib/engine/answers";
import { defaultRunner, startJudge } from "../../tools/check/judge";
import { loadProject } from "../../tools/check/project";
import { checkStack, Judge, JudgeContext } from "../../tools/check/run";
import { CACHE_DIR, FIXTURES, ROOT } from "./program-runs";

const PACK_DIR = path.join(ROOT, "policy-pack");
const CTX = { project: "platform", stack: "prod", config: {}, configSecretKeys: [] };

/** Replaces `Analyzer.start` while `body` runs with a pack that records each run's dry-run flag. */
async function withStandInPack(body: (runs: string[]) => Promise<void>): Promise<void> {
  const real = analyzerModule.Analyzer.start;
  const runs: string[] = [];
  (analyzerModule.Analyzer as any).start = async () => ({
    levels: new Map<string, string>(),
    unknownPolicies: [],
    info: { policies: [] },
    startupMs: 1,
    analyze: async (ctx: AnalyzeContext) => (runs.push(`analyze ${ctx.dryRun}`), []),
    begin: (ctx: AnalyzeContext) => {
      runs.push(`begin ${ctx.dryRun}`);
      return { add() {}, finish: async () => [], abandon() {} };
    },
    close: async () => undefined,
  });
  try {
    await body(runs);
  } finally {
    (analyzerModule.Analyzer as any).start = real;
  }
}

describe("offline check: each run configured as the CLI configures its deployment", () => {
  it("tells the pack's process a run is a dry run unless the run says it is the update", async () => {
    await withStandInPack(async (runs) => {
      const started = startJudge("pack", { packDir: PACK_DIR });
      const judge = await started.judge;
      await judge.analyze(CTX, []);
      judge.begin!(CTX).abandon();
      await judge.analyze({ ...CTX, dryRun: false }, []);
      judge.begin!({ ...CTX, dryRun: false }).abandon();
      await started.close();
      expect(runs).to.deep.equal(["analyze true", "begin true", "analyze false", "begin false"]);
    });
  });

  it("judges the preview phase as a dry run and the apply phase as the update", async function () {
    this.timeout(240_000);
    const runner = await defaultRunner().judge;
    const seen: string[] = [];
    const recording: Judge = {
      ...runner,
      analyze: (ctx: JudgeContext, resources) => {
        seen.push(`${ctx.dryRun}`);
        return runner.analyze(ctx, resources);
      },
    };
    const result = await checkStack({
      project: loadProject(path.join(FIXTURES, "compliant")),
      stack: "dev",
      phases: ["preview", "apply"],
      judge: recording,
      answers: (region, account) =>
        fakeCloudAnswers({ accountId: account ?? "123456789012", region }),
      timeoutMs: 120_000,
      fallbackModulesDir: ROOT,
      cacheDir: CACHE_DIR,
    });
    expect(result.phases.map((p) => p.phase)).to.deep.equal(["preview", "apply"]);
    expect(seen).to.deep.equal(["true", "false"]);
  });
});
