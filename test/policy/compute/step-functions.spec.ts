// Step Functions state machines: execution logging (Checkov CKV_AWS_285, Security Hub
// StepFunctions.1) and X-Ray tracing (Checkov CKV_AWS_284).
import { expect } from "chai";
import { policy, res, UNKNOWN as U, violations } from "../fixture";
import { SFN_STATE_MACHINE } from "../../../policy-pack/lib/types";

const machine = (extra: Record<string, unknown> = {}) =>
  res(SFN_STATE_MACHINE, "sfn", {
    roleArn: "arn:aws:iam::123456789012:role/sfn",
    definition: JSON.stringify({
      StartAt: "Done",
      States: { Done: { Type: "Succeed" } },
    }),
    loggingConfiguration: { level: "ALL", includeExecutionData: true, logDestination: U },
    tracingConfiguration: { enabled: true },
    ...extra,
  });

describe("sfn-state-machine-logging", () => {
  const p = policy("sfn-state-machine-logging");
  describe("Noncompliance", () => {
    it("CKV_AWS_285: no loggingConfiguration, or level OFF", async () => {
      expect(
        await violations(p, [
          machine({ loggingConfiguration: undefined }),
          machine({ loggingConfiguration: { level: "OFF" } }),
        ]),
      ).to.have.length(2);
    });
    it("CKV_AWS_285: includeExecutionData false", async () => {
      expect(
        await violations(p, [
          machine({
            loggingConfiguration: { level: "ALL", includeExecutionData: false, logDestination: U },
          }),
        ]),
      ).to.deep.equal(["sfn: loggingConfiguration.includeExecutionData is not true."]);
    });
    it("a level without a log destination", async () => {
      expect(
        await violations(p, [
          machine({ loggingConfiguration: { level: "ERROR", includeExecutionData: true } }),
        ]),
      ).to.deep.equal(["sfn: loggingConfiguration has no logDestination."]);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_285: level ALL with execution data and a log group of the stack", async () => {
      expect(await violations(p, [machine()])).to.deep.equal([]);
    });
    it("execution data may be left out when the config says so", async () => {
      expect(
        await violations(
          p,
          [machine({ loggingConfiguration: { level: "ERROR", logDestination: U } })],
          { "sfn-state-machine-logging": { requireExecutionData: false } },
        ),
      ).to.deep.equal([]);
    });
  });
});

describe("sfn-state-machine-tracing", () => {
  const p = policy("sfn-state-machine-tracing");
  it("CKV_AWS_284 fail: no tracingConfiguration, or enabled false", async () => {
    expect(
      await violations(p, [
        machine({ tracingConfiguration: undefined }),
        machine({ tracingConfiguration: { enabled: false } }),
      ]),
    ).to.have.length(2);
  });
  it("CKV_AWS_284 pass: enabled true", async () => {
    expect(await violations(p, [machine()])).to.deep.equal([]);
  });
});
