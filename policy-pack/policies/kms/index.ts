// KMS policies: key rotation, explicit key policies without wildcard principals, deletion window,
// descriptions (./keys.ts); and encryption at rest with customer-managed keys for the other types
// the platform creates (ECR, Redshift Serverless, CodeBuild, CodePipeline; SNS and SQS advisory,
// ./service-keys.ts). A key reference counts as customer-managed when it was built from a key,
// alias or replica key of this stack (property dependency: works at preview, when the key's ARN is
// unknown) or is a literal key id/ARN/alias outside the reserved `alias/aws/` namespace.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Rule modules are imported in the order of `policies` below (the order the catalog keeps).
import { keyDeletionWindow, keyDescription, keyPolicyNoWildcard, keyRotationEnabled } from "./keys";
import { codebuildKms, codepipelineKms, ecrKms, redshiftKms, snsKms, sqsKms } from "./service-keys";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  keyRotationEnabled,
  keyPolicyNoWildcard,
  keyDeletionWindow,
  keyDescription,
  ecrKms,
  redshiftKms,
  codebuildKms,
  codepipelineKms,
  snsKms,
  sqsKms,
];
