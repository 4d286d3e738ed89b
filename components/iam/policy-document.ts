// Typed IAM policy documents, rendered by the provider's `aws.iam.getPolicyDocument` so the JSON is
// exactly what AWS receives (and what the policy pack reads).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** IAM condition operators this project uses (optionally with set qualifiers). */
export type BaseConditionOperator =
  | "StringEquals"
  | "StringNotEquals"
  | "StringEqualsIgnoreCase"
  | "StringLike"
  | "StringNotLike"
  | "ArnEquals"
  | "ArnNotEquals"
  | "ArnLike"
  | "ArnNotLike"
  | "Bool"
  | "Null"
  | "NumericEquals"
  | "NumericLessThan"
  | "NumericLessThanEquals"
  | "NumericGreaterThan"
  | "NumericGreaterThanEquals"
  | "IpAddress"
  | "NotIpAddress";

export type ConditionOperator =
  | BaseConditionOperator
  | `${BaseConditionOperator}IfExists`
  | `ForAnyValue:${BaseConditionOperator}`
  | `ForAllValues:${BaseConditionOperator}`;

export interface PolicyCondition {
  readonly test: ConditionOperator;
  /** Condition key, e.g. `aws:SourceAccount` or `kms:ViaService`. */
  readonly variable: string;
  /** Values, ORed by IAM. */
  readonly values: readonly pulumi.Input<string>[];
}

export interface PolicyPrincipal {
  /** `*` only in Deny statements or with a narrowing condition. */
  readonly type: "AWS" | "Service" | "Federated" | "*";
  readonly identifiers: readonly pulumi.Input<string>[];
}

export interface PolicyStatement {
  /** Letters and digits only (IAM and KMS reject other characters in key and bucket policies). */
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  /** Exact ARNs. Omitted for trust policies and key policies (where it is implicitly the key). */
  readonly resources?: readonly pulumi.Input<string>[];
  /** Resource-based and trust policies only. */
  readonly principals?: readonly PolicyPrincipal[];
  /** ANDed across entries. */
  readonly conditions?: readonly PolicyCondition[];
}

/** The principal `*`: anyone. Use only in Deny statements or behind a narrowing condition. */
export const ANYONE: PolicyPrincipal = { type: "*", identifiers: ["*"] };

const SID_RE = /^[A-Za-z0-9]+$/;

/** Checks what the type system cannot: sids, empty action lists, duplicate sids. */
function validate(statements: readonly PolicyStatement[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  statements.forEach((s, i) => {
    const where = s.sid ?? `statement ${i}`;
    if (s.sid !== undefined) {
      if (!SID_RE.test(s.sid)) problems.push(`${where}: sid must contain only letters and digits`);
      if (seen.has(s.sid)) problems.push(`${where}: duplicate sid`);
      seen.add(s.sid);
    }
    if (s.actions.length === 0) problems.push(`${where}: at least one action is required`);
    for (const c of s.conditions ?? []) {
      if (c.values.length === 0) problems.push(`${where}: condition ${c.variable} has no values`);
    }
  });
  if (statements.length === 0) problems.push("a policy document needs at least one statement");
  if (problems.length > 0) throw new Error(`invalid policy document: ${problems.join("; ")}`);
}

/** Every input a statement is built from (ARNs, principals, condition values). */
function inputsOf(statements: readonly PolicyStatement[]): pulumi.Input<string>[] {
  return statements.flatMap((s) => [
    ...(s.resources ?? []),
    ...(s.principals ?? []).flatMap((p) => p.identifiers),
    ...(s.conditions ?? []).flatMap((c) => c.values),
  ]);
}

/**
 * Renders statements to a policy JSON document (version 2012-10-17). Pass `{ parent }` in `opts` so
 * the invoke uses the component's provider.
 *
 * The SDK returns an invoke result without dependencies when an argument is unknown (at preview,
 * the ARN of any resource being created), so the document would lose the record of the resources
 * it was built from; the result is re-joined with its inputs to keep those dependencies, which
 * the policy pack uses to correlate a policy with its bucket, role or key.
 */
export function policyDocument(
  statements: readonly PolicyStatement[],
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<string> {
  validate(statements);
  const json = aws.iam.getPolicyDocumentOutput(
    {
      version: "2012-10-17",
      statements: statements.map((s) => ({
        sid: s.sid,
        effect: s.effect,
        actions: [...s.actions],
        resources: s.resources ? [...s.resources] : undefined,
        principals: s.principals?.map((p) => ({ type: p.type, identifiers: [...p.identifiers] })),
        conditions: s.conditions?.map((c) => ({
          test: c.test,
          variable: c.variable,
          values: [...c.values],
        })),
      })),
    },
    opts,
  ).json;
  return pulumi.all([json, ...inputsOf(statements)]).apply(([document]) => document);
}
