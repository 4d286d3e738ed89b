// Storage layer: one upload bucket and one IAM role per producer (the API and the Kafka ingest),
// a customer-managed key only those two roles may use, and a server-access-log bucket.
// Design notes and the AWS facts behind them: docs/decisions/storage.md. The documents (bucket
// policies, role policies, key grants) are built as data in ./policies.ts.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  applyBucketGuarantees,
  BucketEncryption,
  bucketWaiverTags,
  disposableDataWaivers,
} from "../bucket";
import { componentScope, invalidArguments } from "../context";
import { policyDocument } from "../iam";
import { componentKey } from "../kms-key";
import { TagsOf } from "../naming";
import {
  EXTERNAL_ID,
  ROLE_ARN,
  SERVICE_PRINCIPAL,
  STORAGE_SECTION,
  StorageSettings,
} from "../storage.keys";
import {
  accessLogDeliveryStatements,
  PRODUCERS,
  Producer,
  producerBucketStatements,
  producerRoleStatements,
  storageKeyGrants,
} from "./policies";
import { producerRoles } from "./roles";

export * from "./policies";
export type { IngestPrincipal } from "../storage.keys";

/**
 * Upload storage for one environment. The objects' expiry and the ingest principal are the storage
 * section's settings (components/storage.keys.ts).
 */
export interface StorageArgs
  extends
    Pick<StorageSettings, "ingestPrincipal">,
    Partial<Pick<StorageSettings, "objectExpirationDays">> {
  /** Retention in days of noncurrent object versions. Defaults to 7. */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days after which server access logs expire. Defaults to 90. */
  readonly accessLogExpirationDays?: number;
  /**
   * Key prefix (e.g. "gallery/") under which the API role may list objects. Defaults to none: the
   * API role may list the whole API bucket. Leave it unset for the app in `app/`: it lists under
   * `uploads/` (app/src/keys.ts), and its readiness probe, HeadBucket, is authorized as
   * s3:ListBucket with no `s3:prefix` in the request (S3 API Reference, HeadBucket), which the
   * prefix condition refuses.
   */
  readonly apiListPrefix?: string;
  /**
   * Read-only consumers of both upload buckets (e.g. the analytics layer's Redshift COPY role): the
   * key policy lets them decrypt, only through S3 and only for these buckets. Their own IAM policies
   * must grant the S3 reads. Defaults to none.
   */
  readonly readerRoleArns?: readonly pulumi.Input<string>[];
  /** Protect buckets and keys (protect + retainOnDelete). Defaults to false; prod sets it. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

/**
 * The access-log bucket's encryption (SSE-S3: the policy pack accepts it as a documented exception
 * for a server-access-log target) and its waiver (read by the policy pack), with the written
 * reason why it does not log its own access.
 */
export const ACCESS_LOG_ENCRYPTION: BucketEncryption = {
  kind: "sse-s3",
  reason:
    "S3 server access logging supports only SSE-S3 default encryption on the target bucket per the S3 User Guide",
};
export const ACCESS_LOG_WAIVERS: Readonly<Record<string, string>> = bucketWaiverTags(
  ACCESS_LOG_ENCRYPTION,
  "Server access log target bucket: the S3 User Guide advises against access logging on a log destination bucket",
);

// Bucket names are auto-named `<logical name>-<7 characters>` and must be 3-63 lowercase
// characters; the longest logical name is `${name}-ingest`.
const MAX_NAME_LENGTH = 63 - "-ingest".length - 8;

interface Settings {
  readonly objectExpirationDays: number;
  readonly noncurrentVersionExpirationDays: number;
  readonly accessLogExpirationDays: number;
  readonly protect: boolean;
}

function checkDays(problems: string[], key: string, value: number | undefined, fallback: number) {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1 || v > 36500) {
    problems.push(`${key}: ${v} is not a whole number of days from 1 to 36500`);
  }
  return v;
}

/** Validates the arguments, collecting every problem into one error. */
function validateArgs(name: string, args: StorageArgs): Settings {
  const problems: string[] = [];
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(name) || name.length > MAX_NAME_LENGTH) {
    problems.push(
      `name: "${name}" must be lowercase letters, digits and hyphens, at most ${MAX_NAME_LENGTH} characters (it prefixes bucket names)`,
    );
  }
  const settings: Settings = {
    objectExpirationDays: checkDays(
      problems,
      "objectExpirationDays",
      args.objectExpirationDays,
      STORAGE_SECTION.keys.objectExpirationDays.default,
    ),
    noncurrentVersionExpirationDays: checkDays(
      problems,
      "noncurrentVersionExpirationDays",
      args.noncurrentVersionExpirationDays,
      7,
    ),
    accessLogExpirationDays: checkDays(
      problems,
      "accessLogExpirationDays",
      args.accessLogExpirationDays,
      90,
    ),
    protect: args.protect ?? false,
  };
  const p = args.ingestPrincipal;
  if (p.type === "Service") {
    if (!SERVICE_PRINCIPAL.test(p.identifier)) {
      problems.push(`ingestPrincipal.identifier: "${p.identifier}" is not a service principal`);
    }
    if (p.externalId !== undefined) {
      problems.push("ingestPrincipal.externalId: applies only to an AWS (role) principal");
    }
    if (p.sourceArn !== undefined && !/^arn:aws[a-z-]*:[a-z0-9-]+:/.test(p.sourceArn)) {
      problems.push(`ingestPrincipal.sourceArn: "${p.sourceArn}" is not an ARN`);
    }
  } else {
    if (!ROLE_ARN.test(p.identifier)) {
      problems.push(`ingestPrincipal.identifier: "${p.identifier}" is not an IAM role ARN`);
    }
    if (
      p.externalId !== undefined &&
      (!EXTERNAL_ID.test(p.externalId) || p.externalId.length < 2 || p.externalId.length > 1224)
    ) {
      problems.push(
        "ingestPrincipal.externalId: must be 2-1224 characters of [A-Za-z0-9+=,.@:/_-]",
      );
    }
    if (p.sourceArn !== undefined) {
      problems.push("ingestPrincipal.sourceArn: applies only to a service principal");
    }
  }
  if (args.apiListPrefix !== undefined && !/^[^/*?][^*?]*$/.test(args.apiListPrefix)) {
    problems.push(
      `apiListPrefix: "${args.apiListPrefix}" must be a non-empty key prefix without wildcards or a leading "/"`,
    );
  }
  invalidArguments("Storage", name, problems);
  return settings;
}

/**
 * Upload buckets for the API and the Kafka ingest, each writable only by its producer role and
 * encrypted with a customer-managed key those two roles may use only through S3.
 */
export class Storage extends pulumi.ComponentResource {
  /** The upload buckets' key (the producer roles and the readers use it through S3 only). */
  public readonly keyArn: pulumi.Output<string>;
  /** The API's upload bucket (the tasks' BUCKET_NAME). */
  public readonly apiBucketName: pulumi.Output<string>;
  /** ARN of the API's upload bucket. */
  public readonly apiBucketArn: pulumi.Output<string>;
  /** The Kafka ingest's upload bucket. */
  public readonly ingestBucketName: pulumi.Output<string>;
  /** ARN of the ingest bucket. */
  public readonly ingestBucketArn: pulumi.Output<string>;
  /** The server-access-log bucket (SSE-S3, the one documented exception). */
  public readonly logBucketName: pulumi.Output<string>;
  /** ARN of the server-access-log bucket. */
  public readonly logBucketArn: pulumi.Output<string>;
  /** The API's producer role: the runtime's task role. */
  public readonly apiRoleArn: pulumi.Output<string>;
  /** Name of the API role (the database grants it `rds-db:connect`). */
  public readonly apiRoleName: pulumi.Output<string>;
  /** The API role's inline policy: the runtime's task definition waits for it. */
  public readonly apiRolePolicy: aws.iam.RolePolicy;
  /** The Kafka ingest's producer role, assumed by `ingestPrincipal`. */
  public readonly ingestRoleArn: pulumi.Output<string>;
  /** Name of the ingest role. */
  public readonly ingestRoleName: pulumi.Output<string>;

  constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
    const settings = validateArgs(name, args);
    super("platform:storage:Storage", name, {}, opts);
    // Buckets and the key hold data: protected in prod, and kept if ever removed from the program.
    const scope = componentScope(this, name, args);
    const { parent, tags, dataOpts, account } = scope;
    const { accountId, partition } = account;
    const region = aws.getRegionOutput({}, parent).region;
    // KMS docs ("kms:ViaService"): S3 calls KMS through the service name s3.<region>.amazonaws.com.
    const s3ViaService = pulumi.interpolate`s3.${region}.amazonaws.com`;

    const roles = producerRoles(this, name, args, { tags, accountId, partition, region });
    const { buckets, logBucket } = storageBuckets(name, settings, { tags, dataOpts });
    // No grant for logging.s3.amazonaws.com: the access-log bucket is SSE-S3 (see below).
    const key = componentKey(
      scope,
      name,
      `Encrypts the ${name} upload buckets; usable only by the api and ingest producer roles through S3`,
      storageKeyGrants({
        roleArns: { api: roles.api.arn, ingest: roles.ingest.arn },
        bucketArns: { api: buckets.api.arn, ingest: buckets.ingest.arn },
        readerRoleArns: args.readerRoleArns ?? [],
        s3ViaService,
        accountId,
      }),
    );

    // The access-log bucket. S3 docs ("Enabling Amazon S3 server access logging"): default
    // encryption on the destination bucket may only be SSE-S3 (AES256); default SSE-KMS is not
    // supported. The destination must not use Object Lock default retention and should not log to
    // itself.
    const logPolicy = applyBucketGuarantees(this, `${name}-logs`, logBucket, {
      encryption: ACCESS_LOG_ENCRYPTION,
      expirationDays: settings.accessLogExpirationDays,
      noncurrentVersionExpirationDays: settings.noncurrentVersionExpirationDays,
      policyStatements: accessLogDeliveryStatements(
        logBucket.arn,
        { api: buckets.api.arn, ingest: buckets.ingest.arn },
        accountId,
      ),
    });
    const rolePolicies = {} as Record<Producer, aws.iam.RolePolicy>;
    for (const p of PRODUCERS) {
      rolePolicies[p] = producerBucket(this, p, {
        name,
        args,
        settings,
        bucket: buckets[p],
        role: roles[p],
        keyArn: key.keyArn,
        logBucket,
        logPolicy,
        s3ViaService,
      });
    }

    this.keyArn = key.keyArn;
    this.apiBucketName = buckets.api.bucket;
    this.apiBucketArn = buckets.api.arn;
    this.ingestBucketName = buckets.ingest.bucket;
    this.ingestBucketArn = buckets.ingest.arn;
    this.logBucketName = logBucket.bucket;
    this.logBucketArn = logBucket.arn;
    this.apiRoleArn = roles.api.arn;
    this.apiRoleName = roles.api.name;
    this.apiRolePolicy = rolePolicies.api;
    this.ingestRoleArn = roles.ingest.arn;
    this.ingestRoleName = roles.ingest.name;
    this.registerOutputs({
      keyArn: this.keyArn,
      apiBucketName: this.apiBucketName,
      apiBucketArn: this.apiBucketArn,
      ingestBucketName: this.ingestBucketName,
      ingestBucketArn: this.ingestBucketArn,
      logBucketName: this.logBucketName,
      logBucketArn: this.logBucketArn,
      apiRoleArn: this.apiRoleArn,
      apiRoleName: this.apiRoleName,
      ingestRoleArn: this.ingestRoleArn,
      ingestRoleName: this.ingestRoleName,
    });
  }
}

/**
 * The buckets, created before their key (the key's grants name them): one per producer and the
 * server-access-log bucket. Buckets hold data: protected in prod, and kept if ever removed.
 */
function storageBuckets(
  name: string,
  settings: Settings,
  on: { readonly tags: TagsOf; readonly dataOpts: pulumi.CustomResourceOptions },
): { buckets: Record<Producer, aws.s3.Bucket>; logBucket: aws.s3.Bucket } {
  const { tags, dataOpts } = on;
  const buckets = {} as Record<Producer, aws.s3.Bucket>;
  // Uploads are transient by design: no replica, Object Lock or event feed (advisory S3 rules).
  const transient = disposableDataWaivers(
    `Transient uploads: they expire after ${settings.objectExpirationDays} days by design and nothing reads their events`,
  );
  for (const p of PRODUCERS) {
    buckets[p] = new aws.s3.Bucket(
      `${name}-${p}`,
      // Unprotected (disposable) stacks empty their buckets on `pulumi destroy`; prod never.
      { forceDestroy: !settings.protect, tags: tags(p, { producer: p, ...transient }) },
      dataOpts,
    );
  }
  const logBucket = new aws.s3.Bucket(
    `${name}-logs`,
    {
      forceDestroy: !settings.protect,
      tags: tags("logs", {
        ...ACCESS_LOG_WAIVERS,
        ...disposableDataWaivers(
          "Server access logs for troubleshooting: they expire and nothing reads their events",
        ),
      }),
    },
    dataOpts,
  );
  return { buckets, logBucket };
}

/** A producer's bucket: its guarantees (SSE-KMS with the key, access logs) and its role's policy (returned). */
function producerBucket(
  self: pulumi.ComponentResource,
  p: Producer,
  on: {
    readonly name: string;
    readonly args: StorageArgs;
    readonly settings: Settings;
    readonly bucket: aws.s3.Bucket;
    readonly role: aws.iam.Role;
    readonly keyArn: pulumi.Output<string>;
    readonly logBucket: aws.s3.Bucket;
    readonly logPolicy: aws.s3.BucketPolicy;
    readonly s3ViaService: pulumi.Output<string>;
  },
): aws.iam.RolePolicy {
  const { name, args, settings, bucket, role, keyArn, logBucket, logPolicy, s3ViaService } = on;
  const parent = { parent: self };
  applyBucketGuarantees(self, `${name}-${p}`, bucket, {
    encryption: { kind: "kms", keyArn },
    expirationDays: settings.objectExpirationDays,
    noncurrentVersionExpirationDays: settings.noncurrentVersionExpirationDays,
    accessLogs: { bucket: logBucket.id, prefix: `${p}/`, dependsOn: [logPolicy] },
    policyStatements: producerBucketStatements(bucket.arn, keyArn, role.arn),
  });
  return new aws.iam.RolePolicy(
    `${name}-${p}-role-policy`,
    {
      role: role.id,
      policy: policyDocument(
        producerRoleStatements({
          bucketArn: bucket.arn,
          keyArn,
          s3ViaService,
          listPrefix: p === "api" ? args.apiListPrefix : undefined,
        }),
        parent,
      ),
    },
    parent,
  );
}
