// The pack's one answer to "does this resource policy make the resource public?", for every
// resource policy: bucket, access point, key, queue, topic, secret, file system, vault, repository
// and registry policies. It works on documents parsed by ./policy-document.ts, statement by
// statement, and decides the way AWS does.
//
// AWS's definition (S3 User Guide, "Blocking public access to your Amazon S3 storage", section
// "The meaning of 'public'"): "When evaluating a bucket policy, Amazon S3 begins by assuming that
// the policy is public. It then evaluates the policy to determine whether it qualifies as
// non-public. To be considered non-public, a bucket policy must grant access only to fixed values
// (values that don't contain a wildcard or an AWS Identity and Access Management Policy Variable)
// for one or more of the following: an AWS principal, user, role, or service principal (e.g.
// aws:PrincipalOrgID); a set of CIDRs, using aws:SourceIp [...]; aws:SourceArn; aws:SourceVpc;
// aws:SourceVpce; aws:SourceOwner; aws:SourceAccount; s3:x-amz-server-side-encryption-aws-kms-key-id;
// aws:userid, outside the pattern 'AROLEID:*'; s3:DataAccessPointArn [...]; s3:DataAccessPointAccount."
// Its examples: `"Principal": {"Federated": "graph.facebook.com"}` is public, and so is
// `"Principal": "*"` with `StringLike aws:SourceVpc "vpc-*"`; the same with `StringEquals
// aws:SourceVpc "vpc-91237329"` is not. An aws:SourceIp range broader than AWS's public limit is
// public too (the limit and its quotation: ./ip-ranges.ts, shared with the network rules). For
// access points, "an access point policy that grants access to a set of access points using s3:DataAccessPointArn
// is considered public", and "an access point that has a VPC network origin is always considered
// non-public". IAM Access Analyzer (User Guide, "IAM Access Analyzer filter keys") judges the same
// way and also names the organisation and principal keys (aws:PrincipalArn, aws:PrincipalOrgID,
// aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:SourceOrgID, aws:SourceOrgPaths) and
// kms:CallerAccount for key policies. The VPC-endpoint owner keys AWS added in August 2025
// (aws:VpceAccount, aws:VpceOrgID, aws:VpceOrgPaths: "only requests made through VPC endpoints
// owned by the specified account / organization / OU", IAM User Guide, reference_policies_condition-
// keys; https://aws.amazon.com/about-aws/whats-new/2025/08/aws-iam-new-vpc-endpoint-condition-keys/)
// pin a grant to networks of fixed owners the way aws:SourceVpce pins it to fixed endpoints; KICS
// "SNS Topic Is Publicly Accessible" counts aws:VpceAccount as limiting access too.
//
// So a statement is public when it is an Allow that (a) uses NotPrincipal (everyone but the listed
// principals), or (b) names a principal that is not a fixed one (`"*"`, `{"AWS": "*"}`,
// `{"AWS": ["*"]}`, `{"CanonicalUser": "*"}`, an ARN with a wildcard such as
// `arn:aws:iam::*:role/x`, a web-identity provider such as `graph.facebook.com`) and has no
// condition clause that pins it, with fixed values only, to one of the keys above.
//
// Where this deliberately differs from S3's list, for safety: `s3:x-amz-server-side-encryption-aws-
// kms-key-id` is not accepted (the caller chooses the header; it limits the key, not who may
// call), nor is `aws:ResourceAccount` (it names the resource's own account, not the caller's).
// ARNs whose account part is a fixed 12-digit id count as fixed even with a wildcard in the
// resource part (IAM Access Analyzer attributes such a grant to that account: cross-account, not
// public), except `s3:DataAccessPointArn` in an access point policy (S3's rule above).
//
// Unknown values (preview) are never a pass: each statement is judged on its own, a statement that
// is public on what is known is reported even when another statement (or another part of the same
// statement that does not matter) is unknown, and whatever could not be decided comes back as the
// `unknown` error for the caller to rethrow after reporting.
import type { UnknownValueError } from "@pulumi/policy";
import { fixedValue, positiveOperator } from "./conditions";
import { IamDocument, IamStatement, parsePolicyDocument } from "./policy-document";
import type { ConditionClause, PrincipalRef } from "./policy-elements";
import { actionsText } from "./resource-policies";
import { isUnknownError } from "./values";

/** Which policy is judged: access point policies treat `s3:DataAccessPointArn` patterns as public. */
export type PolicyKind = "resource" | "access-point";

/**
 * Condition keys that, compared with fixed values by a positive operator, pin a grant to known
 * callers (see the file comment for the sources and the deliberate omissions).
 */
export const PINNING_KEYS: readonly string[] = [
  "aws:SourceArn",
  "aws:SourceAccount",
  "aws:SourceOwner",
  "aws:SourceOrgID",
  "aws:SourceOrgPaths",
  "aws:SourceVpc",
  "aws:SourceVpce",
  "aws:VpceAccount",
  "aws:VpceOrgID",
  "aws:VpceOrgPaths",
  "aws:SourceIp",
  "aws:PrincipalAccount",
  "aws:PrincipalArn",
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:userid",
  "s3:DataAccessPointArn",
  "s3:DataAccessPointAccount",
  "kms:CallerAccount",
];

const PINNING = new Set(PINNING_KEYS.map((k) => k.toLowerCase()));
const WILDCARD = /[*?]/;

/**
 * Why a principal is not a fixed one (so a grant to it is public), or undefined for a fixed
 * account, role, user, service principal, SAML/OIDC provider ARN or canonical user id.
 */
export function publicPrincipal(p: PrincipalRef): string | undefined {
  if (p.id === "*") return 'Principal "*"';
  if (WILDCARD.test(p.id) || p.id.includes("${")) {
    return `principal "${p.id}" (a pattern, not a fixed principal)`;
  }
  // A web-identity provider (graph.facebook.com, accounts.google.com, www.amazon.com,
  // cognito-identity.amazonaws.com) stands for every user of that provider; an IAM SAML or OIDC
  // provider is named by its ARN in a fixed account.
  if (p.type === "Federated" && !p.id.startsWith("arn:")) {
    return `federated principal "${p.id}" (every user of that identity provider)`;
  }
  return undefined;
}

/** Whether one condition clause pins a grant to known callers (see the file comment). */
export function pinsCallers(c: ConditionClause, kind: PolicyKind = "resource"): boolean {
  const key = c.key.toLowerCase();
  if (!PINNING.has(key)) return false;
  const base = positiveOperator(c.operator);
  if (!base || c.raw.length === 0) return false;
  return c.raw.every((v) => {
    if (!fixedValue(v, c.key, base)) return false;
    // S3: an access point policy granting to a set of access points is public.
    if (kind === "access-point" && key === "s3:dataaccesspointarn")
      return !WILDCARD.test(String(v));
    return true;
  });
}

/**
 * Why an Allow statement makes the resource public, or undefined when it does not. Throws an
 * UnknownValueError when the answer depends on a value unknown at preview.
 */
export function statementPublicity(
  s: IamStatement,
  kind: PolicyKind = "resource",
): string | undefined {
  // A Deny grants nothing, and neither does a Deny in the wrong case ("deny"): AWS rejects that
  // document (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html:
  // the element is required and its value case sensitive), and no reading of it is a grant, so
  // calling it public would be a false alarm. A missing or otherwise misspelt Effect ("allow",
  // none) is read the strict way, as the IAM rules read it (./iam/statements.ts): a broken
  // document never hides a public grant.
  if (s.saysDeny) return undefined;
  const allow = s.isAllow ? "Allow" : "a statement without a valid Effect (read as Allow)";
  if (s.notPrincipals !== undefined) return `${allow} with NotPrincipal grants everyone not listed`;
  const principals = s.principals;
  if (principals === undefined) return undefined;
  let who: string | undefined;
  principals.some((p) => (who = publicPrincipal(p)) !== undefined);
  if (who === undefined) return undefined;
  if (s.conditions.some((c) => pinsCallers(c, kind))) return undefined;
  return `${allow} to ${who} without a narrowing condition`;
}

/** A statement that makes the resource public, and why. */
export interface PublicStatement {
  readonly statement: IamStatement;
  readonly why: string;
}

/** What the evaluator found in one document. */
export interface Publicity {
  /** Statements public on what is known. */
  readonly statements: PublicStatement[];
  /** Set when some statement could not be judged (preview); rethrow it after reporting. */
  readonly unknown?: UnknownValueError;
  /** For a document AWS would reject as a whole (not JSON, not an object): the words to report. */
  readonly malformed?: string;
}

/** Judges every statement of a parsed document (see `statementPublicity`). */
export function documentPublicity(doc: IamDocument, kind: PolicyKind = "resource"): Publicity {
  const statements: PublicStatement[] = [];
  const unknown = doc.scan((statement) => {
    const why = statementPublicity(statement, kind);
    if (why) statements.push({ statement, why });
  });
  const malformed =
    doc.jsonError !== undefined
      ? `the policy document is not valid JSON (${doc.jsonError})`
      : doc.malformed && doc.problems.length
        ? `the policy document is malformed (${doc.problems.join("; ")})`
        : undefined;
  return { statements, unknown, malformed };
}

/**
 * Parses and judges a policy given as a resource input (JSON string or object). A document unknown
 * as a whole comes back as `unknown`; an absent or empty one as no finding (nothing is granted).
 */
export function policyPublicity(value: unknown, kind: PolicyKind = "resource"): Publicity {
  if (value === undefined || value === null || value === "") return { statements: [] };
  try {
    return documentPublicity(parsePolicyDocument(value), kind);
  } catch (e) {
    if (isUnknownError(e)) return { statements: [], unknown: e };
    throw e;
  }
}

/** `statement Public (s3:GetObject)`: how findings name a statement (never throws at preview). */
export function statementLabel(s: IamStatement): string {
  const read = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (e) {
      if (isUnknownError(e)) return fallback;
      throw e;
    }
  };
  const id = read(() => s.sidOrIndex, `#${s.index}`);
  const what = read(() => actionsText(s), "actions unknown until apply");
  return `statement ${id} (${what})`;
}

/**
 * Reports every public statement of `value` with `report` (each message prefixed by `where`, e.g.
 * `queue policy "q"`, when given), then rethrows what could not be decided at preview, so the engine notes it.
 */
export function reportPublicPolicy(
  value: unknown,
  where: string,
  report: (message: string) => void,
  kind: PolicyKind = "resource",
): void {
  const result = policyPublicity(value, kind);
  const prefix = where ? `${where}: ` : "";
  if (result.malformed) report(`${prefix}${result.malformed}.`);
  for (const { statement, why } of result.statements) {
    report(`${prefix}${statementLabel(statement)}: ${why}.`);
  }
  if (result.unknown) throw result.unknown;
}
