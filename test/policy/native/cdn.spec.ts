// The remaining advisory CloudFront rules for aws-native distributions
// (policy-pack/lib/native/twins-cdn.ts): origin access control instead of an identity, origin TLS
// (distributionConfig.origins[].customOriginConfig), a default root object, geo restriction,
// origin failover (originGroups.items), access logging (distributionConfig.logging, or a
// logs:DeliverySource with a logs:Delivery) and HSTS through a cloudfront:ResponseHeadersPolicy.
// A compliant distribution passes; each case breaks one field; a value unknown at preview is a
// preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";
import { Case, runCases } from "./cases";

const REST = "site-bucket.s3.us-west-2.amazonaws.com";
const MANAGED_HSTS = "67f7725c-6f97-4210-82d7-5512b31e9d03";
const s3Origin = { id: "site", domainName: REST, originAccessControlId: "E2QWRUHEXAMPLE" };
const apiOrigin = {
  id: "api",
  domainName: "api.example.com",
  customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
};
const behavior = {
  targetOriginId: "site",
  viewerProtocolPolicy: "redirect-to-https",
  responseHeadersPolicyId: MANAGED_HSTS,
};
const config = {
  enabled: true,
  origins: [s3Origin, apiOrigin],
  defaultCacheBehavior: behavior,
  cacheBehaviors: [{ ...behavior, pathPattern: "/api/*", targetOriginId: "api" }],
  defaultRootObject: "index.html",
  restrictions: { geoRestriction: { restrictionType: "whitelist", locations: ["DE", "FR"] } },
  logging: { bucket: "cdn-logs.s3.amazonaws.com", prefix: "cdn/" },
  originGroups: {
    quantity: 1,
    items: [
      {
        id: "failover",
        failoverCriteria: { statusCodes: { quantity: 2, items: [500, 503] } },
        members: { quantity: 2, items: [{ originId: "site" }, { originId: "api" }] },
      },
    ],
  },
};
const inputs = { distributionConfig: config };
const withConfig = (over: Record<string, unknown>) => ({
  distributionConfig: { ...config, ...over },
});
const apiWith = (c: Record<string, unknown>) =>
  withConfig({ origins: [s3Origin, { ...apiOrigin, customOriginConfig: c }] });

const cases: Case[] = [
  {
    rule: "cloudfront-s3-origin-access-control",
    type: n.NATIVE_CLOUDFRONT_DISTRIBUTION,
    inputs,
    prop: "distributionConfig",
    broken: [
      [
        withConfig({
          origins: [
            { id: "site", domainName: REST, s3OriginConfig: { originAccessIdentity: "oai" } },
          ],
        }),
        "Origin 'site' uses a legacy origin access identity",
        "an origin access identity",
      ],
    ],
  },
  {
    rule: "cloudfront-origin-tls",
    type: n.NATIVE_CLOUDFRONT_DISTRIBUTION,
    inputs,
    prop: "distributionConfig",
    broken: [
      [
        apiWith({ originProtocolPolicy: "http-only" }),
        "Origin 'api' is reached over plain HTTP",
        "originProtocolPolicy http-only",
      ],
      [
        apiWith({ originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1", "TLSv1.2"] }),
        "allows deprecated protocols: TLSv1",
        "originSslProtocols with TLSv1",
      ],
      // The 0.67.0 SDK spells it originSSLProtocols.
      [
        apiWith({ originProtocolPolicy: "https-only", originSSLProtocols: ["TLSv1.1"] }),
        "allows deprecated protocols: TLSv1.1",
        "originSSLProtocols with TLSv1.1",
      ],
    ],
  },
  {
    rule: "cloudfront-default-root-object",
    type: n.NATIVE_CLOUDFRONT_DISTRIBUTION,
    inputs,
    prop: "distributionConfig",
    // The rule asks whether defaultRootObject is set: inside a config unknown at preview, it may be.
    unknownPasses: true,
    broken: [
      [
        withConfig({ defaultRootObject: undefined }),
        "serves an S3 origin without a default root object",
        "defaultRootObject left out",
      ],
    ],
  },
  {
    rule: "cloudfront-geo-restriction",
    type: n.NATIVE_CLOUDFRONT_DISTRIBUTION,
    inputs,
    prop: "distributionConfig",
    broken: [
      [
        withConfig({ restrictions: { geoRestriction: { restrictionType: "none" } } }),
        'distributionConfig.restrictions.geoRestriction.restrictionType is "none"',
        "restrictionType none",
      ],
    ],
  },
  {
    rule: "cloudfront-origin-failover",
    type: n.NATIVE_CLOUDFRONT_DISTRIBUTION,
    inputs,
    prop: "distributionConfig",
    broken: [
      [withConfig({ originGroups: undefined }), "has no origin group", "originGroups left out"],
      [
        withConfig({
          originGroups: {
            quantity: 1,
            items: [
              {
                ...config.originGroups.items[0],
                members: { quantity: 1, items: [{ originId: "site" }] },
              },
            ],
          },
        }),
        "origin group failover has fewer than two members",
        "one member",
      ],
    ],
  },
  {
    rule: "cloudfront-logging",
    type: n.NATIVE_CLOUDFRONT_DISTRIBUTION,
    inputs,
    prop: "distributionConfig",
    broken: [
      [
        withConfig({ logging: undefined }),
        "Access logging is off: no distributionConfig.logging and no ACCESS_LOGS delivery source",
        "logging left out",
      ],
    ],
  },
  {
    rule: "cloudfront-security-headers-hsts",
    type: n.NATIVE_CLOUDFRONT_DISTRIBUTION,
    inputs,
    prop: "distributionConfig",
    broken: [
      [
        withConfig({ defaultCacheBehavior: { ...behavior, responseHeadersPolicyId: undefined } }),
        "The default behavior has no response headers policy",
        "no responseHeadersPolicyId on the default behavior",
      ],
    ],
  },
];

runCases("aws-native CloudFront distributions (advisory)", cases);

describe("aws-native CloudFront: logging v2 (logs:DeliverySource, logs:Delivery)", () => {
  const rule = "cloudfront-logging";
  const dist = res(n.NATIVE_CLOUDFRONT_DISTRIBUTION, "cdn", withConfig({ logging: undefined }));
  const source = (over: Record<string, unknown> = {}) =>
    res(
      n.NATIVE_LOGS_DELIVERY_SOURCE,
      "cdn-source",
      {
        name: "cdn-access",
        resourceArn: "arn:aws:cloudfront::123456789012:distribution/E1",
        logType: "ACCESS_LOGS",
        ...over,
      },
      { refs: { resourceArn: [dist] } },
    );
  const delivery = (refs = {}) =>
    res(
      n.NATIVE_LOGS_DELIVERY,
      "cdn-delivery",
      {
        deliverySourceName: "cdn-access",
        deliveryDestinationArn: "arn:aws:logs:us-east-1:123456789012:delivery-destination:cdn",
      },
      { refs },
    );

  it("an ACCESS_LOGS source with a delivery from it (by reference or by name) passes", async () => {
    const s = source();
    await expectClean(policy(rule), [dist, s, delivery({ deliverySourceName: [s] })]);
    await expectClean(policy(rule), [dist, s, delivery()]);
  });
  it("a source without a delivery is the finding", async () => {
    expect(await violationsOf(rule, [dist, source()])).to.deep.equal([
      "cdn: The ACCESS_LOGS delivery source has no LogDelivery, so no log is written.",
    ]);
  });
  it("a source of another log type is the finding", async () => {
    const found = await violationsOf(rule, [
      dist,
      source({ logType: "CONNECTION_LOGS" }),
      delivery(),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("Access logging is off");
  });
});

describe("aws-native CloudFront: HSTS from a cloudfront:ResponseHeadersPolicy", () => {
  const rule = "cloudfront-security-headers-hsts";
  const rhp = (maxAge: unknown) =>
    res(n.NATIVE_CLOUDFRONT_RESPONSE_HEADERS_POLICY, "headers", {
      responseHeadersPolicyConfig: {
        name: "headers",
        securityHeadersConfig: {
          strictTransportSecurity: { accessControlMaxAgeSec: maxAge, override: true },
        },
      },
    });
  const dist = (policy: ReturnType<typeof rhp>) =>
    res(
      n.NATIVE_CLOUDFRONT_DISTRIBUTION,
      "cdn",
      withConfig({
        defaultCacheBehavior: { ...behavior, responseHeadersPolicyId: UNKNOWN },
        cacheBehaviors: undefined,
      }),
      { refs: { distributionConfig: [policy] } },
    );

  it("a policy in the stack with a year's max-age passes", async () => {
    const p = rhp(31536000);
    await expectClean(policy(rule), [p, dist(p)]);
  });
  it("a policy with a day's max-age is the finding", async () => {
    const p = rhp(86400);
    expect(await violationsOf(rule, [p, dist(p)])).to.deep.equal([
      "cdn: The default behavior: response headers policy 'headers' sets HSTS max-age 86400 (< 31536000).",
    ]);
  });
  it("a policy without Strict-Transport-Security is the finding", async () => {
    const p = res(n.NATIVE_CLOUDFRONT_RESPONSE_HEADERS_POLICY, "headers", {
      responseHeadersPolicyConfig: { name: "headers" },
    });
    const found = await violationsOf(rule, [p, dist(p)]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("sends no Strict-Transport-Security header");
  });
  it("the policy's config unknown at preview is a preview note", async () => {
    const p = res(n.NATIVE_CLOUDFRONT_RESPONSE_HEADERS_POLICY, "headers", {
      responseHeadersPolicyConfig: UNKNOWN,
    });
    expect(await violationsOf(rule, [p, dist(p)])).to.deep.equal([]);
    expect(await previewNotes(policy(rule), [p, dist(p)])).to.have.length(1);
  });
});
