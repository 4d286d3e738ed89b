// CodePipeline pipelines: type V2, and a manual approval before a production deploy.
import { expect } from "chai";
import { CODEPIPELINE_PIPELINE } from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";

const source = {
  name: "Source",
  actions: [
    { name: "Source", category: "Source", owner: "AWS", provider: "CodeCommit", version: "1" },
  ],
};
const build = {
  name: "Build",
  actions: [
    { name: "Build", category: "Build", owner: "AWS", provider: "CodeBuild", version: "1" },
  ],
};
const deploy = (name = "Deploy", stageName = "Deploy") => ({
  name: stageName,
  actions: [{ name, category: "Deploy", owner: "AWS", provider: "ECS", version: "1", runOrder: 2 }],
});
const approval = (runOrder = 1) => ({
  name: "Approve",
  category: "Approval",
  owner: "AWS",
  provider: "Manual",
  version: "1",
  runOrder,
});
const pipeline = (stages: unknown[], over: Record<string, unknown> = {}) =>
  res(CODEPIPELINE_PIPELINE, "app-pipeline", {
    name: "platform-prod-app",
    pipelineType: "V2",
    roleArn: "arn:aws:iam::123456789012:role/pipeline",
    artifactStores: [{ type: "S3", location: "platform-artifacts" }],
    stages,
    ...over,
  });

describe("codepipeline-pipeline-type-v2", () => {
  const name = "codepipeline-pipeline-type-v2";

  describe("Noncompliance", () => {
    it("accepts V2 and catches V1 and the default", async () => {
      expect(await one(name, [pipeline([source])])).to.deep.equal([]);
      expect(await one(name, [pipeline([source], { pipelineType: "V1" })])).to.have.length(1);
      expect(await one(name, [pipeline([source], { pipelineType: undefined })])).to.have.length(1);
    });
  });
});

describe("codepipeline-approval-before-production", () => {
  const name = "codepipeline-approval-before-production";

  describe("Noncompliance", () => {
    it("catches a production deploy without approval", async () => {
      const v = await one(name, [pipeline([source, build, deploy()])]);
      expect(v).to.deep.equal([
        "app-pipeline: Deploy action 'Deploy' in stage 'Deploy' runs without a manual approval before it.",
      ]);
    });
    it("catches an approval that runs in parallel with the deploy (same runOrder)", async () => {
      const stage = { name: "Deploy", actions: [approval(2), deploy().actions[0]] };
      expect(await one(name, [pipeline([source, build, stage])])).to.have.length(1);
    });
    it("recognises production from stage and action names in any case style", async () => {
      const staging = { name: "platform-staging-app" };
      expect(
        await one(name, [pipeline([source, build, deploy("Deploy", "Deploy")], staging)]),
      ).to.deep.equal([]);
      expect(
        await one(name, [pipeline([source, build, deploy("Deploy", "DeployProd")], staging)]),
      ).to.have.length(1);
      expect(
        await one(name, [pipeline([source, build, deploy("deploy_production", "Ship")], staging)]),
      ).to.have.length(1);
      expect(
        await one(name, [pipeline([source, build, deploy("Deploy", "ProductCatalog")], staging)]),
      ).to.deep.equal([]);
    });
    it("unknown stages are a preview note", async () => {
      expect(
        await previewNotes(policy(name), [pipeline(UNKNOWN as unknown as unknown[])]),
      ).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts a production pipeline with an approval stage before the deploy", async () => {
      const stages = [source, build, { name: "Approve", actions: [approval()] }, deploy()];
      expect(await one(name, [pipeline(stages)])).to.deep.equal([]);
    });
    it("accepts an approval earlier in the deploy stage by runOrder", async () => {
      const stage = { name: "Deploy", actions: [approval(1), deploy().actions[0]] };
      expect(await one(name, [pipeline([source, build, stage])])).to.deep.equal([]);
    });
  });
});
