// CloudTrail encryption with customer-managed keys, from the third parties' own fixtures translated
// to Pulumi inputs.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import {
  CLOUDTRAIL_EVENT_DATA_STORE,
  CLOUDTRAIL_TRAIL,
  KMS_ALIAS,
  SSM_PARAMETER,
} from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { awsManaged, policyNamed, run, stackKey, UNKNOWN, withStackKey } from "../fixtures/kms";

describe("cloudtrail-kms-cmk", () => {
  const p = policyNamed(policies, "cloudtrail-kms-cmk");
  const base = { name: "TRAIL", s3BucketName: UNKNOWN, includeGlobalServiceEvents: true };
  const trail = (inputs: Record<string, unknown>) => [
    res(CLOUDTRAIL_TRAIL, "trail", { ...base, ...inputs }),
  ];

  describe("Compliance", () => {
    it("CKV_AWS_35 'pass': kms_key_id from a key of the stack", async () => {
      const r = withStackKey(CLOUDTRAIL_TRAIL, "trail", { ...base, kmsKeyId: UNKNOWN }, [
        "kmsKeyId",
      ]);
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("Trivy AWS-0015 good example: kms_key_id = the ARN of an alias of the stack", async () => {
      const key = stackKey("trail");
      const alias = res(
        KMS_ALIAS,
        "trail",
        { name: "alias/trail", targetKeyId: UNKNOWN },
        { refs: { targetKeyId: [key] } },
      );
      const t = res(
        CLOUDTRAIL_TRAIL,
        "trail",
        { ...base, isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: UNKNOWN },
        { refs: { kmsKeyId: [alias] } },
      );
      expect(await run(p, [key, alias, t])).to.deep.equal(clean);
    });
    it("CKV_AWS_294 (CloudtrailEventDataStoreUsesCMK): an event data store with a key of the stack", async () => {
      const r = withStackKey(
        CLOUDTRAIL_EVENT_DATA_STORE,
        "lake",
        { name: "lake", kmsKeyId: UNKNOWN },
        ["kmsKeyId"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_35 'fail' / Trivy AWS-0015 bad example: no kms_key_id", async () => {
      expect((await run(p, trail({}))).violations).to.deep.equal([
        'trail: CloudTrail trail "trail": no KMS key is set (log files get only the bucket\'s SSE-S3), not a customer-managed key.',
      ]);
    });
    it("an AWS-managed alias", async () => {
      expect(
        (await run(p, trail({ kmsKeyId: awsManaged("cloudtrail") }))).violations,
      ).to.have.length(1);
    });
    it("CKV_AWS_294 failing fixture: an event data store without kms_key_id", async () => {
      const r = await run(p, [res(CLOUDTRAIL_EVENT_DATA_STORE, "lake", { name: "lake" })]);
      expect(r.violations).to.have.length(1);
    });
    it("a key built from something that is not a key is unknown at preview: a note, not a pass", async () => {
      const other = res(SSM_PARAMETER, "key-arn", { name: "/keys/trail" });
      const t = res(
        CLOUDTRAIL_TRAIL,
        "trail",
        { ...base, kmsKeyId: UNKNOWN },
        { refs: { kmsKeyId: [other] } },
      );
      const r = await run(p, [other, t]);
      expect(r.violations).to.deep.equal([]);
      expect(r.notes).to.have.length(1);
    });
  });
});
