// Engine features a program's SDK asks for before it registers anything, as the Pulumi engine
// advertises them: by name through SupportsFeature (older SDKs) and as one list through
// GetDeploymentInfo (newer SDKs, which then trust that list alone). A feature left out of the list
// stops a program that uses it with the SDK's "The Pulumi CLI does not support ..." message.
// Driven through the engine (`checkStack`), queued up front on a pool of two.
import { expect } from "chai";
import { byName, QueuedRuns, stackOutputs } from "./program-runs";

const runs = new QueuedRuns();
const check = runs.check.bind(runs);

describe("engine features a program asks for, offline", function () {
  this.timeout(300_000);

  before(() => {
    runs.queueCheck("state-migrations", ["preview", "apply"]);
  });

  it("a program that asks GetDeploymentInfo for state migrations, as an SDK with the stateMigrations option does, is told they are served and runs (pulumi/examples aws-ts-awsx-vpc-state-migration)", async () => {
    const r = await check("state-migrations", ["preview", "apply"]);
    expect(byName(r, "aws:ec2/vpc:Vpc", "vpc").inputs.cidrBlock).to.equal("10.0.0.0/16");
    // ResourceMonitorFeature numbers: secrets 0, resource references 1, output values 2, alias
    // specs 3, deletedWith 5, replaceWith 6, transforms 7, parameterization 9 (what SupportsFeature
    // answers yes to), state migrations 16; invoke transforms 8 and resource and error hooks 10, 11
    // stay out, as SupportsFeature refuses them.
    const features = [...(stackOutputs(r).features as number[])].sort((a, b) => a - b);
    expect(features).to.deep.equal([0, 1, 2, 3, 5, 6, 7, 9, 16]);
  });
});
