// QLDB ledgers use the STANDARD permissions mode, the one in which IAM policies can grant least
// privilege on the ledger's data.
import { resourcePolicy } from "../../lib/define";
import { QLDB_LEDGER } from "../../lib/types";
import { awsDocs, checkov } from "../../lib/controls";

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
  types: [QLDB_LEDGER],
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
