// AWS Backup plans: recovery points expire as intended (encryption of vaults with customer-managed
// keys is the KMS policies' rule, ../kms/storage.ts).
import { resourcePolicy } from "../../lib/define";
import { asList } from "../../lib/values";
import { BACKUP_PLAN } from "../../lib/types";
import { NATIVE_BACKUP_PLAN } from "../../lib/native/types";
import { awsDocs } from "../../lib/controls";

export const backupPlanLifecycle = resourcePolicy({
  name: "backup-plan-lifecycle",
  description:
    "Every AWS Backup plan rule (and copy action) should set a lifecycle with `deleteAfter`, so recovery points expire " +
    "as intended instead of accumulating forever. Advisory: cost and data-retention hygiene.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `lifecycle: { deleteAfter: <days> }` on every rule and on every copy action.",
  references: [awsDocs("AWS Backup plan lifecycle")],
  types: [BACKUP_PLAN, NATIVE_BACKUP_PLAN],
  check: (props, ctx) => {
    const rules = asList(props.rules);
    if (rules.length === 0) ctx.report("The backup plan has no rules.");
    for (const rule of rules) {
      if (typeof rule?.lifecycle?.deleteAfter !== "number") {
        ctx.report(
          `Rule '${rule?.ruleName}' keeps recovery points forever (no lifecycle.deleteAfter).`,
        );
      }
      for (const copy of asList(rule?.copyActions)) {
        if (typeof copy?.lifecycle?.deleteAfter !== "number") {
          ctx.report(
            `A copy action of rule '${rule?.ruleName}' keeps copies forever (no lifecycle.deleteAfter).`,
          );
        }
      }
    }
  },
});
