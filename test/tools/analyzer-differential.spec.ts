// The in-process policy runner (tools/lib/policy-runner.ts) against the policy pack's own process
// (tools/lib/engine/analyzer.ts) on whole stacks: both committed stacks in both phases, the check's
// engine view of a stack (root stack, default providers), and the 10k-resource benchmark stack.
// Identical means the same policies, levels, URNs, messages and note flags, and the same waived
// findings. (Every policy fixture is compared too: see ../analyzer.ts.)
import { expect } from "chai";
import { allPolicies } from "../../policy-pack/policies";
import { syntheticStack } from "../../tools/bench/synthetic";
import { toPolicyReport } from "../../tools/lib/engine/report";
import { PolicyReport, runPolicies } from "../../tools/lib/policy-runner";
import { record, RecordedResource } from "../../tools/lib/recorder";
import { contextOf, reportDifferences, sharedAnalyzer } from "../analyzer";
import { loadProgram, runStack, stackConfig } from "../helpers";

/**
 * Judges the resources both ways (any recording: the mock recorder's, the engine's) and expects
 * identical reports; returns the report.
 */
export async function expectIdentical(
  resources: readonly RecordedResource[],
  dryRun = true,
): Promise<PolicyReport> {
  const analyzer = await sharedAnalyzer();
  const [fast, diagnostics] = await Promise.all([
    runPolicies(allPolicies, resources),
    analyzer.analyze(contextOf(resources, dryRun), resources, { policyConfig: {} }),
  ]);
  const differences = reportDifferences(fast, toPolicyReport(diagnostics, resources));
  expect(differences, differences.slice(0, 20).join("\n")).to.deep.equal([]);
  return fast;
}

/**
 * The 10k-resource stack through the pack's process, started as soon as this file loads: the pack
 * works on it in its own process while the other suites run.
 */
const tenThousand = (async () => {
  const resources = syntheticStack(10_000);
  const analyzer = await sharedAnalyzer();
  const diagnostics = await analyzer.analyze(contextOf(resources, false), resources, {
    policyConfig: {},
  });
  return { resources, diagnostics };
})();
tenThousand.catch(() => undefined); // reported by the test that awaits it

describe("the in-process runner is identical to the policy pack's process", function () {
  this.timeout(300_000);

  for (const stack of ["staging", "prod"]) {
    for (const preview of [true, false]) {
      it(`on the ${stack} stack (${preview ? "preview" : "apply"})`, async () => {
        const rec = await runStack(stack, { preview });
        const report = await expectIdentical(rec.resources, preview);
        expect(report.violations.length).to.be.greaterThan(0);
        expect(report.waived.length).to.be.greaterThan(0);
      });
    }
  }

  it("on the engine's view of prod: root stack, default providers and their inputs", async () => {
    const rec = await runStack("prod", { preview: true });
    // The check's own recording: every registration the engine makes.
    const engine = await record(
      {
        project: "platform",
        stack: "prod",
        preview: true,
        config: stackConfig("prod"),
        engineResources: true,
      },
      loadProgram,
    );
    expect(engine.resources.some((r) => r.type === "pulumi:pulumi:Stack")).to.equal(true);
    expect(engine.resources.some((r) => r.type === "pulumi:providers:aws")).to.equal(true);
    expect(engine.resources.length).to.be.greaterThan(rec.resources.length);
    await expectIdentical(engine.resources);
  });

  it("on the 10,000-resource benchmark stack", async () => {
    const { resources, diagnostics } = await tenThousand;
    const fast = await runPolicies(allPolicies, resources);
    const differences = reportDifferences(fast, toPolicyReport(diagnostics, resources));
    expect(differences, differences.slice(0, 20).join("\n")).to.deep.equal([]);
    expect(fast.violations.some((v) => v.enforcementLevel === "mandatory")).to.equal(true);
  });
});
