// Secrets Manager guardrails: automatic rotation (./rotation.ts); and no credentials written into
// uploaded objects (./embedded.ts). Encryption with a customer-managed key is the KMS policies'
// rule (../kms/storage.ts), public secret policies the exposure policies'.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { secretsManagerRotation } from "./rotation";
import { s3ObjectNoEmbeddedCredentials } from "./embedded";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  secretsManagerRotation,
  s3ObjectNoEmbeddedCredentials,
];
