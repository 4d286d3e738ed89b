// The EventBridge Scheduler schedule's validators (rules-scheduler.ts), the CloudWatch Logs metric
// filter's (rules-logs.ts) and a Cognito user pool client's token validities
// (rules-cognito-client.ts): the values each must let through, values unknown at preview, and the
// names Pulumi makes from logical names. The one-broken-input cases are in
// provider-inputs-cases-events.ts (run by provider-inputs.spec.ts).
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { refusedInputs } from "../../tools/lib/provider-checks";
import { COMPLIANT } from "./provider-inputs-cases";
import { CLIENT, METRIC_FILTER, SCHEDULE } from "./provider-inputs-cases-events";
import { goDuration } from "../../tools/lib/provider-checks/rules-cognito-client";
import { refusalsWith } from "./provider-inputs-refusals";

const META = { stack: "dev", project: "app", outputs: {} };

/** The inputs without `name`: Pulumi makes the name from the logical name. */
function withoutName(inputs: Record<string, unknown>): Record<string, unknown> {
  const out = { ...inputs };
  delete out.name;
  return out;
}

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
    const inputs = withoutName(COMPLIANT[SCHEDULE]);
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
    const inputs = withoutName(COMPLIANT[METRIC_FILTER]);
    const named = (logical: string) =>
      refusedInputs(handBuiltResource(METRIC_FILTER, logical, inputs, META));
    expect(named("cis-3.1-unauthorized-api-calls")).to.deep.equal([]);
    const [refused, ...more] = named("cis*unauthorized");
    expect(more).to.deep.equal([]);
    expect([refused.prop, refused.by, refused.autoNamed]).to.deep.equal(["name", "provider", true]);
    expect(refused.says[0]).to.include("must not contain colon nor asterisk");
  });
});

describe("provider inputs: Cognito user pool client token validities", () => {
  it("writes durations as Go does", () => {
    expect([0, 59, 300, 3600, 86400, 90061, 315360000].map(goDuration)).to.deep.equal([
      "0s",
      "59s",
      "5m0s",
      "1h0m0s",
      "24h0m0s",
      "25h1m1s",
      "87600h0m0s",
    ]);
  });

  it("counts each token in its own unit, at each end of its range", () => {
    // A block given names every unit: one it leaves out counts 0 seconds (the next test).
    const units = (u: Record<string, string>) => ({
      tokenValidityUnits: { accessToken: "hours", idToken: "hours", refreshToken: "days", ...u },
    });
    for (const change of [
      {
        ...units({ accessToken: "minutes", idToken: "seconds" }),
        accessTokenValidity: 5,
        idTokenValidity: 86400,
      },
      { ...units({ accessToken: "days" }), accessTokenValidity: 1 },
      { ...units({ refreshToken: "hours" }), refreshTokenValidity: 1 },
      { ...units({ refreshToken: "seconds" }), refreshTokenValidity: 315360000 },
      // A unit the SDK does not list is not this check's to judge.
      { ...units({ accessToken: "fortnights" }), accessTokenValidity: 1 },
    ])
      expect(refusalsWith(CLIENT, change), JSON.stringify(change)).to.deep.equal([]);
    const both = refusalsWith(CLIENT, { accessTokenValidity: 0, idTokenValidity: 25 });
    expect(both.map((r) => [r.prop, r.by])).to.deep.equal([
      ["accessTokenValidity", "provider"],
      ["idTokenValidity", "provider"],
    ]);
  });

  it("uses the default units only when the whole block is left out: a unit left out counts 0s", () => {
    // The provider's validator (user_pool_client.go) takes the default unit when the block is
    // absent and switches on the block's unit otherwise: a null unit matches no case, 0s.
    const c1 = {
      accessTokenValidity: 60,
      idTokenValidity: 60,
      refreshTokenValidity: 30,
      tokenValidityUnits: { accessToken: "minutes", idToken: "minutes" },
    };
    expect(refusalsWith(CLIENT, c1).map((r) => [r.prop, r.by, r.says])).to.deep.equal([
      [
        "refreshTokenValidity",
        "provider",
        [
          "Attribute refresh_token_validity must have a duration between 1h0m0s and 87600h0m0s, got: 0s",
        ],
      ],
    ]);
    // An empty block: each validity given counts 0s.
    expect(refusalsWith(CLIENT, { tokenValidityUnits: {} }).map((r) => r.prop)).to.deep.equal([
      "accessTokenValidity",
      "idTokenValidity",
      "refreshTokenValidity",
    ]);
    // A unit left out beside a validity left out: nothing to count.
    expect(
      refusalsWith(CLIENT, {
        tokenValidityUnits: { accessToken: "hours", idToken: "hours" },
        refreshTokenValidity: undefined,
      }),
    ).to.deep.equal([]);
    // The block left out: hours and days, as before.
    expect(refusalsWith(CLIENT, { tokenValidityUnits: undefined })).to.deep.equal([]);
  });

  it("judges no validity whose value or unit is unknown at preview", () => {
    expect(refusalsWith(CLIENT, { accessTokenValidity: UNKNOWN })).to.deep.equal([]);
    expect(
      refusalsWith(CLIENT, { tokenValidityUnits: UNKNOWN, accessTokenValidity: 1000 }),
    ).to.deep.equal([]);
    const unknownUnit = { accessToken: UNKNOWN, idToken: "hours", refreshToken: "days" };
    expect(
      refusalsWith(CLIENT, { tokenValidityUnits: unknownUnit, accessTokenValidity: 1000 }),
    ).to.deep.equal([]);
  });
});
