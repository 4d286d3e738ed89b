// Checks shared by resource-based policies (bucket, key, repository and VPC endpoint policies):
// who a statement grants to, how to name its actions, TLS-only and allow-everything shapes. Whether
// a policy makes its resource public is decided in one place: ./public-policy.ts.
import { IamDocument, IamStatement, isWildcardPrincipal } from "./policy-document";
import type { PartialList } from "./policy-elements";

/** True when a statement's principals include everyone (`"*"`, `{"AWS": "*"}` ...). */
export function hasWildcardPrincipal(s: IamStatement): boolean {
  return s.principals?.some(isWildcardPrincipal) ?? false;
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
