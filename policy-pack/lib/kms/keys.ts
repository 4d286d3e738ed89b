// How a resource refers to the KMS key that protects its data (customer-managed key in the stack,
// literal key, AWS-managed alias, AWS-owned key, nothing): the pack's one decision of "is this a
// customer-managed key", shared by the S3, KMS, EBS and CloudWatch Logs policies, and the builder
// of the encryption-at-rest rules (`customerKeyPolicy`).
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { PolicyMeta, StackCheckContext, StackIndex, stackPolicy } from "../define";
import { ofTypes } from "../native/view";
import { isUnknownError, programSetting } from "../values";
import {
  KMS_ALIAS,
  KMS_EXTERNAL_KEY,
  KMS_KEY,
  KMS_REPLICA_EXTERNAL_KEY,
  KMS_REPLICA_KEY,
} from "../types";

/** Resource types that are (or name) a customer-managed KMS key created in the stack. */
export const CUSTOMER_KEY_TYPES: readonly string[] = [
  KMS_KEY,
  KMS_ALIAS,
  KMS_REPLICA_KEY,
  KMS_EXTERNAL_KEY,
  KMS_REPLICA_EXTERNAL_KEY,
];

/** How a resource refers to the KMS key that protects its data. */
export type KeyRef =
  | { readonly kind: "none" }
  | { readonly kind: "aws-managed" | "aws-owned"; readonly value: string }
  | { readonly kind: "customer"; readonly via: "stack" | "literal"; readonly value?: string };

/** Values that name a key AWS owns (or S3's own encryption) instead of a KMS key. */
const AWS_OWNED_VALUES = new Set([
  "AWS_OWNED_KMS_KEY",
  "AWS_OWNED_KEY",
  "DefaultKey",
  "S3_MANAGED_KEY",
]);

/**
 * Classifies a literal key reference. AWS-managed keys are named `alias/aws/<service>`; that prefix
 * is reserved (KMS CreateAlias: "The alias/aws/ prefix is reserved for AWS managed keys"), so any
 * other alias, key id or key ARN is a customer-managed key (a literal ARN of a customer key, or a
 * key of another stack). `aws/<service>` is that alias as the service consoles list it, without
 * `alias/` (the Secrets Manager console's "aws/secretsmanager"; Checkov CKV_AWS_149's
 * CloudFormation fixture FAIL.yaml AWSKMS0): it names no customer key, since a key id is a UUID or
 * `mrk-…` and an alias name starts with `alias/` (KMS API Reference, KeyId of every operation:
 * "When using an alias name, prefix it with \"alias/\"").
 * `AWS_OWNED_KMS_KEY` names a service-owned key.
 */
export function classifyLiteralKey(value: string): KeyRef {
  // QLDB (`kmsKey`), Redshift Serverless and Aurora DSQL name the service-owned key this way,
  // Neptune Analytics (`kmsKeyIdentifier`) as AWS_OWNED_KEY, Incident Manager replication sets
  // (`kmsKeyArn`) as DefaultKey; Security Lake names S3-managed encryption S3_MANAGED_KEY.
  if (AWS_OWNED_VALUES.has(value)) return { kind: "aws-owned", value };
  if (/(^|:)alias\/aws\//.test(value) || /^aws\/[\w.-]+$/.test(value)) {
    return { kind: "aws-managed", value };
  }
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

/** Whether a key reference is a customer-managed key (of this stack or a literal one). */
export function isCustomerKey(ref: KeyRef): boolean {
  return ref.kind === "customer";
}

/** Where a resource names its key, for `KeyCheck.requireKey`. */
export interface KeySpec {
  /** The top-level property the key is given in: its property dependencies name stack keys. */
  readonly prop: string;
  /** Reads the key reference (default: the property itself). */
  readonly read?: () => unknown;
  /** Names a nested setting in the finding, e.g. "serverSideEncryption.kmsKeyArn". */
  readonly where?: string;
  /** What AWS uses when no key is set, e.g. "the AWS-managed key aws/sns". */
  readonly whenNone: string;
  /**
   * The provider computes the property when the program leaves it unset (Optional+Computed): an
   * unknown value without property dependency then reads as unset (see `programSetting`).
   */
  readonly computed?: boolean;
}

/** What a rule built with `customerKeyPolicy` gets for one resource. */
export interface KeyCheck {
  readonly resource: PolicyResource;
  /** The resource's outputs, wrapped so an unknown value throws (a preview note). */
  readonly props: any;
  readonly index: StackIndex;
  /** `<noun> "<logical name>"`, the subject of every finding. */
  readonly what: string;
  /** Reports `<what>: <message>` against the resource. */
  report(message: string): void;
  /** A top-level property the provider computes when unset (see `programSetting`). */
  setting(prop: string): any;
  /** Reports the resource unless the key named as `spec` says is a customer-managed key. */
  requireKey(spec: KeySpec): KeyRef;
}

/**
 * An encryption-at-rest rule: a stack policy that runs `check` once per resource of `types`, each
 * in its own preview-safe part (an unknown value is a preview note for that resource, never a
 * pass), with helpers that classify key references through the shared decision above.
 */
export function customerKeyPolicy<C = Record<string, never>>(
  meta: PolicyMeta & {
    readonly types: readonly string[];
    /** Words for a resource in findings, e.g. "SQS queue". */
    readonly noun: string | ((r: PolicyResource) => string);
    check(k: KeyCheck, ctx: StackCheckContext<C>): void;
  },
): StackValidationPolicy {
  const { noun, check, ...rest } = meta;
  return stackPolicy<C>({
    ...rest,
    // It judges only resources of its types, and looks at others (keys) only for them.
    appliesTo: meta.types,
    check: (ctx) => {
      // A native type listed judges its views, whatever classic type they take (../native/view.ts).
      for (const r of ofTypes(ctx.index, meta.types)) {
        ctx.each(r, () => {
          const what = `${typeof noun === "string" ? noun : noun(r)} "${r.name}"`;
          const k: KeyCheck = {
            resource: r,
            props: r.props,
            index: ctx.index,
            what,
            report: (message) => ctx.report(r, `${what}: ${message}`),
            setting: (prop) => programSetting(r, prop),
            requireKey: (spec) => {
              const read =
                spec.read ??
                (() => (spec.computed ? programSetting(r, spec.prop) : r.props[spec.prop]));
              const ref = classifyKey(ctx.index, r, spec.prop, read);
              const subject = spec.where ? `${what} ${spec.where}` : what;
              requireCustomerKey(ctx as StackCheckContext<unknown>, r, subject, ref, spec.whenNone);
              return ref;
            },
          };
          check(k, ctx);
        });
      }
    },
  });
}
