// Text AWS checks character by character, which no preview sees. Tags every service takes: IAM (API Reference, Tag) and CodeBuild (API Reference, Tag) refuse a
// value outside `[\p{L}\p{Z}\p{N}_.:/=+\-@]*` and S3 answers InvalidTag (e.g. for parentheses:
// alphagov/govuk-infrastructure#1175), so a waiver written with a comma or an apostrophe fails the
// first `pulumi up` of the resource that carries it.
import { expect } from "chai";
import { bucketWaiverTags, disposableDataWaivers, SecureBucket } from "../../components/bucket";
import {
  SECURITY_GROUP_DESCRIPTION_PATTERN,
  tagValueProblem,
  TAG_VALUE_MAX_LENGTH,
} from "../../components/naming";
import { Recording } from "../../tools/lib/recorder";
import { runWithEverything } from "../fixtures/features";

describe("tags and security group descriptions", function () {
  it("takes letters, digits, spaces and _ . : / = + - @, and names what else a value holds", () => {
    expect(
      tagValueProblem("Holds only the access logs of the ALB: see docs/a.md + b@c_d=e"),
    ).to.equal(undefined);
    expect(tagValueProblem("Zürich Ünïcode 2026")).to.equal(undefined);
    for (const [value, chars] of [
      ["the pipeline's roles", `"'"`],
      ["a; b", `";"`],
      ["ec2:* (Windows)", `"*" "(" ")"`],
      ["S3, ECR", `","`],
    ]) {
      expect(tagValueProblem(value), value).to.equal(
        `contains ${chars}, which tag values may not (letters, digits, spaces and _ . : / = + - @ only)`,
      );
    }
    expect(tagValueProblem("x".repeat(TAG_VALUE_MAX_LENGTH))).to.equal(undefined);
    expect(tagValueProblem("x".repeat(TAG_VALUE_MAX_LENGTH + 1))).to.match(/more than the 255/);
  });

  it("a bucket refuses a waiver reason no tag can carry, before creating anything", () => {
    const sse = { kind: "kms", keyArn: "arn:aws:kms:eu-west-1:123456789012:key/k" } as const;
    expect(() => bucketWaiverTags(sse, "Holds the ALB's own logs; never logged")).to.throw(
      /the reason for waiver:s3-bucket-logging-enabled contains "'" ";"/,
    );
    expect(bucketWaiverTags(sse, "Holds the access logs of the ALB: never logged")).to.deep.equal({
      "waiver:s3-bucket-logging-enabled": "Holds the access logs of the ALB: never logged",
    });
  });

  it("a disposable bucket's reason waives the three S3 resilience rules, and is refused when no tag can carry it", () => {
    const reason = "Uploads expire after 7 days: nothing to keep";
    expect(disposableDataWaivers(reason)).to.deep.equal({
      "waiver:s3-bucket-replication-enabled": reason,
      "waiver:s3-bucket-object-lock-enabled": reason,
      "waiver:s3-bucket-event-notifications": reason,
    });
    expect(() => disposableDataWaivers("short")).to.throw(
      /the reason for waiver:s3-bucket-replication-enabled must be 10 to 255 characters/,
    );
    expect(() => disposableDataWaivers("Uploads expire (7 days), so nothing to keep")).to.throw(
      /contains "\(" "\)" ","/,
    );
  });

  it("a SecureBucket refuses every reason it cannot record, in the one error of invalid arguments", () => {
    expect(
      () =>
        new SecureBucket("logs", {
          encryption: { kind: "sse-s3", reason: "ALB" },
          accessLogs: { notLoggedBecause: "Holds the ALB's own logs; never logged" },
          disposableBecause: "short",
          tags: {},
        }),
    ).to.throw(
      new RegExp(
        "^SecureBucket logs: invalid arguments:\\n" +
          "  - the reason for SSE-S3 must name the AWS document that requires it\\n" +
          '  - the reason for waiver:s3-bucket-logging-enabled contains "\'" ";".*\\n' +
          "  - the reason for waiver:s3-bucket-replication-enabled must be 10 to 255 characters",
      ),
    );
  });

  describe("every resource of both stacks, every optional feature on", function () {
    this.timeout(240_000);
    const recs: Record<string, Recording> = {};
    before(async () => {
      for (const stack of ["staging", "prod"]) recs[stack] = await runWithEverything(stack);
    });

    it("carries only tag keys and values every service takes", () => {
      for (const [stack, rec] of Object.entries(recs)) {
        const bad: string[] = [];
        let checked = 0;
        for (const r of rec.resources) {
          const tags = r.inputs.tags;
          if (tags === undefined || tags === null || typeof tags !== "object") continue;
          for (const [key, value] of Object.entries(tags as Record<string, unknown>)) {
            checked++;
            // CodeBuild API Reference, Tag: keys at most 127 characters, the same pattern.
            const keyProblem = key.length > 127 ? "is longer than 127" : tagValueProblem(key);
            if (keyProblem) bad.push(`${r.type} ${r.name} key ${key} ${keyProblem}`);
            if (typeof value !== "string") continue;
            const problem = tagValueProblem(value);
            if (problem) bad.push(`${r.type} ${r.name} ${key} ${problem}`);
          }
        }
        expect(checked, stack).to.be.greaterThan(500);
        expect(bad, stack).to.deep.equal([]);
      }
    });

    // EC2 API Reference, CreateSecurityGroup `Description` and the rules' `Description`: up to 255
    // of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (an apostrophe fails the request).
    it("describes every security group and rule in the characters EC2 takes", () => {
      const types = new Set([
        "aws:ec2/securityGroup:SecurityGroup",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
      ]);
      for (const [stack, rec] of Object.entries(recs)) {
        const described = rec.resources.filter(
          (r) => types.has(r.type) && typeof r.inputs.description === "string",
        );
        expect(described.length, stack).to.be.greaterThan(30);
        const bad = described
          .filter((r) => !SECURITY_GROUP_DESCRIPTION_PATTERN.test(r.inputs.description))
          .map((r) => `${r.name}: ${r.inputs.description}`);
        expect(bad, stack).to.deep.equal([]);
      }
      expect(SECURITY_GROUP_DESCRIPTION_PATTERN.test("From the VPC's tasks")).to.equal(false);
      expect(SECURITY_GROUP_DESCRIPTION_PATTERN.test("AI server: 443, 8000; HTTPS out")).to.equal(
        true,
      );
    });
  });
});
