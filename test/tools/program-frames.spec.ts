// The language host's reading of what a failed program prints: the program's message, and the
// frames in its own files (also an ES module's, named by percent-encoded file URL), which findings
// and the failure report point at.
import { expect } from "chai";
import { errorMessage, programFrames } from "../../tools/lib/engine/language-host";

describe("language host: a failed program's message and frames", () => {
  it("takes the program's message and its own frames from what the host prints", () => {
    const text =
      "Error: size must be positive\n  (got 0)\n" +
      "    at parse (/p/components/sizing.ts:17:11)\n" +
      "    at Object.<anonymous> (/p/index.ts:6:34)\n" +
      "    at Module._compile (/p/node_modules/ts-node/src/index.ts:1618:23)\n" +
      "    at node:internal/modules/cjs/loader:1:1";
    expect(errorMessage(text)).to.equal("size must be positive\n  (got 0)");
    expect(programFrames(text, "/p")).to.deep.equal([
      { file: "/p/components/sizing.ts", line: 17, column: 11 },
      { file: "/p/index.ts", line: 6, column: 34 },
    ]);
    // A checkout whose path holds a space or a non-ASCII letter: an ES module's frame names its
    // file by URL, percent-encoded (https://nodejs.org/api/url.html#urlfileurltopathurl-options).
    const esm =
      "    at file:///ci/my%20work/caf%C3%A9/index.mjs:2:1\n    at /ci/my work/café/b.ts:3:4";
    expect(programFrames(esm, "/ci/my work/café")).to.deep.equal([
      { file: "/ci/my work/café/index.mjs", line: 2, column: 1 },
      { file: "/ci/my work/café/b.ts", line: 3, column: 4 },
    ]);
    // An anonymous async function's frame names its file without a function; an eval frame
    // names a caller's place inside its parentheses and no file of its own.
    const more =
      "    at async /p/a.ts:5:2\n" +
      "    at eval (eval at run (/p/b.ts:1:2), <anonymous>:1:1)\n" +
      "    at async Promise.all (index 0)";
    expect(programFrames(more, "/p")).to.deep.equal([{ file: "/p/a.ts", line: 5, column: 2 }]);
    // A folder whose name holds parentheses (a copy, `w (2)`) is the program's all the same.
    const copied =
      "    at f (/ci/w (2)/p/index.ts:3:4)\n    at async /ci/w (2)/p/b.ts:5:6\n" +
      "    at g (/ci/w (2)/p/node_modules/x/i.js:1:1)";
    expect(programFrames(copied, "/ci/w (2)/p")).to.deep.equal([
      { file: "/ci/w (2)/p/index.ts", line: 3, column: 4 },
      { file: "/ci/w (2)/p/b.ts", line: 5, column: 6 },
    ]);
    // A file URL with a host names no file of this machine: no frame, and no crash.
    expect(programFrames("Error: x\n    at file://host/p/a.mjs:1:2", "/p")).to.deep.equal([]);
    expect(
      errorMessage(
        "TSError: ⨯ Unable to compile TypeScript:\nindex.ts(1,5): error TS1109: Expression expected.\n",
      ),
    ).to.equal(
      "TypeScript could not compile the program: index.ts(1,5): error TS1109: Expression expected.",
    );
  });
});
