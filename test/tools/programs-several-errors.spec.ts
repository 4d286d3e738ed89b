// A run that logs several unrelated errors (test/fixtures/programs/fail-several-errors): the
// failure is reported at the first, and names each other one with the program's line it came
// from, so one run shows every mistake `pulumi preview` would print; none of them, the reported one
// included (test/fixtures/programs/fail-wrapped-error), with the SDK's wrapping around the cause.
import { expect } from "chai";
import * as path from "path";
import { FIXTURES, lineOf, runStack } from "./program-runs";

describe("a program with several errors", function () {
  this.timeout(120_000);

  it("is reported at the first, naming the others with their lines", async () => {
    const r = await runStack(path.join(FIXTURES, "fail-several-errors"), { stack: "dev" });
    expect(r.failure, "the run failed").to.not.equal(undefined);
    const m = r.failure!.message;
    expect(m).to.contain(
      "the offline check cannot answer the invoke aws:ssm/getParameter:getParameter",
    );
    expect(r.failure!.location?.line).to.equal(
      lineOf("fail-several-errors/index.ts", "aws.ssm.getParameter("),
    );
    expect(m).to.match(/\(and 2 more error\(s\): /);
    const certificate = lineOf("fail-several-errors/index.ts", "new aws.acm.Certificate(");
    const zone = lineOf("fail-several-errors/index.ts", "new aws.route53.Zone(");
    expect(m).to.contain(
      "failed to register new resource example.com-certificate [aws:acm/certificate:Certificate]: " +
        "Duplicate resource URN",
    );
    expect(m).to.contain(`(at index.ts:${certificate})`);
    expect(m).to.contain(
      "failed to register new resource example.com-zone [aws:route53/zone:Zone]",
    );
    expect(m).to.contain(`(at index.ts:${zone})`);
    // The gRPC status and the SDK's per-input wrapping are not repeated.
    expect(m).not.to.contain("UNKNOWN: ");
    expect(m).not.to.contain("error serializing property");
  });

  it("whose first error is a duplicate another input awaited: the cause, not the SDK's wrapping", async () => {
    const r = await runStack(path.join(FIXTURES, "fail-wrapped-error"), { stack: "dev" });
    expect(r.failure, "the run failed").to.not.equal(undefined);
    const m = r.failure!.message;
    expect(m).to.match(
      /^failed to register new resource example\.com-certificate \[aws:acm\/certificate:Certificate\]: Duplicate resource URN/,
    );
    expect(m).not.to.contain("UNKNOWN: ");
    expect(m).not.to.contain("error serializing property");
  });
});
