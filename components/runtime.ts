// The container runtime: the image-upload service on ECS Fargate in the compute subnets (no
// internet route), behind a public ALB, with WAF in prod. The task role is the Storage layer's
// API role; the execution role may only pull this environment's image and write its log group.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, PolicyStatement, serviceTrustPolicy } from "./iam";
import { cloudWatchLogsGrant, EncryptionKey } from "./kms-key";
import { PublicLoadBalancer } from "./load-balancer";
import { WebFirewall } from "./waf";

/** Interface endpoints Fargate tasks of this layer need (ECS docs, "Amazon ECR interface VPC
 * endpoints" and "Fargate task networking"): ECR API and registry, CloudWatch Logs; image layers
 * come from S3 through the gateway endpoint. */
export const RUNTIME_INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "logs"] as const;

/** One environment variable ECS fills from a Secrets Manager secret. */
export interface RuntimeSecret {
  readonly name: string;
  readonly secretArn: pulumi.Input<string>;
  /** Key inside the secret's JSON value; omit for the whole value. */
  readonly jsonKey?: string;
}

export interface RuntimeArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly publicSubnetIds: pulumi.Input<string>[];
  readonly computeSubnetIds: pulumi.Input<string>[];
  /** Security group of the interface endpoints (tasks reach it on 443). */
  readonly endpointSecurityGroupId: pulumi.Input<string>;
  /** Prefix list of the S3 gateway endpoint (tasks reach S3 on 443). */
  readonly s3PrefixListId: pulumi.Input<string>;
  readonly region: string;
  /** The Storage layer's API role: the task role. */
  readonly taskRoleArn: pulumi.Input<string>;
  /** Upload bucket and the key objects are encrypted with. */
  readonly bucketName: pulumi.Input<string>;
  readonly bucketKeyArn: pulumi.Input<string>;
  /** Fargate sizes. Staging: 2 tasks, 256 CPU, 512 MiB; prod: 4 tasks, 512 CPU, 1024 MiB. */
  readonly desiredCount: number;
  readonly minCount: number;
  readonly maxCount: number;
  readonly cpu: number;
  readonly memory: number;
  readonly containerPort: number;
  readonly certificateArn?: string;
  readonly albAllowedCidrs: readonly string[];
  readonly wafEnabled: boolean;
  readonly wafRateLimit: number;
  readonly ecrKeepImages: number;
  /** Tag of the image in the first task definition; the pipeline deploys later tags. */
  readonly imageTag: string;
  readonly maxUploadBytes: number;
  readonly logRetentionDays: number;
  /** Extra plain environment variables of the container (never secrets). Defaults to none. */
  readonly extraEnvironment?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Values ECS injects from Secrets Manager at task start (ECS `secrets`, JSON key `<arn>:<key>::`),
   * so no secret sits in the task definition. The execution role may read exactly these secrets.
   * Defaults to none.
   */
  readonly secrets?: readonly RuntimeSecret[];
  /** Customer-managed key of `secrets`: the execution role may decrypt with it only through Secrets Manager, only for those secrets. */
  readonly secretsKeyArn?: pulumi.Input<string>;
  /** Deletion protection and retained logs/keys/images (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

export class Runtime extends pulumi.ComponentResource {
  public readonly repositoryUrl: pulumi.Output<string>;
  public readonly repositoryArn: pulumi.Output<string>;
  public readonly clusterName: pulumi.Output<string>;
  public readonly serviceName: pulumi.Output<string>;
  public readonly serviceArn: pulumi.Output<string>;
  public readonly taskDefinitionFamily: pulumi.Output<string>;
  public readonly executionRoleArn: pulumi.Output<string>;
  public readonly taskSecurityGroupId: pulumi.Output<string>;
  public readonly url: pulumi.Output<string>;
  public readonly keyArn: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: RuntimeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:runtime:Runtime", name, {}, opts);
    const parent = { parent: this };
    const protect = args.protect ?? false;
    const tags = (role: string) => ({ ...args.tags, Name: `${name}-${role}` });
    const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
    const partition = aws.getPartitionOutput({}, parent).partition;
    const region = args.region;
    const stackPrefix = `${pulumi.getProject()}/${pulumi.getStack()}`;
    const logGroupPrefix = `/${stackPrefix}/${name}`;

    // One key for this layer's logs and images. ECR docs ("Encryption at rest"): on repository
    // creation ECR calls CreateGrant on the key as the caller, so the account may create grants,
    // but only through ECR and only for AWS resources; pulls and pushes then use ECR's grant.
    const key = new EncryptionKey(
      `${name}-key`,
      {
        description: `Encrypts the ${name} log groups and image repository`,
        grants: [
          cloudWatchLogsGrant(
            pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:*`,
            { parent: this },
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
        ],
        aliasName: `alias/${stackPrefix}/${name}`,
        protect,
        tags: tags("key"),
      },
      parent,
    );

    // ECR docs ("Scan images for software vulnerabilities in Amazon ECR"): scanning is configured
    // per registry (account and region); the repository-level scanOnPush is deprecated and ignored
    // once a registry configuration has rules. BASIC (free; OS packages of the image, found by the
    // AWS-native scanner; the scan gate in buildspec/image.yml waits for it with
    // `aws ecr wait image-scan-complete`) rather than ENHANCED (Amazon Inspector: OS and
    // programming-language packages such as npm, continuous rescans, per-image charges; its scan
    // status stays ACTIVE instead of COMPLETE, so the gate would need reworking): see
    // docs/decisions/pipeline.md, "Image scanning". The setting is one per account and region:
    // every stack writes the same rule (the project's repositories), and a stack that goes leaves
    // it in place (retainOnDelete): deleting it would turn scanning off for the other stacks,
    // whose scan gate would then fail closed.
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
      { parent: this, retainOnDelete: true },
    );
    const repo = new aws.ecr.Repository(
      `${name}-repo`,
      {
        name: `${pulumi.getProject()}-${pulumi.getStack()}-app`,
        imageTagMutability: "IMMUTABLE",
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.keyArn }],
        // Unprotected (disposable) stacks delete their images with the repository; prod never.
        forceDelete: !protect,
        tags: tags("repo"),
      },
      { parent: this, retainOnDelete: protect },
    );
    new aws.ecr.LifecyclePolicy(
      `${name}-repo-lifecycle`,
      {
        repository: repo.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: "Drop untagged images after a day",
              selection: {
                tagStatus: "untagged",
                countType: "sinceImagePushed",
                countUnit: "days",
                countNumber: 1,
              },
              action: { type: "expire" },
            },
            {
              rulePriority: 2,
              description: `Keep the last ${args.ecrKeepImages} images`,
              selection: {
                tagStatus: "any",
                countType: "imageCountMoreThan",
                countNumber: args.ecrKeepImages,
              },
              action: { type: "expire" },
            },
          ],
        }),
      },
      parent,
    );

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

    const cluster = new aws.ecs.Cluster(
      `${name}-cluster`,
      { settings: [{ name: "containerInsights", value: "enabled" }], tags: tags("cluster") },
      parent,
    );

    // ECS docs ("Pass Secrets Manager secrets through Amazon ECS environment variables"): the
    // execution role needs secretsmanager:GetSecretValue on the secret, and kms:Decrypt when the
    // secret uses a customer-managed key; Secrets Manager decrypts with the secret's ARN as
    // encryption context (Secrets Manager docs, "Secret encryption and decryption").
    const secrets = args.secrets ?? [];
    const secretArns = [...new Set(secrets.map((x) => x.secretArn))];
    if (secrets.length > 0 && args.secretsKeyArn === undefined) {
      throw new Error(
        `Runtime ${name}: secrets need secretsKeyArn (the key they are encrypted with)`,
      );
    }
    const secretStatements: PolicyStatement[] =
      secrets.length === 0
        ? []
        : [
            {
              sid: "ReadAppSecrets",
              effect: "Allow",
              actions: ["secretsmanager:GetSecretValue"],
              resources: secretArns,
            },
            {
              sid: "DecryptAppSecretsThroughSecretsManager",
              effect: "Allow",
              actions: ["kms:Decrypt"],
              resources: [args.secretsKeyArn!],
              conditions: [
                {
                  test: "StringEquals",
                  variable: "kms:ViaService",
                  values: [`secretsmanager.${region}.amazonaws.com`],
                },
                {
                  test: "StringEquals",
                  variable: "kms:EncryptionContext:SecretARN",
                  values: secretArns,
                },
              ],
            },
          ];
    const extraEnv = Object.entries(args.extraEnvironment ?? {});
    const envNames = ["BUCKET_NAME", "KMS_KEY_ID", "AWS_REGION", "PORT", "MAX_UPLOAD_BYTES"];
    for (const n of [...extraEnv.map(([k]) => k), ...secrets.map((x) => x.name)]) {
      if (!/^[A-Z][A-Z0-9_]*$/.test(n) || envNames.includes(n)) {
        throw new Error(`Runtime ${name}: environment variable "${n}" is invalid or set twice`);
      }
      envNames.push(n);
    }

    // Execution role: used by the ECS agent to pull the image and ship logs, never by the app.
    const executionRole = new aws.iam.Role(
      `${name}-execution-role`,
      {
        description: `ECS task execution role of ${name}: pull its image, write its log group`,
        assumeRolePolicy: serviceTrustPolicy(
          "ecs-tasks.amazonaws.com",
          {
            sourceAccount: accountId,
            sourceArn: pulumi.interpolate`arn:${partition}:ecs:${region}:${accountId}:*`,
          },
          parent,
        ),
        tags: tags("execution-role"),
      },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-execution-policy`,
      {
        role: executionRole.id,
        policy: policyDocument(
          [
            {
              // ECR docs ("Private registry authentication"): GetAuthorizationToken is account-wide
              // and supports no resource-level permission, so its resource is "*".
              sid: "EcrLogin",
              effect: "Allow",
              actions: ["ecr:GetAuthorizationToken"],
              resources: ["*"],
            },
            {
              sid: "PullOwnImage",
              effect: "Allow",
              actions: [
                "ecr:BatchCheckLayerAvailability",
                "ecr:GetDownloadUrlForLayer",
                "ecr:BatchGetImage",
              ],
              resources: [repo.arn],
            },
            {
              sid: "WriteOwnLogs",
              effect: "Allow",
              actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
              resources: [pulumi.interpolate`${logGroup.arn}:log-stream:*`],
            },
            ...secretStatements,
          ],
          parent,
        ),
      },
      parent,
    );

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
            JSON.stringify([
              {
                name: "app",
                image: `${url}:${args.imageTag}`,
                essential: true,
                // The image's distroless "nonroot" user (app/Dockerfile), enforced here too.
                user: "65532:65532",
                readonlyRootFilesystem: true,
                privileged: false,
                linuxParameters: { initProcessEnabled: true, capabilities: { drop: ["ALL"] } },
                portMappings: [{ containerPort: args.containerPort, protocol: "tcp" }],
                environment: [
                  { name: "BUCKET_NAME", value: bucket },
                  { name: "KMS_KEY_ID", value: keyArn },
                  { name: "AWS_REGION", value: region },
                  { name: "PORT", value: String(args.containerPort) },
                  { name: "MAX_UPLOAD_BYTES", value: String(args.maxUploadBytes) },
                  ...extraEnv.map(([n], i) => ({ name: n, value: extraValues[i] })),
                ],
                ...(secrets.length > 0
                  ? {
                      secrets: secrets.map((x, i) => ({
                        name: x.name,
                        valueFrom: x.jsonKey
                          ? `${secretValues[i]}:${x.jsonKey}::`
                          : secretValues[i],
                      })),
                    }
                  : {}),
                // ECS ignores the image's HEALTHCHECK; the same probe (app/src/healthcheck.ts).
                healthCheck: {
                  command: ["CMD", "/nodejs/bin/node", "/srv/app/dist/healthcheck.js"],
                  interval: 30,
                  timeout: 5,
                  retries: 3,
                  startPeriod: 15,
                },
                // Matches the app's graceful-shutdown window (SIGTERM, then SIGKILL after this).
                stopTimeout: 30,
                logConfiguration: {
                  logDriver: "awslogs",
                  options: {
                    "awslogs-group": group,
                    "awslogs-region": region,
                    "awslogs-stream-prefix": "app",
                  },
                },
              },
            ]),
          ),
        tags: tags("task"),
      },
      parent,
    );

    const lb = new PublicLoadBalancer(
      `${name}-lb`,
      {
        vpcId: args.vpcId,
        publicSubnetIds: args.publicSubnetIds,
        region,
        certificateArn: args.certificateArn,
        allowedCidrs: args.albAllowedCidrs,
        targetPort: args.containerPort,
        protect,
        logRetentionDays: Math.max(args.logRetentionDays, 30),
        tags: args.tags,
      },
      parent,
    );

    // Security groups chained: ALB → tasks on the container port; tasks → endpoints and S3 on 443.
    const taskSg = new aws.ec2.SecurityGroup(
      `${name}-task-sg`,
      {
        vpcId: args.vpcId,
        description: "Fargate tasks: in from the ALB only, out to VPC endpoints and S3 only",
        tags: tags("task-sg"),
      },
      parent,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-alb-to-tasks`,
      {
        securityGroupId: lb.securityGroupId,
        referencedSecurityGroupId: taskSg.id,
        ipProtocol: "tcp",
        fromPort: args.containerPort,
        toPort: args.containerPort,
        description: "ALB to tasks",
      },
      parent,
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-tasks-from-alb`,
      {
        securityGroupId: taskSg.id,
        referencedSecurityGroupId: lb.securityGroupId,
        ipProtocol: "tcp",
        fromPort: args.containerPort,
        toPort: args.containerPort,
        description: "From the ALB only",
      },
      parent,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-tasks-to-endpoints`,
      {
        securityGroupId: taskSg.id,
        referencedSecurityGroupId: args.endpointSecurityGroupId,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "Interface endpoints (ECR, logs)",
      },
      parent,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-tasks-to-s3`,
      {
        securityGroupId: taskSg.id,
        prefixListId: args.s3PrefixListId,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "S3 through the gateway endpoint",
      },
      parent,
    );

    // Deployments: the pipeline owns image roll-outs (docs/decisions/deployments.md), so Pulumi
    // ignores the service's task definition revision and autoscaling owns the desired count.
    const service = new aws.ecs.Service(
      `${name}-service`,
      {
        cluster: cluster.arn,
        launchType: "FARGATE",
        platformVersion: "LATEST",
        taskDefinition: taskDefinition.arn,
        desiredCount: args.desiredCount,
        networkConfiguration: {
          subnets: args.computeSubnetIds,
          securityGroups: [taskSg.id],
          assignPublicIp: false,
        },
        loadBalancers: [
          {
            targetGroupArn: lb.targetGroupArn,
            containerName: "app",
            containerPort: args.containerPort,
          },
        ],
        healthCheckGracePeriodSeconds: 60,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        propagateTags: "SERVICE",
        enableEcsManagedTags: true,
        enableExecuteCommand: false,
        waitForSteadyState: false,
        tags: tags("service"),
      },
      { parent: this, dependsOn: [lb.listener], ignoreChanges: ["taskDefinition", "desiredCount"] },
    );

    const scaling = new aws.appautoscaling.Target(
      `${name}-scaling`,
      {
        serviceNamespace: "ecs",
        scalableDimension: "ecs:service:DesiredCount",
        resourceId: pulumi.interpolate`service/${cluster.name}/${service.name}`,
        minCapacity: args.minCount,
        maxCapacity: args.maxCount,
        tags: tags("scaling"),
      },
      parent,
    );
    new aws.appautoscaling.Policy(
      `${name}-cpu-scaling`,
      {
        policyType: "TargetTrackingScaling",
        serviceNamespace: scaling.serviceNamespace,
        scalableDimension: scaling.scalableDimension,
        resourceId: scaling.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: 60,
          predefinedMetricSpecification: {
            predefinedMetricType: "ECSServiceAverageCPUUtilization",
          },
          scaleInCooldown: 120,
          scaleOutCooldown: 60,
        },
      },
      parent,
    );

    if (args.wafEnabled) {
      new WebFirewall(
        `${name}-waf`,
        {
          resourceArn: lb.arn,
          rateLimit: args.wafRateLimit,
          logKeyArn: key.keyArn,
          logRetentionDays: args.logRetentionDays,
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
    this.url = pulumi.interpolate`${lb.scheme}://${lb.dnsName}`;
    this.registerOutputs({
      repositoryUrl: this.repositoryUrl,
      clusterName: this.clusterName,
      serviceName: this.serviceName,
      url: this.url,
    });
  }
}
