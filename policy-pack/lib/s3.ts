// Shared helpers for the S3, KMS and CloudWatch Logs policies:
// - bucket identity across `aws:s3/bucket:Bucket` and `aws:s3/bucketV2:BucketV2`, and the side
//   resources that configure a bucket (public-access block, encryption, versioning, logging, ACL,
//   lifecycle, ownership controls, bucket policy), found through property dependencies on their
//   `bucket` input and, where the input is a literal name, by that name. Indexed once per stack.
// - which buckets receive access logs (S3 server access logs, load balancer logs);
// - how a resource refers to a KMS key (customer-managed key in the stack, literal key, AWS-managed
//   alias, AWS-owned key, nothing);
// - IAM policy documents (objects or JSON strings): statements, principals, narrowing conditions.
//
// Reading values. Stack policies see outputs. At preview the engine reports as unknown both values
// built from resources that are not created yet (these always carry property dependencies on the
// resources they came from) and attributes the provider computes when the program leaves them
// unset (deprecated inline bucket blocks, a key's `policy`, CodeBuild's `encryptionKey`...): those
// carry no property dependency. `programSetting` tells the two apart for provider-computed
// attributes only; everything else is read plainly, so an unknown value throws and becomes the
// engine's "can't run during preview" note instead of a pass.
import { PolicyResource, UnknownValueError } from "@pulumi/policy";
import { StackIndex } from "./define";

/** The wire sentinel of an unknown string (what the engine sends at preview). */
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Both spellings of a general-purpose bucket in @pulumi/aws 7 (`Bucket` carries an alias to V2). */
export const BUCKET_TYPES: readonly string[] = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

/** Side resources that configure a bucket through their `bucket` input, with their V2 spellings. */
export const S3_SIDE = {
  publicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
  encryption: [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  ],
  versioning: [
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketVersioningV2:BucketVersioningV2",
  ],
  logging: ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"],
  acl: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
  lifecycle: [
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  ],
  ownershipControls: ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"],
  policy: ["aws:s3/bucketPolicy:BucketPolicy"],
} as const satisfies Record<string, readonly string[]>;

const ALL_SIDE_TYPES: readonly string[] = Object.values(S3_SIDE).flat();

export const ACCOUNT_PUBLIC_ACCESS_BLOCK =
  "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";

/** Load balancers whose access, connection and health-check logs go to a bucket. */
export const LOAD_BALANCER_TYPES: readonly string[] = [
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:alb/loadBalancer:LoadBalancer",
  "aws:elb/loadBalancer:LoadBalancer",
];
const LOAD_BALANCER_LOG_PROPS = ["accessLogs", "connectionLogs", "healthCheckLogs"];

/** Resource types that are (or name) a customer-managed KMS key created in the stack. */
export const CUSTOMER_KEY_TYPES: readonly string[] = [
  "aws:kms/key:Key",
  "aws:kms/alias:Alias",
  "aws:kms/replicaKey:ReplicaKey",
  "aws:kms/externalKey:ExternalKey",
  "aws:kms/replicaExternalKey:ReplicaExternalKey",
];

// ---------------------------------------------------------------------------------------------
// Reading values

/** An UnknownValueError with our own message (the engine turns it into a preview note). */
export function unknownError(message: string): UnknownValueError {
  const err = new UnknownValueError(UNKNOWN_STRING, []);
  err.message = message;
  return err;
}

/** Runs `read`; an unknown value gives `undefined` and `known: false` instead of throwing. */
export function tryRead<T>(read: () => T): { known: true; value: T } | { known: false } {
  try {
    return { known: true, value: read() };
  } catch (e) {
    if (e instanceof UnknownValueError) return { known: false };
    throw e;
  }
}

/**
 * A top-level output the provider computes when the program leaves it unset (Optional+Computed):
 * unknown with no property dependency means "not set by the program" and reads as `undefined`;
 * unknown with property dependencies is a real unknown and throws.
 */
export function programSetting(resource: PolicyResource, prop: string): any {
  try {
    return resource.props[prop];
  } catch (e) {
    if (e instanceof UnknownValueError && !resource.propertyDependencies?.[prop]?.length) {
      return undefined;
    }
    throw e;
  }
}

/** `v` as a list: arrays as they are, a single value as a one-element list, nothing as empty. */
export function asList(v: unknown): any[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? [...v] : [v];
}

/** The elements under `singular` (object) or `plural` (list) of `obj`: Bucket vs BucketV2 shapes. */
export function pick(obj: any, singular: string, plural: string): any[] {
  if (!obj || typeof obj !== "object") return [];
  return [...asList(obj[singular]), ...asList(obj[plural])];
}

// ---------------------------------------------------------------------------------------------
// Bucket index: built once per stack (cached per StackIndex), linear in the stack size.

/** A bucket that receives logs, and from what. */
export interface LogTargetSource {
  readonly kind: "s3-server-access-logs" | "load-balancer-logs";
  /** The resource that configures the delivery (a BucketLogging, a bucket, a load balancer). */
  readonly source: PolicyResource;
  /** For S3 server access logs: the bucket whose requests are logged, when known. */
  readonly loggedBucket?: PolicyResource;
}

class S3Index {
  readonly buckets: PolicyResource[];
  private readonly byName = new Map<string, PolicyResource>();
  private readonly unknownNames: number;
  /** bucket URN → side resources attributed to it (any side type). */
  private readonly sides = new Map<string, PolicyResource[]>();
  /** Side resources whose bucket cannot be told at preview, by type. */
  private readonly unresolved = new Map<string, PolicyResource[]>();
  /** bucket URN → log deliveries into it. */
  private readonly targets = new Map<string, LogTargetSource[]>();
  private accounts?: Set<string>;

  constructor(private readonly index: StackIndex) {
    this.buckets = index.ofType(...BUCKET_TYPES);
    let unknownNames = 0;
    for (const b of this.buckets) {
      const name = tryRead(() => b.props.bucket);
      if (!name.known) unknownNames++;
      else if (typeof name.value === "string") this.byName.set(name.value, b);
    }
    this.unknownNames = unknownNames;

    for (const side of index.ofType(...ALL_SIDE_TYPES)) {
      const owners = this.resolve(side, "bucket", () => side.props.bucket);
      if (owners === "unresolved") push(this.unresolved, side.type, side);
      else for (const b of owners) push(this.sides, b.urn, side);
    }

    // Server access logging, as side resources and inline on buckets (`logging` / `loggings`).
    for (const logging of index.ofType(...S3_SIDE.logging)) {
      const logged = this.owners(logging);
      const targets = this.resolve(logging, "targetBucket", () => logging.props.targetBucket);
      if (targets === "unresolved") continue;
      for (const t of targets) {
        for (const b of logged.length ? logged : [undefined]) {
          push(this.targets, t.urn, {
            kind: "s3-server-access-logs",
            source: logging,
            loggedBucket: b,
          });
        }
      }
    }
    for (const b of this.buckets) {
      for (const prop of ["logging", "loggings"]) {
        const entries = tryRead(() => asList(programSetting(b, prop)));
        if (!entries.known) continue;
        for (const entry of entries.value) {
          const targets = this.resolve(b, prop, () => entry.targetBucket);
          if (targets === "unresolved") continue;
          for (const t of targets) {
            push(this.targets, t.urn, {
              kind: "s3-server-access-logs",
              source: b,
              loggedBucket: b,
            });
          }
        }
      }
    }
    // Load balancer access, connection and health-check logs.
    for (const lb of index.ofType(...LOAD_BALANCER_TYPES)) {
      for (const prop of LOAD_BALANCER_LOG_PROPS) {
        const cfg = tryRead(() => lb.props[prop]);
        if (!cfg.known || !cfg.value) continue;
        if (tryRead(() => cfg.value.enabled).known && cfg.value.enabled === false) continue;
        const targets = this.resolve(lb, prop, () => cfg.value.bucket);
        if (targets === "unresolved") continue;
        for (const t of targets)
          push(this.targets, t.urn, { kind: "load-balancer-logs", source: lb });
      }
    }
  }

  /**
   * Buckets of the stack that `resource.props[prop]` designates: through property dependencies,
   * else by literal name. `[]` for a bucket outside the stack; "unresolved" when it cannot be told.
   */
  private resolve(
    resource: PolicyResource,
    prop: string,
    read: () => unknown,
  ): PolicyResource[] | "unresolved" {
    const linked = this.index.referenced(resource, prop, ...BUCKET_TYPES);
    if (linked.length) return linked;
    const name = tryRead(read);
    if (!name.known) return "unresolved";
    if (typeof name.value !== "string" || name.value === "") return [];
    const b = this.byName.get(name.value);
    if (b) return [b];
    // A literal name that matches no known bucket: an existing bucket outside the stack, unless
    // some bucket's own name is unknown (it could be that one).
    return this.unknownNames > 0 ? "unresolved" : [];
  }

  owners(side: PolicyResource): PolicyResource[] {
    const owners = this.resolve(side, "bucket", () => side.props.bucket);
    return owners === "unresolved" ? [] : owners;
  }

  sidesOf(bucket: PolicyResource, types: readonly string[]): PolicyResource[] {
    const found = (this.sides.get(bucket.urn) ?? []).filter((s) => types.includes(s.type));
    if (found.length === 0) {
      const pending = types.flatMap((t) => this.unresolved.get(t) ?? []);
      if (pending.length) {
        throw unknownError(
          `bucket ${bucket.name}: ${pending.map((p) => p.name).join(", ")} (${shortType(pending[0].type)}) ` +
            `name no bucket known at preview, so it cannot be told whether one configures this bucket`,
        );
      }
    }
    return found;
  }

  logTargetsOf(bucket: PolicyResource): LogTargetSource[] {
    return this.targets.get(bucket.urn) ?? [];
  }

  /** AWS account ids seen in known ARNs of the stack's resources (empty at preview). */
  stackAccounts(): Set<string> {
    if (!this.accounts) {
      const accounts = new Set<string>();
      for (const r of this.index.byUrn.values()) {
        const arn = tryRead(() => r.props.arn);
        if (!arn.known || typeof arn.value !== "string") continue;
        const account = accountOf(arn.value);
        if (account) accounts.add(account);
      }
      this.accounts = accounts;
    }
    return this.accounts;
  }
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (!l) m.set(k, [v]);
  else if (!l.includes(v)) l.push(v);
}

const s3Indexes = new WeakMap<StackIndex, S3Index>();

function s3IndexOf(index: StackIndex): S3Index {
  let idx = s3Indexes.get(index);
  if (!idx) {
    idx = new S3Index(index);
    s3Indexes.set(index, idx);
  }
  return idx;
}

/** Every bucket of the stack, both spellings. */
export function bucketsOf(index: StackIndex): PolicyResource[] {
  return s3IndexOf(index).buckets;
}

/**
 * The side resources of the given types that configure `bucket`: those whose `bucket` input was
 * built from it (property dependency: works at preview, when the bucket's id is unknown) and those
 * that name it literally. Throws an unknown-value error (a preview note) when none is found but a
 * side resource of these types names a bucket that is unknown at preview.
 */
export function sideResourcesOf(
  index: StackIndex,
  bucket: PolicyResource,
  types: readonly string[],
): PolicyResource[] {
  return s3IndexOf(index).sidesOf(bucket, types);
}

/** The buckets of the stack a side resource configures (empty for a bucket outside the stack). */
export function bucketsConfiguredBy(index: StackIndex, side: PolicyResource): PolicyResource[] {
  return s3IndexOf(index).owners(side);
}

/** Log deliveries into `bucket` (it is a log target when non-empty). */
export function logTargetSourcesOf(index: StackIndex, bucket: PolicyResource): LogTargetSource[] {
  return s3IndexOf(index).logTargetsOf(bucket);
}

/** AWS accounts of the stack, from known ARNs of its resources (none at preview). */
export function stackAccounts(index: StackIndex): Set<string> {
  return s3IndexOf(index).stackAccounts();
}

/** `aws:s3/bucketPolicy:BucketPolicy` → `BucketPolicy`. */
export function shortType(type: string): string {
  return type.slice(type.lastIndexOf(":") + 1);
}

// ---------------------------------------------------------------------------------------------
// KMS key references

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
    if (e instanceof UnknownValueError && keys.length > 0)
      return { kind: "customer", via: "stack" };
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

// ---------------------------------------------------------------------------------------------
// IAM policy documents

export interface Principal {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for the bare `"Principal": "*"`. */
  readonly type: string;
  readonly value: string;
}

export interface ConditionClause {
  /** As written, e.g. `ForAnyValue:StringEqualsIfExists`. */
  readonly operator: string;
  readonly key: string;
  readonly values: unknown[];
}

export interface PolicyStatement {
  /** `Sid`, or `#<index>` when the statement has none. */
  readonly label: string;
  readonly effect: string;
  /** Undefined when the statement has no `Principal` element (identity policies). */
  readonly principals?: Principal[];
  readonly notPrincipals?: Principal[];
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[];
  readonly conditions: ConditionClause[];
}

/** Deep plain copy through the unknown-checking proxy: an unknown anywhere throws. */
function plainCopy(v: unknown): any {
  if (Array.isArray(v)) return v.map(plainCopy);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = plainCopy((v as Record<string, unknown>)[k]);
    return out;
  }
  if (typeof v === "string" && v === UNKNOWN_STRING) throw unknownError("policy document");
  return v;
}

function principalsOf(p: unknown): Principal[] {
  if (p === undefined || p === null) return [];
  if (typeof p === "string") return [{ type: p === "*" ? "*" : "AWS", value: p }];
  const out: Principal[] = [];
  for (const [type, values] of Object.entries(p as Record<string, unknown>)) {
    for (const value of asList(values)) out.push({ type, value: String(value) });
  }
  return out;
}

function strings(v: unknown): string[] {
  return asList(v).map((x) => String(x));
}

/**
 * Statements of a policy document given as an object or a JSON string (a value unknown at preview
 * throws). Returns an `error` for a document that does not parse.
 */
export function parsePolicyDocument(doc: unknown): {
  statements: PolicyStatement[];
  error?: string;
} {
  let plain = plainCopy(doc);
  if (typeof plain === "string") {
    try {
      plain = JSON.parse(plain);
    } catch (e) {
      return {
        statements: [],
        error: `the policy document is not valid JSON (${(e as Error).message})`,
      };
    }
  }
  if (!plain || typeof plain !== "object") return { statements: [] };
  const statements = asList((plain as Record<string, unknown>).Statement).map(
    (s: any, i: number): PolicyStatement => ({
      label: typeof s?.Sid === "string" && s.Sid ? s.Sid : `#${i}`,
      effect: String(s?.Effect ?? ""),
      principals: s?.Principal === undefined ? undefined : principalsOf(s.Principal),
      notPrincipals: s?.NotPrincipal === undefined ? undefined : principalsOf(s.NotPrincipal),
      actions: strings(s?.Action),
      notActions: strings(s?.NotAction),
      resources: strings(s?.Resource),
      conditions: Object.entries(
        (s?.Condition ?? {}) as Record<string, Record<string, unknown>>,
      ).flatMap(([operator, clauses]) =>
        Object.entries(clauses ?? {}).map(([key, values]) => ({
          operator,
          key,
          values: asList(values),
        })),
      ),
    }),
  );
  return { statements };
}

/** True when a statement's principals include everyone (`"*"` or `{"AWS": "*"}`). */
export function hasWildcardPrincipal(s: PolicyStatement): boolean {
  return (s.principals ?? []).some((p) => p.value === "*");
}

/**
 * Condition keys that, compared with fixed values, limit who can use a wildcard-principal grant.
 * Based on how S3 decides a bucket policy is not public (S3 API reference, PublicAccessBlockConfiguration:
 * a fixed aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner, aws:SourceAccount,
 * aws:userid, or aws:SourceIp CIDRs), plus the organisation and principal-account keys (IAM global
 * condition keys) and `kms:CallerAccount` (used by KMS key policies for the same purpose).
 * `s3:x-amz-server-side-encryption-aws-kms-key-id`, which S3 also accepts, is left out on purpose:
 * it limits which key is used, not who may read.
 */
export const DEFAULT_NARROWING_KEYS: readonly string[] = [
  "aws:SourceArn",
  "aws:SourceAccount",
  "aws:SourceOwner",
  "aws:SourceOrgID",
  "aws:SourceOrgPaths",
  "aws:SourceVpc",
  "aws:SourceVpce",
  "aws:SourceIp",
  "aws:PrincipalAccount",
  "aws:PrincipalArn",
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:userid",
  "s3:DataAccessPointAccount",
  "s3:DataAccessPointArn",
  "kms:CallerAccount",
];

const NARROWING_OPERATORS = new Set([
  "StringEquals",
  "StringEqualsIgnoreCase",
  "StringLike",
  "ArnEquals",
  "ArnLike",
  "IpAddress",
]);

const WILDCARD = /[*?]/;

/** A value that names one principal, account, organisation, network or source, not a pattern. */
function isFixedValue(key: string, operator: string, value: unknown): boolean {
  if (typeof value !== "string" || value === "" || value.includes("${")) return false;
  const k = key.toLowerCase();
  if (operator === "IpAddress") {
    const [addr, bits] = value.split("/");
    const prefix = bits === undefined ? (addr.includes(":") ? 128 : 32) : Number(bits);
    // Our rule: an IPv4 range no wider than /8, an IPv6 range no wider than /32.
    return Number.isInteger(prefix) && prefix >= (addr.includes(":") ? 32 : 8);
  }
  if (k.endsWith("orgpaths")) return !WILDCARD.test(value.split("/")[0]);
  if (k === "aws:userid") return !WILDCARD.test(value.split(":")[0]);
  if (value.startsWith("arn:")) {
    const parts = value.split(":");
    return /^\d{12}$/.test(parts[4] ?? "") || !WILDCARD.test(value);
  }
  return !WILDCARD.test(value);
}

/**
 * The condition that narrows a statement to known callers: an equality (`StringEquals`,
 * `StringLike`, `ArnEquals`, `ArnLike`, `IpAddress`; `ForAnyValue:` allowed) on one of `keys` with
 * fixed values only. `...IfExists` and `ForAllValues:` do not narrow: they match when the key is
 * absent from the request, as it is for an anonymous caller.
 */
export function narrowingCondition(
  s: PolicyStatement,
  keys: readonly string[],
): ConditionClause | undefined {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  return s.conditions.find((c) => {
    if (c.operator.startsWith("ForAllValues:") || c.operator.endsWith("IfExists")) return false;
    const base = c.operator.replace(/^ForAnyValue:/, "");
    if (!NARROWING_OPERATORS.has(base) || !wanted.has(c.key.toLowerCase())) return false;
    return c.values.length > 0 && c.values.every((v) => isFixedValue(c.key, base, v));
  });
}

/**
 * Statements that grant to everyone without a narrowing condition: `Allow` with a wildcard
 * principal, or `Allow` with `NotPrincipal` (everyone except the listed principals).
 */
export function publicGrants(
  statements: readonly PolicyStatement[],
  keys: readonly string[],
): { statement: PolicyStatement; why: string }[] {
  const out: { statement: PolicyStatement; why: string }[] = [];
  for (const s of statements) {
    if (s.effect !== "Allow") continue;
    if (s.notPrincipals !== undefined) {
      out.push({ statement: s, why: "Allow with NotPrincipal grants everyone not listed" });
    } else if (hasWildcardPrincipal(s) && !narrowingCondition(s, keys)) {
      out.push({ statement: s, why: 'Allow to Principal "*" without a narrowing condition' });
    }
  }
  return out;
}

/** Actions of a statement for a message. */
export function actionsText(s: PolicyStatement): string {
  if (s.actions.length) return s.actions.join(", ");
  if (s.notActions.length) return `all but ${s.notActions.join(", ")}`;
  return "(no action)";
}

/**
 * True when the statement denies every S3 request made without TLS: `Deny`, principal `*`, action
 * `s3:*` or `*`, condition `Bool` (or `BoolIfExists`) `aws:SecureTransport` = `false`, on both the
 * bucket and its objects (or `*`).
 */
export function deniesInsecureTransport(s: PolicyStatement): boolean {
  if (s.effect !== "Deny" || !hasWildcardPrincipal(s)) return false;
  if (!s.actions.some((a) => a === "*" || a.toLowerCase() === "s3:*")) return false;
  const tls = s.conditions.some(
    (c) =>
      (c.operator === "Bool" || c.operator === "BoolIfExists") &&
      c.key.toLowerCase() === "aws:securetransport" &&
      c.values.some((v) => String(v).toLowerCase() === "false"),
  );
  if (!tls) return false;
  if (s.resources.includes("*")) return true;
  const bucketLevel = s.resources.some((r) => /^arn:[^:]+:s3:::[^/]+$/.test(r));
  const objectLevel = s.resources.some((r) => /^arn:[^:]+:s3:::[^/]+\/\*$/.test(r));
  return bucketLevel && objectLevel;
}

/** The 12-digit account of an ARN or bare account id, if any. */
export function accountOf(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const m = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(value);
  return m?.[1];
}
