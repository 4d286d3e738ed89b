// A bucket policy whose Resource is not its bucket or an object in it
// (rules-create-bucket-policy.ts): S3's PutBucketPolicy refuses it at `pulumi up` ("Policy has
// invalid resource"). A compliant policy names its own bucket; each case breaks one Resource.
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { refusedAcrossPhases } from "../../tools/lib/provider-checks";

const META = { stack: "dev", project: "app", outputs: {} };
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

/** A statement granting the account's root read of `resources`. */
const statement = (resources: unknown) => ({
  Sid: "Read",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::123456789012:root" },
  Action: ["s3:GetObject", "s3:ListBucket"],
  Resource: resources,
});

const OWN = ["arn:aws:s3:::site-bucket", "arn:aws:s3:::site-bucket/*"];

describe("provider inputs: a bucket policy names only its own bucket", () => {
  const policy = (resources: unknown, inputs: Record<string, unknown> = {}) =>
    handBuiltResource(
      BUCKET_POLICY,
      "site",
      {
        bucket: "site-bucket",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement(resources)] }),
        ...inputs,
      },
      META,
    );
  const refused = (r: ReturnType<typeof policy>) =>
    refusedAcrossPhases([{ phase: "apply", resources: [r] }]).filter((x) =>
      x.says.some((s) => s.includes("invalid resource")),
    );

  it("accepts the bucket's ARN and its objects': the compliant fixture", () => {
    expect(refused(policy(OWN))).to.deep.equal([]);
    // A key prefix, a wildcard or a policy variable in the bucket part, and an object given as
    // the policy document itself rather than its JSON text.
    for (const ok of [
      "arn:aws:s3:::site-bucket/logs/AWSLogs/123456789012/*",
      "arn:aws:s3:::site-*/*",
      "arn:aws:s3:::${aws:PrincipalTag/bucket}/*",
    ])
      expect(refused(policy(ok)), ok).to.deep.equal([]);
    const asObject = policy(OWN, {
      policy: { Version: "2012-10-17", Statement: [statement(OWN)] },
    });
    expect(refused(asObject)).to.deep.equal([]);
  });

  it("refuses a JavaScript template left in quotes, which is no ARN", () => {
    const [r, ...more] = refused(policy(["arn:aws:s3:::site-bucket", "${bucketArn}/*"]));
    expect(more).to.deep.equal([]);
    expect([r.prop, r.value, r.by, r.phases]).to.deep.equal([
      "policy",
      "${bucketArn}/*",
      "aws",
      ["apply"],
    ]);
    expect(r.says).to.deep.equal([
      'Policy has invalid resource: statement Read\'s Resource "${bucketArn}/*" is not an ARN',
    ]);
    expect(r.fix).to.include("backquotes");
  });

  it('refuses "*" and another bucket\'s ARN', () => {
    expect(refused(policy("*"))[0].says[0]).to.include('Resource "*" is not an ARN');
    const [other] = refused(policy("arn:aws:s3:::input-bucket/*"));
    expect(other.says[0]).to.include(
      'names bucket "input-bucket", not the policy\'s bucket "site-bucket"',
    );
    // An ARN built twice names the bucket "arn:aws:s3:::arn:aws:s3:::..." would hold: none.
    expect(refused(policy("arn:aws:s3:::arn:aws:s3:::site-bucket/*"))).to.have.length(1);
    // The bucket given as an ARN is compared by the name in it.
    expect(refused(policy(OWN, { bucket: "arn:aws:s3:::site-bucket" }))).to.deep.equal([]);
  });

  it("judges nothing it cannot know, nor another service's ARN", () => {
    expect(refused(policy(OWN, { bucket: UNKNOWN }))).to.deep.equal([]);
    expect(refused(policy(OWN, { policy: UNKNOWN }))).to.deep.equal([]);
    expect(
      refused(policy("arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/*")),
    ).to.deep.equal([]);
  });
});

describe("provider inputs: a bucket's inline policy names only that bucket", () => {
  const document = (resources: unknown) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [statement(resources)] });
  const bucket = (type: string, name: string, inputs: Record<string, unknown>) =>
    handBuiltResource(type, name, inputs, META);
  const refused = (r: ReturnType<typeof bucket>) =>
    refusedAcrossPhases([{ phase: "preview", resources: [r] }]).filter((x) =>
      x.says.some((s) => s.includes("invalid resource")),
    );

  for (const type of ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]) {
    it(`accepts ${type} whose policy names its own bucket, and refuses another's`, () => {
      const own = { bucket: "site-bucket", policy: document(OWN) };
      expect(refused(bucket(type, "site", own))).to.deep.equal([]);
      const [r, ...more] = refused(
        bucket(type, "site", { ...own, policy: document("arn:aws:s3:::input-bucket/*") }),
      );
      expect(more).to.deep.equal([]);
      expect([r.prop, r.by, r.phases]).to.deep.equal(["policy", "aws", ["preview"]]);
      expect(r.says[0]).to.include(
        'names bucket "input-bucket", not the policy\'s bucket "site-bucket"',
      );
      expect(r.fix).to.include("aws.s3.BucketPolicy");
    });
  }

  it("judges the name Pulumi makes, and nothing when a prefix leaves the name unknown", () => {
    const BUCKET = "aws:s3/bucket:Bucket";
    // Unnamed, the bucket is its logical name, lower-cased, and a 7-character suffix: a policy
    // naming the logical name alone names another bucket.
    const auto = refused(bucket(BUCKET, "site", { policy: document("arn:aws:s3:::site/*") }));
    expect(auto).to.have.length(1);
    expect(auto[0].says[0]).to.match(/not the policy's bucket "site-[0-9a-f]{7}"/);
    const prefixed = bucket(BUCKET, "site", {
      bucketPrefix: "site-",
      policy: document("arn:aws:s3:::site/*"),
    });
    expect(refused(prefixed)).to.deep.equal([]);
    // The "*" Resource is no ARN on the inline policy too.
    const star = refused(bucket(BUCKET, "site", { bucket: "site-bucket", policy: document("*") }));
    expect(star[0].says[0]).to.include('Resource "*" is not an ARN');
  });
});
