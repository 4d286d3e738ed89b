// Shapes of the official Pulumi example and template programs (pulumi/examples, pulumi/templates)
// that the check once reported wrongly, each reduced to a fixture of test/fixtures/programs and
// run through the check's CLI as a user runs it: one `npm run check` each, queued up front on a
// pool of two.
import { expect } from "chai";
import * as path from "path";
import { cli, CliRun, later, lineOf, pool } from "./program-runs";

const queue = pool(2);
const program = (name: string) => path.join("test", "fixtures", "programs", name);

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
  });

  it("a program that does not compile, with a secret in its stack file: the compiler's errors, no word of the secret", async () => {
    // aws-ts-slackbot's shape. No code of a program TypeScript refuses runs, so no config value
    // is why it failed: the undecryptable secret is neither the reason nor a note.
    const run = await runs.compileWithSecret();
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain(
      "error: the program failed (stack dev, preview phase): TypeScript could not compile the program: " +
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
      "error: the program failed (stack dev, preview phase): TypeScript could not compile the program: " +
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
      "error: the program failed (stack dev, preview phase): TypeScript could not compile the program: " +
        `index.ts(${line},21): error TS2304: Cannot find name 'repo'.`,
    );
    expect(run.stderr).to.not.contain("ReferenceError");
  });
});
