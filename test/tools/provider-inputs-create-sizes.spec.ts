// How the create-time limits of IAM documents, EC2 instances and security groups, Lambda
// environments and DynamoDB and ECS names, and the ECS and EKS cluster names the provider checks,
// read what the engine recorded: the name Pulumi makes from a logical name, values AWS takes in
// any case, white space and escapes in a policy, unknown and secret values, and an imported
// resource.
// Each bound each side is in provider-inputs-cases-limits.ts.
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { secret, UNKNOWN } from "../../tools/lib/engine/wire";
import { refusedInputs } from "../../tools/lib/provider-checks";
import { policySize } from "../../tools/lib/provider-checks/rules-create-iam";
import { COMPLIANT } from "./provider-inputs-cases";
import { variablesOf } from "./provider-inputs-cases-limits";
import { LAUNCH_TEMPLATE, volume } from "./provider-inputs-cases-windows";
import { refusalsWith } from "./provider-inputs-refusals";

const FUNCTION = "aws:lambda/function:Function";
const meta = { stack: "dev", project: "p", outputs: {} };

/** What is refused of a resource named `name` that gives no name input: [input, auto-named, by]. */
function unnamed(type: string, name: string, inputs: Record<string, unknown> = {}) {
  return refusedInputs(handBuiltResource(type, name, inputs, meta)).map((r) => [
    r.prop,
    r.autoNamed,
    r.by,
  ]);
}

describe("create-time limits of IAM, EC2, Lambda, DynamoDB and ECS as recorded", () => {
  it("judges the name Pulumi makes from a logical name, as AWS or the provider would", () => {
    expect(unnamed("aws:dynamodb/table:Table", "orders_v2.table")).to.deep.equal([]);
    expect(unnamed("aws:dynamodb/table:Table", "orders:v2")).to.deep.equal([["name", true, "aws"]]);
    // Pulumi lower-cases a bucket's logical name but keeps its `_`.
    expect(unnamed("aws:s3/bucket:Bucket", "AppLogs")).to.deep.equal([]);
    expect(unnamed("aws:s3/bucketV2:BucketV2", "app_logs")).to.deep.equal([
      ["bucket", true, "aws"],
    ]);
    expect(unnamed("aws:ec2/securityGroup:SecurityGroup", "web (blue)")).to.deep.equal([]);
    expect(unnamed("aws:ec2/securityGroup:SecurityGroup", "web's")).to.deep.equal([
      ["name", true, "aws"],
    ]);
    // The provider's own check, at preview.
    expect(unnamed("aws:ecs/cluster:Cluster", "web_cluster")).to.deep.equal([]);
    expect(unnamed("aws:ecs/cluster:Cluster", "web.cluster")).to.deep.equal([
      ["name", true, "provider"],
    ]);
    expect(unnamed("aws:eks/cluster:Cluster", "prod-eks")).to.deep.equal([]);
    expect(unnamed("aws:eks/cluster:Cluster", "prod.eks")).to.deep.equal([
      ["name", true, "provider"],
    ]);
  });

  it("takes an instance type in any case and judges only its form", () => {
    for (const instanceType of ["t3.micro", "T3.MICRO", "mac2-m2pro.metal", "x9z.48xlarge"])
      expect(
        refusalsWith("aws:ec2/instance:Instance", { instanceType }),
        instanceType,
      ).to.deep.equal([]);
  });

  it("leaves a launch template's instance type and volume sizes to the launch that uses them", () => {
    // EC2 does not fully validate a template at create: the instance or group launched from it fails.
    const change = {
      instanceType: "cache.r7g.large",
      blockDeviceMappings: volume({ volumeType: "io1", volumeSize: 3 }),
    };
    expect(refusalsWith(LAUNCH_TEMPLATE, change)).to.deep.equal([]);
  });

  it("counts a policy without its white space, and writes escapes as the provider sends them", () => {
    const doc = { Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow" }] };
    const compact = JSON.stringify(doc);
    expect(policySize(JSON.stringify(doc, null, 4))).to.equal(compact.length);
    // A `\u0041` escape is sent as the letter it stands for.
    expect(policySize(compact.replace('"A"', '"\\u0041"'))).to.equal(compact.length);
    expect(policySize("not json")).to.equal(undefined);
  });

  it("does not judge environment variables with a value unknown at preview", () => {
    const variables = { ...variablesOf(4097), LATER: UNKNOWN };
    expect(refusalsWith(FUNCTION, { environment: { variables } })).to.deep.equal([]);
  });

  it("judges secret environment values without showing them", () => {
    const token = "t".repeat(4096);
    const [refused] = refusalsWith(FUNCTION, {
      environment: { variables: { TOKEN: secret(token) } },
    });
    expect(refused.value).to.equal("[secret]");
    // {"TOKEN":"t…t"}: 4096 bytes of value, 12 of key, quotes, colon and braces.
    expect(refused.says.join("\n")).to.include("4108 bytes").and.not.include(token);
  });

  it("does not hold an imported resource to AWS's create-time limits", () => {
    const inputs = { ...COMPLIANT[FUNCTION], environment: { variables: { AWS_REGION: "x" } } };
    const created = handBuiltResource(FUNCTION, "f", inputs, meta);
    expect(refusedInputs(created).map((r) => r.by)).to.deep.equal(["aws"]);
    const imported = { ...created, options: { ...created.options, importId: "legacy" } };
    expect(refusedInputs(imported)).to.deep.equal([]);
  });
});
