// AWS Backup guardrails: plans whose recovery points expire (./plans.ts). Vault encryption with a
// customer-managed key is the KMS policies' rule (../kms/storage.ts).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { backupPlanLifecycle } from "./plans";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [backupPlanLifecycle];
