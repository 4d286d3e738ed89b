// Container runtime guardrails: ECS task definitions, services and clusters, and ECR repositories
// (everything but their encryption at rest, which the KMS policies own).
//
// A few helpers at the top are shared with the delivery, edge and analytics policies: reading lists
// and JSON documents through the preview proxy, telling "set" from "absent" without reading a
// value that is unknown at preview, and recognising plaintext secrets in environment variables.
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { resourcePolicy, stackPolicy, StackIndex } from "../lib/define";

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/**
 * The elements of a list input (an absent list is empty). Each element is read through the
 * preview proxy, so an unknown list or element throws and becomes a "can't run during preview"
 * note instead of passing.
 */
export function list<T = any>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [value as T];
  const out: T[] = [];
  for (let i = 0; i < value.length; i++) out.push(value[i] as T);
  return out;
}

/**
 * Whether `key` is set on an object, without reading its value: a value unknown at preview
 * (an id of a resource being created) counts as set. Use it only where the question is "is it
 * configured at all", never where the value itself decides compliance.
 */
export function present(obj: unknown, key: string): boolean {
  if (obj === null || typeof obj !== "object") return false;
  const d = Object.getOwnPropertyDescriptor(obj, key);
  return d !== undefined && d.value !== undefined && d.value !== null && d.value !== "";
}

/**
 * A JSON document given as a string or as an object. Reading an unknown string throws (preview
 * note); `undefined` means the string is not valid JSON.
 */
export function jsonDocument(value: unknown): any {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Config that decides what counts as a secret-like variable name. */
export interface SecretNameConfig {
  readonly secretNamePattern: string;
  readonly nonSecretNameSuffixes: string[];
}

/** Policy config (JSON schema) shared by the plaintext-secret policies. */
export const secretNameSchema = {
  secretNamePattern: {
    type: "string" as const,
    description:
      "Case-insensitive regular expression for variable names that hold credentials when given a literal value.",
    default: "PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|PRIVATE|KEY",
  },
  nonSecretNameSuffixes: {
    type: "array" as const,
    items: { type: "string" as const },
    description:
      "Name suffixes that mark a reference, not a credential (KMS_KEY_ID, SIGNING_KEY_ARN...). AWS_ACCESS_KEY_ID stays a credential.",
    default: [
      "_ID",
      "_ARN",
      "_NAME",
      "_ALIAS",
      "_URL",
      "_URI",
      "_REGION",
      "_PREFIX",
      "_PATH",
      "_FILE",
      "_ENDPOINT",
    ],
  },
};

/** Names that are credentials whatever their suffix (AWS Config's ecs-no-environment-secrets defaults). */
const ALWAYS_SECRET_NAMES = new Set([
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "ECS_ENGINE_AUTH_DATA",
]);
/** An AWS access key id (long-lived AKIA or temporary ASIA) given as a value. */
const ACCESS_KEY_VALUE = /^(AKIA|ASIA)[A-Z0-9]{16}$/;

/** Whether a variable name looks like it holds a credential. */
export function secretLikeName(name: string, config: SecretNameConfig): boolean {
  const upper = name.toUpperCase();
  if (ALWAYS_SECRET_NAMES.has(upper)) return true;
  if (!new RegExp(config.secretNamePattern, "i").test(name)) return false;
  return !config.nonSecretNameSuffixes.some((s) => upper.endsWith(s.toUpperCase()));
}

/**
 * Why a literal environment variable (`{ name, value }`) is a plaintext credential, or undefined
 * when it is not. The value is read through the preview proxy only for secret-like names, so an
 * unknown value of an innocent variable never blocks the check, while an unknown value of a
 * secret-like one becomes a preview note. Messages name the variable, never its value.
 */
export function plaintextSecretReason(variable: any, config: SecretNameConfig): string | undefined {
  const name = typeof variable?.name === "string" ? variable.name : "";
  // An access key id is recognisable by its value alone; an unknown value cannot be a literal key.
  const raw =
    variable && typeof variable === "object"
      ? Object.getOwnPropertyDescriptor(variable, "value")?.value
      : undefined;
  if (typeof raw === "string" && ACCESS_KEY_VALUE.test(raw))
    return `'${name}' holds an AWS access key id`;
  if (!secretLikeName(name, config)) return undefined;
  const value = variable.value;
  if (value === undefined || value === null || value === "") return undefined;
  // An ARN names a secret or key; it is not the credential itself.
  if (typeof value === "string" && value.startsWith("arn:")) return undefined;
  return `'${name}' has a literal value and its name marks it as a credential`;
}

/** Known string value of a resource property; throws when unknown (use inside `ctx.each`). */
function stringProp(r: PolicyResource, key: string): string | undefined {
  const v = r.props[key];
  return typeof v === "string" ? v : undefined;
}

/** What a stack policy needs from its context to collect literal references. */
interface LiteralContext {
  readonly index: StackIndex;
  each(resource: PolicyResource, fn: () => void): void;
}

/**
 * Literal values of `prop` on resources of `types` whose `prop` was not built from another
 * resource (a reference by name or ARN to something outside the property-dependency graph),
 * mapped to the resources that hold them. `complete` is false when one of them could not be read
 * (unknown at preview): that resource already yields a preview note, and callers must then not
 * report "no reference" for targets the unreadable one may name.
 */
export function literalReferences(
  ctx: LiteralContext,
  types: string[],
  prop: string,
): { values: Map<string, PolicyResource[]>; complete: boolean } {
  const values = new Map<string, PolicyResource[]>();
  let complete = true;
  for (const r of ctx.index.ofType(...types)) {
    if (ctx.index.referenced(r, prop).length > 0) continue;
    let read = false;
    ctx.each(r, () => {
      const v = r.props[prop];
      if (typeof v === "string") values.set(v, [...(values.get(v) ?? []), r]);
      read = true;
    });
    complete &&= read;
  }
  return { values, complete };
}

// ---------------------------------------------------------------------------------------------
// ECS
// ---------------------------------------------------------------------------------------------

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const SERVICE = "aws:ecs/service:Service";
const CLUSTER = "aws:ecs/cluster:Cluster";

interface Container {
  readonly name: string;
  readonly def: any;
}

/**
 * The containers of a task definition. `containerDefinitions` is a JSON string built from other
 * resources' outputs (image URI, log group), so it is usually unknown at preview: reading it
 * throws and the engine shows a "can't run during preview" note until `pulumi up`.
 */
function containersOf(props: any): Container[] | undefined {
  const doc = jsonDocument(props.containerDefinitions);
  if (!Array.isArray(doc)) return undefined;
  return list(doc).map((def: any, i: number) => ({
    name: typeof def?.name === "string" ? def.name : `#${i}`,
    def: def ?? {},
  }));
}

function reportInvalidContainers(ctx: { report(m: string): void }): void {
  ctx.report("containerDefinitions is not a JSON array of container definitions.");
}

/** Windows containers support neither a read-only root filesystem nor Linux user names. */
function isWindows(props: any): boolean {
  const family = props.runtimePlatform?.operatingSystemFamily;
  return typeof family === "string" && family.toUpperCase().startsWith("WINDOWS");
}

/** Linux capabilities that amount to (or escalate to) root on the host. */
const PRIVILEGED_CAPABILITIES = new Set([
  "ALL",
  "SYS_ADMIN",
  "SYS_MODULE",
  "SYS_RAWIO",
  "NET_ADMIN",
  "DAC_READ_SEARCH",
]);

const ecsTaskDefinitionNotPrivileged = resourcePolicy({
  name: "ecs-task-definition-not-privileged",
  description:
    "ECS containers must not run privileged or add host-level Linux capabilities (ALL, SYS_ADMIN, ...). " +
    "Mandatory: a privileged container is root on the container instance, a direct escape from the task boundary.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Remove `privileged: true` and the listed `linuxParameters.capabilities.add` entries from the container definition. " +
    "Fargate rejects privileged containers anyway; on EC2 run the workload that truly needs it on a dedicated, waived task definition.",
  references: [
    { source: "Checkov", id: "CKV_AWS_334" },
    { source: "Security Hub FSBP", id: "ECS.4" },
  ],
  types: [TASK_DEFINITION],
  check: (props, ctx) => {
    const containers = containersOf(props);
    if (!containers) return reportInvalidContainers(ctx);
    for (const c of containers) {
      if (c.def.privileged === true) ctx.report(`Container '${c.name}' runs privileged.`);
      const added: unknown[] = c.def.linuxParameters?.capabilities?.add ?? [];
      const risky = added
        .map((a) => String(a).toUpperCase().replace(/^CAP_/, ""))
        .filter((a) => PRIVILEGED_CAPABILITIES.has(a));
      if (risky.length) {
        ctx.report(`Container '${c.name}' adds host-level capabilities: ${risky.join(", ")}.`);
      }
    }
  },
});

const ecsTaskDefinitionReadOnlyRoot = resourcePolicy({
  name: "ecs-task-definition-read-only-root",
  description:
    "ECS containers should mount their root filesystem read-only. Advisory: it limits what an intruder can change, " +
    "but some images need writable paths first (mount a volume for them).",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `readonlyRootFilesystem: true` on every container; give paths the process must write (/tmp, caches) an ephemeral volume mount.",
  references: [
    { source: "Checkov", id: "CKV_AWS_336" },
    { source: "Security Hub FSBP", id: "ECS.5" },
  ],
  types: [TASK_DEFINITION],
  check: (props, ctx) => {
    if (isWindows(props)) return;
    const containers = containersOf(props);
    if (!containers) return reportInvalidContainers(ctx);
    for (const c of containers) {
      if (c.def.readonlyRootFilesystem !== true) {
        ctx.report(
          `Container '${c.name}' has a writable root filesystem (readonlyRootFilesystem is not true).`,
        );
      }
    }
  },
});

/** `user` values that mean root: "root", "0", "root:<group>", "0:<gid>". */
function isRootUser(user: string): boolean {
  const name = user.split(":")[0].trim().toLowerCase();
  return name === "root" || name === "0";
}

const ecsTaskDefinitionNonRootUser = resourcePolicy({
  name: "ecs-task-definition-non-root-user",
  description:
    "ECS Linux containers should name a non-root `user`. Without it the image's USER decides, and most base images run as root. " +
    "Advisory: the image may already drop root, which the pack cannot see.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `user` in every container definition to a non-root UID:GID the image supports (for example "1000:1000").',
  references: [{ source: "Security Hub FSBP", id: "ECS.20" }],
  types: [TASK_DEFINITION],
  check: (props, ctx) => {
    if (isWindows(props)) return;
    const containers = containersOf(props);
    if (!containers) return reportInvalidContainers(ctx);
    for (const c of containers) {
      const user = c.def.user;
      if (typeof user !== "string" || user.trim() === "") {
        ctx.report(
          `Container '${c.name}' sets no user, so it runs as the image's default user (often root).`,
        );
      } else if (isRootUser(user)) {
        ctx.report(`Container '${c.name}' runs as root (user '${user}').`);
      }
    }
  },
});

const ecsTaskDefinitionNoPlaintextSecrets = resourcePolicy<SecretNameConfig>({
  name: "ecs-task-definition-no-plaintext-secrets",
  description:
    "ECS containers must not receive credentials as literal `environment` values. Mandatory: the value is readable by anyone " +
    "who can describe the task definition and is stored in Pulumi state. Use `secrets` (Secrets Manager or SSM references).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Move the variable from `environment` to `secrets` with `valueFrom` set to a Secrets Manager secret or SSM SecureString ARN, " +
    "and let the execution role read only that secret. Names that only look secret (a key ARN) can end in _ARN or _ID.",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-ECS2" },
    { source: "Security Hub FSBP", id: "ECS.8" },
  ],
  config: secretNameSchema,
  types: [TASK_DEFINITION],
  check: (props, ctx) => {
    const containers = containersOf(props);
    if (!containers) return reportInvalidContainers(ctx);
    for (const c of containers) {
      for (const env of list(c.def.environment)) {
        const reason = plaintextSecretReason(env, ctx.config);
        if (reason) ctx.report(`Container '${c.name}': ${reason}.`);
      }
    }
  },
});

const ecsTaskDefinitionLogging = resourcePolicy({
  name: "ecs-task-definition-logging",
  description:
    "Every ECS container should send its logs somewhere (a logConfiguration with a log driver other than 'none'). " +
    "Advisory: missing logs hinder investigation but expose nothing.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Add `logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": <KMS-encrypted group>, "awslogs-region": ..., "awslogs-stream-prefix": ... } }` to every container.',
  references: [
    { source: "cdk-nag", id: "AwsSolutions-ECS7" },
    { source: "Security Hub FSBP", id: "ECS.9" },
  ],
  types: [TASK_DEFINITION],
  check: (props, ctx) => {
    const containers = containersOf(props);
    if (!containers) return reportInvalidContainers(ctx);
    for (const c of containers) {
      const driver = c.def.logConfiguration?.logDriver;
      if (typeof driver !== "string" || driver === "" || driver === "none") {
        ctx.report(`Container '${c.name}' has no log configuration.`);
      }
    }
  },
});

const ecsTaskDefinitionAwsvpc = resourcePolicy({
  name: "ecs-task-definition-awsvpc-network-mode",
  description:
    "ECS task definitions should use the awsvpc network mode, so each task has its own ENI and security groups. " +
    "Advisory: 'host' shares the instance's network stack and 'bridge' shares the instance's security groups.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `networkMode: "awsvpc"` (required for Fargate) and give the service its own security group.',
  references: [{ source: "Security Hub FSBP", id: "ECS.17" }],
  types: [TASK_DEFINITION],
  check: (props, ctx) => {
    const mode = props.networkMode;
    if (mode === "awsvpc") return;
    ctx.report(
      mode === "host"
        ? "networkMode is 'host': containers share the instance's network stack."
        : `networkMode is '${mode ?? "bridge (default)"}', not 'awsvpc'.`,
    );
  },
});

const ecsTaskDefinitionNoHostNamespaces = resourcePolicy({
  name: "ecs-task-definition-no-host-namespaces",
  description:
    "ECS task definitions must not share the host's process or IPC namespace (pidMode/ipcMode 'host'). Mandatory: it lets " +
    "containers see, signal and read the memory of every process on the instance.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Remove `pidMode: "host"` and `ipcMode: "host"` (use \'task\' to share within the task only).',
  references: [
    { source: "Checkov", id: "CKV_AWS_335" },
    { source: "Security Hub FSBP", id: "ECS.3" },
  ],
  types: [TASK_DEFINITION],
  check: (props, ctx) => {
    if (props.pidMode === "host")
      ctx.report("pidMode is 'host': tasks share the host's process namespace.");
    if (props.ipcMode === "host")
      ctx.report("ipcMode is 'host': tasks share the host's IPC namespace.");
  },
});

const ecsTaskDefinitionDistinctRoles = stackPolicy({
  name: "ecs-task-definition-distinct-roles",
  description:
    "An ECS task definition's execution role (pulls images, reads secrets for the agent) and task role (the application's " +
    "permissions) should be different roles. Advisory: sharing one role gives the application the agent's secret access.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Create a separate task role with only the application's permissions and keep the execution role for ECS.",
  references: [{ source: "Checkov", id: "CKV_AWS_249" }],
  types: [TASK_DEFINITION],
  check: (ctx) => {
    for (const td of ctx.index.ofType(TASK_DEFINITION)) {
      ctx.each(td, () => {
        if (!present(td.props, "executionRoleArn") || !present(td.props, "taskRoleArn")) return;
        // Correlate by the role resources the ARNs were built from: at preview both ARNs are unknown.
        const exec = new Set(ctx.index.referenced(td, "executionRoleArn").map((r) => r.urn));
        const task = ctx.index.referenced(td, "taskRoleArn").map((r) => r.urn);
        let same = task.some((u) => exec.has(u));
        if (!same && exec.size === 0 && task.length === 0) {
          same = stringProp(td, "executionRoleArn") === stringProp(td, "taskRoleArn");
        }
        if (same) ctx.report(td, "The execution role and the task role are the same role.");
      });
    }
  },
});

const ecsServiceNoPublicIp = resourcePolicy({
  name: "ecs-service-no-public-ip",
  description:
    "ECS services must not give tasks public IP addresses. Mandatory: a public IP makes every task reachable from the " +
    "internet past the load balancer, limited only by its security group.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `networkConfiguration.assignPublicIp: false` and run tasks in private subnets reaching AWS APIs through VPC endpoints.",
  references: [
    { source: "Checkov", id: "CKV_AWS_333" },
    { source: "Security Hub FSBP", id: "ECS.2" },
  ],
  types: [SERVICE],
  check: (props, ctx) => {
    if (props.networkConfiguration?.assignPublicIp === true) {
      ctx.report("networkConfiguration.assignPublicIp is true: tasks get public IP addresses.");
    }
  },
});

const ecsServiceCircuitBreaker = resourcePolicy({
  name: "ecs-service-circuit-breaker",
  description:
    "ECS services using the ECS deployment controller should enable the deployment circuit breaker with rollback, so a " +
    "broken image rolls back instead of leaving the service without healthy tasks. Advisory: availability, not exposure.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `deploymentCircuitBreaker: { enable: true, rollback: true }`.",
  references: [{ source: "AWS docs", id: "ECS deployment circuit breaker" }],
  types: [SERVICE],
  check: (props, ctx) => {
    const controller = props.deploymentController?.type;
    if (controller !== undefined && controller !== "ECS") return; // CODE_DEPLOY/EXTERNAL roll back themselves
    const cb = props.deploymentCircuitBreaker;
    if (cb?.enable !== true) ctx.report("The deployment circuit breaker is not enabled.");
    else if (cb.rollback !== true)
      ctx.report("The deployment circuit breaker does not roll back failed deployments.");
  },
});

function runsOnFargate(props: any): boolean {
  if (props.launchType === "FARGATE") return true;
  return list(props.capacityProviderStrategies).some((s: any) =>
    String(s?.capacityProvider ?? "").startsWith("FARGATE"),
  );
}

const ecsServiceFargatePlatformVersion = resourcePolicy({
  name: "ecs-service-fargate-platform-version",
  description:
    "Fargate services should run on the LATEST platform version (kernel and runtime patches). Advisory: a pinned version " +
    "keeps working but stops receiving fixes.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: 'Remove `platformVersion` or set it to "LATEST".',
  references: [
    { source: "Checkov", id: "CKV_AWS_332" },
    { source: "Security Hub FSBP", id: "ECS.10" },
  ],
  types: [SERVICE],
  check: (props, ctx) => {
    if (!runsOnFargate(props)) return;
    const v = props.platformVersion;
    if (v !== undefined && v !== "LATEST") ctx.report(`platformVersion is pinned to '${v}'.`);
  },
});

const ecsClusterContainerInsights = resourcePolicy({
  name: "ecs-cluster-container-insights",
  description:
    "ECS clusters should enable CloudWatch Container Insights (task-level CPU, memory, network and restart metrics). " +
    "Advisory: observability, at a per-metric cost.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Add `settings: [{ name: "containerInsights", value: "enabled" }]` (or "enhanced").',
  references: [
    { source: "cdk-nag", id: "AwsSolutions-ECS4" },
    { source: "Checkov", id: "CKV_AWS_65" },
    { source: "Security Hub FSBP", id: "ECS.12" },
  ],
  types: [CLUSTER],
  check: (props, ctx) => {
    const setting = list(props.settings).find((s: any) => s?.name === "containerInsights");
    if (setting?.value !== "enabled" && setting?.value !== "enhanced") {
      ctx.report("Container Insights is not enabled on this cluster.");
    }
  },
});

// ---------------------------------------------------------------------------------------------
// ECR (encryption with a customer-managed key is the KMS policies' rule)
// ---------------------------------------------------------------------------------------------

const REPOSITORY = "aws:ecr/repository:Repository";
const LIFECYCLE_POLICY = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
const REPOSITORY_POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
const REGISTRY_POLICY = "aws:ecr/registryPolicy:RegistryPolicy";
const REGISTRY_SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";

const ecrRepositoryTagImmutability = resourcePolicy({
  name: "ecr-repository-tag-immutability",
  description:
    "ECR repositories should make image tags immutable, so a deployed tag always means the same image (and a compromised " +
    "pipeline cannot silently replace it). Advisory: integrity of deployments.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `imageTagMutability: "IMMUTABLE"` and tag every build uniquely (commit SHA). IMMUTABLE_WITH_EXCLUSION may exempt named tags, never all.',
  references: [
    { source: "Checkov", id: "CKV_AWS_51" },
    { source: "Trivy", id: "AWS-0031" },
    { source: "Security Hub FSBP", id: "ECR.2" },
  ],
  types: [REPOSITORY],
  check: (props, ctx) => {
    const mode = props.imageTagMutability ?? "MUTABLE";
    if (mode === "IMMUTABLE") return;
    if (mode === "IMMUTABLE_WITH_EXCLUSION") {
      const all = list(props.imageTagMutabilityExclusionFilters).some((f: any) =>
        /^\*+$/.test(String(f?.filter)),
      );
      if (all) ctx.report("The immutability exclusion filter '*' makes every tag mutable.");
      return;
    }
    ctx.report(`imageTagMutability is '${mode}': tags can be overwritten.`);
  },
});

/** ECR repository filter semantics: without '*' a substring match, with '*' a wildcard match. */
function ecrFilterMatches(filter: string, repository: string): boolean {
  if (!filter.includes("*")) return repository.includes(filter);
  const re = filter
    .split("*")
    .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${re}$`).test(repository);
}

const ecrRepositoryScanOnPush = stackPolicy({
  name: "ecr-repository-scan-on-push",
  description:
    "Images pushed to ECR should be scanned for vulnerabilities: by the repository's scanOnPush, or by a registry scanning " +
    "configuration whose rules cover the repository. Advisory: the pipeline's own scan may gate images too.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `imageScanningConfiguration: { scanOnPush: true }`, or manage an `aws.ecr.RegistryScanningConfiguration` (ENHANCED " +
    "recommended) with a SCAN_ON_PUSH or CONTINUOUS_SCAN rule whose filter matches the repository.",
  references: [
    { source: "Checkov", id: "CKV_AWS_163" },
    { source: "Trivy", id: "AWS-0030" },
    { source: "Security Hub FSBP", id: "ECR.1" },
  ],
  types: [REPOSITORY, REGISTRY_SCANNING],
  check: (ctx) => {
    // ECR docs (image scanning filters): once a registry scanning configuration exists, repositories
    // its rules do not match fall back to manual scans (basic) or no scanning (enhanced), so the
    // repository-level scanOnPush only counts when no registry configuration is managed here.
    const registryConfigs = ctx.index.ofType(REGISTRY_SCANNING);
    const filters: string[] = [];
    // A configuration whose rules are unknown at preview yields its own preview note; the
    // repositories are then not judged against a partial rule set.
    let complete = true;
    for (const cfg of registryConfigs) {
      let read = false;
      ctx.each(cfg, () => {
        for (const rule of list(cfg.props.rules)) {
          const freq = rule?.scanFrequency;
          if (freq !== "SCAN_ON_PUSH" && freq !== "CONTINUOUS_SCAN") continue;
          for (const f of list(rule.repositoryFilters)) {
            if (typeof f?.filter === "string") filters.push(f.filter);
          }
        }
        read = true;
      });
      complete &&= read;
    }
    for (const repo of ctx.index.ofType(REPOSITORY)) {
      ctx.each(repo, () => {
        if (registryConfigs.length === 0) {
          if (repo.props.imageScanningConfiguration?.scanOnPush !== true) {
            ctx.report(
              repo,
              "Images are not scanned on push (imageScanningConfiguration.scanOnPush is not true).",
            );
          }
          return;
        }
        if (!complete || filters.some((f) => /^\*+$/.test(f))) return;
        const name = stringProp(repo, "name");
        if (name === undefined || !filters.some((f) => ecrFilterMatches(f, name))) {
          ctx.report(
            repo,
            "The registry scanning configuration has no SCAN_ON_PUSH or CONTINUOUS_SCAN rule matching this repository, " +
              "so its images are not scanned automatically (the repository's own scanOnPush is overridden).",
          );
        }
      });
    }
  },
});

const ecrRepositoryLifecyclePolicy = stackPolicy({
  name: "ecr-repository-lifecycle-policy",
  description:
    "Every ECR repository should have a lifecycle policy (aws.ecr.LifecyclePolicy) that expires old images. Advisory: " +
    "limits storage cost and the number of stale, unpatched images that can still be deployed.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Add an `aws.ecr.LifecyclePolicy` for the repository keeping the last N images (and expiring untagged ones after a few days).",
  references: [{ source: "Security Hub FSBP", id: "ECR.3" }],
  types: [REPOSITORY, LIFECYCLE_POLICY],
  check: (ctx) => {
    // Policies built from the repository resource correlate by property dependency; a policy for a
    // repository given by literal name correlates by that name.
    const literal = literalReferences(ctx, [LIFECYCLE_POLICY], "repository");
    for (const repo of ctx.index.ofType(REPOSITORY)) {
      if (ctx.index.referrers(repo, "repository", LIFECYCLE_POLICY).length > 0) continue;
      if (!literal.complete) continue;
      ctx.each(repo, () => {
        const name = literal.values.size > 0 ? stringProp(repo, "name") : undefined;
        if (name === undefined || !literal.values.has(name)) {
          ctx.report(repo, "The repository has no lifecycle policy.");
        }
      });
    }
  },
});

/** Condition keys that narrow a wildcard principal to an account, organisation, source or network. */
const NARROWING_CONDITION_KEYS = new Set(
  [
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:SourceVpc",
    "aws:SourceVpce",
  ].map((k) => k.toLowerCase()),
);

function isWildcardPrincipal(principal: unknown): boolean {
  if (principal === "*") return true;
  if (principal && typeof principal === "object") {
    return Object.values(principal as Record<string, unknown>).some((v) =>
      list(v).some((x) => x === "*"),
    );
  }
  return false;
}

function hasNarrowingCondition(condition: unknown): boolean {
  if (!condition || typeof condition !== "object") return false;
  for (const block of Object.values(condition as Record<string, unknown>)) {
    if (!block || typeof block !== "object") continue;
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      if (!NARROWING_CONDITION_KEYS.has(key.toLowerCase())) continue;
      if (list(value).every((v) => typeof v === "string" && v !== "" && v !== "*")) return true;
    }
  }
  return false;
}

const ecrRepositoryPolicyNotPublic = resourcePolicy({
  name: "ecr-repository-policy-not-public",
  description:
    "ECR repository and registry policies must not allow a wildcard principal without a condition that narrows it to an " +
    "account, organisation, source ARN or VPC endpoint. Mandatory: such a statement publishes images (code, embedded " +
    "configuration) to every AWS account.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Name the account or role ARNs that need access in `Principal`, or add an `aws:PrincipalOrgID` / `aws:SourceAccount` condition.",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-ECR1" },
    { source: "Checkov", id: "CKV_AWS_32" },
  ],
  types: [REPOSITORY_POLICY, REGISTRY_POLICY],
  check: (props, ctx) => {
    const doc = jsonDocument(props.policy);
    if (doc === undefined || doc === null || typeof doc !== "object") {
      return ctx.report("The policy is not a valid JSON policy document.");
    }
    list(doc.Statement).forEach((st: any, i: number) => {
      if (st?.Effect !== "Allow") return;
      const sid = st.Sid ? `'${st.Sid}'` : `#${i}`;
      if (st.NotPrincipal !== undefined) {
        ctx.report(
          `Statement ${sid} allows NotPrincipal, i.e. everyone but the listed principals.`,
        );
      } else if (isWildcardPrincipal(st.Principal) && !hasNarrowingCondition(st.Condition)) {
        ctx.report(`Statement ${sid} allows any principal ('*') without a narrowing condition.`);
      }
    });
  },
});

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  ecsTaskDefinitionNotPrivileged,
  ecsTaskDefinitionReadOnlyRoot,
  ecsTaskDefinitionNonRootUser,
  ecsTaskDefinitionNoPlaintextSecrets,
  ecsTaskDefinitionLogging,
  ecsTaskDefinitionAwsvpc,
  ecsTaskDefinitionNoHostNamespaces,
  ecsTaskDefinitionDistinctRoles,
  ecsServiceNoPublicIp,
  ecsServiceCircuitBreaker,
  ecsServiceFargatePlatformVersion,
  ecsClusterContainerInsights,
  ecrRepositoryTagImmutability,
  ecrRepositoryScanOnPush,
  ecrRepositoryLifecyclePolicy,
  ecrRepositoryPolicyNotPublic,
];
