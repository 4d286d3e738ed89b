// Every way a run of a Pulumi program goes wrong, offline (test/fixtures/programs/fail-*, and an
// invoke nobody answers): each is the program's failure, with its own message, at its own file
// and line, never a pass and never a crash of the check. One preview run each, through the
// engine's language host (`runProgram`), queued up front on a pool of two.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { missingModule } from "../../tools/lib/engine/hints";
import { yarnPnpManifest } from "../../tools/lib/engine/language-host";
import { loadProject, UsageError } from "../../tools/check/project";
import { failsAtLine, FIXTURES, lineOf, QueuedRuns, ROOT, runStack, SCRATCH } from "./program-runs";

const runs = new QueuedRuns();

/** Whether a process has ended: gone, or a zombie no one reaps (a container's init may not). */
function ended(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  const stat = fs.existsSync(`/proc/${pid}/stat`)
    ? fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    : "";
  return / Z /.test(stat.slice(stat.lastIndexOf(")")));
}
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
      "fail-type-stripping",
      "fail-mjs-top-level-await",
      "fail-log-error",
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
    runs.queueRun("transforms", "strict");
  });

  const failsAt = (fixture: string, snippet: string, message: RegExp | string, stack?: string) =>
    failsAtLine(runs, fixture, snippet, message, stack);

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

  it("an error the program logs with pulumi.log.error fails the run at the call that logged it", async () => {
    await failsAt(
      "fail-log-error",
      "pulumi.log.error(",
      "retentionDays is 1: keep logs at least 7 days",
    );
  });

  it("process.exitCode = 0 does not hide a throw", async () => {
    await failsAt("fail-exitcode-throw", "throw new Error(", "instanceCount must be at least 1");
  });

  it("a main function that awaits an output's value at preview never finishes", async () => {
    const r = await run("fail-never-finishes");
    expect(r.failure?.kind).to.equal("never-finished");
    expect(r.failure?.message).to.contain("the program never finished");
    // The process it started and never waited for ended with the run.
    const pid = Number(/left behind: pid (\d+)/.exec(r.output.join("\n"))?.[1]);
    expect(pid).to.be.greaterThan(0);
    expect(ended(pid), `process ${pid} still runs`).to.equal(true);
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
    // Where the path leads and the package.json script that builds it.
    expect(f.message).to.contain(
      `./app (relative to the program's folder, ${path.join(FIXTURES, "fail-missing-archive")}: `,
    );
    expect(f.message).to.contain("run `npm run build:app` first");
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

  it("an ES module in TypeScript with no tsconfig.json anywhere: refused with the file to add", async () => {
    const f = (await run(noTsconfig!)).failure!;
    expect(f, "the run failed").to.not.equal(undefined);
    expect(f.message).to.contain("the program has no tsconfig.json");
    expect(f.message).to.match(/TS51(09|10)/);
    expect(f.message).to.contain(
      'Add a tsconfig.json with "module" and "moduleResolution" both "nodenext"',
    );
  });

  it("TypeScript left to Node's own type stripping (typescript: false): runs where Node strips types, else the Node that does", async () => {
    const r = await run("fail-type-stripping");
    const [maj, min] = process.versions.node.split(".").map(Number);
    if (maj > 23 || (maj === 23 && min >= 6) || (maj === 22 && min >= 18)) {
      expect(r.failure, "Node strips the types itself").to.equal(undefined);
      expect(r.resources.map((x) => x.type)).to.include("aws:sqs/queue:Queue");
    } else {
      expect(r.failure!.message).to.contain('Unknown file extension ".ts"');
      expect(r.failure!.message).to.contain(
        `strips their types only from Node 22.18 (or 23.6) on; this is Node ${process.versions.node}`,
      );
    }
  });

  it('an ES module entry point the language host requires (no "type": "module"): Node\'s refusal, with why and the fix', async () => {
    const f = (await run("fail-mjs-top-level-await")).failure!;
    expect(f, "the run failed").to.not.equal(undefined);
    expect(f.message).to.match(/ERR_REQUIRE_ESM|require\(\) of ES Module|top-level await/);
    expect(f.message).to.contain(
      "fail-mjs-top-level-await/package.json does not, so Node required an ES module it cannot require",
    );
    expect(f.message).to.contain('Add "type": "module" to fail-mjs-top-level-await/package.json');
  });
});
