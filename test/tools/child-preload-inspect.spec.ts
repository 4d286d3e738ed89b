// The program process describes an error the way the language host would on a Node.js whose
// colouring of a node_modules frame without a separator after the package name never ends
// (tools/lib/engine/child-preload.js, item 4): the coloured `util.inspect` gives the uncoloured
// text at once, so a host with no fallback of its own (SDK 3.150) reports the program's error,
// not "RangeError: Invalid string length".
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as path from "path";

const PRELOAD = path.resolve(__dirname, "..", "..", "tools", "lib", "engine", "child-preload.js");

/**
 * The host's coloured description of an error whose stack has `stackLine`, under the preload;
 * `wrap` builds what the program throws around it (`e` names the error).
 */
function inspectUnderPreload(stackLine: string, wrap = "e"): string {
  const script = [
    'const util = require("util");',
    "const e = new Error(\"Duplicate resource URN 'urn:pulumi:dev::p::pulumi:providers:aws::east'\");",
    `e.stack = e.message + "\\n    at " + ${JSON.stringify(stackLine)};`,
    `process.stdout.write(util.inspect(${wrap}, { colors: true }));`,
  ].join("\n");
  // Where the colouring never ends the child would not either: the spec fails rather than hangs.
  return execFileSync(process.execPath, ["-r", PRELOAD, "-e", script], {
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("program process: the host's description of an error", () => {
  it("a stack the colouring never ends on: the error's own text, uncoloured, at once", () => {
    const text = inspectUnderPreload(
      "Object.<anonymous> (/p/node_modules/@pulumi/config.ts:301:19)",
    );
    expect(text).to.contain(
      "Duplicate resource URN 'urn:pulumi:dev::p::pulumi:providers:aws::east'",
    );
    expect(text).to.contain("node_modules/@pulumi/config.ts:301:19");
    expect(text).not.to.contain("\u001b[");
  });

  for (const [what, wrap] of [
    ["the cause of the error thrown", 'new Error("setup failed", { cause: e })'],
    [
      "a member of Promise.any's AggregateError",
      'new AggregateError([new Error("x"), e], "All promises were rejected")',
    ],
    ["an error held in a property", 'Object.assign(new Error("setup failed"), { inner: { e } })'],
  ]) {
    it(`such a stack on ${what}: uncoloured, at once`, () => {
      const text = inspectUnderPreload(
        "Object.<anonymous> (/p/node_modules/@pulumi/config.ts:301:19)",
        wrap,
      );
      expect(text).to.contain("node_modules/@pulumi/config.ts:301:19");
      expect(text).not.to.contain("\u001b[");
    });
  }

  it("any other stack: coloured as Node.js colours it", () => {
    const text = inspectUnderPreload(
      "Object.<anonymous> (/p/node_modules/@pulumi/pulumi/config.js:1:1)",
    );
    expect(text).to.contain("Duplicate resource URN");
    expect(text).to.contain("\u001b[");
  });
});
