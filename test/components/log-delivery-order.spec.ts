// Every log delivery into a bucket of the stack waits for that bucket's policy, which is what
// grants the delivering service: AWS checks the grant when the delivery is set up, not only when
// it first writes, so a delivery created beside the policy fails the first `pulumi up` whenever it
// wins the race (a second `up` then passes).
// - S3 server access logging: PutBucketLogging into a target whose ACLs are disabled
//   (BucketOwnerEnforced) is refused with "InvalidTargetBucketForLogging: You must either provide
//   the necessary permissions to the logging service using a bucket policy or give the
//   log-delivery group WRITE and READ_ACP permissions to the target bucket" unless the target's
//   policy already lets logging.s3.amazonaws.com put objects under the prefix (S3 User Guide,
//   "Permissions for log delivery"; the check as S3 emulators reproduce it: getmoto/moto#7427).
// - ALB access logs: CreateLoadBalancer with access logs on checks that ELB may write into the
//   bucket (ALB docs, "Enable access logs": "Access Denied for bucket … Please check S3bucket
//   permission" otherwise).
// - CloudWatch Logs vended delivery (CloudFront standard logging v2): PutDeliveryDestination and
//   CreateDelivery check the destination bucket's policy, or rewrite it themselves ("Logs sent to
//   Amazon S3": the statement is added to the bucket policy when it is missing).
import { expect } from "chai";
import type { RecordedResource, Recording } from "../../tools/lib/recorder";
import { runWithEverything } from "../fixtures/features";
import { findAll } from "../helpers";

const T = {
  bucket: "aws:s3/bucket:Bucket",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
  logging: "aws:s3/bucketLogging:BucketLogging",
  loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
  destination: "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination",
};

/** The bucket policy of each bucket, by the bucket's name. */
function policiesByBucket(rec: Recording): Map<string, RecordedResource> {
  return new Map(findAll(rec, T.policy).map((p) => [String(p.inputs.bucket), p]));
}

/** The name of the bucket an S3 ARN (`arn:<partition>:s3:::<bucket>`) names. */
function bucketOfArn(arn: string): string | undefined {
  return /^arn:[\w-]+:s3:::([^/]+)$/.exec(arn)?.[1];
}

/** Every log delivery into a bucket: the resource that sets it up and the bucket it writes to. */
function deliveries(rec: Recording): { resource: RecordedResource; bucket: string }[] {
  return [
    ...findAll(rec, T.logging).map((r) => ({ resource: r, bucket: String(r.inputs.targetBucket) })),
    ...findAll(rec, T.loadBalancer)
      .filter((r) => r.inputs.accessLogs?.enabled)
      .map((r) => ({ resource: r, bucket: String(r.inputs.accessLogs.bucket) })),
    ...findAll(rec, T.destination).flatMap((r) => {
      const bucket = bucketOfArn(
        String(r.inputs.deliveryDestinationConfiguration?.destinationResourceArn),
      );
      return bucket === undefined ? [] : [{ resource: r, bucket }];
    }),
  ];
}

for (const stack of ["staging", "prod"]) {
  describe(`Log delivery waits for the target bucket's policy (${stack}, every feature on)`, () => {
    let rec: Recording;
    before(async () => {
      rec = await runWithEverything(stack);
    });

    it("finds the deliveries: S3 access logs, ALB access logs, CloudFront logs", () => {
      const types = new Set(deliveries(rec).map((d) => d.resource.type));
      expect([...types]).to.have.members([T.logging, T.loadBalancer, T.destination]);
    });

    it("creates each delivery after the policy of the bucket it writes to", () => {
      const policies = policiesByBucket(rec);
      const buckets = new Set(findAll(rec, T.bucket).map((b) => String(b.outputs.bucket)));
      for (const { resource, bucket } of deliveries(rec)) {
        expect(buckets.has(bucket), `${resource.name} writes to a bucket of the stack`).to.equal(
          true,
        );
        const policy = policies.get(bucket);
        expect(policy, `a policy on ${bucket}`).to.not.equal(undefined);
        expect(resource.dependencies, `${resource.name} waits for ${policy!.name}`).to.include(
          policy!.urn,
        );
      }
    });
  });
}
