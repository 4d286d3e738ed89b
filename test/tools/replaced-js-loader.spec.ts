// A program whose nodeargs register a loader that replaces Node's handler of `.js` files and runs
// the program's files compiled, their lines shifted, with an inline source map
// (test/fixtures/programs/replaced-js-loader, modelled on what `--import tsx` does): the check's
// preload must still see the SDK's modules as they load, or the report loses what it records from
// them, and map each frame through the source map Node keeps, or every line it reports is the
// compiled code's: the program's line of a resource, of an isDryRun() guard and of a config read
// that fails.
import { expect } from "chai";
import * as path from "path";
import { FIXTURES, lineOf, QueuedRuns, sourceFile } from "./program-runs";

const runs = new QueuedRuns();
const FIXTURE = "replaced-js-loader";
const FILE = path.join(FIXTURES, FIXTURE, "index.js");

describe("a program loaded through a loader that replaces the .js handler", function () {
  this.timeout(300_000);
  before(() => {
    runs.queueCheck(FIXTURE, ["preview", "apply"]);
    // No stack file: the required siteName is missing.
    runs.queueRun(FIXTURE, "bare");
  });

  it("runs the program: its unguarded bucket is made and judged, the guarded one is not", async () => {
    const r = await runs.check(FIXTURE, ["preview", "apply"]);
    const names = r.resources.map((x) => x.name);
    expect(names).to.include("site").and.not.include("uploads");
  });

  it("places each resource at the program's line, not the compiled code's", async () => {
    const r = await runs.check(FIXTURE, ["preview", "apply"]);
    const site = r.resources.find((x) => x.name === "site");
    expect(sourceFile(site?.source?.uri)).to.equal(FILE);
    expect(site?.source?.line).to.equal(lineOf(`${FIXTURE}/index.js`, 'new aws.s3.Bucket("site")'));
  });

  it("names the line that asked isDryRun(), so the result is never a bare one", async () => {
    const r = await runs.check(FIXTURE, ["preview", "apply"]);
    const guard = lineOf(`${FIXTURE}/index.js`, "if (!pulumi.runtime.isDryRun())");
    expect(r.dryRunSkipped).to.match(
      new RegExp(`^code behind isDryRun\\(\\) at index\\.js:${guard} `),
    );
  });

  it("places a missing required config value at the program's line that read it", async () => {
    const r = await runs.run(FIXTURE, "bare");
    expect(r.failure?.message).to.contain("fixture-replaced-js-loader:siteName");
    expect(r.failure?.location?.file).to.equal(FILE);
    expect(r.failure?.location?.line).to.equal(
      lineOf(`${FIXTURE}/index.js`, 'config.require("siteName")'),
    );
  });
});
