// Audit-trail guardrails: CloudTrail log-file validation and multi-region trails
// (./cloudtrail.ts). Encryption of trails with customer-managed keys is the KMS policies' rule.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Rule modules are imported in the order of `policies` below (the order the catalog keeps).
import { cloudtrailLogFileValidation, cloudtrailMultiRegion } from "./cloudtrail";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  cloudtrailLogFileValidation,
  cloudtrailMultiRegion,
];
