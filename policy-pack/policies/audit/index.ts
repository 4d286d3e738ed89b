// Audit-trail guardrails: CloudTrail logging on, log-file validation, multi-region trails and CloudWatch Logs
// delivery (./cloudtrail.ts); AWS Config aggregators and recorders (./config.ts). Encryption of
// trails with customer-managed keys is the KMS policies' rule.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  cloudtrailCloudWatchLogs,
  cloudtrailLogFileValidation,
  cloudtrailLoggingEnabled,
  cloudtrailMultiRegion,
} from "./cloudtrail";
import {
  configAggregatorAllRegions,
  configRecorderAllResources,
  configRecorderEnabled,
} from "./config";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  cloudtrailLoggingEnabled,
  cloudtrailLogFileValidation,
  cloudtrailMultiRegion,
  cloudtrailCloudWatchLogs,
  configAggregatorAllRegions,
  configRecorderAllResources,
  configRecorderEnabled,
];
