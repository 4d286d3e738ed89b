// A stack's `pulumi:autonaming` (https://www.pulumi.com/docs/iac/concepts/resources/names/
// #autonaming-configuration) as the check reads it from the stack file: read once per stack
// (`checkStack`) and handed to both the fake AWS, whose names follow the pattern, and the provider
// checks, which refuse a calculated name past the type's maximum length as the bridge does. The
// unit cases of each side are in provider-autonaming.spec.ts; here one program runs end to end.
import { expect } from "chai";
import { ProviderInputError } from "../../tools/check/provider-refusals";
import { byName, QueuedRuns, stackOutputs } from "./program-runs";

const runs = new QueuedRuns();
const QUEUE = "aws:sqs/queue:Queue";

describe("a stack's autonaming pattern, through the check", function () {
  this.timeout(300_000);

  before(() => {
    runs.queueCheck("autonaming-pattern");
    runs.queueCheck("autonaming-pattern", ["preview"], "long");
  });

  it("names the program's unnamed resources as the pattern says, with the project and stack", async () => {
    const r = await runs.check("autonaming-pattern");
    // pattern: ${project}-${stack}-${name}-${hex(4)}; made by the fake AWS at preview, as the
    // provider names a resource when it checks its inputs.
    const named = /^fixture-autonaming-dev-orders-[0-9a-f]{4}$/;
    expect(stackOutputs(r).queueName).to.match(named);
    expect(byName(r, QUEUE, "orders").outputs.name).to.equal(stackOutputs(r).queueName);
  });

  it("refuses a name the pattern makes too long for the type, as the provider would at preview", async () => {
    const error = await runs.check("autonaming-pattern", ["preview"], "long").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, String(error)).to.be.instanceOf(ProviderInputError);
    const refusals = (error as ProviderInputError).refusals;
    expect(refusals.map((x) => [x.prop, x.autoNamed])).to.deep.equal([["name", true]]);
    // pattern: ${name}-${alphanum(90)}, 97 characters where a queue's name takes 80.
    expect(refusals[0].says).to.have.length(1);
    expect(refusals[0].says[0]).to.match(
      /^calculated name 'orders-[0-9a-z]{90}' exceeds maximum length of 80$/,
    );
  });
});
