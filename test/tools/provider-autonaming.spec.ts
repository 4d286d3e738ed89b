// A stack that configures Pulumi's autonaming (`pulumi:autonaming`) gets names the offline engine
// does not make (it makes the default `<logical name>-<7 hex>`): the provider-input check draws
// no refusal from a name it made, and still judges the names the program gives. A logical name
// too long for the bridge's own auto-name is refused at preview, as the provider's Check refuses
// it, unless the stack's autonaming names the resource; the fake AWS then names it as configured
// (verbatim: the logical name) instead of failing the apply phase.
import { expect } from "chai";
import {
  autonamingConfigured,
  checkProviderInputs,
  ProviderInputError,
} from "../../tools/check/provider-refusals";
import type { EngineResource } from "../../tools/lib/engine/monitor";
import { resourceState } from "../../tools/lib/fake-aws";
import { autonamingOf } from "../../tools/lib/fake-aws/autonaming";
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

  // 34 characters: with "-" and 7 hex digits, over a target group's 32.
  const LONG = "orders-api-blue-green-target-group";
  const TG = "aws:lb/targetGroup:TargetGroup";

  it("a logical name too long for the default auto-name is refused at preview, unless autonaming is configured", () => {
    const tg = resource(TG, LONG, { port: 80, protocol: "HTTP" });
    const runs = [{ phase: "preview" as const, resources: [tg] }];
    let refused: ProviderInputError | undefined;
    try {
      checkProviderInputs("dev", runs);
    } catch (e) {
      refused = e as ProviderInputError;
    }
    expect(refused?.refusals.map((r) => [r.prop, r.value, r.autoNamed])).to.deep.equal([
      ["name", LONG, true],
    ]);
    expect(refused!.refusals[0].says).to.deep.equal([
      `could not make instance of '${TG}': name '${LONG}-' plus 7 random chars is longer than ` +
        "maximum length 32",
    ]);
    expect(refused!.refusals[0].fix).to.contain("at most 24 characters");
    expect(() => checkProviderInputs("dev", runs, { ownAutonaming: true })).to.not.throw();
  });

  it("the fake AWS names a resource as the stack's autonaming says, without the default's refusal", () => {
    const env = { accountId: "123456789012", region: "us-west-2" };
    const name = (autonaming?: string) =>
      resourceState(
        { type: TG, name: LONG, inputs: {} },
        { ...env, autonaming: autonamingOf(autonaming) },
        "apply",
      ).state.name;
    expect(() => name()).to.throw(/longer than maximum length 32/);
    expect(() => name('{"mode":"default"}')).to.throw(/longer than maximum length 32/);
    expect(name('{"mode":"verbatim"}')).to.equal(LONG);
    // A pattern (or a mode the check does not model) is the engine's: made, not refused.
    expect(name('{"pattern":"${name}-${hex(4)}"}')).to.match(
      /^orders-api-blue-green-target-group-/,
    );
    // The narrowest level wins: the type's own entry, then the aws provider's, then the stack's.
    const nested = JSON.stringify({
      mode: "verbatim",
      providers: { aws: { mode: "default", resources: { [TG]: { mode: "verbatim" } } } },
    });
    expect(name(nested)).to.equal(LONG);
    expect(autonamingOf(nested)!("aws:sqs/queue:Queue")).to.equal("default");
    expect(autonamingOf('{"providers":{"aws":{"resources":{"x":"verbatim"}}}}')!("x")).to.equal(
      "verbatim",
    );
    expect(autonamingOf(undefined)).to.equal(undefined);
    expect(autonamingOf("not json")!(TG)).to.equal("configured");
  });
});
