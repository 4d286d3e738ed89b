// The one parser of stack frame lines (tools/lib/engine/frame-of.js), shared by the check and the
// program's preload: each form V8 writes a frame in (https://v8.dev/docs/stack-trace-api), paths
// that hold spaces and parentheses, and the lines that name no local file.
import { expect } from "chai";
import { frameOf, localPath } from "../../tools/lib/engine/frame-of";

/** Frame line → the file, line and column it names. */
type Framed = [string, string, number, number];

/** Expects each line to name exactly its file, line and column. */
function expectFrames(cases: readonly Framed[]): void {
  for (const [frame, file, line, column] of cases)
    expect(frameOf(frame), frame).to.deep.equal({ file, line, column });
}

describe("frameOf: a stack frame line's file, line and column", () => {
  it("reads named, unnamed, async and ES-module frames", () => {
    expectFrames([
      ["    at Object.<anonymous> (/p/index.ts:3:17)", "/p/index.ts", 3, 17],
      ["    at /p/index.ts:9:1", "/p/index.ts", 9, 1],
      ["    at async /p/a.ts:5:2", "/p/a.ts", 5, 2],
      ["    at async run (/p/a.ts:6:3)", "/p/a.ts", 6, 3],
      ["    at f (file:///p/my%20dir/i.mjs:1:1)", "/p/my dir/i.mjs", 1, 1],
    ]);
  });

  it("keeps parentheses and spaces inside a path (a copied folder, `w (2)`)", () => {
    expectFrames([
      ["    at f (/home/u/w (2)/pk/lib/x.ts:5:6)", "/home/u/w (2)/pk/lib/x.ts", 5, 6],
      ["    at async /home/u/w (2)/pk/y.ts:1:1", "/home/u/w (2)/pk/y.ts", 1, 1],
      ["    at new Stack (/a (b) c/d (e).ts:10:20)", "/a (b) c/d (e).ts", 10, 20],
      ["    at file:///home/u/w%20(2)/i.mjs:2:4", "/home/u/w (2)/i.mjs", 2, 4],
    ]);
  });

  it("reads no file from lines that name none", () => {
    for (const frame of [
      "TypeError: not a frame",
      "    at eval (eval at run (/p/b.ts:1:2), <anonymous>:1:1)",
      "    at Object.eval (eval at run (/w (2)/b.ts:1:2), <anonymous>:1:1)",
      "    at async Promise.all (index 0)",
      "    at new Promise (<anonymous>)",
      // A file URL with a host names no file of this machine (fileURLToPath throws
      // ERR_INVALID_FILE_URL_HOST: https://nodejs.org/api/url.html#urlfileurltopathurl-options).
      "    at file://host/p/a.mjs:1:2",
      "    at f (file://host/p/a.mjs:1:2)",
    ])
      expect(frameOf(frame), frame).to.equal(undefined);
  });

  it("gives a file V8 names as a path of this machine: a path as it is, a file URL decoded", () => {
    // What frameOf reads a frame's file with, and the isDryRun() recorder a call site's.
    expect(localPath("/p/index.ts")).to.equal("/p/index.ts");
    expect(localPath("file:///p/my%20dir/i.mjs")).to.equal("/p/my dir/i.mjs");
    expect(localPath("file://host/p/a.mjs")).to.equal(undefined);
  });
});
