// The program process describes an error the way the language host would on a Node.js whose
// colouring of a node_modules frame without a separator after the package name never ends
// (tools/lib/engine/child-preload.js, item 4): the coloured `util.inspect` gives the uncoloured
// text at once, so a host with no fallback of its own (SDK 3.150) reports the program's error,
// not "RangeError: Invalid string length".
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as path from "path";

const PRELOAD = path.resolve(__dirname, "..", "..", "tools", "lib", "engine", "child-preload.js");

function inspectUnderPreload(stackLine: string): string {
  const script = [
    'const util = require("util");',
    "const e = new Error(\"Duplicate resource URN 'urn:pulumi:dev::p::pulumi:providers:aws::east'\");",
    `e.stack = e.message + "\\n    at " + ${JSON.stringify(stackLine)};`,
    "process.stdout.write(util.inspect(e, { colors: true }));",
  ].join("\n");
  return execFileSync(process.execPath, ["-r", PRELOAD, "-e", script], { encoding: "utf8" });
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

  it("any other stack: coloured as Node.js colours it", () => {
    const text = inspectUnderPreload(
      "Object.<anonymous> (/p/node_modules/@pulumi/pulumi/config.js:1:1)",
    );
    expect(text).to.contain("Duplicate resource URN");
    expect(text).to.contain("\u001b[");
  });
});
