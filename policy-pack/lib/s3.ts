// Bucket identity for the S3 policies, across `aws:s3/bucket:Bucket` and
// `aws:s3/bucketV2:BucketV2`: the side resources that configure a bucket (public-access block,
// encryption, versioning, logging, ACL, lifecycle, ownership controls, bucket policy), found
// through property dependencies on their `bucket` input and, where the input is a literal name, by
// that name; and which buckets receive access logs (S3 server access logs, load balancer logs).
// Indexed once per stack.
//
// Reading values. Stack policies see outputs. At preview the engine reports as unknown both values
// built from resources that are not created yet (these always carry property dependencies on the
// resources they came from) and attributes the provider computes when the program leaves them
// unset (deprecated inline bucket blocks, a key's `policy`, CodeBuild's `encryptionKey`...): those
// carry no property dependency. `programSetting` (./values.ts) tells the two apart for
// provider-computed attributes only; everything else is read plainly, so an unknown value throws
// and becomes the engine's "can't run during preview" note instead of a pass.
import type { PolicyResource } from "@pulumi/policy";
import type { StackIndex } from "./define";
import { LOAD_BALANCER_TYPES } from "./network/types";
import { accountOf, perStack, shortType } from "./references";
import { asList, peek, programSetting, unknownError } from "./values";

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

/** Load balancer properties whose access, connection and health-check logs go to a bucket. */
const LOAD_BALANCER_LOG_PROPS = ["accessLogs", "connectionLogs", "healthCheckLogs"];

/** The elements under `singular` (object) or `plural` (list) of `obj`: Bucket vs BucketV2 shapes. */
export function pick(obj: any, singular: string, plural: string): any[] {
  if (!obj || typeof obj !== "object") return [];
  return [...asList(obj[singular]), ...asList(obj[plural])];
}

// ---------------------------------------------------------------------------------------------
// Bucket index: built once per stack (see `perStack`), linear in the stack size.

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
      const name = peek(() => b.props.bucket);
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
        const entries = peek(() => asList(programSetting(b, prop)));
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
        const cfg = peek(() => lb.props[prop]);
        if (!cfg.known || !cfg.value) continue;
        if (peek(() => cfg.value.enabled).known && cfg.value.enabled === false) continue;
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
    const name = peek(read);
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
        const arn = peek(() => r.props.arn);
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

const s3IndexOf = perStack((index) => new S3Index(index));

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
