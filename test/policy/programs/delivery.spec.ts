// The delivery policies over the pipeline layer's shape, recorded under the mock runtime.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/delivery";
import { evaluate } from "../fixture";
import { BUILD_IMAGE, PIPELINE_BUILD } from "../fixtures/delivery";
import { assumedBy } from "../fixtures/iam";

describe("delivery policies on a program recorded under the mock runtime", () => {
  // The pipeline layer's shape: a CodeCommit repository with an approval rule, the privileged
  // image-building project carrying its waiver, and a V2 pipeline with a manual approval before
  // the production deploy. Names and ARNs flow between resources as outputs.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const program = () => {
    const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
    const repo = new aws.codecommit.Repository("app", { repositoryName: "platform-app" });
    const template = new aws.codecommit.ApprovalRuleTemplate("review", {
      name: "platform-review",
      content: JSON.stringify({
        Version: "2018-11-08",
        DestinationReferences: ["refs/heads/main"],
        Statements: [{ Type: "Approvers", NumberOfApprovalsNeeded: 1 }],
      }),
    });
    new aws.codecommit.ApprovalRuleTemplateAssociation("review-app", {
      approvalRuleTemplateName: template.name,
      repositoryName: repo.repositoryName,
    });
    const logs = new aws.cloudwatch.LogGroup("build-logs", { retentionInDays: 30 });
    const role = new aws.iam.Role("build", {
      assumeRolePolicy: assumedBy("codebuild.amazonaws.com"),
    });
    const build = new aws.codebuild.Project("image", {
      serviceRole: role.arn,
      ...PIPELINE_BUILD,
      environment: {
        ...BUILD_IMAGE,
        privilegedMode: true,
        environmentVariables: [{ name: "REPOSITORY_URI", value: repo.cloneUrlHttp }],
      },
      logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logs.name } },
      buildTimeout: 30,
      tags: {
        "waiver:codebuild-project-privileged-mode":
          "docker build of the application image needs the Docker daemon; this is the only privileged project",
      },
    });
    new aws.codepipeline.Pipeline("prod", {
      name: "platform-prod",
      pipelineType: "V2",
      roleArn: role.arn,
      artifactStores: [{ type: "S3", location: "platform-artifacts" }],
      stages: [
        {
          name: "Source",
          actions: [
            {
              name: "Source",
              category: "Source",
              owner: "AWS",
              provider: "CodeCommit",
              version: "1",
              outputArtifacts: ["src"],
              configuration: { RepositoryName: repo.repositoryName, BranchName: "main" },
            },
          ],
        },
        {
          name: "Build",
          actions: [
            {
              name: "Image",
              category: "Build",
              owner: "AWS",
              provider: "CodeBuild",
              version: "1",
              inputArtifacts: ["src"],
              outputArtifacts: ["image"],
              configuration: { ProjectName: build.name },
            },
          ],
        },
        {
          name: "Approve",
          actions: [
            {
              name: "Release",
              category: "Approval",
              owner: "AWS",
              provider: "Manual",
              version: "1",
            },
          ],
        },
        {
          name: "Deploy",
          actions: [
            {
              name: "Service",
              category: "Deploy",
              owner: "AWS",
              provider: "ECS",
              version: "1",
              inputArtifacts: ["image"],
              configuration: { ClusterName: "platform", ServiceName: "app" },
            },
          ],
        },
      ],
    });
  };
  /* eslint-enable @typescript-eslint/no-require-imports */

  for (const preview of [true, false]) {
    it(`has no violation at ${preview ? "preview" : "up"}, and the privileged project is listed as waived`, async () => {
      const { record } = await import("../../../tools/lib/recorder");
      const recording = await record({ project: "platform", stack: "test", preview }, program);
      const report = await evaluate(policies, recording.resources);
      expect(report.violations.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
      expect(report.waived.map((w) => `${w.policy} ${w.name}`)).to.deep.equal([
        "codebuild-project-privileged-mode image",
      ]);
    });
  }
});
