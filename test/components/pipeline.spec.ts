import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { policies as deliveryPolicies } from "../../policy-pack/policies/delivery";
import { allPolicies } from "../../policy-pack/policies";
import {
  BUILD_STAGES,
  BUILDSPEC_DIR,
  Pipeline,
  PipelineArgs,
  PRIVILEGED_MODE_POLICY,
} from "../../components/pipeline";
import { record, RecordedResource, Recording } from "../../tools/lib/recorder";
import { runPolicies } from "../../tools/lib/policy-runner";
import { doc, findAll, findOne, referrers, ROOT, runStack } from "../helpers";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const REPO_ARN = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/platform-test-app`;
const EXEC_ROLE = `arn:aws:iam::${ACCOUNT}:role/rt-execution-role`;
const TASK_ROLE = `arn:aws:iam::${ACCOUNT}:role/api-role`;
const CONNECTION = `arn:aws:codeconnections:${REGION}:${ACCOUNT}:connection/00000000-0000-4000-8000-000000000000`;

const base: PipelineArgs = {
  source: { kind: "codecommit", repositoryName: "platform-app", create: true },
  branches: ["main"],
  requireApproval: false,
  region: REGION,
  repositoryUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/platform-test-app`,
  repositoryArn: REPO_ARN,
  clusterName: "rt-cluster",
  serviceName: "rt-service",
  taskDefinitionFamily: "platform-test-app",
  executionRoleArn: EXEC_ROLE,
  taskRoleArn: TASK_ROLE,
  accessLogs: { bucket: "access-logs-bucket", prefix: "pipeline/" },
  logRetentionDays: 30,
  tags: { environment: "test" },
};

function build(
  over: Partial<PipelineArgs> = {},
  stack = "staging",
  preview = false,
): Promise<Recording> {
  return record({ project: "platform", stack, preview, config: { "aws:region": REGION } }, () => {
    new Pipeline("pl", { ...base, ...over });
  });
}

/** Action → resources of a role's inline policies (every statement is Allow unless said). */
function permissions(rec: Recording, role: RecordedResource): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of referrers(rec, role, "role", "aws:iam/rolePolicy:RolePolicy")) {
    for (const s of doc(p.inputs.policy).Statement) {
      expect(s.Effect, JSON.stringify(s)).to.equal("Allow");
      for (const a of [s.Action].flat())
        out.set(a, [...(out.get(a) ?? []), ...[s.Resource].flat()]);
    }
  }
  return out;
}

function statementsOf(rec: Recording, role: RecordedResource): any[] {
  return referrers(rec, role, "role", "aws:iam/rolePolicy:RolePolicy").flatMap(
    (p) => doc(p.inputs.policy).Statement,
  );
}

const stagesOf = (p: RecordedResource) => p.inputs.stages.map((s: any) => s.name);

describe("Pipeline", () => {
  let staging: Recording;
  let prod: Recording;
  before(async () => {
    staging = await build();
    prod = await build({ requireApproval: true, protect: true, logRetentionDays: 365 }, "prod");
  });

  const bucketOf = (rec: Recording) => {
    const [bucket, ...more] = findAll(rec, "aws:s3/bucket:Bucket");
    expect(more, "one bucket").to.have.length(0);
    return bucket;
  };
  const keyOf = (rec: Recording) => findOne(rec, "aws:kms/key:Key", "pl-key-key");
  const groupOf = (rec: Recording) => findOne(rec, "aws:cloudwatch/logGroup:LogGroup", "pl-logs");
  const role = (rec: Recording, r: string) => findOne(rec, "aws:iam/role:Role", `pl-${r}-role`);
  const project = (rec: Recording, s: string) =>
    findOne(rec, "aws:codebuild/project:Project", `pl-${s}`);

  it("is a V2 pipeline: Source → Test → Image → Deploy; only prod waits for a manual approval", () => {
    const s = findOne(staging, "aws:codepipeline/pipeline:Pipeline", "pl-pipeline");
    const p = findOne(prod, "aws:codepipeline/pipeline:Pipeline", "pl-pipeline");
    for (const pl of [s, p])
      expect(pl.inputs).to.include({ pipelineType: "V2", executionMode: "SUPERSEDED" });
    expect(stagesOf(s)).to.deep.equal(["Source", "Test", "Image", "Deploy"]);
    expect(stagesOf(p)).to.deep.equal(["Source", "Test", "Image", "Approve", "Deploy"]);
    const approval = p.inputs.stages[3].actions[0];
    expect(approval).to.include({ category: "Approval", provider: "Manual" });
    expect(s.inputs.name).to.equal("platform-staging-app");
    expect(p.inputs.name).to.equal("platform-prod-app");
  });

  it("encrypts artifacts, build outputs and logs with the pipeline's own customer-managed key", () => {
    for (const rec of [staging, prod]) {
      const key = keyOf(rec);
      expect(key.inputs.enableKeyRotation).to.equal(true);
      const pipeline = findOne(rec, "aws:codepipeline/pipeline:Pipeline", "pl-pipeline");
      expect(pipeline.inputs.artifactStores).to.deep.equal([
        {
          location: bucketOf(rec).outputs.bucket,
          type: "S3",
          encryptionKey: { id: key.outputs.arn, type: "KMS" },
        },
      ]);
      const sse = findOne(
        rec,
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "pl-artifacts-encryption",
      );
      expect(sse.inputs.rules[0].applyServerSideEncryptionByDefault).to.deep.equal({
        sseAlgorithm: "aws:kms",
        kmsMasterKeyId: key.outputs.arn,
      });
      expect(sse.inputs.rules[0].bucketKeyEnabled).to.equal(true);
      const block = findOne(
        rec,
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "pl-artifacts-public-access",
      );
      expect(block.inputs).to.include({
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      for (const s of BUILD_STAGES)
        expect(project(rec, s).inputs.encryptionKey).to.equal(key.outputs.arn);
      expect(groupOf(rec).inputs.kmsKeyId).to.equal(key.outputs.arn);
    }
    expect(groupOf(staging).inputs.retentionInDays).to.equal(30);
    expect(groupOf(prod).inputs.retentionInDays).to.equal(365);
    // The bucket policy: TLS only, and no upload with another encryption or another key.
    const policy = doc(
      findOne(staging, "aws:s3/bucketPolicy:BucketPolicy", "pl-artifacts-policy").inputs.policy,
    );
    expect(policy.Statement.map((s: any) => s.Sid)).to.deep.equal([
      "DenyInsecureTransport",
      "DenyOtherEncryption",
      "DenyOtherKeys",
    ]);
    expect(
      policy.Statement[2].Condition.StringNotEqualsIfExists[
        "s3:x-amz-server-side-encryption-aws-kms-key-id"
      ],
    ).to.equal(keyOf(staging).outputs.arn);
  });

  it("lets the pipeline and build roles use the key only through S3, for this bucket", () => {
    const policy = doc(keyOf(staging).inputs.policy);
    const use = policy.Statement.find((s: any) => s.Sid === "PipelineRolesUseThroughS3");
    expect([use.Principal.AWS].flat().sort()).to.deep.equal(
      ["pipeline", "test", "image", "deploy"].map((r) => role(staging, r).outputs.arn).sort(),
    );
    // The provider orders a statement's actions (reverse-sorted); order means nothing to IAM.
    expect([use.Action].flat().sort()).to.deep.equal(["kms:Decrypt", "kms:GenerateDataKey"]);
    expect(use.Condition.StringEquals["kms:ViaService"]).to.equal(`s3.${REGION}.amazonaws.com`);
    expect(use.Condition.StringLike["kms:EncryptionContext:aws:s3:arn"]).to.deep.equal([
      "arn:aws:s3:::pl-artifacts-*",
      "arn:aws:s3:::pl-artifacts-*/*",
    ]);
    expect(bucketOf(staging).outputs.bucket).to.match(/^pl-artifacts-/);
    const logs = policy.Statement.find((s: any) => s.Sid === "CloudWatchLogsUse");
    expect(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).to.equal(
      groupOf(staging).outputs.arn,
    );
    // No other principal may use the key.
    const users = policy.Statement.filter((s: any) =>
      [s.Action].flat().some((a: string) => /Decrypt|GenerateDataKey/.test(a)),
    );
    expect(users.map((s: any) => s.Sid).sort()).to.deep.equal([
      "CloudWatchLogsUse",
      "PipelineRolesUseThroughS3",
    ]);
  });

  it("lets the build and pipeline roles describe the key, as CodeBuild's and CodePipeline's documented key policies do", () => {
    // CodeBuild User Guide ("Create and configure a customer managed key for CodeBuild") and
    // CodePipeline's artifact-store key: the service role is a key user, DescribeKey included;
    // CodeBuild reads the project's encryptionKey itself, outside S3.
    const policy = doc(keyOf(staging).inputs.policy);
    const describe = policy.Statement.filter((s: any) =>
      [s.Action].flat().includes("kms:DescribeKey"),
    );
    const roles = ["pipeline", "test", "image", "deploy"].map((r) => role(staging, r).outputs.arn);
    const described = describe.flatMap((s: any) => [s.Principal.AWS ?? []].flat());
    expect(described).to.include.members(roles);
    for (const s of describe.filter((x: any) =>
      roles.some((r) => [x.Principal.AWS].flat().includes(r)),
    )) {
      // Metadata only: no cryptographic action rides along without the S3 condition.
      expect([s.Action].flat(), s.Sid).to.deep.equal(["kms:DescribeKey"]);
      expect(s.Condition?.StringEquals?.["kms:CallerAccount"], s.Sid).to.equal(ACCOUNT);
    }
  });

  it("trusts each role only to its service acting for this account (and, where documented, its own project)", () => {
    const pipelineTrust = doc(role(staging, "pipeline").inputs.assumeRolePolicy).Statement[0];
    expect(pipelineTrust.Principal).to.deep.equal({ Service: "codepipeline.amazonaws.com" });
    // CodePipeline documents no aws:SourceArn for its service role: an undocumented key would make
    // CreatePipeline fail; aws:SourceAccount only (docs/first-deploy.md watches it).
    expect(pipelineTrust.Condition).to.deep.equal({
      StringEquals: { "aws:SourceAccount": ACCOUNT },
    });
    for (const s of BUILD_STAGES) {
      const trust = doc(role(staging, s).inputs.assumeRolePolicy).Statement[0];
      expect(trust.Principal).to.deep.equal({ Service: "codebuild.amazonaws.com" });
      expect(trust.Condition.StringEquals["aws:SourceAccount"]).to.equal(ACCOUNT);
      expect(trust.Condition.ArnLike["aws:SourceArn"]).to.equal(
        `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/platform-staging-${s}`,
      );
      expect(project(staging, s).inputs.name).to.equal(`platform-staging-${s}`);
      expect(project(staging, s).inputs.serviceRole).to.equal(role(staging, s).outputs.arn);
    }
    expect(findAll(staging, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.have.length(0);
    for (const r of findAll(staging, "aws:iam/role:Role")) {
      expect(r.inputs.managedPolicyArns ?? [], r.name).to.deep.equal([]);
      expect(r.inputs.inlinePolicies ?? [], r.name).to.deep.equal([]);
    }
  });

  it("gives each role exactly its stage's permissions, on this pipeline's resources", () => {
    const bucket = bucketOf(staging).outputs.arn;
    const group = groupOf(staging).outputs.arn;
    const objects = [`${bucket}/*`];
    const stream = (s: string) => [`${group}:log-stream:${s}/*`];
    const common = (s: string) => ({
      "logs:CreateLogStream": stream(s),
      "logs:PutLogEvents": stream(s),
      "s3:GetObject": objects,
      "s3:GetObjectVersion": objects,
      "s3:GetBucketAcl": [bucket],
      "s3:GetBucketLocation": [bucket],
    });
    const asObject = (m: Map<string, string[]>) => Object.fromEntries([...m].sort());
    const sorted = (o: Record<string, string[]>) => Object.fromEntries(Object.entries(o).sort());
    expect(asObject(permissions(staging, role(staging, "test")))).to.deep.equal(
      sorted(common("test")),
    );

    const push = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImageScanFindings",
      "ecr:DescribeImages",
      "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ];
    expect(asObject(permissions(staging, role(staging, "image")))).to.deep.equal(
      sorted({
        ...common("image"),
        "s3:PutObject": objects,
        "ecr:GetAuthorizationToken": ["*"],
        ...Object.fromEntries(push.map((a) => [a, [REPO_ARN]])),
      }),
    );

    const service = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/rt-cluster/rt-service`;
    const family = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/platform-test-app:*`;
    expect(asObject(permissions(staging, role(staging, "deploy")))).to.deep.equal(
      sorted({
        ...common("deploy"),
        "ecs:DescribeTaskDefinition": ["*"],
        "ecs:RegisterTaskDefinition": [family],
        "ecs:TagResource": [family],
        "ecs:DescribeServices": [service],
        "ecs:UpdateService": [service],
        "iam:PassRole": [EXEC_ROLE, TASK_ROLE],
      }),
    );
    const deploy = statementsOf(staging, role(staging, "deploy"));
    expect(deploy.find((s) => s.Sid === "PassTaskRoles").Condition).to.deep.equal({
      StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
    });
    expect(deploy.find((s) => s.Sid === "TagOwnFamilyOnRegister").Condition).to.deep.equal({
      StringEquals: { "ecs:CreateAction": "RegisterTaskDefinition" },
    });

    const repo = findOne(staging, "aws:codecommit/repository:Repository", "pl-source");
    const projects = BUILD_STAGES.map((s) => project(staging, s).outputs.arn);
    const cc = [
      "codecommit:CancelUploadArchive",
      "codecommit:GetBranch",
      "codecommit:GetCommit",
      "codecommit:GetRepository",
      "codecommit:GetUploadArchiveStatus",
      "codecommit:UploadArchive",
    ];
    expect(asObject(permissions(staging, role(staging, "pipeline")))).to.deep.equal(
      sorted({
        "s3:GetObject": objects,
        "s3:GetObjectVersion": objects,
        "s3:PutObject": objects,
        "s3:GetBucketLocation": [bucket],
        "s3:GetBucketVersioning": [bucket],
        ...Object.fromEntries(cc.map((a) => [a, [repo.outputs.arn]])),
        "codebuild:BatchGetBuilds": projects,
        "codebuild:StartBuild": projects,
      }),
    );
  });

  it("runs only the image project privileged, with a waiver naming the pack's policy", () => {
    expect(deliveryPolicies.map((p) => p.name)).to.include(PRIVILEGED_MODE_POLICY);
    for (const s of BUILD_STAGES) {
      const p = project(staging, s);
      expect(p.inputs.environment.privilegedMode, s).to.equal(s === "image");
      const waiver = p.inputs.tags[`waiver:${PRIVILEGED_MODE_POLICY}`];
      if (s === "image") expect(waiver).to.be.a("string").with.length.within(10, 256);
      else expect(waiver, s).to.equal(undefined);
      // Outside any VPC, private, bounded in time, logging to the encrypted group.
      expect(p.inputs.vpcConfig, s).to.equal(undefined);
      expect(p.inputs.projectVisibility).to.equal("PRIVATE");
      expect(p.inputs.buildTimeout).to.be.at.most(60);
      expect(p.inputs.logsConfig.cloudwatchLogs).to.deep.equal({
        status: "ENABLED",
        groupName: groupOf(staging).outputs.name,
        streamName: s,
      });
      // No credential in plain text: only configuration values, none secret-looking.
      for (const v of p.inputs.environment.environmentVariables ?? []) {
        expect(v.type).to.equal("PLAINTEXT");
        expect(v.name).to.not.match(/SECRET|PASSWORD|TOKEN|KEY/);
      }
    }
    expect(project(staging, "image").inputs.environment.environmentVariables).to.deep.include({
      name: "FAIL_ON_SEVERITIES",
      value: "HIGH CRITICAL",
      type: "PLAINTEXT",
    });
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

  it("GitHub: one pipeline with a V2 push trigger on the configured branches, through CodeConnections", async () => {
    const created = await build({
      source: { kind: "github", repository: "acme/app" },
      branches: ["main", "release/*"],
    });
    const connection = findOne(created, "aws:codeconnections/connection:Connection", "pl-github");
    expect(connection.inputs.providerType).to.equal("GitHub");
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

  it("protects the build logs, their key and the artifacts in prod only", () => {
    expect(groupOf(prod).options.retainOnDelete).to.equal(true);
    expect(keyOf(prod).options).to.include({ protect: true, retainOnDelete: true });
    expect(bucketOf(prod).options.protect).to.equal(true);
    expect(groupOf(staging).options.retainOnDelete).to.not.equal(true);
    expect(keyOf(staging).options.protect).to.not.equal(true);
  });

  for (const preview of [true, false]) {
    it(`passes the whole policy pack, waiving only privileged mode on the image project (${preview ? "preview" : "up"})`, async () => {
      const rec = await build({ requireApproval: true, protect: true }, "prod", preview);
      const report = await runPolicies(allPolicies, rec.resources);
      const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
      expect(mandatory.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
      expect([...new Set(report.waived.map((w) => `${w.policy} ${w.name}`))]).to.deep.equal([
        `${PRIVILEGED_MODE_POLICY} pl-image`,
      ]);
    });
  }

  describe("buildspecs", () => {
    const specs = Object.fromEntries(
      BUILD_STAGES.map((s) => [
        s,
        yaml.load(fs.readFileSync(path.join(BUILDSPEC_DIR, `${s}.yml`), "utf8")) as any,
      ]),
    );
    const commands = (s: string) =>
      Object.values(specs[s].phases as Record<string, any>)
        .flatMap((p) => p.commands ?? [])
        .join("\n");

    it("are buildspec 0.2 with the phases each stage needs, aborting on failure", () => {
      expect(Object.keys(specs.test.phases)).to.deep.equal(["install", "build"]);
      expect(Object.keys(specs.image.phases)).to.deep.equal(["pre_build", "build", "post_build"]);
      expect(Object.keys(specs.deploy.phases)).to.deep.equal(["install", "build"]);
      for (const s of BUILD_STAGES) {
        expect(specs[s].version).to.equal(0.2);
        expect(specs[s].phases.build["on-failure"], s).to.equal("ABORT");
      }
    });

    it("pulls every base image from outside Docker Hub, whose anonymous pull limit CodeBuild's shared addresses exhaust", () => {
      // Docker Hub limits anonymous pulls per source IP ("toomanyrequests"); CodeBuild's builds share
      // AWS addresses. Docker Official Images are mirrored on ECR Public
      // (public.ecr.aws/docker/library/<image>), which CodeBuild reaches without that limit.
      const registryOf = (ref: string) => {
        const parts = ref.split("/");
        // Docker's rule: a first path segment with "." or ":" (or "localhost"), followed by a path,
        // names a registry; otherwise the image is on Docker Hub ("node:22" is docker.io).
        const first = parts[0];
        return parts.length > 1 && (/[.:]/.test(first) || first === "localhost")
          ? first
          : "docker.io";
      };
      const dockerfiles = fs
        .readdirSync(path.join(ROOT, "app"))
        .filter((f) => /^Dockerfile(\..+)?$/.test(f) && !f.endsWith(".dockerignore"))
        .map((f) => path.join(ROOT, "app", f));
      expect(dockerfiles.length).to.be.greaterThan(0);
      const images: string[] = [];
      for (const file of dockerfiles) {
        const text = fs.readFileSync(file, "utf8");
        const args = new Map<string, string>();
        for (const m of text.matchAll(/^ARG\s+([A-Z_]+)=(\S+)/gm)) args.set(m[1], m[2]);
        for (const m of text.matchAll(/^FROM\s+(?:--\S+\s+)*(\S+)/gm)) {
          // FROM ${ARG} resolves to the ARG's default; FROM <stage> names an earlier stage.
          const ref = m[1].replace(/^\$\{?([A-Z_]+)\}?$/, (_, a) => args.get(a) ?? `$${a}`);
          if (new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${ref}\\b`, "im").test(text)) continue;
          images.push(ref);
        }
      }
      // Base images the buildspecs pull or run themselves.
      for (const stage of BUILD_STAGES) {
        for (const m of commands(stage).matchAll(/docker (?:pull|run)\s+(?:--\S+\s+)*(\S+)/g)) {
          images.push(m[1]);
        }
      }
      expect(images.length).to.be.greaterThan(1);
      for (const image of images) {
        expect(registryOf(image), image).to.not.equal("docker.io");
        expect(image, image).to.not.match(/^(registry-1\.|index\.)?docker\.io\//);
      }
      expect(images).to.include("public.ecr.aws/docker/library/node:22-bookworm-slim");
    });

    it("test: installs from the lock file and runs the app's tests", () => {
      expect(commands("test"))
        .to.match(/npm ci/)
        .and.match(/npm run test --workspace app/);
    });

    it("image: immutable commit tag, push, and a scan gate failing on HIGH/CRITICAL", () => {
      const c = commands("image");
      expect(c).to.match(/IMAGE_TAG="\$COMMIT_ID"/);
      expect(c).to.match(/IMAGE_URI="\$REPOSITORY_URI:\$IMAGE_TAG"/);
      expect(c).to.match(/docker push "\$IMAGE_URI"/);
      // app/Dockerfile builds from the repository root, where the workspace lock file is.
      expect(c).to.match(
        /docker build --pull[^]*--file "\$APP_DIR\/Dockerfile"[^]*--tag "\$IMAGE_URI" \\\s*\.\s*\n/,
      );
      expect(c).to.match(/aws ecr wait image-scan-complete/);
      expect(c).to.match(/describe-image-scan-findings[\s\S]*findingSeverityCounts\.\$severity/);
      expect(c).to.match(/for severity in \$FAIL_ON_SEVERITIES/);
      expect(c).to.match(/exit 1/);
      // The gate runs before the outputs exist: a blocked image leaves nothing to deploy.
      expect(commands("image").indexOf("image-scan-complete")).to.be.lessThan(
        c.indexOf("imagedefinitions.json"),
      );
      expect(specs.image.env["exported-variables"]).to.include("IMAGE_URI");
      expect(specs.image.artifacts.files).to.deep.equal([
        "imagedefinitions.json",
        "imageDetail.json",
      ]);
    });

    it("deploy: renders the latest revision with only the image replaced, updates the service, waits for the roll-out", () => {
      const c = commands("deploy");
      expect(c).to.match(/aws ecs describe-task-definition --task-definition "\$TASK_FAMILY"/);
      expect(c).to.match(/c\.image = process\.env\.IMAGE_URI/);
      expect(c).to.match(/aws ecs register-task-definition --cli-input-json file:\/\/next\.json/);
      expect(c).to.match(
        /aws ecs update-service --cluster "\$CLUSTER_NAME" --service "\$SERVICE_NAME" --task-definition "\$NEW_TD"/,
      );
      expect(c)
        .to.match(/rolloutState/)
        .and.match(/COMPLETED/)
        .and.match(/FAILED/);
    });

    it("hold no credentials and read no secrets", () => {
      for (const s of BUILD_STAGES) {
        const text = fs.readFileSync(path.join(BUILDSPEC_DIR, `${s}.yml`), "utf8");
        expect(text, s).to.not.match(/AKIA[0-9A-Z]{16}|aws_secret_access_key|password\s*[:=]/i);
        expect(specs[s].env?.["secrets-manager"], s).to.equal(undefined);
        expect(specs[s].env?.["parameter-store"], s).to.equal(undefined);
        for (const name of Object.keys(specs[s].env?.variables ?? {}))
          expect(name).to.not.match(/SECRET|PASSWORD|TOKEN/);
      }
    });
  });

  describe("in both stacks", function () {
    this.timeout(240_000);
    let recs: Record<string, Recording>;
    before(async () => {
      recs = { staging: await runStack("staging"), prod: await runStack("prod") };
    });

    it("each stack's image project pushes to that stack's own ECR repository", () => {
      const urls = Object.entries(recs).map(([stack, rec]) => {
        const repo = findAll(rec, "aws:ecr/repository:Repository").find((r) =>
          r.name.endsWith("-runtime-repo"),
        )!;
        const image = findAll(rec, "aws:codebuild/project:Project").find(
          (p) => p.inputs.name === `platform-${stack}-image`,
        )!;
        const url = image.inputs.environment.environmentVariables.find(
          (v: any) => v.name === "REPOSITORY_URI",
        ).value;
        expect(url).to.equal(repo.outputs.repositoryUrl);
        expect(
          permissions(rec, findOne(rec, "aws:iam/role:Role", `${stack}-pipeline-image-role`)).get(
            "ecr:PutImage",
          ),
        ).to.deep.equal([repo.outputs.arn]);
        return url;
      });
      expect(urls[0]).to.not.equal(urls[1]);
    });

    it("only prod approves before deploying, and each deploys to its own service", () => {
      for (const [stack, rec] of Object.entries(recs)) {
        const pipeline = findAll(rec, "aws:codepipeline/pipeline:Pipeline");
        expect(pipeline).to.have.length(1);
        expect(stagesOf(pipeline[0]).includes("Approve"), stack).to.equal(stack === "prod");
        const service = findAll(rec, "aws:ecs/service:Service")[0];
        const deploy = permissions(
          rec,
          findOne(rec, "aws:iam/role:Role", `${stack}-pipeline-deploy-role`),
        );
        expect(deploy.get("ecs:UpdateService")![0]).to.match(
          new RegExp(`:service/[^/]+/${service.outputs.name}$`),
        );
      }
    });
  });
});
