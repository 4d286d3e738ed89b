// The delivery pipeline of one stack: source (CodeCommit, or GitHub through CodeConnections) →
// tests → image build, push and scan gate → (prod: manual approval) → deploy to this stack's ECS
// service. CodePipeline V2 with a KMS-encrypted artifact bucket; one CodeBuild project and one
// least-privilege role per stage; build logs in a KMS-encrypted log group with retention.
// Decisions and the facts behind them: docs/decisions/pipeline.md; the flow: docs/delivery.md.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecureBucketArgs, SecureBucket } from "../bucket";
import { ANYONE, PolicyStatement, policyDocument, serviceTrustPolicy } from "../iam";
import { cloudWatchLogsGrant, EncryptionKey } from "../kms-key";
import { BUILD_STAGES, BuildStage, readBuildspec } from "./buildspec";
import {
  deployProjectStatements,
  imageProjectStatements,
  pipelineRoleStatements,
  PipelineScope,
  SourcePermission,
  testProjectStatements,
} from "./policies";

export { BUILDSPEC_DIR, BUILD_STAGES, readBuildspec } from "./buildspec";
export * from "./policies";

/** The policy of the pack that the image project waives, by its exact name. */
export const PRIVILEGED_MODE_POLICY = "codebuild-project-privileged-mode";

/** Where the app's source comes from. */
export type PipelineSource =
  | {
      readonly kind: "codecommit";
      /** Repository name. */
      readonly repositoryName: string;
      /** Create the repository (false: it exists in this account and region). */
      readonly create: boolean;
    }
  | {
      readonly kind: "github";
      /** `owner/name`. */
      readonly repository: string;
      /** An existing CodeConnections connection; without one, a connection is created. */
      readonly connectionArn?: string;
    };

export interface PipelineArgs {
  readonly source: PipelineSource;
  /**
   * Branches whose pushes start the pipeline. CodeCommit: exact names, one pipeline each.
   * GitHub: one pipeline whose V2 trigger includes these patterns; the first is the source
   * action's default branch and must be an exact name.
   */
  readonly branches: readonly string[];
  /** A manual approval stage before the deploy stage (prod). */
  readonly requireApproval: boolean;
  readonly region: string;
  /** The Runtime's ECR repository, cluster, service and task family. */
  readonly repositoryUrl: pulumi.Input<string>;
  readonly repositoryArn: pulumi.Input<string>;
  readonly clusterName: pulumi.Input<string>;
  readonly serviceName: pulumi.Input<string>;
  readonly taskDefinitionFamily: pulumi.Input<string>;
  /** The roles the task definition names (the deploy stage may pass exactly these). */
  readonly executionRoleArn: pulumi.Input<string>;
  readonly taskRoleArn: pulumi.Input<string>;
  /** Container whose image the deploy stage replaces. Defaults to "app". */
  readonly containerName?: string;
  /** Directory of the app (its Dockerfile) in the source repository. Defaults to "app". */
  readonly appDirectory?: string;
  /** Server access logging of the artifact bucket (see SecureBucketArgs.accessLogs). */
  readonly accessLogs: SecureBucketArgs["accessLogs"];
  readonly logRetentionDays: number;
  /** Days after which build artifacts expire. Defaults to 30. */
  readonly artifactExpirationDays?: number;
  /** Protect and retain the build logs, their key and a created repository (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

/** CodeBuild image: Amazon Linux 2023 standard image 5.0 (x86_64, like the Fargate task). */
const BUILD_IMAGE = "aws/codebuild/amazonlinux-x86_64-standard:5.0";

const PRIVILEGED_REASON =
  "Builds the app container image with Docker, which needs privileged mode. Only this project; " +
  "it runs the pipeline-owned buildspec outside any VPC and may only push to this stack's ECR repository.";

/** Pipeline names: letters, digits and . @ - _ (CodePipeline API, PipelineDeclaration.name). */
function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9.@_-]+/g, "-").replace(/^-+|-+$/g, "");
}

function validate(name: string, args: PipelineArgs): void {
  const problems: string[] = [];
  if (args.branches.length === 0) problems.push("at least one branch is required");
  if (args.source.kind === "codecommit" && args.branches.some((b) => /[*?]/.test(b))) {
    problems.push("CodeCommit sources need exact branch names");
  }
  if (args.source.kind === "github" && /[*?]/.test(args.branches[0] ?? "")) {
    problems.push(
      `the first branch ("${args.branches[0]}") is the source action's default branch and must be an exact name`,
    );
  }
  if (PRIVILEGED_REASON.length > 256)
    problems.push("the privileged-mode waiver reason exceeds a tag value");
  if (problems.length > 0) throw new Error(`Pipeline ${name}: ${problems.join("; ")}`);
}

export class Pipeline extends pulumi.ComponentResource {
  /** One pipeline per CodeCommit branch; one pipeline for a GitHub source. */
  public readonly pipelineNames: pulumi.Output<string>[];
  public readonly artifactBucketName: pulumi.Output<string>;
  public readonly keyArn: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;
  /** CodeCommit: the repository's HTTPS clone URL. */
  public readonly cloneUrlHttp?: pulumi.Output<string>;
  /** GitHub: the connection (a created one stays PENDING until authorized in the console). */
  public readonly connectionArn?: pulumi.Output<string>;

  constructor(name: string, args: PipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    // Invalid arguments register nothing.
    validate(name, args);
    super("platform:delivery:Pipeline", name, {}, opts);
    const parent = { parent: this };
    const protect = args.protect ?? false;
    const tags = (role: string, extra: Record<string, string> = {}) => ({
      ...args.tags,
      Name: `${name}-${role}`,
      ...extra,
    });
    const project = pulumi.getProject();
    const stack = pulumi.getStack();
    const prefix = `${project}-${stack}`;
    const region = args.region;
    const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
    const partition = aws.getPartitionOutput({}, parent).partition;
    const arn = (service: string, resource: pulumi.Input<string>) =>
      pulumi.interpolate`arn:${partition}:${service}:${region}:${accountId}:${resource}`;
    const containerName = args.containerName ?? "app";

    // ---- Names known before anything exists (trust policies name them) ------------------------
    const projectNames: Record<BuildStage, string> = {
      test: `${prefix}-test`,
      image: `${prefix}-image`,
      deploy: `${prefix}-deploy`,
    };
    const projectArns = BUILD_STAGES.map((s) => arn("codebuild", `project/${projectNames[s]}`));
    const pipelines = (args.source.kind === "codecommit" ? args.branches : [args.branches[0]]).map(
      (branch, i) => ({
        branch,
        suffix: i === 0 ? "" : `-${sanitize(branch)}`,
        name: i === 0 ? `${prefix}-app` : `${prefix}-app-${sanitize(branch)}`.slice(0, 100),
      }),
    );
    const pipelineArns = pipelines.map((p) => arn("codepipeline", p.name));

    // ---- Roles (trust first; permissions once the resources exist) -----------------------------
    // IAM docs ("The confused deputy problem"): a service principal's trust names the account and
    // the resources acting through the service, where the service documents sending those keys
    // (components/iam SERVICE_TRUST_CONDITIONS, with the sources): CodeBuild documents
    // aws:SourceAccount and aws:SourceArn (the project), so each build role trusts its own project;
    // CodePipeline documents no aws:SourceArn for its service role, so that trust names the
    // account only (a key the service does not send would make CreatePipeline fail).
    const pipelineRole = new aws.iam.Role(
      `${name}-pipeline-role`,
      {
        description: `CodePipeline service role of ${prefix}: its artifacts, source and build projects only`,
        assumeRolePolicy: serviceTrustPolicy(
          "codepipeline.amazonaws.com",
          { sourceAccount: accountId },
          parent,
        ),
        tags: tags("pipeline-role"),
      },
      parent,
    );
    const buildRoles = {} as Record<BuildStage, aws.iam.Role>;
    BUILD_STAGES.forEach((stage, i) => {
      buildRoles[stage] = new aws.iam.Role(
        `${name}-${stage}-role`,
        {
          description: `CodeBuild service role of ${projectNames[stage]}`,
          assumeRolePolicy: serviceTrustPolicy(
            "codebuild.amazonaws.com",
            { sourceAccount: accountId, sourceArn: projectArns[i] },
            parent,
          ),
          tags: tags(`${stage}-role`),
        },
        parent,
      );
    });

    // ---- Key, log group, artifact bucket ------------------------------------------------------
    const logGroupName = `/${project}/${stack}/${name}/builds`;
    const bucketArnPattern = pulumi.interpolate`arn:${partition}:s3:::${name}-artifacts-*`;
    const s3ViaService = `s3.${region}.amazonaws.com`;
    const key = new EncryptionKey(
      `${name}-key`,
      {
        description: `Encrypts the ${prefix} pipeline artifacts and build logs`,
        grants: [
          cloudWatchLogsGrant(arn("logs", `log-group:${logGroupName}`), { region, parent: this }),
          {
            // S3 docs ("Using server-side encryption with AWS KMS keys"): writing needs
            // kms:GenerateDataKey and reading kms:Decrypt. CodePipeline and CodeBuild reach the
            // key through S3 only (the artifact store and the projects' encryptionKey), and with
            // an S3 Bucket Key the encryption context is the bucket's ARN.
            sid: "PipelineRolesUseThroughS3",
            principals: {
              type: "AWS",
              identifiers: [pipelineRole.arn, ...BUILD_STAGES.map((s) => buildRoles[s].arn)],
            },
            actions: ["kms:Decrypt", "kms:GenerateDataKey"],
            conditions: [
              { test: "StringEquals", variable: "kms:ViaService", values: [s3ViaService] },
              { test: "StringEquals", variable: "kms:CallerAccount", values: [accountId] },
              {
                test: "StringLike",
                variable: "kms:EncryptionContext:aws:s3:arn",
                values: [bucketArnPattern, pulumi.interpolate`${bucketArnPattern}/*`],
              },
            ],
          },
          {
            // CodeBuild User Guide ("Create and configure a customer managed key for CodeBuild")
            // makes the service role a user of the project's key (Encrypt, Decrypt, ReEncrypt*,
            // GenerateDataKey*, DescribeKey) and lets the account use it through S3; CodePipeline
            // does the same for its artifact-store key. CodeBuild looks the project's key up
            // itself (DescribeKey, metadata only); every cryptographic use goes through S3 (the
            // artifacts, above) or CloudWatch Logs (the build logs), each with its conditions.
            // Whether a build needs more than this is watched on the first build
            // (docs/first-deploy.md, "CodeBuild and the artifact key").
            sid: "PipelineRolesDescribeKey",
            principals: {
              type: "AWS",
              identifiers: [pipelineRole.arn, ...BUILD_STAGES.map((s) => buildRoles[s].arn)],
            },
            actions: ["kms:DescribeKey"],
            conditions: [
              { test: "StringEquals", variable: "kms:CallerAccount", values: [accountId] },
            ],
          },
        ],
        aliasName: `alias/${project}/${stack}/${name}`.replace(/[^A-Za-z0-9/_-]/g, "-"),
        protect,
        tags: tags("key"),
      },
      parent,
    );

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: logGroupName,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: key.keyArn,
        tags: tags("logs"),
      },
      { parent: this, retainOnDelete: protect },
    );

    // The bucket's physical name starts with `${name}-artifacts-` (auto-naming), which the key
    // grant's encryption-context condition relies on.
    const artifacts = new SecureBucket(
      `${name}-artifacts`,
      {
        encryption: { kind: "kms", keyArn: key.keyArn },
        expirationDays: args.artifactExpirationDays ?? 30,
        noncurrentVersionExpirationDays: 1,
        accessLogs: args.accessLogs,
        protect,
        // S3 docs ("Specifying server-side encryption with AWS KMS"): deny uploads that ask for
        // another encryption or another key; uploads without the header get the default (our key).
        policyStatements: (bucketArn) => [
          {
            sid: "DenyOtherEncryption",
            effect: "Deny",
            principals: [ANYONE],
            actions: ["s3:PutObject"],
            resources: [pulumi.interpolate`${bucketArn}/*`],
            conditions: [
              {
                test: "StringNotEqualsIfExists",
                variable: "s3:x-amz-server-side-encryption",
                values: ["aws:kms"],
              },
            ],
          },
          {
            sid: "DenyOtherKeys",
            effect: "Deny",
            principals: [ANYONE],
            actions: ["s3:PutObject"],
            resources: [pulumi.interpolate`${bucketArn}/*`],
            conditions: [
              {
                test: "StringNotEqualsIfExists",
                variable: "s3:x-amz-server-side-encryption-aws-kms-key-id",
                values: [key.keyArn],
              },
            ],
          },
        ],
        tags: args.tags,
      },
      parent,
    );
    const scope: PipelineScope = { bucketArn: artifacts.arn, logGroupArn: logGroup.arn };

    // ---- Source ------------------------------------------------------------------------------
    let sourcePermission: SourcePermission;
    let sourceActionFor: (branch: string) => aws.types.input.codepipeline.PipelineStageAction;
    if (args.source.kind === "codecommit") {
      const repositoryName = args.source.repositoryName;
      let repositoryArn: pulumi.Output<string>;
      if (args.source.create) {
        // The repository holds the source code: it outlives the stack.
        const repo = new aws.codecommit.Repository(
          `${name}-source`,
          {
            repositoryName,
            description: `Source of the app delivered by ${prefix}`,
            tags: tags("source"),
          },
          { parent: this, protect, retainOnDelete: true },
        );
        // Two-person review of pull requests into the delivered branches.
        const template = new aws.codecommit.ApprovalRuleTemplate(
          `${name}-review`,
          {
            name: `${prefix}-review`,
            description: "One approval before a pull request merges into a delivered branch",
            content: JSON.stringify({
              Version: "2018-11-08",
              DestinationReferences: args.branches.map((b) => `refs/heads/${b}`),
              Statements: [{ Type: "Approvers", NumberOfApprovalsNeeded: 1 }],
            }),
          },
          parent,
        );
        new aws.codecommit.ApprovalRuleTemplateAssociation(
          `${name}-review-association`,
          { approvalRuleTemplateName: template.name, repositoryName: repo.repositoryName },
          parent,
        );
        repositoryArn = repo.arn;
        this.cloneUrlHttp = repo.cloneUrlHttp;
      } else {
        repositoryArn = arn("codecommit", repositoryName);
        this.cloneUrlHttp = pulumi.interpolate`https://git-codecommit.${region}.amazonaws.com/v1/repos/${repositoryName}`;
      }
      sourcePermission = { kind: "codecommit", repositoryArn };
      // PollForSourceChanges false: an EventBridge rule per branch starts the pipeline (below).
      sourceActionFor = (branch) => ({
        name: "Source",
        category: "Source",
        owner: "AWS",
        provider: "CodeCommit",
        version: "1",
        namespace: "SourceVariables",
        outputArtifacts: ["Source"],
        configuration: {
          RepositoryName: repositoryName,
          BranchName: branch,
          PollForSourceChanges: "false",
          OutputArtifactFormat: "CODE_ZIP",
        },
      });
    } else {
      const github = args.source;
      let connectionArn: pulumi.Output<string>;
      if (github.connectionArn) {
        connectionArn = pulumi.output(github.connectionArn);
      } else {
        // CodePipeline docs ("Create a connection"): a connection created through the API stays
        // PENDING until someone completes the handshake with GitHub in the console.
        const connection = new aws.codeconnections.Connection(
          `${name}-github`,
          { name: prefix.slice(0, 32), providerType: "GitHub", tags: tags("github") },
          parent,
        );
        connectionArn = connection.arn;
      }
      this.connectionArn = connectionArn;
      // Service Authorization Reference: connections created since the CodeConnections rename
      // have `codeconnections` ARNs and are used with codeconnections:UseConnection; older ones
      // keep `codestar-connections`.
      sourcePermission = {
        kind: "connection",
        connectionArn,
        action: (github.connectionArn ?? "").includes(":codestar-connections:")
          ? "codestar-connections:UseConnection"
          : "codeconnections:UseConnection",
      };
      sourceActionFor = (branch) => ({
        name: "Source",
        category: "Source",
        owner: "AWS",
        provider: "CodeStarSourceConnection",
        version: "1",
        namespace: "SourceVariables",
        outputArtifacts: ["Source"],
        configuration: {
          ConnectionArn: connectionArn,
          FullRepositoryId: github.repository,
          BranchName: branch,
          OutputArtifactFormat: "CODE_ZIP",
        },
      });
    }

    // ---- Build projects ----------------------------------------------------------------------
    // ECR repository URL: <registry>/<repository name>.
    const ecrRepositoryName = pulumi
      .output(args.repositoryUrl)
      .apply((u) => u.split("/").slice(1).join("/"));
    const plain = (key: string, value: pulumi.Input<string>) => ({
      name: key,
      value,
      type: "PLAINTEXT",
    });
    const stageSettings: Record<
      BuildStage,
      {
        statements: PolicyStatement[];
        timeout: number;
        privileged: boolean;
        env: { name: string; value: pulumi.Input<string>; type: string }[];
      }
    > = {
      test: {
        statements: testProjectStatements(scope),
        timeout: 30,
        privileged: false,
        env: [],
      },
      image: {
        statements: imageProjectStatements(scope, args.repositoryArn),
        timeout: 30,
        privileged: true,
        env: [
          plain("REPOSITORY_URI", args.repositoryUrl),
          plain("REPOSITORY_NAME", ecrRepositoryName),
          plain("APP_DIR", args.appDirectory ?? "app"),
          plain("CONTAINER_NAME", containerName),
          plain("FAIL_ON_SEVERITIES", "HIGH CRITICAL"),
        ],
      },
      deploy: {
        statements: deployProjectStatements(scope, {
          serviceArn: arn(
            "ecs",
            pulumi.interpolate`service/${args.clusterName}/${args.serviceName}`,
          ),
          taskDefinitionArnPattern: arn(
            "ecs",
            pulumi.interpolate`task-definition/${args.taskDefinitionFamily}:*`,
          ),
          executionRoleArn: args.executionRoleArn,
          taskRoleArn: args.taskRoleArn,
        }),
        timeout: 40,
        privileged: false,
        env: [
          plain("CLUSTER_NAME", args.clusterName),
          plain("SERVICE_NAME", args.serviceName),
          plain("TASK_FAMILY", args.taskDefinitionFamily),
          plain("CONTAINER_NAME", containerName),
          plain("DEPLOY_TIMEOUT_SECONDS", "1800"),
        ],
      },
    };

    const projects = {} as Record<BuildStage, aws.codebuild.Project>;
    for (const stage of BUILD_STAGES) {
      const s = stageSettings[stage];
      const rolePolicy = new aws.iam.RolePolicy(
        `${name}-${stage}-policy`,
        { role: buildRoles[stage].id, policy: policyDocument(s.statements, parent) },
        parent,
      );
      projects[stage] = new aws.codebuild.Project(
        `${name}-${stage}`,
        {
          name: projectNames[stage],
          description: `${stage} stage of the ${prefix} pipeline`,
          serviceRole: buildRoles[stage].arn,
          // CodeBuild encrypts artifacts and S3 logs with this key (not the AWS-managed aws/s3).
          encryptionKey: key.keyArn,
          source: { type: "CODEPIPELINE", buildspec: readBuildspec(stage) },
          artifacts: { type: "CODEPIPELINE" },
          environment: {
            type: "LINUX_CONTAINER",
            computeType: "BUILD_GENERAL1_SMALL",
            image: BUILD_IMAGE,
            imagePullCredentialsType: "CODEBUILD",
            privilegedMode: s.privileged,
            // Plain configuration only (names, URIs); no credential is ever passed in plain text.
            environmentVariables: s.env,
          },
          logsConfig: {
            cloudwatchLogs: { status: "ENABLED", groupName: logGroup.name, streamName: stage },
            s3Logs: { status: "DISABLED" },
          },
          // Outside any VPC: the builds need the npm registry and base images from the internet,
          // and the private subnets have no route out (docs/decisions/pipeline.md).
          buildTimeout: s.timeout,
          queuedTimeout: 60,
          projectVisibility: "PRIVATE",
          cache: s.privileged ? { type: "LOCAL", modes: ["LOCAL_DOCKER_LAYER_CACHE"] } : undefined,
          tags: tags(
            stage,
            s.privileged ? { [`waiver:${PRIVILEGED_MODE_POLICY}`]: PRIVILEGED_REASON } : {},
          ),
        },
        // The role's permissions must be in place before the first build runs.
        { parent: this, dependsOn: [rolePolicy] },
      );
    }

    const pipelinePolicy = new aws.iam.RolePolicy(
      `${name}-pipeline-policy`,
      {
        role: pipelineRole.id,
        policy: policyDocument(
          pipelineRoleStatements(
            scope,
            sourcePermission,
            BUILD_STAGES.map((s) => projects[s].arn),
          ),
          parent,
        ),
      },
      parent,
    );

    // ---- Pipelines ---------------------------------------------------------------------------
    const buildAction = (
      actionName: string,
      category: "Build" | "Test",
      stage: BuildStage,
      input: string,
      extra: Partial<aws.types.input.codepipeline.PipelineStageAction> = {},
      env: { name: string; value: string; type: string }[] = [],
    ): aws.types.input.codepipeline.PipelineStageAction => ({
      name: actionName,
      category,
      owner: "AWS",
      provider: "CodeBuild",
      version: "1",
      inputArtifacts: [input],
      configuration: {
        ProjectName: projects[stage].name,
        ...(env.length > 0 ? { EnvironmentVariables: JSON.stringify(env) } : {}),
      },
      ...extra,
    });

    const pipelineResources = pipelines.map((p) => {
      const stages: aws.types.input.codepipeline.PipelineStage[] = [
        { name: "Source", actions: [sourceActionFor(p.branch)] },
        { name: "Test", actions: [buildAction("AppTests", "Test", "test", "Source")] },
        {
          name: "Image",
          actions: [
            buildAction(
              "BuildScanPush",
              "Build",
              "image",
              "Source",
              { outputArtifacts: ["Image"], namespace: "ImageVariables" },
              // CodePipeline docs ("Variables reference"): CodeCommit and CodeStarSourceConnection
              // source actions output CommitId; it becomes the image's immutable tag.
              [{ name: "COMMIT_ID", value: "#{SourceVariables.CommitId}", type: "PLAINTEXT" }],
            ),
          ],
        },
      ];
      if (args.requireApproval) {
        stages.push({
          name: "Approve",
          actions: [
            {
              name: "ApproveProduction",
              category: "Approval",
              owner: "AWS",
              provider: "Manual",
              version: "1",
              configuration: {
                CustomData:
                  "Deploy image #{ImageVariables.IMAGE_URI} to production? Check it in staging first.",
              },
            },
          ],
        });
      }
      stages.push({
        name: "Deploy",
        actions: [buildAction("DeployToEcs", "Build", "deploy", "Image")],
      });

      const pipeline = new aws.codepipeline.Pipeline(
        `${name}-pipeline${p.suffix}`,
        {
          name: p.name,
          pipelineType: "V2",
          // A newer commit supersedes one still waiting (for example at the prod approval).
          executionMode: "SUPERSEDED",
          roleArn: pipelineRole.arn,
          artifactStores: [
            {
              location: artifacts.bucketName,
              type: "S3",
              encryptionKey: { id: key.keyArn, type: "KMS" },
            },
          ],
          stages,
          // CodePipeline API ("PipelineTriggerDeclaration"): triggers with git filters exist only
          // for CodeStarSourceConnection source actions; CodeCommit uses the EventBridge rule.
          triggers:
            args.source.kind === "github"
              ? [
                  {
                    providerType: "CodeStarSourceConnection",
                    gitConfiguration: {
                      sourceActionName: "Source",
                      pushes: [{ branches: { includes: [...args.branches] } }],
                    },
                  },
                ]
              : undefined,
          tags: tags(`pipeline${p.suffix}`),
        },
        // CodePipeline starts a first execution on creation: the role's permissions come first.
        { parent: this, dependsOn: [pipelinePolicy] },
      );
      return pipeline;
    });
    this.pipelineNames = pipelineResources.map((p) => p.name);

    // ---- CodeCommit change detection: one EventBridge rule per branch ------------------------
    if (args.source.kind === "codecommit") {
      const repositoryArn = (sourcePermission as { repositoryArn: pulumi.Input<string> })
        .repositoryArn;
      const ruleNames = pipelines.map((p) => `${prefix}-source${p.suffix}`.slice(0, 64));
      const ruleArns = ruleNames.map((r) => arn("events", `rule/${r}`));
      // EventBridge docs ("Cross-service confused deputy prevention"): aws:SourceAccount and
      // aws:SourceArn (the rule) in the trust policy of a target role.
      const eventsRole = new aws.iam.Role(
        `${name}-events-role`,
        {
          description: `Lets the ${prefix} source rules start their pipelines`,
          assumeRolePolicy: policyDocument(
            [
              {
                sid: "TrustEventBridgeRules",
                effect: "Allow",
                actions: ["sts:AssumeRole"],
                principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
                conditions: [
                  { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
                  { test: "ArnLike", variable: "aws:SourceArn", values: ruleArns },
                ],
              },
            ],
            parent,
          ),
          tags: tags("events-role"),
        },
        parent,
      );
      const eventsPolicy = new aws.iam.RolePolicy(
        `${name}-events-policy`,
        {
          role: eventsRole.id,
          policy: policyDocument(
            [
              {
                sid: "StartOwnPipelines",
                effect: "Allow",
                actions: ["codepipeline:StartPipelineExecution"],
                resources: pipelineArns,
              },
            ],
            parent,
          ),
        },
        parent,
      );
      pipelines.forEach((p, i) => {
        // CodeCommit docs ("CodeCommit events"): a push to a branch is a "CodeCommit Repository
        // State Change" with event referenceCreated/referenceUpdated and the branch name.
        const rule = new aws.cloudwatch.EventRule(
          `${name}-source-rule${p.suffix}`,
          {
            name: ruleNames[i],
            description: `Start ${p.name} on pushes to ${p.branch}`,
            eventPattern: pulumi.jsonStringify({
              source: ["aws.codecommit"],
              "detail-type": ["CodeCommit Repository State Change"],
              resources: [repositoryArn],
              detail: {
                event: ["referenceCreated", "referenceUpdated"],
                referenceType: ["branch"],
                referenceName: [p.branch],
              },
            }),
            tags: tags(`source-rule${p.suffix}`),
          },
          parent,
        );
        new aws.cloudwatch.EventTarget(
          `${name}-source-target${p.suffix}`,
          { rule: rule.name, arn: pipelineResources[i].arn, roleArn: eventsRole.arn },
          { parent: this, dependsOn: [eventsPolicy] },
        );
      });
    }

    this.artifactBucketName = artifacts.bucketName;
    this.keyArn = key.keyArn;
    this.logGroupName = logGroup.name;
    this.registerOutputs({
      pipelineNames: this.pipelineNames,
      artifactBucketName: this.artifactBucketName,
      logGroupName: this.logGroupName,
      cloneUrlHttp: this.cloneUrlHttp,
      connectionArn: this.connectionArn,
    });
  }
}
