// iam-no-resource-wildcard and the classic CloudWatch metric reads: metrics have no ARN, and the
// only resource type the Service Authorization Reference lists for these calls is the optional
// OTLP `dataset`, so a monitoring role needs them on "*".
import { expect } from "chai";
import { noResourceWildcard } from "../../../policy-pack/policies/iam/wildcards";
import { compliantPolicy, findingsOf } from "../fixtures/iam";

describe("iam-no-resource-wildcard: classic CloudWatch metrics", () => {
  it('accepts cloudwatch:GetMetricData and ListMetrics on "*" (as CloudWatchReadOnlyAccess grants them)', async () => {
    const s = {
      Effect: "Allow",
      Action: ["cloudwatch:GetMetricData", "cloudwatch:ListMetrics"],
      Resource: "*",
    };
    expect(await findingsOf(noResourceWildcard, [compliantPolicy([s])])).to.deep.equal([]);
  });
  it('still reports the calls that name a resource: cloudwatch:DescribeAlarms and rds:DescribeDBInstances on "*"', async () => {
    const s = {
      Effect: "Allow",
      Action: ["cloudwatch:GetMetricData", "cloudwatch:DescribeAlarms", "rds:DescribeDBInstances"],
      Resource: "*",
    };
    const f = await findingsOf(noResourceWildcard, [compliantPolicy([s])]);
    expect(f).to.have.length(1);
    expect(f[0])
      .to.contain("2 action(s)")
      .and.contain("cloudwatch:DescribeAlarms")
      .and.contain("rds:DescribeDBInstances")
      .and.not.contain("GetMetricData");
  });
});
