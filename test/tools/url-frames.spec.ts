// Frames of TypeScript files that ts-node compiled to ES module syntax in a CommonJS package are
// evaluated by Node.js as ES modules from CommonJS: they name `file://` URLs and the compiled
// lines. tools/lib/engine/url-frames.js gives them their TypeScript lines once ts-node registers.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

const URL_FRAMES = path.resolve(__dirname, "..", "..", "tools", "lib", "engine", "url-frames.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mapUrlFrame } = require(URL_FRAMES);

/** An ES module compiled from TypeScript with blank lines (dropped from the JavaScript). */
function compiledModule(dir: string): string {
  const source = ["const a = 1;", "", "", "", 'export const stack = new Error("here").stack;', ""];
  const out = ts.transpileModule(source.join("\n"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, inlineSourceMap: true },
    fileName: "program.ts",
  }).outputText;
  const file = path.join(dir, "program.mjs");
  fs.writeFileSync(file, out);
  return file;
}

/** Runs a fake ts-node `register` (which sets a stack formatter) and imports the module. */
function stackUnder(wrap: boolean, module = "ESNext"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "url-frames-"));
  const file = compiledModule(dir);
  const script = [
    `const { mapUrlFramesAfterRegister } = require(${JSON.stringify(URL_FRAMES)});`,
    "const tsNode = { register() { Error.prepareStackTrace = (e, frames) =>",
    "  [String(e)].concat(frames.map((f) => '    at ' + f.toString())).join('\\n'); } };",
    wrap ? "mapUrlFramesAfterRegister(tsNode);" : "",
    `tsNode.register({ compilerOptions: { module: ${JSON.stringify(module)} } });`,
    `import(${JSON.stringify("file://" + file)}).then((m) => process.stdout.write(m.stack));`,
  ].join("\n");
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" });
}

describe("stack frames of ES modules compiled by the host's ts-node (url-frames.js)", () => {
  it("after ts-node registers, a file:// frame names the TypeScript line, not the compiled one", () => {
    expect(stackUnder(true)).to.match(/program\.mjs:5:\d+/);
  });

  it("without the wrapper the same frame names the compiled line (what was reported before)", () => {
    expect(stackUnder(false)).to.match(/program\.mjs:2:\d+/);
  });

  it("a program compiled to CommonJS keeps source maps off: its frames are ts-node's to map", () => {
    expect(stackUnder(true, "commonjs")).to.match(/program\.mjs:2:\d+/);
  });

  it("a frame of a plain path, or with no source map, is returned as it is", () => {
    const frame = (file: string) => ({
      getFileName: () => file,
      getLineNumber: () => 3,
      getColumnNumber: () => 4,
      toString: () => `${file}:3:4`,
    });
    const plain = frame("/p/index.ts");
    expect(
      mapUrlFrame(plain, () => ({ findEntry: () => ({ originalLine: 9, originalColumn: 0 }) })),
    ).to.equal(plain);
    const unmapped = frame("file:///p/index.ts");
    expect(mapUrlFrame(unmapped, () => undefined)).to.equal(unmapped);
  });

  it("a mapped frame answers the original position in its getters and its text", () => {
    const frame = {
      getFileName: () => "file:///p/index.ts",
      getLineNumber: () => 3,
      getColumnNumber: () => 4,
      toString: () => "f (file:///p/index.ts:3:4)",
    };
    const mapped = mapUrlFrame(frame, () => ({
      findEntry: (line: number, column: number) =>
        line === 2 && column === 3 ? { originalLine: 9, originalColumn: 6 } : {},
    }));
    expect(mapped.getLineNumber()).to.equal(10);
    expect(mapped.getColumnNumber()).to.equal(7);
    expect(mapped.getFileName()).to.equal("file:///p/index.ts");
    expect(mapped.toString()).to.equal("f (file:///p/index.ts:10:7)");
  });
});
