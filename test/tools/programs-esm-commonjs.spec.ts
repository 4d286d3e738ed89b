// An ES module package whose tsconfig compiles to CommonJS (pulumi/examples aws-ts-s3-folder):
// the language host loads it through ts-node's ES module loader, which emits `exports`, and
// Node.js refuses it in ES module scope, as under `pulumi preview`. The failure names the
// tsconfig's setting as the line to change, and both ways out; a setting only in a comment is none,
// and a program's own `require` in an ES module keeps its own line.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { FIXTURES, QueuedRuns } from "./program-runs";

const FIXTURE = "fail-esm-commonjs-tsconfig";
const COMMENTED = "fail-esm-require-commented-tsconfig";
const runs = new QueuedRuns();

describe("an ES module package compiled to CommonJS, offline", function () {
  this.timeout(300_000);

  before(() => {
    runs.queueRun(FIXTURE);
    runs.queueRun(COMMENTED);
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
});
