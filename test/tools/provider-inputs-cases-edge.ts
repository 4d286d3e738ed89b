// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: CloudFront distributions and origin access controls, ACM
// certificates, Route 53 zones, Kinesis streams, SSM parameters, ECR lifecycle policies and IAM
// groups. Each compliant value sits on a bound the provider allows; each broken one crosses one
// bound or breaks one rule.

const FN_ARN = "arn:aws:lambda:us-east-1:123456789012:function:edge:3";

/** A cache behaviour the provider accepts, every checked input given. */
const BEHAVIOUR = {
  targetOriginId: "site",
  allowedMethods: ["GET", "HEAD"],
  cachedMethods: ["GET", "HEAD"],
  viewerProtocolPolicy: "redirect-to-https",
  forwardedValues: { queryString: false, cookies: { forward: "none" } },
  lambdaFunctionAssociations: [{ eventType: "origin-response", lambdaArn: FN_ARN }],
  functionAssociations: [
    {
      eventType: "viewer-request",
      functionArn: "arn:aws:cloudfront::123456789012:function/rewrite",
    },
  ],
  realtimeLogConfigArn: "arn:aws:cloudfront::123456789012:realtime-log-config/rt",
};

/** A compliant resource of each type. */
export const EDGE_COMPLIANT: Record<string, Record<string, unknown>> = {
  "aws:cloudfront/distribution:Distribution": {
    enabled: true,
    comment: "c".repeat(128),
    priceClass: "PriceClass_100",
    httpVersion: "http2and3",
    origins: [
      {
        originId: "site",
        domainName: "site.example.com",
        connectionAttempts: 3,
        connectionTimeout: 10,
        customOriginConfig: {
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy: "https-only",
          originSslProtocols: ["TLSv1.2"],
          originReadTimeout: 240,
          originKeepaliveTimeout: 1,
        },
      },
    ],
    defaultCacheBehavior: BEHAVIOUR,
    orderedCacheBehaviors: [
      { ...BEHAVIOUR, pathPattern: "/api/*", viewerProtocolPolicy: "https-only" },
    ],
    restrictions: { geoRestriction: { restrictionType: "none" } },
    viewerCertificate: {
      acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
      minimumProtocolVersion: "TLSv1.2_2021",
      sslSupportMethod: "sni-only",
    },
  },
  "aws:cloudfront/originAccessControl:OriginAccessControl": {
    name: "o".repeat(64),
    description: "d".repeat(256),
    originAccessControlOriginType: "s3",
    signingBehavior: "no-override",
    signingProtocol: "sigv4",
  },
  "aws:acm/certificate:Certificate": {
    domainName: "example.com",
    subjectAlternativeNames: ["*.example.com", `${"a".repeat(241)}.example.com`],
    validationMethod: "DNS",
    keyAlgorithm: "EC_prime256v1",
    options: { certificateTransparencyLoggingPreference: "ENABLED" },
  },
  "aws:route53/zone:Zone": {
    name: "example.com",
    comment: "c".repeat(256),
    delegationSetId: "N".repeat(32),
  },
  "aws:kinesis/stream:Stream": {
    shardCount: 1,
    retentionPeriod: 8760,
    encryptionType: "kms", // any case: the provider compares it ignoring case
    kmsKeyId: "alias/aws/kinesis",
    streamModeDetails: { streamMode: "PROVISIONED" },
    maxRecordSizeInKib: 10240,
  },
  "aws:ssm/parameter:Parameter": {
    name: "/app/".padEnd(2048, "p"),
    type: "SecureString",
    tier: "Intelligent-Tiering",
    dataType: "aws:ssm:integration",
    description: "d".repeat(1024),
    allowedPattern: "^.*$".padEnd(1024, "x"),
    value: "v",
  },
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": {
    repository: "app",
    policy: JSON.stringify({ rules: [] }),
  },
  "aws:iam/group:Group": { name: "ops_team+=,.@-1", path: "/teams/" },
  "aws:rds/subnetGroup:SubnetGroup": {
    name: "db subnets_1.a-".padEnd(255, "z"),
    subnetIds: ["subnet-1"],
  },
  "aws:rds/parameterGroup:ParameterGroup": {
    name: "pg.15-a".padEnd(255, "z"),
    family: "postgres15",
  },
  "aws:wafv2/ipSet:IpSet": {
    name: `office_${"n".repeat(114)}-1`,
    description: "d".repeat(256),
    scope: "REGIONAL",
    ipAddressVersion: "IPV6",
    addresses: ["2001:db8::/32"],
  },
  "aws:backup/vault:Vault": {
    name: `vault_${"v".repeat(41)}-1.`, // 50 characters
    kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd",
  },
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": {
    namePrefix: "aurora-pg-",
    family: "aurora-postgresql15",
  },
};

/** The ordered behaviour with one input changed (the list is walked item by item). */
function ordered(change: Record<string, unknown>) {
  return [{ ...BEHAVIOUR, pathPattern: "/api/*", ...change }];
}

const DIST = "aws:cloudfront/distribution:Distribution";
const CERT = "aws:acm/certificate:Certificate";
const ORIGIN = (EDGE_COMPLIANT[DIST].origins as Record<string, unknown>[])[0];
const CUSTOM = ORIGIN.customOriginConfig as Record<string, unknown>;
const origin = (change: Record<string, unknown>) => [{ ...ORIGIN, ...change }];
const custom = (change: Record<string, unknown>) =>
  origin({ customOriginConfig: { ...CUSTOM, ...change } });
const cert = (change: Record<string, unknown>) => ({
  ...(EDGE_COMPLIANT[DIST].viewerCertificate as Record<string, unknown>),
  ...change,
});
const STREAM = "aws:kinesis/stream:Stream";
const PARAM = "aws:ssm/parameter:Parameter";
const SUBNETS = "aws:rds/subnetGroup:SubnetGroup";
const IP_SET = "aws:wafv2/ipSet:IpSet";
const PARAMS = "aws:rds/parameterGroup:ParameterGroup";

/** Broken inputs, as BROKEN of provider-inputs-cases.ts. */
export const EDGE_BROKEN: [string, string, unknown, string, Record<string, unknown>?][] = [
  [DIST, "comment", "c".repeat(129), "(0 - 128)"],
  [DIST, "priceClass", "PriceClass100", "got PriceClass100"],
  [DIST, "httpVersion", "HTTP2", "got HTTP2"],
  [
    DIST,
    "defaultCacheBehavior",
    { ...BEHAVIOUR, viewerProtocolPolicy: "redirect_to_https" },
    "expected default_cache_behavior.0.viewer_protocol_policy to be one of",
  ],
  [
    DIST,
    "defaultCacheBehavior",
    { ...BEHAVIOUR, forwardedValues: { queryString: false, cookies: { forward: "None" } } },
    "got None",
  ],
  [
    DIST,
    "defaultCacheBehavior",
    {
      ...BEHAVIOUR,
      lambdaFunctionAssociations: [{ eventType: "viewer-request", lambdaArn: "edge" }],
    },
    "is an invalid ARN",
  ],
  [
    DIST,
    "defaultCacheBehavior",
    { ...BEHAVIOUR, functionAssociations: [{ eventType: "ViewerRequest", functionArn: FN_ARN }] },
    "got ViewerRequest",
  ],
  [DIST, "orderedCacheBehaviors", ordered({ viewerProtocolPolicy: "HTTPS" }), "got HTTPS"],
  [
    DIST,
    "orderedCacheBehaviors",
    ordered({ lambdaFunctionAssociations: [{ eventType: "origin request", lambdaArn: FN_ARN }] }),
    "got origin request",
  ],
  [
    DIST,
    "orderedCacheBehaviors",
    ordered({ functionAssociations: [{ eventType: "viewer-request", functionArn: "rewrite" }] }),
    "is an invalid ARN",
  ],
  [
    DIST,
    "orderedCacheBehaviors",
    ordered({ forwardedValues: { queryString: true, cookies: { forward: "ALL" } } }),
    "got ALL",
  ],
  [DIST, "orderedCacheBehaviors", ordered({ realtimeLogConfigArn: "rt" }), "is an invalid ARN"],
  [DIST, "origins", origin({ connectionAttempts: 4 }), "(1 - 3), got 4"],
  [DIST, "origins", origin({ connectionAttempts: 0 }), "(1 - 3), got 0"],
  [DIST, "origins", origin({ connectionTimeout: 11 }), "(1 - 10), got 11"],
  [DIST, "origins", custom({ originProtocolPolicy: "HTTPS_ONLY" }), "got HTTPS_ONLY"],
  [DIST, "origins", custom({ originSslProtocols: ["TLSv1.2", "TLS1.3"] }), "got TLS1.3"],
  [DIST, "origins", custom({ originReadTimeout: 0 }), "at least (1), got 0"],
  [DIST, "origins", custom({ originKeepaliveTimeout: 0 }), "at least (1), got 0"],
  [DIST, "restrictions", { geoRestriction: { restrictionType: "Whitelist" } }, "got Whitelist"],
  [DIST, "viewerCertificate", cert({ acmCertificateArn: "abc" }), "is an invalid ARN"],
  [DIST, "viewerCertificate", cert({ minimumProtocolVersion: "TLSv1.2" }), "got TLSv1.2"],
  [DIST, "viewerCertificate", cert({ sslSupportMethod: "SNI" }), "got SNI"],
  ["aws:cloudfront/originAccessControl:OriginAccessControl", "name", "o".repeat(65), "(1 - 64)"],
  [
    "aws:cloudfront/originAccessControl:OriginAccessControl",
    "description",
    "d".repeat(257),
    "(0 - 256)",
  ],
  [
    "aws:cloudfront/originAccessControl:OriginAccessControl",
    "originAccessControlOriginType",
    "S3",
    "got S3",
  ],
  [
    "aws:cloudfront/originAccessControl:OriginAccessControl",
    "signingBehavior",
    "Always",
    "got Always",
  ],
  [
    "aws:cloudfront/originAccessControl:OriginAccessControl",
    "signingProtocol",
    "SigV4",
    "got SigV4",
  ],
  [CERT, "domainName", "example.com.", "cannot end with a period"],
  [CERT, "subjectAlternativeNames", ["www.example.com."], "cannot end with a period"],
  [CERT, "subjectAlternativeNames", [`${"a".repeat(242)}.example.com`], "(1 - 253)"],
  [CERT, "validationMethod", "dns", "got dns"],
  [CERT, "keyAlgorithm", "RSA-2048", "got RSA-2048"],
  [CERT, "options", { certificateTransparencyLoggingPreference: "on" }, "got on"],
  [
    CERT,
    "privateKey",
    "-----BEGIN PRIVATE KEY-----",
    "only one of `domain_name,private_key` can be specified",
    {
      validationMethod: undefined,
      keyAlgorithm: undefined,
      subjectAlternativeNames: undefined,
      options: undefined,
    },
  ],
  [
    CERT,
    "domainName",
    undefined,
    "one of `domain_name,private_key` must be specified",
    {
      validationMethod: undefined,
      keyAlgorithm: undefined,
      subjectAlternativeNames: undefined,
      options: undefined,
    },
  ],
  [
    CERT,
    "certificateAuthorityArn",
    "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/ca",
    '"validation_method": conflicts with certificate_authority_arn',
  ],
  ["aws:route53/zone:Zone", "name", "z".repeat(1025), "(1 - 1024)"],
  ["aws:route53/zone:Zone", "comment", "c".repeat(257), "(0 - 256)"],
  ["aws:route53/zone:Zone", "delegationSetId", "N".repeat(33), "(0 - 32)"],
  [
    "aws:route53/zone:Zone",
    "vpcs",
    [{ vpcId: "vpc-1" }],
    '"delegation_set_id": conflicts with vpc',
  ],
  [STREAM, "retentionPeriod", 23, "(24 - 8760), got 23"],
  [STREAM, "retentionPeriod", 8761, "(24 - 8760), got 8761"],
  [STREAM, "encryptionType", "aws:kms", "got aws:kms"],
  [STREAM, "streamModeDetails", { streamMode: "on-demand" }, "got on-demand"],
  [STREAM, "maxRecordSizeInKib", 1023, "(1024 - 10240), got 1023"],
  [STREAM, "maxRecordSizeInKib", 10241, "(1024 - 10240), got 10241"],
  [
    STREAM,
    "shardCount",
    undefined,
    "shard_count must be at least 1 when stream_mode is PROVISIONED",
  ],
  [
    STREAM,
    "shardCount",
    2,
    "shard_count must not be set when stream_mode is ON_DEMAND",
    { shardCount: undefined, streamModeDetails: { streamMode: "ON_DEMAND" } },
  ],
  [PARAM, "name", "/app/".padEnd(2049, "p"), "(1 - 2048)"],
  [PARAM, "type", "string", "got string"],
  [PARAM, "tier", "ADVANCED", "got ADVANCED"],
  [PARAM, "dataType", "aws:ec2:ami", "got aws:ec2:ami"],
  [PARAM, "description", "d".repeat(1025), "(0 - 1024)"],
  [PARAM, "allowedPattern", "a".repeat(1025), "(0 - 1024)"],
  [PARAM, "insecureValue", "plain", "only one of `insecure_value,value` can be specified"],
  ["aws:ecr/lifecyclePolicy:LifecyclePolicy", "policy", "{rules: []}", "contains an invalid JSON"],
  ["aws:iam/group:Group", "name", "ops team", "must only contain alphanumeric characters"],
  [
    SUBNETS,
    "name",
    "DbSubnets",
    'only lowercase alphanumeric characters, hyphens, underscores, periods, and spaces allowed in "name"',
  ],
  [SUBNETS, "name", "db".padEnd(256, "z"), "cannot be longer than 255 characters"],
  [SUBNETS, "name", "Default", '"Default" is not allowed as "name"'],
  [SUBNETS, "namePrefix", "db-", '"name": conflicts with name_prefix'],
  [PARAMS, "name", "pg_15", "only lowercase alphanumeric characters, periods, and hyphens"],
  [PARAMS, "name", "15-pg", 'first character of parameter group "name" must be a letter'],
  [PARAMS, "name", "pg--15", "cannot contain two consecutive hyphens"],
  [PARAMS, "name", "pg-15-", "cannot end with a hyphen"],
  [PARAMS, "name", "pg".padEnd(256, "z"), "cannot be greater than 255 characters"],
  [
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    "name",
    "Aurora",
    "must be a letter",
    { namePrefix: undefined },
  ],
  [
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    "name",
    "aurora",
    '"name": conflicts with name_prefix',
  ],
  [PARAMS, "namePrefix", "pg-", '"name": conflicts with name_prefix'],
  [IP_SET, "name", "office.ips", "must contain only alphanumeric hyphen and underscore characters"],
  [IP_SET, "name", "n".repeat(129), "(1 - 128)"],
  [IP_SET, "namePrefix", "n".repeat(103), "(1 - 102)", { name: undefined }],
  [IP_SET, "namePrefix", "office-", '"name": conflicts with name_prefix'],
  [IP_SET, "description", "d".repeat(257), "(1 - 256)"],
  [IP_SET, "scope", "regional", "got regional"],
  [IP_SET, "ipAddressVersion", "IPv4", "got IPv4"],
  ["aws:backup/vault:Vault", "name", "v".repeat(51), "(2 - 50)"],
  ["aws:backup/vault:Vault", "name", "v", "(2 - 50)"],
  [
    "aws:backup/vault:Vault",
    "name",
    "daily vault",
    "must consist of letters, numbers, and hyphens.",
  ],
  ["aws:backup/vault:Vault", "kmsKeyArn", "alias/backup", "is an invalid ARN"],
];
