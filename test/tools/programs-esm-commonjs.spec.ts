// An ES module package whose tsconfig compiles to CommonJS (pulumi/examples aws-ts-s3-folder):
// the language host loads it through ts-node's ES module loader, which emits `exports`, and
// Node.js refuses it in ES module scope, as under `pulumi preview`. The failure names the
// tsconfig's setting as the line to change, and both ways out; a setting only in a comment is none,
// and a program's own `require` in an ES module keeps its own line. A CommonJS package that imports
// its own module as `./x.js` (a nodenext tsconfig's form) fails at that import, naming the source.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { jsSpecifierHint } from "../../tools/lib/engine/hints-js-specifiers";
import { FIXTURES, QueuedRuns } from "./program-runs";

const FIXTURE = "fail-esm-commonjs-tsconfig";
const COMMENTED = "fail-esm-require-commented-tsconfig";
const JS_SPECIFIER = "fail-cjs-js-specifier";
const runs = new QueuedRuns();

describe("an ES module package compiled to CommonJS, offline", function () {
  this.timeout(300_000);

  before(() => {
    runs.queueRun(FIXTURE);
    runs.queueRun(COMMENTED);
    runs.queueRun(JS_SPECIFIER);
  });

  it("fails at the tsconfig's module setting, saying why and what to change", async () => {
    const r = await runs.run(FIXTURE);
    const f = r.failure!;
    expect(f.kind).to.equal("error");
    expect(f.message).to.match(/^ReferenceError: exports is not defined in ES module scope: /);
    expect(f.message).to.contain(
      'tsconfig.json sets "module": "commonjs" in an ES module package (package.json has "type": "module")',
    );
    expect(f.message).to.contain('Set "module" and "moduleResolution" to "nodenext"');
    expect(f.message).to.contain('or remove "type": "module" from package.json');
    const tsconfig = path.join(FIXTURES, FIXTURE, "tsconfig.json");
    const line =
      fs
        .readFileSync(tsconfig, "utf8")
        .split("\n")
        .findIndex((l) => l.includes('"module"')) + 1;
    expect(f.location).to.deep.equal({ file: tsconfig, line, column: 9 });
  });

  it("blames no commented-out setting: the program's own `require` fails at its line", async () => {
    const r = await runs.run(COMMENTED);
    const f = r.failure!;
    expect(f.kind).to.equal("error");
    expect(f.message).to.match(/^ReferenceError: require is not defined in ES module scope/);
    expect(f.message).not.to.contain('sets "module"');
    const index = path.join(FIXTURES, COMMENTED, "index.ts");
    const line =
      fs
        .readFileSync(index, "utf8")
        .split("\n")
        .findIndex((l) => l.includes('require("os")')) + 1;
    expect(f.location).to.include({ file: index, line });
  });

  it("a CommonJS package's `.js` specifier for its own .ts file: names the source and both ways out", async () => {
    const r = await runs.run(JS_SPECIFIER);
    const f = r.failure!;
    expect(f.kind).to.equal("error");
    expect(f.message).to.match(/^Cannot find module '\.\/bucket\.js'/);
    expect(f.message).to.contain(
      '"./bucket.js" names bucket.ts, but package.json does not say "type": "module"',
    );
    expect(f.message).to.contain('Write relative imports without the extension ("./bucket")');
    expect(f.message).to.contain('"type": "module" in package.json and ts-node 10 or later');
    const index = path.join(FIXTURES, JS_SPECIFIER, "index.ts");
    expect(f.location).to.include({ file: index, line: 4 });
  });
});

describe("the hint on a `.js` specifier in a CommonJS package", () => {
  const notFound = (specifier: string, from: string) =>
    `Cannot find module '${specifier}'\nRequire stack:\n- ${from}\n- /x/node_modules/run.js`;

  it("names the monorepo root that says module while the package's own package.json does not", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "js-specifier-"));
    try {
      const infra = path.join(root, "packages", "infra");
      fs.mkdirSync(path.join(infra, "src"), { recursive: true });
      fs.writeFileSync(path.join(root, "package.json"), '{ "type": "module" }');
      fs.writeFileSync(path.join(infra, "package.json"), '{ "name": "infra" }');
      fs.writeFileSync(path.join(infra, "src", "cluster.ts"), "export {};\n");
      const from = path.join(infra, "src", "index.ts");
      const hint = jsSpecifierHint(notFound("./cluster.js", from), infra);
      expect(hint).to.contain('"./cluster.js" names src/cluster.ts');
      expect(hint).to.contain('../../package.json says "type": "module"');
      // Not the cause: the package is an ES module, the source is missing, or the import is a
      // package's or required from JavaScript.
      expect(jsSpecifierHint(notFound("./gone.js", from), infra)).to.equal("");
      expect(jsSpecifierHint(notFound("lodash.js", from), infra)).to.equal("");
      const fromJs = path.join(infra, "src", "index.js");
      expect(jsSpecifierHint(notFound("./cluster.js", fromJs), infra)).to.equal("");
      fs.writeFileSync(path.join(infra, "package.json"), '{ "type": "module" }');
      expect(jsSpecifierHint(notFound("./cluster.js", from), infra)).to.equal("");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
