// awsx ECS components (FargateService, EC2Service, FargateTaskDefinition, EC2TaskDefinition): the
// checks the pack makes on aws.ecs.TaskDefinition / aws.ecs.Service, on the components' inputs and
// with the same helpers and levels (privileged containers and host namespaces mandatory, plaintext
// credentials mandatory, public task IPs mandatory), and the security group awsx opens to the
// internet for a FargateService given no network configuration.
import {
  AWSX_SERVICES,
  AWSX_ECS_COMPONENTS,
  awsxContainers,
  awsxTaskArgs,
} from "../../lib/components/awsx";
import { hostNamespaceProblems, privilegedContainerProblems } from "../../lib/compute/containers";
import { resourcePolicy } from "../../lib/define";
import {
  plaintextSecretReason,
  SecretNameConfig,
  secretNameSchema,
  VALUES_JUDGED,
} from "../../lib/secrets";
import { AWSX_FARGATE_SERVICE } from "../../lib/types";
import { asList, flagOn } from "../../lib/values";
import { cdkNag, checkov, fsbp, trivy } from "../../lib/controls";

export const awsxEcsNotPrivileged = resourcePolicy({
  name: "awsx-ecs-task-not-privileged",
  description:
    "awsx ECS services and task definitions run no privileged container, add no host-level Linux capability and share no host namespace (pidMode/ipcMode 'host'). Mandatory, as ecs-task-definition-not-privileged and ecs-task-definition-no-host-namespaces are for aws.ecs.TaskDefinition.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Remove `privileged: true` and the host-level `linuxParameters.capabilities.add` entries from the container, and `pidMode`/`ipcMode: "host"` from the task arguments.',
  references: [checkov("CKV_AWS_334"), checkov("CKV_AWS_335"), fsbp("ECS.4"), fsbp("ECS.3")],
  types: AWSX_ECS_COMPONENTS,
  check: (props, ctx, args) => {
    const task = awsxTaskArgs(args.type, props);
    if (!task) return;
    for (const problem of hostNamespaceProblems(task)) ctx.report(problem);
    for (const c of awsxContainers(task)) {
      for (const problem of privilegedContainerProblems(c.name, c.def)) ctx.report(problem);
    }
  },
});

export const awsxEcsNoPlaintextSecrets = resourcePolicy<SecretNameConfig>({
  name: "awsx-ecs-container-no-plaintext-secrets",
  description:
    "awsx ECS containers receive no credentials as literal `environment` values (a DB_PASSWORD-style name with a literal value). " +
    VALUES_JUDGED +
    " Mandatory, the same detection as ecs-task-definition-no-plaintext-secrets.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Move the variable from `environment` to `secrets` with `valueFrom` set to a Secrets Manager secret or SSM SecureString ARN.",
  references: [cdkNag("AwsSolutions-ECS2"), fsbp("ECS.8")],
  config: secretNameSchema,
  types: AWSX_ECS_COMPONENTS,
  check: (props, ctx, args) => {
    for (const c of awsxContainers(awsxTaskArgs(args.type, props))) {
      for (const env of asList(c.def.environment)) {
        const reason = plaintextSecretReason(env, ctx.config);
        if (reason) ctx.report(`Container '${c.name}': ${reason}.`);
      }
    }
  },
});

export const awsxEcsServiceNoPublicIp = resourcePolicy({
  name: "awsx-ecs-service-no-public-ip",
  description:
    "awsx ECS services give tasks no public IP (`assignPublicIp`, or `networkConfiguration.assignPublicIp`). Mandatory, as ecs-service-no-public-ip.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Remove `assignPublicIp: true` and run the tasks in private subnets reaching AWS APIs through VPC endpoints.",
  references: [checkov("CKV_AWS_333"), fsbp("ECS.2")],
  types: [...AWSX_SERVICES],
  check: (props, ctx, args) => {
    // FargateService's own `assignPublicIp` (Fargate only, default false) and the service network
    // configuration's, which both awsx services pass to aws.ecs.Service.
    if (args.type === AWSX_FARGATE_SERVICE && flagOn(props.assignPublicIp)) {
      ctx.report("assignPublicIp is true: tasks get public IP addresses.");
    }
    if (flagOn(props.networkConfiguration?.assignPublicIp)) {
      ctx.report("networkConfiguration.assignPublicIp is true: tasks get public IP addresses.");
    }
  },
});

export const awsxFargateServiceDefaultNetwork = resourcePolicy({
  name: "awsx-ecs-fargate-service-network-configured",
  description:
    "awsx FargateServices set `networkConfiguration`. Without it awsx runs the tasks in the default VPC behind a security group it creates open to every port and protocol from 0.0.0.0/0 and ::/0. Mandatory, as ec2-security-group-no-public-ingress.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Give the service `networkConfiguration` with private subnets and a security group that admits only its load balancer's security group on the container port.",
  references: [
    cdkNag("AwsSolutions-EC23"),
    checkov("CKV_AWS_277"),
    trivy("AWS-0107"),
    fsbp("EC2.18"),
  ],
  types: [AWSX_FARGATE_SERVICE],
  check: (props, ctx) => {
    // awsx's FargateService (awsx/ecs/fargateService.ts, getDefaultNetworkConfiguration): with no
    // `networkConfiguration` it builds `${name}-sg` in the default VPC with the ingress rule
    // { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }.
    // https://github.com/pulumi/pulumi-awsx/blob/master/awsx/ecs/fargateService.ts
    // Both versions of that file read have the open group: awsx 3's (the tasks in the default
    // VPC's private subnets, a public IP only with `assignPublicIp: true`, and a refusal when the
    // default VPC has no private subnet) and an earlier one, without `assignPublicIp`, that put
    // the tasks in the default VPC's public subnets with public IPs. Which release changed it was
    // not found, and a policy sees the component's inputs, not the package version that
    // registered it, so the message says which versions it describes, as the ALB rule's does.
    if (props.networkConfiguration === undefined || props.networkConfiguration === null) {
      ctx.report(
        "No networkConfiguration: awsx (3, and the earlier releases read) creates the service's " +
          "security group in the default VPC, open to all traffic from 0.0.0.0/0 and ::/0; " +
          "earlier releases also run the tasks in its public subnets with public IPs.",
      );
    }
  },
});
