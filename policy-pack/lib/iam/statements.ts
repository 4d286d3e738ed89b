// Questions the IAM rules ask of a statement beyond what ../policy-document.ts answers.
import type { IamStatement } from "../policy-document";

/**
 * Whether an identity or trust statement grants: an Allow, and also a statement whose Effect AWS
 * would reject (missing, misspelt), read the strict way like malformed principals are, so a broken
 * document never hides a grant (KICS reads a missing Effect as Allow, as Terraform's
 * `aws_iam_policy_document` does; `iam-policy-document-valid` reports the malformed Effect).
 * A Deny grants nothing, and neither does a Deny in the wrong case (`"deny"`), which AWS rejects
 * too (the Effect value is case sensitive) and no reading turns into a grant, as the resource
 * policy rules read it (../public-policy.ts). Neither does an Allow that Deny statements of its
 * document override entirely (../deny-override.ts). Throws if the Effect is unknown at preview.
 */
export function grantsAccess(s: IamStatement): boolean {
  return !s.saysDeny && !s.overriddenByDeny;
}
