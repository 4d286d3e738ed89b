// A compile error of a program that installed no packages and ran on those the check lends: the
// members TypeScript cannot find are missing from the lent versions (@pulumi/aws 7 has no
// `iam.ManagedPolicies`, @pulumi/awsx 3 no `apigateway`), so the report says which packages were
// lent, at which version, what the program's package.json asks for, and to install them; a program
// that installed the package itself, or an error that names nothing lent, gets no such hint.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { lentPackageCompileHint } from "../../tools/lib/engine/hints-lent";
import { COMPILE_FAILURE } from "../../tools/lib/engine/failure-stage";

/** A folder with a package.json of `pkg` at `version` under node_modules. */
function withPackage(dir: string, pkg: string, version: string): void {
  const at = path.join(dir, "node_modules", ...pkg.split("/"));
  fs.mkdirSync(at, { recursive: true });
  fs.writeFileSync(path.join(at, "package.json"), JSON.stringify({ name: pkg, version }));
}

describe("lentPackageCompileHint", () => {
  let root: string;
  let lent: string;
  let program: string;
  /** The compile failure TypeScript gives for a member the lent @pulumi/aws lacks. */
  const failure = () =>
    `${COMPILE_FAILURE}: index.ts(100,22): error TS2551: Property 'ManagedPolicies' does not ` +
    `exist on type 'typeof import("${path.join(lent, "node_modules", "@pulumi", "aws", "iam", "index")}")'. ` +
    "Did you mean 'ManagedPolicy'?";

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "lent-hint-"));
    lent = path.join(root, "check");
    program = path.join(root, "program");
    withPackage(lent, "@pulumi/aws", "7.48.0");
    fs.mkdirSync(program);
    fs.writeFileSync(
      path.join(program, "package.json"),
      JSON.stringify({ dependencies: { "@pulumi/aws": "^5.0.0" } }),
    );
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("names the lent package, its version, the range asked for, and the install", () => {
    expect(lentPackageCompileHint(failure(), program, lent)).to.equal(
      "\nthe program has installed no packages, so it ran on those the check lends: " +
        "@pulumi/aws 7.48.0 (package.json asks for ^5.0.0). The members TypeScript cannot find " +
        "are missing from those versions, not necessarily from the ones the program was written " +
        "for: install its dependencies (`npm install` beside its package.json) and check it " +
        "again, as `pulumi preview` needs them installed too",
    );
  });

  it("reads the lent folder through a link, as TypeScript names its real path", () => {
    const link = path.join(root, "linked");
    fs.mkdirSync(link);
    fs.symlinkSync(path.join(lent, "node_modules"), path.join(link, "node_modules"));
    expect(lentPackageCompileHint(failure(), program, link)).to.contain("@pulumi/aws 7.48.0");
  });

  it("says nothing when the program installed the package itself", () => {
    withPackage(program, "@pulumi/aws", "5.43.0");
    expect(lentPackageCompileHint(failure(), program, lent)).to.equal("");
  });

  it("says nothing of an error that names no lent file, or of a failure that is no compile's", () => {
    const own = `${COMPILE_FAILURE}: index.ts(3,7): error TS2322: Type 'number' is not assignable to type 'string'.`;
    expect(lentPackageCompileHint(own, program, lent)).to.equal("");
    expect(lentPackageCompileHint("TypeError: x is not a function", program, lent)).to.equal("");
    expect(lentPackageCompileHint(failure(), program, undefined)).to.equal("");
  });
});
