// The SDK reads a registration's source position from stack frames with a function name; the top
// level of an ES module and anonymous callbacks print frames without one. The check's preload
// widens the SDK's pattern to read those (tools/lib/engine/esm-frames.js).
import { expect } from "chai";
import * as path from "path";

const ESM_FRAMES = path.resolve(__dirname, "..", "..", "tools", "lib", "engine", "esm-frames.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { widenFramePattern, widenedFramePattern } = require(ESM_FRAMES);

/** The SDK's own pattern (@pulumi/pulumi resource.ts, `Resource.framePositionRegExp`). */
const SDK_PATTERN = /^\s*at .* \((?<file>.*):(?<line>[0-9]+):(?<column>[0-9]+)\)$/;

describe("ES module frames (esm-frames.js)", () => {
  const widened = widenedFramePattern(SDK_PATTERN);
  const groups = (frame: string) => widened.exec(frame)?.groups;

  it("reads a named frame exactly as the SDK does", () => {
    const frame = "    at new Site (/app/index.js:12:5)";
    expect(groups(frame)).to.deep.equal({ ...SDK_PATTERN.exec(frame)!.groups });
  });

  /** Expects each frame line to read as exactly its file, line and column. */
  const expectGroups = (cases: readonly [string, string, string, string][]) => {
    for (const [frame, file, line, column] of cases)
      expect(groups(frame), frame).to.deep.equal({ file, line, column });
  };

  it("reads the unnamed frame of an ES module's top level as its path, line and column", () => {
    expectGroups([
      ["    at file:///app/src/index.ts:3:17", "/app/src/index.ts", "3", "17"],
      ["    at async file:///app/main.mjs:40:1", "/app/main.mjs", "40", "1"],
    ]);
  });

  it("reads an anonymous callback's frame in a CommonJS file: the line that made the resource", () => {
    // `subnets.map((cidr) => new aws.ec2.Subnet(...))`: the arrow's frame, not the statement's.
    expectGroups([["    at /app/network.ts:60:10", "/app/network.ts", "60", "10"]]);
  });

  it("reads paths with spaces and Windows paths, as the SDK's own pattern does", () => {
    expectGroups([
      [
        "    at /Users/me/My Projects/app/index.ts:7:3",
        "/Users/me/My Projects/app/index.ts",
        "7",
        "3",
      ],
      ["    at C:\\work\\my app\\index.ts:9:1", "C:\\work\\my app\\index.ts", "9", "1"],
      [
        "    at file:///Users/me/My%20Projects/app/index.mjs:2:1",
        "/Users/me/My Projects/app/index.mjs",
        "2",
        "1",
      ],
    ]);
  });

  it("reads paths with parentheses (a program in `work (copy)/infra`), unnamed and named", () => {
    const file = "/home/me/work (copy)/infra/index.ts";
    expect(groups(`    at ${file}:3:1`)).to.deep.equal({ file, line: "3", column: "1" });
    expect(groups("    at file:///home/me/work%20(copy)/infra/index.ts:4:2")).to.deep.equal({
      file,
      line: "4",
      column: "2",
    });
    expect(groups("    at C:\\work (copy)\\index.ts:5:1")).to.include({
      file: "C:\\work (copy)\\index.ts",
    });
    // The SDK's greedy pattern splits a named frame at the path's own ` (`.
    expect(SDK_PATTERN.exec(`    at new Site (${file}:12:5)`)!.groups!.file).to.equal(
      "copy)/infra/index.ts",
    );
    expect(groups(`    at new Site (${file}:12:5)`)).to.deep.equal({
      file,
      line: "12",
      column: "5",
    });
    expect(groups(`    at Object.<anonymous> (${file}:7:9)`)).to.deep.equal({
      file,
      line: "7",
      column: "9",
    });
    expect(groups("    at async run (file:///home/me/work%20(copy)/main.mjs:2:3)")).to.include({
      file: "file:///home/me/work%20(copy)/main.mjs",
      line: "2",
    });
  });

  it("leaves Node internals and native code unread", () => {
    expect(groups("    at node:internal/modules/esm/module_job:325:25")).to.equal(undefined);
    expect(groups("    at Array.map (<anonymous>)")).to.equal(undefined);
    expect(groups("    at new Promise (<anonymous>)")).to.equal(undefined);
  });

  it("replaces Resource.framePositionRegExp on the SDK's exports, and nothing without one", () => {
    const exports = { Resource: { framePositionRegExp: SDK_PATTERN } };
    widenFramePattern(exports);
    expect(exports.Resource.framePositionRegExp).not.to.equal(SDK_PATTERN);
    expect(
      exports.Resource.framePositionRegExp.exec("    at file:///x/y.js:1:2")?.groups,
    ).to.include({ file: "/x/y.js" });
    const older = { Resource: {} };
    widenFramePattern(older);
    expect(older.Resource).to.deep.equal({});
    expect(() => widenFramePattern(undefined)).not.to.throw();
  });
});
