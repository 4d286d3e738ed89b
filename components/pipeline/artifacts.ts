// The pipeline's roles (trust first; permissions once the resources exist) and its artifact
// store: the key, the build log group, the artifact bucket.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "../bucket";
import { ANYONE, PolicyStatement, serviceTrustPolicy } from "../iam";
import { cloudWatchLogsGrant, EncryptionKey } from "../kms-key";
import { BUILD_STAGES, BuildStage } from "./buildspec";
import { PipelineBuild, projectNames as plannedProjectNames } from "./plan";
import { PipelineScope } from "./policies";

/**
 * The CodePipeline service role `${name}-pipeline-role` and one CodeBuild role per stage
 * `${name}-<stage>-role`, each trusted as narrowly as its service documents.
 */
export function pipelineRoles(b: PipelineBuild) {
  const { name, parent, tags, prefix, accountId, arn } = b;
  const projectNames = plannedProjectNames(prefix);
  const projectArns = BUILD_STAGES.map((s) => arn("codebuild", `project/${projectNames[s]}`));
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
  return { pipelineRole, buildRoles };
}

/**
 * The key (build logs through CloudWatch Logs, artifacts through S3, for the pipeline's roles
 * only), the build log group `${name}-logs` and the artifact bucket `${name}-artifacts`.
 */
export function artifactStore(
  b: PipelineBuild,
  roles: { pipelineRole: aws.iam.Role; buildRoles: Record<BuildStage, aws.iam.Role> },
) {
  const { name, args, parent, tags, protect, prefix, region, accountId, partition, arn } = b;
  const { pipelineRole, buildRoles } = roles;
  const project = pulumi.getProject();
  const stack = pulumi.getStack();
  const logGroupName = `/${project}/${stack}/${name}/builds`;
  const bucketArnPattern = pulumi.interpolate`arn:${partition}:s3:::${name}-artifacts-*`;
  const s3ViaService = `s3.${region}.amazonaws.com`;
  const key = new EncryptionKey(
    `${name}-key`,
    {
      description: `Encrypts the ${prefix} pipeline artifacts and build logs`,
      grants: [
        cloudWatchLogsGrant(arn("logs", `log-group:${logGroupName}`), { region, parent: b.self }),
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
          // (docs/first-deploy-watch.md, "CodeBuild's use of the artifact key").
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
    { parent: b.self, retainOnDelete: protect },
  );

  // The bucket's physical name starts with `${name}-artifacts-` (auto-naming), which the key
  // grant's encryption-context condition relies on.
  const artifacts = new SecureBucket(
    `${name}-artifacts`,
    {
      encryption: { kind: "kms", keyArn: key.keyArn },
      expirationDays: args.artifactExpirationDays ?? 30,
      noncurrentVersionExpirationDays: 1,
      disposableBecause:
        "Build artifacts: rebuilt from the repository by the pipeline and expired after a few weeks",
      accessLogs: args.accessLogs,
      protect,
      // S3 docs ("Specifying server-side encryption with AWS KMS"): deny uploads that ask for
      // another encryption or another key; uploads without the header get the default (our key).
      policyStatements: (bucketArn) => [
        denyPutUnless(
          bucketArn,
          "DenyOtherEncryption",
          "s3:x-amz-server-side-encryption",
          "aws:kms",
        ),
        denyPutUnless(
          bucketArn,
          "DenyOtherKeys",
          "s3:x-amz-server-side-encryption-aws-kms-key-id",
          key.keyArn,
        ),
      ],
      tags: args.tags,
    },
    parent,
  );
  const scope: PipelineScope = { bucketArn: artifacts.arn, logGroupArn: logGroup.arn };
  return { key, logGroup, artifacts, scope };
}

/** Denies uploads to the bucket that ask for another value of the encryption header `header`. */
function denyPutUnless(
  bucketArn: pulumi.Input<string>,
  sid: string,
  header: string,
  value: pulumi.Input<string>,
): PolicyStatement {
  return {
    sid,
    effect: "Deny",
    principals: [ANYONE],
    actions: ["s3:PutObject"],
    resources: [pulumi.interpolate`${bucketArn}/*`],
    conditions: [{ test: "StringNotEqualsIfExists", variable: header, values: [value] }],
  };
}
