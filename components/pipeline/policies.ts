// The permissions of the delivery pipeline's roles, one builder per role, each scoped to this
// pipeline's bucket, log streams, projects, repository and service. Exported so the tests (and a
// reviewer) read exactly what each role may do.
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement } from "../iam";

/** What the roles are scoped to. */
export interface PipelineScope {
  readonly bucketArn: pulumi.Input<string>;
  readonly logGroupArn: pulumi.Input<string>;
}

/**
 * CodeBuild writes a project's logs to `<group>:log-stream:<streamName>/<build id>` (CodeBuild API,
 * "CloudWatchLogsConfig.streamName": the prefix of the log stream name), so each project may
 * write only the streams under its own prefix.
 */
export function writeOwnLogStreams(scope: PipelineScope, streamPrefix: string): PolicyStatement {
  return {
    sid: "WriteOwnLogStreams",
    effect: "Allow",
    actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
    resources: [pulumi.interpolate`${scope.logGroupArn}:log-stream:${streamPrefix}/*`],
  };
}

/**
 * Reading input artifacts. CodeBuild docs ("Allow CodeBuild to interact with other AWS services",
 * the service role policy): s3:GetObject/GetObjectVersion on the objects and
 * s3:GetBucketAcl/GetBucketLocation on the bucket. Objects are SSE-KMS: the key policy lets the role
 * decrypt through S3 only (see the Pipeline's key grants).
 */
export function readArtifacts(scope: PipelineScope): PolicyStatement[] {
  return [
    {
      sid: "ReadArtifacts",
      effect: "Allow",
      actions: ["s3:GetObject", "s3:GetObjectVersion"],
      resources: [pulumi.interpolate`${scope.bucketArn}/*`],
    },
    {
      sid: "ArtifactBucketLocation",
      effect: "Allow",
      actions: ["s3:GetBucketAcl", "s3:GetBucketLocation"],
      resources: [scope.bucketArn],
    },
  ];
}

export function writeArtifacts(scope: PipelineScope): PolicyStatement {
  return {
    sid: "WriteArtifacts",
    effect: "Allow",
    actions: ["s3:PutObject"],
    resources: [pulumi.interpolate`${scope.bucketArn}/*`],
  };
}

/** The test project: its log streams and the source artifact, nothing else. */
export function testProjectStatements(scope: PipelineScope): PolicyStatement[] {
  return [writeOwnLogStreams(scope, "test"), ...readArtifacts(scope)];
}

/**
 * The image project: push to and read scan results of this stack's repository only. ECR docs
 * ("Private registry authentication"): ecr:GetAuthorizationToken has no resource-level permission,
 * so its resource is "*". Pushing to a KMS-encrypted repository needs no key permission of the
 * caller: ECR uses the grant it created on the key when the repository was created (ECR docs,
 * "Encryption at rest").
 */
export function imageProjectStatements(
  scope: PipelineScope,
  repositoryArn: pulumi.Input<string>,
): PolicyStatement[] {
  return [
    writeOwnLogStreams(scope, "image"),
    ...readArtifacts(scope),
    writeArtifacts(scope),
    { sid: "EcrLogin", effect: "Allow", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
    {
      sid: "PushAndScanOwnRepository",
      effect: "Allow",
      actions: [
        "ecr:BatchCheckLayerAvailability",
        "ecr:BatchGetImage",
        "ecr:CompleteLayerUpload",
        "ecr:DescribeImageScanFindings",
        "ecr:DescribeImages",
        "ecr:GetDownloadUrlForLayer",
        "ecr:InitiateLayerUpload",
        "ecr:PutImage",
        "ecr:UploadLayerPart",
      ],
      resources: [repositoryArn],
    },
  ];
}

/** What the deploy project acts on (docs/decisions/deployments.md). */
export interface DeployTarget {
  /** `arn:<partition>:ecs:<region>:<account>:service/<cluster>/<service>`. */
  readonly serviceArn: pulumi.Input<string>;
  /** `arn:<partition>:ecs:<region>:<account>:task-definition/<family>:*`. */
  readonly taskDefinitionArnPattern: pulumi.Input<string>;
  /** The roles the new revision names: the task execution role and the task role. */
  readonly executionRoleArn: pulumi.Input<string>;
  readonly taskRoleArn: pulumi.Input<string>;
  /** The image repository: the stage adds the deployed tag to the image it deploys. */
  readonly repositoryArn: pulumi.Input<string>;
}

/**
 * The deploy project, per docs/decisions/deployments.md. Service Authorization Reference (ECS):
 * ecs:DescribeTaskDefinition defines no resource type, so it is granted on "*";
 * ecs:RegisterTaskDefinition does support the task-definition resource type and is scoped to this
 * family; ecs:TagResource (tags carried over from the family) only as part of that registration
 * (ECS docs, "Grant permission to tag resources on creation": condition ecs:CreateAction).
 * Marking the image deployed (the repository's lifecycle keeps deployed images) is the ECR user
 * guide's retag without Docker ("Retagging an image"): ecr:BatchGetImage reads the manifest and
 * ecr:PutImage adds the tag; ecr:DescribeImages reads push times first, so an image the lifecycle
 * would expire while it runs is refused. All on this stack's repository only.
 */
export function deployProjectStatements(
  scope: PipelineScope,
  target: DeployTarget,
): PolicyStatement[] {
  return [
    writeOwnLogStreams(scope, "deploy"),
    ...readArtifacts(scope),
    {
      sid: "ReadTaskDefinitions",
      effect: "Allow",
      actions: ["ecs:DescribeTaskDefinition"],
      resources: ["*"],
    },
    {
      sid: "RegisterOwnFamily",
      effect: "Allow",
      actions: ["ecs:RegisterTaskDefinition"],
      resources: [target.taskDefinitionArnPattern],
    },
    {
      sid: "TagOwnFamilyOnRegister",
      effect: "Allow",
      actions: ["ecs:TagResource"],
      resources: [target.taskDefinitionArnPattern],
      conditions: [
        { test: "StringEquals", variable: "ecs:CreateAction", values: ["RegisterTaskDefinition"] },
      ],
    },
    {
      sid: "MarkImageDeployed",
      effect: "Allow",
      actions: ["ecr:BatchGetImage", "ecr:DescribeImages", "ecr:PutImage"],
      resources: [target.repositoryArn],
    },
    {
      sid: "UpdateOwnService",
      effect: "Allow",
      actions: ["ecs:DescribeServices", "ecs:UpdateService"],
      resources: [target.serviceArn],
    },
    {
      // IAM docs ("Granting a user permissions to pass a role to an AWS service"): PassRole on the
      // exact roles, only to ECS tasks.
      sid: "PassTaskRoles",
      effect: "Allow",
      actions: ["iam:PassRole"],
      resources: [target.executionRoleArn, target.taskRoleArn],
      conditions: [
        {
          test: "StringEquals",
          variable: "iam:PassedToService",
          values: ["ecs-tasks.amazonaws.com"],
        },
      ],
    },
  ];
}

/** Where the pipeline takes its source from, for the pipeline role. */
export type SourcePermission =
  | { readonly kind: "codecommit"; readonly repositoryArn: pulumi.Input<string> }
  | {
      readonly kind: "connection";
      readonly connectionArn: pulumi.Input<string>;
      readonly action: string;
    };

/**
 * The CodePipeline service role. CodePipeline docs ("Manage the CodePipeline service role"):
 * the artifact store needs s3:GetObject, GetObjectVersion, PutObject on the objects and
 * GetBucketVersioning/GetBucketLocation on the bucket; a CodeCommit source action needs
 * codecommit:GetBranch, GetCommit, GetRepository, UploadArchive, GetUploadArchiveStatus,
 * CancelUploadArchive; a CodeStarSourceConnection action needs UseConnection on the connection;
 * a CodeBuild action needs codebuild:StartBuild and BatchGetBuilds. Each is scoped to this
 * pipeline's resources.
 */
export function pipelineRoleStatements(
  scope: PipelineScope,
  source: SourcePermission,
  projectArns: pulumi.Input<string>[],
): PolicyStatement[] {
  const sourceStatement: PolicyStatement =
    source.kind === "codecommit"
      ? {
          sid: "ReadSourceRepository",
          effect: "Allow",
          actions: [
            "codecommit:CancelUploadArchive",
            "codecommit:GetBranch",
            "codecommit:GetCommit",
            "codecommit:GetRepository",
            "codecommit:GetUploadArchiveStatus",
            "codecommit:UploadArchive",
          ],
          resources: [source.repositoryArn],
        }
      : {
          sid: "UseSourceConnection",
          effect: "Allow",
          actions: [source.action],
          resources: [source.connectionArn],
        };
  return [
    {
      sid: "ArtifactObjects",
      effect: "Allow",
      actions: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
      resources: [pulumi.interpolate`${scope.bucketArn}/*`],
    },
    {
      sid: "ArtifactBucket",
      effect: "Allow",
      actions: ["s3:GetBucketLocation", "s3:GetBucketVersioning"],
      resources: [scope.bucketArn],
    },
    sourceStatement,
    {
      sid: "RunOwnBuilds",
      effect: "Allow",
      actions: ["codebuild:BatchGetBuilds", "codebuild:StartBuild"],
      resources: projectArns,
    },
  ];
}
