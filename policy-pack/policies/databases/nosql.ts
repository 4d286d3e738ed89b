// DynamoDB tables keep point-in-time recovery; QLDB ledgers use the STANDARD permissions mode, the
// one in which IAM policies can grant least privilege on the ledger's data. Encryption with a
// customer-managed key is the KMS policies' rule (../kms/nosql.ts); resource policies are the
// exposure policies'.
import { resourcePolicy } from "../../lib/define";
import { DYNAMODB_TABLE, QLDB_LEDGER } from "../../lib/types";
import { NATIVE_DYNAMODB_TABLE, NATIVE_QLDB_LEDGER } from "../../lib/native/types";
import { awsDocs, checkov, fsbp, kics, trivy } from "../../lib/controls";
import { flagOn } from "../../lib/values";

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
  types: [DYNAMODB_TABLE, NATIVE_DYNAMODB_TABLE],
  check: (props, ctx) => {
    if (!flagOn(props.pointInTimeRecovery?.enabled)) {
      ctx.report(
        "pointInTimeRecovery is not enabled: the table can only be restored from backups.",
      );
    }
  },
});

export const qldbLedgerStandardPermissions = resourcePolicy({
  name: "qldb-ledger-standard-permissions",
  description:
    "QLDB ledgers use the STANDARD permissions mode. Mandatory: in the legacy ALLOW_ALL mode " +
    "whoever may call SendCommand on the ledger runs every PartiQL command on every table, and " +
    "the table- and command-level IAM policies written for least privilege are ignored.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set permissionsMode: "STANDARD" and grant each role the PartiQL actions (qldb:PartiQLSelect, ' +
    "qldb:PartiQLInsert…) on the tables it needs, besides qldb:SendCommand on the ledger.",
  references: [
    checkov("CKV_AWS_170"),
    awsDocs("qldb/latest/developerguide/API_UpdateLedgerPermissionsMode"),
  ],
  types: [QLDB_LEDGER, NATIVE_QLDB_LEDGER],
  check: (props, ctx) => {
    // QLDB API, CreateLedger / UpdateLedgerPermissionsMode: PermissionsMode is ALLOW_ALL or
    // STANDARD ("We strongly recommend using the STANDARD permissions mode"); the provider requires
    // it, so a missing value is reported like ALLOW_ALL rather than guessed.
    const mode = props.permissionsMode;
    if (String(mode ?? "").toUpperCase() !== "STANDARD") {
      ctx.report(
        `permissionsMode is ${mode === undefined ? "not set" : JSON.stringify(mode)}: every ` +
          "caller with qldb:SendCommand runs all PartiQL commands on all tables.",
      );
    }
  },
});
