// The container runtime: the image-upload service on ECS Fargate in the compute subnets (no
// internet route), behind a public ALB, with WAF in prod. The task role is the Storage layer's
// API role; the execution role may only pull this environment's image and write its log group.
// The task's parts are planned as data (./task.ts); the constructor calls one builder per part.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { builder, Builder, invalidArguments } from "../context";
import { ecsTasksTrustPolicy, policyDocument } from "../iam";
import { cloudWatchLogsGrant, componentKey, EncryptionKey } from "../kms-key";
import type { RuntimeSettings } from "../runtime.keys";
import { ALB_MIN_SUBNETS } from "../load-balancer";
import { WebFirewall } from "../waf";
import {
  BUILT_IN_ENVIRONMENT,
  containerDefinitions,
  executionRoleStatements,
  imageLifecyclePolicy,
  invalidEnvironmentNames,
  RuntimeSecret,
  secretStatements,
} from "./task";
import { buildCluster } from "./cluster";
import { buildNetworkPath, buildService } from "./service";

export * from "./task";
export { containerInsightsLogGroupName } from "./cluster";

/** Interface endpoints Fargate tasks of this layer need (ECS docs, "Amazon ECR interface VPC
 * endpoints" and "Fargate task networking"): ECR API and registry, CloudWatch Logs; image layers
 * come from S3 through the gateway endpoint. */
export const RUNTIME_INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "logs"] as const;

/**
 * The interface endpoints the layer needs with these `secrets`: ECS fetches them from Secrets
 * Manager before the task starts, and from subnets without an internet route only through a
 * `secretsmanager` interface endpoint (AWS Knowledge Center, https://repost.aws/knowledge-center/
 * ecs-fargate-docker-timeout-error: Secrets Manager endpoints are "required if you're referencing
 * ... Secrets Manager secrets ... in your task definitions"); without it the task never starts
 * ("ResourceInitializationError: unable to pull secrets or registry auth").
 */
export function runtimeInterfaceEndpoints(secrets: readonly RuntimeSecret[] = []): string[] {
  return [...RUNTIME_INTERFACE_ENDPOINTS, ...(secrets.length > 0 ? ["secretsmanager"] : [])];
}

/**
 * The service's sizing, port, image, load balancer audience and WAF are the runtime section's
 * settings (components/runtime.keys.ts: one declaration per key with its description and range).
 */
export interface RuntimeArgs extends RuntimeSettings {
  readonly vpcId: pulumi.Input<string>;
  readonly publicSubnetIds: pulumi.Input<string>[];
  /**
   * The VPC's internet gateway (the Network's `internetAccess`): the public load balancer waits
   * for it. Defaults to none (a VPC whose gateway already exists).
   */
  readonly internetAccess?: readonly pulumi.Resource[];
  readonly computeSubnetIds: pulumi.Input<string>[];
  /** Security group of the interface endpoints (tasks reach it on 443). */
  readonly endpointSecurityGroupId: pulumi.Input<string>;
  /** Prefix list of the S3 gateway endpoint (tasks reach S3 on 443). */
  readonly s3PrefixListId: pulumi.Input<string>;
  readonly region: string;
  /** The Storage layer's API role: the task role. */
  readonly taskRoleArn: pulumi.Input<string>;
  /**
   * The task role's policies (its own and those other layers attach, such as the database's
   * `rds-db:connect`): the task definition, and so the service and its tasks, wait for them.
   * Defaults to none.
   */
  readonly taskRolePolicies?: readonly pulumi.Resource[];
  /**
   * Rules other layers add to the tasks' security group (the database's port, `allowFrom`), made
   * once the group exists and before the service: its first tasks connect at start-up. Called with
   * the group's id; returns the rules. Defaults to none.
   */
  readonly taskSecurityGroupRules?: (
    taskSecurityGroupId: pulumi.Output<string>,
  ) => readonly pulumi.Resource[];
  /** Upload bucket and the key objects are encrypted with. */
  readonly bucketName: pulumi.Input<string>;
  readonly bucketKeyArn: pulumi.Input<string>;
  readonly logRetentionDays: number;
  /** Extra plain environment variables of the container (never secrets). Defaults to none. */
  readonly extraEnvironment?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Values ECS injects from Secrets Manager at task start (ECS `secrets`, JSON key `<arn>:<key>::`),
   * so no secret sits in the task definition. The execution role may read exactly these secrets.
   * Defaults to none.
   */
  readonly secrets?: readonly RuntimeSecret[];
  /**
   * The interface endpoints of the VPC (the Network's `interfaceEndpoints`): with `secrets` they
   * must include "secretsmanager" (`runtimeInterfaceEndpoints`). Defaults to none.
   */
  readonly interfaceEndpoints?: readonly string[];
  /** Customer-managed key of `secrets`: the execution role may decrypt with it only through Secrets Manager, only for those secrets. */
  readonly secretsKeyArn?: pulumi.Input<string>;
  /** Deletion protection and retained logs/keys/images (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

/** Validates what the type system cannot; throws one error listing every problem. */
function validateArgs(name: string, args: RuntimeArgs): void {
  const problems: string[] = [];
  if (args.publicSubnetIds.length < ALB_MIN_SUBNETS) {
    problems.push(
      `publicSubnetIds: ${args.publicSubnetIds.length} subnet(s); the public load balancer needs subnets in at least ${ALB_MIN_SUBNETS} availability zones`,
    );
  }
  const secrets = args.secrets ?? [];
  if (secrets.length > 0 && args.secretsKeyArn === undefined) {
    problems.push("secrets: need secretsKeyArn (the key they are encrypted with)");
  }
  const missing = runtimeInterfaceEndpoints(secrets).filter(
    (e) => !(args.interfaceEndpoints ?? []).includes(e),
  );
  if (secrets.length > 0 && missing.includes("secretsmanager")) {
    problems.push(
      "secrets: the tasks have no internet route, so ECS fetches secrets through a secretsmanager interface endpoint; " +
        "add it to the Network's interfaceEndpoints (runtimeInterfaceEndpoints(secrets)) and pass that list as interfaceEndpoints",
    );
  }
  const names = [...Object.keys(args.extraEnvironment ?? {}), ...secrets.map((x) => x.name)];
  for (const n of invalidEnvironmentNames(names)) {
    problems.push(`environment variable "${n}" is invalid or set twice`);
  }
  invalidArguments("Runtime", name, problems);
}

/** What the Runtime's builders share. */
export type Build = Builder<
  RuntimeArgs,
  { readonly accountId: pulumi.Output<string>; readonly partition: pulumi.Output<string> }
>;

export class Runtime extends pulumi.ComponentResource {
  /** The image repository (`<project>-<stack>-app`): the pipeline pushes here. */
  public readonly repositoryUrl: pulumi.Output<string>;
  /** ARN of the image repository (the pipeline's image stage may push only to it). */
  public readonly repositoryArn: pulumi.Output<string>;
  /** The ECS cluster. */
  public readonly clusterName: pulumi.Output<string>;
  /** The ECS service (the pipeline's deploy stage updates it). */
  public readonly serviceName: pulumi.Output<string>;
  /** ARN of the ECS service. */
  public readonly serviceArn: pulumi.Output<string>;
  /** The task definition family (`<project>-<stack>-app`): the pipeline registers new revisions. */
  public readonly taskDefinitionFamily: pulumi.Output<string>;
  /** The execution role (pull the image, write the logs): the pipeline passes it to new revisions. */
  public readonly executionRoleArn: pulumi.Output<string>;
  /** The tasks' security group: the database and the AI environment admit it. */
  public readonly taskSecurityGroupId: pulumi.Output<string>;
  /** The service's address (`http://` or, with a certificate, `https://` and the ALB's DNS name). */
  public readonly url: pulumi.Output<string>;
  /** Key of the layer's log groups and image repository. */
  public readonly keyArn: pulumi.Output<string>;
  /** The app's log group. */
  public readonly logGroupName: pulumi.Output<string>;
  /** The load balancer's ARN suffix: the `LoadBalancer` dimension of its CloudWatch metrics. */
  public readonly loadBalancerArnSuffix: pulumi.Output<string>;
  /** The target group's ARN suffix: the `TargetGroup` dimension of its CloudWatch metrics. */
  public readonly targetGroupArnSuffix: pulumi.Output<string>;

  constructor(name: string, args: RuntimeArgs, opts?: pulumi.ComponentResourceOptions) {
    validateArgs(name, args);
    super("platform:runtime:Runtime", name, {}, opts);
    const b: Build = builder(this, name, args, (scope) => ({
      accountId: scope.account.accountId,
      partition: scope.account.partition,
    }));
    const { parent, protect, tags } = b;
    const logGroupPrefix = `/${pulumi.getProject()}/${pulumi.getStack()}/${name}`;

    const key = buildKey(b);
    const repo = buildRepository(b, key);
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: `${logGroupPrefix}/app`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: key.keyArn,
        tags: tags("logs"),
      },
      { parent: this, retainOnDelete: protect },
    );
    const { cluster } = buildCluster(b, key);
    const { taskDefinition, executionRole } = buildTask(b, repo, logGroup);
    const { lb, taskSg } = buildNetworkPath(b);
    const clientRules = args.taskSecurityGroupRules?.(taskSg.id) ?? [];
    const service = buildService(b, { cluster, taskDefinition, lb, taskSg, clientRules });
    if (args.wafEnabled) {
      new WebFirewall(
        `${name}-waf`,
        {
          resourceArn: lb.arn,
          rateLimit: args.wafRateLimit,
          logKeyArn: key.keyArn,
          logRetentionDays: args.logRetentionDays,
          retainLogs: protect,
          tags: args.tags,
        },
        parent,
      );
    }

    this.repositoryUrl = repo.repositoryUrl;
    this.repositoryArn = repo.arn;
    this.clusterName = cluster.name;
    this.serviceName = service.name;
    this.serviceArn = service.id;
    this.taskDefinitionFamily = taskDefinition.family;
    this.executionRoleArn = executionRole.arn;
    this.taskSecurityGroupId = taskSg.id;
    this.keyArn = key.keyArn;
    this.logGroupName = logGroup.name;
    this.loadBalancerArnSuffix = lb.arnSuffix;
    this.targetGroupArnSuffix = lb.targetGroupArnSuffix;
    this.url = pulumi.interpolate`${lb.scheme}://${lb.dnsName}`;
    this.registerOutputs({
      repositoryUrl: this.repositoryUrl,
      clusterName: this.clusterName,
      serviceName: this.serviceName,
      url: this.url,
    });
  }
}

/**
 * One key for this layer's logs and images. ECR docs ("Encryption at rest"): on repository
 * creation ECR calls CreateGrant on the key as the caller, so the account may create grants, but
 * only through ECR and only for AWS resources; pulls and pushes then use ECR's grant.
 */
function buildKey(b: Build): EncryptionKey {
  const { name, args, partition, accountId } = b;
  const region = args.region;
  return componentKey(b, name, `Encrypts the ${name} log groups and image repository`, [
    cloudWatchLogsGrant(
      pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:*`,
      { parent: b.self },
    ),
    {
      sid: "EcrGrantsThroughEcr",
      principals: {
        type: "AWS",
        identifiers: [pulumi.interpolate`arn:${partition}:iam::${accountId}:root`],
      },
      actions: ["kms:CreateGrant"],
      conditions: [
        {
          test: "StringEquals",
          variable: "kms:ViaService",
          values: [`ecr.${region}.amazonaws.com`],
        },
        { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] },
      ],
    },
  ]);
}

/**
 * The image repository with its lifecycle, and the registry's scanning. ECR docs ("Scan images for
 * software vulnerabilities in Amazon ECR"): scanning is configured per registry (account and
 * region); the repository-level scanOnPush is deprecated and ignored once a registry
 * configuration has rules. BASIC (free; OS packages of the image, found by the AWS-native
 * scanner; the scan gate in buildspec/image.yml waits until its status is COMPLETE) rather than
 * ENHANCED (Amazon Inspector: OS and programming-language
 * packages such as npm, continuous rescans, per-image charges; its scan status stays ACTIVE
 * instead of COMPLETE, so the gate would need reworking): see docs/decisions/pipeline.md, "Image
 * scanning". The setting is one per account and region: every stack writes the same rule (the
 * project's repositories), and a stack that goes leaves it in place (retainOnDelete): deleting it
 * would turn scanning off for the other stacks, whose scan gate would then fail closed.
 */
function buildRepository(b: Build, key: EncryptionKey): aws.ecr.Repository {
  const { name } = b;
  new aws.ecr.RegistryScanningConfiguration(
    `${name}-registry-scanning`,
    {
      scanType: "BASIC",
      rules: [
        {
          scanFrequency: "SCAN_ON_PUSH",
          repositoryFilters: [{ filter: `${pulumi.getProject()}-*`, filterType: "WILDCARD" }],
        },
      ],
    },
    { parent: b.self, retainOnDelete: true },
  );
  const repo = new aws.ecr.Repository(
    `${name}-repo`,
    {
      name: `${pulumi.getProject()}-${pulumi.getStack()}-app`,
      imageTagMutability: "IMMUTABLE",
      encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.keyArn }],
      // Unprotected (disposable) stacks delete their images with the repository; prod never.
      forceDelete: !b.protect,
      tags: b.tags("repo"),
    },
    { parent: b.self, retainOnDelete: b.protect },
  );
  new aws.ecr.LifecyclePolicy(
    `${name}-repo-lifecycle`,
    { repository: repo.name, policy: imageLifecyclePolicy(b.args.ecrKeepImages) },
    b.parent,
  );
  return repo;
}

/**
 * The task definition and its execution role, used by the ECS agent to pull the image and ship
 * logs (and read the app's secrets), never by the app.
 */
function buildTask(b: Build, repo: aws.ecr.Repository, logGroup: aws.cloudwatch.LogGroup) {
  const { name, args, parent, partition, accountId } = b;
  const region = args.region;
  const secrets = args.secrets ?? [];
  const extraEnv = Object.entries(args.extraEnvironment ?? {});
  const executionRole = new aws.iam.Role(
    `${name}-execution-role`,
    {
      description: `ECS task execution role of ${name}: pull its image, write its log group`,
      assumeRolePolicy: ecsTasksTrustPolicy({ accountId, partition, region }, parent),
      tags: b.tags("execution-role"),
    },
    parent,
  );
  const executionPolicy = new aws.iam.RolePolicy(
    `${name}-execution-policy`,
    {
      role: executionRole.id,
      policy: policyDocument(
        executionRoleStatements(
          repo.arn,
          logGroup.arn,
          secretStatements(secrets, args.secretsKeyArn, region),
        ),
        parent,
      ),
    },
    parent,
  );
  const builtIn = (
    bucket: string,
    keyArn: string,
  ): Record<(typeof BUILT_IN_ENVIRONMENT)[number], string> => ({
    BUCKET_NAME: bucket,
    KMS_KEY_ID: keyArn,
    AWS_REGION: region,
    PORT: String(args.containerPort),
    MAX_UPLOAD_BYTES: String(args.maxUploadMiB * 1024 * 1024),
  });
  const taskDefinition = new aws.ecs.TaskDefinition(
    `${name}-task`,
    {
      family: `${pulumi.getProject()}-${pulumi.getStack()}-app`,
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: String(args.cpu),
      memory: String(args.memory),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      executionRoleArn: executionRole.arn,
      taskRoleArn: args.taskRoleArn,
      containerDefinitions: pulumi
        .all([
          repo.repositoryUrl,
          logGroup.name,
          args.bucketName,
          args.bucketKeyArn,
          pulumi.all(extraEnv.map(([, v]) => v)),
          pulumi.all(secrets.map((x) => x.secretArn)),
        ])
        .apply(([url, group, bucket, keyArn, extraValues, secretValues]) =>
          containerDefinitions({
            image: `${url}:${args.imageTag}`,
            logGroup: group,
            region,
            containerPort: args.containerPort,
            environment: [
              ...Object.entries(builtIn(bucket, keyArn)).map(([n, value]) => ({ name: n, value })),
              ...extraEnv.map(([n], i) => ({ name: n, value: extraValues[i] })),
            ],
            secrets: secrets.map((x, i) => ({
              name: x.name,
              valueFrom: x.jsonKey ? `${secretValues[i]}:${x.jsonKey}::` : secretValues[i],
            })),
          }),
        ),
      tags: b.tags("task"),
    },
    // The task definition names the role, not its policy, so nothing else orders them: without
    // this the service can start tasks before the role may pull the image or write the log group
    // (a known race: terraform-aws-modules/terraform-aws-ecs#200, aws/aws-cdk#18675,
    // telia-oss/terraform-aws-ecs-fargate#58). The task role's policies likewise: the app calls S3,
    // KMS and the database as soon as it starts. The service waits for the task definition.
    { parent: b.self, dependsOn: [executionPolicy, ...(args.taskRolePolicies ?? [])] },
  );
  return { taskDefinition, executionRole };
}
