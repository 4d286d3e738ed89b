// A program stopped at --timeout is told apart as busy (computing) or waiting by the state of its
// process (tools/lib/engine/busy.ts): a loop that never ends reads as busy, a pending timer as
// waiting. It reads /proc, which the Linux machines the check and its CI run on have; elsewhere the
// state cannot be read and the check says nothing either way.
import { expect } from "chai";
import { spawn } from "child_process";
import * as fs from "fs";
import { processState, wasBusy } from "../../tools/lib/engine/busy";

// The child says when its start-up (itself computing, so "R") is over; sampled only then, so a
// loaded machine that starts Node slowly does not read a waiting program as busy.
async function stateOf(script: string): Promise<boolean | undefined> {
  const child = spawn(process.execPath, ["-e", `process.stdout.write("ready\\n"); ${script}`], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  try {
    await new Promise((resolve, reject) => {
      child.stdout.once("data", resolve);
      child.once("error", reject);
    });
    return await wasBusy(child.pid);
  } finally {
    child.kill("SIGKILL");
  }
}

describe("a program that ran out of time: busy or waiting", function () {
  this.timeout(20_000);

  it("a loop that never ends is busy; a pending timer is waiting", async function () {
    // Off Linux there is no /proc to read: wasBusy answers undefined, as the last case shows.
    if (!fs.existsSync("/proc/self/stat")) this.skip();
    expect(await stateOf("for (;;) Math.sqrt(Math.random());")).to.equal(true);
    expect(await stateOf("setTimeout(() => undefined, 60_000);")).to.equal(false);
  });

  it("a process that is gone, or no process: unknown, not waiting", async () => {
    expect(processState(2 ** 22 + 17)).to.equal(undefined);
    expect(await wasBusy(undefined)).to.equal(undefined);
    expect(await wasBusy(2 ** 22 + 17, 2, 1)).to.equal(undefined);
  });
});
