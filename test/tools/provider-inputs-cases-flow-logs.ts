// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: VPC flow logs (rules-flow-logs.ts), each value and bound crossed once,
// and the one resource a flow log watches given twice or not at all; a bucket's default
// encryption and ownership controls (rules-bucket-settings.ts).
import type { Case } from "./provider-inputs-cases";
import { ROLE_ARN } from "./provider-inputs-cases-base";

const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const ENCRYPTION =
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const ENCRYPTION_V2 =
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
/** The compliant flow log made a transit gateway's: no traffic type (AWS takes none there). */
const TGW_VARIANT = {
  vpcId: undefined,
  trafficType: undefined,
  transitGatewayId: "tgw-0123456789abcdef0",
};
const TGW_ATTACHMENT = "tgw-attach-0123456789abcdef0";
/** Rules of a bucket's default encryption with `algorithms`, one rule each. */
const sse = (...algorithms: string[]) =>
  algorithms.map((sseAlgorithm) => ({ applyServerSideEncryptionByDefault: { sseAlgorithm } }));

export const FLOW_LOGS_COMPLIANT: Record<string, Record<string, unknown>> = {
  [FLOW_LOG]: {
    vpcId: "vpc-0123456789abcdef0",
    trafficType: "ALL",
    logDestinationType: "s3",
    logDestination: "arn:aws:s3:::flow-logs-bucket/vpc/",
    deliverCrossAccountRole: ROLE_ARN,
    iamRoleArn: ROLE_ARN,
    maxAggregationInterval: 60,
    destinationOptions: { fileFormat: "parquet", perHourPartition: true },
  },
  // Each listed value, and one a later SDK may list in the same shape.
  [ENCRYPTION]: {
    bucket: "app",
    rules: sse("AES256", "aws:fsx", "aws:kms", "aws:kms:dsse", "aws:backup"),
  },
  [ENCRYPTION_V2]: { bucket: "app", rules: sse("aws:kms") },
  [OWNERSHIP]: { bucket: "app", rule: { objectOwnership: "BucketOwnerEnforced" } },
};

export const FLOW_LOGS_BROKEN: Case[] = [
  [
    ENCRYPTION,
    "rules",
    sse("AES256", "aws:KMS"),
    'expected rule.1.apply_server_side_encryption_by_default.0.sse_algorithm to be one of ["AES256" "aws:fsx" "aws:kms" "aws:kms:dsse"], got aws:KMS',
  ],
  [ENCRYPTION, "rules", sse("aes256"), "got aes256"],
  [
    ENCRYPTION_V2,
    "rules",
    sse("SSE-KMS"),
    'to be one of ["AES256" "aws:fsx" "aws:kms" "aws:kms:dsse"], got SSE-KMS',
  ],
  [
    OWNERSHIP,
    "rule",
    { objectOwnership: "bucketOwnerEnforced" },
    'expected rule.0.object_ownership to be one of ["BucketOwnerEnforced" "BucketOwnerPreferred" "ObjectWriter"], got bucketOwnerEnforced',
  ],
  [OWNERSHIP, "rule", { objectOwnership: "bucket-owner-enforced" }, "got bucket-owner-enforced"],
  [FLOW_LOG, "iamRoleArn", "flow-logs-role", '"iam_role_arn" (flow-logs-role) is an invalid ARN'],
  [
    FLOW_LOG,
    "deliverCrossAccountRole",
    "delivery",
    '"deliver_cross_account_role" (delivery) is an invalid ARN',
  ],
  [
    FLOW_LOG,
    "logDestination",
    "/vpc/flow-logs",
    '"log_destination" (/vpc/flow-logs) is an invalid ARN',
  ],
  [
    FLOW_LOG,
    "maxAggregationInterval",
    300,
    "expected max_aggregation_interval to be one of [60 600], got 300",
  ],
  [FLOW_LOG, "trafficType", "all", "expected traffic_type to be one of"],
  [FLOW_LOG, "logDestinationType", "CloudWatchLogs", "expected log_destination_type to be one of"],
  [
    FLOW_LOG,
    "destinationOptions",
    { fileFormat: "Parquet" },
    "expected destination_options.0.file_format to be one of",
  ],
  // The SDK sorts both lists of its message (validateExactlyOneAttribute, sort.Strings), whatever
  // order the provider's schema declares the six in.
  [
    FLOW_LOG,
    "subnetId",
    "subnet-0123456789abcdef0",
    '"subnet_id": only one of `eni_id,regional_nat_gateway_id,subnet_id,transit_gateway_attachment_id,transit_gateway_id,vpc_id` can be specified, but `subnet_id,vpc_id` were specified.',
  ],
  [
    FLOW_LOG,
    "transitGatewayId",
    "tgw-0123456789abcdef0",
    '"transit_gateway_id": only one of `eni_id,regional_nat_gateway_id,subnet_id,transit_gateway_attachment_id,transit_gateway_id,vpc_id` can be specified, but `transit_gateway_id,vpc_id` were specified.',
  ],
  // AWS takes only 60 seconds for a transit gateway or attachment (Transit Gateway guide); the
  // provider sends its default 600 when none is given.
  [
    FLOW_LOG,
    "maxAggregationInterval",
    undefined,
    "a transit gateway flow log takes only a maximum aggregation interval of 60 seconds; none given, the provider sends its default 600",
    TGW_VARIANT,
  ],
  [
    FLOW_LOG,
    "maxAggregationInterval",
    600,
    "a transit gateway flow log takes only a maximum aggregation interval of 60 seconds, got 600",
    { ...TGW_VARIANT, transitGatewayId: undefined, transitGatewayAttachmentId: TGW_ATTACHMENT },
  ],
  [
    FLOW_LOG,
    "vpcId",
    undefined,
    '"eni_id": one of `eni_id,regional_nat_gateway_id,subnet_id,transit_gateway_attachment_id,transit_gateway_id,vpc_id` must be specified',
  ],
];
