// Compute guardrails: EC2 instances and launch templates (./instances.ts, ./instance-settings.ts)
// and their EBS volumes (./ebs.ts), Auto Scaling groups (./autoscaling.ts), launch templates named
// from outside the stack (./launch-template-references.ts), the EFS access points
// they mount (./efs-access-points.ts), ECS task definitions, services and clusters
// (./task-definitions.ts, ./services.ts), ECR repositories (./ecr.ts), Lambda functions
// (./lambda.ts), SageMaker notebook instances (./sagemaker.ts), EKS clusters (./eks.ts), Step
// Functions state machines (./step-functions.ts), Elastic Beanstalk environments (./beanstalk.ts)
// and AWS Batch job definitions (./batch.ts); the SQS queues workloads consume, and their
// dead-letter queues (./queues.ts).
// Encryption at rest with customer-managed keys is the KMS policies' (../kms), except EBS, whose
// account defaults these rules read.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { instanceImdsHopLimit, instanceImdsV2, instanceNoPublicIp } from "./instances";
import { ebsEncryptionByDefault, ebsVolumeEncrypted, instanceEbsEncrypted } from "./ebs";
import {
  instanceDetailedMonitoring,
  instanceNoSecretsInUserData,
  instanceEbsOptimized,
  instanceProfileAttached,
} from "./instance-settings";
import {
  autoscalingGroupElbHealthCheck,
  autoscalingGroupLaunchTemplate,
  autoscalingGroupNotifications,
  autoscalingGroupPropagatesTags,
} from "./autoscaling";
import { launchTemplateInStack } from "./launch-template-references";
import { efsAccessPointPosixUser, efsAccessPointRootDirectory } from "./efs-access-points";
import {
  ecsTaskDefinitionAwsvpc,
  ecsTaskDefinitionDistinctRoles,
  ecsTaskDefinitionEfsTransitEncryption,
  ecsTaskDefinitionLogging,
  ecsTaskDefinitionNoHostNamespaces,
  ecsTaskDefinitionNonRootUser,
  ecsTaskDefinitionNoPlaintextSecrets,
  ecsTaskDefinitionNotPrivileged,
  ecsTaskDefinitionReadOnlyRoot,
} from "./task-definitions";
import {
  ecsClusterContainerInsights,
  ecsServiceCircuitBreaker,
  ecsServiceFargatePlatformVersion,
  ecsServiceNoPublicIp,
} from "./services";
import {
  ecrRepositoryLifecyclePolicy,
  ecrRepositoryPolicyNotPublic,
  ecrRepositoryScanOnPush,
  ecrRepositoryTagImmutability,
} from "./ecr";
import {
  lambdaCodeSigning,
  lambdaDeadLetterQueue,
  lambdaInVpc,
  lambdaNoPlaintextCredentials,
  lambdaSupportedRuntime,
  lambdaTracing,
} from "./lambda";
import {
  sagemakerNotebookImdsV2,
  sagemakerNotebookInVpc,
  sagemakerNotebookNoRootAccess,
} from "./sagemaker";
import { eksControlPlaneLogging, eksStandardSupportVersion, eksSupportedVersion } from "./eks";
import { sfnExecutionLogging, sfnTracing } from "./step-functions";
import {
  beanstalkHealthReporting,
  beanstalkLogPublication,
  beanstalkManagedUpdates,
  beanstalkStreamLogs,
} from "./beanstalk";
import { batchJobDefinitionNotPrivileged } from "./batch";
import { sqsQueueDeadLetterQueue } from "./queues";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  instanceImdsV2,
  instanceImdsHopLimit,
  instanceNoPublicIp,
  instanceEbsEncrypted,
  ebsVolumeEncrypted,
  ebsEncryptionByDefault,
  instanceDetailedMonitoring,
  instanceProfileAttached,
  instanceNoSecretsInUserData,
  instanceEbsOptimized,
  autoscalingGroupLaunchTemplate,
  autoscalingGroupPropagatesTags,
  autoscalingGroupNotifications,
  autoscalingGroupElbHealthCheck,
  launchTemplateInStack,
  efsAccessPointRootDirectory,
  efsAccessPointPosixUser,
  ecsTaskDefinitionNotPrivileged,
  batchJobDefinitionNotPrivileged,
  ecsTaskDefinitionReadOnlyRoot,
  ecsTaskDefinitionNonRootUser,
  ecsTaskDefinitionNoPlaintextSecrets,
  ecsTaskDefinitionLogging,
  ecsTaskDefinitionAwsvpc,
  ecsTaskDefinitionNoHostNamespaces,
  ecsTaskDefinitionDistinctRoles,
  ecsTaskDefinitionEfsTransitEncryption,
  ecsServiceNoPublicIp,
  ecsServiceCircuitBreaker,
  ecsServiceFargatePlatformVersion,
  ecsClusterContainerInsights,
  ecrRepositoryTagImmutability,
  ecrRepositoryScanOnPush,
  ecrRepositoryLifecyclePolicy,
  ecrRepositoryPolicyNotPublic,
  lambdaNoPlaintextCredentials,
  lambdaSupportedRuntime,
  lambdaInVpc,
  lambdaTracing,
  lambdaDeadLetterQueue,
  lambdaCodeSigning,
  sagemakerNotebookImdsV2,
  sagemakerNotebookNoRootAccess,
  sagemakerNotebookInVpc,
  eksControlPlaneLogging,
  eksSupportedVersion,
  eksStandardSupportVersion,
  sfnExecutionLogging,
  sfnTracing,
  beanstalkHealthReporting,
  beanstalkManagedUpdates,
  beanstalkStreamLogs,
  beanstalkLogPublication,
  sqsQueueDeadLetterQueue,
];
