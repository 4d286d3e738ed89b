// What the platform watches: the service's alarms and the failure events of its deployments, as
// plain data (no SDK), so each threshold is read and tested in one place.
// docs/operations/alerts.md says what each one means and what to do.

/** A CloudWatch metric alarm on one of the service's metrics. */
export interface AlarmSpec {
  /** Suffix of the alarm's name (`<project>-<stack>-<id>`) and of its resource name. */
  readonly id: string;
  /** What it means when it fires: the alarm's description, shown in the notification. */
  readonly description: string;
  readonly namespace: "AWS/ApplicationELB" | "AWS/ECS";
  readonly metricName: string;
  /** Which dimensions the metric is read with. */
  readonly dimensions: "loadBalancer" | "targetGroup" | "service";
  /** A statistic, or a percentile such as `p95`. */
  readonly statistic: "Sum" | "Average" | "Minimum" | "Maximum" | `p${number}`;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** Breaching periods among `evaluationPeriods` that fire the alarm. Defaults to all of them. */
  readonly datapointsToAlarm?: number;
  readonly threshold: number;
  readonly comparison:
    "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold" | "LessThanThreshold";
  /**
   * A period without data: "notBreaching" for counts that are simply absent without traffic
   * (the load balancer publishes 5XX counts only when there are some), "breaching" where silence
   * itself is the problem.
   */
  readonly treatMissingData: "notBreaching" | "breaching";
}

/**
 * 10 or more 5XX answers of one source within 5 minutes. The load balancer publishes these counts
 * only when there are some, so a period without data is a quiet one.
 */
function fiveXxCount(id: string, metricName: string, description: string): AlarmSpec {
  return {
    id,
    description,
    namespace: "AWS/ApplicationELB",
    metricName,
    dimensions: "loadBalancer",
    statistic: "Sum",
    periodSeconds: 300,
    evaluationPeriods: 1,
    threshold: 10,
    comparison: "GreaterThanOrEqualToThreshold",
    treatMissingData: "notBreaching",
  };
}

/** The service's tasks above 85 % of what they reserve, on average over 15 minutes. */
function serviceAbove85(id: string, metricName: string, description: string): AlarmSpec {
  return {
    id,
    description,
    namespace: "AWS/ECS",
    metricName,
    dimensions: "service",
    statistic: "Average",
    periodSeconds: 300,
    evaluationPeriods: 3,
    threshold: 85,
    comparison: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
  };
}

/**
 * The alarms. Load balancer metrics and dimensions: Elastic Load Balancing docs, "CloudWatch
 * metrics for your Application Load Balancer" (HTTPCode_ELB_5XX_Count and HTTPCode_Target_5XX_Count
 * per LoadBalancer; HealthyHostCount per TargetGroup and LoadBalancer; TargetResponseTime in
 * seconds). Service metrics: ECS docs, "Amazon ECS CloudWatch metrics" (CPUUtilization and
 * MemoryUtilization per ClusterName and ServiceName, in percent of what the tasks reserve).
 */
export const ALARMS: readonly AlarmSpec[] = [
  fiveXxCount(
    "app-errors",
    "HTTPCode_Target_5XX_Count",
    "The app answered 10 or more requests with a 5XX status within 5 minutes.",
  ),
  fiveXxCount(
    "lb-errors",
    "HTTPCode_ELB_5XX_Count",
    "The load balancer itself answered 10 or more requests with a 5XX status within 5 minutes (no healthy task, or tasks that time out or reset).",
  ),
  {
    id: "no-healthy-tasks",
    description:
      "No task has passed the load balancer's health check for 3 minutes: the service is down.",
    namespace: "AWS/ApplicationELB",
    metricName: "HealthyHostCount",
    dimensions: "targetGroup",
    statistic: "Minimum",
    periodSeconds: 60,
    evaluationPeriods: 3,
    threshold: 1,
    comparison: "LessThanThreshold",
    // The load balancer publishes the count every minute while the target group is in use: a
    // missing count means nothing reports, which is not a healthy service either.
    treatMissingData: "breaching",
  },
  {
    id: "slow-responses",
    description:
      "The slowest 5 % of requests took over 2 seconds in 2 of the last 3 five-minute periods.",
    namespace: "AWS/ApplicationELB",
    metricName: "TargetResponseTime",
    dimensions: "loadBalancer",
    statistic: "p95",
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    threshold: 2,
    comparison: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
  },
  serviceAbove85(
    "cpu-high",
    "CPUUtilization",
    "The tasks used over 85 % of their CPU for 15 minutes: scale out (runtimeMaxCount) or raise runtimeCpu.",
  ),
  serviceAbove85(
    "memory-high",
    "MemoryUtilization",
    "The tasks used over 85 % of their memory for 15 minutes: a task that reaches its limit is stopped; raise runtimeMemory.",
  ),
];

/** An EventBridge rule that forwards an AWS service's failure events to the topic. */
export interface EventSpec {
  readonly id: string;
  readonly description: string;
  /** Builds the event pattern from the watched resources. */
  readonly pattern: (watched: WatchedNames) => Record<string, unknown>;
}

/** What the event rules match on. */
export interface WatchedNames {
  readonly serviceArn: string;
  readonly pipelineNames: readonly string[];
}

/**
 * The failure events. ECS docs, "Amazon ECS service deployment state change events":
 * SERVICE_DEPLOYMENT_FAILED is sent for services with the deployment circuit breaker on (ours
 * has it: the deployment was rolled back), with the service's ARN in `resources`. CodePipeline
 * docs, "Monitoring CodePipeline events": "CodePipeline Pipeline Execution State Change" with
 * `detail.state` FAILED and the pipeline's name in `detail.pipeline`.
 */
export const EVENTS: readonly EventSpec[] = [
  {
    id: "deployment-failed",
    description: "A deployment of the service failed its health checks and was rolled back.",
    pattern: (w) => ({
      source: ["aws.ecs"],
      "detail-type": ["ECS Deployment State Change"],
      resources: [w.serviceArn],
      detail: { eventName: ["SERVICE_DEPLOYMENT_FAILED"] },
    }),
  },
  {
    id: "pipeline-failed",
    description: "A run of the delivery pipeline failed.",
    pattern: (w) => ({
      source: ["aws.codepipeline"],
      "detail-type": ["CodePipeline Pipeline Execution State Change"],
      detail: { state: ["FAILED"], pipeline: [...w.pipelineNames] },
    }),
  },
];
