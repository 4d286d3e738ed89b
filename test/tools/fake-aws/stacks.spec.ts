// CloudFormation stacks in the apply phase: the outputs their templates declare, as CloudFormation
// reports them once the stack exists (what @pulumi/eks before 1.0 reads for its node groups).
import { expect } from "chai";
import { resourceState, UNKNOWN } from "../../../tools/lib/fake-aws";

const ENV = { accountId: "123456789012", region: "eu-west-1" };
const apply = (type: string, inputs: Record<string, any> = {}, name = "my-res") =>
  resourceState({ type, name, inputs }, ENV, "apply");

describe("fake AWS: resources", () => {
  describe("CloudFormation stacks", () => {
    const stack = (templateBody: unknown) =>
      apply("aws:cloudformation/stack:Stack", { name: "workers", templateBody }).state.outputs;

    it("report one output per key of the template's Outputs, in YAML short form or JSON", () => {
      const yamlOut = stack(
        "Outputs:\n  NodeGroup:\n    Value: !Ref NodeGroup\n  Fixed:\n    Value: blue\n" +
          "  Joined:\n    Value: !Join [',', [a, b]]\n" +
          "Resources:\n  NodeGroup:\n    Type: AWS::AutoScaling::AutoScalingGroup\n",
      );
      expect(yamlOut.NodeGroup).to.match(/^workers-NodeGroup-[A-Z0-9]{13}$/);
      expect(yamlOut.Fixed).to.equal("blue");
      expect(yamlOut.Joined).to.match(/^workers-Joined-/);
      const jsonOut = stack(
        JSON.stringify({ Outputs: { Arn: { Value: { "Fn::GetAtt": ["T", "Arn"] } } } }),
      );
      expect(Object.keys(jsonOut)).to.deep.equal(["Arn"]);
    });

    it("report no outputs for a template they cannot read (a URL, unknown text, not YAML)", () => {
      expect(stack(undefined)).to.deep.equal({});
      expect(stack(`Outputs: ${UNKNOWN}`)).to.deep.equal({});
      expect(stack("Outputs: [unclosed")).to.deep.equal({});
    });
  });
});
