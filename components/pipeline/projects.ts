// The pipeline's build projects (one per stage, each with its own least-privilege role policy)
// and the pipelines that run them: Source → Test → Image → (prod: Approve) → Deploy.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement, policyDocument } from "../iam";
import { APP_CONTAINER_NAME, DEPLOYED_IMAGES_KEPT, DEPLOYED_TAG_PREFIX } from "../runtime.keys";
import { BUILD_IMAGE, BUILD_STAGES, BuildStage, readBuildspec } from "./buildspec";
import { PipelineBuild, PlannedPipeline, projectNames as plannedProjectNames } from "./plan";
import {
  deployProjectStatements,
  imageProjectStatements,
  pipelineRoleStatements,
  PipelineScope,
  testProjectStatements,
} from "./policies";
import { PipelineSourceParts } from "./source";

/** The policy of the pack that the image project waives, by its exact name. */
export const PRIVILEGED_MODE_POLICY = "codebuild-project-privileged-mode";

/** Why the image project runs privileged (its waiver tag; at most 256 characters). */
export const PRIVILEGED_REASON =
  "Builds the app container image with Docker which needs privileged mode. Only this project: " +
  "it runs the pipeline-owned buildspec outside any VPC and may push only to the ECR repository of this stack.";

/**
 * One CodeBuild project per stage `${name}-<stage>` (named `<prefix>-<stage>`), each after its
 * role's policy `${name}-<stage>-policy`, encrypted with the pipeline's key, logging to its group.
 */
export function buildProjects(
  b: PipelineBuild,
  on: {
    readonly buildRoles: Record<BuildStage, aws.iam.Role>;
    readonly key: { readonly keyArn: pulumi.Output<string> };
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly scope: PipelineScope;
  },
): Record<BuildStage, aws.codebuild.Project> {
  const { name, args, parent, tags, arn } = b;
  const { buildRoles, key, logGroup, scope } = on;
  const projectNames = plannedProjectNames(b.prefix);
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
        plain("CONTAINER_NAME", APP_CONTAINER_NAME), // the Runtime's container: a name the family lacks fails every deploy
        plain("FAIL_ON_SEVERITIES", "HIGH CRITICAL"),
      ],
    },
    deploy: {
      statements: deployProjectStatements(scope, {
        serviceArn: arn("ecs", pulumi.interpolate`service/${args.clusterName}/${args.serviceName}`),
        taskDefinitionArnPattern: arn(
          "ecs",
          pulumi.interpolate`task-definition/${args.taskDefinitionFamily}:*`,
        ),
        executionRoleArn: args.executionRoleArn,
        taskRoleArn: args.taskRoleArn,
        repositoryArn: args.repositoryArn,
      }),
      timeout: 40,
      privileged: false,
      env: [
        plain("CLUSTER_NAME", args.clusterName),
        plain("SERVICE_NAME", args.serviceName),
        plain("TASK_FAMILY", args.taskDefinitionFamily),
        plain("CONTAINER_NAME", APP_CONTAINER_NAME),
        plain("REPOSITORY_NAME", ecrRepositoryName),
        plain("DEPLOYED_TAG_PREFIX", DEPLOYED_TAG_PREFIX),
        plain("DEPLOYED_IMAGES_KEPT", String(DEPLOYED_IMAGES_KEPT)),
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
        description: `${stage} stage of the ${b.prefix} pipeline`,
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
      { parent: b.self, dependsOn: [rolePolicy] },
    );
  }
  return projects;
}

/**
 * The pipelines `${name}-pipeline<suffix>`, after the pipeline role's policy
 * `${name}-pipeline-policy` (CodePipeline starts a first execution on creation).
 */
export function buildPipelines(
  b: PipelineBuild,
  on: {
    readonly pipelines: readonly PlannedPipeline[];
    readonly pipelineRole: aws.iam.Role;
    readonly projects: Record<BuildStage, aws.codebuild.Project>;
    readonly source: PipelineSourceParts;
    readonly key: { readonly keyArn: pulumi.Output<string> };
    readonly artifactBucketName: pulumi.Output<string>;
    readonly scope: PipelineScope;
  },
): aws.codepipeline.Pipeline[] {
  const { name, args, parent, tags } = b;
  const { pipelines, pipelineRole, projects, key, scope } = on;
  const { sourcePermission, sourceActionFor } = on.source;
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
            location: on.artifactBucketName,
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
      { parent: b.self, dependsOn: [pipelinePolicy] },
    );
    return pipeline;
  });
  return pipelineResources;
}
