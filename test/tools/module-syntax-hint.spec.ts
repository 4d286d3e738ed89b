// A CommonJS package whose tsconfig emits ES module syntax: Node.js loads each compiled file as
// an ES module, whose relative imports need extensions (tools/lib/engine/hints-module-syntax.ts).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { moduleSyntaxHint } from "../../tools/lib/engine/hints-module-syntax";

const made: string[] = [];

/** A program folder whose path holds a space, as a checkout's may (Node names it as it is). */
function program(pkg: Record<string, unknown>, tsconfig: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "module syntax-"));
  made.push(dir);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg));
  fs.writeFileSync(path.join(dir, "tsconfig.json"), tsconfig);
  return dir;
}

const TSCONFIG = (module: string) =>
  `{\n  "compilerOptions": {\n    "strict": true,\n    "module": "${module}"\n  }\n}\n`;
const failure = (dir: string) =>
  `Cannot find module '${dir}/canaryPolicy' imported from ${dir}/index.ts\n` +
  `Did you mean to import "./canaryPolicy.ts"?`;

describe("hint: ES module syntax from the tsconfig of a CommonJS package", () => {
  after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it("names the tsconfig line, the cause and both fixes", () => {
    const dir = program({ name: "p" }, TSCONFIG("ESNext"));
    const hint = moduleSyntaxHint(failure(dir), dir, undefined);
    expect(hint).to.contain('tsconfig.json:4 sets "module": "ESNext" in a CommonJS package');
    expect(hint).to.contain('Set "module": "commonjs" and "moduleResolution": "node"');
    expect(hint).to.contain('"type": "module" in package.json');
  });

  it("reads the tsconfig the project names (runtime option tsconfig)", () => {
    const dir = program({ name: "p" }, TSCONFIG("commonjs"));
    fs.writeFileSync(path.join(dir, "tsconfig.pulumi.json"), TSCONFIG("es2022"));
    const hint = moduleSyntaxHint(failure(dir), dir, "tsconfig.pulumi.json");
    expect(hint).to.contain('tsconfig.pulumi.json:4 sets "module": "es2022"');
  });

  it("says nothing for a CommonJS tsconfig, an ES module package or another failure", () => {
    const cjs = program({ name: "p" }, TSCONFIG("commonjs"));
    expect(moduleSyntaxHint(failure(cjs), cjs, undefined)).to.equal("");
    const esm = program({ name: "p", type: "module" }, TSCONFIG("ESNext"));
    expect(moduleSyntaxHint(failure(esm), esm, undefined)).to.equal("");
    const other = program({ name: "p" }, TSCONFIG("ESNext"));
    expect(moduleSyntaxHint("Cannot find module 'left-pad'", other, undefined)).to.equal("");
  });
});
