// Elastic Beanstalk environments: enhanced health reporting streamed to CloudWatch Logs, managed
// platform updates, and instance logs streamed to CloudWatch Logs and rotated to S3. Both are option settings (`settings: [{ namespace, name, value }]`).
import { resourcePolicy } from "../../lib/define";
import { ELASTICBEANSTALK_ENVIRONMENT } from "../../lib/types";
import { asList } from "../../lib/values";
import { awsDocs, cdkNag, checkov, fsbp } from "../../lib/controls";
import { NATIVE_ELASTICBEANSTALK_ENVIRONMENT } from "../../lib/native/types";

/** The value of an option setting, or undefined when the environment does not set it. */
function optionValue(props: any, namespace: string, name: string): string | undefined {
  for (const s of asList(props.settings)) {
    if (s?.namespace === namespace && s?.name === name) return String(s.value);
  }
  return undefined;
}

const HEALTH = "aws:elasticbeanstalk:healthreporting:system";

export const beanstalkHealthReporting = resourcePolicy({
  name: "elasticbeanstalk-environment-health-reporting",
  description:
    "Elastic Beanstalk environments use enhanced health reporting (SystemType enhanced, not the " +
    "basic default) and stream it to CloudWatch Logs (HealthStreamingEnabled).",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    `Add settings { namespace: "${HEALTH}", name: "SystemType", value: "enhanced" } and ` +
    `{ namespace: "aws:elasticbeanstalk:cloudwatch:logs:health", name: "HealthStreamingEnabled", value: "true" }.`,
  // Checkov CKV_AWS_312 has checked both: SystemType "enhanced" in earlier releases,
  // HealthStreamingEnabled in later ones.
  references: [checkov("CKV_AWS_312"), fsbp("ElasticBeanstalk.1")],
  types: [ELASTICBEANSTALK_ENVIRONMENT, NATIVE_ELASTICBEANSTALK_ENVIRONMENT],
  check: (props, ctx) => {
    const system = optionValue(props, HEALTH, "SystemType");
    if (system?.toLowerCase() !== "enhanced") {
      ctx.report(`SystemType is ${system ? `"${system}"` : "not set (basic)"}, not "enhanced".`);
    }
    // The option lives in aws:elasticbeanstalk:cloudwatch:logs:health; Checkov reads it from the
    // health reporting namespace, so either counts.
    const streaming =
      optionValue(props, "aws:elasticbeanstalk:cloudwatch:logs:health", "HealthStreamingEnabled") ??
      optionValue(props, HEALTH, "HealthStreamingEnabled");
    if (streaming?.toLowerCase() !== "true") {
      ctx.report("HealthStreamingEnabled is not true: health is not streamed to CloudWatch Logs.");
    }
  },
});

export const beanstalkManagedUpdates = resourcePolicy({
  name: "elasticbeanstalk-environment-managed-updates",
  description:
    "Elastic Beanstalk environments enable managed platform updates (ManagedActionsEnabled), so " +
    "platform patches are applied in a maintenance window.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Add settings { namespace: "aws:elasticbeanstalk:managedactions", name: ' +
    '"ManagedActionsEnabled", value: "true" } and a PreferredStartTime, with ' +
    '{ namespace: "aws:elasticbeanstalk:managedactions:platformupdate", name: "UpdateLevel", ' +
    'value: "minor" }.',
  references: [cdkNag("AwsSolutions-EB3"), checkov("CKV_AWS_340"), fsbp("ElasticBeanstalk.2")],
  types: [ELASTICBEANSTALK_ENVIRONMENT, NATIVE_ELASTICBEANSTALK_ENVIRONMENT],
  check: (props, ctx) => {
    const on = optionValue(props, "aws:elasticbeanstalk:managedactions", "ManagedActionsEnabled");
    if (on?.toLowerCase() !== "true") {
      ctx.report("ManagedActionsEnabled is not true: platform updates are not managed.");
    }
  },
});

/** Elastic Beanstalk's general options reference: every option below defaults to false. */
const OPTIONS_DOC = "elasticbeanstalk/latest/dg/command-options-general";

export const beanstalkStreamLogs = resourcePolicy({
  name: "elasticbeanstalk-environment-stream-logs",
  description:
    "Elastic Beanstalk environments stream their instances' logs to CloudWatch Logs " +
    "(aws:elasticbeanstalk:cloudwatch:logs StreamLogs true; the default is false), so they " +
    "outlive the instances. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Add settings { namespace: "aws:elasticbeanstalk:cloudwatch:logs", name: "StreamLogs", ' +
    'value: "true" } and a RetentionInDays.',
  references: [fsbp("ElasticBeanstalk.3"), awsDocs(OPTIONS_DOC)],
  types: [ELASTICBEANSTALK_ENVIRONMENT, NATIVE_ELASTICBEANSTALK_ENVIRONMENT],
  check: (props, ctx) => {
    const on = optionValue(props, "aws:elasticbeanstalk:cloudwatch:logs", "StreamLogs");
    if (on?.toLowerCase() !== "true") {
      ctx.report("StreamLogs is not true: instance logs are not streamed to CloudWatch Logs.");
    }
  },
});

export const beanstalkLogPublication = resourcePolicy({
  name: "elasticbeanstalk-environment-log-publication",
  description:
    "Elastic Beanstalk environments copy their instances' rotated logs to S3 " +
    "(aws:elasticbeanstalk:hostmanager LogPublicationControl true; the default is false). " +
    "Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Add settings { namespace: "aws:elasticbeanstalk:hostmanager", name: ' +
    '"LogPublicationControl", value: "true" }.',
  references: [cdkNag("AwsSolutions-EB4"), awsDocs(OPTIONS_DOC)],
  types: [ELASTICBEANSTALK_ENVIRONMENT, NATIVE_ELASTICBEANSTALK_ENVIRONMENT],
  check: (props, ctx) => {
    const on = optionValue(props, "aws:elasticbeanstalk:hostmanager", "LogPublicationControl");
    if (on?.toLowerCase() !== "true") {
      ctx.report("LogPublicationControl is not true: rotated instance logs are not copied to S3.");
    }
  },
});
