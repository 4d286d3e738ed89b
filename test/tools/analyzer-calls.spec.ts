// The watchdog of one engine run's calls to the pack (tools/lib/engine/analyzer-calls.ts), over a
// stand-in pack whose calls never answer until cancelled: a run analyzed while its program runs
// times the pack from the program's end, so a long program is never reported as a silent pack.
import { expect } from "chai";
import { PackCalls } from "../../tools/lib/engine/analyzer-calls";
import type { AnalyzeContext } from "../../tools/lib/engine/analyzer-types";
import { grpc } from "../../tools/lib/engine/proto";

const LIMIT_MS = 100;
const CTX: AnalyzeContext = { project: "platform", stack: "test", dryRun: true };

/** A pack whose configureStack calls hang until cancelled, as a grpc client reports that. */
function silentPack() {
  const cancelled: string[] = [];
  const client = {
    configureStack(_req: unknown, cb: (err: Error | null) => void) {
      return {
        cancel() {
          cancelled.push("configureStack");
          cb(
            Object.assign(new Error("1 CANCELLED: Cancelled on client"), {
              code: grpc.status.CANCELLED,
            }),
          );
        },
      };
    },
  };
  const pack = { client, alive: true, output: [] as string[] };
  const calls = new PackCalls(
    pack as any,
    { dir: "/pack", runtime: "nodejs", options: {} },
    { policies: [] } as any,
    LIMIT_MS,
  );
  return { calls, cancelled };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * How long a call the watchdog must end is given before it counts as pending: far past the limit,
 * so a loaded machine that runs timers late cannot fail the test (a passing run waits only for
 * the watchdog itself).
 */
const ENDS_WITHIN_MS = LIMIT_MS * 100;

/** How a call ends: its error message, or "pending" when it has not ended after `ms`. */
async function outcome(p: Promise<unknown>, ms: number): Promise<string> {
  return Promise.race([
    p.then(
      () => "answered",
      (e: Error) => e.message,
    ),
    sleep(ms).then(() => "pending"),
  ]);
}

describe("analyzer calls: the run's watchdog", () => {
  it("cancels the calls of a run that the pack does not answer within the limit", async () => {
    const { calls, cancelled } = silentPack();
    const run = calls.startRun();
    try {
      const result = await outcome(calls.configureStack(CTX), ENDS_WITHIN_MS);
      expect(result).to.equal("configuring the stack: the policy pack did not answer within 0 s");
      expect(cancelled).to.deep.equal(["configureStack"]);
    } finally {
      run.done();
    }
  });

  it("a run that waits for its program starts its watchdog when the program ends", async () => {
    const { calls, cancelled } = silentPack();
    const run = calls.startRun(false);
    try {
      const call = calls.configureStack(CTX);
      // The program runs past the limit: the call in flight is not cancelled meanwhile.
      expect(await outcome(call, LIMIT_MS * 3)).to.equal("pending");
      expect(cancelled).to.deep.equal([]);
      run.watch();
      expect(await outcome(call, ENDS_WITHIN_MS)).to.equal(
        "configuring the stack: the policy pack did not answer within 0 s",
      );
      expect(cancelled).to.deep.equal(["configureStack"]);
    } finally {
      run.done();
    }
  });
});
