// Helpers the S3 bucket rules share: naming a bucket in findings, running a check per bucket,
// the four public-access flags, and public ACLs.
import type { PolicyResource } from "@pulumi/policy";
import { checkov, fsbp, trivy } from "../controls";
import type { StackCheckContext } from "../define";
import { asList, flagOn } from "../values";
import { bucketsOf } from "./buckets";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/** Names of the public-access flags that are not `true` (an unset flag defaults to false). */
export function falseFlags(props: any): string[] {
  return FLAGS.filter((f) => !flagOn(props[f]));
}

export const label = (r: PolicyResource) => `bucket "${r.name}"`;

/** Runs `check` for every bucket of the stack, each in its own preview-safe part. */
export function eachBucket<C>(
  ctx: StackCheckContext<C>,
  check: (bucket: PolicyResource) => void,
): void {
  for (const bucket of bucketsOf(ctx.index)) ctx.each(bucket, () => check(bucket));
}

/** Canned ACLs that open a bucket or object to everyone or to every AWS account. */
const PUBLIC_CANNED_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
/** ACL groups that are public: every anonymous user, every authenticated AWS user. */
const PUBLIC_GROUPS = [
  "http://acs.amazonaws.com/groups/global/AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

/** The third parties' checks for a public bucket ACL, shared by every rule that judges one. */
export const PUBLIC_ACL_REFERENCES = [
  checkov("CKV_AWS_20"),
  checkov("CKV_AWS_57"),
  checkov("CKV_AWS_375"),
  checkov("CKV2_AWS_43"),
  trivy("AWS-0092"),
  fsbp("S3.2"),
  fsbp("S3.3"),
];

/**
 * What makes the ACL of `props` public, one phrase each: a public canned `acl`, a Bucket's inline
 * `grants` or a BucketAcl's `accessControlPolicy.grants` to a public group.
 */
export function publicAclFindings(props: any): string[] {
  const out: string[] = [];
  const acl = props?.acl;
  if (typeof acl === "string" && PUBLIC_CANNED_ACLS.has(acl))
    out.push(`canned ACL "${acl}" is public`);
  const grants = [
    ...asList(props?.grants).map((g: any) => ({ uri: g?.uri, what: asList(g?.permissions) })),
    ...asList(props?.accessControlPolicy?.grants).map((g: any) => ({
      uri: g?.grantee?.uri,
      what: asList(g?.permission),
    })),
  ];
  for (const g of grants) {
    if (typeof g.uri === "string" && PUBLIC_GROUPS.includes(g.uri))
      out.push(`grants ${g.what.join(", ") || "access"} to the public group ${g.uri}`);
  }
  return out;
}
