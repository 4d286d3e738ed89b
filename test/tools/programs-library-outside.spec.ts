// A component library beside the program in the same repository, imported by a relative path
// that leaves the program's folder (`import { LogBucket } from "../lib/bucket"`): Node resolves
// the library's own imports from the library's folder upward, never from the program's
// node_modules (https://nodejs.org/api/modules.html, "Loading from node_modules folders"), so a
// repository whose root lists the packages but never ran `npm install` fails at the library's
// import, as `pulumi preview` does. The failure says so, and where to install; no link is involved.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { programWithLibraryOutside, runStack } from "./program-runs";

describe("a program importing a library outside its folder by a relative path", function () {
  this.timeout(300_000);
  let copy: { root: string; program: string } | undefined;

  before(() => {
    copy = programWithLibraryOutside();
  });

  after(() => {
    if (copy) fs.rmSync(copy.root, { recursive: true, force: true });
  });

  it("fails at the library's import, told the folder to install in, not as a linked package", async () => {
    const { root, program } = copy!;
    const r = await runStack(program, { stack: "dev" });
    const importer = path.join(root, "lib", "bucket.ts");
    const message = r.failure?.message ?? "";
    expect(message).to.contain("Cannot find module 'fixture-tags'");
    // The stack names the library's line that imports it.
    expect(r.failure?.detail).to.contain(`(${importer}:6:1)`);
    expect(message).to.contain(
      `"fixture-tags" is installed for the program, but the file that imports it, ${importer}, ` +
        "lies outside the program's folder",
    );
    expect(message).to.contain(
      `${path.join(program, "index.ts")} imports "../lib/bucket", a relative path, not a package`,
    );
    expect(message).to.contain(
      `${path.join(root, "package.json")} lists it, but it is not installed there: ` +
        `run \`npm install\` in ${root}`,
    );
    expect(message).to.not.contain("through a link");
  });
});
