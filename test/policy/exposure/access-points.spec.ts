// S3 access points and Multi-Region Access Points: their own block-public-access settings and
// their policies (S3 User Guide, "The meaning of 'public'" / "Access points").
import { expect } from "chai";
import {
  S3_ACCESS_POINT,
  S3CONTROL_ACCESS_POINT_POLICY,
  S3CONTROL_MULTI_REGION_ACCESS_POINT,
  S3CONTROL_MULTI_REGION_ACCESS_POINT_POLICY,
} from "../../../policy-pack/lib/types";
import { policy, res, violations } from "../fixture";

const doc = (s: Record<string, unknown>) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [s] });
const ALL = {
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
};

describe("s3-access-point-public-access-block", () => {
  const p = policy("s3-access-point-public-access-block");
  const ap = (extra: Record<string, unknown> = {}) =>
    res(S3_ACCESS_POINT, "ap", {
      bucket: "b",
      name: "ap",
      publicAccessBlockConfiguration: ALL,
      ...extra,
    });
  describe("Noncompliance", () => {
    for (const flag of Object.keys(ALL)) {
      it(`an access point with ${flag}: false`, async () => {
        const found = await violations(p, [
          ap({ publicAccessBlockConfiguration: { ...ALL, [flag]: false } }),
        ]);
        expect(found).to.deep.equal([`ap: public-access block leaves ${flag} off.`]);
      });
    }
    it("a Multi-Region Access Point with blockPublicPolicy: false", async () => {
      const mrap = res(S3CONTROL_MULTI_REGION_ACCESS_POINT, "mrap", {
        details: {
          name: "m",
          regions: [{ bucket: "b" }],
          publicAccessBlock: { ...ALL, blockPublicPolicy: false },
        },
      });
      expect(await violations(p, [mrap])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the compliant fixture, an omitted block (defaults on), a VPC access point", async () => {
      expect(await violations(p, [ap()])).to.deep.equal([]);
      expect(
        await violations(p, [ap({ publicAccessBlockConfiguration: undefined })]),
      ).to.deep.equal([]);
      const vpc = ap({
        publicAccessBlockConfiguration: { ...ALL, blockPublicPolicy: false },
        vpcConfiguration: { vpcId: "vpc-1" },
      });
      expect(await violations(p, [vpc])).to.deep.equal([]);
    });
  });
});

describe("s3-access-point-policy-not-public", () => {
  const p = policy("s3-access-point-policy-not-public");
  const statement = {
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::123456789012:role/reader" },
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:eu-west-1:123456789012:accesspoint/ap/object/*",
  };
  describe("Noncompliance", () => {
    it("an AccessPointPolicy granting to *", async () => {
      const app = res(S3CONTROL_ACCESS_POINT_POLICY, "app", {
        accessPointArn: "arn:ap",
        policy: doc({ ...statement, Principal: "*" }),
      });
      expect(await violations(p, [app])).to.have.length(1);
    });
    it("an access point policy granting to a set of access points (s3:DataAccessPointArn pattern)", async () => {
      const s = {
        ...statement,
        Principal: "*",
        Condition: {
          ArnLike: { "s3:DataAccessPointArn": "arn:aws:s3:eu-west-1:123456789012:accesspoint/*" },
        },
      };
      const ap = res(S3_ACCESS_POINT, "ap", { bucket: "b", policy: doc(s) });
      expect(await violations(p, [ap])).to.have.length(1);
    });
    it("a Multi-Region Access Point policy granting to *", async () => {
      const m = res(S3CONTROL_MULTI_REGION_ACCESS_POINT_POLICY, "mp", {
        details: { name: "m", policy: doc({ ...statement, Principal: "*" }) },
      });
      expect(await violations(p, [m])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("a named role, and * pinned to the organization", async () => {
      const app = res(S3CONTROL_ACCESS_POINT_POLICY, "app", {
        accessPointArn: "arn:ap",
        policy: doc(statement),
      });
      expect(await violations(p, [app])).to.deep.equal([]);
      const org = {
        ...statement,
        Principal: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      };
      expect(
        await violations(p, [
          res(S3CONTROL_ACCESS_POINT_POLICY, "org", { accessPointArn: "arn:ap", policy: doc(org) }),
        ]),
      ).to.deep.equal([]);
    });
    it("an access point with a VPC network origin is never public", async () => {
      const ap = res(S3_ACCESS_POINT, "ap", {
        bucket: "b",
        vpcConfiguration: { vpcId: "vpc-1" },
        policy: doc({ ...statement, Principal: "*" }),
      });
      expect(await violations(p, [ap])).to.deep.equal([]);
    });
  });
});
