// The documentation site: a private, KMS-encrypted bucket behind CloudFront with Origin Access
// Control, a bucket policy that lets only this distribution read, HTTPS-only viewers, security
// headers (HSTS and more), and access logs (CloudFront standard logging v2 and S3 server access
// logs) in a separate log bucket. Never an S3 website endpoint, never a public bucket.
// Design notes: docs/decisions/analytics.md ("Docs site").
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CERTIFICATE_ARN } from "./acm";
import { SecureBucket } from "./bucket";
import { componentScope, invalidArguments, keyAliasName } from "./context";
import { DNS_NAME, DocsSettings } from "./docs-site.keys";
import { EncryptionKey } from "./kms-key";

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

/**
 * Static documentation hosting for one environment. The custom domain and its certificate are the
 * docs-site section's settings (components/docs-site.keys.ts): both or neither, the certificate
 * in us-east-1 (CloudFront docs: "the certificate must be in US East (N. Virginia)"). With them
 * viewers get TLSv1.2_2021 at least; without them the *.cloudfront.net name, whose default
 * certificate accepts TLSv1 (an advisory finding of the policy pack).
 */
export interface DocsSiteArgs extends DocsSettings {
  /** Edge locations served. Defaults to "PriceClass_100" (North America and Europe, the cheapest). */
  readonly priceClass?: PriceClass;
  /** Content-Security-Policy header. Defaults to DEFAULT_CONTENT_SECURITY_POLICY. */
  readonly contentSecurityPolicy?: string;
  /** Days a page version stays in the bucket after it was replaced. Defaults to 30. */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days access logs are kept. Defaults to 90. */
  readonly logExpirationDays?: number;
  /** Protect and retain the buckets and the key (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

/** Validates what the type system cannot; throws one error listing every problem. */
function validateArgs(name: string, args: DocsSiteArgs): void {
  const problems: string[] = [];
  if ((args.domainName === undefined) !== (args.certificateArn === undefined)) {
    problems.push("domainName and certificateArn go together: set both or neither");
  }
  if (args.domainName !== undefined && !DNS_NAME.test(args.domainName)) {
    problems.push(`domainName: "${args.domainName}" is not a lowercase DNS name`);
  }
  if (
    args.certificateArn !== undefined &&
    CERTIFICATE_ARN.exec(args.certificateArn)?.[2] !== "us-east-1"
  ) {
    problems.push(
      `certificateArn: "${args.certificateArn}" is not an ACM certificate ARN in us-east-1 (CloudFront uses certificates from us-east-1 only)`,
    );
  }
  for (const [key, v] of [
    ["noncurrentVersionExpirationDays", args.noncurrentVersionExpirationDays],
    ["logExpirationDays", args.logExpirationDays],
  ] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 1 || v > 36500)) {
      problems.push(`${key}: ${v} is not a whole number of days from 1 to 36500`);
    }
  }
  invalidArguments("DocsSite", name, problems);
}

/** Names unique per account (CloudFront policies and OACs, log delivery resources). */
function accountUniqueName(name: string, suffix: string, max: number): string {
  const base = `${pulumi.getProject()}-${pulumi.getStack()}-${name}-${suffix}`.replace(
    /[^A-Za-z0-9-]/g,
    "-",
  );
  return base.slice(0, max);
}

export class DocsSite extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;
  public readonly logBucketName: pulumi.Output<string>;
  public readonly distributionId: pulumi.Output<string>;
  public readonly distributionArn: pulumi.Output<string>;
  public readonly domainName: pulumi.Output<string>;
  /** https://<custom domain or *.cloudfront.net name>/ */
  public readonly url: pulumi.Output<string>;
  public readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: DocsSiteArgs, opts?: pulumi.ComponentResourceOptions) {
    validateArgs(name, args);
    super("platform:docs:DocsSite", name, {}, opts);
    const { parent, protect, tags, account } = componentScope(this, name, args);
    const { accountId, partition, accountRoot } = account;
    const region = aws.getRegionOutput({}, parent).region;

    // The key policy and the log bucket's policy name the distribution and the content bucket,
    // which in turn need the key and the log bucket. No resource depends on itself (bucket →
    // distribution → key → bucket encryption), but the program must create the key first, so
    // those two ARNs are promised now and resolved once their resources exist.
    const [distributionArn, resolveDistributionArn] = pulumi.deferredOutput<string>();
    const [contentBucketArn, resolveContentBucketArn] = pulumi.deferredOutput<string>();

    // ---- Key --------------------------------------------------------------------------------
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

    // ---- Log bucket: S3 server access logs (s3/) and CloudFront access logs (cloudfront/) -------
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

    // ---- Content bucket ------------------------------------------------------------------------
    // CloudFront docs ("Restrict access to an Amazon S3 origin"): with OAC the bucket policy allows
    // the service principal cloudfront.amazonaws.com s3:GetObject with AWS:SourceArn = the
    // distribution; OAC needs Object Ownership "bucket owner enforced" (SecureBucket sets it).
    // No s3:ListBucket: a missing page answers 403 instead of revealing the bucket's keys.
    const content = new SecureBucket(
      `${name}-content`,
      {
        encryption: { kind: "kms", keyArn: key.keyArn },
        accessLogs: { bucket: logs.bucketName, prefix: "s3/" },
        // Pages are current until replaced by a publish; old versions go after a month.
        expirationDays: 36500,
        noncurrentVersionExpirationDays: args.noncurrentVersionExpirationDays ?? 30,
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

    // ---- CloudFront ----------------------------------------------------------------------------
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
        }),
      },
      // Not dependsOn the bucket policy: that policy names this distribution (a cycle). Until it
      // is in place (seconds later) CloudFront gets 403s; error responses are cached 10 seconds.
      parent,
    );
    resolveDistributionArn(distribution.arn);

    // ---- Access logs: CloudFront standard logging v2 --------------------------------------------
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
      { parent: this, dependsOn: [logs.policy] },
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

    this.bucketName = content.bucketName;
    this.bucketArn = content.arn;
    this.logBucketName = logs.bucketName;
    this.distributionId = distribution.id;
    this.distributionArn = distribution.arn;
    this.domainName = args.domainName ? pulumi.output(args.domainName) : distribution.domainName;
    this.url = pulumi.interpolate`https://${this.domainName}/`;
    this.keyArn = key.keyArn;
    this.registerOutputs({
      bucketName: this.bucketName,
      logBucketName: this.logBucketName,
      distributionId: this.distributionId,
      distributionArn: this.distributionArn,
      url: this.url,
      keyArn: this.keyArn,
    });
  }
}
