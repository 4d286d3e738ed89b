// The missing-region note names the stack's default AWS provider, which `pulumi preview` asks for
// a region only when the program uses it: not when every AWS resource names a provider of its own
// (a stack transformation setting `provider`, as the EKS-from-scratch training program does).
import { expect } from "chai";
import { startsDefaultAwsProvider } from "../../tools/check/stack-provider";

const run = (resources: [string, string][], invokes: string[] = []) => ({
  resources: resources.map(([type, name]) => ({ type, name })),
  invokes: new Map(invokes.map((t) => [t, 1])),
});

describe("the stack's default AWS provider, for the missing-region note", () => {
  it("is started by a resource without a provider (the engine registers default_<version>)", () => {
    expect(
      startsDefaultAwsProvider(
        run([
          ["pulumi:providers:aws", "default_7_12_0"],
          ["aws:s3/bucket:Bucket", "b"],
        ]),
      ),
    ).to.equal(true);
    expect(startsDefaultAwsProvider(run([["pulumi:providers:aws", "default"]]))).to.equal(true);
  });

  it("is started by an awsx component or an AWS data source", () => {
    expect(startsDefaultAwsProvider(run([["awsx:ec2:Vpc", "vpc"]]))).to.equal(true);
    expect(
      startsDefaultAwsProvider(run([], ["aws:index/getCallerIdentity:getCallerIdentity"])),
    ).to.equal(true);
  });

  it("is not started when every AWS resource names its own provider, nor by other clouds", () => {
    expect(
      startsDefaultAwsProvider(
        run([
          ["pulumi:providers:aws", "provider"],
          ["aws:kms/key:Key", "clusterKey"],
          ["aws:iam/role:Role", "eksClusterRole"],
        ]),
      ),
    ).to.equal(false);
    expect(
      startsDefaultAwsProvider(
        run([["kubernetes:core/v1:Namespace", "ns"]], ["kubernetes:yaml:decode"]),
      ),
    ).to.equal(false);
  });
});
