// A failing spec's stack names the `.ts` line, not the line of the JavaScript the test loader
// compiled (tools/lib/ts-require.js): the type-only lines below are gone from that JavaScript, so
// the two differ.
import { expect } from "chai";
import * as fs from "fs";

interface Shape {
  readonly a: number;
  readonly b: string;
}

type Pair = readonly [Shape, Shape];

/** The 1-based line of this file that holds `marker`, and the column of `token` on it. */
function lineOf(marker: string, token = ""): { line: number; column: number } {
  const lines = fs.readFileSync(__filename, "utf8").split("\n");
  const i = lines.findIndex((l) => l.includes(marker));
  return { line: i + 1, column: lines[i].indexOf(token) + 1 };
}

/** The line and column this file's first frame in `stack` names. */
function frameOf(stack: string | undefined): { line: number; column: number } | undefined {
  const m = new RegExp(`${__filename.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):(\\d+)`).exec(
    stack ?? "",
  );
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

describe("stack traces of the tests name TypeScript lines", () => {
  it("an error made in a spec names its .ts line and column", () => {
    const pair: Pair = [
      { a: 1, b: "x" },
      { a: 2, b: "y" },
    ];
    const err = new Error(`made here (${pair.length})`); // stack-line-marker
    expect(frameOf(err.stack)).to.deep.equal(lineOf("// stack-line-" + "marker", "new Error"));
  });

  it("a failed assertion names the line of the expect", () => {
    let failure: Error | undefined;
    try {
      expect(1, "a message long enough to move the column").to.equal(2); // assert-line-marker
    } catch (e) {
      failure = e as Error;
    }
    expect(frameOf(failure?.stack)?.line).to.equal(lineOf("// assert-line-" + "marker").line);
  });
});
