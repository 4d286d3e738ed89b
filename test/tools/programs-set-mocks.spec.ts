// A program that calls pulumi.runtime.setMocks (test/fixtures/programs/fail-set-mocks): under
// `pulumi preview` everything it registers afterwards goes to the unit-test mocks, so the preview
// shows none of it and no policy judges it. The check fails the run at the call, also when the
// program catches the refusal, and never reports the resources as checked.
import { expect } from "chai";
import * as path from "path";
import { FIXTURES, lineOf, runStack } from "./program-runs";

describe("a program that sets the unit-test mocks", function () {
  this.timeout(120_000);

  it("fails at its setMocks call, even when it catches the refusal", async () => {
    const r = await runStack(path.join(FIXTURES, "fail-set-mocks"), { stack: "dev" });
    expect(r.failure, "the run failed").to.not.equal(undefined);
    expect(r.failure!.message).to.contain("the program calls pulumi.runtime.setMocks");
    expect(r.failure!.message).to.contain("`pulumi preview` shows none of them");
    expect(r.failure!.location?.file).to.equal(path.join(FIXTURES, "fail-set-mocks", "index.ts"));
    expect(r.failure!.location?.line).to.equal(
      lineOf("fail-set-mocks/index.ts", "pulumi.runtime.setMocks("),
    );
  });
});
