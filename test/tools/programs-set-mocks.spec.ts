// A program that calls pulumi.runtime.setMocks (test/fixtures/programs/fail-set-mocks) or the
// lower-level setMockOptions (fail-set-mock-options): under `pulumi preview` everything it
// registers afterwards goes to the unit-test mocks, so the preview shows none of it and no policy
// judges it. The check fails the run at the call, also when the program catches the refusal, and
// never reports the resources as checked. A program that runs its own unit tests in a process of
// their own (set-mocks-unit-test) is judged as usual.
import { expect } from "chai";
import * as path from "path";
import { checkProgram, FIXTURES, lineOf, runStack } from "./program-runs";

describe("a program that sets the unit-test mocks", function () {
  this.timeout(120_000);

  for (const [fixture, call] of [
    ["fail-set-mocks", "setMocks"],
    ["fail-set-mock-options", "setMockOptions"],
  ]) {
    it(`fails at its ${call} call${call === "setMocks" ? ", even when it catches the refusal" : ""}`, async () => {
      const r = await runStack(path.join(FIXTURES, fixture), { stack: "dev" });
      expect(r.failure, "the run failed").to.not.equal(undefined);
      expect(r.failure!.message).to.contain(`the program calls pulumi.runtime.${call},`);
      expect(r.failure!.message).to.contain("`pulumi preview` shows none of them");
      expect(r.failure!.location?.file).to.equal(path.join(FIXTURES, fixture, "index.ts"));
      expect(r.failure!.location?.line).to.equal(
        lineOf(`${fixture}/index.ts`, `pulumi.runtime.${call}(`),
      );
    });
  }

  it("is judged as usual when only a process it starts (its unit tests) sets mocks", async () => {
    const r = await checkProgram(path.join(FIXTURES, "set-mocks-unit-test"));
    expect(
      r.violations.some((v) => v.name === "app-admin" && v.enforcementLevel === "mandatory"),
    ).to.equal(true);
  });
});
