// Storage layer: one upload bucket and one IAM role per producer (the API and the Kafka ingest),
// a customer-managed key only those two roles may use, and a server-access-log bucket.
// Design notes and the AWS facts behind them: docs/decisions/storage.md.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  ANYONE,
  PolicyStatement,
  policyDocument,
  roleTrustPolicy,
  serviceTrustPolicy,
} from "./iam";
import { applyBucketGuarantees, BucketEncryption, bucketWaiverTags } from "./bucket";
import { EncryptionKey, KeyGrant } from "./kms-key";

/** Who may assume the ingest producer role. */
export interface IngestPrincipal {
  /** A service principal (`Service`) or an IAM role ARN (`AWS`). */
  readonly type: "Service" | "AWS";
  /** e.g. "kafkaconnect.amazonaws.com" (MSK Connect) or "arn:aws:iam::111122223333:role/connect". */
  readonly identifier: string;
  /**
   * `sts:ExternalId` the role must present; required for an AWS principal in another account.
   * Without it the trust also requires `aws:PrincipalAccount` = this account, so a role elsewhere
   * cannot assume the ingest role (a warning says so at deploy time).
   */
  readonly externalId?: string;
  /**
   * For a service principal: the ARN (wildcards allowed) of the resources that act through it, e.g.
   * "arn:aws:kafkaconnect:eu-west-1:123456789012:connector/ingest/*". Defaults to none: then only
   * `aws:SourceAccount` narrows the trust.
   */
  readonly sourceArn?: string;
}

/** Upload storage for one environment. */
export interface StorageArgs {
  /** Days after which uploaded objects expire. Defaults to 7. */
  readonly objectExpirationDays?: number;
  /** Who may assume the ingest producer role: a service principal (e.g. "kafkaconnect.amazonaws.com" for MSK Connect) or an IAM role ARN (possibly in another account). */
  readonly ingestPrincipal: IngestPrincipal;
  /** Retention in days of noncurrent object versions. Defaults to 7. */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days after which server access logs expire. Defaults to 90. */
  readonly accessLogExpirationDays?: number;
  /**
   * Key prefix (e.g. "gallery/") under which the API role may list objects. Defaults to none: the
   * API role may list the whole API bucket.
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

/** The producers, each with its own bucket and role. */
export const PRODUCERS = ["api", "ingest"] as const;
export type Producer = (typeof PRODUCERS)[number];

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

/**
 * Object-level writes. Only the producer role may perform them on its bucket; everyone else
 * (administrators included) is denied by the bucket policy. Bucket-level actions (policy,
 * configuration) are not denied, so administrators keep managing the bucket.
 */
export const OBJECT_WRITE_ACTIONS = [
  "s3:PutObject",
  "s3:PutObjectAcl",
  "s3:PutObjectVersionAcl",
  "s3:PutObjectTagging",
  "s3:PutObjectVersionTagging",
  "s3:PutObjectRetention",
  "s3:PutObjectLegalHold",
  "s3:DeleteObject",
  "s3:DeleteObjectVersion",
  "s3:DeleteObjectTagging",
  "s3:DeleteObjectVersionTagging",
  "s3:ReplicateObject",
  "s3:ReplicateDelete",
  "s3:ReplicateTags",
] as const;

// Bucket names are auto-named `<logical name>-<7 characters>` and must be 3-63 lowercase
// characters; the longest logical name is `${name}-ingest`.
const MAX_NAME_LENGTH = 63 - "-ingest".length - 8;
const SERVICE_RE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/;
const ROLE_ARN_RE = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const EXTERNAL_ID_RE = /^[\w+=,.@:/-]{2,1224}$/;

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
function settingsOf(name: string, args: StorageArgs): Settings {
  const problems: string[] = [];
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(name) || name.length > MAX_NAME_LENGTH) {
    problems.push(
      `name: "${name}" must be lowercase letters, digits and hyphens, at most ${MAX_NAME_LENGTH} characters (it prefixes bucket names)`,
    );
  }
  const settings: Settings = {
    objectExpirationDays: checkDays(problems, "objectExpirationDays", args.objectExpirationDays, 7),
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
    if (!SERVICE_RE.test(p.identifier)) {
      problems.push(`ingestPrincipal.identifier: "${p.identifier}" is not a service principal`);
    }
    if (p.externalId !== undefined) {
      problems.push("ingestPrincipal.externalId: applies only to an AWS (role) principal");
    }
    if (p.sourceArn !== undefined && !/^arn:aws[a-z-]*:[a-z0-9-]+:/.test(p.sourceArn)) {
      problems.push(`ingestPrincipal.sourceArn: "${p.sourceArn}" is not an ARN`);
    }
  } else {
    if (!ROLE_ARN_RE.test(p.identifier)) {
      problems.push(`ingestPrincipal.identifier: "${p.identifier}" is not an IAM role ARN`);
    }
    if (p.externalId !== undefined && !EXTERNAL_ID_RE.test(p.externalId)) {
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
  if (problems.length > 0) {
    throw new Error(`Storage "${name}": invalid arguments:\n  ${problems.join("\n  ")}`);
  }
  return settings;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Upload buckets for the API and the Kafka ingest, each writable only by its producer role and
 * encrypted with a customer-managed key those two roles may use only through S3.
 */
export class Storage extends pulumi.ComponentResource {
  public readonly keyArn: pulumi.Output<string>;
  public readonly apiBucketName: pulumi.Output<string>;
  public readonly apiBucketArn: pulumi.Output<string>;
  public readonly ingestBucketName: pulumi.Output<string>;
  public readonly ingestBucketArn: pulumi.Output<string>;
  public readonly logBucketName: pulumi.Output<string>;
  public readonly logBucketArn: pulumi.Output<string>;
  public readonly apiRoleArn: pulumi.Output<string>;
  public readonly apiRoleName: pulumi.Output<string>;
  public readonly ingestRoleArn: pulumi.Output<string>;
  public readonly ingestRoleName: pulumi.Output<string>;

  constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:storage:Storage", name, {}, opts);
    const settings = settingsOf(name, args);
    const parent = { parent: this };
    // Buckets and the key hold data: protected in prod, and kept if ever removed from the program.
    const dataOpts: pulumi.CustomResourceOptions = {
      parent: this,
      protect: settings.protect,
      retainOnDelete: settings.protect,
    };
    const tagged = (role: string, extra: Record<string, string> = {}) => ({
      ...args.tags,
      Name: `${name}-${role}`,
      ...extra,
    });

    const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
    const partition = aws.getPartitionOutput({}, parent).partition;
    const region = aws.getRegionOutput({}, parent).region;
    // KMS docs ("kms:ViaService"): S3 calls KMS through the service name s3.<region>.amazonaws.com.
    const s3ViaService = pulumi.interpolate`s3.${region}.amazonaws.com`;

    // ---- Producer roles -------------------------------------------------------------------------
    // ECS docs ("Amazon ECS task IAM role"): trust ecs-tasks.amazonaws.com with aws:SourceAccount and
    // ArnLike aws:SourceArn arn:aws:ecs:<region>:<account>:* to prevent the confused deputy.
    const apiRole = new aws.iam.Role(
      `${name}-api-role`,
      {
        description: `Task role of the API: read and write its own upload bucket (${name})`,
        assumeRolePolicy: serviceTrustPolicy(
          "ecs-tasks.amazonaws.com",
          {
            sourceAccount: accountId,
            sourceArn: pulumi.interpolate`arn:${partition}:ecs:${region}:${accountId}:*`,
          },
          parent,
        ),
        tags: tagged("api-role"),
      },
      parent,
    );
    const ingestRole = new aws.iam.Role(
      `${name}-ingest-role`,
      {
        description: `Ingest producer role: read and write its own upload bucket (${name})`,
        assumeRolePolicy: this.ingestTrustPolicy(args.ingestPrincipal, accountId),
        tags: tagged("ingest-role"),
      },
      parent,
    );
    const roles: Record<Producer, aws.iam.Role> = { api: apiRole, ingest: ingestRole };

    // ---- Buckets --------------------------------------------------------------------------------
    const buckets = {} as Record<Producer, aws.s3.Bucket>;
    for (const p of PRODUCERS) {
      buckets[p] = new aws.s3.Bucket(
        `${name}-${p}`,
        { forceDestroy: false, tags: tagged(p, { producer: p }) },
        dataOpts,
      );
    }
    const logBucket = new aws.s3.Bucket(
      `${name}-logs`,
      {
        forceDestroy: false,
        tags: tagged("logs", ACCESS_LOG_WAIVERS),
      },
      dataOpts,
    );

    // ---- Key ------------------------------------------------------------------------------------
    // S3 docs ("Using server-side encryption with AWS KMS keys"): uploading needs kms:GenerateDataKey
    // and downloading kms:Decrypt (multipart uploads both); S3 needs neither Encrypt nor ReEncrypt.
    // S3 docs ("Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys"): with a bucket key the
    // encryption context is the bucket ARN (the object ARN without one), so each role may use the
    // key only for its own bucket.
    const grants: KeyGrant[] = PRODUCERS.map((p) => ({
      sid: `${capitalize(p)}RoleUseThroughS3`,
      principals: { type: "AWS", identifiers: [roles[p].arn] },
      actions: ["kms:GenerateDataKey", "kms:Decrypt"],
      conditions: [
        { test: "StringEquals", variable: "kms:ViaService", values: [s3ViaService] },
        { test: "StringEquals", variable: "kms:CallerAccount", values: [accountId] },
        {
          test: "StringLike",
          variable: "kms:EncryptionContext:aws:s3:arn",
          values: [buckets[p].arn, pulumi.interpolate`${buckets[p].arn}/*`],
        },
      ],
    }));
    // Readers decrypt only (KMS docs: reading an SSE-KMS object needs kms:Decrypt alone).
    if ((args.readerRoleArns ?? []).length > 0) {
      grants.push({
        sid: "ReadersDecryptThroughS3",
        principals: { type: "AWS", identifiers: [...(args.readerRoleArns ?? [])] },
        actions: ["kms:Decrypt"],
        conditions: [
          { test: "StringEquals", variable: "kms:ViaService", values: [s3ViaService] },
          { test: "StringEquals", variable: "kms:CallerAccount", values: [accountId] },
          {
            test: "StringLike",
            variable: "kms:EncryptionContext:aws:s3:arn",
            values: PRODUCERS.flatMap((p) => [
              buckets[p].arn,
              pulumi.interpolate`${buckets[p].arn}/*`,
            ]),
          },
        ],
      });
    }
    // No grant for logging.s3.amazonaws.com: the access-log bucket is SSE-S3 (see below).
    const key = new EncryptionKey(
      `${name}-key`,
      {
        description: `Encrypts the ${name} upload buckets; usable only by the api and ingest producer roles through S3`,
        grants,
        // One alias per stack, so staging and prod can share an account.
        aliasName: `alias/${pulumi.getProject()}/${pulumi.getStack()}/${name}`.replace(
          /[^A-Za-z0-9/_-]/g,
          "-",
        ),
        protect: settings.protect,
        tags: tagged("key"),
      },
      parent,
    );

    // ---- Access-log bucket ----------------------------------------------------------------------
    // S3 docs ("Enabling Amazon S3 server access logging"): default encryption on the destination
    // bucket may only be SSE-S3 (AES256); default SSE-KMS is not supported. The destination must
    // not use Object Lock default retention and should not log to itself.
    // S3 docs ("Permissions for log delivery"): with BucketOwnerEnforced, grant
    // logging.s3.amazonaws.com s3:PutObject in the bucket policy, narrowed by aws:SourceArn (the
    // source bucket) and aws:SourceAccount.
    const logPolicy = applyBucketGuarantees(this, `${name}-logs`, logBucket, {
      encryption: ACCESS_LOG_ENCRYPTION,
      expirationDays: settings.accessLogExpirationDays,
      noncurrentVersionExpirationDays: settings.noncurrentVersionExpirationDays,
      policyStatements: PRODUCERS.map((p): PolicyStatement => ({
        sid: `AllowAccessLogsFrom${capitalize(p)}`,
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
        actions: ["s3:PutObject"],
        resources: [pulumi.interpolate`${logBucket.arn}/${p}/*`],
        conditions: [
          { test: "ArnLike", variable: "aws:SourceArn", values: [buckets[p].arn] },
          { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
        ],
      })),
    });

    // ---- Producer buckets -----------------------------------------------------------------------
    for (const p of PRODUCERS) {
      const bucket = buckets[p];
      applyBucketGuarantees(this, `${name}-${p}`, bucket, {
        encryption: { kind: "kms", keyArn: key.keyArn },
        expirationDays: settings.objectExpirationDays,
        noncurrentVersionExpirationDays: settings.noncurrentVersionExpirationDays,
        accessLogs: { bucket: logBucket.id, prefix: `${p}/`, dependsOn: [logPolicy] },
        policyStatements: producerBucketStatements(bucket.arn, key.keyArn, roles[p].arn),
      });
      new aws.iam.RolePolicy(
        `${name}-${p}-role-policy`,
        {
          role: roles[p].id,
          policy: policyDocument(
            producerRoleStatements({
              bucketArn: bucket.arn,
              keyArn: key.keyArn,
              s3ViaService,
              listPrefix: p === "api" ? args.apiListPrefix : undefined,
            }),
            parent,
          ),
        },
        parent,
      );
    }

    this.keyArn = key.keyArn;
    this.apiBucketName = buckets.api.bucket;
    this.apiBucketArn = buckets.api.arn;
    this.ingestBucketName = buckets.ingest.bucket;
    this.ingestBucketArn = buckets.ingest.arn;
    this.logBucketName = logBucket.bucket;
    this.logBucketArn = logBucket.arn;
    this.apiRoleArn = apiRole.arn;
    this.apiRoleName = apiRole.name;
    this.ingestRoleArn = ingestRole.arn;
    this.ingestRoleName = ingestRole.name;
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

  /** Trust policy of the ingest role for a service principal or an exact IAM role. */
  private ingestTrustPolicy(
    principal: IngestPrincipal,
    accountId: pulumi.Output<string>,
  ): pulumi.Output<string> {
    const parent = { parent: this };
    if (principal.type === "Service") {
      return serviceTrustPolicy(
        principal.identifier,
        { sourceAccount: accountId, sourceArn: principal.sourceArn },
        parent,
      );
    }
    // IAM docs ("Access to AWS accounts owned by third parties"): a role assumed from another
    // account should present sts:ExternalId. Without one, the trust is limited to principals of
    // this account (aws:PrincipalAccount), so a cross-account role configured without an external
    // id fails closed; the deploying account is only known at run time, hence a warning rather
    // than an error.
    if (principal.externalId !== undefined) {
      return roleTrustPolicy(principal.identifier, { externalId: principal.externalId }, parent);
    }
    const roleAccount = ROLE_ARN_RE.exec(principal.identifier)?.[1];
    accountId.apply((own) => {
      if (roleAccount !== own) {
        void pulumi.log.warn(
          `ingestPrincipal: ${principal.identifier} is in account ${roleAccount}, not ${own}, and has no externalId: it will not be able to assume the ingest role; set an externalId`,
          this,
        );
      }
    });
    return roleTrustPolicy(principal.identifier, { principalAccount: accountId }, parent);
  }
}

/**
 * Bucket policy statements of a producer bucket (after the TLS-only deny every bucket gets): uploads encrypted with our key only; object writes
 * only by the producer role.
 *
 * IAM docs ("Condition operators"): a negated operator such as StringNotEquals is true when the key
 * is absent, so each encryption deny is paired with `Null = false` and applies only when the client
 * sends the header. A client that sends no encryption header gets the bucket default (SSE-KMS with
 * our key). S3 API reference ("PutObject"): `aws:kms` without a key id means the AWS managed key
 * aws/s3, so that combination is denied; clients name the key by its full ARN or send nothing.
 */
export function producerBucketStatements(
  bucketArn: pulumi.Input<string>,
  keyArn: pulumi.Input<string>,
  roleArn: pulumi.Input<string>,
): PolicyStatement[] {
  const objects = pulumi.interpolate`${bucketArn}/*`;
  const sse = "s3:x-amz-server-side-encryption";
  const sseKeyId = "s3:x-amz-server-side-encryption-aws-kms-key-id";
  const denyPut = (sid: string, conditions: PolicyStatement["conditions"]): PolicyStatement => ({
    sid,
    effect: "Deny",
    principals: [ANYONE],
    actions: ["s3:PutObject"],
    resources: [objects],
    conditions,
  });
  return [
    denyPut("DenyEncryptionOtherThanKms", [
      { test: "Null", variable: sse, values: ["false"] },
      { test: "StringNotEquals", variable: sse, values: ["aws:kms"] },
    ]),
    denyPut("DenyKmsWithoutOurKeyId", [
      { test: "Null", variable: sse, values: ["false"] },
      { test: "Null", variable: sseKeyId, values: ["true"] },
    ]),
    denyPut("DenyKeysOtherThanOurs", [
      { test: "Null", variable: sseKeyId, values: ["false"] },
      { test: "StringNotEquals", variable: sseKeyId, values: [keyArn] },
    ]),
    denyPut("DenyCustomerProvidedKeys", [
      {
        test: "Null",
        variable: "s3:x-amz-server-side-encryption-customer-algorithm",
        values: ["false"],
      },
    ]),
    {
      // IAM docs ("aws:PrincipalArn"): for a role session this is the role's ARN.
      sid: "DenyObjectWritesByOthers",
      effect: "Deny",
      principals: [ANYONE],
      actions: [...OBJECT_WRITE_ACTIONS],
      resources: [objects],
      conditions: [{ test: "StringNotEquals", variable: "aws:PrincipalArn", values: [roleArn] }],
    },
  ];
}

export interface ProducerRoleScope {
  readonly bucketArn: pulumi.Input<string>;
  readonly keyArn: pulumi.Input<string>;
  /** `s3.<region>.amazonaws.com`. */
  readonly s3ViaService: pulumi.Input<string>;
  /** Restricts s3:ListBucket to keys under this prefix. */
  readonly listPrefix?: string;
}

/**
 * Inline policy of a producer role: its own bucket only; the key only through S3. No DeleteObject:
 * objects leave through the lifecycle rules, and a compromised producer cannot erase data.
 */
export function producerRoleStatements(scope: ProducerRoleScope): PolicyStatement[] {
  return [
    {
      sid: "ReadWriteOwnObjects",
      effect: "Allow",
      actions: [
        "s3:PutObject",
        "s3:GetObject",
        "s3:AbortMultipartUpload",
        "s3:ListMultipartUploadParts",
      ],
      resources: [pulumi.interpolate`${scope.bucketArn}/*`],
    },
    {
      // Without s3:ListBucket, S3 answers 403 instead of 404 for a missing key, and the API's
      // gallery lists objects.
      sid: "ListOwnBucket",
      effect: "Allow",
      actions: ["s3:ListBucket"],
      resources: [scope.bucketArn],
      conditions:
        scope.listPrefix === undefined
          ? undefined
          : [{ test: "StringLike", variable: "s3:prefix", values: [`${scope.listPrefix}*`] }],
    },
    {
      sid: "UseKeyThroughS3",
      effect: "Allow",
      actions: ["kms:GenerateDataKey", "kms:Decrypt"],
      resources: [scope.keyArn],
      conditions: [
        { test: "StringEquals", variable: "kms:ViaService", values: [scope.s3ViaService] },
        {
          test: "StringLike",
          variable: "kms:EncryptionContext:aws:s3:arn",
          values: [scope.bucketArn, pulumi.interpolate`${scope.bucketArn}/*`],
        },
      ],
    },
  ];
}
