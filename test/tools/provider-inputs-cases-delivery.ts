// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: WAFv2 web ACLs and Kinesis Data Firehose delivery streams. Each
// bound is met by the compliant resource and crossed by one broken case.

const ACL = "aws:wafv2/webAcl:WebAcl";
const STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const ROLE = "arn:aws:iam::123456789012:role/firehose";
const VISIBILITY = { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true };
const RULE = {
  name: "r".repeat(128),
  priority: 0,
  statement: {},
  visibilityConfig: { ...VISIBILITY, metricName: "rate_limit-1" },
};
const SEARCH = {
  indexName: "logs",
  roleArn: ROLE,
  domainArn: "arn:aws:es:us-east-1:123456789012:domain/logs",
  bufferingInterval: 0,
  bufferingSize: 100,
  retryDuration: 7200,
};

export const DELIVERY_COMPLIANT: Record<string, Record<string, unknown>> = {
  [ACL]: {
    name: "w".repeat(128),
    description: "d".repeat(256),
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    rules: [RULE],
    visibilityConfig: { ...VISIBILITY, metricName: "m".repeat(128) },
    tokenDomains: ["example.com", "app.example.com/path_1"],
  },
  [STREAM]: {
    name: "s".repeat(64),
    destination: "extended_s3",
    extendedS3Configuration: {
      bucketArn: "arn:aws:s3:::logs",
      roleArn: ROLE,
      kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1",
      errorOutputPrefix: "e".repeat(1024),
      bufferingInterval: 0,
      bufferingSize: 128,
      dynamicPartitioningConfiguration: { enabled: true, retryDuration: 7200 },
    },
    opensearchConfiguration: SEARCH,
    elasticsearchConfiguration: { ...SEARCH, bufferingInterval: 900, bufferingSize: 1 },
    httpEndpointConfiguration: {
      url: `https://${"h".repeat(992)}`,
      roleArn: ROLE,
      bufferingInterval: 900,
      retryDuration: 0,
      s3Configuration: { bucketArn: "arn:aws:s3:::logs", roleArn: ROLE },
    },
    kinesisSourceConfiguration: {
      kinesisStreamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/clicks",
      roleArn: ROLE,
    },
  },
};

export const DELIVERY_BROKEN: [string, string, unknown, string, Record<string, unknown>?][] = [
  [ACL, "name", "w".repeat(129), "(1 - 128)"],
  [ACL, "name", "web acl", "must contain only alphanumeric hyphen and underscore characters"],
  [ACL, "namePrefix", "p".repeat(103), "(1 - 102)", { name: undefined }],
  [ACL, "name", "web", "conflicts with name_prefix", { name: undefined, namePrefix: "web-" }],
  [ACL, "description", "d".repeat(257), "(1 - 256)"],
  [ACL, "scope", "regional", "got regional"],
  [ACL, "rules", [{ ...RULE, name: "r".repeat(129) }], "(1 - 128)"],
  [
    ACL,
    "rules",
    [{ ...RULE, visibilityConfig: { ...VISIBILITY, metricName: "rate limit" } }],
    "must contain only alphanumeric hyphen and underscore characters",
  ],
  [ACL, "visibilityConfig", { ...VISIBILITY, metricName: "m".repeat(129) }, "(1 - 128)"],
  [ACL, "visibilityConfig", { ...VISIBILITY, metricName: "web.acl" }, "alphanumeric hyphen"],
  [ACL, "tokenDomains", ["https://example.com:443"], "forward-slash characters"],
  [ACL, "tokenDomains", [`${"t".repeat(250)}.com`], "(1 - 253)"],
  [ACL, "ruleJson", "[{", "contains an invalid JSON", { rules: undefined }],
  [ACL, "ruleJson", "[]", "conflicts with rule_json"],
  [STREAM, "name", "s".repeat(65), "(1 - 64)"],
  [STREAM, "destination", "extended-s3", "got extended-s3"],
  [STREAM, "destination", "http endpoint", "got http endpoint"],
  ...(["bucketArn", "roleArn", "kmsKeyArn"] as const).map(
    (p): [string, string, unknown, string] => [
      STREAM,
      "extendedS3Configuration",
      { bucketArn: "arn:aws:s3:::logs", roleArn: ROLE, [p]: "logs" },
      "invalid ARN",
    ],
  ),
  [
    STREAM,
    "extendedS3Configuration",
    { bucketArn: "arn:aws:s3:::l", roleArn: ROLE, errorOutputPrefix: "e".repeat(1025) },
    "(0 - 1024)",
  ],
  [
    STREAM,
    "extendedS3Configuration",
    {
      bucketArn: "arn:aws:s3:::l",
      roleArn: ROLE,
      dynamicPartitioningConfiguration: { enabled: true, retryDuration: 7201 },
    },
    "(0 - 7200), got 7201",
  ],
  // AWS's BufferingHints, at up: 1 to 128 MiB, 0 to 900 seconds.
  ...(
    [
      ["bufferingSize", 129, "(1 - 128), got 129"],
      ["bufferingSize", 0, "(1 - 128), got 0"],
      ["bufferingInterval", 901, "(0 - 900), got 901"],
    ] as const
  ).map(([p, v, says]): [string, string, unknown, string] => [
    STREAM,
    "extendedS3Configuration",
    { bucketArn: "arn:aws:s3:::logs", roleArn: ROLE, [p]: v },
    says,
  ]),
  [STREAM, "opensearchConfiguration", { ...SEARCH, bufferingInterval: 901 }, "(0 - 900), got 901"],
  [STREAM, "opensearchConfiguration", { ...SEARCH, bufferingInterval: -1 }, "(0 - 900), got -1"],
  [STREAM, "elasticsearchConfiguration", { ...SEARCH, bufferingSize: 0 }, "(1 - 100), got 0"],
  [STREAM, "elasticsearchConfiguration", { ...SEARCH, bufferingSize: 101 }, "(1 - 100), got 101"],
  [STREAM, "opensearchConfiguration", { ...SEARCH, retryDuration: -1 }, "(0 - 7200), got -1"],
  [STREAM, "elasticsearchConfiguration", { ...SEARCH, domainArn: "logs" }, "invalid ARN"],
  [STREAM, "opensearchConfiguration", { ...SEARCH, roleArn: "firehose" }, "invalid ARN"],
  [
    STREAM,
    "httpEndpointConfiguration",
    { url: "http://collector.example.com", s3Configuration: {} },
    "expected value of http_endpoint_configuration.0.url to match",
  ],
  [
    STREAM,
    "httpEndpointConfiguration",
    { url: `https://${"h".repeat(993)}`, s3Configuration: {} },
    "(1 - 1000)",
  ],
  [
    STREAM,
    "httpEndpointConfiguration",
    { url: "https://c.example.com", bufferingSize: 101, s3Configuration: {} },
    "(1 - 100), got 101",
  ],
  [
    STREAM,
    "kinesisSourceConfiguration",
    { kinesisStreamArn: "clicks", roleArn: ROLE },
    "invalid ARN",
  ],
  [STREAM, "serverSideEncryption", { enabled: true }, "conflicts with server_side_encryption"],
];
