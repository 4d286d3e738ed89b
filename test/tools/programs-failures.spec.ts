// Every way a run of a Pulumi program goes wrong, offline (test/fixtures/programs/fail-*, and an
// invoke nobody answers): each is the program's failure, with its own message, at its own file
// and line, never a pass and never a crash of the check. One preview run each, through the
// engine's language host (`runProgram`), queued up front on a pool of two.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  commonJsEntryHint,
  esmTypeScriptHint,
  missingModule,
  nodeSatisfies,
  sdkTypeScriptHint,
  uninstalledPackageHint,
} from "../../tools/lib/engine/hints";
import { yarnPnpManifest } from "../../tools/lib/engine/language-host";
import { loadProject, UsageError } from "../../tools/check/project";
import { FIXTURES, lineOf, QueuedRuns, ROOT, runStack, SCRATCH } from "./program-runs";

const runs = new QueuedRuns();
const run = runs.run.bind(runs);

describe("real-world programs that fail, offline", function () {
  this.timeout(300_000);

  let noTsconfig: string | undefined;
  let newerNode: string | undefined;

  after(() => {
    if (noTsconfig) fs.rmSync(noTsconfig, { recursive: true, force: true });
    if (newerNode) fs.rmSync(newerNode, { recursive: true, force: true });
  });

  before(() => {
    for (const f of [
      "fail-unhandled-rejection",
      "fail-async-throw",
      "fail-duplicate-urn",
      "fail-apply-throws",
      "fail-process-exit",
      "fail-exitcode-throw",
      "fail-never-finishes",
      "invoke-unanswered",
      "fail-missing-archive",
      "fail-default-export-cjs",
      "fail-tsconfig-module-only",
      "fail-tsconfig-paths-alias",
      "fail-uninstalled-dependency",
      "fail-uninstalled-loader",
      "fail-unbuilt-js",
    ])
      runs.queueRun(f);
    // ts-node looks for a tsconfig.json in every folder up from the program: a copy outside the
    // repository (its node_modules linked in, as an installed program has) has none.
    noTsconfig = fs.mkdtempSync(path.join(os.tmpdir(), "esm-no-tsconfig-"));
    fs.cpSync(path.join(FIXTURES, "fail-esm-no-tsconfig"), noTsconfig, { recursive: true });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(noTsconfig, "node_modules"));
    runs.queueRun(noTsconfig);
    // A dependency installed in the program's own node_modules (copied, as npm installs it).
    fs.mkdirSync(SCRATCH, { recursive: true });
    newerNode = fs.mkdtempSync(path.join(SCRATCH, "dependency-engines-"));
    fs.cpSync(path.join(FIXTURES, "fail-dependency-engines"), newerNode, { recursive: true });
    fs.cpSync(
      path.join(newerNode, "package"),
      path.join(newerNode, "node_modules", "newer-node-lib"),
      { recursive: true },
    );
    runs.queueRun(newerNode);
    runs.queueRun("fail-too-many-azs", "wide");
    runs.queueRun("transforms", "strict");
    runs.queueRun("fail-too-many-azs");
  });

  const failsAt = async (
    fixture: string,
    snippet: string,
    message: RegExp | string,
    stack = "dev",
  ) => {
    const r = await run(fixture, stack);
    expect(r.failure, `${fixture} failed`).to.not.equal(undefined);
    if (typeof message === "string") expect(r.failure!.message).to.contain(message);
    else expect(r.failure!.message).to.match(message);
    expect(r.failure!.location?.file).to.equal(path.join(FIXTURES, fixture, "index.ts"));
    expect(r.failure!.location?.line).to.equal(lineOf(`${fixture}/index.ts`, snippet));
    return r.failure!;
  };

  it("a transform that throws stops the registration it was called for, with its message", async () => {
    // The engine answers the registration with the transform's error, as `pulumi preview` does.
    const f = await failsAt(
      "transforms",
      "new aws.vpc.SecurityGroupIngressRule(",
      "failed to register new resource web-ssh",
      "strict",
    );
    expect(f.message).to.contain("transform failed: Error: web-ssh: SSH open to the internet");
    expect(f.message).not.to.contain("UNKNOWN: 2 UNKNOWN");
  });

  it("an unhandled rejection after the main module ran", async () => {
    const f = await failsAt(
      "fail-unhandled-rejection",
      "throw new Error(`refusing",
      "refusing to deploy into account 123456789012",
    );
    expect(f.kind).to.equal("error");
  });

  it("an async throw in an ESM default export (mapped back past erased types)", async () => {
    await failsAt("fail-async-throw", "throw new Error(", "no placement configured for account");
  });

  it("a duplicate URN", async () => {
    await failsAt(
      "fail-duplicate-urn",
      'new aws.s3.Bucket("tenant-data"',
      "Duplicate resource URN 'urn:pulumi:dev::fixture-fail-duplicate-urn::aws:s3/bucket:Bucket::tenant-data'",
    );
  });

  it("a throwing apply that feeds an input", async () => {
    await failsAt(
      "fail-apply-throws",
      "throw new Error(`retentionDays",
      'retentionDays must be a positive number of days, got "forever"',
    );
  });

  it("process.exit(0) inside the program is an early exit, at the call", async () => {
    const f = await failsAt("fail-process-exit", "process.exit(0);", "called process.exit(0)");
    expect(f.kind).to.equal("early-exit");
  });

  it("process.exitCode = 0 does not hide a throw", async () => {
    await failsAt("fail-exitcode-throw", "throw new Error(", "instanceCount must be at least 1");
  });

  it("a main function that awaits an output's value at preview never finishes", async () => {
    const r = await run("fail-never-finishes");
    expect(r.failure?.kind).to.equal("never-finished");
    expect(r.failure?.message).to.contain("the program never finished");
  });

  it("an invoke nobody answers, in an ES module, is named at its line", async () => {
    await failsAt(
      "invoke-unanswered",
      "aws.cloudformation.getExport(",
      "aws:cloudformation/getExport:getExport",
    );
  });

  it("an archive path that does not exist fails its registration, as the engine's hashing does", async () => {
    const f = await failsAt(
      "fail-missing-archive",
      'new aws.lambda.Function("lambdaFunction"',
      "failed to register new resource lambdaFunction [aws:lambda/function:Function]",
    );
    expect(f.message).to.contain(
      `failed to compute archive hash for "code": couldn't read archive path './app'`,
    );
  });

  it("a default export in a CommonJS program is a main function nothing calls: not an empty pass", async () => {
    const f = await failsAt(
      "fail-default-export-cjs",
      "export default async () => {",
      "the program's main function is its module's default export",
    );
    expect(f.message).to.contain('add "type": "module" to package.json');
    expect(f.message).to.contain("`export = async () => { ... }`");
  });

  it("a tsconfig that sets module but not moduleResolution names the file, the line and the setting to add", async () => {
    const fixture = "fail-tsconfig-module-only";
    const r = await run(fixture);
    const f = r.failure!;
    expect(f, "the run failed").to.not.equal(undefined);
    expect(f.kind).to.equal("error");
    expect(f.message).to.contain(
      'tsconfig.json sets "module": "commonjs" but not "moduleResolution"',
    );
    expect(f.message).to.contain("TS5110");
    expect(f.message).to.contain('Set "moduleResolution": "node10"');
    expect(f.location?.file).to.equal(path.join(FIXTURES, fixture, "tsconfig.json"));
    expect(f.location?.line).to.equal(lineOf(`${fixture}/tsconfig.json`, '"module": "commonjs"'));
    // Nothing ran: TypeScript refused the options before the program's first line.
    expect(r.resources.filter((x) => x.type === "aws:s3/bucket:Bucket")).to.have.length(0);
  });

  it("an import through a tsconfig paths alias: Node's error at the import, with the alias and the fix", async () => {
    const f = await failsAt(
      "fail-tsconfig-paths-alias",
      'from "@lib/buckets"',
      "Cannot find module '@lib/buckets'",
    );
    expect(f.message).to.contain('"@lib/buckets" is the "paths" alias "@lib/*" of tsconfig.json');
    expect(f.message).to.contain("Import the file by its relative path");
    expect(f.message).to.contain("--require tsconfig-paths/register");
  });

  it("a dependency package.json lists but nobody installed: Node's error at the import, with the fix", async () => {
    const f = await failsAt(
      "fail-uninstalled-dependency",
      'from "dotenv"',
      "Cannot find module 'dotenv'",
    );
    expect(f.message).to.contain(
      '"dotenv" is a dependency of fail-uninstalled-dependency/package.json (^16.4.5) that is not installed',
    );
    expect(f.message).to.contain("Run `npm install` in the program first");
  });

  it("a dependency that throws while it loads: the program's import that led there, and the Node its engines field asks for", async () => {
    // Node's loader and the check's hooks fill V8's default 10 frames before the program's
    // import is reached; the report must still name the program's line (undici 8 on Node 20,
    // under @studion/infra-code-blocks 2.0.0).
    const f = (await run(newerNode!)).failure!;
    expect(f, "the run failed").to.not.equal(undefined);
    expect(f.message).to.contain("Cannot read properties of undefined (reading 'bind')");
    expect(f.location?.file).to.equal(path.join(newerNode!, "index.ts"));
    expect(f.location?.line).to.equal(
      lineOf("fail-dependency-engines/index.ts", 'from "newer-node-lib"'),
    );
    expect(f.message).to.contain(
      'It was thrown while newer-node-lib 1.0.0 loaded, which declares engines.node ">=99.0.0"',
    );
    expect(f.message).to.contain(`this is Node ${process.version}`);
  });

  it("reads the engines.node ranges npm packages declare (node-semver ranges)", () => {
    for (const [range, version, expected] of [
      [">=22.19.0", "v20.20.2", false],
      [">=22.19.0", "v22.19.0", true],
      ["^20.19.0 || >=22.12.0", "v20.20.2", true],
      ["^20.19.0 || >=22.12.0", "v21.7.0", false],
      [">=18 <20", "v20.0.0", false],
      ["~20.1.0", "v20.2.0", false],
      ["20.x", "v20.20.2", true],
      ["*", "v20.20.2", true],
      [">=22.19.0-pre", "v20.20.2", undefined],
    ] as const) {
      expect(nodeSatisfies(range, version), `${range} on ${version}`).to.equal(expected);
    }
  });

  it("a loader the runtime's nodeargs names but nobody installed: Node's error, with the fix", async () => {
    // Node stops at `--import tsx` before the SDK starts: the program exits with Node's error.
    const r = await run("fail-uninstalled-loader");
    expect(r.failure?.message).to.contain("the program exited with code 1");
    expect(r.failure?.message).to.contain("Cannot find package 'tsx'");
    expect(r.failure?.message).to.contain(
      '"tsx" is a dependency of fail-uninstalled-loader/package.json (^4.19.0) that is not installed',
    );
    expect(
      missingModule("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'tsx' imported from /p/"),
    ).to.equal("tsx");
  });

  it("a Yarn Plug'n'Play install is refused as the CLI's language host refuses it (pulumi/pulumi#3586), not run on lent packages", async () => {
    // Outside the repository, so that no node_modules above it serves the SDK; the manifest is
    // what `yarn install` writes at the project root under Yarn's default linker.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "yarn-pnp-"));
    try {
      const dir = path.join(root, "infra");
      fs.cpSync(path.join(FIXTURES, "fail-yarn-pnp"), dir, { recursive: true });
      const manifest = path.join(root, ".pnp.cjs");
      fs.writeFileSync(manifest, "#!/usr/bin/env node\n/* generated by Yarn: the PnP runtime */\n");
      expect(yarnPnpManifest(dir)).to.equal(manifest);
      const r = await runStack(dir);
      expect(r.failure?.kind).to.equal("setup");
      expect(r.failure?.message).to.contain("It looks like the Pulumi SDK has not been installed");
      expect(r.failure?.message).to.contain(`installed with Yarn Plug'n'Play (${manifest})`);
      expect(r.failure?.message).to.contain("Add `nodeLinker: node-modules` to .yarnrc.yml");
      expect(r.resources).to.have.length(0);
      // Without the manifest the program has simply not been installed: it runs on lent packages.
      fs.rmSync(manifest);
      expect(yarnPnpManifest(dir)).to.equal(undefined);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("a compiled entry point that has not been built: Node's error, with the build that makes it", async () => {
    // package.json `main` names tsc's output; with `typescript: false` nothing compiles first.
    const r = await run("fail-unbuilt-js");
    const bin = path.join(FIXTURES, "fail-unbuilt-js", "bin", "index.js");
    expect(r.failure?.message).to.contain(`Cannot find module '${bin}'`);
    expect(r.failure?.message).to.contain(
      'bin/index.js is compiled output that has not been built: tsconfig.json compiles into "bin"',
    );
    expect(r.failure?.message).to.contain("Build the program first (`npm run build`)");
    // The same entry named by Pulumi.yaml `main` is refused before the run, with the same hint.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unbuilt-main-"));
    try {
      fs.cpSync(path.join(FIXTURES, "fail-unbuilt-js"), dir, { recursive: true });
      fs.appendFileSync(path.join(dir, "Pulumi.yaml"), "main: bin/index.js\n");
      expect(() => loadProject(dir))
        .to.throw(UsageError, "project 'main' could not be read")
        .with.property("message")
        .that.contains("bin/index.js is compiled output that has not been built");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a package the program imports but never listed: named, with the command that adds it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unlisted-"));
    try {
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ dependencies: {} }));
      fs.mkdirSync(path.join(dir, "src"));
      // From a subfolder (`main: src/`), the package.json above it is the program's.
      const hint = uninstalledPackageHint(
        "Cannot find module '@acme/settings/load'",
        path.join(dir, "src"),
      );
      expect(hint).to.contain(
        `"@acme/settings" is not installed, nor listed in ${path.basename(dir)}/package.json`,
      );
      expect(hint).to.contain("`npm install @acme/settings`");
      // Relative imports and Node's own modules are another story.
      expect(uninstalledPackageHint("Cannot find module './settings'", dir)).to.equal("");
      expect(uninstalledPackageHint("Cannot find module 'node:fs/x'", dir)).to.equal("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an ES module in TypeScript whose own node_modules lack ts-node 10: the install that runs it", () => {
    // Node's refusal when the language host falls back to its vendored ts-node 7 (CommonJS hooks
    // only), as a program with its own dependencies but no ts-node gets it.
    const refusal = 'TypeError: Unknown file extension ".ts" for /p/index.ts';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "esm-ts-"));
    const install = (name: string, version: string) => {
      const at = path.join(dir, "node_modules", name);
      fs.mkdirSync(at, { recursive: true });
      fs.writeFileSync(path.join(at, "package.json"), JSON.stringify({ name, version }));
    };
    const pkg = (type?: string) =>
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "p", type }));
    try {
      pkg("module");
      install("@pulumi/pulumi", "3.276.0");
      const missing = esmTypeScriptHint(refusal, dir);
      expect(missing).to.contain(
        `${path.basename(dir)}/package.json makes the program an ES module`,
      );
      expect(missing).to.contain("the program has no ts-node installed");
      expect(missing).to.contain("`npm install --save-dev ts-node@^10 typescript@^5`");
      install("ts-node", "7.0.1");
      expect(esmTypeScriptHint(refusal, dir)).to.contain("the program has ts-node 7.0.1");
      // ts-node 10 with an SDK that does not yet register its ESM loader: the nodeargs way.
      install("ts-node", "10.9.2");
      install("@pulumi/pulumi", "3.182.0");
      expect(esmTypeScriptHint(refusal, dir)).to.contain(
        'upgrade @pulumi/pulumi, or add to Pulumi.yaml runtime.options.nodeargs: "--loader ts-node/esm"',
      );
      install("@pulumi/pulumi", "3.183.0");
      expect(esmTypeScriptHint(refusal, dir)).to.equal("");
      // A CommonJS program, or another failure, gets no such hint.
      install("ts-node", "7.0.1");
      expect(esmTypeScriptHint("TypeError: something else", dir)).to.equal("");
      pkg(undefined);
      expect(esmTypeScriptHint(refusal, dir)).to.equal("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a tsconfig option the SDK's own TypeScript 3.8 refuses names that TypeScript and the upgrade (pulumi/pulumi#15622)", () => {
    // TypeScript 3.8's refusal of a tsconfig written for TypeScript 5, as @pulumi/pulumi 3.80
    // (dependencies: typescript ~3.8.3) compiles it whatever the program installed.
    const refusal =
      "TypeScript could not compile the program: error TS6046: Argument for '--target' option " +
      "must be: 'es3', 'es5', 'es6', 'es2015', 'es2016', 'es2017', 'es2018', 'es2019', 'es2020', 'esnext'.";
    // One folder per layout: Node caches where a package resolved from a folder.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-ts-"));
    const sdk = path.join("node_modules", "@pulumi", "pulumi");
    const layout = (name: string, packages: Record<string, string>, folders: string[] = []) => {
      const dir = path.join(root, name);
      for (const [at, version] of Object.entries(packages)) {
        fs.mkdirSync(path.join(dir, at), { recursive: true });
        fs.writeFileSync(path.join(dir, at, "package.json"), JSON.stringify({ version }));
      }
      for (const at of folders) fs.mkdirSync(path.join(dir, at), { recursive: true });
      return dir;
    };
    try {
      const nested = sdkTypeScriptHint(
        refusal,
        layout("nested", {
          [sdk]: "3.80.0",
          [path.join(sdk, "node_modules", "typescript")]: "3.8.3",
          [path.join("node_modules", "typescript")]: "5.9.3",
        }),
      );
      expect(nested).to.contain(
        "The TypeScript that compiles the program is 3.8.3, @pulumi/pulumi 3.80.0's own dependency, not the program's 5.9.3",
      );
      expect(nested).to.contain("Upgrade @pulumi/pulumi to 3.113.0 or later");
      // A newer SDK takes the program's TypeScript: a refusal is then the program's own business.
      const peer = layout("peer", {
        [sdk]: "3.120.0",
        [path.join("node_modules", "typescript")]: "5.9.3",
      });
      expect(sdkTypeScriptHint(refusal, peer)).to.equal("");
      // ... and without one installed, falls back to the TypeScript 3.8.3 it vendors.
      const vendoring = layout("vendored", { [sdk]: "3.120.0" }, [
        path.join(sdk, "vendor", "typescript@3.8.3"),
      ]);
      const vendored = sdkTypeScriptHint(refusal, vendoring);
      expect(vendored).to.contain("is 3.8.3, the copy the SDK vendors, not the program's");
      expect(vendored).to.contain("Run `npm install --save-dev typescript@^5` in the program");
      expect(sdkTypeScriptHint("error TS2304: Cannot find name 'x'.", vendoring)).to.equal("");
      // Listed as a dev dependency but left out of the install: the install is the fix.
      const omitted = layout("omitted", { [sdk]: "3.248.0" }, [
        path.join(sdk, "vendor", "typescript@3.8.3"),
      ]);
      fs.writeFileSync(
        path.join(omitted, "package.json"),
        JSON.stringify({ devDependencies: { typescript: "~5.9.3" } }),
      );
      expect(sdkTypeScriptHint(refusal, omitted)).to.contain(
        "package.json lists typescript ~5.9.3 but it is not installed (an install without dev dependencies?): run `npm install` in the program",
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('a .cjs entry point of a "type": "module" package: why it has a default export, and the two fixes', () => {
    // The language host's refusal (@pulumi/pulumi cmd/run/run.js) of what `import()` makes of a
    // CommonJS module: `module.exports` as `default`, next to the names Node detects.
    const refusal =
      "expected entrypoint module to have either a default export or named exports but not both";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cjs-entry-"));
    const pkg = (fields: Record<string, string>) =>
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "p", ...fields }));
    try {
      pkg({ type: "module" });
      const hint = commonJsEntryHint(refusal, dir, dir, "index.cjs");
      expect(hint).to.contain("index.cjs is a CommonJS module, which the language host imports");
      expect(hint).to.contain(`because ${path.basename(dir)}/package.json says "type": "module"`);
      expect(hint).to.contain('drop "type": "module" so that the language host requires it');
      // The entry point may come from package.json when Pulumi.yaml names none.
      pkg({ type: "module", main: "bin/index.cjs" });
      expect(commonJsEntryHint(refusal, dir, dir, undefined)).to.contain(
        path.join("bin", "index.cjs") + " is a CommonJS module",
      );
      // An ES module with both kinds of export is told so by the bare message already.
      expect(commonJsEntryHint(refusal, dir, dir, "index.mjs")).to.equal("");
      pkg({ main: "index.cjs" });
      expect(commonJsEntryHint(refusal, dir, dir, undefined)).to.equal("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an ES module in TypeScript with no tsconfig.json anywhere: refused with the file to add", async () => {
    const f = (await run(noTsconfig!)).failure!;
    expect(f, "the run failed").to.not.equal(undefined);
    expect(f.message).to.contain("the program has no tsconfig.json");
    expect(f.message).to.match(/TS51(09|10)/);
    expect(f.message).to.contain(
      'Add a tsconfig.json with "module" and "moduleResolution" both "nodenext"',
    );
  });

  it("more availability zones than the region has", async () => {
    await failsAt(
      "fail-too-many-azs",
      "throw new Error(",
      /^azCount is 6, but eu-west-1 has only/,
      "wide",
    );
  });

  // Needs the real AZ list of the fake AWS (tools/lib/fake-aws/regions.ts: eu-west-1 has 3);
  // the mock gives every region zones a-d, so `azCount: 4` passes until it lands.
  it("azCount 4 in eu-west-1, which has three zones, fails as it would at deploy", async () => {
    const r = await run("fail-too-many-azs");
    expect(r.failure?.message).to.match(
      /^azCount is 4, but eu-west-1 has only 3 availability zones/,
    );
    expect(r.failure?.location?.line).to.equal(
      lineOf("fail-too-many-azs/index.ts", "throw new Error("),
    );
  });
});
