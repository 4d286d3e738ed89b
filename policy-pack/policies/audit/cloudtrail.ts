// CloudTrail trails that can be trusted and see everything: logging switched on, log-file
// integrity validation,
// multi-region trails that include global service events, and delivery to CloudWatch Logs for
// alarms (advisory). Their encryption with a
// customer-managed key is the KMS policies' rule.
import { reportIf, requireTrue, resourcePolicy } from "../../lib/define";
import { CLOUDTRAIL_TRAIL } from "../../lib/types";
import { NATIVE_CLOUDTRAIL_TRAIL } from "../../lib/native/types";
import { present, flagOn, flagValue } from "../../lib/values";
import { awsDocs, checkov, fsbp, kics, trivy } from "../../lib/controls";

export const cloudtrailLogFileValidation = resourcePolicy({
  name: "cloudtrail-log-file-validation",
  description:
    "CloudTrail trails turn on log file integrity validation, so a modified or deleted log file " +
    "can be detected.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set enableLogFileValidation: true (CloudTrail then delivers signed digest files; check them " +
    "with `aws cloudtrail validate-logs`).",
  references: [
    checkov("CKV_AWS_36"),
    kics("CloudTrail Log File Validation Disabled"),
    trivy("AWS-0016"),
    fsbp("CloudTrail.4"),
  ],
  types: [CLOUDTRAIL_TRAIL, NATIVE_CLOUDTRAIL_TRAIL],
  // CloudTrail user guide, "Validating CloudTrail log file integrity": off unless enabled.
  check: requireTrue("enableLogFileValidation", "tampering with log files goes unnoticed"),
});

export const cloudtrailMultiRegion = resourcePolicy({
  name: "cloudtrail-multi-region",
  description:
    "CloudTrail trails record every region (isMultiRegionTrail) and global service events such " +
    "as IAM and STS.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set isMultiRegionTrail: true and keep includeGlobalServiceEvents true (the default), so " +
    "activity in regions the platform does not use is recorded too.",
  references: [
    checkov("CKV_AWS_67"),
    kics("CloudTrail Multi Region Disabled"),
    trivy("AWS-0014"),
    fsbp("CloudTrail.1"),
  ],
  types: [CLOUDTRAIL_TRAIL, NATIVE_CLOUDTRAIL_TRAIL],
  check: (props, ctx) => {
    if (!flagOn(props.isMultiRegionTrail)) {
      ctx.report("isMultiRegionTrail is not true: activity in other regions is not recorded.");
    }
    // Global services (IAM, STS, CloudFront) log to us-east-1 and reach a trail only with this on.
    if (flagValue(props.includeGlobalServiceEvents) === false) {
      ctx.report("includeGlobalServiceEvents is false: IAM and STS activity is not recorded.");
    }
  },
});

export const cloudtrailCloudWatchLogs = resourcePolicy({
  name: "cloudtrail-cloudwatch-logs",
  description:
    "CloudTrail trails also deliver events to a CloudWatch Logs group (cloudWatchLogsGroupArn with " +
    "cloudWatchLogsRoleArn), so metric filters and alarms can react to root logins, policy " +
    "changes and denied calls within minutes. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `cloudWatchLogsGroupArn` to the log group's ARN followed by `:*`, and " +
    "`cloudWatchLogsRoleArn` to a role CloudTrail may assume that can logs:CreateLogStream and " +
    "logs:PutLogEvents on that group.",
  references: [
    checkov("CKV2_AWS_10"),
    trivy("AWS-0162"),
    fsbp("CloudTrail.5"),
    awsDocs("awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs"),
  ],
  types: [CLOUDTRAIL_TRAIL, NATIVE_CLOUDTRAIL_TRAIL],
  check: (props, ctx) => {
    if (!present(props, "cloudWatchLogsGroupArn")) {
      ctx.report("cloudWatchLogsGroupArn is not set: no alarm can watch the trail's events.");
    } else if (!present(props, "cloudWatchLogsRoleArn")) {
      ctx.report("cloudWatchLogsRoleArn is not set: CloudTrail cannot write to the log group.");
    }
  },
});

export const cloudtrailLoggingEnabled = resourcePolicy({
  name: "cloudtrail-logging-enabled",
  description:
    "CloudTrail trails are logging (enableLogging, true by default, is not turned off). " +
    "Advisory: a stopped trail records nothing while looking configured.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: "Remove `enableLogging: false` (or set it to true).",
  references: [
    checkov("CKV_AWS_251"),
    awsDocs("awscloudtrail/latest/APIReference/API_StopLogging"),
  ],
  types: [CLOUDTRAIL_TRAIL, NATIVE_CLOUDTRAIL_TRAIL],
  check: reportIf("enableLogging", false, "the trail records nothing"),
});
