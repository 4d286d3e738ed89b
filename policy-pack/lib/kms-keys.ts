// How a resource refers to the KMS key that protects its data (customer-managed key in the stack,
// literal key, AWS-managed alias, AWS-owned key, nothing), shared by the S3, KMS and CloudWatch Logs
// policies.
import type { PolicyResource } from "@pulumi/policy";
import type { StackCheckContext, StackIndex } from "./define";
import { isUnknownError } from "./values";

/** Resource types that are (or name) a customer-managed KMS key created in the stack. */
export const CUSTOMER_KEY_TYPES: readonly string[] = [
  "aws:kms/key:Key",
  "aws:kms/alias:Alias",
  "aws:kms/replicaKey:ReplicaKey",
  "aws:kms/externalKey:ExternalKey",
  "aws:kms/replicaExternalKey:ReplicaExternalKey",
];

/** How a resource refers to the KMS key that protects its data. */
export type KeyRef =
  | { readonly kind: "none" }
  | { readonly kind: "aws-managed" | "aws-owned"; readonly value: string }
  | { readonly kind: "customer"; readonly via: "stack" | "literal"; readonly value?: string };

/**
 * Classifies a literal key reference. AWS-managed keys are named `alias/aws/<service>`; that prefix
 * is reserved (KMS CreateAlias: "The alias/aws/ prefix is reserved for AWS managed keys"), so any
 * other alias, key id or key ARN is a customer-managed key. `AWS_OWNED_KMS_KEY` is the value
 * Redshift Serverless reports for its service-owned key.
 */
export function classifyLiteralKey(value: string): KeyRef {
  if (value === "AWS_OWNED_KMS_KEY") return { kind: "aws-owned", value };
  if (/(^|:)alias\/aws\//.test(value)) return { kind: "aws-managed", value };
  return { kind: "customer", via: "literal", value };
}

/**
 * The key that `resource.props[prop]` (or a value nested in it, read by `read`) refers to. A value
 * built from a key, alias or replica key of this stack (property dependency on `prop`) is a
 * customer-managed key even when its ARN is unknown at preview; otherwise the literal decides.
 * Any other unknown value throws (preview note).
 */
export function classifyKey(
  index: StackIndex,
  resource: PolicyResource,
  prop: string,
  read: () => unknown,
): KeyRef {
  const keys = index.referenced(resource, prop, ...CUSTOMER_KEY_TYPES);
  let value: unknown;
  try {
    value = read();
  } catch (e) {
    if (isUnknownError(e) && keys.length > 0) return { kind: "customer", via: "stack" };
    throw e;
  }
  if (value === undefined || value === null || value === "") return { kind: "none" };
  const literal = classifyLiteralKey(String(value));
  if (literal.kind === "customer" && keys.length > 0) {
    return { kind: "customer", via: "stack", value: String(value) };
  }
  return literal;
}

/** Words for a finding: why a key reference is not a customer-managed key. */
export function describeKeyRef(ref: KeyRef, whenNone: string): string {
  switch (ref.kind) {
    case "none":
      return `no KMS key is set (${whenNone})`;
    case "aws-managed":
      return `it uses the AWS-managed key ${ref.value}`;
    case "aws-owned":
      return `it uses an AWS-owned key (${ref.value})`;
    default:
      return "it uses a customer-managed key";
  }
}

/** Reports `resource` unless `ref` is a customer-managed key (`what` names it in the message). */
export function requireCustomerKey(
  ctx: StackCheckContext<unknown>,
  resource: PolicyResource,
  what: string,
  ref: KeyRef,
  whenNone: string,
): void {
  if (ref.kind === "customer") return;
  ctx.report(resource, `${what}: ${describeKeyRef(ref, whenNone)}, not a customer-managed key.`);
}

/**
 * For every resource of `type`, each in its own preview-safe part: the key its `prop` refers to
 * (read by `read`, by default the property itself) must be a customer-managed key.
 */
export function requireCustomerKeys(
  ctx: StackCheckContext<unknown>,
  type: string,
  options: {
    readonly what: (r: PolicyResource) => string;
    readonly prop: string;
    readonly read?: (r: PolicyResource) => unknown;
    readonly whenNone: string;
  },
): void {
  const { what, prop, whenNone } = options;
  const read = options.read ?? ((r: PolicyResource) => r.props[prop]);
  for (const r of ctx.index.ofType(type)) {
    ctx.each(r, () => {
      const ref = classifyKey(ctx.index, r, prop, () => read(r));
      requireCustomerKey(ctx, r, what(r), ref, whenNone);
    });
  }
}
