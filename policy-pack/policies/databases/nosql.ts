// DynamoDB tables keep point-in-time recovery. Encryption with a customer-managed key is the KMS
// policies' rule (../kms/nosql.ts); resource policies are the exposure policies'.
import { resourcePolicy } from "../../lib/define";
import { DYNAMODB_TABLE } from "../../lib/types";
import { awsDocs, checkov, fsbp, kics, trivy } from "../../lib/controls";

export const dynamodbPointInTimeRecovery = resourcePolicy({
  name: "dynamodb-table-point-in-time-recovery",
  description:
    "DynamoDB tables turn on point-in-time recovery, so a bad write or delete can be undone to any " +
    "second of the retention window. Advisory: recovery, not exposure.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: "Set `pointInTimeRecovery: { enabled: true }`.",
  references: [
    checkov("CKV_AWS_28"),
    kics("DynamoDB Table Point In Time Recovery Disabled"),
    trivy("AWS-0024"),
    fsbp("DynamoDB.2"),
    awsDocs("amazondynamodb/latest/developerguide/PointInTimeRecovery"),
  ],
  types: [DYNAMODB_TABLE],
  check: (props, ctx) => {
    if (props.pointInTimeRecovery?.enabled !== true) {
      ctx.report(
        "pointInTimeRecovery is not enabled: the table can only be restored from backups.",
      );
    }
  },
});
