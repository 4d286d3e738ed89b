// CloudTrail log-file validation and multi-region trails, from the third parties' own fixtures
// translated to Pulumi inputs.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/audit";
import { CLOUDTRAIL_TRAIL } from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { policyNamed, run, UNKNOWN } from "../fixtures/kms";

const trail = (inputs: Record<string, unknown> = {}) => [
  res(CLOUDTRAIL_TRAIL, "trail", {
    name: "negative",
    s3BucketName: "bucketlog",
    isMultiRegionTrail: true,
    enableLogFileValidation: true,
    ...inputs,
  }),
];

describe("cloudtrail-log-file-validation", () => {
  const p = policyNamed(policies, "cloudtrail-log-file-validation");

  describe("Compliance", () => {
    it("Trivy AWS-0016 good example: enable_log_file_validation = true", async () => {
      expect(await run(p, trail())).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_36 / KICS 'CloudTrail Log File Validation Disabled' positive1: unset", async () => {
      expect(
        (await run(p, trail({ enableLogFileValidation: undefined }))).violations,
      ).to.deep.equal([
        "trail: enableLogFileValidation is not true: tampering with log files goes unnoticed.",
      ]);
    });
    it("KICS positive2 / Trivy AWS-0016 bad example: false", async () => {
      expect((await run(p, trail({ enableLogFileValidation: false }))).violations).to.have.length(
        1,
      );
    });
    it("a value unknown at preview is a note, not a pass", async () => {
      const r = await run(p, trail({ enableLogFileValidation: UNKNOWN }));
      expect(r.violations).to.deep.equal([]);
      expect(r.notes).to.have.length(1);
    });
  });
});

describe("cloudtrail-multi-region", () => {
  const p = policyNamed(policies, "cloudtrail-multi-region");

  describe("Compliance", () => {
    it("KICS 'CloudTrail Multi Region Disabled' negative1 / Trivy AWS-0014 good example", async () => {
      expect(await run(p, trail())).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_67 / KICS positive: is_multi_region_trail unset", async () => {
      expect((await run(p, trail({ isMultiRegionTrail: undefined }))).violations).to.deep.equal([
        "trail: isMultiRegionTrail is not true: activity in other regions is not recorded.",
      ]);
    });
    it("Trivy AWS-0014 bad example: is_multi_region_trail = false", async () => {
      expect((await run(p, trail({ isMultiRegionTrail: false }))).violations).to.have.length(1);
    });
    it("KICS positive3: multi-region but include_global_service_events = false", async () => {
      const r = await run(p, trail({ includeGlobalServiceEvents: false }));
      expect(r.violations).to.deep.equal([
        "trail: includeGlobalServiceEvents is false: IAM and STS activity is not recorded.",
      ]);
    });
  });
});

describe("cloudtrail-cloudwatch-logs", () => {
  const p = policyNamed(policies, "cloudtrail-cloudwatch-logs");
  const GROUP = "arn:aws:logs:eu-west-1:123456789012:log-group:cloudtrail:*";
  const ROLE = "arn:aws:iam::123456789012:role/cloudtrail-to-logs";

  it("CKV2_AWS_10 / Trivy AWS-0162 good: the trail names a log group and a role", async () => {
    expect(
      await run(p, trail({ cloudWatchLogsGroupArn: GROUP, cloudWatchLogsRoleArn: ROLE })),
    ).to.deep.equal(clean);
    expect(p.enforcementLevel).to.equal("advisory");
  });
  it("CKV2_AWS_10 / Trivy AWS-0162 bad: no log group", async () => {
    expect((await run(p, trail())).violations).to.deep.equal([
      "trail: cloudWatchLogsGroupArn is not set: no alarm can watch the trail's events.",
    ]);
  });
  it("a log group without the role CloudTrail needs to write to it", async () => {
    expect((await run(p, trail({ cloudWatchLogsGroupArn: GROUP }))).violations).to.deep.equal([
      "trail: cloudWatchLogsRoleArn is not set: CloudTrail cannot write to the log group.",
    ]);
  });
});

describe("cloudtrail-logging-enabled", () => {
  const p = policyNamed(policies, "cloudtrail-logging-enabled");
  it("CKV_AWS_251 fail: enableLogging false", async () => {
    expect((await run(p, trail({ enableLogging: false }))).violations).to.deep.equal([
      "trail: enableLogging is false: the trail records nothing.",
    ]);
    expect(p.enforcementLevel).to.equal("advisory");
  });
  it("CKV_AWS_251 pass: true, or left out (the default)", async () => {
    expect(await run(p, trail({ enableLogging: true }))).to.deep.equal(clean);
    expect(await run(p, trail())).to.deep.equal(clean);
  });
});
