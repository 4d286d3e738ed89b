// The judges of a check's phases (tools/check/judge.ts, `startPhaseJudges`): one policy pack per
// phase, as the CLI starts one per deployment, the update's told it is no dry run; the pack's
// process is stood in for here (its protocol is covered by test/tools/analyzer.spec.ts), so what
// is tested is which pack each phase gets and what each is told.
import { expect } from "chai";
import * as path from "path";
import * as analyzerModule from "../../tools/lib/engine/analyzer";
import type { AnalyzeContext } from "../../tools/lib/engine/analyzer-types";
import { startPhaseJudges } from "../../tools/check/judge";

const PACK_DIR = path.resolve(__dirname, "..", "..", "policy-pack");

interface Started {
  readonly traceName?: string;
  readonly runs: { kind: string; dryRun: boolean; stack: string }[];
}

/** Replaces `Analyzer.start` while `body` runs with a pack that records what it is asked. */
async function withStandInPacks(
  body: (started: Started[]) => Promise<void>,
  refuse?: Error,
): Promise<void> {
  const real = analyzerModule.Analyzer.start;
  const started: Started[] = [];
  (analyzerModule.Analyzer as any).start = async (opts: {
    traceName?: string;
    configFile?: string;
  }) => {
    const me: Started = { traceName: opts.traceName, runs: [] };
    started.push(me);
    if (refuse) throw refuse;
    const report: never[] = [];
    return {
      levels: new Map<string, string>(),
      unknownPolicies: opts.configFile ? ["not-a-policy"] : [],
      info: { policies: [] },
      startupMs: 1,
      analyze: async (ctx: AnalyzeContext) => {
        me.runs.push({ kind: "analyze", dryRun: ctx.dryRun, stack: ctx.stack });
        return report;
      },
      begin: (ctx: AnalyzeContext) => {
        me.runs.push({ kind: "begin", dryRun: ctx.dryRun, stack: ctx.stack });
        return { add() {}, finish: async () => report, abandon() {} };
      },
      close: async () => undefined,
    };
  };
  try {
    await body(started);
  } finally {
    (analyzerModule.Analyzer as any).start = real;
  }
}

/** Stderr written while `body` runs. */
async function stderrOf(body: () => Promise<void>): Promise<string> {
  const write = process.stderr.write;
  let text = "";
  (process.stderr as any).write = (chunk: string) => ((text += chunk), true);
  try {
    await body();
  } finally {
    process.stderr.write = write;
  }
  return text;
}

const CTX = { project: "platform", config: {}, configSecretKeys: [] };

describe("offline check: a policy pack per phase", () => {
  it("starts one pack per phase, the apply phase's told it is no dry run, each judging its own phase", async () => {
    await withStandInPacks(async (started) => {
      const warned = await stderrOf(async () => {
        const judges = startPhaseJudges("pack", ["preview", "apply"], {
          packDir: PACK_DIR,
          configFile: "policy-config.json",
        });
        for (const stack of ["staging", "prod"]) {
          for (const phase of ["preview", "apply"] as const) {
            const judge = await judges.judgeOf(phase);
            judge.begin!({ ...CTX, stack }).abandon();
            await judge.analyze({ ...CTX, stack }, []);
          }
        }
        await judges.close();
      });
      expect(started.map((s) => s.traceName)).to.deep.equal(["pack:preview", "pack:apply"]);
      const runs = (s: Started) => s.runs.map((r) => `${r.kind} ${r.stack} ${r.dryRun}`);
      expect(runs(started[0])).to.deep.equal([
        "begin staging true",
        "analyze staging true",
        "begin prod true",
        "analyze prod true",
      ]);
      expect(runs(started[1])).to.deep.equal([
        "begin staging false",
        "analyze staging false",
        "begin prod false",
        "analyze prod false",
      ]);
      // The policy config's unknown names are reported once, not once per pack.
      expect(warned.match(/not-a-policy/g)).to.have.length(1);
    });
  });

  it("one phase gets one pack, named as before; the in-process runner serves every phase", async () => {
    await withStandInPacks(async (started) => {
      const apply = startPhaseJudges("pack", ["apply"], { packDir: PACK_DIR });
      await (await apply.judgeOf("apply")).analyze({ ...CTX, stack: "prod" }, []);
      await apply.close();
      expect(started.map((s) => s.traceName)).to.deep.equal(["pack"]);
      expect(started[0].runs).to.deep.equal([{ kind: "analyze", dryRun: false, stack: "prod" }]);

      const runner = startPhaseJudges("runner", ["preview", "apply"], { packDir: PACK_DIR });
      expect(runner.judgeOf("apply")).to.equal(runner.judgeOf("preview"));
      expect((await runner.judgeOf("apply")).kind).to.equal("runner");
      await runner.close();
      expect(started).to.have.length(1);
    });
  });

  it("starts the other phase's pack once the first is ready, and none when the first fails", async () => {
    await withStandInPacks(async (started) => {
      const judges = startPhaseJudges("pack", ["preview", "apply"], { packDir: PACK_DIR });
      const first = await judges.judgeOf("preview");
      // Ready, and the other not asked for yet: it starts after the first's start has returned.
      expect(started.map((s) => s.traceName)).to.deep.equal(["pack:preview"]);
      expect(first.kind).to.equal("pack");
      await judges.judgeOf("apply");
      expect(started.map((s) => s.traceName)).to.deep.equal(["pack:preview", "pack:apply"]);
      await judges.close();
    });
    const refused = new Error("policy config refused");
    await withStandInPacks(async (started) => {
      const judges = startPhaseJudges("pack", ["preview", "apply"], { packDir: PACK_DIR });
      for (const phase of ["preview", "apply"] as const) {
        const outcome = await judges.judgeOf(phase).then(
          () => "ready",
          (e: Error) => e.message,
        );
        expect(outcome, phase).to.equal("policy config refused");
      }
      await judges.close();
      expect(started).to.have.length(1);
    }, refused);
  });
});
