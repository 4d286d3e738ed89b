// PublicLoadBalancer: who may deliver its access logs, by Region (ALB docs, "Enable access logs",
// step 2: Regions available before August 2022 grant the Region's Elastic Load Balancing account,
// newer ones the log delivery service principal, limited to the account).
import { expect } from "chai";
import { PublicLoadBalancer, PublicLoadBalancerArgs } from "../../components/load-balancer";
import { Recording } from "../../tools/lib/recorder";
import { doc, findOne, recordComponent } from "../helpers";

const ARGS: PublicLoadBalancerArgs = {
  vpcId: "vpc-0123456789abcdef0",
  publicSubnetIds: ["subnet-pub-a", "subnet-pub-b"],
  region: "eu-west-1",
  allowedCidrs: ["0.0.0.0/0"],
  targetPort: 8080,
  tags: { project: "platform" },
};

function logDelivery(rec: Recording): any {
  const policy = findOne(rec, "aws:s3/bucketPolicy:BucketPolicy", "lb-logs-policy");
  const statements = doc(policy.inputs.policy).Statement;
  return statements.find((s: any) => s.Sid === "AllowElbLogDelivery");
}

describe("PublicLoadBalancer: access-log delivery", () => {
  it("grants the Region's Elastic Load Balancing account in a Region from before August 2022", async () => {
    const rec = await recordComponent(() => new PublicLoadBalancer("lb", ARGS));
    const s = logDelivery(rec);
    expect(s.Effect).to.equal("Allow");
    expect(s.Action).to.equal("s3:PutObject");
    expect(Object.keys(s.Principal)).to.deep.equal(["AWS"]);
    expect(s.Resource).to.match(/\/alb\/AWSLogs\/123456789012\/\*$/);
    expect(s.Condition).to.equal(undefined);
  });

  it("grants the log delivery service, only for this account, in a newer Region", async () => {
    const rec = await recordComponent(
      () => new PublicLoadBalancer("lb", { ...ARGS, region: "ap-southeast-5" }),
    );
    const s = logDelivery(rec);
    expect(s.Effect).to.equal("Allow");
    expect(s.Action).to.equal("s3:PutObject");
    expect(s.Principal).to.deep.equal({
      Service: "logdelivery.elasticloadbalancing.amazonaws.com",
    });
    expect(s.Resource).to.match(/\/alb\/AWSLogs\/123456789012\/\*$/);
    expect(s.Condition).to.deep.equal({
      StringEquals: { "aws:SourceAccount": "123456789012" },
    });
  });
});
