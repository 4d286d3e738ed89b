// The one parser of stack frame lines (tools/lib/engine/frame-of.js), shared by the check and the
// program's preload: each form V8 writes a frame in (https://v8.dev/docs/stack-trace-api), paths
// that hold spaces and parentheses, and the lines that name no local file.
import { expect } from "chai";
import { frameOf } from "../../tools/lib/engine/frame-of";

describe("frameOf: a stack frame line's file, line and column", () => {
  it("reads named, unnamed, async and ES-module frames", () => {
    expect(frameOf("    at Object.<anonymous> (/p/index.ts:3:17)")).to.deep.equal({
      file: "/p/index.ts",
      line: 3,
      column: 17,
    });
    expect(frameOf("    at /p/index.ts:9:1")).to.deep.equal({
      file: "/p/index.ts",
      line: 9,
      column: 1,
    });
    expect(frameOf("    at async /p/a.ts:5:2")).to.deep.equal({
      file: "/p/a.ts",
      line: 5,
      column: 2,
    });
    expect(frameOf("    at async run (/p/a.ts:6:3)")).to.deep.equal({
      file: "/p/a.ts",
      line: 6,
      column: 3,
    });
    expect(frameOf("    at f (file:///p/my%20dir/i.mjs:1:1)")).to.deep.equal({
      file: "/p/my dir/i.mjs",
      line: 1,
      column: 1,
    });
  });

  it("keeps parentheses and spaces inside a path (a copied folder, `w (2)`)", () => {
    expect(frameOf("    at f (/home/u/w (2)/pk/lib/x.ts:5:6)")).to.deep.equal({
      file: "/home/u/w (2)/pk/lib/x.ts",
      line: 5,
      column: 6,
    });
    expect(frameOf("    at async /home/u/w (2)/pk/y.ts:1:1")).to.deep.equal({
      file: "/home/u/w (2)/pk/y.ts",
      line: 1,
      column: 1,
    });
    expect(frameOf("    at new Stack (/a (b) c/d (e).ts:10:20)")).to.deep.equal({
      file: "/a (b) c/d (e).ts",
      line: 10,
      column: 20,
    });
    expect(frameOf("    at file:///home/u/w%20(2)/i.mjs:2:4")).to.deep.equal({
      file: "/home/u/w (2)/i.mjs",
      line: 2,
      column: 4,
    });
  });

  it("reads no file from lines that name none", () => {
    expect(frameOf("TypeError: not a frame")).to.equal(undefined);
    expect(frameOf("    at eval (eval at run (/p/b.ts:1:2), <anonymous>:1:1)")).to.equal(undefined);
    expect(frameOf("    at Object.eval (eval at run (/w (2)/b.ts:1:2), <anonymous>:1:1)")).to.equal(
      undefined,
    );
    expect(frameOf("    at async Promise.all (index 0)")).to.equal(undefined);
    expect(frameOf("    at new Promise (<anonymous>)")).to.equal(undefined);
    // A file URL with a host names no file of this machine (fileURLToPath throws
    // ERR_INVALID_FILE_URL_HOST: https://nodejs.org/api/url.html#urlfileurltopathurl-options).
    expect(frameOf("    at file://host/p/a.mjs:1:2")).to.equal(undefined);
    expect(frameOf("    at f (file://host/p/a.mjs:1:2)")).to.equal(undefined);
  });
});
