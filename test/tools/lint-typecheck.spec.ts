// `npm test` type-checks and lints in one step (tools/lint.ts --typecheck): the type-check is
// `tsc --noEmit -p tsconfig.json` through TypeScript's API, and its program is the one ESLint's
// type-aware rules then use. It must report what tsc reports and hand over the project's files.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { typeCheck } from "../../tools/lint";

describe("lint --typecheck: the type-check", function () {
  this.timeout(60_000);
  let dir: string;
  const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lint-tc-"));
    write(
      "tsconfig.json",
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, types: [], lib: ["ES2022"] },
        include: ["*.ts"],
      }),
    );
    write("a.ts", "export const a: number = 1;\n");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("passes a correct project and hands over its program, with the project's files in it", () => {
    const checked = typeCheck(dir);
    expect(checked.code).to.equal(0);
    expect(checked.report).to.equal("");
    expect(checked.program.getSourceFile(path.join(dir, "a.ts"))).to.not.equal(undefined);
  });

  it("fails with exit 2 and tsc's report, file and line, on a type error", () => {
    write("b.ts", 'import { a } from "./a";\nexport const b: string = a;\n');
    const checked = typeCheck(dir);
    expect(checked.code).to.equal(2);
    expect(checked.report).to.match(/b\.ts\(2,14\): error TS2322/);
    expect(checked.report).to.include("Type 'number' is not assignable to type 'string'");
    expect(checked.report).to.include("Found 1 error(s).");
  });

  it("starts from the build info a previous run left, and still finds a new error", () => {
    expect(typeCheck(dir).code).to.equal(0);
    expect(fs.existsSync(path.join(dir, ".cache", "tsc", "platform.tsbuildinfo"))).to.equal(true);
    write("a.ts", "export const a: number = 'one';\n");
    expect(typeCheck(dir).report).to.match(/a\.ts\(1,14\): error TS2322/);
  });
});
