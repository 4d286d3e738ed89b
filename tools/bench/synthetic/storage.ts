// A storage unit of the synthetic stack: key, bucket with its side resources, producer role.
import type { RecordedResource } from "../../lib/recorder";
import { ACCOUNT, REGION, resource, doc, keyAdmin, tags } from "./base";
import * as bucketSide from "./bucket";

/** A key, a bucket with every side resource, and a producer role allowed to write into it. */
export function storageUnit(
  i: number,
  logBucket: RecordedResource,
  broken: string | undefined,
): RecordedResource[] {
  const unit = resource("bench:storage:Storage", `s${i}`, {}, { custom: false });
  const p = { parent: unit };
  const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0000${i}`;
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/s${i}-writer`;
  const key = resource(
    "aws:kms/key:Key",
    `s${i}-key`,
    {
      description: `Data key of unit ${i}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: doc(keyAdmin("kms:TagResource"), {
        Sid: "UseThroughS3",
        Effect: "Allow",
        Principal: { AWS: roleArn },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
        Condition: {
          StringEquals: {
            "kms:ViaService": `s3.${REGION}.amazonaws.com`,
            "kms:CallerAccount": ACCOUNT,
          },
        },
      }),
      tags: tags(`s${i}-key`),
    },
    { ...p, outputs: { arn: keyArn, keyId: `0000${i}` } },
  );
  const bucketName = `bench-s${i}`;
  const bucketArn = `arn:aws:s3:::${bucketName}`;
  const bucket = resource(
    "aws:s3/bucket:Bucket",
    `s${i}-bucket`,
    { bucket: bucketName, tags: tags(bucketName) },
    { ...p, outputs: { arn: bucketArn, id: bucketName } },
  );
  const on = { ...p, refs: { bucket: [bucket] } };
  const out: RecordedResource[] = [unit, key, bucket];
  if (broken !== "public-access") {
    out.push(bucketSide.publicAccessBlock(`s${i}`, bucketName, on));
  }
  out.push(
    resource(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      `s${i}-sse`,
      {
        bucket: bucketName,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn },
            bucketKeyEnabled: true,
          },
        ],
      },
      { ...p, refs: { bucket: [bucket], rules: [key] } },
    ),
    bucketSide.versioning(`s${i}`, bucketName, on),
    bucketSide.ownershipControls(`s${i}`, bucketName, on),
    resource(
      "aws:s3/bucketPolicy:BucketPolicy",
      `s${i}-policy`,
      {
        bucket: bucketName,
        policy: doc(
          bucketSide.denyInsecureTransport(bucketArn),
          {
            Sid: "DenyUnencryptedUploads",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: `${bucketArn}/*`,
            Condition: {
              StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn },
            },
          },
          {
            Sid: "WriterOnly",
            Effect: "Allow",
            Principal: { AWS: roleArn },
            Action: "s3:PutObject",
            Resource: `${bucketArn}/*`,
          },
        ),
      },
      { ...p, refs: { bucket: [bucket], policy: [bucket, key] } },
    ),
    bucketSide.lifecycle(`s${i}`, bucketName, 7, on),
    resource(
      "aws:s3/bucketLogging:BucketLogging",
      `s${i}-logging`,
      { bucket: bucketName, targetBucket: "bench-logs", targetPrefix: `s${i}/` },
      { ...p, refs: { bucket: [bucket], targetBucket: [logBucket] } },
    ),
  );
  const role = resource(
    "aws:iam/role:Role",
    `s${i}-writer`,
    {
      name: `s${i}-writer`,
      assumeRolePolicy: doc({
        Effect: "Allow",
        Principal: { Service: "ecs-tasks.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT },
          ArnLike: { "aws:SourceArn": `arn:aws:ecs:${REGION}:${ACCOUNT}:*` },
        },
      }),
      tags: tags(`s${i}-writer`),
    },
    { ...p, outputs: { arn: roleArn } },
  );
  const actions = broken === "wildcard-action" ? ["s3:*"] : ["s3:PutObject"];
  out.push(
    role,
    resource(
      "aws:iam/rolePolicy:RolePolicy",
      `s${i}-writer-policy`,
      {
        role: `s${i}-writer`,
        policy: doc(
          { Sid: "Write", Effect: "Allow", Action: actions, Resource: `${bucketArn}/*` },
          {
            Sid: "Key",
            Effect: "Allow",
            Action: ["kms:GenerateDataKey"],
            Resource: keyArn,
            Condition: { StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com` } },
          },
        ),
      },
      { ...p, refs: { role: [role], policy: [bucket, key] } },
    ),
  );
  return out;
}
