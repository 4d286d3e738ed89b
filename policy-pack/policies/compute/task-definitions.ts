// ECS task definitions: no privileged containers or host namespaces, read-only root and non-root
// users, no plaintext secrets, logging, awsvpc networking, distinct execution and task roles, and
// EFS volumes encrypted in transit.
import { hostNamespaceProblems, privilegedContainerProblems } from "../../lib/compute/containers";
import { resourcePolicy, stackPolicy } from "../../lib/define";
import {
  plaintextSecretReason,
  SecretNameConfig,
  secretNameSchema,
  VALUES_JUDGED,
} from "../../lib/secrets";
import { asList, asString, flagOn, jsonDocument, present } from "../../lib/values";
import { ECS_TASK_DEFINITION } from "../../lib/types";
import { NATIVE_ECS_TASK_DEFINITION } from "../../lib/native/types";
import { cdkNag, checkov, fsbp, trivy } from "../../lib/controls";

/** aws-native task definitions are judged as the classic ones (../../lib/native/twins.ts). */
const TASK_DEFINITIONS = [ECS_TASK_DEFINITION, NATIVE_ECS_TASK_DEFINITION];

interface Container {
  readonly name: string;
  readonly def: any;
}

/**
 * Runs `fn` for each container of a task definition, or reports that `containerDefinitions` is
 * not a JSON array of them. `containerDefinitions` is a JSON string built from other resources'
 * outputs (image URI, log group), so it is usually unknown at preview: reading it throws and the
 * engine shows a "can't run during preview" note until `pulumi up`.
 */
function eachContainer(
  props: any,
  ctx: { report(m: string): void },
  fn: (c: Container) => void,
): void {
  const doc = jsonDocument(props.containerDefinitions);
  if (!Array.isArray(doc)) {
    ctx.report("containerDefinitions is not a JSON array of container definitions.");
    return;
  }
  const containers = asList(doc).map((def: any, i: number) => ({
    name: typeof def?.name === "string" ? def.name : `#${i}`,
    def: def ?? {},
  }));
  containers.forEach(fn);
}

/** Windows containers support neither a read-only root filesystem nor Linux user names. */
function isWindows(props: any): boolean {
  const family = props.runtimePlatform?.operatingSystemFamily;
  return typeof family === "string" && family.toUpperCase().startsWith("WINDOWS");
}

export const ecsTaskDefinitionNotPrivileged = resourcePolicy({
  name: "ecs-task-definition-not-privileged",
  description:
    "ECS containers must not run privileged or add host-level Linux capabilities (ALL, SYS_ADMIN, ...). " +
    "Mandatory: a privileged container is root on the container instance, a direct escape from the task boundary.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Remove `privileged: true` and the listed `linuxParameters.capabilities.add` entries from the container definition. " +
    "Fargate rejects privileged containers anyway; on EC2 run the workload that truly needs it on a dedicated, waived task definition.",
  references: [checkov("CKV_AWS_334"), fsbp("ECS.4")],
  types: TASK_DEFINITIONS,
  check: (props, ctx) => {
    eachContainer(props, ctx, (c) => {
      for (const problem of privilegedContainerProblems(c.name, c.def)) ctx.report(problem);
    });
  },
});

export const ecsTaskDefinitionReadOnlyRoot = resourcePolicy({
  name: "ecs-task-definition-read-only-root",
  description:
    "ECS containers should mount their root filesystem read-only. Advisory: it limits what an intruder can change, " +
    "but some images need writable paths first (mount a volume for them).",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `readonlyRootFilesystem: true` on every container; give paths the process must write (/tmp, caches) an ephemeral volume mount.",
  references: [checkov("CKV_AWS_336"), fsbp("ECS.5")],
  types: TASK_DEFINITIONS,
  check: (props, ctx) => {
    if (isWindows(props)) return;
    eachContainer(props, ctx, (c) => {
      if (!flagOn(c.def.readonlyRootFilesystem)) {
        ctx.report(
          `Container '${c.name}' has a writable root filesystem (readonlyRootFilesystem is not true).`,
        );
      }
    });
  },
});

/** `user` values that mean root: "root", "0", "root:<group>", "0:<gid>". */
function isRootUser(user: string): boolean {
  const name = user.split(":")[0].trim().toLowerCase();
  return name === "root" || name === "0";
}

export const ecsTaskDefinitionNonRootUser = resourcePolicy({
  name: "ecs-task-definition-non-root-user",
  description:
    "ECS Linux containers should name a non-root `user`. Without it the image's USER decides, and most base images run as root. " +
    "Advisory: the image may already drop root, which the pack cannot see.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `user` in every container definition to a non-root UID:GID the image supports (for example "1000:1000").',
  references: [fsbp("ECS.20")],
  types: TASK_DEFINITIONS,
  check: (props, ctx) => {
    if (isWindows(props)) return;
    eachContainer(props, ctx, (c) => {
      const user = c.def.user;
      if (typeof user !== "string" || user.trim() === "") {
        ctx.report(
          `Container '${c.name}' sets no user, so it runs as the image's default user (often root).`,
        );
      } else if (isRootUser(user)) {
        ctx.report(`Container '${c.name}' runs as root (user '${user}').`);
      }
    });
  },
});

export const ecsTaskDefinitionNoPlaintextSecrets = resourcePolicy<SecretNameConfig>({
  name: "ecs-task-definition-no-plaintext-secrets",
  description:
    "ECS containers must not receive credentials as literal `environment` values. Mandatory: the value is readable by anyone " +
    "who can describe the task definition and is stored in Pulumi state. Use `secrets` (Secrets Manager or SSM references). " +
    VALUES_JUDGED,
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Move the variable from `environment` to `secrets` with `valueFrom` set to a Secrets Manager secret or SSM SecureString ARN, " +
    "and let the execution role read only that secret. Names that only look secret (a key ARN) can end in _ARN or _ID.",
  references: [cdkNag("AwsSolutions-ECS2"), fsbp("ECS.8"), trivy("AWS-0036")],
  config: secretNameSchema,
  types: TASK_DEFINITIONS,
  check: (props, ctx) => {
    eachContainer(props, ctx, (c) => {
      for (const env of asList(c.def.environment)) {
        // The values too, whatever the name (Trivy AWS-0036): plaintextSecretReason judges both.
        const reason = plaintextSecretReason(env, ctx.config);
        if (reason) ctx.report(`Container '${c.name}': ${reason}.`);
      }
    });
  },
});

export const ecsTaskDefinitionLogging = resourcePolicy({
  name: "ecs-task-definition-logging",
  description:
    "Every ECS container should send its logs somewhere (a logConfiguration with a log driver other than 'none'). " +
    "Advisory: missing logs hinder investigation but expose nothing.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Add `logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": <KMS-encrypted group>, "awslogs-region": ..., "awslogs-stream-prefix": ... } }` to every container.',
  references: [cdkNag("AwsSolutions-ECS7"), fsbp("ECS.9")],
  types: TASK_DEFINITIONS,
  check: (props, ctx) => {
    eachContainer(props, ctx, (c) => {
      const driver = c.def.logConfiguration?.logDriver;
      if (typeof driver !== "string" || driver === "" || driver === "none") {
        ctx.report(`Container '${c.name}' has no log configuration.`);
      }
    });
  },
});

export const ecsTaskDefinitionAwsvpc = resourcePolicy({
  name: "ecs-task-definition-awsvpc-network-mode",
  description:
    "ECS task definitions should use the awsvpc network mode, so each task has its own ENI and security groups. " +
    "Advisory: 'host' shares the instance's network stack and 'bridge' shares the instance's security groups.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `networkMode: "awsvpc"` (required for Fargate) and give the service its own security group.',
  references: [fsbp("ECS.17")],
  types: TASK_DEFINITIONS,
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

export const ecsTaskDefinitionNoHostNamespaces = resourcePolicy({
  name: "ecs-task-definition-no-host-namespaces",
  description:
    "ECS task definitions must not share the host's process or IPC namespace (pidMode/ipcMode 'host'). Mandatory: it lets " +
    "containers see, signal and read the memory of every process on the instance.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Remove `pidMode: "host"` and `ipcMode: "host"` (use \'task\' to share within the task only).',
  references: [checkov("CKV_AWS_335"), fsbp("ECS.3")],
  types: TASK_DEFINITIONS,
  check: (props, ctx) => {
    for (const problem of hostNamespaceProblems(props)) ctx.report(problem);
  },
});

export const ecsTaskDefinitionDistinctRoles = stackPolicy({
  name: "ecs-task-definition-distinct-roles",
  description:
    "An ECS task definition's execution role (pulls images, reads secrets for the agent) and task role (the application's " +
    "permissions) should be different roles. Advisory: sharing one role gives the application the agent's secret access.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Create a separate task role with only the application's permissions and keep the execution role for ECS.",
  references: [checkov("CKV_AWS_249")],
  types: TASK_DEFINITIONS,
  appliesTo: TASK_DEFINITIONS,
  check: (ctx) => {
    for (const td of ctx.index.ofType(ECS_TASK_DEFINITION)) {
      ctx.each(td, () => {
        if (!present(td.props, "executionRoleArn") || !present(td.props, "taskRoleArn")) return;
        // Correlate by the role resources the ARNs were built from: at preview both ARNs are unknown.
        const exec = new Set(ctx.index.referenced(td, "executionRoleArn").map((r) => r.urn));
        const task = ctx.index.referenced(td, "taskRoleArn").map((r) => r.urn);
        let same = task.some((u) => exec.has(u));
        if (!same && exec.size === 0 && task.length === 0) {
          same = asString(td.props.executionRoleArn) === asString(td.props.taskRoleArn);
        }
        if (same) ctx.report(td, "The execution role and the task role are the same role.");
      });
    }
  },
});

export const ecsTaskDefinitionEfsTransitEncryption = resourcePolicy({
  name: "ecs-task-definition-efs-transit-encryption",
  description:
    'ECS task definitions mount EFS volumes with encryption in transit (efsVolumeConfiguration.transitEncryption "ENABLED"): ' +
    "without it, file data crosses the network in clear text.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Set `transitEncryption: "ENABLED"` on every `volumes[].efsVolumeConfiguration` (ECS defaults it to DISABLED), ' +
    'ideally with `authorizationConfig: { accessPointId, iam: "ENABLED" }`.',
  references: [checkov("CKV_AWS_97"), trivy("AWS-0035")],
  types: TASK_DEFINITIONS,
  check: (props, ctx) => {
    asList(props.volumes).forEach((v: any, i: number) => {
      const efs = v?.efsVolumeConfiguration;
      // Volumes without an EFS configuration (bind mounts, Docker volumes) never leave the host.
      if (!efs) return;
      // ECS API, EFSVolumeConfiguration.transitEncryption: "If this parameter is omitted, the
      // default value of DISABLED is used."
      if (efs.transitEncryption !== "ENABLED") {
        const label = typeof v.name === "string" ? `'${v.name}'` : `#${i + 1}`;
        ctx.report(
          `EFS volume ${label} has transitEncryption ${efs.transitEncryption ? `"${efs.transitEncryption}"` : "not set (DISABLED)"}.`,
        );
      }
    });
  },
});
