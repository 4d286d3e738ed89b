// The delivery pipeline of one stack: source (CodeCommit, or GitHub through CodeConnections) →
// tests → image build, push and scan gate → (prod: manual approval) → deploy to this stack's ECS
// service. CodePipeline V2 with a KMS-encrypted artifact bucket; one CodeBuild project and one
// least-privilege role per stage; build logs in a KMS-encrypted log group with retention.
// Decisions and the facts behind them: docs/decisions/pipeline.md; the flow: docs/delivery.md.
// The constructor calls one builder per part: roles and artifact store (./artifacts.ts), source
// (./source.ts), build projects and pipelines (./projects.ts), CodeCommit triggers (./triggers.ts).
import * as pulumi from "@pulumi/pulumi";
import { SecureBucketArgs } from "../bucket";
import { builder, invalidArguments } from "../context";
import { tagValueProblem } from "../naming";
import type { DeliverySettings } from "../pipeline.keys";
import { artifactStore, pipelineRoles } from "./artifacts";
import { PipelineBuild, plannedPipelines } from "./plan";
import { buildPipelines, buildProjects, PRIVILEGED_REASON } from "./projects";
import { pipelineSource } from "./source";
import { codecommitTriggers } from "./triggers";

export {
  BUILD_IMAGE,
  BUILD_IMAGE_RUNTIMES,
  BUILDSPEC_DIR,
  BUILD_STAGES,
  readBuildspec,
} from "./buildspec";
export * from "./policies";
export { PRIVILEGED_MODE_POLICY } from "./projects";
export type { PipelineSource } from "../pipeline.keys";

/**
 * The source and the delivered branches are the delivery section's settings
 * (components/pipeline.keys.ts).
 */
export interface PipelineArgs extends DeliverySettings {
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

/** Validates what the type system cannot; throws one error listing every problem. */
function validateArgs(name: string, args: PipelineArgs): void {
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
  const reasonProblem = tagValueProblem(PRIVILEGED_REASON);
  if (reasonProblem) problems.push(`the privileged-mode waiver reason ${reasonProblem}`);
  invalidArguments("Pipeline", name, problems);
}

export class Pipeline extends pulumi.ComponentResource {
  /** One pipeline per CodeCommit branch; one pipeline for a GitHub source. */
  public readonly pipelineNames: pulumi.Output<string>[];
  /** The KMS-encrypted bucket of the pipeline's artifacts. */
  public readonly artifactBucketName: pulumi.Output<string>;
  /** Key of the artifacts and the build logs. */
  public readonly keyArn: pulumi.Output<string>;
  /** The build projects' log group. */
  public readonly logGroupName: pulumi.Output<string>;
  /** CodeCommit: the repository's HTTPS clone URL. */
  public readonly cloneUrlHttp?: pulumi.Output<string>;
  /** GitHub: the connection (a created one stays PENDING until authorized in the console). */
  public readonly connectionArn?: pulumi.Output<string>;

  constructor(name: string, args: PipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    // Invalid arguments register nothing.
    validateArgs(name, args);
    super("platform:delivery:Pipeline", name, {}, opts);
    const prefix = `${pulumi.getProject()}-${pulumi.getStack()}`;
    const b: PipelineBuild = builder(this, name, args, (scope) => {
      const { accountId, partition } = scope.account;
      return {
        prefix,
        region: args.region,
        accountId,
        partition,
        arn: (service: string, resource: pulumi.Input<string>) =>
          pulumi.interpolate`arn:${partition}:${service}:${args.region}:${accountId}:${resource}`,
      };
    });

    const pipelines = plannedPipelines(prefix, args.source.kind, args.branches);
    const roles = pipelineRoles(b);
    const { key, logGroup, artifacts, scope } = artifactStore(b, roles);
    const source = pipelineSource(b);
    const projects = buildProjects(b, { buildRoles: roles.buildRoles, key, logGroup, scope });
    const pipelineResources = buildPipelines(b, {
      pipelines,
      pipelineRole: roles.pipelineRole,
      projects,
      source,
      key,
      artifactBucketName: artifacts.bucketName,
      scope,
    });
    if (source.sourcePermission.kind === "codecommit") {
      codecommitTriggers(b, {
        repositoryArn: source.sourcePermission.repositoryArn,
        pipelines,
        pipelineResources,
      });
    }

    this.pipelineNames = pipelineResources.map((p) => p.name);
    this.cloneUrlHttp = source.cloneUrlHttp;
    this.connectionArn = source.connectionArn;
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
