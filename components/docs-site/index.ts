// The documentation site: a private, KMS-encrypted bucket behind CloudFront with Origin Access
// Control, a bucket policy that lets only this distribution read, HTTPS-only viewers, security
// headers (HSTS and more), and access logs (CloudFront standard logging v2 and S3 server access
// logs) in a separate log bucket. Never an S3 website endpoint, never a public bucket.
// Design notes: docs/decisions/analytics.md ("Docs site").
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CERTIFICATE_ARN } from "../acm";
import { AccountContext, builder, Builder, invalidArguments } from "../context";
import { DNS_NAME, DocsSettings } from "../docs-site.keys";
import { accessLogs, cloudFront, contentBucket, logBucket, PriceClass, siteKey } from "./resources";

export {
  CACHING_OPTIMIZED_POLICY_ID,
  CLOUDFRONT_LOG_PREFIX,
  CLOUDFRONT_LOG_REGION,
  DEFAULT_CONTENT_SECURITY_POLICY,
  HSTS_MAX_AGE_SECONDS,
} from "./resources";
export type { PriceClass } from "./resources";

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

/** What the DocsSite builders share. */
export type Build = Builder<
  DocsSiteArgs,
  AccountContext & {
    readonly region: pulumi.Output<string>;
    /** The distribution's ARN, promised before the distribution exists (the key policy names it). */
    readonly distributionArn: pulumi.Output<string>;
    /** The content bucket's ARN, promised before the bucket exists (the log bucket names it). */
    readonly contentBucketArn: pulumi.Output<string>;
  }
>;

export class DocsSite extends pulumi.ComponentResource {
  /** The private content bucket (publish the site into it). */
  public readonly bucketName: pulumi.Output<string>;
  /** ARN of the content bucket. */
  public readonly bucketArn: pulumi.Output<string>;
  /** The bucket of the S3 server access logs and the CloudFront access logs. */
  public readonly logBucketName: pulumi.Output<string>;
  /** The CloudFront distribution (invalidate it after publishing). */
  public readonly distributionId: pulumi.Output<string>;
  /** ARN of the distribution (the content bucket and key policies name it). */
  public readonly distributionArn: pulumi.Output<string>;
  /** The site's name: the custom domain, or the distribution's *.cloudfront.net name. */
  public readonly domainName: pulumi.Output<string>;
  /** https://<custom domain or *.cloudfront.net name>/ */
  public readonly url: pulumi.Output<string>;
  /** Key of the content bucket. */
  public readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: DocsSiteArgs, opts?: pulumi.ComponentResourceOptions) {
    validateArgs(name, args);
    super("platform:docs:DocsSite", name, {}, opts);
    // The key policy and the log bucket's policy name the distribution and the content bucket,
    // which in turn need the key and the log bucket. No resource depends on itself (bucket →
    // distribution → key → bucket encryption), but the program must create the key first, so
    // those two ARNs are promised now and resolved once their resources exist.
    const [distributionArn, resolveDistributionArn] = pulumi.deferredOutput<string>();
    const [contentBucketArn, resolveContentBucketArn] = pulumi.deferredOutput<string>();
    const b: Build = builder(this, name, args, (scope) => ({
      ...scope.account,
      region: aws.getRegionOutput({}, scope.parent).region,
      distributionArn,
      contentBucketArn,
    }));

    const key = siteKey(b);
    const logs = logBucket(b);
    const content = contentBucket(b, { key, logs, resolveContentBucketArn });
    const distribution = cloudFront(b, { content, resolveDistributionArn });
    accessLogs(b, { distribution, logs });

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
