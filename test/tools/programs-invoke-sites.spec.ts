// An invoke a component library makes later, inside an apply (@pulumi/kubernetes's helm.v3.Chart
// renders its chart with kubernetes:helm:template), has no line of the program on its stack: the
// failure is reported at the line that made the component whose call went unanswered (of two
// charts, told apart by the invoke's arguments), with why offline cannot answer it
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

  const answers = () => path.join(dir, "invoke-answers.json");
  const monitoring = () => lineOf("invoke-helm-chart/index.ts", 'new Chart("monitoring"');

  for (const stack of ["dev", "legacy"]) {
    const title =
      stack === "dev"
        ? "is reported at the line of the chart whose call went unanswered (the chart as its parent)"
        : "is reported at no chart's line when nothing says which one's call failed (no parent, as @pulumi/kubernetes before 4)";
    it(title, async () => {
      const r = await runStack(dir, { stack, invokeAnswers: answers() });
      expect(r.failure, "the run failed").to.not.equal(undefined);
      expect(r.failure!.message).to.contain(
        "the offline check cannot answer the invoke kubernetes:helm:template (a helm.v3.Chart",
      );
      expect(r.failure!.message).to.contain('{ "result": [] } to check the rest of the stack');
      if (stack === "dev") {
        // The chart as the invoke's parent, and its arguments: the unanswered one is known.
        expect(r.failure!.location?.file).to.equal(path.join(dir, "index.ts"));
        expect(r.failure!.location?.line).to.equal(monitoring());
      } else {
        // Two charts and no parent: nothing says which one's call failed, so no chart's line.
        expect(r.failure!.location?.line).to.not.equal(monitoring());
        expect(r.failure!.location?.line).to.not.equal(
          lineOf("invoke-helm-chart/index.ts", 'new Chart("grafana"'),
        );
      }
    });
  }
});
