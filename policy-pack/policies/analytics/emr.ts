// EMR clusters: logs archived to S3, and a security configuration that encrypts data in transit.
// Encryption at rest of the configuration with customer-managed keys is the KMS policies' rule
// (../kms/analytics.ts, emr-security-configuration-kms-cmk); block public access is the exposure
// policies' (../exposure/internet-access.ts).
import { resourcePolicy, stackPolicy } from "../../lib/define";
import { EMR_CLUSTER, EMR_SECURITY_CONFIGURATION } from "../../lib/types";
import { byKnownName, namedTarget } from "../../lib/references";
import { holdsValue, jsonDocument } from "../../lib/values";
import { awsDocs, cdkNag } from "../../lib/controls";
import { NATIVE_EMR_CLUSTER, NATIVE_EMR_SECURITY_CONFIGURATION } from "../../lib/native/types";

export const emrClusterLogging = resourcePolicy({
  name: "emr-cluster-logging",
  description:
    "EMR clusters archive their step, application and node logs to S3 (logUri). Without logUri, " +
    "EMR writes no log files to S3 and they go with the cluster's nodes. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `logUri` to a location in the stack's log bucket (for example s3://<bucket>/emr/) and " +
    "`logEncryptionKmsKeyId` to the stack's key.",
  references: [
    cdkNag("AwsSolutions-EMR2"),
    // "Configure cluster logging and debugging": by default a cluster writes its log files on the
    // primary node only; it archives them to S3 when a log location (LogUri) is given.
    awsDocs("emr/latest/ManagementGuide/emr-plan-debugging"),
  ],
  types: [EMR_CLUSTER, NATIVE_EMR_CLUSTER],
  check: (props, ctx) => {
    if (!holdsValue(() => props.logUri))
      ctx.report("No logUri: the cluster's logs are not kept in S3.");
  },
});

export const emrClusterSecurityConfiguration = stackPolicy({
  name: "emr-cluster-security-configuration",
  description:
    "EMR clusters run with a security configuration (securityConfiguration) that turns on " +
    "encryption in transit (EncryptionConfiguration.EnableInTransitEncryption) as well as at rest. " +
    "A cluster without one encrypts neither its local disks nor its traffic. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create an `aws.emr.SecurityConfiguration` whose configuration sets EnableAtRestEncryption " +
    "and EnableInTransitEncryption to true (with a TLS certificate provider) and set the cluster's " +
    "`securityConfiguration` to its name.",
  references: [
    cdkNag("AwsSolutions-EMR4"),
    cdkNag("AwsSolutions-EMR5"),
    awsDocs("emr/latest/ManagementGuide/emr-data-encryption-options"),
  ],
  types: [
    EMR_CLUSTER,
    EMR_SECURITY_CONFIGURATION,
    NATIVE_EMR_CLUSTER,
    NATIVE_EMR_SECURITY_CONFIGURATION,
  ],
  appliesTo: [EMR_CLUSTER, NATIVE_EMR_CLUSTER],
  check: (ctx) => {
    const byName = byKnownName(ctx.index.ofType(EMR_SECURITY_CONFIGURATION));
    for (const cluster of ctx.index.ofType(EMR_CLUSTER)) {
      ctx.each(cluster, () => {
        const { target: config, name } = namedTarget(
          ctx.index,
          cluster,
          "securityConfiguration",
          EMR_SECURITY_CONFIGURATION,
          byName,
        );
        if (config === undefined && !name) {
          ctx.report(
            cluster,
            "No securityConfiguration: neither local disks nor traffic are encrypted.",
          );
          return;
        }
        if (config === undefined) {
          ctx.report(
            cluster,
            `security configuration "${String(name)}" is not in this stack: its encryption ` +
              "cannot be read.",
          );
          return;
        }
        const doc = jsonDocument(config.props.configuration);
        if (doc?.EncryptionConfiguration?.EnableInTransitEncryption !== true) {
          ctx.report(
            cluster,
            `security configuration "${config.name}" does not set ` +
              "EncryptionConfiguration.EnableInTransitEncryption to true.",
          );
        }
      });
    }
  },
});
