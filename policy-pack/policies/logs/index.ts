// Logging guardrails: CloudWatch log groups encrypted with a customer-managed key and kept for a
// bounded, sufficient time (./log-groups.ts); databases and brokers that publish their own logs
// (./service-logs.ts).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { logGroupKms, logGroupRetention } from "./log-groups";
import { docdbLogExports, mskBrokerLogs, neptuneAuditLogs, rdsLogExports } from "./service-logs";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  logGroupKms,
  logGroupRetention,
  rdsLogExports,
  docdbLogExports,
  neptuneAuditLogs,
  mskBrokerLogs,
];
