// An invoke a component library makes later, inside an apply (@pulumi/kubernetes's helm.v3.Chart
// renders its chart with kubernetes:helm:template), has no line of the program on its stack: the
// failure is reported at the line that made the component, with why offline cannot answer it
// (test/fixtures/programs/invoke-helm-chart; its library, package/, installed as chart-lib).
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { FIXTURES, lineOf, runStack, SCRATCH } from "./program-runs";

describe("an invoke a component library makes for the program", function () {
  this.timeout(180_000);
  let dir: string;

  before(() => {
    fs.mkdirSync(SCRATCH, { recursive: true });
    dir = fs.mkdtempSync(path.join(SCRATCH, "invoke-helm-chart-"));
    fs.cpSync(path.join(FIXTURES, "invoke-helm-chart"), dir, { recursive: true });
    fs.cpSync(path.join(dir, "package"), path.join(dir, "node_modules", "chart-lib"), {
      recursive: true,
    });
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const stack of ["dev", "legacy"]) {
    it(`is reported at the component's line, with why it needs Helm (${stack === "dev" ? "the chart as its parent" : "no parent, as @pulumi/kubernetes before 4"})`, async () => {
      const r = await runStack(dir, { stack });
      expect(r.failure, "the run failed").to.not.equal(undefined);
      expect(r.failure!.message).to.contain(
        "the offline check cannot answer the invoke kubernetes:helm:template (a helm.v3.Chart",
      );
      expect(r.failure!.message).to.contain('{ "result": [] } to check the rest of the stack');
      expect(r.failure!.location?.file).to.equal(path.join(dir, "index.ts"));
      expect(r.failure!.location?.line).to.equal(
        lineOf("invoke-helm-chart/index.ts", 'new Chart("monitoring"'),
      );
    });
  }
});
