// A compile error of a program that installed no packages and ran on those the check lends: the
// members TypeScript cannot find are missing from the lent versions (@pulumi/aws 7 has no
// `iam.ManagedPolicies`, @pulumi/awsx 3 no `apigateway`), so the report says which packages were
// lent, at which version, what the program's package.json asks for, and to install them (unless a
// version note says so already, or there is no package.json to install from); a program that
// installed the package itself, or an error that names nothing lent, gets no such hint. TS2305 and
// TS2724 name the module by specifier or by path, TS2339/TS2551 by `import("<file>")`.
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

  /** Writes the program's package.json with `dependencies`. */
  const dependsOn = (dependencies: Record<string, string>) =>
    fs.writeFileSync(path.join(program, "package.json"), JSON.stringify({ dependencies }));
  const HEAD =
    "\nthe program has installed no packages, so it ran on those the check lends: " +
    "@pulumi/aws 7.48.0 (package.json asks for ^7.0.0). The members TypeScript cannot find " +
    "are missing from those versions, not necessarily from the ones the program was written for";

  it("names the lent package, its version, the range asked for, and the install", () => {
    dependsOn({ "@pulumi/aws": "^7.0.0" });
    expect(lentPackageCompileHint(failure(), program, lent)).to.equal(
      `${HEAD}: install its dependencies (\`npm install\` beside its package.json) and check it ` +
        "again, as `pulumi preview` needs them installed too",
    );
  });

  it("leaves the range and the install to the version note that already says them", () => {
    // package.json asks for ^5.0.0 of @pulumi/aws, lent at 7: the version notes say so.
    expect(lentPackageCompileHint(failure(), program, lent)).to.equal(
      "\nthe program has installed no packages, so it ran on those the check lends: " +
        "@pulumi/aws 7.48.0. The members TypeScript cannot find are missing from those " +
        "versions, not necessarily from the ones the program was written for: the version notes " +
        "on its package.json say which versions it asks for and what to install",
    );
  });

  it("says a program with no package.json needs one listing its dependencies", () => {
    fs.rmSync(path.join(program, "package.json"));
    const hint = lentPackageCompileHint(failure(), program, lent);
    expect(hint).to.contain("ran on those the check lends: @pulumi/aws 7.48.0. ");
    expect(hint).to.contain(
      "The program has no package.json, so nothing names the versions it was written for: it " +
        "needs one that lists its dependencies (`npm init -y`, then `npm install " +
        "<package>@<version> …` for @pulumi/aws at the versions it was written for)",
    );
    expect(hint).not.to.contain("beside its package.json");
  });

  it("asks to list a lent package the package.json does not name", () => {
    dependsOn({ "@pulumi/pulumi": "^3.0.0" });
    expect(lentPackageCompileHint(failure(), program, lent)).to.contain(
      "@pulumi/aws 7.48.0 (not in package.json). The members TypeScript cannot find are " +
        "missing from those versions, not necessarily from the ones the program was written " +
        "for: list @pulumi/aws in its package.json at the version it was written for, then " +
        "install its dependencies",
    );
  });

  describe("names the lent package of a missing export, as TypeScript reports it", () => {
    beforeEach(() => {
      withPackage(lent, "@pulumi/awsx", "3.9.0");
      dependsOn({ "@pulumi/aws": "^7.0.0", "@pulumi/awsx": "^3.0.0" });
    });
    const modules = (p: string) => path.join(lent, "node_modules", ...p.split("/"));
    for (const [code, diagnostic, lentNames] of [
      [
        "TS2305",
        "index.ts(1,10): error TS2305: Module '\"@pulumi/awsx\"' has no exported member 'apigateway'.",
        "@pulumi/awsx 3.9.0 (package.json asks for ^3.0.0)",
      ],
      [
        "TS2724 on a subpath",
        "index.ts(2,10): error TS2724: '\"@pulumi/aws/iam\"' has no exported member named " +
          "'ManagedPolicies'. Did you mean 'ManagedPolicy'?",
        "@pulumi/aws 7.48.0 (package.json asks for ^7.0.0)",
      ],
      [
        "TS2724 on a namespace, by the file's absolute path",
        () =>
          `index.ts(2,36): error TS2724: '"${modules("@pulumi/aws/types/input")}".s3' has no ` +
          "exported member named 'BucketWebsiteV1'. Did you mean 'BucketWebsite'?",
        "@pulumi/aws 7.48.0 (package.json asks for ^7.0.0)",
      ],
    ] as const) {
      it(code, () => {
        const text = typeof diagnostic === "function" ? diagnostic() : diagnostic;
        expect(lentPackageCompileHint(`${COMPILE_FAILURE}: ${text}`, program, lent)).to.contain(
          `ran on those the check lends: ${lentNames}. `,
        );
      });
    }
    it("but not a module of the program's own, nor a package the check does not lend", () => {
      for (const module of ["./lib/network", "@pulumi/gcp"]) {
        const text = `index.ts(1,10): error TS2305: Module '"${module}"' has no exported member 'x'.`;
        expect(lentPackageCompileHint(`${COMPILE_FAILURE}: ${text}`, program, lent)).to.equal("");
      }
    });
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
