// Pipeline: its stages, its key, its roles' trust and permissions, its protection, and the pack.
import { expect } from "chai";
import { policies as deliveryPolicies } from "../../../policy-pack/policies/delivery";
import { allPolicies } from "../../../policy-pack/policies";
import { BUILD_STAGES, PRIVILEGED_MODE_POLICY } from "../../../components/pipeline";
import { Recording } from "../../../tools/lib/recorder";
import { runPolicies } from "../../../tools/lib/policy-runner";
import { doc, findAll, findOne } from "../../helpers";
import {
  ACCOUNT,
  REGION,
  REPO_ARN,
  EXEC_ROLE,
  TASK_ROLE,
  build,
  permissions,
  statementsOf,
  stagesOf,
  pipelineRuns,
  bucketOf,
  keyOf,
  groupOf,
  role,
  project,
} from "../../fixtures/pipeline";

describe("Pipeline: stages, key and roles", function () {
  let staging: Recording;
  let prod: Recording;
  before(async () => {
    ({ staging, prod } = await pipelineRuns());
  });

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
    // CreatePipeline fail; aws:SourceAccount only (docs/first-deploy-watch.md watches it).
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
        // Marking the deployed image (ECR user guide, "Retagging an image") after reading push
        // times, its repository only.
        "ecr:BatchGetImage": [REPO_ARN],
        "ecr:DescribeImages": [REPO_ARN],
        "ecr:PutImage": [REPO_ARN],
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

  it("protects the build logs, their key and the artifacts in prod only", () => {
    expect(groupOf(prod).options.retainOnDelete).to.equal(true);
    expect(keyOf(prod).options).to.include({ protect: true, retainOnDelete: true });
    expect(bucketOf(prod).options.protect).to.equal(true);
    expect(groupOf(staging).options.retainOnDelete).to.not.equal(true);
    expect(keyOf(staging).options.protect).to.not.equal(true);
  });

  for (const preview of [true, false]) {
    it(`passes the whole policy pack, waiving only privileged mode on the image project and the artifacts' replica, lock and events (${preview ? "preview" : "up"})`, async () => {
      const rec = await build({ requireApproval: true, protect: true }, "prod", preview);
      const report = await runPolicies(allPolicies, rec.resources);
      const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
      expect(mandatory.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
      expect([...new Set(report.waived.map((w) => `${w.policy} ${w.name}`))]).to.have.members([
        `${PRIVILEGED_MODE_POLICY} pl-image`,
        // Artifacts are rebuilt from the repository: no replica, Object Lock or event feed.
        "s3-bucket-replication-enabled pl-artifacts",
        "s3-bucket-object-lock-enabled pl-artifacts",
        "s3-bucket-event-notifications pl-artifacts",
      ]);
    });
  }
});
