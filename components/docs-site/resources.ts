// The docs site's resources, one builder per part (the DocsSite constructor calls them in order):
// the key, the log bucket, the content bucket, the CloudFront distribution, its access logs.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "../bucket";
import { keyAliasName } from "../context";
import { EncryptionKey } from "../kms-key";
import type { Build } from "./index";

/**
 * CloudFront docs ("Use managed cache policies"): Managed-CachingOptimized, the recommended policy
 * for S3 origins (no cookies, headers or query strings in the cache key; gzip and brotli).
 */
export const CACHING_OPTIMIZED_POLICY_ID = "658327ea-f89d-4fab-a63d-7e88639e58f6";

/** Region CloudFront's log delivery sources live in (CloudFront is a global service homed there). */
export const CLOUDFRONT_LOG_REGION = "us-east-1";

/**
 * Key prefix of the CloudFront access logs in the log bucket: the first part of the delivery's
 * suffix path, which the bucket policy names (the S3 server access logs go under `s3/`).
 */
export const CLOUDFRONT_LOG_PREFIX = "cloudfront";

/** Two years, the max-age the HSTS preload list asks for. */
export const HSTS_MAX_AGE_SECONDS = 63072000;

/** A Content-Security-Policy for a static site that loads nothing from elsewhere. */
export const DEFAULT_CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
  "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'; upgrade-insecure-requests";

export type PriceClass = "PriceClass_100" | "PriceClass_200" | "PriceClass_All";

/** Names unique per account (CloudFront policies and OACs, log delivery resources). */
function accountUniqueName(name: string, suffix: string, max: number): string {
  const base = `${pulumi.getProject()}-${pulumi.getStack()}-${name}-${suffix}`.replace(
    /[^A-Za-z0-9-]/g,
    "-",
  );
  return base.slice(0, max);
}

/** The content bucket's key `${name}-key`: CloudFront reads through it for this distribution only. */
export function siteKey(b: Build) {
  const {
    name,
    protect,
    tags,
    parent,
    accountId,
    accountRoot,
    region,
    distributionArn,
    contentBucketArn,
  } = b;
  // CloudFront docs ("Restrict access to an Amazon S3 origin", SSE-KMS): the key policy lets
  // the service principal cloudfront.amazonaws.com use the key with AWS:SourceArn = the
  // distribution. The docs list Decrypt, Encrypt and GenerateDataKey* for uploads through
  // CloudFront; this site is read-only, so Decrypt alone.
  // Publishing: S3 docs ("Using server-side encryption with AWS KMS keys"): uploads need
  // GenerateDataKey, reads Decrypt. The account principal (IAM policies decide who publishes:
  // the pipeline or an operator) may use the key only through S3 and only for this bucket.
  const key = new EncryptionKey(
    `${name}-key`,
    {
      description: `Encrypts the ${name} documentation bucket; CloudFront may decrypt only for its distribution`,
      grants: [
        {
          sid: "CloudFrontReadsThroughThisDistribution",
          principals: { type: "Service", identifiers: ["cloudfront.amazonaws.com"] },
          actions: ["kms:Decrypt"],
          conditions: [
            { test: "StringEquals", variable: "AWS:SourceArn", values: [distributionArn] },
          ],
        },
        {
          sid: "PublishThroughS3",
          principals: { type: "AWS", identifiers: [accountRoot] },
          actions: ["kms:GenerateDataKey", "kms:Decrypt"],
          conditions: [
            {
              test: "StringEquals",
              variable: "kms:ViaService",
              values: [pulumi.interpolate`s3.${region}.amazonaws.com`],
            },
            { test: "StringEquals", variable: "kms:CallerAccount", values: [accountId] },
            {
              test: "StringLike",
              variable: "kms:EncryptionContext:aws:s3:arn",
              values: [contentBucketArn, pulumi.interpolate`${contentBucketArn}/*`],
            },
          ],
        },
      ],
      aliasName: keyAliasName(name),
      protect,
      tags: tags("key"),
    },
    parent,
  );
  return key;
}

/** The log bucket `${name}-logs`: S3 server access logs (s3/) and CloudFront access logs (cloudfront/). */
export function logBucket(b: Build) {
  const { name, args, protect, tags, parent, accountId, partition, contentBucketArn } = b;
  // S3 docs ("Enabling Amazon S3 server access logging"): the destination's default encryption
  // may only be SSE-S3, so this bucket is SSE-S3, which the policy pack accepts as a documented
  // exception for a server-access-log target (as the Storage layer's log bucket). CloudWatch Logs docs ("Logs sent to Amazon S3", vended logs): delivery.logs
  // .amazonaws.com needs s3:PutObject (with x-amz-acl bucket-owner-full-control) and
  // s3:GetBucketAcl/ListBucket, narrowed by aws:SourceAccount and aws:SourceArn
  // arn:aws:logs:<source region>:<account>:*.
  // Where the objects land: the delivery's suffixPath, which starts with our own
  // CLOUDFRONT_LOG_PREFIX. The service prepends AWSLogs/<account>/CloudFront/ to it when it
  // creates the delivery and drops that prefix when the suffix path is updated later
  // (hashicorp/terraform-provider-aws#40968 and #46328, cloudformation-coverage-roadmap#2274;
  // the provider documents the prepended prefix), so the policy admits exactly those two
  // places, both below our prefix.
  const logSource = pulumi.interpolate`arn:${partition}:logs:${CLOUDFRONT_LOG_REGION}:${accountId}:*`;
  const logs = new SecureBucket(
    `${name}-logs`,
    {
      encryption: {
        kind: "sse-s3",
        reason:
          "S3 server access logging supports only SSE-S3 default encryption on the target bucket per the S3 User Guide",
      },
      accessLogs: {
        notLoggedBecause:
          "Access-log destination bucket: the S3 User Guide advises against logging a log destination bucket",
      },
      expirationDays: args.logExpirationDays ?? 90,
      disposableBecause:
        "Access logs of the docs site for troubleshooting: they expire and nothing reads their events",
      policyStatements: (arn) => [
        {
          sid: "S3ServerAccessLogsFromDocsBucket",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
          actions: ["s3:PutObject"],
          resources: [pulumi.interpolate`${arn}/s3/*`],
          conditions: [
            { test: "ArnLike", variable: "aws:SourceArn", values: [contentBucketArn] },
            { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
          ],
        },
        {
          sid: "CloudFrontLogDeliveryWrite",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
          actions: ["s3:PutObject"],
          resources: [
            pulumi.interpolate`${arn}/AWSLogs/${accountId}/CloudFront/${CLOUDFRONT_LOG_PREFIX}/*`,
            pulumi.interpolate`${arn}/${CLOUDFRONT_LOG_PREFIX}/*`,
          ],
          conditions: [
            {
              test: "StringEquals",
              variable: "s3:x-amz-acl",
              values: ["bucket-owner-full-control"],
            },
            { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [logSource] },
          ],
        },
        {
          sid: "CloudFrontLogDeliveryAclCheck",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
          actions: ["s3:GetBucketAcl", "s3:ListBucket"],
          resources: [arn],
          conditions: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [logSource] },
          ],
        },
      ],
      protect,
      tags: tags("logs"),
    },
    parent,
  );
  return logs;
}

/** The private content bucket `${name}-content`, readable by this distribution only. */
export function contentBucket(
  b: Build,
  on: {
    key: EncryptionKey;
    logs: SecureBucket;
    resolveContentBucketArn: (arn: pulumi.Output<string>) => void;
  },
) {
  const { name, args, protect, tags, parent, distributionArn } = b;
  const { key, logs, resolveContentBucketArn } = on;
  // CloudFront docs ("Restrict access to an Amazon S3 origin"): with OAC the bucket policy allows
  // the service principal cloudfront.amazonaws.com s3:GetObject with AWS:SourceArn = the
  // distribution; OAC needs Object Ownership "bucket owner enforced" (SecureBucket sets it).
  // No s3:ListBucket: a missing page answers 403 instead of revealing the bucket's keys.
  const content = new SecureBucket(
    `${name}-content`,
    {
      encryption: { kind: "kms", keyArn: key.keyArn },
      // After the log bucket's policy, which grants logging.s3.amazonaws.com: S3 checks it when
      // the logging configuration is put (SecureBucketArgs.accessLogs).
      accessLogs: { bucket: logs.bucketName, prefix: "s3/", dependsOn: [logs.policy] },
      // Pages are current until replaced by a publish; old versions go after a month.
      expirationDays: 36500,
      noncurrentVersionExpirationDays: args.noncurrentVersionExpirationDays ?? 30,
      disposableBecause: "Published docs pages: rebuilt from the repository by every publish",
      policyStatements: (arn) => [
        {
          sid: "CloudFrontReadsThroughThisDistributionOnly",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
          actions: ["s3:GetObject"],
          resources: [pulumi.interpolate`${arn}/*`],
          conditions: [
            { test: "StringEquals", variable: "AWS:SourceArn", values: [distributionArn] },
          ],
        },
      ],
      protect,
      tags: tags("content"),
    },
    parent,
  );
  resolveContentBucketArn(content.arn);
  return content;
}

/** The distribution: Origin Access Control, HTTPS only, security headers. */
export function cloudFront(
  b: Build,
  on: { content: SecureBucket; resolveDistributionArn: (arn: pulumi.Output<string>) => void },
) {
  const { name, args, tags, parent } = b;
  const { content, resolveDistributionArn } = on;
  // Origin Access Control: CloudFront signs every origin request with SigV4 (signing "always").
  const oac = new aws.cloudfront.OriginAccessControl(
    `${name}-oac`,
    {
      name: accountUniqueName(name, "oac", 64),
      description: `Signed, private access from CloudFront to the ${name} bucket`,
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    },
    parent,
  );
  // Security headers on every response; override: true replaces whatever an object's metadata says.
  const headers = new aws.cloudfront.ResponseHeadersPolicy(
    `${name}-security-headers`,
    {
      name: accountUniqueName(name, "security-headers", 128),
      comment: `Security headers for ${name}`,
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS,
          includeSubdomains: true,
          preload: false,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: "DENY", override: true },
        referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: args.contentSecurityPolicy ?? DEFAULT_CONTENT_SECURITY_POLICY,
          override: true,
        },
        // "X-XSS-Protection: 0": the legacy filter can itself be abused (OWASP Secure Headers
        // Project); the Content-Security-Policy above is the protection.
        xssProtection: { protection: false, override: true },
      },
    },
    parent,
  );
  const originId = "docs-bucket";
  const distribution = new aws.cloudfront.Distribution(
    `${name}-distribution`,
    {
      enabled: true,
      comment: `Documentation (${pulumi.getStack()})`,
      aliases: args.domainName ? [args.domainName] : undefined,
      defaultRootObject: "index.html",
      isIpv6Enabled: true,
      httpVersion: "http2and3",
      priceClass: args.priceClass ?? "PriceClass_100",
      // The bucket's REST endpoint (never the website endpoint), reached only with OAC.
      origins: [
        {
          originId,
          domainName: content.bucket.bucketRegionalDomainName,
          originAccessControlId: oac.id,
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: originId,
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        compress: true,
        cachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
        responseHeadersPolicyId: headers.id,
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      // CloudFront docs ("Supported protocols and ciphers between viewers and CloudFront"): with
      // the default *.cloudfront.net certificate CloudFront sets the security policy to TLSv1
      // whatever is asked; TLSv1.2_2021 needs a custom certificate (SNI).
      viewerCertificate: args.certificateArn
        ? {
            acmCertificateArn: args.certificateArn,
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.2_2021",
          }
        : { cloudfrontDefaultCertificate: true },
      tags: tags("distribution", {
        // Tag values: letters, digits, spaces and _ . : / = + - @ only.
        "waiver:cloudfront-waf":
          "Static documentation served with GET and HEAD only: no forms or APIs to protect. Shield Standard applies and a web ACL would cost more than the site",
        "waiver:cloudfront-geo-restriction":
          "Documentation for readers in every country: there is no country to refuse",
        "waiver:cloudfront-origin-failover":
          "Static documentation cached at the edge: a second replicated origin bucket would double storage and replication for a site whose outage harms no data",
      }),
    },
    // Not dependsOn the bucket policy: that policy names this distribution (a cycle). Until it
    // is in place (seconds later) CloudFront gets 403s; error responses are cached 10 seconds.
    parent,
  );
  resolveDistributionArn(distribution.arn);
  return distribution;
}

/** CloudFront standard logging v2 into the log bucket. */
export function accessLogs(
  b: Build,
  on: { distribution: aws.cloudfront.Distribution; logs: SecureBucket },
) {
  const { name, tags, parent } = b;
  const { distribution, logs } = on;
  // Legacy standard logging writes with ACLs, which BucketOwnerEnforced turns off; logging v2
  // (CloudWatch vended logs) writes with a bucket policy instead. CloudFront docs ("Configure
  // standard logging (v2)"): the delivery source, destination and delivery are created in
  // us-east-1; an S3 destination may be a bucket in another Region. Every resource here takes a
  // `region`, so no second provider is needed.
  const source = new aws.cloudwatch.LogDeliverySource(
    `${name}-access-log-source`,
    {
      region: CLOUDFRONT_LOG_REGION,
      name: accountUniqueName(name, "access", 60),
      logType: "ACCESS_LOGS",
      resourceArn: distribution.arn,
      tags: tags("access-log-source"),
    },
    parent,
  );
  const destination = new aws.cloudwatch.LogDeliveryDestination(
    `${name}-access-log-destination`,
    {
      region: CLOUDFRONT_LOG_REGION,
      name: accountUniqueName(name, "access-s3", 60),
      outputFormat: "w3c",
      deliveryDestinationConfiguration: { destinationResourceArn: logs.arn },
      tags: tags("access-log-destination"),
    },
    { parent: b.self, dependsOn: [logs.policy] },
  );
  new aws.cloudwatch.LogDelivery(
    `${name}-access-log-delivery`,
    {
      region: CLOUDFRONT_LOG_REGION,
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.arn,
      s3DeliveryConfigurations: [
        {
          // Below our own prefix, which the bucket policy names (see the log bucket above).
          suffixPath: `${CLOUDFRONT_LOG_PREFIX}/{DistributionId}/{yyyy}/{MM}/{dd}/{HH}`,
          enableHiveCompatiblePath: false,
        },
      ],
      tags: tags("access-log-delivery"),
    },
    parent,
  );
}
