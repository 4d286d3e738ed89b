// The queue of fixture program runs the program specs share (program-runs.ts): each run starts at
// most once per key, and a run queued that no test awaits (it still costs a whole program run) is
// named, with the spec file that queued it, by the check its `after` hook makes.
import { expect } from "chai";
import type { StackResult } from "../../tools/check/run";
import type { ProgramRun } from "../../tools/lib/engine/language-host";
import { QueuedRuns, Runners } from "./program-runs";

/** Runners that start nothing: they count their calls and answer at once. */
function fakeRunners(): Runners & { started: string[] } {
  const started: string[] = [];
  return {
    started,
    check: (dir, opts) => {
      started.push(`check ${dir} ${opts.stack} ${opts.phases.join("+")}`);
      return Promise.resolve({ resources: [] } as unknown as StackResult);
    },
    run: (dir, opts) => {
      started.push(`run ${dir} ${opts.stack}`);
      return Promise.resolve({} as ProgramRun);
    },
  };
}

describe("program runs queued for the program specs", () => {
  const runners = fakeRunners();
  const runs = new QueuedRuns(runners);

  it("starts each run once however often it is queued and awaited", async () => {
    runs.queueCheck("/p/a", ["preview", "apply"]);
    runs.queueCheck("/p/a", ["preview", "apply"]);
    await runs.check("/p/a", ["preview", "apply"]);
    await runs.check("/p/a", ["preview", "apply"]);
    runs.queueRun("/p/a", "net");
    await runs.run("/p/a", "net");
    expect(runners.started).to.deep.equal(["check /p/a dev preview+apply", "run /p/a net"]);
    expect(runs.unawaited()).to.deep.equal([]);
    expect(() => runs.assertAllAwaited()).not.to.throw();
  });

  it("names a queued run no test awaited, and the spec file that queued it", async () => {
    runs.queueCheck("/p/b");
    runs.queueRun("/p/b", "wide");
    // A check and a run of the same fixture and stack are different runs.
    runs.queueRun("/p/a");
    await runs.check("/p/a", ["preview", "apply"]);
    expect(runs.unawaited()).to.deep.equal([
      "check of /p/b/dev/preview",
      "run of /p/b/wide",
      "run of /p/a/dev",
    ]);
    expect(() => runs.assertAllAwaited()).to.throw(
      /^test\/tools\/program-runs\.spec\.ts queued 3 program run\(s\) that no test awaited: check of \/p\/b\/dev\/preview, run of \/p\/b\/wide, run of \/p\/a\/dev\. Each still ran; remove its queue call/,
    );
    // Awaited now, so this suite's own check (its `after` hook) passes.
    await Promise.all([runs.check("/p/b"), runs.run("/p/b", "wide"), runs.run("/p/a")]);
    expect(runs.unawaited()).to.deep.equal([]);
  });
});
