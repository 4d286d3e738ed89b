// Pipeline: its sources (CodeCommit, GitHub through CodeConnections), its triggers and branches.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { BUILD_STAGES, BUILDSPEC_DIR, Pipeline } from "../../../components/pipeline";
import { connectionName } from "../../../components/pipeline/source";
import { Recording } from "../../../tools/lib/recorder";
import { doc, findAll, findOne } from "../../helpers";
import {
  ACCOUNT,
  REGION,
  CONNECTION,
  base,
  build,
  permissions,
  pipelineRuns,
  role,
  project,
} from "../../fixtures/pipeline";

describe("Pipeline: sources and triggers", function () {
  let staging: Recording;
  before(async () => {
    ({ staging } = await pipelineRuns());
  });

  it("embeds the reviewed buildspecs and passes the commit id to the image stage", () => {
    for (const s of BUILD_STAGES) {
      expect(project(staging, s).inputs.source).to.deep.equal({
        type: "CODEPIPELINE",
        buildspec: fs.readFileSync(path.join(BUILDSPEC_DIR, `${s}.yml`), "utf8"),
      });
    }
    const pipeline = findOne(staging, "aws:codepipeline/pipeline:Pipeline", "pl-pipeline");
    const source = pipeline.inputs.stages[0].actions[0];
    expect(source).to.deep.include({
      provider: "CodeCommit",
      namespace: "SourceVariables",
      outputArtifacts: ["Source"],
    });
    expect(source.configuration).to.include({
      RepositoryName: "platform-app",
      BranchName: "main",
      PollForSourceChanges: "false",
    });
    const image = pipeline.inputs.stages[2].actions[0];
    expect(JSON.parse(image.configuration.EnvironmentVariables)).to.deep.equal([
      { name: "COMMIT_ID", value: "#{SourceVariables.CommitId}", type: "PLAINTEXT" },
    ]);
    expect(image.outputArtifacts).to.deep.equal(["Image"]);
    expect(pipeline.inputs.stages[3].actions[0].inputArtifacts).to.deep.equal(["Image"]);
  });

  it("starts one pipeline per CodeCommit branch from an EventBridge rule (V2 triggers do not filter CodeCommit)", async () => {
    const rec = await build({ branches: ["main", "release/1.x"] });
    const pipelines = findAll(rec, "aws:codepipeline/pipeline:Pipeline");
    expect(pipelines.map((p) => p.inputs.name)).to.deep.equal([
      "platform-staging-app",
      "platform-staging-app-release-1.x",
    ]);
    for (const p of pipelines) expect(p.inputs.triggers).to.equal(undefined);
    const rules = findAll(rec, "aws:cloudwatch/eventRule:EventRule");
    const repo = findOne(rec, "aws:codecommit/repository:Repository", "pl-source");
    expect(rules.map((r) => JSON.parse(r.inputs.eventPattern))).to.deep.equal(
      ["main", "release/1.x"].map((b) => ({
        source: ["aws.codecommit"],
        "detail-type": ["CodeCommit Repository State Change"],
        resources: [repo.outputs.arn],
        detail: {
          event: ["referenceCreated", "referenceUpdated"],
          referenceType: ["branch"],
          referenceName: [b],
        },
      })),
    );
    const events = role(rec, "events");
    const trust = doc(events.inputs.assumeRolePolicy).Statement[0];
    expect(trust.Principal).to.deep.equal({ Service: "events.amazonaws.com" });
    expect(trust.Condition.ArnLike["aws:SourceArn"]).to.deep.equal(
      rules.map((r) => `arn:aws:events:${REGION}:${ACCOUNT}:rule/${r.inputs.name}`),
    );
    // The provider orders a statement's resources (reverse-sorted); order means nothing to IAM.
    const granted = Object.fromEntries(permissions(rec, events));
    expect(Object.keys(granted)).to.deep.equal(["codepipeline:StartPipelineExecution"]);
    expect([granted["codepipeline:StartPipelineExecution"]].flat().sort()).to.deep.equal(
      pipelines.map((p) => `arn:aws:codepipeline:${REGION}:${ACCOUNT}:${p.inputs.name}`).sort(),
    );
    const targets = findAll(rec, "aws:cloudwatch/eventTarget:EventTarget");
    expect(targets.map((t) => t.inputs.roleArn)).to.deep.equal([
      events.outputs.arn,
      events.outputs.arn,
    ]);
    // The repository outlives the stack and carries a review rule for the delivered branches.
    expect(repo.options.retainOnDelete).to.equal(true);
    const template = findOne(
      rec,
      "aws:codecommit/approvalRuleTemplate:ApprovalRuleTemplate",
      "pl-review",
    );
    expect(JSON.parse(template.inputs.content).DestinationReferences).to.deep.equal([
      "refs/heads/main",
      "refs/heads/release/1.x",
    ]);
  });

  it("reuses an existing CodeCommit repository without creating one", async () => {
    const rec = await build({
      source: { kind: "codecommit", repositoryName: "shared-app", create: false },
    });
    expect(findAll(rec, "aws:codecommit/repository:Repository")).to.have.length(0);
    const perms = permissions(rec, role(rec, "pipeline"));
    expect(perms.get("codecommit:GetBranch")).to.deep.equal([
      `arn:aws:codecommit:${REGION}:${ACCOUNT}:shared-app`,
    ]);
  });

  // CodeConnections API, CreateConnection `ConnectionName`: 1-32 characters, unique per account.
  it("GitHub: names the connection within 32 characters, apart for two long stack names", () => {
    expect(connectionName("platform-staging")).to.equal("platform-staging");
    const a = connectionName("platform-customer-onboarding-eu-central-1a");
    const b = connectionName("platform-customer-onboarding-eu-central-1b");
    expect(a).to.not.equal(b);
    for (const n of [a, b]) {
      expect(n.length, n).to.be.at.most(32);
      expect(n, n).to.match(/^platform-customer-onboard-[0-9a-f]{6}$/);
    }
  });

  it("GitHub: one pipeline with a V2 push trigger on the configured branches, through CodeConnections", async () => {
    const created = await build({
      source: { kind: "github", repository: "acme/app" },
      branches: ["main", "release/*"],
    });
    const connection = findOne(created, "aws:codeconnections/connection:Connection", "pl-github");
    expect(connection.inputs.providerType).to.equal("GitHub");
    expect(connection.inputs.name).to.equal("platform-staging");
    const pipelines = findAll(created, "aws:codepipeline/pipeline:Pipeline");
    expect(pipelines).to.have.length(1);
    expect(pipelines[0].inputs.triggers).to.deep.equal([
      {
        providerType: "CodeStarSourceConnection",
        gitConfiguration: {
          sourceActionName: "Source",
          pushes: [{ branches: { includes: ["main", "release/*"] } }],
        },
      },
    ]);
    const source = pipelines[0].inputs.stages[0].actions[0];
    expect(source.provider).to.equal("CodeStarSourceConnection");
    expect(source.configuration).to.include({
      FullRepositoryId: "acme/app",
      BranchName: "main",
      ConnectionArn: connection.outputs.arn,
    });
    expect(findAll(created, "aws:cloudwatch/eventRule:EventRule")).to.have.length(0);
    expect(
      permissions(created, role(created, "pipeline")).get("codeconnections:UseConnection"),
    ).to.deep.equal([connection.outputs.arn]);

    const existing = await build({
      source: { kind: "github", repository: "acme/app", connectionArn: CONNECTION },
    });
    expect(findAll(existing, "aws:codeconnections/connection:Connection")).to.have.length(0);
    expect(
      permissions(existing, role(existing, "pipeline")).get("codeconnections:UseConnection"),
    ).to.deep.equal([CONNECTION]);
    const legacy = CONNECTION.replace(":codeconnections:", ":codestar-connections:");
    const old = await build({
      source: { kind: "github", repository: "acme/app", connectionArn: legacy },
    });
    expect(
      permissions(old, role(old, "pipeline")).get("codestar-connections:UseConnection"),
    ).to.deep.equal([legacy]);
  });

  it("rejects branch patterns where an exact branch is needed", () => {
    expect(() => new Pipeline("bad", { ...base, branches: ["release/*"] })).to.throw(
      /exact branch names/,
    );
    expect(
      () =>
        new Pipeline("bad2", {
          ...base,
          source: { kind: "github", repository: "a/b" },
          branches: ["feature/*"],
        }),
    ).to.throw(/must be an exact name/);
  });
});
