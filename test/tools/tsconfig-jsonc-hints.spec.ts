// The hints that read a program's tsconfig read it as TypeScript does (JSONC: a commented-out
// line is no setting; `extends` followed): the `paths` alias of a module the program cannot find,
// the `outDir` of an entry point not built yet, and the `paths` that keep a lent package from a
// type-check.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathsAliasHint, unbuiltOutputHint } from "../../tools/lib/engine/hints";
import { lentModuleNotFound } from "../../tools/lib/engine/type-only-imports";
import { writeFiles } from "./files";
import { ROOT } from "./program-runs";

const MISSING = "Cannot find module '@app/storage'\nRequire stack:\n- /p/index.ts";
const ALIASED = `{
  "compilerOptions": {
    "baseUrl": ".",
    // a comment before the block
    "paths": { "@app/*": ["src/*"] },
  }
}
`;
const COMMENTED = `{
  "compilerOptions": {
    "baseUrl": ".",
    // "paths": { "@app/*": ["src/*"] },
    /* "outDir": "bin", */
    "strict": true
  }
}
`;

describe("tsconfig hints read the tsconfig as TypeScript does", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsconfig-hints-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("names a paths alias the tsconfig sets, with comments and a trailing comma", () => {
    writeFiles(dir, { "tsconfig.json": ALIASED });
    expect(pathsAliasHint(MISSING, dir, undefined)).to.contain(
      '"@app/storage" is the "paths" alias "@app/*" of tsconfig.json',
    );
  });

  it("does not read a commented-out paths or outDir line as a setting", () => {
    writeFiles(dir, { "tsconfig.json": COMMENTED });
    expect(pathsAliasHint(MISSING, dir, undefined)).to.equal("");
    expect(unbuiltOutputHint(path.join(dir, "bin", "index.js"), dir, undefined)).to.equal("");
  });

  it("follows extends for paths and for outDir, relative to the file that sets it", () => {
    writeFiles(dir, {
      "config/base.json": JSON.stringify({
        compilerOptions: { baseUrl: "..", paths: { "@app/*": ["src/*"] }, outDir: "../dist" },
      }),
      "tsconfig.json": '{ "extends": "./config/base.json", "compilerOptions": { "strict": true } }',
    });
    expect(pathsAliasHint(MISSING, dir, undefined)).to.contain('"paths" alias "@app/*"');
    const hint = unbuiltOutputHint(path.join(dir, "dist", "index.js"), dir, undefined);
    expect(hint).to.contain("is compiled output that has not been built");
    expect(hint).to.contain('compiles into "../dist"');
    // The base's outDir is relative to the base's folder: config/dist is not it.
    expect(
      unbuiltOutputHint(path.join(dir, "config", "dist", "index.js"), dir, undefined),
    ).to.equal("");
  });

  it("a commented-out paths does not make a lent package's TS2307 the lent folder's", () => {
    const failed = {
      kind: "error" as const,
      message: "index.ts(1,22): error TS2307: Cannot find module '@pulumi/aws/s3'",
    };
    const lent = { own: false, runPath: "", version: "3" };
    writeFiles(dir, { "tsconfig.json": COMMENTED });
    expect(lentModuleNotFound({ failure: failed, sdk: lent }, dir, ROOT)).to.equal(undefined);
    writeFiles(dir, { "tsconfig.json": ALIASED });
    expect(lentModuleNotFound({ failure: failed, sdk: lent }, dir, ROOT)?.detail).to.equal(
      failed.message,
    );
  });
});
