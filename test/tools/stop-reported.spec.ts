// Whether the error a run reports is the one the program threw in place of an offline failure it
// caught (tools/lib/engine/stop-reported.ts `isThrownLine`): the recorded first line against the
// host's printed error, whatever the SDK or util.inspect put around either.
import { expect } from "chai";
import * as util from "util";
import { describeFailure } from "../../tools/lib/engine/offline-cause";
import { isThrownLine } from "../../tools/lib/engine/stop-reported";

const SER = 'error serializing property "tags": ';

describe("the thrown error's line, as recorded and as printed", () => {
  const printed = (e: Error) => util.inspect(e);

  it("matches the program's error as util.inspect prints it", () => {
    expect(isThrownLine(printed(new Error("lookup failed")), "lookup failed")).to.equal(true);
    expect(isThrownLine(printed(new TypeError("bad lookup")), "bad lookup")).to.equal(true);
  });

  it("matches when the SDK wrote its serializing prefix into the error's own message", () => {
    // rpc.ts rewrites the message of an error thrown inside an input before it is printed, and
    // before the stop is recorded when the error is recorded from the same object.
    const e = new Error(`${SER}lookup failed`);
    expect(isThrownLine(printed(e), `${SER}lookup failed`)).to.equal(true);
    expect(isThrownLine(printed(e), "lookup failed")).to.equal(true);
    expect(isThrownLine(printed(new Error("lookup failed")), `${SER}lookup failed`)).to.equal(true);
  });

  it("matches what is no Error, or has no message, as the host prints it and the record reads it", () => {
    // cmd/run/error.js `defaultErrorMessage`: `"" + err` for a value with no stack or message.
    const thrown: [unknown, string][] = [
      [{ code: 1 }, "[object Object]"],
      ["failed", "failed"],
      [42, "42"],
      [new Error(""), "Error"],
      [Object.assign(new Error("lookup failed"), { stack: "lookup failed" }), "lookup failed"],
    ];
    for (const [value, line] of thrown) {
      const host = value instanceof Error ? util.inspect(value) : `${value as string}`;
      const recorded = describeFailure(value, undefined, () => undefined).message;
      expect([recorded, isThrownLine(host, String(recorded))], host).to.deep.equal([line, true]);
    }
  });

  it("does not match another error, or an empty record", () => {
    expect(isThrownLine(printed(new Error("lookup failed twice")), "lookup failed")).to.equal(
      false,
    );
    expect(
      isThrownLine(printed(new Error("the team is unset: lookup failed")), "lookup failed"),
    ).to.equal(false);
    expect(isThrownLine(printed(new Error("x")), "")).to.equal(false);
  });
});
