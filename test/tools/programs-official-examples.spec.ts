// Shapes of the official Pulumi example and template programs (pulumi/examples, pulumi/templates)
// that the check once reported wrongly, each reduced to a fixture of test/fixtures/programs and
// run through the check's CLI as a user runs it: one `npm run check` each, queued up front on a
// pool of two; and the run-time failures a type-checking compile explains, read from real runs.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { cli, CliRun, FIXTURES, later, lineOf, pool, runStack, SCRATCH } from "./program-runs";
import { runScript } from "./cli";
import { writeFiles } from "./files";
import { transpileOnlyFailure } from "../../tools/lib/engine/type-only-imports";
import { ranOnlyTypeChecked, TYPE_CHECKED_AGAIN } from "../../tools/lib/engine/runtime-type-errors";
import type { ProgramRun } from "../../tools/lib/engine/language-host";

const queue = pool(2);
const program = (name: string) => path.join("test", "fixtures", "programs", name);
/** How the report names the stage of a program TypeScript could not compile. */
const COMPILE_STAGE = "error: the program failed (stack dev, compile, before the program runs): ";

describe("official example and template programs through the check's CLI", function () {
  this.timeout(300_000);
  const runs: Record<string, () => Promise<CliRun>> = {};
  const queued = (...args: string[]) => later(queue(() => cli(...args)));

  before(() => {
    runs.compileWithSecret = queued(
      "--program",
      program("fail-compile-secret-config"),
      "--stack",
      "dev",
      "--phase",
      "preview",
    );
    runs.undefinedName = queued("--program", program("fail-undefined-name"), "--phase", "preview");
    runs.removedOutput = queued("--program", program("fail-removed-output"), "--phase", "preview");
    runs.unsetInput = queued(
      "--program",
      program("fail-required-input-unset"),
      "--phase",
      "preview",
    );
    runs.constEnum = queued("--program", program("ambient-const-enum"), "--phase", "preview");
    // As `pulumi preview` runs under PULUMI_NODEJS_TRANSPILE_ONLY=true: no type-checking compile.
    runs.transpileOnly = later(
      queue(() =>
        runScript(
          "check",
          ["--program", program("fail-undefined-name"), "--phase", "preview", "--judge", "runner"],
          { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
        ),
      ),
    );
  });

  it("a program that does not compile, with a secret in its stack file: the compiler's errors, no word of the secret", async () => {
    // aws-ts-slackbot's shape. No code of a program TypeScript refuses runs, so no config value
    // is why it failed: the undecryptable secret is neither the reason nor a note.
    const run = await runs.compileWithSecret();
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain(
      `${COMPILE_STAGE}TypeScript could not compile the program: ` +
        "index.ts(12,27): error TS2339: Property 'apigateway' does not exist",
    );
    expect(run.stderr).to.contain(`${program("fail-compile-secret-config")}/index.ts:12:27`);
    expect(run.stderr).to.not.contain("slackToken");
    expect(run.stderr).to.not.contain("offline-secret-placeholder");
  });

  it("a required input given an output the installed package dropped: the type error pulumi preview stops at", async () => {
    // docker-ts-multi-container-app's shape: at run time only "Missing required property 'image'"
    // at the constructor; type-checked, as `pulumi preview` compiles it, the read that says why.
    const run = await runs.removedOutput();
    expect(run.code).to.equal(2);
    const line = lineOf("fail-removed-output/index.ts", "image: redisImage.latest");
    expect(run.stderr).to.contain(
      `${COMPILE_STAGE}TypeScript could not compile the program: ` +
        `index.ts(${line},23): error TS2339: Property 'latest' does not exist on type 'RemoteImage'.`,
    );
    expect(run.stderr).to.contain(`${program("fail-removed-output")}/index.ts:${line}:23`);
    expect(run.stderr).to.not.contain("Missing required property");
  });

  it("a name nothing defines: TypeScript's TS2304 at that line, as pulumi preview reports it", async () => {
    // pulumi/templates' random-typescript at one commit exported `repo.id`, a name nothing defines.
    const run = await runs.undefinedName();
    expect(run.code).to.equal(2);
    const line = lineOf("fail-undefined-name/index.ts", "export const name = repo.id;");
    expect(run.stderr).to.contain(
      `${COMPILE_STAGE}TypeScript could not compile the program: ` +
        `index.ts(${line},21): error TS2304: Cannot find name 'repo'.`,
    );
    expect(run.stderr).to.not.contain("ReferenceError");
  });

  it("a required input a type-checking compile finds no fault with: the run-time failure, as pulumi preview has it", async () => {
    // `config.get` of a key the stack does not set, allowed without strictNullChecks: `pulumi
    // preview` compiles it and fails at run time the same way, so nothing else is reported.
    const run = await runs.unsetInput();
    expect(run.code).to.equal(2);
    const line = lineOf("fail-required-input-unset/index.ts", 'new docker.Container("app"');
    expect(run.stderr).to.contain(
      "error: the program failed (stack dev, preview phase): Missing required property 'image'\n" +
        `  at ${program("fail-required-input-unset")}/index.ts:${line}:`,
    );
    expect(run.stderr).to.not.contain("could not compile");
    expect(run.stderr).to.not.contain(TYPE_CHECKED_AGAIN);
  });

  it("a program that runs only when type-checked (an ambient const enum): judged, with a note that says so", async () => {
    const run = await runs.constEnum();
    const line = lineOf("ambient-const-enum/index.ts", "Retention.Long");
    expect(run.stderr).to.equal("");
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain(
      `index.ts:${line} uses \`Retention\`, which nothing defines at run time: the program runs ` +
        "only when compiled with type-checking, as `pulumi preview` compiles it by default",
    );
    expect(run.stdout).to.not.contain("reports what that compile reports");
  });

  it("under PULUMI_NODEJS_TRANSPILE_ONLY=true, where pulumi preview does not type-check: the first failure", async () => {
    const run = await runs.transpileOnly();
    expect(run.code).to.equal(2);
    const line = lineOf("fail-undefined-name/index.ts", "export const name = repo.id;");
    expect(run.stderr).to.contain(
      "error: the program failed (stack dev, preview phase): ReferenceError: repo is not defined\n" +
        `  at ${program("fail-undefined-name")}/index.ts:${line}:21`,
    );
    expect(run.stderr).to.not.contain("could not compile");
    expect(run.stderr).to.not.contain(TYPE_CHECKED_AGAIN);
  });
});

describe("run-time failures a type-checking compile explains, read from real runs", function () {
  this.timeout(300_000);
  const runs: Record<string, () => Promise<ProgramRun>> = {};
  let scratch: string;
  const failureOf = async (name: string) => {
    const run = await runs[name]();
    expect(run.failure, `${name} failed`).to.not.equal(undefined);
    return run.failure!;
  };

  before(() => {
    fs.mkdirSync(SCRATCH, { recursive: true });
    scratch = fs.mkdtempSync(path.join(SCRATCH, "run-time-failures-"));
    const project = (name: string, index: string, library: string) =>
      writeFiles(path.join(scratch, name), {
        "Pulumi.yaml": `name: ${name}\nruntime: nodejs\n`,
        "package.json": JSON.stringify({ name, private: true, main: "index.ts" }),
        "index.ts": index,
        "node_modules/fakelib/package.json": JSON.stringify({ name: "fakelib", main: "index.js" }),
        "node_modules/fakelib/index.js": library,
      });
    // A library written for a browser: its own `window` is what is not defined.
    project(
      "dependency-reference",
      'import * as lib from "fakelib";\n\nexport const origin: string = lib.origin();\n',
      "exports.origin = () => window.location.origin;\n",
    );
    // A library's helper that builds a resource and leaves its required input undefined.
    project(
      "dependency-required",
      'import * as lib from "fakelib";\n\nexport const widget = lib.widget();\n',
      "class Widget {\n  constructor(args) {\n" +
        "    if (args?.image === undefined) throw new Error(\"Missing required property 'image'\");\n" +
        "  }\n}\nexports.widget = (image) => new Widget({ image });\n",
    );
    const queued = (dir: string) => later(queue(() => runStack(dir)));
    runs.undefinedName = queued(path.join(FIXTURES, "fail-undefined-name"));
    runs.removedOutput = queued(path.join(FIXTURES, "fail-removed-output"));
    runs.dependencyReference = queued(path.join(scratch, "dependency-reference"));
    runs.dependencyRequired = queued(path.join(scratch, "dependency-required"));
  });

  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("a name the program's own line reads: compiled again", async () => {
    const dir = path.join(FIXTURES, "fail-undefined-name");
    const failure = await failureOf("undefinedName");
    const line = lineOf("fail-undefined-name/index.ts", "export const name = repo.id;");
    expect(transpileOnlyFailure(failure, dir)).to.equal(
      `index.ts:${line} uses \`repo\`, which nothing defines at run time: ${TYPE_CHECKED_AGAIN}`,
    );
    // The same error where a JavaScript file stands: never type-checked, never compiled again.
    const js = { ...failure, location: { ...failure.location!, file: path.join(dir, "index.js") } };
    expect(transpileOnlyFailure(js, dir)).to.equal(undefined);
  });

  it("a required input the program's own line leaves undefined, thrown by the SDK's constructor it called: compiled again", async () => {
    const dir = path.join(FIXTURES, "fail-removed-output");
    const failure = await failureOf("removedOutput");
    const line = lineOf("fail-removed-output/index.ts", 'new docker.Container("redis"');
    expect(failure.message).to.match(/^Missing required property 'image'/);
    expect(transpileOnlyFailure(failure, dir)).to.equal(
      `index.ts:${line} gives a resource no required \`image\` at run time: ${TYPE_CHECKED_AGAIN}`,
    );
  });

  it("the same errors raised in a dependency, blamed on the program's line that called it: not compiled again", async () => {
    const reference = await failureOf("dependencyReference");
    expect(reference.message).to.match(/^ReferenceError: window is not defined/);
    expect(reference.location?.file).to.equal(
      path.join(scratch, "dependency-reference", "index.ts"),
    );
    expect(transpileOnlyFailure(reference, path.join(scratch, "dependency-reference"))).to.equal(
      undefined,
    );
    const required = await failureOf("dependencyRequired");
    expect(required.message).to.match(/^Missing required property 'image'/);
    expect(required.location?.file).to.equal(path.join(scratch, "dependency-required", "index.ts"));
    expect(transpileOnlyFailure(required, path.join(scratch, "dependency-required"))).to.equal(
      undefined,
    );
  });

  it("a note said of a run that compiled and ran says the program runs only when type-checked", () => {
    const note = `index.ts:7 uses \`Retention\`, which nothing defines at run time: ${TYPE_CHECKED_AGAIN}`;
    expect(ranOnlyTypeChecked(note)).to.equal(
      "index.ts:7 uses `Retention`, which nothing defines at run time: the program runs only " +
        "when compiled with type-checking, as `pulumi preview` compiles it by default, so the " +
        "check compiled it the same way (as --type-check does)",
    );
    // A note with another ending (a types-only import's) is kept as it is.
    expect(ranOnlyTypeChecked("x imports y, which has only type declarations")).to.equal(
      "x imports y, which has only type declarations",
    );
  });
});
