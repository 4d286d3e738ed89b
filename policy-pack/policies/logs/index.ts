// Logging guardrails: CloudWatch log groups encrypted with a customer-managed key and kept for a
// bounded, sufficient time (./log-groups.ts); databases and brokers that publish their own logs
// (./service-logs.ts); APIs that log their own execution: API Gateway REST stages and AppSync
// (./api-logs.ts).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { apigatewayStageExecutionLogging, appsyncGraphqlApiLogging } from "./api-logs";
import { logGroupKms, logGroupRetention } from "./log-groups";
import { websocketStageExecutionLogging } from "./websocket-logs";
import { docdbLogExports, mskBrokerLogs, neptuneAuditLogs, rdsLogExports } from "./service-logs";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  logGroupKms,
  logGroupRetention,
  rdsLogExports,
  docdbLogExports,
  neptuneAuditLogs,
  mskBrokerLogs,
  apigatewayStageExecutionLogging,
  websocketStageExecutionLogging,
  appsyncGraphqlApiLogging,
];
