// What the runtime's task is made of, as plain data: the container definition, the app's
// environment, the execution role's statements, the image lifecycle. Pure, so the Runtime only
// turns them into resources (and tests read them directly).
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement } from "../iam";
import { APP_CONTAINER_NAME, DEPLOYED_IMAGES_KEPT, DEPLOYED_TAG_PREFIX } from "../runtime.keys";

export { APP_CONTAINER_NAME, DEPLOYED_IMAGES_KEPT, DEPLOYED_TAG_PREFIX } from "../runtime.keys";

/** One environment variable ECS fills from a Secrets Manager secret. */
export interface RuntimeSecret {
  readonly name: string;
  readonly secretArn: pulumi.Input<string>;
  /** Key inside the secret's JSON value; omit for the whole value. */
  readonly jsonKey?: string;
}

/** Environment variables the Runtime sets itself; extra variables and secrets may not reuse them. */
export const BUILT_IN_ENVIRONMENT = [
  "BUCKET_NAME",
  "KMS_KEY_ID",
  "AWS_REGION",
  "PORT",
  "MAX_UPLOAD_BYTES",
] as const;

/** The names of extra variables and secrets that are invalid or set twice. */
export function invalidEnvironmentNames(names: readonly string[]): string[] {
  const seen: string[] = [...BUILT_IN_ENVIRONMENT];
  const bad: string[] = [];
  for (const n of names) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(n) || seen.includes(n)) bad.push(n);
    seen.push(n);
  }
  return bad;
}

/**
 * The lifecycle of the image repository: untagged images go after a day, the last
 * DEPLOYED_IMAGES_KEPT deployed images stay, and of the others the last `keep` stay.
 *
 * ECR does not know which images ECS runs (aws/containers-roadmap#1036, #1078): a count rule alone
 * expires the running image once `keep` newer images are pushed (commits built but not yet
 * approved for prod, for instance), and the next task ECS starts, to scale out or to replace one,
 * fails with CannotPullContainerError. ECR user guide ("Lifecycle policy evaluation rules"): "An
 * image that matches the tagging requirements of a rule cannot be expired by a rule with a lower
 * priority", and a rule with tagStatus "any" must come last; so the deployed images' rule, before
 * the count rule, shields them from it.
 */
export function imageLifecyclePolicy(keep: number): string {
  return JSON.stringify({
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
        description: `Keep the last ${DEPLOYED_IMAGES_KEPT} deployed images`,
        selection: {
          tagStatus: "tagged",
          tagPrefixList: [DEPLOYED_TAG_PREFIX],
          countType: "imageCountMoreThan",
          countNumber: DEPLOYED_IMAGES_KEPT,
        },
        action: { type: "expire" },
      },
      {
        rulePriority: 3,
        description: `Keep the last ${keep} images`,
        selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keep },
        action: { type: "expire" },
      },
    ],
  });
}

/**
 * ECS docs ("Pass Secrets Manager secrets through Amazon ECS environment variables"): the
 * execution role needs secretsmanager:GetSecretValue on the secret, and kms:Decrypt when the
 * secret uses a customer-managed key; Secrets Manager decrypts with the secret's ARN as
 * encryption context (Secrets Manager docs, "Secret encryption and decryption").
 */
export function secretStatements(
  secrets: readonly RuntimeSecret[],
  secretsKeyArn: pulumi.Input<string> | undefined,
  region: string,
): PolicyStatement[] {
  if (secrets.length === 0) return [];
  const secretArns = [...new Set(secrets.map((x) => x.secretArn))];
  return [
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
      resources: [secretsKeyArn!],
      conditions: [
        {
          test: "StringEquals",
          variable: "kms:ViaService",
          values: [`secretsmanager.${region}.amazonaws.com`],
        },
        { test: "StringEquals", variable: "kms:EncryptionContext:SecretARN", values: secretArns },
      ],
    },
  ];
}

/** The execution role's statements: pull its own image, write its own log group, read its secrets. */
export function executionRoleStatements(
  repositoryArn: pulumi.Input<string>,
  logGroupArn: pulumi.Input<string>,
  secrets: PolicyStatement[],
): PolicyStatement[] {
  return [
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
      resources: [repositoryArn],
    },
    {
      sid: "WriteOwnLogs",
      effect: "Allow",
      actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
      resources: [pulumi.interpolate`${logGroupArn}:log-stream:*`],
    },
    ...secrets,
  ];
}

/**
 * How the awslogs driver delivers the app's output, said here rather than left to the account.
 * Blocking mode stalls every write to stdout while CloudWatch Logs cannot take the logs ("calls
 * from container code to write to stdout or stderr will block", AWS Containers blog, "Preventing
 * log loss with non-blocking mode in the AWSLogs container log driver"): the app logs each
 * request synchronously, so a slow or unreachable logs endpoint (the tasks reach it only through
 * the `logs` interface endpoint, in one AZ in staging) would stop it answering, fail its health
 * checks and have ECS replace every task. Non-blocking keeps serving and drops logs only once the
 * buffer is full. Without `mode` ECS takes the account's `defaultLogDriverMode` setting (ECS
 * developer guide, "Amazon ECS account settings"; non-blocking by default since June 2025, but
 * any administrator may set it to blocking), so the task definition names it. The buffer is
 * named too: Docker's own default is 1 MB ("Configure logging drivers", `max-buffer-size`), and
 * since aws/amazon-ecs-agent#4524 (2025) the ECS agent sets 10m for a non-blocking container
 * that names none, "closer to our recommended value of 25m" (that PR; AWS Containers blog above
 * and ECS developer guide, FireLens task definition example). 25m holds a minute or more of the
 * app's output at its busiest (a line of about 300 bytes per request).
 */
export const AWSLOGS_DELIVERY = { mode: "non-blocking", "max-buffer-size": "25m" } as const;

/** The resolved values the container definition names. */
export interface ContainerValues {
  readonly image: string;
  readonly logGroup: string;
  readonly region: string;
  readonly containerPort: number;
  /** The app's environment, in order (BUILT_IN_ENVIRONMENT first, then the extra variables). */
  readonly environment: readonly { readonly name: string; readonly value: string }[];
  /** Secrets as `valueFrom` references (`<arn>` or `<arn>:<json key>::`). */
  readonly secrets: readonly { readonly name: string; readonly valueFrom: string }[];
}

/** The task's one container, APP_CONTAINER_NAME: hardened (non-root, read-only root, no capabilities), with its health check and logs. */
export function containerDefinitions(v: ContainerValues): string {
  return JSON.stringify([
    {
      name: APP_CONTAINER_NAME,
      image: v.image,
      essential: true,
      // The image's distroless "nonroot" user (app/Dockerfile), enforced here too.
      user: "65532:65532",
      readonlyRootFilesystem: true,
      // ECS API reference (ContainerDefinition.privileged): privileged mode "is not supported for
      // ... tasks run on Fargate"; false is the default, which ECS takes on Fargate as it does on
      // EC2 (terraform-aws-modules/terraform-aws-ecs, modules/container-definition/main.tf, sends
      // privileged = false for every Linux container, Fargate ones included). Said explicitly for
      // Security Hub ECS.4 and Checkov CKV_AWS_334 readers.
      privileged: false,
      // `add: []` spelled out: ECS stores the capabilities as `{ add: [], drop: [...] }`, and the
      // provider's comparison of container definitions (terraform-provider-aws,
      // internal/service/ecs/container_definitions.go, `reduce`) empties no list inside
      // linuxParameters, so without it every `pulumi up` would replace the task definition with a
      // new revision (braintrustdata/terraform-aws-braintrust-data-plane#335; terraform-aws-modules/
      // terraform-aws-ecs#176 spells `add = []` "just to quiet the diff").
      linuxParameters: { initProcessEnabled: true, capabilities: { add: [], drop: ["ALL"] } },
      portMappings: [{ containerPort: v.containerPort, protocol: "tcp" }],
      environment: v.environment,
      ...(v.secrets.length > 0 ? { secrets: v.secrets } : {}),
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
          "awslogs-group": v.logGroup,
          "awslogs-region": v.region,
          "awslogs-stream-prefix": "app",
          ...AWSLOGS_DELIVERY,
        },
      },
    },
  ]);
}
