// CloudFront geo restriction and origin failover: Checkov's CKV_AWS_374 and CKV_AWS_310 fixtures
// translated to Pulumi inputs.
import { expect } from "chai";
import { CLOUDFRONT_DISTRIBUTION } from "../../../policy-pack/lib/types";
import { policy, res, violationsOf as one } from "../fixture";
import { compliance } from "../rule-spec";

const s3Origin = (originId: string, bucket: string) => ({
  originId,
  domainName: `${bucket}.s3.us-east-1.amazonaws.com`,
  originAccessControlId: "E2QWRUHEXAMPLE",
});
const failoverGroup = (over: Record<string, unknown> = {}) => ({
  originId: "groupS3",
  failoverCriteria: { statusCodes: [403, 404, 500, 502] },
  members: [{ originId: "primaryS3" }, { originId: "failoverS3" }],
  ...over,
});
const dist = (name: string, over: Record<string, unknown> = {}) =>
  res(CLOUDFRONT_DISTRIBUTION, name, {
    enabled: true,
    isIpv6Enabled: true,
    defaultRootObject: "index.html",
    aliases: ["mysite.example.com", "yoursite.example.com"],
    origins: [s3Origin("primaryS3", "primary"), s3Origin("failoverS3", "failover")],
    originGroups: [failoverGroup()],
    defaultCacheBehavior: {
      targetOriginId: "groupS3",
      allowedMethods: ["GET", "HEAD", "OPTIONS"],
      cachedMethods: ["GET", "HEAD"],
      viewerProtocolPolicy: "redirect-to-https",
    },
    priceClass: "PriceClass_200",
    restrictions: {
      geoRestriction: { restrictionType: "whitelist", locations: ["US", "CA", "GB", "DE"] },
    },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
    ...over,
  });

describe("cloudfront-geo-restriction", () => {
  const name = "cloudfront-geo-restriction";
  describe("Noncompliance", () => {
    it('CKV_AWS_374 fail: restriction_type "none"', async () => {
      expect(
        await one(name, [
          dist("fail", {
            restrictions: { geoRestriction: { restrictionType: "none", locations: [] } },
          }),
        ]),
      ).to.deep.equal([
        'fail: restrictions.geoRestriction.restrictionType is "none": served in every country.',
      ]);
    });
  });
  compliance(
    "CKV_AWS_374 pass: an allow list of four countries; a deny list passes too",
    name,
    () => [
      dist("pass"),
      dist("deny", {
        restrictions: { geoRestriction: { restrictionType: "blacklist", locations: ["KP"] } },
      }),
    ],
  );
});

describe("cloudfront-origin-failover", () => {
  const name = "cloudfront-origin-failover";
  describe("Noncompliance", () => {
    it("CKV_AWS_310 fail: one origin, no origin group", async () => {
      expect(
        await one(name, [
          dist("fail", { origins: [s3Origin("myS3Origin", "primary")], originGroups: undefined }),
        ]),
      ).to.deep.equal(["fail: has no origin group: no failover when the origin fails."]);
    });
    it("CKV_AWS_310 fail2: a group without failover criteria", async () => {
      expect(
        await one(name, [
          dist("fail2", { originGroups: [failoverGroup({ failoverCriteria: undefined })] }),
        ]),
      ).to.deep.equal(["fail2: origin group groupS3 has no failoverCriteria."]);
    });
    it("CKV_AWS_310 fail3: a group with criteria but no members", async () => {
      expect(
        await one(name, [dist("fail3", { originGroups: [failoverGroup({ members: [] })] })]),
      ).to.deep.equal(["fail3: origin group groupS3 has fewer than two members."]);
    });
  });
  compliance("CKV_AWS_310 pass: criteria and two members", name, () => [dist("pass")]);
});

describe("cloudfront delivery rules: level", () => {
  it("are advisory", () => {
    for (const name of ["cloudfront-geo-restriction", "cloudfront-origin-failover"])
      expect(policy(name).enforcementLevel).to.equal("advisory");
  });
});
