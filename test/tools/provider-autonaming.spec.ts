// A stack that configures Pulumi's autonaming (`pulumi:autonaming`) gets names the offline engine
// does not make (it makes the default `<logical name>-<7 hex>`): the provider-input check draws
// no refusal from a name it made, and still judges the names the program gives.
import { expect } from "chai";
import {
  autonamingConfigured,
  checkProviderInputs,
  ProviderInputError,
} from "../../tools/check/provider-refusals";
import type { EngineResource } from "../../tools/lib/engine/monitor";
import { handBuiltResource } from "../../tools/lib/engine/registration";

function resource(type: string, name: string, inputs: Record<string, unknown>): EngineResource {
  return handBuiltResource(type, name, inputs, { stack: "dev", project: "p", outputs: {} });
}

describe("a stack that configures Pulumi's autonaming", () => {
  it("draws no refusal from a name the check made with the default pattern", () => {
    // 73 characters and Pulumi's 8 are one over a Step Functions activity's 80.
    const activity = resource("aws:sfn/activity:Activity", "a".repeat(73), {});
    const queue = resource("aws:batch/jobQueue:JobQueue", "q", { name: "jobs.high" });
    const runs = [{ phase: "preview" as const, resources: [activity, queue] }];
    const refusedProps = (ownAutonaming: boolean) => {
      try {
        checkProviderInputs("dev", runs, { ownAutonaming });
        return [];
      } catch (e) {
        expect(e).to.be.instanceOf(ProviderInputError);
        return (e as ProviderInputError).refusals.map((r) => [r.resource.name, r.autoNamed]);
      }
    };
    expect(refusedProps(false)).to.deep.equal([
      ["a".repeat(73), true],
      ["q", false],
    ]);
    // A name the program gives is still judged.
    expect(refusedProps(true)).to.deep.equal([["q", false]]);
  });

  it("knows the stack's autonaming from its pulumi:autonaming key", () => {
    expect(autonamingConfigured({ "pulumi:autonaming": '{"mode":"verbatim"}' })).to.equal(true);
    expect(autonamingConfigured({ "aws:region": "eu-west-1" })).to.equal(false);
  });
});
