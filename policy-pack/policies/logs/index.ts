// CloudWatch Logs guardrails: log groups encrypted with a customer-managed key and kept for a
// bounded, sufficient time (./log-groups.ts).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { logGroupKms, logGroupRetention } from "./log-groups";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  logGroupKms,
  logGroupRetention,
];
