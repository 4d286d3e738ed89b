// codepipeline-approval-before-production on an aws-native pipeline, whose actions name their
// category and provider in actionTypeId (AWS::CodePipeline::Pipeline ActionDeclaration): a manual
// approval before the production deploy passes; the approval removed, moved after the deploy, or
// run beside it (same runOrder) is reported; stages unknown at preview are a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const rule = "codepipeline-approval-before-production";

/** An action of `category` by `provider` (AWS-owned), at `runOrder`. */
const action = (name: string, category: string, provider: string, runOrder = 1) => ({
  name,
  actionTypeId: { category, owner: "AWS", provider, version: "1" },
  runOrder,
  configuration: {},
});
const SOURCE = {
  name: "Source",
  actions: [action("Source", "Source", "CodeStarSourceConnection")],
};
const APPROVE = action("Approve", "Approval", "Manual");
const DEPLOY = action("DeployProd", "Deploy", "ECS", 2);

/** A pipeline whose Release stage runs `actions` (compliant: the approval, then the deploy). */
const pipeline = (actions: unknown, refs = {}) =>
  res(
    n.NATIVE_CODEPIPELINE_PIPELINE,
    "release",
    {
      name: "platform-release",
      roleArn: "arn:aws:iam::123456789012:role/pipeline",
      stages: [SOURCE, { name: "Release", actions }],
    },
    { refs },
  );
const FINDING =
  "release: Deploy action 'DeployProd' in stage 'Release' runs without a manual approval before it.";

describe("aws-native CodePipeline: a manual approval before production", () => {
  it("compliant: the approval runs before the deploy (runOrder)", async () => {
    await expectClean(policy(rule), [pipeline([APPROVE, DEPLOY])]);
  });
  it("compliant: the approval in an earlier stage", async () => {
    const p = res(n.NATIVE_CODEPIPELINE_PIPELINE, "release", {
      name: "platform-release",
      stages: [
        SOURCE,
        { name: "Approve", actions: [APPROVE] },
        { name: "Release", actions: [{ ...DEPLOY, runOrder: 1 }] },
      ],
    });
    await expectClean(policy(rule), [p]);
  });
  it("no approval: reported", async () => {
    expect(await violationsOf(rule, [pipeline([DEPLOY])])).to.deep.equal([FINDING]);
  });
  it("the approval beside the deploy (same runOrder): reported", async () => {
    const found = await violationsOf(rule, [pipeline([{ ...APPROVE, runOrder: 2 }, DEPLOY])]);
    expect(found).to.deep.equal([FINDING]);
  });
  it("an approval action of another provider: reported", async () => {
    const other = action("Approve", "Approval", "Custom");
    expect(await violationsOf(rule, [pipeline([other, DEPLOY])])).to.deep.equal([FINDING]);
  });
  it("stages unknown at preview: a preview note", async () => {
    const role = res(n.NATIVE_IAM_ROLE, "pipeline-role", { assumeRolePolicyDocument: {} });
    const p = res(
      n.NATIVE_CODEPIPELINE_PIPELINE,
      "release",
      { name: "platform-release", stages: UNKNOWN },
      { refs: { stages: [role] } },
    );
    expect(await violationsOf(rule, [role, p])).to.deep.equal([]);
    expect(await previewNotes(policy(rule), [role, p])).to.have.length(1);
  });
});
