// Outputs that programs on an older @pulumi/aws major read and the current one no longer
// declares: the fake AWS gives them as that provider computed them, so what a program makes
// inside `apply` on them is registered in the apply phase, as under `pulumi up`.
import { expect } from "chai";
import { resourceState, UNKNOWN } from "../../../tools/lib/fake-aws";

const ENV = { accountId: "123456789012", region: "ap-northeast-2" };
const deployment = (inputs: Record<string, unknown>) =>
  resourceState({ type: "aws:apigateway/deployment:Deployment", name: "d", inputs }, ENV, "apply")
    .state;

describe("outputs of older @pulumi/aws majors", () => {
  it("a REST API deployment's invokeUrl and executionArn, with and without a stage name", () => {
    // Coldot/aws-handson-leaderboard (@pulumi/aws 6): `deployment.invokeUrl.apply(...)` uploads
    // the site; the stage is a separate aws.apigateway.Stage.
    expect(deployment({ restApi: "a1b2c3d4e5" })).to.include({
      invokeUrl: "https://a1b2c3d4e5.execute-api.ap-northeast-2.amazonaws.com/",
      executionArn: "arn:aws:execute-api:ap-northeast-2:123456789012:a1b2c3d4e5/",
    });
    expect(deployment({ restApi: "a1b2c3d4e5", stageName: "prod" }).invokeUrl).to.equal(
      "https://a1b2c3d4e5.execute-api.ap-northeast-2.amazonaws.com/prod",
    );
  });

  it("nothing made up while the API's id is unknown", () => {
    expect(deployment({ restApi: UNKNOWN })).to.not.have.property("invokeUrl");
  });
});
