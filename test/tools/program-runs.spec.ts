// The queue of fixture program runs the program specs share (program-runs.ts): each run starts at
// most once per key, and a run queued that no test awaits (it still costs a whole program run) is
// named, with the spec file that queued it, by the check its `after` hook makes.
import { expect } from "chai";
import type { StackResult } from "../../tools/check/run";
import type { ProgramRun } from "../../tools/lib/engine/language-host";
import Mocha from "mocha";
import { everyTestPassed, QueuedRuns, Runners } from "./program-runs";

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

  describe("the check runs only after a whole run that passed", () => {
    /** A root suite with a file suite of two tests, the first passed. */
    function tree(second: Mocha.Test["state"] | "pending") {
      const root = new Mocha.Suite("");
      const file = Mocha.Suite.create(root, "a spec file");
      const one = new Mocha.Test("one", () => undefined);
      one.state = "passed";
      const two = new Mocha.Test("two", () => undefined);
      if (second === "pending") two.pending = true;
      else two.state = second;
      file.addTest(one);
      file.addTest(two);
      return { root, file };
    }

    it("checks after every test passed, or was pending, from the root or a file's suite", () => {
      expect(everyTestPassed(tree("passed").root)).to.equal(true);
      expect(everyTestPassed(tree("passed").file)).to.equal(true);
      expect(everyTestPassed(tree("pending").root)).to.equal(true);
    });

    it("keeps quiet after a test --grep left unrun, a failed test, or a run narrowed by .only", () => {
      expect(everyTestPassed(tree(undefined).root)).to.equal(false);
      expect(everyTestPassed(tree("failed").file)).to.equal(false);
      const { root, file } = tree("passed");
      const only = new Mocha.Test("only", () => undefined);
      only.state = "passed";
      file.addTest(only);
      (file as unknown as { appendOnlyTest(t: Mocha.Test): void }).appendOnlyTest(only);
      expect(everyTestPassed(root)).to.equal(false);
      expect(everyTestPassed(undefined)).to.equal(false);
    });
  });
});
