// Kinesis Data Firehose delivery streams: the name, the destination, ARNs, buffering and retry
// bounds of the S3, OpenSearch, Elasticsearch and HTTP endpoint destinations, an HTTPS endpoint
// URL, and no server-side encryption on a stream read from Kinesis. Where provider versions differ the
// most lenient bound is kept: an OpenSearch, Elasticsearch or HTTP endpoint buffering interval from 0 (60 in
// older providers) to 900 seconds; an extended S3 destination's buffering, which current
// providers leave to AWS, is judged as AWS's limit at create (`by: "aws"`, BufferingHints: 1 to 128
// MiB, 0 to 900 seconds). The name Pulumi makes (`<logical name>-<7 hex>`,
// pulumi/pulumi-aws provider/autonaming.go; no override of this type in
// provider/resource_overrides.go) is judged as a given one. Each entry names the provider file
// that declares it.
import { awsRule, conflictsWith, CrossRule, InputRule, snake } from "./rule";
import {
  all,
  anyCaseOfShape,
  intBetween,
  lenBetween,
  matches,
  oneOf,
  validARN,
  Validator,
} from "./validators";

const STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const FIREHOSE = "internal/service/firehose/delivery_stream.go";

/**
 * The destinations the provider lists (`destinationType.Values()`): it adds one with each new
 * kind AWS offers (`iceberg`, `snowflake`), and the 4.x providers took `s3` too, so a value of
 * the same shape in any case (words of lower-case letters and digits joined by `_`) is
 * accepted; only another spelling is refused (`extended-s3`, `http endpoint`).
 */
const DESTINATIONS = [
  "elasticsearch",
  "extended_s3",
  "http_endpoint",
  "iceberg",
  "opensearch",
  "opensearchserverless",
  "redshift",
  "snowflake",
  "splunk",
];
const destination = anyCaseOfShape(oneOf(DESTINATIONS), /^[a-z0-9]+(_[a-z0-9]+)*$/);

const rule = (prop: string, attr: string, validate: Validator, fix: string): InputRule => ({
  type: STREAM,
  prop,
  attr,
  validate,
  fix,
  source: FIREHOSE,
});

const ARN_FIX = "the `arn` output of the bucket, role, key or domain, not its name";
const SEARCH = [
  ["opensearchConfiguration", "opensearch_configuration"],
  ["elasticsearchConfiguration", "elasticsearch_configuration"],
  ["httpEndpointConfiguration", "http_endpoint_configuration"],
] as const;

/**
 * API_BufferingHints (an extended S3 destination's buffering): `SizeInMBs` "Valid Range: Minimum
 * value of 1. Maximum value of 128."; `IntervalInSeconds` "Valid Range: Minimum value of 0.
 * Maximum value of 900."
 */
const BUFFERING_HINTS =
  "https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html";

export const FIREHOSE_RULES: readonly InputRule[] = [
  awsRule(
    STREAM,
    "extendedS3Configuration.bufferingSize",
    "extendedS3Configuration.bufferingSize",
    intBetween(1, 128),
    "a buffering size from 1 to 128 MiB",
    BUFFERING_HINTS,
  ),
  awsRule(
    STREAM,
    "extendedS3Configuration.bufferingInterval",
    "extendedS3Configuration.bufferingInterval",
    intBetween(0, 900),
    "a buffering interval from 0 to 900 seconds",
    BUFFERING_HINTS,
  ),
  rule(
    "name",
    "name",
    lenBetween(1, 64),
    "a name of at most 64 characters (Pulumi adds 8 to a logical name it turns into the name: keep that at most 56)",
  ),
  rule(
    "destination",
    "destination",
    destination,
    "extended_s3, http_endpoint, opensearch, redshift, splunk, … (lower case, words joined by _)",
  ),
  ...(["bucketArn", "roleArn", "kmsKeyArn"] as const).map((p) =>
    rule(
      `extendedS3Configuration.${p}`,
      `extended_s3_configuration.0.${snake(p)}`,
      validARN,
      ARN_FIX,
    ),
  ),
  rule(
    "extendedS3Configuration.errorOutputPrefix",
    "extended_s3_configuration.0.error_output_prefix",
    lenBetween(0, 1024),
    "an error output prefix of at most 1024 characters",
  ),
  rule(
    "extendedS3Configuration.dynamicPartitioningConfiguration.retryDuration",
    "extended_s3_configuration.0.dynamic_partitioning_configuration.0.retry_duration",
    intBetween(0, 7200),
    "a retry duration from 0 to 7200 seconds",
  ),
  ...SEARCH.flatMap(([prop, attr]) => [
    rule(
      `${prop}.bufferingInterval`,
      `${attr}.0.buffering_interval`,
      intBetween(0, 900),
      "a buffering interval from 0 to 900 seconds",
    ),
    rule(
      `${prop}.bufferingSize`,
      `${attr}.0.buffering_size`,
      intBetween(1, 100),
      "a buffering size from 1 to 100 MB",
    ),
    rule(
      `${prop}.retryDuration`,
      `${attr}.0.retry_duration`,
      intBetween(0, 7200),
      "a retry duration from 0 to 7200 seconds",
    ),
    rule(`${prop}.roleArn`, `${attr}.0.role_arn`, validARN, ARN_FIX),
  ]),
  ...SEARCH.slice(0, 2).map(([prop, attr]) =>
    rule(`${prop}.domainArn`, `${attr}.0.domain_arn`, validARN, ARN_FIX),
  ),
  rule(
    "httpEndpointConfiguration.url",
    "http_endpoint_configuration.0.url",
    all(lenBetween(1, 1000), matches(/^https:\/\/.*$/, "")),
    "an https:// URL of at most 1000 characters",
  ),
  ...(["kinesisStreamArn", "roleArn"] as const).map((p) =>
    rule(
      `kinesisSourceConfiguration.${p}`,
      `kinesis_source_configuration.0.${p === "roleArn" ? "role_arn" : "kinesis_stream_arn"}`,
      validARN,
      "the stream's and the role's `arn` outputs, not their names",
    ),
  ),
];

export const FIREHOSE_CROSS_RULES: readonly CrossRule[] = [
  // A stream read from Kinesis is encrypted by its source stream: the provider refuses both.
  conflictsWith(
    STREAM,
    ["kinesisSourceConfiguration", "kinesis_source_configuration"],
    ["serverSideEncryption", "server_side_encryption"],
    FIREHOSE,
  ),
];
