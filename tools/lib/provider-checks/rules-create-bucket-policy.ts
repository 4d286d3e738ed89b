// A bucket policy naming a resource that is not its bucket or an object in it: S3's PutBucketPolicy
// refuses it when the provider creates the policy at `pulumi up` ("MalformedPolicy: Policy has
// invalid resource"), which the provider's schema (a JSON string) passes on (`by: "aws"`). A bucket
// policy applies to one bucket, and each Resource is that bucket's ARN or an object ARN under it
// (S3 User Guide, "Policy resources for Amazon S3": `arn:${Partition}:s3:::${BucketName}` and
// `.../${KeyName}`). Seen refused: an ARN of another bucket (aws-samples/
// aws-media-services-vod-automation#17), an ARN built twice ("arn:aws:s3:::arn:aws:s3:::b/*",
// hashicorp/terraform#23570) and "*" (noobaa/noobaa-core#10058, tried against AWS). Judged only
// where it is certain: a Resource that is no ARN at all (a JavaScript template left in quotes,
// '${bucketArn}/*', is one), and an S3 ARN whose bucket part has no wildcard or policy variable
// and is not the policy's bucket. ARNs of other services and NotResource are not judged. The same
// holds of the policy given inline on the bucket (`aws.s3.Bucket`'s and `aws.s3.BucketV2`'s
// deprecated `policy` input), which the provider sends with the same PutBucketPolicy call once it
// has created the bucket (internal/service/s3/bucket.go, where `policy` is put); there the
// bucket is the resource's own `bucket`, the name Pulumi makes included (a `bucketPrefix` leaves it
// unknown: not judged).
import type { CrossProblem, CrossRule } from "./rule";

const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
/** The bucket types whose `policy` input is the bucket policy, set after the bucket is created. */
const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

const S3_RESOURCES =
  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security_iam_service-with-iam.html#security_iam_service-with-iam-id-based-policies-resources";

/** A policy document as the program gave it: JSON text or the object itself. */
function documentOf(policy: unknown): Record<string, unknown> | undefined {
  if (policy && typeof policy === "object") return policy as Record<string, unknown>;
  if (typeof policy !== "string") return undefined;
  try {
    const doc: unknown = JSON.parse(policy);
    return doc && typeof doc === "object" ? (doc as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // not JSON: the provider's own rule (rules-policies.ts) refuses it
  }
}

/** What is wrong with one Resource of a policy on `bucket`, or undefined. */
function invalidResource(resource: string, bucket: string): string | undefined {
  if (!resource.startsWith("arn:")) return "is not an ARN";
  const s3 = /^arn:[a-z-]+:s3:::([^/]*)/.exec(resource);
  if (!s3) return undefined; // another service's ARN (an access point's): not judged
  const named = s3[1];
  if (/[*?]|\$\{/.test(named) || named === bucket) return undefined;
  return `names bucket ${JSON.stringify(named)}, not the policy's bucket ${JSON.stringify(bucket)}`;
}

const resourcesOfOwnBucket = (type: string): CrossRule => ({
  type,
  what: "every Resource the bucket's ARN or an object ARN in it",
  reads: ["bucket", "policy"],
  check: (inputs) => {
    // The bucket's name; an ARN given instead is compared by the name in it.
    const bucket =
      typeof inputs.bucket === "string"
        ? inputs.bucket.replace(/^arn:[a-z-]+:s3:::/, "")
        : inputs.bucket;
    const doc = documentOf(inputs.policy);
    if (typeof bucket !== "string" || bucket === "" || !doc) return [];
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    const out: CrossProblem[] = [];
    statements.forEach((st: unknown, i) => {
      const { Resource, Sid } = (st ?? {}) as { Resource?: unknown; Sid?: unknown };
      const named =
        typeof Sid === "string" && Sid !== "" ? `statement ${Sid}` : `statement ${i + 1}`;
      for (const r of Array.isArray(Resource) ? Resource : [Resource]) {
        if (typeof r !== "string") continue;
        const why = invalidResource(r, bucket);
        if (why)
          out.push({
            prop: "policy",
            value: r,
            says: `Policy has invalid resource: ${named}'s Resource ${JSON.stringify(r)} ${why}`,
          });
      }
    });
    return out;
  },
  fix:
    type === BUCKET_POLICY
      ? "name the policy's own bucket: its `arn` output for the bucket, pulumi.interpolate`${bucket.arn}/*` " +
        "for its objects (a template literal in backquotes, not quotes)"
      : "name this bucket: `arn:aws:s3:::<its bucket name>` and `arn:aws:s3:::<its bucket name>/*`, " +
        "or move the policy to an aws.s3.BucketPolicy, which can use the bucket's `arn` output",
  source: S3_RESOURCES,
  by: "aws",
});

export const CREATE_BUCKET_POLICY_CROSS_RULES: readonly CrossRule[] = [
  BUCKET_POLICY,
  ...BUCKETS,
].map(resourcesOfOwnBucket);
