// iam-no-resource-wildcard on actions that AWS scopes with a condition key instead of a resource:
// cloudwatch:PutMetricData narrowed to named namespaces with `cloudwatch:namespace` (CloudWatch
// User Guide, "Using condition keys to limit access to CloudWatch namespaces").
import { expect } from "chai";
import { of, roleWith } from "../fixtures/iam";

describe("iam-no-resource-wildcard: actions scoped by a condition key", () => {
  it("accepts PutMetricData on * narrowed to named namespaces, as AWS's CloudWatch guide scopes it", async () => {
    const publish = (Condition?: unknown) =>
      roleWith({
        Effect: "Allow",
        Action: ["cloudwatch:PutMetricData", "s3:GetObject"],
        Resource: "*",
        ...(Condition ? { Condition } : {}),
      });
    const named = { StringEquals: { "cloudwatch:namespace": "MyCustomNamespace" } };
    // the namespace narrows PutMetricData only: s3:GetObject on "*" is still reported
    const [finding] = await of("iam-no-resource-wildcard", [publish(named)]);
    expect(finding).to.include("1 action(s)").and.include("s3:GetObject");
    expect(finding).not.to.include("PutMetricData");
    const only = (Condition?: unknown) =>
      roleWith({ Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition });
    expect(await of("iam-no-resource-wildcard", [only(named)])).to.deep.equal([]);
    expect(
      await of("iam-no-resource-wildcard", [
        only({ StringLike: { "cloudwatch:namespace": "App/*" } }),
      ]),
    ).to.deep.equal([]);
    // absent key passes IfExists; "*" names nothing; another key does not narrow the namespace
    for (const broken of [
      { StringEqualsIfExists: { "cloudwatch:namespace": "MyCustomNamespace" } },
      { StringLike: { "cloudwatch:namespace": "*" } },
      { StringNotEquals: { "cloudwatch:namespace": "Other" } },
      { StringEquals: { "aws:RequestedRegion": "eu-west-1" } },
    ]) {
      expect(
        await of("iam-no-resource-wildcard", [only(broken)]),
        JSON.stringify(broken),
      ).to.have.length(1);
    }
  });
});
