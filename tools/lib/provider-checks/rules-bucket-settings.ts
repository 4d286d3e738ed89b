// S3 bucket settings resources: the attribute validators of the provider's schema, which its Check
// runs at `pulumi preview`. A bucket's default encryption (internal/service/s3/
// bucket_server_side_encryption_configuration.go): each rule's `sseAlgorithm` one of the SDK's
// ServerSideEncryption values (enum.Validate[types.ServerSideEncryption](), validation.StringInSlice
// over the type's Values(), case sensitive), listed in the SDK's order. The pinned @pulumi/aws
// (7.48) documents the same enumeration, for an object's `serverSideEncryption`
// (s3/bucketObjectv2.d.ts), as `AES256`, `aws:kms`, `aws:kms:dsse` and `aws:fsx`, so the provider
// it bridges lists `aws:fsx` too, in the S3 model's order (AES256, aws:fsx, aws:kms, aws:kms:dsse);
// its page for this resource names only three, written before `aws:fsx` came. The list grows with
// the SDK (the S3 model of @aws-sdk/client-s3 3.1169 adds `aws:backup`, PutBucketEncryptionCommand
// lists it for `SSEAlgorithm`; the Go SDK the provider is built with is generated from the same
// model), so a later value of the same shape (`AES<n>`, `aws:<words>`) is let through and only a
// misspelt or wrongly cased one (`aes256`, `AWS:KMS`, `SSE-KMS`) is refused. A provider built on an
// older SDK refuses `aws:backup` at preview; which one a program runs is not known here, and a
// newer one takes it. Nor is it refused as AWS's limit: the S3 API page for
// ServerSideEncryptionByDefault lists AES256, aws:fsx, aws:kms and aws:kms:dsse, behind the model,
// as it was for `aws:fsx`, and no page says S3 refuses `aws:backup` as a bucket's default. Its ownership controls (bucket_ownership_controls.go): `objectOwnership`
// one of the SDK's ObjectOwnership values (`BucketOwnerEnforced`, `BucketOwnerPreferred`,
// `ObjectWriter`), CamelCase words as the list grows.
import type { InputRule } from "./rule";
import { CAMEL, oneOfGrowing } from "./validators";

const ENCRYPTION = [
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
const ENCRYPTION_FILE = "internal/service/s3/bucket_server_side_encryption_configuration.go";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const OWNERSHIP_FILE = "internal/service/s3/bucket_ownership_controls.go";

/** The shape of the SDK's ServerSideEncryption values. */
const SSE_SHAPE = /^(AES[0-9]+|aws(:[a-z0-9]+)+)$/;

export const BUCKET_SETTING_RULES: readonly InputRule[] = [
  ...ENCRYPTION.map((type): InputRule => ({
    type,
    prop: "rules.applyServerSideEncryptionByDefault.sseAlgorithm",
    attr: "rule.0.apply_server_side_encryption_by_default.0.sse_algorithm",
    validate: oneOfGrowing(["AES256", "aws:fsx", "aws:kms", "aws:kms:dsse"], SSE_SHAPE),
    fix: "AES256 (S3-managed keys), aws:kms or aws:kms:dsse (a KMS key), written so",
    source: ENCRYPTION_FILE,
  })),
  {
    type: OWNERSHIP,
    prop: "rule.objectOwnership",
    attr: "rule.0.object_ownership",
    validate: oneOfGrowing(["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"], CAMEL),
    fix: "BucketOwnerEnforced (ACLs off, the default for new buckets), BucketOwnerPreferred or ObjectWriter",
    source: OWNERSHIP_FILE,
  },
];
