// The CloudWatch log groups awsx components create: the one every awsx task definition makes for
// its containers unless told otherwise, and the one a CloudTrail Trail makes when its CloudWatch
// Logs delivery is enabled. Judged on the components' inputs with the verdict of
// cloudwatch-log-group-kms-cmk (mandatory).
//
// What awsx creates, from its source (pulumi-awsx awsx/cloudwatch/logGroup.ts): `defaultLogGroup`
// returns nothing when `skip` is true, the named group when `existing` is given, and otherwise a
// new aws.cloudwatch.LogGroup from `args` alone; `optionalLogGroup` does the same only when
// `enable` is true. awsx/ecs/fargateTaskDefinition.ts and awsx/ecs/ec2TaskDefinition.ts call
// `defaultLogGroup(name, args.logGroup, {}, ...)` (a FargateService or EC2Service builds such a task
// definition from `taskDefinitionArgs`); awsx/cloudtrail/trail.ts calls
// `optionalLogGroup(name, cloudWatchLogsGroup, {}, ...)`. No default sets `kmsKeyId`.
import {
  AWSX_ECS_COMPONENTS,
  awsxCreatedLogGroupArgs,
  awsxKeyProblem,
  awsxTaskArgs,
} from "../../lib/components/awsx";
import { resourcePolicy } from "../../lib/define";
import { AWSX_TRAIL } from "../../lib/types";
import { checkov, trivy } from "../../lib/controls";

export const awsxLogGroupKms = resourcePolicy({
  name: "awsx-log-group-kms-cmk",
  description:
    "The log groups awsx creates (a task definition's `logGroup`, by default; a Trail's `cloudWatchLogsGroup` when enabled) are encrypted with a customer-managed KMS key. Without `args.kmsKeyId` awsx creates them with CloudWatch Logs' service-owned key. Mandatory, as cloudwatch-log-group-kms-cmk.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set `logGroup: { args: { kmsKeyId: key.arn, retentionInDays: 365 } }` in the task definition arguments (for a Trail, `cloudWatchLogsGroup: { enable: true, args: { kmsKeyId: key.arn } }`), or name a log group the stack encrypts with `existing: { arn }`; the key policy must let logs.<region>.amazonaws.com use the key.",
  references: [checkov("CKV_AWS_158"), trivy("AWS-0017")],
  types: [...AWSX_ECS_COMPONENTS, AWSX_TRAIL],
  check: (props, ctx, args) => {
    const trail = args.type === AWSX_TRAIL;
    // A service given an existing `taskDefinition` (no `taskDefinitionArgs`) creates no task.
    const input = trail ? props.cloudWatchLogsGroup : awsxTaskArgs(args.type, props)?.logGroup;
    if (!trail && !awsxTaskArgs(args.type, props)) return;
    const groupArgs = awsxCreatedLogGroupArgs(input, trail);
    if (!groupArgs) return;
    const setting = trail ? "cloudWatchLogsGroup.args.kmsKeyId" : "logGroup.args.kmsKeyId";
    const problem = awsxKeyProblem(
      () => groupArgs.kmsKeyId,
      `The log group awsx creates (${setting})`,
      "CloudWatch Logs then uses its service-owned key",
    );
    if (problem) ctx.report(problem);
  },
});
