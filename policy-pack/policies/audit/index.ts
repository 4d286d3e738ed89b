// Audit-trail guardrails: CloudTrail log-file validation and multi-region trails
// (./cloudtrail.ts). Encryption of trails with customer-managed keys is the KMS policies' rule.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { cloudtrailLogFileValidation, cloudtrailMultiRegion } from "./cloudtrail";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  cloudtrailLogFileValidation,
  cloudtrailMultiRegion,
];
