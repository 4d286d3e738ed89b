// S3 bucket policies: deny requests without TLS, grant nothing to foreign accounts, pin what they
// grant CloudFront to the stack's distributions, and do not deny everyone the right to change the
// policy (advisory).
import { accountIdListSchema } from "../../lib/config-schema";
import type { PolicyResource } from "@pulumi/policy";
import type { StackCheckContext } from "../../lib/define";
import { resourcePolicy, stackPolicy } from "../../lib/define";
import {
  type IamStatement,
  isAnyone,
  parseKnownPolicyDocument,
  parsePolicyDocument,
  statementGrants,
} from "../../lib/policy-document";
import { accountOf } from "../../lib/references";
import { fixedValue, isNarrowingClause, positiveOperator } from "../../lib/conditions";
import { grantsAccess } from "../../lib/iam/statements";
import { servicePrincipalKey } from "../../lib/iam/catalog";
import { actionsText, deniesInsecureTransport, jsonErrorOf } from "../../lib/resource-policies";
import {
  bucketsConfiguredBy,
  bucketsOf,
  sideResourcesOf,
  stackAccounts,
} from "../../lib/s3/buckets";
import { programSetting, UNKNOWN, unknownError } from "../../lib/values";
import { eachBucket, label } from "../../lib/s3/checks";
import { awsDocs, cdkNag, checkov, fsbp } from "../../lib/controls";
import { BUCKET_TYPES, S3_BUCKET_POLICY, S3_SIDE } from "../../lib/types";
import { NATIVE_S3_BUCKET, NATIVE_S3_BUCKET_POLICY } from "../../lib/native/types";

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

export const tlsOnly = stackPolicy({
  name: "s3-bucket-tls-only",
  description:
    "Every bucket's policy denies requests without TLS (Deny, Principal *, s3:*, " +
    'Bool aws:SecureTransport "false", on the bucket and its objects).',
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Add to the bucket\'s aws.s3.BucketPolicy a statement: Effect Deny, Principal "*", Action ' +
    '"s3:*", Resource [bucket ARN, bucket ARN + "/*"], Condition Bool aws:SecureTransport "false".',
  references: [cdkNag("AwsSolutions-S10"), fsbp("S3.5")],
  // An aws-native BucketPolicy (bucket, policyDocument: pulumi/pulumi-aws-native
  // sdk/nodejs/s3/bucketPolicy.ts) reads as a classic one, for aws-native and classic buckets alike.
  types: [...BUCKET_TYPES, ...S3_SIDE.policy, NATIVE_S3_BUCKET, NATIVE_S3_BUCKET_POLICY],
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
        const parsed = parseKnownPolicyDocument(doc);
        const error = jsonErrorOf(parsed);
        if (error) errors.push(`"${source.name}": ${error}`);
        if (parsed.statements.some(deniesInsecureTransport)) return;
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

export const crossAccountRestricted = stackPolicy<CrossAccountConfig>({
  name: "s3-bucket-cross-account-restricted",
  description:
    "Bucket policies grant nothing to AWS accounts other than the stack's own and trusted ones.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Remove the cross-account grant, or list the account in this policy's trustedAccountIds " +
    "config when the access is intended (and keep it to the actions the partner needs).",
  references: [fsbp("S3.6")],
  config: {
    trustedAccountIds: accountIdListSchema(
      "AWS accounts bucket policies may grant to, besides the accounts seen in this stack's ARNs.",
    ),
  },
  // An aws-native BucketPolicy's policyDocument reads as the classic policy, on the bucket it names.
  types: [...BUCKET_TYPES, ...S3_SIDE.policy, NATIVE_S3_BUCKET, NATIVE_S3_BUCKET_POLICY],
  check: (ctx) => {
    const own = stackAccounts(ctx.index);
    const trusted = new Set([...own, ...ctx.config.trustedAccountIds]);
    const sources = [...ctx.index.ofType(...S3_SIDE.policy), ...bucketsOf(ctx.index)];
    for (const source of sources) {
      ctx.each(source, () => {
        const isBucket = BUCKET_TYPES.includes(source.type);
        const doc = isBucket ? programSetting(source, "policy") : source.props.policy;
        if (doc === undefined || doc === null || doc === "") return;
        for (const s of parseKnownPolicyDocument(doc).statements) {
          if (!s.isAllow) continue;
          const foreign = [
            ...new Set(
              (s.principals?.known ?? [])
                .filter((p) => p.type === "AWS")
                .map((p) => accountOf(p.id))
                .filter((a): a is string => !!a && !trusted.has(a)),
            ),
          ];
          if (foreign.length === 0) continue;
          const hint = own.size
            ? ""
            : " (this stack's own account is not known yet: list it in trustedAccountIds if it is one of these)";
          const buckets = isBucket ? [source] : bucketsConfiguredBy(ctx.index, source);
          const message =
            `${isBucket ? label(source) : `bucket policy "${source.name}"`}: statement ${s.sidOrIndex} ` +
            `grants ${actionsText(s)} to account(s) ${foreign.join(", ")}${hint}.`;
          if (buckets.length)
            for (const b of buckets) ctx.report(b, message, isBucket ? [] : [source]);
          else ctx.report(source, message);
        }
      });
    }
  },
});

export const policyNoLockout = resourcePolicy({
  name: "s3-bucket-policy-no-lockout",
  description:
    "Bucket policies do not deny everyone, unconditionally, the right to change the policy (a " +
    "Deny of s3:PutBucketPolicy, s3:* or * to Principal * on the bucket, without a Condition). " +
    "Such a policy locks every role and user of the account out of the bucket's policy; only the " +
    "account's root user can still replace or delete it (S3 API Reference, DeleteBucketPolicy: " +
    "the bucket owner's root principal may always call GetBucketPolicy, PutBucketPolicy and " +
    "DeleteBucketPolicy). Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Scope the Deny statement: give it a Condition (e.g. Bool aws:SecureTransport "false", or ' +
    "StringNotEquals aws:PrincipalArn <admin role>), narrow its actions to the data actions it " +
    "means, or name the principals it denies.",
  references: [checkov("CKV_AWS_93"), awsDocs("S3 API Reference, DeleteBucketPolicy")],
  types: [S3_BUCKET_POLICY, NATIVE_S3_BUCKET_POLICY],
  check: (props, ctx) => {
    for (const s of parsePolicyDocument(props.policy).statements) {
      // Checkov CKV_AWS_93 leaves out conditional statements: a condition may spare someone.
      if (s.effect !== "Deny" || s.hasCondition || s.notPrincipals) continue;
      if (!s.principals?.some(isAnyone)) continue;
      if (!statementGrants(s, "s3:PutBucketPolicy")) continue;
      // PutBucketPolicy acts on the bucket ARN (no "/key" part): a Deny on objects alone spares it,
      // and so does a NotResource that names the bucket; a NotResource of objects only denies it.
      const onBucket = (r: string) => r === "*" || !r.includes("/");
      const deniesBucket = s.resources
        ? s.resources.some(onBucket)
        : s.notResources !== undefined && !s.notResources.some(onBucket);
      if (!deniesBucket) continue;
      ctx.report(
        `${s.label} denies ${s.actions ? s.actions.known.join(", ") : "all but its NotAction"} ` +
          "to everyone without a condition: no role or user of the account can change the " +
          "bucket policy any more, only the root user.",
      );
    }
  },
});

/** The keys that tie a service principal's request to the resource it acts for. */
const SOURCE_KEYS = /^aws:(SourceArn|SourceAccount|SourceOrgID|SourceOrgPaths)$/i;
const CLOUDFRONT = "cloudfront.amazonaws.com";

/**
 * Whether the statement pins its grant to known sources: a positive clause on a source key whose
 * every value is fixed (../../lib/conditions.ts `fixedValue`): a 12-digit account, a distribution
 * ARN in a 12-digit account (`arn:aws:cloudfront::123456789012:distribution/*` still names one
 * account's distributions), never a pattern such as `arn:aws:cloudfront::*:distribution/*` or
 * `1*`, nor a policy variable (`${aws:SourceArn}` compares the key with itself: always true). A
 * source value unknown until apply leaves the answer to apply: throws it as a preview note.
 */
function pinsSource(s: IamStatement): boolean {
  const clauses = s.conditions.filter((c) => SOURCE_KEYS.test(c.key));
  const isUnknown = (v: unknown) => typeof v === "string" && v.includes(UNKNOWN);
  const known = clauses.filter((c) => !c.raw.some(isUnknown));
  if (known.some((c) => isNarrowingClause(c, fixedValue))) return true;
  // A clause waits for apply when its unknown values decide it: its known ones are all fixed.
  const pending = clauses.find((c) => {
    const base = positiveOperator(c.operator);
    if (!base || !c.raw.some(isUnknown)) return false;
    return c.raw.every((v) => isUnknown(v) || fixedValue(v, c.key, base));
  });
  if (pending) {
    throw unknownError(
      `${s.label}: Condition ${pending.operator} ${pending.key} is unknown until apply`,
    );
  }
  return false;
}

/** What a distribution of another account may do through the statement, by what it grants. */
function reach(s: IamStatement): string {
  const actions = s.actions?.asWritten ?? [];
  const reads = actions.length > 0 && actions.every((a) => /^s3:(Get|List)/i.test(a));
  const writes =
    actions.length > 0 && actions.every((a) => /^s3:(Put|Delete|Abort|Restore)/i.test(a));
  if (reads) return "read through it";
  if (writes) return "write through it";
  return `use ${actionsText(s)} through it`;
}

export const cloudfrontSourcePinned = resourcePolicy({
  name: "s3-bucket-policy-cloudfront-source",
  description:
    "Bucket policies (BucketPolicy or inline) that grant the CloudFront service principal " +
    "(cloudfront.amazonaws.com, as origin access control signs) pin it to a distribution with " +
    "aws:SourceArn (or at least an account with aws:SourceAccount), with fixed values: a " +
    "distribution ARN in a 12-digit account or an account id, not a pattern such as " +
    "arn:aws:cloudfront::*:distribution/* nor a policy variable. Without it any distribution " +
    "of any AWS account, pointed at the bucket with its own origin access control, reads what the " +
    "statement grants: the bucket is as good as public (CloudFront Developer Guide, 'Restrict " +
    "access to an Amazon S3 origin': the policy's Condition names the distribution's ARN; IAM User " +
    "Guide, 'The confused deputy problem').",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Add to the statement Condition StringEquals { "AWS:SourceArn": <distribution>.arn } ' +
    "(several distributions: list their ARNs), e.g. with aws.iam.getPolicyDocumentOutput " +
    'conditions [{ test: "StringEquals", variable: "AWS:SourceArn", values: [cdn.arn] }].',
  references: [
    awsDocs("CloudFront Developer Guide: Restrict access to an Amazon S3 origin"),
    awsDocs("IAM User Guide: The confused deputy problem"),
  ],
  types: [...S3_SIDE.policy, ...BUCKET_TYPES, NATIVE_S3_BUCKET_POLICY],
  check: (props, ctx) => {
    const policy = props.policy;
    if (policy === undefined || policy === null || policy === "") return;
    for (const s of parsePolicyDocument(policy).statements) {
      if (!grantsAccess(s)) continue;
      const principals = s.principals;
      if (!principals) continue;
      const cloudfront = principals.known.some(
        (p) => p.type === "Service" && servicePrincipalKey(p.id) === CLOUDFRONT,
      );
      if (cloudfront && !pinsSource(s)) {
        ctx.report(
          `${s.label} grants ${actionsText(s)} to ${CLOUDFRONT} without an aws:SourceArn or ` +
            "aws:SourceAccount condition naming fixed values (a distribution's ARN, an account " +
            `id): any distribution of any AWS account can ${reach(s)}.`,
        );
      }
      // Principals unknown until apply: a preview note once the known ones are judged.
      if (principals.unknown) throw principals.unknown;
    }
  },
});
