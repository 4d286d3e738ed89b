// A CommonJS package whose tsconfig emits ES module syntax: Node.js loads each compiled file as
// an ES module, whose relative imports need extensions (tools/lib/engine/hints-module-syntax.ts).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { moduleSettingConflict } from "../../tools/lib/engine/hints-module-settings";
import { commonJsInEsmPackage, moduleSyntaxHint } from "../../tools/lib/engine/hints-module-syntax";

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

/** A tsconfig with the real setting after a commented-out one (pulumi/examples keep such lines). */
const COMMENTED = (was: string, module: string) =>
  `{\n  "compilerOptions": {\n    // was: "module": "${was}",\n    "module": "${module}",\n  }\n}\n`;

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

  it("reads the setting as TypeScript does: a commented-out line is none", () => {
    const dir = program({ name: "p" }, COMMENTED("esnext", "commonjs"));
    expect(moduleSyntaxHint(failure(dir), dir, undefined)).to.equal("");
    const real = program({ name: "p" }, COMMENTED("commonjs", "esnext"));
    expect(moduleSyntaxHint(failure(real), real, undefined)).to.contain(
      'tsconfig.json:4 sets "module": "esnext"',
    );
  });
});

describe("failure placed at the tsconfig setting of an ES module package compiled to CommonJS", () => {
  after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  const REQUIRE = "ReferenceError: require is not defined in ES module scope, you can use import";
  const at = (dir: string) => ({ file: path.join(dir, "index.ts") });

  it("names the file, line and column of the setting", () => {
    const dir = program({ name: "p", type: "module" }, COMMENTED("nodenext", "commonjs"));
    const r = commonJsInEsmPackage(REQUIRE, at(dir), dir, undefined);
    expect(r?.message).to.contain(
      'tsconfig.json sets "module": "commonjs" in an ES module package',
    );
    expect(r?.location).to.deep.equal({
      file: path.join(dir, "tsconfig.json"),
      line: 4,
      column: 5,
    });
  });

  it("does not fire on a commented-out setting: the program's own `require` keeps its message", () => {
    const dir = program({ name: "p", type: "module" }, COMMENTED("commonjs", "nodenext"));
    expect(commonJsInEsmPackage(REQUIRE, at(dir), dir, undefined)).to.equal(undefined);
  });

  it("follows `extends` to the base that sets it", () => {
    const dir = program({ name: "p", type: "module" }, '{ "extends": "./base.json" }');
    fs.writeFileSync(
      path.join(dir, "base.json"),
      '{\n  "compilerOptions": {\n    "module": "CommonJS"\n  }\n}\n',
    );
    const r = commonJsInEsmPackage(REQUIRE, at(dir), dir, undefined);
    expect(r?.message).to.contain('base.json sets "module": "CommonJS"');
    expect(r?.location).to.deep.equal({ file: path.join(dir, "base.json"), line: 3, column: 5 });
  });
});

describe("failure placed at the one of module/moduleResolution a tsconfig sets", () => {
  after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  const TS5110 =
    "error TS5110: Option 'module' must be set to 'NodeNext' when option 'moduleResolution' is set to 'NodeNext'.";

  it("places it at the real setting, not at a commented-out one above it", () => {
    const dir = program({ name: "p" }, COMMENTED("nodenext", "commonjs"));
    const r = moduleSettingConflict(TS5110, dir, undefined);
    expect(r?.message).to.contain(
      'tsconfig.json sets "module": "commonjs" but not "moduleResolution"',
    );
    expect(r?.location).to.deep.equal({
      file: path.join(dir, "tsconfig.json"),
      line: 4,
      column: 5,
    });
  });

  it("keeps TypeScript's message when the setting is only in a comment", () => {
    const dir = program(
      { name: "p" },
      '{\n  "compilerOptions": {\n    // "moduleResolution": "node",\n    "strict": true\n  }\n}\n',
    );
    expect(moduleSettingConflict(TS5110, dir, undefined)).to.equal(undefined);
  });
});
