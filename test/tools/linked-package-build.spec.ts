// A workspace package the program imports through a node_modules link, whose package.json `main`
// names build output not built yet: Node's bare "Cannot find module ... valid "main" entry" gets
// the package, where its source lives, the build that makes it and the program's importing line.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  unbuiltLinkedPackage,
  unbuiltLinkedPackageHint,
  unbuiltLinkedPackageSite,
} from "../../tools/lib/engine/hints-linked-build";
import { writeFile, writeFiles } from "./files";
import { FIXTURES, lineOf, runStack, SCRATCH } from "./program-runs";

/** Node's CommonJS error for a package whose `main` is missing (loader.js, `tryPackage`). */
const cjsError = (root: string, name: string, main: string) =>
  `Cannot find module '${path.join(root, "node_modules", name, main)}'. ` +
  'Please verify that the package.json has a valid "main" entry';

describe("a linked workspace package that has not been built", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "linked build-"));
    writeFiles(root, {
      "package.json": JSON.stringify({ name: "ws", workspaces: ["infra", "packages/*"] }),
      "infra/package.json": JSON.stringify({ name: "infra" }),
      "packages/site/package.json": JSON.stringify({
        name: "@acme/site",
        main: "dist/index.js",
        scripts: { build: "tsc" },
      }),
      "packages/site/src/index.ts": "export const x = 1;\n",
    });
    fs.mkdirSync(path.join(root, "node_modules", "@acme"), { recursive: true });
    fs.symlinkSync("../../packages/site", path.join(root, "node_modules", "@acme", "site"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const program = () => path.join(root, "infra");

  it("names the package, its folder and its build script, with the workspace's package manager", () => {
    const message = cjsError(root, "@acme/site", "dist/index.js");
    expect(unbuiltLinkedPackage(message)).to.deep.include({
      name: "@acme/site",
      realDir: fs.realpathSync(path.join(root, "packages", "site")),
      main: "dist/index.js",
    });
    const hint = unbuiltLinkedPackageHint(message, program());
    expect(hint).to.contain("@acme/site is a local package the program loads through a link");
    expect(hint).to.contain('"main" names dist/index.js, which has not been built');
    expect(hint).to.contain("Build @acme/site first (`npm run build` in ../packages/site)");
    writeFile(root, "pnpm-lock.yaml");
    expect(unbuiltLinkedPackageHint(message, program())).to.contain("`pnpm run build` in");
  });

  it("the ES module resolver's wording, which names the package's folder", () => {
    const folder = path.join(root, "node_modules", "@acme", "site") + path.sep;
    const message = `Cannot find package '${folder}' imported from ${program()}/index.ts`;
    expect(unbuiltLinkedPackage(message)?.name).to.equal("@acme/site");
  });

  it("a package with exports and no main: names the exports target that is missing", () => {
    writeFile(
      root,
      "packages/site/package.json",
      JSON.stringify({
        name: "@acme/site",
        exports: { ".": "./dist/index.js" },
        scripts: { build: "tsc" },
      }),
    );
    // Node's resolver through `exports` names the target, without the "main" sentence.
    const message = `Cannot find module '${path.join(root, "node_modules/@acme/site/dist/index.js")}'`;
    const hint = unbuiltLinkedPackageHint(message, program());
    expect(hint).to.contain('package.json "exports" names dist/index.js, which has not been built');
    expect(hint).to.not.contain('"main"');
    // The ES module resolver's folder wording: the target comes from the field itself.
    const folder = path.join(root, "node_modules", "@acme", "site") + path.sep;
    const esm = `Cannot find package '${folder}' imported from ${program()}/index.js`;
    expect(unbuiltLinkedPackage(esm)).to.deep.include({ field: "exports", main: "dist/index.js" });
    writeFile(root, "packages/site/dist/index.js", "exports.x = 1;\n");
    expect(unbuiltLinkedPackageHint(message, program())).to.equal("");
  });

  it("a program reached through a link of its own: the folder is relative to where it really is", () => {
    const alias = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "linked alias-")), "ws");
    try {
      fs.symlinkSync(root, alias);
      const message = cjsError(alias, "@acme/site", "dist/index.js");
      expect(unbuiltLinkedPackageHint(message, path.join(alias, "infra"))).to.contain(
        "Build @acme/site first (`npm run build` in ../packages/site)",
      );
    } finally {
      fs.rmSync(path.dirname(alias), { recursive: true, force: true });
    }
  });

  it("an ES module program: its import line, past a comment that names the package", () => {
    const lines = [
      '// Uses the site package: import { x } from "@acme/site";',
      'import * as aws from "@pulumi/aws";',
      'import site from "@acme/site";',
    ];
    writeFile(root, "infra/index.js", lines.join("\n"));
    const folder = path.join(root, "node_modules", "@acme", "site") + path.sep;
    const message = `Cannot find package '${folder}' imported from ${program()}/index.js`;
    expect(unbuiltLinkedPackageSite(message, program())).to.deep.equal({
      file: path.join(program(), "index.js"),
      line: 3,
      column: lines[2].indexOf("from") + 1,
    });
  });

  it("under a type check, TypeScript's TS2307 on the package gets the same build", () => {
    const message =
      "index.ts(3,22): error TS2307: Cannot find module '@acme/site' or its corresponding type declarations.";
    expect(unbuiltLinkedPackageHint(message, program())).to.contain(
      '"main" names dist/index.js, which has not been built',
    );
    writeFile(
      root,
      "packages/site/package.json",
      JSON.stringify({
        name: "@acme/site",
        main: "dist/index.js",
        types: "dist/index.d.ts",
        scripts: { build: "tsc" },
      }),
    );
    const hint = unbuiltLinkedPackageHint(message, program());
    expect(hint).to.contain('"types" names dist/index.d.ts, which has not been built');
    expect(hint).to.contain("Build @acme/site first (`npm run build` in ../packages/site)");
    writeFile(root, "packages/site/dist/index.d.ts", "export declare const x: number;\n");
    expect(unbuiltLinkedPackageHint(message, program())).to.equal("");
    const other = message.replace(/@acme\/site/, "@acme/other");
    expect(unbuiltLinkedPackageHint(other, program())).to.equal("");
  });

  it("without a build script: the package's tsconfig compiles it", () => {
    writeFile(
      root,
      "packages/site/package.json",
      JSON.stringify({ name: "@acme/site", main: "dist/index.js" }),
    );
    writeFile(root, "packages/site/tsconfig.json", "{}");
    const hint = unbuiltLinkedPackageHint(cjsError(root, "@acme/site", "dist/index.js"), program());
    expect(hint).to.contain("(`npx tsc -p ../packages/site`)");
  });

  it("nothing once the entry point is built, or for a package that is not a link", () => {
    const message = cjsError(root, "@acme/site", "dist/index.js");
    writeFile(root, "packages/site/dist/index.js", "exports.x = 1;\n");
    expect(unbuiltLinkedPackageHint(message, program())).to.equal("");
    fs.rmSync(path.join(root, "packages/site/dist"), { recursive: true });
    // An installed copy (npm's layout) is the package's own defect, not a build to run.
    fs.rmSync(path.join(root, "node_modules", "@acme", "site"));
    fs.cpSync(
      path.join(root, "packages", "site"),
      path.join(root, "node_modules", "@acme", "site"),
      {
        recursive: true,
      },
    );
    expect(unbuiltLinkedPackage(message)).to.equal(undefined);
  });

  it("nothing for pnpm's links into its store, which hold installed packages", () => {
    const store = path.join(root, "node_modules", ".pnpm", "lib@1.0.0", "node_modules", "lib");
    writeFile(store, "package.json", JSON.stringify({ name: "lib", main: "dist/index.js" }));
    fs.symlinkSync(store, path.join(root, "node_modules", "lib"));
    expect(unbuiltLinkedPackage(cjsError(root, "lib", "dist/index.js"))).to.equal(undefined);
  });

  it("end to end: the program's run fails at its import of the package, with the build to run", async function () {
    this.timeout(120_000);
    const fixture = "fail-unbuilt-workspace-package";
    fs.mkdirSync(SCRATCH, { recursive: true });
    const ws = fs.mkdtempSync(path.join(SCRATCH, "unbuilt-workspace-"));
    try {
      // The link npm, pnpm and Yarn make for a workspace member; the rest resolves above SCRATCH.
      fs.cpSync(path.join(FIXTURES, fixture), ws, { recursive: true });
      fs.mkdirSync(path.join(ws, "node_modules", "@fixture"), { recursive: true });
      fs.symlinkSync("../../packages/site", path.join(ws, "node_modules", "@fixture", "site"));
      const r = await runStack(path.join(ws, "infra"));
      const f = r.failure!;
      expect(f, "the run failed").to.not.equal(undefined);
      expect(f.message).to.contain("Cannot find module");
      expect(f.message).to.contain(
        "Build @fixture/site first (`npm run build` in ../packages/site)",
      );
      expect(f.location?.file).to.equal(path.join(ws, "infra", "index.ts"));
      expect(f.location?.line).to.equal(lineOf(`${fixture}/infra/index.ts`, '"@fixture/site"'));
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
