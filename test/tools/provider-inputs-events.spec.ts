// The EventBridge Scheduler schedule's validators (rules-scheduler.ts) and the CloudWatch Logs metric
// filter's (rules-logs.ts): the values each must let through, values unknown at preview, and the
// names Pulumi makes from logical names. The one-broken-input cases are in
// provider-inputs-cases-events.ts (run by provider-inputs.spec.ts).
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { refusedInputs } from "../../tools/lib/provider-checks";
import { COMPLIANT } from "./provider-inputs-cases";
import { METRIC_FILTER, SCHEDULE } from "./provider-inputs-cases-events";
import { refusalsWith } from "./provider-inputs-refusals";

const META = { stack: "dev", project: "app", outputs: {} };

describe("provider inputs: EventBridge Scheduler schedules", () => {
  it("accepts each bound and each value of the enumerations", () => {
    const target = COMPLIANT[SCHEDULE].target as Record<string, unknown>;
    for (const change of [
      { name: "a" },
      { name: undefined, namePrefix: "p".repeat(38) },
      { state: "ENABLED", actionAfterCompletion: "NONE", description: "" },
      { flexibleTimeWindow: { mode: "OFF" } },
      { flexibleTimeWindow: { mode: "FLEXIBLE", maximumWindowInMinutes: 1 } },
      {
        target: {
          ...target,
          retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 0 },
        },
      },
      // A value of the enumerations' shape a newer provider may list.
      { state: "PAUSED" },
    ])
      expect(refusalsWith(SCHEDULE, change), JSON.stringify(change)).to.deep.equal([]);
  });

  it("judges no value unknown at preview", () => {
    expect(
      refusalsWith(SCHEDULE, {
        flexibleTimeWindow: { mode: "FLEXIBLE", maximumWindowInMinutes: UNKNOWN },
        target: UNKNOWN,
        name: UNKNOWN,
        state: UNKNOWN,
      }),
    ).to.deep.equal([]);
  });

  it("refuses at preview a logical name Pulumi turns into a schedule name over 64 characters", () => {
    const { name: _, ...inputs } = COMPLIANT[SCHEDULE];
    const named = (logical: string) =>
      refusedInputs(handBuiltResource(SCHEDULE, logical, inputs, META));
    // The name is the logical name, "-" and 7 hex digits: 56 + 8 fit 64.
    expect(named("n".repeat(56))).to.deep.equal([]);
    const [refused, ...more] = named("n".repeat(57));
    expect(more).to.deep.equal([]);
    expect([refused.prop, refused.by, refused.autoNamed]).to.deep.equal(["name", "provider", true]);
    expect(refused.says[0]).to.include("expected length of name to be in the range (1 - 64)");
  });
});

describe("provider inputs: CloudWatch Logs metric filters", () => {
  const transformation = COMPLIANT[METRIC_FILTER].metricTransformation as Record<string, unknown>;

  it("counts a pattern in characters, not bytes, and accepts each unit AWS spells", () => {
    expect(refusalsWith(METRIC_FILTER, { pattern: "é".repeat(1024) })).to.deep.equal([]);
    for (const unit of ["Count", "None", "Terabits/Second", "Percent"])
      expect(
        refusalsWith(METRIC_FILTER, { metricTransformation: { ...transformation, unit } }),
        unit,
      ).to.deep.equal([]);
  });

  it("judges no value unknown at preview", () => {
    expect(
      refusalsWith(METRIC_FILTER, {
        name: UNKNOWN,
        pattern: UNKNOWN,
        logGroupName: UNKNOWN,
        metricTransformation: { ...transformation, namespace: UNKNOWN, unit: UNKNOWN },
      }),
    ).to.deep.equal([]);
  });

  it("judges the name Pulumi makes from the logical name, as the provider's Check does", () => {
    const { name: _, ...inputs } = COMPLIANT[METRIC_FILTER];
    const named = (logical: string) =>
      refusedInputs(handBuiltResource(METRIC_FILTER, logical, inputs, META));
    expect(named("cis-3.1-unauthorized-api-calls")).to.deep.equal([]);
    const [refused, ...more] = named("cis*unauthorized");
    expect(more).to.deep.equal([]);
    expect([refused.prop, refused.by, refused.autoNamed]).to.deep.equal(["name", "provider", true]);
    expect(refused.says[0]).to.include("must not contain colon nor asterisk");
  });
});
