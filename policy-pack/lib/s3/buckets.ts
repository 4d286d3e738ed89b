// Bucket identity for the S3 policies, across `aws:s3/bucket:Bucket` and
// `aws:s3/bucketV2:BucketV2`: the side resources that configure a bucket (public-access block,
// encryption, versioning, logging, ACL, lifecycle, ownership controls, bucket policy, replication,
// Object Lock, event notifications), found through property dependencies on their `bucket` input
// and, where the input is a literal name, by that name; and which buckets receive access logs (S3
// server access logs, load balancer logs). Indexed once per stack.
//
// Reading values. Stack policies see outputs. At preview the engine reports as unknown both values
// built from resources that are not created yet (these always carry property dependencies on the
// resources they came from) and attributes the provider computes when the program leaves them
// unset (deprecated inline bucket blocks, a key's `policy`, CodeBuild's `encryptionKey`...): those
// carry no property dependency. `programSetting` (./values.ts) tells the two apart for
// provider-computed attributes only; everything else is read plainly, so an unknown value throws
// and becomes the engine's "can't run during preview" note instead of a pass.
import type { PolicyResource } from "@pulumi/policy";
import type { StackIndex } from "../define";
import { accountOf, perStack, shortType } from "../references";
import { asList, Peek, peek, programSetting, unknownError, flagValue } from "../values";
import {
  BUCKET_TYPES,
  S3_DIRECTORY_BUCKET,
  CLOUDFRONT_DISTRIBUTION,
  ELB_LOAD_BALANCER,
  LOAD_BALANCER_TYPES,
  S3_RESILIENCE_SIDE,
  S3_SIDE,
} from "../types";

const ALL_SIDE_TYPES: readonly string[] = [S3_SIDE, S3_RESILIENCE_SIDE].flatMap((g) =>
  Object.values(g).flat(),
);

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
  /** For load balancer logs: which logs (`accessLogs`, `connectionLogs`, `healthCheckLogs`). */
  readonly logs?: string;
  /**
   * The delivering service documents SSE-S3 as the only default encryption it supports on the
   * target bucket, with the document that says so (see `SSE_S3_ONLY`); undefined when it supports
   * SSE-KMS or it was not verified.
   */
  readonly sseS3Only?: string;
}

/**
 * Log deliveries whose documentation allows only SSE-S3 default encryption on the target bucket,
 * checked per target type (not assumed for the others):
 * - S3 server access logs: S3 User Guide, "Enabling Amazon S3 server access logging": "You can use
 *   default bucket encryption on the destination bucket only if you use server-side encryption
 *   with Amazon S3 managed keys (SSE-S3) (AES256). Default server-side encryption with AWS Key
 *   Management Service (AWS KMS) keys (SSE-KMS) is not supported." (AWS CDK PR 25350 saw SSE-KMS
 *   work with a key policy for logging.s3.amazonaws.com, but the guide still calls it unsupported.)
 * - Application Load Balancer access logs: ELB User Guide for ALBs, "Enable access logs", bucket
 *   requirements: "The only server-side encryption option that's supported is Amazon S3-managed
 *   keys (SSE-S3)."
 * Not here, because their documentation allows SSE-KMS or was not verified: Network Load Balancer
 * access logs ("Access logs for your Network Load Balancer": "You can enable server-side
 * encryption with Amazon S3-managed encryption keys (SSE-S3), or using Key Management Service with
 * Customer Managed Keys (SSE-KMS CMK)"), ALB connection and health-check logs, and Classic Load
 * Balancer access logs (its guide says only that ELB encrypts each file with SSE-S3).
 */
export const SSE_S3_ONLY = {
  s3ServerAccessLogs: "S3 User Guide, 'Enabling Amazon S3 server access logging'",
  albAccessLogs: "ELB User Guide for Application Load Balancers, 'Enable access logs'",
} as const;

/** `name.s3.amazonaws.com`, `name.s3.eu-west-1.amazonaws.com`, `name.s3-eu-west-1.amazonaws.com`. */
const S3_DOMAIN = /^(.+?)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/;

/** The bucket name of an S3 REST endpoint domain, or undefined. */
export function bucketNameOfDomain(domain: string): string | undefined {
  return S3_DOMAIN.exec(domain)?.[1];
}

/** Whether an ALB/NLB (`aws.lb`/`aws.alb`) is an Application Load Balancer (the default type). */
function isApplicationLoadBalancer(lb: PolicyResource): boolean {
  if (lb.type === ELB_LOAD_BALANCER) return false;
  const t = peek(() => lb.props.loadBalancerType);
  return t.known && (t.value === undefined || t.value === null || t.value === "application");
}

class S3Index {
  readonly buckets: PolicyResource[];
  /** S3 Express One Zone directory buckets: only side resources they take resolve to them. */
  readonly directoryBuckets: PolicyResource[];
  private readonly byName = new Map<string, PolicyResource>();
  private readonly unknownNames: number;
  /** bucket URN → side resources attributed to it (any side type). */
  private readonly sides = new Map<string, PolicyResource[]>();
  /** Side resources whose bucket cannot be told at preview, by type. */
  private readonly unresolved = new Map<string, PolicyResource[]>();
  /** bucket URN → log deliveries into it. */
  private readonly targets = new Map<string, LogTargetSource[]>();
  /** bucket URN → distributions that write standard logs (legacy) into it. */
  private readonly cloudfrontLogging = new Map<string, PolicyResource[]>();
  /** bucket URN → distributions that read it through an Origin Access Identity. */
  private readonly oaiReaders = new Map<string, PolicyResource[]>();
  private accounts?: Set<string>;

  constructor(private readonly index: StackIndex) {
    this.buckets = index.ofType(...BUCKET_TYPES);
    this.directoryBuckets = index.ofType(S3_DIRECTORY_BUCKET);
    let unknownNames = 0;
    for (const b of [...this.buckets, ...this.directoryBuckets]) {
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
            sseS3Only: SSE_S3_ONLY.s3ServerAccessLogs,
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
              sseS3Only: SSE_S3_ONLY.s3ServerAccessLogs,
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
        if (peek(() => cfg.value.enabled).known && flagValue(cfg.value.enabled) === false) continue;
        const targets = this.resolve(lb, prop, () => cfg.value.bucket);
        if (targets === "unresolved") continue;
        const sseS3Only =
          prop === "accessLogs" && isApplicationLoadBalancer(lb)
            ? SSE_S3_ONLY.albAccessLogs
            : undefined;
        for (const t of targets) {
          push(this.targets, t.urn, {
            kind: "load-balancer-logs",
            source: lb,
            logs: prop,
            sseS3Only,
          });
        }
      }
    }
    this.indexDistributions();
  }

  /**
   * CloudFront distributions: standard logging (legacy) targets (`loggingConfig.bucket`, a bucket
   * domain name) and S3 origins read through an Origin Access Identity
   * (`origins[].s3OriginConfig.originAccessIdentity`). Values unknown at preview fall back to the
   * buckets the property was built from.
   */
  private indexDistributions(): void {
    for (const d of this.index.ofType(CLOUDFRONT_DISTRIBUTION)) {
      const logging = peek(() => d.props.loggingConfig);
      const target: Peek<unknown> = !logging.known
        ? logging
        : logging.value
          ? peek(() => logging.value.bucket)
          : { known: true, value: undefined };
      const loggedInto = !target.known
        ? this.index.referenced(d, "loggingConfig", ...BUCKET_TYPES)
        : typeof target.value === "string" && target.value !== ""
          ? this.byDomain(d, "loggingConfig", target.value)
          : [];
      for (const b of loggedInto) push(this.cloudfrontLogging, b.urn, d);
      const origins = peek(() => asList(d.props.origins));
      if (!origins.known) continue;
      for (const origin of origins.value) {
        const oai = peek(() => origin?.s3OriginConfig?.originAccessIdentity);
        if (oai.known && (typeof oai.value !== "string" || oai.value === "")) continue;
        const domain = peek(() => origin?.domainName);
        const buckets = domain.known
          ? this.byDomain(d, "origins", domain.value)
          : this.index.referenced(d, "origins", ...BUCKET_TYPES);
        for (const b of buckets) push(this.oaiReaders, b.urn, d);
      }
    }
  }

  /**
   * Buckets named by an S3 domain: a literal domain by the bucket name in it; a value unknown at
   * preview by the buckets the property was built from.
   */
  private byDomain(d: PolicyResource, prop: string, domain: unknown): PolicyResource[] {
    if (typeof domain !== "string") return this.index.referenced(d, prop, ...BUCKET_TYPES);
    const name = bucketNameOfDomain(domain);
    const b = name === undefined ? undefined : this.byName.get(name);
    return b ? [b] : [];
  }

  cloudfrontLoggingInto(bucket: PolicyResource): PolicyResource[] {
    return this.cloudfrontLogging.get(bucket.urn) ?? [];
  }

  oaiReadersOf(bucket: PolicyResource): PolicyResource[] {
    return this.oaiReaders.get(bucket.urn) ?? [];
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
    const linked = this.index.referenced(resource, prop, ...BUCKET_TYPES, S3_DIRECTORY_BUCKET);
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
 * The stack's directory buckets (S3 Express One Zone). Only default encryption applies to them:
 * S3 User Guide, "Directory buckets": Block Public Access is always on and ACLs are disabled.
 */
export function directoryBucketsOf(index: StackIndex): PolicyResource[] {
  return s3IndexOf(index).directoryBuckets;
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

/**
 * CloudFront distributions whose standard logging (legacy) writes into `bucket`. CloudFront
 * Developer Guide, "Configure standard logging (legacy)": "Your bucket must have access control
 * list (ACL) enabled" and "Don't choose an Amazon S3 bucket with S3 Object Ownership set to bucket
 * owner enforced."
 */
export function cloudfrontLegacyLoggingInto(
  index: StackIndex,
  bucket: PolicyResource,
): PolicyResource[] {
  return s3IndexOf(index).cloudfrontLoggingInto(bucket);
}

/** CloudFront distributions that read `bucket` through an Origin Access Identity. */
export function oaiReadersOf(index: StackIndex, bucket: PolicyResource): PolicyResource[] {
  return s3IndexOf(index).oaiReadersOf(bucket);
}

/** Log deliveries into `bucket` whose service documents SSE-S3 as the only supported default. */
export function sseS3OnlyDeliveries(index: StackIndex, bucket: PolicyResource): LogTargetSource[] {
  return logTargetSourcesOf(index, bucket).filter((t) => t.sseS3Only !== undefined);
}

/** AWS accounts of the stack, from known ARNs of its resources (none at preview). */
export function stackAccounts(index: StackIndex): Set<string> {
  return s3IndexOf(index).stackAccounts();
}
