// CloudFront distributions written with @pulumi/aws-native (distributionConfig.origins, each named by
// `id`), judged by cloudfront-s3-origin-private through the classic twin
// (policy-pack/lib/native/twins-cdn.ts). A distribution reaching its bucket through origin
// access control passes; each test then breaks one field of its origin.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, res, UNKNOWN, violationsOf } from "../fixture";
import { Case, runCases } from "./cases";

const RULE = "cloudfront-s3-origin-private";
const REST = "site-bucket.s3.us-west-2.amazonaws.com";
const distribution = (origin: Record<string, unknown>, refs = {}) =>
  res(
    n.NATIVE_CLOUDFRONT_DISTRIBUTION,
    "cdn",
    {
      distributionConfig: {
        enabled: true,
        origins: [{ id: "site", domainName: REST, s3OriginConfig: {}, ...origin }],
        defaultCacheBehavior: { targetOriginId: "site", viewerProtocolPolicy: "redirect-to-https" },
      },
    },
    { refs },
  );

describe("aws-native CloudFront: cloudfront-s3-origin-private", () => {
  it("an S3 origin with origin access control passes", async () => {
    await expectClean(policy(RULE), [distribution({ originAccessControlId: "E2QWRUHEXAMPLE" })]);
  });
  it("an origin access control id unknown at preview (the OAC being created) counts as set", async () => {
    const oac = res("aws-native:cloudfront:OriginAccessControl", "oac", {});
    await expectClean(policy(RULE), [
      oac,
      distribution({ originAccessControlId: UNKNOWN }, { distributionConfig: [oac] }),
    ]);
  });
  it("an S3 origin without origin access control, named by its id", async () => {
    expect(await violationsOf(RULE, [distribution({})])).to.deep.equal([
      "cdn: S3 origin 'site' has no origin access control, so the bucket must be public.",
    ]);
  });
  it("an S3 website endpoint", async () => {
    const found = await violationsOf(RULE, [
      distribution({
        domainName: "site-bucket.s3-website-us-west-2.amazonaws.com",
        s3OriginConfig: undefined,
        customOriginConfig: { originProtocolPolicy: "http-only" },
      }),
    ]);
    expect(found).to.deep.equal([
      "cdn: Origin 'site' is an S3 website endpoint, which requires a public bucket.",
    ]);
  });
});

// The advisory viewer rules on the same distribution: HTTPS-only viewers in every cache behavior
// (defaultCacheBehavior, cacheBehaviors), a custom certificate with TLS 1.2 (viewerCertificate)
// and a WAF web ACL (webAclId), all inside distributionConfig.
const config = {
  enabled: true,
  origins: [{ id: "site", domainName: REST, s3OriginConfig: {}, originAccessControlId: "E2QW" }],
  defaultCacheBehavior: { targetOriginId: "site", viewerProtocolPolicy: "redirect-to-https" },
  cacheBehaviors: [
    { pathPattern: "/api/*", targetOriginId: "site", viewerProtocolPolicy: "https-only" },
  ],
  viewerCertificate: {
    acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/site",
    minimumProtocolVersion: "TLSv1.2_2021",
    sslSupportMethod: "sni-only",
  },
  webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/1",
};
const viewerCase = (rule: string, broken: Case["broken"], unknownPasses = false): Case => ({
  rule,
  type: n.NATIVE_CLOUDFRONT_DISTRIBUTION,
  inputs: { distributionConfig: config },
  prop: "distributionConfig",
  // cloudfront-waf asks only whether a web ACL is named: one unknown at preview is named.
  unknownPasses,
  broken,
});

runCases("aws-native CloudFront viewer rules (advisory)", [
  viewerCase("cloudfront-viewer-https", [
    [
      {
        distributionConfig: {
          ...config,
          defaultCacheBehavior: { targetOriginId: "site", viewerProtocolPolicy: "allow-all" },
        },
      },
      "The default behavior allows HTTP viewers (viewerProtocolPolicy 'allow-all')",
      "defaultCacheBehavior allow-all",
    ],
    [
      {
        distributionConfig: {
          ...config,
          cacheBehaviors: [{ pathPattern: "/api/*", viewerProtocolPolicy: "allow-all" }],
        },
      },
      "The behavior '/api/*' allows HTTP viewers",
      "a cacheBehaviors entry allow-all",
    ],
  ]),
  viewerCase("cloudfront-viewer-tls-version", [
    [
      {
        distributionConfig: {
          ...config,
          viewerCertificate: { cloudFrontDefaultCertificate: true },
        },
      },
      "uses the default CloudFront certificate",
      "the default certificate",
    ],
    [
      {
        distributionConfig: {
          ...config,
          viewerCertificate: { ...config.viewerCertificate, minimumProtocolVersion: "TLSv1" },
        },
      },
      "minimumProtocolVersion is 'TLSv1', older than TLSv1.2_2021.",
      "minimumProtocolVersion TLSv1",
    ],
  ]),
  viewerCase(
    "cloudfront-waf",
    [
      [
        { distributionConfig: { ...config, webAclId: undefined } },
        "The distribution has no WAF web ACL.",
        "no webAclId",
      ],
    ],
    true,
  ),
]);
