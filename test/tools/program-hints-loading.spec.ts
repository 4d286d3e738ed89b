// Hints on programs that fail while they load: a preload that misreads the language host's
// arguments, and an error thrown by a module's top-level code, which no other stack's outputs
// could have caused.
import { expect } from "chai";
import { argvProjectHint } from "../../tools/lib/engine/hints-runtime";
import {
  STACK_REFERENCE_TYPE,
  stackReferenceHint,
  thrownWhileLoading,
} from "../../tools/lib/engine/stack-references";
import { UNKNOWN } from "../../tools/lib/engine/wire";

describe("hints on a program that fails while it loads", () => {
  it("a preload that takes the host's --project <name> for a tsconfig path: the cause and a fix", () => {
    // tsconfig-paths 4 (minimist over process.argv), as a nodeargs --require, and 3's wording.
    for (const message of [
      "ENOENT: no such file or directory, stat 'paths-shape'",
      "Error: Unable to find paths-shape\n    at resolveConfigPath (/p/node_modules/x.js:1:1)",
    ]) {
      const hint = argvProjectHint(message, "paths-shape");
      expect(hint).to.contain("passes the program `--project paths-shape`");
      expect(hint).to.contain("pulumi/pulumi#8787");
      expect(hint).to.contain('tp.loadConfig(".")');
    }
    // Another file, or a name that only starts with the project's: not this failure.
    expect(
      argvProjectHint("ENOENT: no such file or directory, stat 'dist'", "paths-shape"),
    ).to.equal("");
    expect(argvProjectHint("ENOENT: stat 'paths-shape-old'", "paths-shape")).to.equal("");
  });

  it("a failure thrown while a module loads is not blamed on the stack references it read", () => {
    const refs = [
      { type: STACK_REFERENCE_TYPE, outputs: { name: "o/core/prod", outputs: UNKNOWN } },
    ];
    // A missing file checked at a module's top level: nothing asynchronous has run yet.
    const loading =
      "Error: SSH public key not found\n    at Object.<anonymous> (/p/index.ts:33:9)\n" +
      "    at Module._compile (node:internal/modules/cjs/loader:1554:14)";
    expect(thrownWhileLoading(loading)).to.equal(true);
    expect(stackReferenceHint(refs, loading)).to.equal("");
    // Thrown in a callback (an apply, after an await): a reference's output may be the cause.
    const later =
      "Error: openbao-aws must export databaseSecurityGroupId\n    at /p/index.ts:24:13\n" +
      "    at /p/node_modules/@pulumi/pulumi/output.js:257:35\n" +
      "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)";
    expect(thrownWhileLoading(later)).to.equal(false);
    expect(stackReferenceHint(refs, later)).to.contain("reads stack o/core/prod");
    expect(stackReferenceHint(refs)).to.contain("reads stack o/core/prod");
  });
});
