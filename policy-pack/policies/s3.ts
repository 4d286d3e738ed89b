// S3 policies: block public access (bucket and account level, ACLs, bucket policies, object
// ownership), SSE-KMS with customer-managed keys, TLS-only access, logging, versioning, lifecycle
// and cross-account grants. Every bucket rule covers both `aws.s3.Bucket` and the deprecated
// `aws.s3.BucketV2`, and reads the side resources (and their V2 aliases) that configure a bucket,
// correlated through property dependencies (preview-safe) and literal bucket names.
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { resourcePolicy, stackPolicy, StackCheckContext } from "../lib/define";
import {
  ACCOUNT_PUBLIC_ACCESS_BLOCK,
  accountOf,
  actionsText,
  asList,
  BUCKET_TYPES,
  bucketsConfiguredBy,
  bucketsOf,
  classifyKey,
  DEFAULT_NARROWING_KEYS,
  deniesInsecureTransport,
  describeKeyRef,
  logTargetSourcesOf,
  parsePolicyDocument,
  pick,
  programSetting,
  publicGrants,
  S3_SIDE,
  sideResourcesOf,
  stackAccounts,
  tryRead,
} from "../lib/s3";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/** Names of the public-access flags that are not `true` (an unset flag defaults to false). */
function falseFlags(props: any): string[] {
  return FLAGS.filter((f) => props[f] !== true);
}

const label = (r: PolicyResource) => `bucket "${r.name}"`;

/** Runs `check` for every bucket of the stack, each in its own preview-safe part. */
function eachBucket<C>(ctx: StackCheckContext<C>, check: (bucket: PolicyResource) => void): void {
  for (const bucket of bucketsOf(ctx.index)) ctx.each(bucket, () => check(bucket));
}

// ---------------------------------------------------------------------------------------------
// Block public access

const bucketPublicAccessBlock = stackPolicy({
  name: "s3-bucket-public-access-block",
  description:
    "Every S3 bucket (Bucket or BucketV2) has a BucketPublicAccessBlock with all four flags true.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Add an aws.s3.BucketPublicAccessBlock with `bucket: <bucket>.id` and blockPublicAcls, " +
    "blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all set to true.",
  references: [
    { source: "Checkov", id: "CKV2_AWS_6" },
    { source: "Trivy", id: "AWS-0094" },
    { source: "cdk-nag", id: "AwsSolutions-S2" },
    { source: "Security Hub FSBP", id: "S3.8" },
  ],
  types: [...BUCKET_TYPES, ...S3_SIDE.publicAccessBlock],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const blocks = sideResourcesOf(ctx.index, bucket, S3_SIDE.publicAccessBlock);
      if (blocks.length === 0) {
        ctx.report(bucket, `${label(bucket)} has no BucketPublicAccessBlock.`);
        return;
      }
      for (const block of blocks) {
        const off = falseFlags(block.props);
        if (off.length) {
          ctx.report(
            bucket,
            `${label(bucket)}: public-access block "${block.name}" leaves ${off.join(", ")} off.`,
            [block],
          );
        }
      }
    }),
});

const publicAccessBlockAllFlags = resourcePolicy({
  name: "s3-public-access-block-all-flags",
  description: "A BucketPublicAccessBlock sets all four flags to true.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true.",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-S2" },
    { source: "Checkov", id: "CKV_AWS_53" },
    { source: "Checkov", id: "CKV_AWS_54" },
    { source: "Checkov", id: "CKV_AWS_55" },
    { source: "Checkov", id: "CKV_AWS_56" },
    { source: "Trivy", id: "AWS-0086" },
    { source: "Trivy", id: "AWS-0087" },
    { source: "Trivy", id: "AWS-0091" },
    { source: "Trivy", id: "AWS-0093" },
    { source: "Security Hub FSBP", id: "S3.8" },
  ],
  types: S3_SIDE.publicAccessBlock,
  check: (props, ctx) => {
    const off = falseFlags(props);
    if (off.length) ctx.report(`${off.join(", ")} not true (an unset flag is false).`);
  },
});

/** Canned ACLs that open a bucket or object to everyone or to every AWS account. */
const PUBLIC_CANNED_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
/** ACL groups that are public: every anonymous user, every authenticated AWS user. */
const PUBLIC_GROUPS = [
  "http://acs.amazonaws.com/groups/global/AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

const noPublicAcl = resourcePolicy({
  name: "s3-bucket-no-public-acl",
  description:
    "No bucket or object ACL (canned or grant) is public: public-read, public-read-write, " +
    "authenticated-read, or grants to the AllUsers / AuthenticatedUsers groups.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Remove the public ACL. Disable ACLs with aws.s3.BucketOwnershipControls " +
    "(objectOwnership: BucketOwnerEnforced) and grant access with a scoped bucket policy.",
  references: [
    { source: "Checkov", id: "CKV_AWS_20" },
    { source: "Checkov", id: "CKV_AWS_57" },
    { source: "Trivy", id: "AWS-0092" },
    { source: "Security Hub FSBP", id: "S3.2" },
    { source: "Security Hub FSBP", id: "S3.3" },
    { source: "compliance-policies", id: "aws-s3-bucket-disallow-public-read" },
  ],
  types: [
    ...BUCKET_TYPES,
    ...S3_SIDE.acl,
    "aws:s3/bucketObject:BucketObject",
    "aws:s3/bucketObjectv2:BucketObjectv2",
  ],
  check: (props, ctx) => {
    const acl = props.acl;
    if (typeof acl === "string" && PUBLIC_CANNED_ACLS.has(acl)) {
      ctx.report(`canned ACL "${acl}" is public.`);
    }
    // Bucket / BucketV2 inline `grants`; BucketAcl(V2) `accessControlPolicy.grants[].grantee`.
    const grants = [
      ...asList(props.grants).map((g: any) => ({ uri: g?.uri, what: asList(g?.permissions) })),
      ...asList(props.accessControlPolicy?.grants).map((g: any) => ({
        uri: g?.grantee?.uri,
        what: asList(g?.permission),
      })),
    ];
    for (const g of grants) {
      if (typeof g.uri === "string" && PUBLIC_GROUPS.includes(g.uri)) {
        ctx.report(`grants ${g.what.join(", ") || "access"} to the public group ${g.uri}.`);
      }
    }
  },
});

interface NarrowingConfig {
  narrowingConditionKeys: string[];
}

const narrowingConfig = {
  narrowingConditionKeys: {
    type: "array",
    items: { type: "string" },
    description:
      "Condition keys that, compared for equality with fixed values (no wildcard, no ...IfExists), " +
      'make an Allow to Principal "*" non-public.',
    default: [...DEFAULT_NARROWING_KEYS],
  },
} as const;

const policyNoPublicPrincipal = resourcePolicy<NarrowingConfig>({
  name: "s3-bucket-policy-no-public-principal",
  description:
    'No bucket policy (BucketPolicy or inline) allows Principal "*" (or {"AWS": "*"}, or uses ' +
    "NotPrincipal) without a condition that narrows it to known callers.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Name the principals (role ARNs, service principals) instead of "*", or add a StringEquals/' +
    "ArnEquals condition on aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, " +
    "aws:PrincipalAccount or aws:SourceVpce with fixed values.",
  references: [
    { source: "Checkov", id: "CKV_AWS_70" },
    { source: "Checkov", id: "CKV_AWS_93" },
    { source: "Security Hub FSBP", id: "S3.2" },
    { source: "Security Hub FSBP", id: "S3.3" },
  ],
  config: narrowingConfig,
  types: [...S3_SIDE.policy, ...BUCKET_TYPES],
  check: (props, ctx) => {
    const doc = props.policy;
    if (doc === undefined || doc === null || doc === "") return;
    const { statements, error } = parsePolicyDocument(doc);
    if (error) {
      ctx.report(error);
      return;
    }
    for (const { statement, why } of publicGrants(statements, ctx.config.narrowingConditionKeys)) {
      ctx.report(`statement ${statement.label} (${actionsText(statement)}): ${why}.`);
    }
  },
});

const ownershipEnforced = stackPolicy({
  name: "s3-bucket-ownership-enforced",
  description:
    "Every bucket has BucketOwnershipControls with objectOwnership BucketOwnerEnforced (ACLs disabled).",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Add an aws.s3.BucketOwnershipControls with `bucket: <bucket>.id` and " +
    'rule: { objectOwnership: "BucketOwnerEnforced" }. New buckets default to it, but only an ' +
    "explicit resource keeps it from drifting and documents it.",
  references: [
    { source: "Checkov", id: "CKV2_AWS_65" },
    { source: "Security Hub FSBP", id: "S3.12" },
  ],
  types: [...BUCKET_TYPES, ...S3_SIDE.ownershipControls],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const controls = sideResourcesOf(ctx.index, bucket, S3_SIDE.ownershipControls);
      if (controls.length === 0) {
        ctx.report(bucket, `${label(bucket)} has no BucketOwnershipControls.`);
        return;
      }
      for (const c of controls) {
        const owners = pick(c.props, "rule", "rules").map((r: any) => r?.objectOwnership);
        if (!owners.includes("BucketOwnerEnforced")) {
          ctx.report(
            bucket,
            `${label(bucket)}: ownership controls "${c.name}" set ${owners.join(", ") || "no rule"}, ` +
              "not BucketOwnerEnforced (ACLs stay enabled).",
            [c],
          );
        }
      }
    }),
});

const accountPublicAccessBlock = stackPolicy({
  name: "s3-account-public-access-block",
  description:
    "The account-level S3 public-access block is on (all four flags), here or managed elsewhere.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Turn on all four flags of the account's S3 Block Public Access, with an " +
    "aws.s3.AccountPublicAccessBlock in a stack that owns account settings (or an AWS " +
    "Organizations S3 policy). If it is managed elsewhere, disable this advisory for the stack.",
  references: [{ source: "Security Hub FSBP", id: "S3.1" }],
  types: [ACCOUNT_PUBLIC_ACCESS_BLOCK],
  check: (ctx) => {
    const blocks = ctx.index.ofType(ACCOUNT_PUBLIC_ACCESS_BLOCK);
    for (const block of blocks) {
      ctx.each(block, () => {
        const off = falseFlags(block.props);
        if (off.length)
          ctx.report(block, `account public-access block leaves ${off.join(", ")} off.`);
      });
    }
    if (blocks.length === 0 && bucketsOf(ctx.index).length > 0) {
      // Stack-level note: no resource to attach it to (the engine shows it for the stack).
      const stack = { urn: undefined, name: "stack", type: "pulumi:pulumi:Stack", props: {} };
      ctx.report(
        stack as unknown as PolicyResource,
        "this stack creates buckets but no AccountPublicAccessBlock: make sure the account-level " +
          "block (all four flags) is on, managed here or elsewhere.",
      );
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Encryption at rest

const KMS_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse"]);

interface SseRule {
  /** The resource the rule lives on (encryption side resource or the bucket itself). */
  readonly source: PolicyResource;
  /** Its top-level property (for property dependencies on the key). */
  readonly prop: string;
  readonly rule: any;
  readonly defaults: any[];
}

/**
 * The bucket's default-encryption rules: from its encryption side resources when there is one
 * (applied after the bucket, so they win), else from the deprecated inline blocks
 * (`serverSideEncryptionConfiguration.rule` on Bucket, `serverSideEncryptionConfigurations[].rules`
 * on BucketV2).
 */
function sseRules(ctx: StackCheckContext<unknown>, bucket: PolicyResource): SseRule[] {
  const sides = sideResourcesOf(ctx.index, bucket, S3_SIDE.encryption);
  const out: SseRule[] = [];
  const add = (source: PolicyResource, prop: string, rules: any[]) => {
    for (const rule of rules) {
      out.push({
        source,
        prop,
        rule,
        defaults: pick(
          rule,
          "applyServerSideEncryptionByDefault",
          "applyServerSideEncryptionByDefaults",
        ),
      });
    }
  };
  if (sides.length) {
    for (const s of sides) add(s, "rules", asList(s.props.rules));
    return out;
  }
  for (const prop of ["serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations"]) {
    for (const cfg of asList(programSetting(bucket, prop)))
      add(bucket, prop, pick(cfg, "rule", "rules"));
  }
  return out;
}

const sseKmsCmk = stackPolicy({
  name: "s3-bucket-sse-kms-cmk",
  description:
    "Every bucket's default encryption is SSE-KMS (aws:kms or aws:kms:dsse) with a customer-managed key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Add an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms", ' +
    "kmsMasterKeyId set to a customer-managed key of this stack (key.arn) and bucketKeyEnabled: true. " +
    "Exception: a bucket that receives S3 server access logs or load balancer logs may keep SSE-S3 " +
    "(AES256), because AWS supports only SSE-S3 there (S3 User Guide, 'Enabling Amazon S3 server " +
    "access logging': default SSE-KMS is not supported on the destination bucket; ELB 'Enable access " +
    "logs': SSE-S3 is the only option). Tag such a bucket `waiver:s3-bucket-sse-kms-cmk` = <reason>; " +
    "the finding is then reported as waived, never dropped.",
  references: [
    { source: "cdk-nag", id: "S3DefaultEncryptionKMS" },
    { source: "Checkov", id: "CKV_AWS_145" },
    { source: "Trivy", id: "AWS-0132" },
    { source: "Security Hub FSBP", id: "S3.17" },
    { source: "compliance-policies", id: "aws-s3-bucket-configure-server-side-encryption-kms" },
  ],
  types: [...BUCKET_TYPES, ...S3_SIDE.encryption],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const rules = sseRules(ctx, bucket);
      const defaults = rules.flatMap((r) => r.defaults.map((d: any) => ({ ...r, d })));
      const problems: string[] = [];
      let sseS3 = defaults.length === 0;
      if (defaults.length === 0)
        problems.push("has no default-encryption configuration, so S3 applies SSE-S3 (AES256)");
      for (const { source, prop, d } of defaults) {
        const algorithm = d.sseAlgorithm;
        if (!KMS_ALGORITHMS.has(algorithm)) {
          if (algorithm === "AES256") sseS3 = true;
          problems.push(
            `uses ${algorithm === "AES256" ? "SSE-S3 (AES256)" : String(algorithm)}, not SSE-KMS`,
          );
          continue;
        }
        const key = classifyKey(ctx.index, source, prop, () => d.kmsMasterKeyId);
        if (key.kind !== "customer") {
          problems.push(
            `uses ${algorithm} but ${describeKeyRef(key, "S3 then uses the AWS-managed key aws/s3")}`,
          );
        }
      }
      if (problems.length === 0) return;
      const targets = logTargetSourcesOf(ctx.index, bucket);
      let message = `${label(bucket)} ${problems.join("; ")}.`;
      if (sseS3 && targets.length) {
        const from = [...new Set(targets.map((t) => `${t.kind} from "${t.source.name}"`))].join(
          ", ",
        );
        // S3 User Guide, "Enabling Amazon S3 server access logging": "You can use default bucket
        // encryption on the destination bucket only if you use SSE-S3 ... Default server-side
        // encryption with AWS KMS keys (SSE-KMS) is not supported." AWS CDK (PR 25350) saw SSE-KMS
        // work with a key policy for logging.s3.amazonaws.com, but AWS calls that unsupported and
        // not working in every Region (awsdocs/amazon-s3-developer-guide PR 38). ELB user guide
        // ("Enable access logs"): "The only server-side encryption option that's supported is
        // Amazon S3-managed keys (SSE-S3)". So a log target may keep SSE-S3 as a waived exception.
        message +=
          ` It is a log target (${from}): AWS supports only SSE-S3 default encryption there, so ` +
          "this is an accepted exception only with the waiver tag `waiver:s3-bucket-sse-kms-cmk` and its reason.";
      }
      ctx.report(bucket, message);
    }),
});

const bucketKeyEnabled = stackPolicy({
  name: "s3-bucket-key-enabled",
  description: "Buckets encrypted with SSE-KMS (aws:kms) enable S3 Bucket Keys.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set bucketKeyEnabled: true on the encryption rule: S3 then asks KMS for a bucket-level key " +
    "instead of one call per object, which cuts KMS requests and cost. (DSSE-KMS does not support " +
    "Bucket Keys: S3 User Guide, 'Using dual-layer server-side encryption'.)",
  references: [{ source: "AWS docs", id: "AmazonS3/userguide/bucket-key" }],
  types: [...BUCKET_TYPES, ...S3_SIDE.encryption],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      for (const r of sseRules(ctx, bucket)) {
        if (!r.defaults.some((d: any) => d.sseAlgorithm === "aws:kms")) continue;
        if (r.rule.bucketKeyEnabled !== true) {
          ctx.report(bucket, `${label(bucket)} uses SSE-KMS without bucketKeyEnabled: true.`, [
            r.source,
          ]);
        }
      }
    }),
});

// ---------------------------------------------------------------------------------------------
// Bucket policies: TLS only, cross-account grants

/** The bucket's policy documents with where they come from (BucketPolicy or inline `policy`). */
function bucketPolicies(
  ctx: StackCheckContext<unknown>,
  bucket: PolicyResource,
): { source: PolicyResource; doc: unknown }[] {
  const out = sideResourcesOf(ctx.index, bucket, S3_SIDE.policy).map((p) => ({
    source: p,
    doc: p.props.policy as unknown,
  }));
  const inline = programSetting(bucket, "policy");
  if (inline !== undefined && inline !== null && inline !== "")
    out.push({ source: bucket, doc: inline });
  return out;
}

const tlsOnly = stackPolicy({
  name: "s3-bucket-tls-only",
  description:
    "Every bucket's policy denies requests without TLS (Deny, Principal *, s3:*, " +
    'Bool aws:SecureTransport "false", on the bucket and its objects).',
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Add to the bucket\'s aws.s3.BucketPolicy a statement: Effect Deny, Principal "*", Action ' +
    '"s3:*", Resource [bucket ARN, bucket ARN + "/*"], Condition Bool aws:SecureTransport "false".',
  references: [
    { source: "cdk-nag", id: "AwsSolutions-S10" },
    { source: "Security Hub FSBP", id: "S3.5" },
  ],
  types: [...BUCKET_TYPES, ...S3_SIDE.policy],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const policies = bucketPolicies(ctx, bucket);
      if (policies.length === 0) {
        ctx.report(
          bucket,
          `${label(bucket)} has no bucket policy, so nothing denies non-TLS requests.`,
        );
        return;
      }
      const errors: string[] = [];
      for (const { source, doc } of policies) {
        const { statements, error } = parsePolicyDocument(doc);
        if (error) errors.push(`"${source.name}": ${error}`);
        if (statements.some(deniesInsecureTransport)) return;
      }
      ctx.report(
        bucket,
        `${label(bucket)}: no bucket policy statement denies requests without TLS ` +
          `(aws:SecureTransport "false")${errors.length ? ` (${errors.join("; ")})` : ""}.`,
        policies.map((p) => p.source),
      );
    }),
});

interface CrossAccountConfig {
  trustedAccountIds: string[];
}

const crossAccountRestricted = stackPolicy<CrossAccountConfig>({
  name: "s3-bucket-cross-account-restricted",
  description:
    "Bucket policies grant nothing to AWS accounts other than the stack's own and trusted ones.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Remove the cross-account grant, or list the account in this policy's trustedAccountIds " +
    "config when the access is intended (and keep it to the actions the partner needs).",
  references: [{ source: "Security Hub FSBP", id: "S3.6" }],
  config: {
    trustedAccountIds: {
      type: "array",
      items: { type: "string", pattern: "^\\d{12}$" },
      description:
        "AWS accounts bucket policies may grant to, besides the accounts seen in this stack's ARNs.",
      default: [],
    },
  },
  types: [...BUCKET_TYPES, ...S3_SIDE.policy],
  check: (ctx) => {
    const own = stackAccounts(ctx.index);
    const trusted = new Set([...own, ...ctx.config.trustedAccountIds]);
    const sources = [...ctx.index.ofType(...S3_SIDE.policy), ...bucketsOf(ctx.index)];
    for (const source of sources) {
      ctx.each(source, () => {
        const isBucket = BUCKET_TYPES.includes(source.type);
        const doc = isBucket ? programSetting(source, "policy") : source.props.policy;
        if (doc === undefined || doc === null || doc === "") return;
        const { statements } = parsePolicyDocument(doc);
        for (const s of statements) {
          if (s.effect !== "Allow") continue;
          const foreign = [
            ...new Set(
              (s.principals ?? [])
                .filter((p) => p.type === "AWS")
                .map((p) => accountOf(p.value))
                .filter((a): a is string => !!a && !trusted.has(a)),
            ),
          ];
          if (foreign.length === 0) continue;
          const hint = own.size
            ? ""
            : " (this stack's own account is not known yet: list it in trustedAccountIds if it is one of these)";
          const buckets = isBucket ? [source] : bucketsConfiguredBy(ctx.index, source);
          const message =
            `${isBucket ? label(source) : `bucket policy "${source.name}"`}: statement ${s.label} ` +
            `grants ${actionsText(s)} to account(s) ${foreign.join(", ")}${hint}.`;
          if (buckets.length)
            for (const b of buckets) ctx.report(b, message, isBucket ? [] : [source]);
          else ctx.report(source, message);
        }
      });
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Logging, versioning, lifecycle

const loggingEnabled = stackPolicy({
  name: "s3-bucket-logging-enabled",
  description:
    "Every bucket has server access logging to another bucket (BucketLogging or inline).",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Add an aws.s3.BucketLogging with `bucket: <bucket>.id`, targetBucket: a dedicated log " +
    "bucket and a targetPrefix. A log bucket itself should not log (S3 User Guide: the " +
    "destination bucket should not have server access logging enabled; logging to itself loops): " +
    "tag it `waiver:s3-bucket-logging-enabled` = <reason> so the exception is recorded.",
  references: [
    { source: "AWSGuard", id: "s3-bucket-logging-enabled" },
    { source: "cdk-nag", id: "AwsSolutions-S1" },
    { source: "Checkov", id: "CKV_AWS_18" },
    { source: "Trivy", id: "AWS-0089" },
    { source: "Security Hub FSBP", id: "S3.9" },
  ],
  types: [...BUCKET_TYPES, ...S3_SIDE.logging],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const sides = sideResourcesOf(ctx.index, bucket, S3_SIDE.logging);
      // Inline logging counts when it names a target (after `up` the provider reports an
      // unconfigured block with an empty target; an unknown target comes from a bucket of the stack).
      const inline = [
        ...asList(programSetting(bucket, "logging")),
        ...asList(programSetting(bucket, "loggings")),
      ].filter((l: any) => {
        const target = tryRead(() => l?.targetBucket);
        return !target.known || (typeof target.value === "string" && target.value !== "");
      });
      const targets = logTargetSourcesOf(ctx.index, bucket);
      if (targets.some((t) => t.kind === "s3-server-access-logs" && t.loggedBucket === bucket)) {
        ctx.report(
          bucket,
          `${label(bucket)} delivers its access logs to itself, an endless loop of log records.`,
        );
        return;
      }
      if (sides.length || inline.length) return;
      if (targets.length) {
        ctx.report(
          bucket,
          `${label(bucket)} has no server access logging; it is a log target (from ` +
            `${[...new Set(targets.map((t) => `"${t.source.name}"`))].join(", ")}), which S3 ` +
            "advises not to log: record that with a `waiver:s3-bucket-logging-enabled` tag.",
        );
      } else {
        ctx.report(bucket, `${label(bucket)} has no server access logging.`);
      }
    }),
});

const versioningEnabled = stackPolicy({
  name: "s3-bucket-versioning-enabled",
  description: "Every bucket has versioning enabled (BucketVersioning or inline).",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Add an aws.s3.BucketVersioning with `bucket: <bucket>.id` and versioningConfiguration: " +
    '{ status: "Enabled" }, and expire noncurrent versions with a lifecycle rule.',
  references: [
    { source: "Checkov", id: "CKV_AWS_21" },
    { source: "Trivy", id: "AWS-0090" },
    { source: "Security Hub FSBP", id: "S3.14" },
  ],
  types: [...BUCKET_TYPES, ...S3_SIDE.versioning],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const sides = sideResourcesOf(ctx.index, bucket, S3_SIDE.versioning);
      if (sides.length) {
        for (const v of sides) {
          const status = v.props.versioningConfiguration?.status;
          if (status !== "Enabled") {
            ctx.report(
              bucket,
              `${label(bucket)}: versioning "${v.name}" is ${String(status)}, not Enabled.`,
              [v],
            );
          }
        }
        return;
      }
      const inline = [
        ...asList(programSetting(bucket, "versioning")),
        ...asList(programSetting(bucket, "versionings")),
      ];
      if (!inline.some((v: any) => v?.enabled === true)) {
        ctx.report(bucket, `${label(bucket)} has no versioning enabled.`);
      }
    }),
});

const lifecycleConfigured = stackPolicy({
  name: "s3-bucket-lifecycle-configured",
  description:
    "Every bucket has an enabled lifecycle rule, and one that aborts incomplete multipart uploads.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Add an aws.s3.BucketLifecycleConfiguration with `bucket: <bucket>.id` and an enabled rule " +
    "that expires objects (and noncurrent versions) and sets abortIncompleteMultipartUpload: " +
    "{ daysAfterInitiation: 7 } so abandoned uploads stop costing storage.",
  references: [
    { source: "Checkov", id: "CKV2_AWS_61" },
    { source: "Checkov", id: "CKV_AWS_300" },
    { source: "Security Hub FSBP", id: "S3.13" },
    { source: "Security Hub FSBP", id: "S3.10" },
  ],
  types: [...BUCKET_TYPES, ...S3_SIDE.lifecycle],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const sides = sideResourcesOf(ctx.index, bucket, S3_SIDE.lifecycle);
      // Side resources: rules[].status / abortIncompleteMultipartUpload.daysAfterInitiation;
      // inline: lifecycleRules[].enabled / abortIncompleteMultipartUploadDays.
      const rules = sides.length
        ? sides.flatMap((s) =>
            asList(s.props.rules)
              .filter((r: any) => r?.status === "Enabled")
              .map(
                (r: any) =>
                  typeof r?.abortIncompleteMultipartUpload?.daysAfterInitiation === "number",
              ),
          )
        : asList(programSetting(bucket, "lifecycleRules"))
            .filter((r: any) => r?.enabled === true)
            .map((r: any) => typeof r?.abortIncompleteMultipartUploadDays === "number");
      if (rules.length === 0) {
        ctx.report(bucket, `${label(bucket)} has no enabled lifecycle rule.`, sides);
      } else if (!rules.includes(true)) {
        ctx.report(
          bucket,
          `${label(bucket)} has no lifecycle rule that aborts incomplete multipart uploads.`,
          sides,
        );
      }
    }),
});

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  bucketPublicAccessBlock,
  publicAccessBlockAllFlags,
  noPublicAcl,
  policyNoPublicPrincipal,
  ownershipEnforced,
  accountPublicAccessBlock,
  sseKmsCmk,
  bucketKeyEnabled,
  tlsOnly,
  crossAccountRestricted,
  loggingEnabled,
  versioningEnabled,
  lifecycleConfigured,
];
