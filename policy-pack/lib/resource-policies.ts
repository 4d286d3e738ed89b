// Checks shared by resource-based policies (bucket, key, repository and VPC endpoint policies):
// who a statement grants to, whether it grants to everyone, and how to name its actions.
import { fixedValue, narrowingClauses } from "./conditions";
import { IamDocument, IamStatement, isWildcardPrincipal } from "./policy-document";
import type { PartialList } from "./policy-elements";

/** True when a statement's principals include everyone (`"*"`, `{"AWS": "*"}` ...). */
export function hasWildcardPrincipal(s: IamStatement): boolean {
  return s.principals?.some(isWildcardPrincipal) ?? false;
}

/** How an Allow statement grants to everyone. */
export type PublicGrant = "not-principal" | "wildcard-principal";

/**
 * Whether an Allow statement grants to everyone: through `NotPrincipal` (everyone except the
 * listed principals), or to a wildcard principal without a condition that narrows it to known
 * callers (a positive operator on one of `keys` with fixed values only). Undefined if not.
 */
export function publicGrant(s: IamStatement, keys: readonly string[]): PublicGrant | undefined {
  if (!s.isAllow) return undefined;
  if (s.notPrincipals !== undefined) return "not-principal";
  if (hasWildcardPrincipal(s) && narrowingClauses(s, keys, fixedValue).length === 0) {
    return "wildcard-principal";
  }
  return undefined;
}

const PUBLIC_GRANT_WHY: Record<PublicGrant, string> = {
  "not-principal": "Allow with NotPrincipal grants everyone not listed",
  "wildcard-principal": 'Allow to Principal "*" without a narrowing condition',
};

/** The statements of a document that grant to everyone (see `publicGrant`), with why. */
export function publicGrants(
  doc: IamDocument,
  keys: readonly string[],
): { statement: IamStatement; why: string }[] {
  const out: { statement: IamStatement; why: string }[] = [];
  for (const statement of doc.statements) {
    const grant = publicGrant(statement, keys);
    if (grant) out.push({ statement, why: PUBLIC_GRANT_WHY[grant] });
  }
  return out;
}

/** For a document given as a string that is not JSON: the finding's words, else undefined. */
export function jsonErrorOf(doc: IamDocument): string | undefined {
  return doc.jsonError === undefined
    ? undefined
    : `the policy document is not valid JSON (${doc.jsonError})`;
}

/** Actions of a statement for a message. */
export function actionsText(s: IamStatement): string {
  const actions = s.actions?.asWritten ?? [];
  if (actions.length) return actions.join(", ");
  const notActions = s.notActions?.asWritten ?? [];
  if (notActions.length) return `all but ${notActions.join(", ")}`;
  return "(no action)";
}

/**
 * True when the statement denies every S3 request made without TLS: `Deny`, principal `*`, action
 * `s3:*` or `*`, condition `Bool` (or `BoolIfExists`) `aws:SecureTransport` = `false`, on both the
 * bucket and its objects (or `*`).
 */
export function deniesInsecureTransport(s: IamStatement): boolean {
  if (s.effect !== "Deny" || !hasWildcardPrincipal(s)) return false;
  const actions = s.actions?.asWritten ?? [];
  if (!actions.some((a) => a === "*" || a.toLowerCase() === "s3:*")) return false;
  const tls = s.conditions.some(
    (c) =>
      (c.operator === "Bool" || c.operator === "BoolIfExists") &&
      c.key.toLowerCase() === "aws:securetransport" &&
      c.values.some((v) => v.toLowerCase() === "false"),
  );
  if (!tls) return false;
  const resources = s.resources?.asWritten ?? [];
  if (resources.includes("*")) return true;
  const bucketLevel = resources.some((r) => /^arn:[^:]+:s3:::[^/]+$/.test(r));
  const objectLevel = resources.some((r) => /^arn:[^:]+:s3:::[^/]+\/\*$/.test(r));
  return bucketLevel && objectLevel;
}

/**
 * True when the document allows everything to everyone: an Allow statement with a wildcard
 * principal, Action `*`, Resource `*` (or none) and no Condition (the default VPC endpoint policy).
 * Throws if that depends on a value unknown at preview.
 */
export function grantsEverything(doc: IamDocument): boolean {
  const star = (list: PartialList<string> | undefined) =>
    list !== undefined && list.some((v) => v === "*");
  return doc.walk(
    (s) =>
      s.isAllow &&
      hasWildcardPrincipal(s) &&
      star(s.actions) &&
      (s.resources === undefined || star(s.resources)) &&
      !s.hasCondition,
  );
}
