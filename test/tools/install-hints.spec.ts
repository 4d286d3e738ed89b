// The install command a failure's hint names is the one of the program's own package manager:
// its package.json's `packageManager` field, else the nearest lock file (a workspace keeps it at
// its root), else npm.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { installCommand, uninstalledPackageHint } from "../../tools/lib/engine/hints";
import { writeFile } from "./files";

describe("install commands in the failure hints", () => {
  let dir: string;
  beforeEach(() => {
    // A path with a space, as a checkout's may have: the hints read paths whole.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "install hints-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (file: string, text = "") => writeFile(dir, file, text);

  it("npm without a lock file, and with its own", () => {
    write("package.json", JSON.stringify({ name: "p" }));
    expect(installCommand(dir).install).to.equal("npm install");
    write("package-lock.json", "{}");
    expect(installCommand(dir).addDev).to.equal("npm install --save-dev");
  });

  it("pnpm, Yarn and Bun by their lock files, found at a workspace's root above the program", () => {
    write("infra/package.json", JSON.stringify({ name: "infra" }));
    const program = path.join(dir, "infra");
    write("pnpm-lock.yaml");
    expect(installCommand(program)).to.deep.equal({
      install: "pnpm install",
      add: "pnpm add",
      addDev: "pnpm add --save-dev",
    });
    fs.rmSync(path.join(dir, "pnpm-lock.yaml"));
    write("yarn.lock");
    expect(installCommand(program).add).to.equal("yarn add");
    fs.rmSync(path.join(dir, "yarn.lock"));
    write("bun.lockb");
    expect(installCommand(program).install).to.equal("bun install");
  });

  it("package.json's packageManager field (Corepack) decides before any lock file", () => {
    write("package.json", JSON.stringify({ name: "p", packageManager: "pnpm@9.12.0" }));
    write("package-lock.json", "{}");
    expect(installCommand(dir).install).to.equal("pnpm install");
  });

  it("an uninstalled dependency of a pnpm program is told to run pnpm install", () => {
    write("package.json", JSON.stringify({ name: "p", dependencies: { "@pulumi/random": "^4" } }));
    write("pnpm-lock.yaml");
    const hint = uninstalledPackageHint("Cannot find module '@pulumi/random'", dir);
    expect(hint).to.contain("Run `pnpm install` in the program first");
    const unlisted = uninstalledPackageHint("Cannot find module 'mime'", dir);
    expect(unlisted).to.contain("add it (`pnpm add mime`)");
  });

  it("a module path the installed version of a package lacks is not called an uninstalled package", () => {
    // @pulumi/pulumi 3 has no x/automation (the Automation API moved to `automation` in 3.0).
    write(
      "package.json",
      JSON.stringify({ name: "p", dependencies: { "@pulumi/pulumi": "^3.0.0" } }),
    );
    write(
      "node_modules/@pulumi/pulumi/package.json",
      JSON.stringify({ name: "@pulumi/pulumi", version: "3.248.0" }),
    );
    const message =
      "Cannot find module '@pulumi/pulumi/x/automation'\nRequire stack:\n- " +
      path.join(dir, "index.js");
    const hint = uninstalledPackageHint(message, dir);
    expect(hint).to.contain(
      '"@pulumi/pulumi" 3.248.0 is installed (package.json asks for ^3.0.0), but it has no "x/automation"',
    );
    expect(hint).not.to.contain("not installed");
    // The package itself missing keeps its own message.
    const absent = uninstalledPackageHint("Cannot find module '@pulumi/aws/s3'", dir);
    expect(absent).to.contain('"@pulumi/aws" is not installed, nor listed in');
  });

  it("a workspace package linked into the program that lacks a dependency the program has: named, with the workspace install", () => {
    // pnpm's layout: the program's node_modules links the workspace package, whose real location
    // has no node_modules of its own; Node resolves from there (the real path), not from the link.
    // Not yet installed: no lock file, only pnpm's workspace file at the root.
    write("pnpm-workspace.yaml", "packages: [infra, packages/*]");
    write("infra/package.json", JSON.stringify({ name: "infra" }));
    write(
      "infra/node_modules/@pulumi/pulumi/package.json",
      JSON.stringify({ name: "@pulumi/pulumi" }),
    );
    write("packages/components/package.json", JSON.stringify({ name: "@acme/components" }));
    write("packages/components/src/index.ts", "import '@pulumi/pulumi';");
    const importer = path.join(dir, "packages/components/src/index.ts");
    const message =
      "Cannot find module '@pulumi/pulumi'\nRequire stack:\n- " +
      `${importer}\n- ${path.join(dir, "infra/index.ts")}`;
    // Before the link exists, nothing shows one: no link is claimed.
    const unlinked = uninstalledPackageHint(message, path.join(dir, "infra"));
    expect(unlinked).to.contain("lies outside the program's folder");
    expect(unlinked).to.contain("no node_modules from");
    expect(unlinked).to.not.contain("through a link");
    fs.mkdirSync(path.join(dir, "infra/node_modules/@acme"), { recursive: true });
    // "junction": a directory link Windows makes without privileges; ignored elsewhere.
    fs.symlinkSync(
      path.join(dir, "packages/components"),
      path.join(dir, "infra/node_modules/@acme/components"),
      "junction",
    );
    const hint = uninstalledPackageHint(message, path.join(dir, "infra"));
    expect(hint).to.contain(
      `"@pulumi/pulumi" is installed for the program, but the file that imports it, ${importer}`,
    );
    expect(hint).to.contain("belongs to @acme/components");
    expect(hint).to.contain("run `pnpm install` at the workspace root");
    // An ES module importer, which Node names after "imported from", by path or by file URL.
    for (const from of [importer, pathToFileURL(importer).href]) {
      const esm = `Error [ERR_MODULE_NOT_FOUND]: Cannot find package '@pulumi/pulumi' imported from ${from}`;
      expect(uninstalledPackageHint(esm, path.join(dir, "infra")), from).to.contain(
        `the file that imports it, ${importer}, belongs to @acme/components`,
      );
    }
    // The same error raised by a file of the program itself keeps the program's own hint.
    const own = `Cannot find module '@acme/missing'\nRequire stack:\n- ${path.join(dir, "infra/index.ts")}`;
    expect(uninstalledPackageHint(own, path.join(dir, "infra"))).to.contain(
      '"@acme/missing" is not installed, nor listed in infra/package.json',
    );
  });

  it("a library beside the program, imported by a relative path: told whether its folder's package.json lists the package", () => {
    // No link: infra/index.ts imports "../lib/bucket", which Node resolves from lib/ upward.
    write("infra/package.json", JSON.stringify({ name: "infra" }));
    write(
      "infra/node_modules/@pulumi/random/package.json",
      JSON.stringify({ name: "@pulumi/random" }),
    );
    write(
      "infra/index.ts",
      '// uses "../lib/old" no more\nimport { Password } from "../lib/bucket";\n',
    );
    write("lib/bucket.ts", 'import * as random from "@pulumi/random";\n');
    const importer = path.join(dir, "lib/bucket.ts");
    const message =
      "Cannot find module '@pulumi/random'\nRequire stack:\n- " +
      `${importer}\n- ${path.join(dir, "infra/index.ts")}\n- /x/node_modules/@pulumi/pulumi/cmd/run/run.js`;
    const program = path.join(dir, "infra");
    // No package.json above the library: one is asked for.
    const bare = uninstalledPackageHint(message, program);
    expect(bare).to.contain(
      `the file that imports it, ${importer}, lies outside the program's folder`,
    );
    expect(bare).to.contain('imports "../lib/bucket", a relative path, not a package');
    expect(bare).to.contain("Give the folder that holds that code a package.json listing it");
    expect(bare).to.not.contain("through a link");
    // The repository's root package.json, without the package, then with it.
    write("package.json", JSON.stringify({ name: "repo" }));
    expect(uninstalledPackageHint(message, program)).to.contain(
      `${path.join(dir, "package.json")} does not list it: add it there and run \`npm install\` in ${dir}`,
    );
    write(
      "package.json",
      JSON.stringify({ name: "repo", dependencies: { "@pulumi/random": "^4" } }),
    );
    write("yarn.lock");
    expect(uninstalledPackageHint(message, program)).to.contain(
      `${path.join(dir, "package.json")} lists it, but it is not installed there: run \`yarn install\` in ${dir}`,
    );
  });

  it("an ES module library beside the program: its relative importer found in the program's sources", () => {
    // ESM errors name only the importer ("imported from"), no require stack.
    write(
      "package.json",
      JSON.stringify({ name: "repo", type: "module", dependencies: { tagz: "^1" } }),
    );
    write("infra/package.json", JSON.stringify({ name: "infra", type: "module" }));
    write("infra/node_modules/tagz/package.json", JSON.stringify({ name: "tagz" }));
    write("infra/index.js", 'import { tags } from "../lib/bucket.js";\n');
    write("lib/bucket.js", 'import { standardTags } from "tagz";\n');
    const importer = path.join(dir, "lib/bucket.js");
    const program = path.join(dir, "infra");
    for (const from of [importer, pathToFileURL(importer).href]) {
      const esm = `Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'tagz' imported from ${from}`;
      const hint = uninstalledPackageHint(esm, program);
      expect(hint, from).to.contain(
        `${path.join(dir, "infra/index.js")} imports "../lib/bucket.js", a relative path, not a package`,
      );
      expect(hint, from).to.contain(
        `${path.join(dir, "package.json")} lists it, but it is not installed there: run \`npm install\` in ${dir}`,
      );
      expect(hint, from).to.not.contain("through a link");
    }
  });

  it("a folder imported by a relative path whose package.json main points elsewhere: resolved as Node does", () => {
    write("infra/package.json", JSON.stringify({ name: "infra" }));
    write("infra/node_modules/tagz/package.json", JSON.stringify({ name: "tagz" }));
    write("infra/index.ts", 'import { tags } from "../packages/mylib";\n');
    write("packages/mylib/package.json", JSON.stringify({ name: "mylib", main: "src/index.ts" }));
    write("packages/mylib/src/index.ts", 'import { standardTags } from "tagz";\n');
    const importer = path.join(dir, "packages/mylib/src/index.ts");
    const message =
      "Cannot find module 'tagz'\nRequire stack:\n- " +
      `${importer}\n- ${path.join(dir, "infra/index.ts")}`;
    const hint = uninstalledPackageHint(message, path.join(dir, "infra"));
    expect(hint).to.contain('imports "../packages/mylib", a relative path, not a package');
    expect(hint).to.contain(
      `${path.join(dir, "packages/mylib/package.json")} does not list it: add it there`,
    );
    expect(hint).to.not.contain("through a link");
  });

  it("a Deno import specifier is named as one, with the bare name Node.js imports, not as a package to install", () => {
    write("package.json", JSON.stringify({ name: "p", dependencies: { "@pulumi/pulumi": "^3" } }));
    const message = `Cannot find module 'npm:@pulumi/aws@7'\nRequire stack:\n- ${path.join(dir, "index.ts")}`;
    const npm = uninstalledPackageHint(message, dir);
    expect(npm).to.contain('"npm:@pulumi/aws@7" is a Deno import specifier (npm:)');
    expect(npm).to.contain('Import "@pulumi/aws" and declare the version in package.json');
    expect(npm).to.contain("`npm install @pulumi/aws@7`");
    expect(npm).to.not.contain("is not installed");
    const jsr = uninstalledPackageHint("Cannot find module 'jsr:@std/path@1/posix'", dir);
    expect(jsr).to.contain('(`npx jsr add @std/path@1`) and import "@std/path/posix"');
    const url = uninstalledPackageHint(
      "Cannot find module 'https://deno.land/std/path/mod.ts'",
      dir,
    );
    expect(url).to.contain("Node.js does not import modules from URLs");
  });

  it("a Deno specifier in an ES module, which Node names only by its scheme, is found at its import", () => {
    write("package.json", JSON.stringify({ name: "p", type: "module" }));
    write("index.js", 'import * as aws from "npm:@pulumi/aws@7";\nexport const b = 1;\n');
    write("lib/site.js", 'export const fetchMod = () => import("https://deno.land/x/mod.ts");\n');
    const esm = (scheme: string) =>
      "Only URLs with a scheme in: file, data, and node are supported by the default ESM " +
      `loader. Received protocol '${scheme}:'`;
    const npm = uninstalledPackageHint(esm("npm"), dir);
    expect(npm).to.contain('index.js:1 imports "npm:@pulumi/aws@7", a Deno import specifier');
    expect(npm).to.contain('Import "@pulumi/aws"');
    const url = uninstalledPackageHint(esm("https"), dir);
    expect(url).to.contain(`${path.join("lib", "site.js")}:1 imports "https://deno.land/x/mod.ts"`);
    expect(url).to.contain("Node.js does not import modules from URLs");
    // A scheme no import of the program uses gets no hint rather than a wrong one.
    expect(uninstalledPackageHint(esm("jsr"), dir)).to.equal("");
  });
});
