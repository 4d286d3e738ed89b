// CodeBuild, CodePipeline and CodeCommit policies: compliant fixtures pass, each broken field is
// caught, the image-building project's privileged mode shows up as waived (never silently passed),
// and values unknown at preview give preview notes.
import { expect } from "chai";
import { policies } from "../../policy-pack/policies/delivery";
import type { AnyPolicy } from "../../tools/lib/policy-runner";
import { evaluate, previewNotes, res, UNKNOWN, violations } from "./fixture";
import {
  CODEBUILD_PROJECT,
  CODEBUILD_SOURCE_CREDENTIAL,
  CODECOMMIT_APPROVAL_RULE_TEMPLATE,
  CODECOMMIT_APPROVAL_RULE_TEMPLATE_ASSOCIATION,
  CODECOMMIT_REPOSITORY,
  CODEPIPELINE_PIPELINE,
} from "../../policy-pack/lib/types";

function policy(name: string): AnyPolicy {
  const p = policies.find((x) => x.name === name);
  if (!p) throw new Error(`no policy ${name}`);
  return p;
}

function project(
  over: Record<string, unknown> = {},
  env: Record<string, unknown> = {},
  tags?: Record<string, string>,
) {
  return res(CODEBUILD_PROJECT, "app-build", {
    serviceRole: "arn:aws:iam::123456789012:role/build",
    artifacts: { type: "CODEPIPELINE" },
    source: { type: "CODEPIPELINE", buildspec: "buildspec.yml" },
    environment: {
      computeType: "BUILD_GENERAL1_SMALL",
      image: "aws/codebuild/standard:7.0",
      type: "LINUX_CONTAINER",
      privilegedMode: false,
      environmentVariables: [
        { name: "IMAGE_REPO", value: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app" },
        { name: "NPM_TOKEN", type: "SECRETS_MANAGER", value: "platform/npm-token" },
        { name: "DB_PASSWORD", type: "PARAMETER_STORE", value: "/platform/db/password" },
      ],
      ...env,
    },
    logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: "/platform/build" } },
    buildTimeout: 30,
    ...over,
    ...(tags ? { tags } : {}),
  });
}

async function one(
  name: string,
  resources: ReturnType<typeof res>[],
  config = {},
): Promise<string[]> {
  return violations(policy(name), resources, config);
}

describe("policy: CodeBuild", () => {
  const projectPolicies = [
    "codebuild-project-privileged-mode",
    "codebuild-project-no-plaintext-credentials",
    "codebuild-project-logging",
    "codebuild-project-source-no-inline-credentials",
    "codebuild-project-not-public",
    "codebuild-project-build-timeout",
  ];

  it("the compliant project passes every project policy", async () => {
    for (const name of projectPolicies)
      expect(await one(name, [project()]), name).to.deep.equal([]);
  });

  describe("codebuild-project-privileged-mode", () => {
    const name = "codebuild-project-privileged-mode";
    it("catches privileged mode and is mandatory", async () => {
      const v = await one(name, [project({}, { privilegedMode: true })]);
      expect(v).to.have.length(1);
      expect(v[0]).to.include("privileged mode");
      expect(policy(name).enforcementLevel).to.equal("mandatory");
    });
    it("lists the image-building project's waiver as waived, not as a violation", async () => {
      const reason =
        "Builds the application's container image with docker build; nothing else runs privileged.";
      const p = project({}, { privilegedMode: true }, { [`waiver:${name}`]: reason });
      const report = await evaluate(policy(name), [p]);
      expect(report.violations).to.deep.equal([]);
      expect(report.waived).to.have.length(1);
      expect(report.waived[0]).to.include({
        policy: name,
        name: "app-build",
        type: CODEBUILD_PROJECT,
      });
      expect(report.waived[0].waiver).to.deep.equal({ reason, via: "tag" });
    });
    it("does not accept a waiver without a real reason", async () => {
      const p = project({}, { privilegedMode: true }, { [`waiver:${name}`]: "ok" });
      expect(await one(name, [p])).to.have.length(1);
    });
    it("accepts a waiver from policy config", async () => {
      const p = project({}, { privilegedMode: true });
      const report = await evaluate(policy(name), [p], {
        [name]: {
          waivers: [{ resource: "app-build", reason: "Image build project, reviewed 2026-11" }],
        },
      });
      expect(report.violations).to.deep.equal([]);
      expect(report.waived[0].waiver.via).to.equal("config");
    });
    it("an unknown privilegedMode is a preview note", async () => {
      expect(
        await previewNotes(policy(name), [project({}, { privilegedMode: UNKNOWN })]),
      ).to.have.length(1);
    });
  });

  describe("codebuild-project-no-plaintext-credentials", () => {
    const name = "codebuild-project-no-plaintext-credentials";
    const withVars = (vars: unknown[]) => project({}, { environmentVariables: vars });
    it("catches a credential in a PLAINTEXT variable, explicit or by default, without echoing it", async () => {
      for (const v of [
        { name: "GITHUB_TOKEN", value: "ghp_abcdefghijklmnopqrstuvwxyz0123456789" },
        { name: "DOCKERHUB_PASSWORD", type: "PLAINTEXT", value: "s3cr3t-value" },
      ]) {
        const out = await one(name, [withVars([v])]);
        expect(out, v.name).to.have.length(1);
        expect(out[0]).to.include(v.name).and.not.include(v.value);
      }
    });
    it("catches an access key id value whatever the name", async () => {
      expect(
        await one(name, [withVars([{ name: "X", value: "AKIAIOSFODNN7EXAMPLE" }])]),
      ).to.have.length(1);
    });
    it("accepts SECRETS_MANAGER and PARAMETER_STORE references", async () => {
      const vars = [
        { name: "API_TOKEN", type: "SECRETS_MANAGER", value: "platform/api-token:token" },
        { name: "DB_PASSWORD", type: "PARAMETER_STORE", value: "/platform/db/password" },
      ];
      expect(await one(name, [withVars(vars)])).to.deep.equal([]);
    });
    it("a secret-like variable whose value is unknown at preview gives a note; an innocent one does not", async () => {
      const secret = withVars([{ name: "DEPLOY_TOKEN", value: UNKNOWN }]);
      expect(await one(name, [secret])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [secret])).to.have.length(1);
      const innocent = withVars([{ name: "IMAGE_REPO", value: UNKNOWN }]);
      expect(await previewNotes(policy(name), [innocent])).to.deep.equal([]);
    });
    it("is mandatory", () => expect(policy(name).enforcementLevel).to.equal("mandatory"));
  });

  describe("codebuild-project-logging", () => {
    const name = "codebuild-project-logging";
    it("catches logs going to the unmanaged default group", async () => {
      for (const logsConfig of [undefined, { cloudwatchLogs: { status: "ENABLED" } }]) {
        const v = await one(name, [project({ logsConfig })]);
        expect(v).to.have.length(1);
        expect(v[0]).to.include("/aws/codebuild/");
      }
    });
    it("catches CloudWatch logging disabled, with and without S3 logs", async () => {
      const off = await one(name, [
        project({ logsConfig: { cloudwatchLogs: { status: "DISABLED" } } }),
      ]);
      expect(off[0]).to.include("leave no logs");
      const s3Only = await one(name, [
        project({
          logsConfig: {
            cloudwatchLogs: { status: "DISABLED" },
            s3Logs: { status: "ENABLED", location: "logs/build" },
          },
        }),
      ]);
      expect(s3Only[0]).to.include("S3 only");
    });
    it("a group name unknown at preview is still a configured group", async () => {
      const p = project({
        logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: UNKNOWN } },
      });
      expect(await one(name, [p])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [p])).to.deep.equal([]);
    });
  });

  describe("codebuild-project-source-no-inline-credentials", () => {
    const name = "codebuild-project-source-no-inline-credentials";
    const withSource = (source: Record<string, unknown>, secondarySources?: unknown[]) =>
      project({ source, ...(secondarySources ? { secondarySources } : {}) });
    it("catches user:password and token user names in source URLs", async () => {
      for (const location of [
        "https://deploy:hunter2@bitbucket.org/team/app.git",
        "https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/org/app.git",
        "https://x-token-auth:abc@bitbucket.org/team/app.git",
      ]) {
        const v = await one(name, [withSource({ type: "BITBUCKET", location })]);
        expect(v, location).to.deep.equal([
          "app-build: source.location embeds credentials in the URL.",
        ]);
      }
    });
    it("checks secondary sources too", async () => {
      const v = await one(name, [
        withSource({ type: "CODEPIPELINE" }, [
          {
            type: "GITHUB",
            sourceIdentifier: "lib",
            location: "https://u:p@github.com/org/lib.git",
          },
        ]),
      ]);
      expect(v).to.deep.equal([
        "app-build: secondarySources[0].location embeds credentials in the URL.",
      ]);
    });
    it("accepts URLs without secrets", async () => {
      for (const location of [
        "https://github.com/org/app.git",
        "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/app",
        "ssh://git@github.com/org/app.git",
      ]) {
        expect(await one(name, [withSource({ type: "GITHUB", location })]), location).to.deep.equal(
          [],
        );
      }
    });
    it("an unknown location (a repository being created) is a preview note", async () => {
      const p = withSource({ type: "CODECOMMIT", location: UNKNOWN });
      expect(await one(name, [p])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [p])).to.have.length(1);
    });
  });

  it("codebuild-source-credential-uses-connection", async () => {
    const name = "codebuild-source-credential-uses-connection";
    const cred = (authType: string) =>
      res(CODEBUILD_SOURCE_CREDENTIAL, "github", {
        authType,
        serverType: "GITHUB",
        token: "placeholder-token",
      });
    expect(await one(name, [cred("PERSONAL_ACCESS_TOKEN")])).to.have.length(1);
    expect(await one(name, [cred("BASIC_AUTH")])).to.have.length(1);
    expect(await one(name, [cred("CODECONNECTIONS")])).to.deep.equal([]);
    expect(await one(name, [cred("SECRETS_MANAGER")])).to.deep.equal([]);
  });

  it("codebuild-project-not-public", async () => {
    const name = "codebuild-project-not-public";
    expect(await one(name, [project({ projectVisibility: "PUBLIC_READ" })])).to.have.length(1);
    expect(await one(name, [project({ projectVisibility: "PRIVATE" })])).to.deep.equal([]);
    expect(policy(name).enforcementLevel).to.equal("mandatory");
  });

  it("codebuild-project-build-timeout", async () => {
    const name = "codebuild-project-build-timeout";
    expect(await one(name, [project({ buildTimeout: 480 })])).to.deep.equal([
      "app-build: buildTimeout is 480 minutes (more than 60).",
    ]);
    expect(await one(name, [project({ buildTimeout: undefined })])).to.deep.equal([]);
    expect(
      await one(name, [project({ buildTimeout: 120 })], {
        [name]: { maxBuildTimeoutMinutes: 120 },
      }),
    ).to.deep.equal([]);
  });
});

describe("policy: CodePipeline", () => {
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
    actions: [
      { name, category: "Deploy", owner: "AWS", provider: "ECS", version: "1", runOrder: 2 },
    ],
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
    it("accepts V2 and catches V1 and the default", async () => {
      expect(await one(name, [pipeline([source])])).to.deep.equal([]);
      expect(await one(name, [pipeline([source], { pipelineType: "V1" })])).to.have.length(1);
      expect(await one(name, [pipeline([source], { pipelineType: undefined })])).to.have.length(1);
    });
  });

  describe("codepipeline-approval-before-production", () => {
    const name = "codepipeline-approval-before-production";
    it("accepts a production pipeline with an approval stage before the deploy", async () => {
      const stages = [source, build, { name: "Approve", actions: [approval()] }, deploy()];
      expect(await one(name, [pipeline(stages)])).to.deep.equal([]);
    });
    it("accepts an approval earlier in the deploy stage by runOrder", async () => {
      const stage = { name: "Deploy", actions: [approval(1), deploy().actions[0]] };
      expect(await one(name, [pipeline([source, build, stage])])).to.deep.equal([]);
    });
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
});

describe("policy: CodeCommit", () => {
  const name = "codecommit-repository-approval-rule";
  const repo = res(CODECOMMIT_REPOSITORY, "app-repo", { repositoryName: "platform-app" });
  const template = (approvals: number) =>
    res(CODECOMMIT_APPROVAL_RULE_TEMPLATE, "two-eyes", {
      name: "platform-two-eyes",
      content: JSON.stringify({
        Version: "2018-11-08",
        DestinationReferences: ["refs/heads/main"],
        Statements: [{ Type: "Approvers", NumberOfApprovalsNeeded: approvals }],
      }),
    });

  it("accepts a repository with an associated template (names unknown at preview)", async () => {
    const t = template(1);
    const a = res(
      CODECOMMIT_APPROVAL_RULE_TEMPLATE_ASSOCIATION,
      "app-approval",
      { approvalRuleTemplateName: UNKNOWN, repositoryName: UNKNOWN },
      { refs: { approvalRuleTemplateName: [t], repositoryName: [repo] } },
    );
    expect(await one(name, [repo, t, a])).to.deep.equal([]);
    expect(await previewNotes(policy(name), [repo, t, a])).to.deep.equal([]);
  });

  it("catches a repository without an association", async () => {
    expect(await one(name, [repo])).to.deep.equal([
      "app-repo: No approval rule template is associated with this repository.",
    ]);
  });

  it("catches a template that requires fewer approvals than configured", async () => {
    const t = template(1);
    const a = res(
      CODECOMMIT_APPROVAL_RULE_TEMPLATE_ASSOCIATION,
      "app-approval",
      { approvalRuleTemplateName: "platform-two-eyes", repositoryName: "platform-app" },
      { refs: { approvalRuleTemplateName: [t] } },
    );
    expect(await one(name, [repo, t, a])).to.deep.equal([]);
    const v = await one(name, [repo, t, a], { [name]: { minApprovals: 2 } });
    expect(v).to.have.length(1);
    expect(v[0]).to.include("fewer than 2");
  });

  it("an association whose repository name is unknown gives a note, not a finding", async () => {
    const a = res(CODECOMMIT_APPROVAL_RULE_TEMPLATE_ASSOCIATION, "a", {
      approvalRuleTemplateName: "x",
      repositoryName: UNKNOWN,
    });
    expect(await one(name, [repo, a])).to.deep.equal([]);
    expect(await previewNotes(policy(name), [repo, a])).to.have.length(1);
  });
});

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
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "codebuild.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      }),
    });
    const build = new aws.codebuild.Project("image", {
      serviceRole: role.arn,
      artifacts: { type: "CODEPIPELINE" },
      source: { type: "CODEPIPELINE", buildspec: "buildspec.yml" },
      environment: {
        computeType: "BUILD_GENERAL1_SMALL",
        image: "aws/codebuild/standard:7.0",
        type: "LINUX_CONTAINER",
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
      const { record } = await import("../../tools/lib/recorder");
      const recording = await record({ project: "platform", stack: "test", preview }, program);
      const report = await evaluate(policies, recording.resources);
      expect(report.violations.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
      expect(report.waived.map((w) => `${w.policy} ${w.name}`)).to.deep.equal([
        "codebuild-project-privileged-mode image",
      ]);
    });
  }
});
