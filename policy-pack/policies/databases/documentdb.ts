// DocumentDB clusters and their parameter groups: an AWS-managed master password, TLS left on for
// client connections, and audit events recorded. (Exporting the audit log to CloudWatch Logs is
// the cluster's part: ../logs.)
import { resourcePolicy } from "../../lib/define";
import { DOCDB_CLUSTER, DOCDB_CLUSTER_PARAMETER_GROUP } from "../../lib/types";
import { parameterGroupValue } from "../../lib/values";
import { SUPPLIED_PASSWORD_ADVISORY, suppliedPasswords } from "../../lib/secrets";
import { awsDocs, checkov } from "../../lib/controls";
import {
  NATIVE_DOCDB_CLUSTER_PARAMETER_GROUP,
  NATIVE_DOCDB_CLUSTER_PARAMETER_GROUP_V0,
  NATIVE_DOCDB_DB_CLUSTER,
  NATIVE_DOCDB_DB_CLUSTER_V0,
} from "../../lib/native/types";

export const docdbParameterGroupTls = resourcePolicy({
  name: "docdb-parameter-group-tls",
  description:
    "DocumentDB cluster parameter groups do not turn TLS off (parameter tls = disabled), so " +
    "clients cannot connect in clear text. Advisory. Left out, DocumentDB requires TLS.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Leave the `tls` parameter out, or set it to "enabled" (or "tls1.2+", "tls1.3+", ' +
    '"fips-140-3").',
  references: [
    checkov("CKV_AWS_90"),
    awsDocs("documentdb/latest/developerguide/security.encryption.ssl"),
  ],
  types: [
    DOCDB_CLUSTER_PARAMETER_GROUP,
    NATIVE_DOCDB_CLUSTER_PARAMETER_GROUP,
    NATIVE_DOCDB_CLUSTER_PARAMETER_GROUP_V0,
  ],
  check: (props, ctx) => {
    if (parameterGroupValue(props, "tls") === "disabled") {
      ctx.report("the tls parameter is disabled: clients may connect without TLS.");
    }
  },
});

/** audit_logs values that record nothing (DocumentDB developer guide, "Auditing events"). */
const NO_AUDIT = new Set(["disabled", "none", ""]);

export const docdbParameterGroupAuditLogs = resourcePolicy({
  name: "docdb-parameter-group-audit-logs",
  description:
    "DocumentDB cluster parameter groups turn auditing on (parameter audit_logs: enabled, ddl, " +
    "dml_read, dml_write or all), so authentication, authorisation and data-definition events " +
    "are recorded. Advisory. Left out, auditing is disabled. Checkov CKV_AWS_104 passes only " +
    "values holding enabled, ddl or all; a group logging only DML events passes here too.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Add `{ name: "audit_logs", value: "enabled" }` (or "all") to `parameters`, and export the ' +
    '"audit" log of the cluster (`enabledCloudwatchLogsExports`).',
  references: [checkov("CKV_AWS_104"), awsDocs("documentdb/latest/developerguide/event-auditing")],
  types: [
    DOCDB_CLUSTER_PARAMETER_GROUP,
    NATIVE_DOCDB_CLUSTER_PARAMETER_GROUP,
    NATIVE_DOCDB_CLUSTER_PARAMETER_GROUP_V0,
  ],
  check: (props, ctx) => {
    const value = parameterGroupValue(props, "audit_logs");
    if (value === undefined) {
      ctx.report("no audit_logs parameter: auditing is disabled by default.");
      return;
    }
    const categories = value.split(",").map((v) => v.trim());
    if (categories.every((c) => NO_AUDIT.has(c))) {
      ctx.report(`audit_logs is "${value}": no audit events are recorded.`);
    }
  },
});

export const docdbManagedMasterPassword = resourcePolicy({
  name: "docdb-cluster-managed-master-password",
  description:
    "DocumentDB master passwords should be managed by AWS (manageMasterUserPassword: kept in Secrets Manager and " +
    "rotated) rather than supplied by the program. " +
    SUPPLIED_PASSWORD_ADVISORY,
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Remove `masterPassword`/`masterPasswordWo` and set `manageMasterUserPassword: true`; applications read the " +
    "secret at start.",
  references: [awsDocs("Password management with Amazon DocumentDB and AWS Secrets Manager")],
  types: [DOCDB_CLUSTER, NATIVE_DOCDB_DB_CLUSTER, NATIVE_DOCDB_DB_CLUSTER_V0],
  check: (props, ctx) => {
    for (const key of suppliedPasswords(props, ["masterPassword", "masterPasswordWo"])) {
      ctx.report(`${key} is set by the program.`);
    }
  },
});
