// Compute guardrails: ECS task definitions, services and clusters, ECR repositories and Lambda
// functions (everything but their encryption at rest, which the KMS policies own).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Rule modules are imported in the order of `policies` below (the order the catalog keeps).
import {
  ecsTaskDefinitionAwsvpc,
  ecsTaskDefinitionDistinctRoles,
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
import { lambdaNoPlaintextCredentials } from "./lambda";

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
  lambdaNoPlaintextCredentials,
];
