// EMR security configurations, Kendra indexes, Glue security configurations and OpenSearch
// Serverless encryption policies with customer-managed keys, from the third parties' own fixtures
// translated to Pulumi inputs. OpenSearch domains, Athena and the Glue catalog: ./analytics.spec.ts.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res, violations } from "../fixture";
import {
  awsManaged,
  KEY_ARN as KEY,
  policyNamed,
  run,
  UNKNOWN,
  withStackKey,
} from "../fixtures/kms";

describe("emr-security-configuration-kms-cmk", () => {
  const p = policyNamed(policies, "emr-security-configuration-kms-cmk");
  const TEST_KEY = "arn:aws:kms:us-west-2:187416307283:alias/tf_emr_test_key";
  const config = (atRest: Record<string, unknown>, enabled = true) => [
    res(T.EMR_SECURITY_CONFIGURATION, "emrsc", {
      name: "emrsc_other",
      configuration: JSON.stringify({
        EncryptionConfiguration: {
          AtRestEncryptionConfiguration: {
            S3EncryptionConfiguration: { EncryptionMode: "SSE-KMS", AwsKmsKey: TEST_KEY },
            LocalDiskEncryptionConfiguration: {
              EncryptionKeyProviderType: "AwsKms",
              AwsKmsKey: TEST_KEY,
              EnableEbsEncryption: true,
            },
            ...atRest,
          },
          EnableInTransitEncryption: true,
          EnableAtRestEncryption: enabled,
        },
      }),
    }),
  ];

  describe("Compliance", () => {
    it("S3 with SSE-KMS and local disks with AwsKms, both under a customer key", async () => {
      expect(await run(p, config({}))).to.deep.equal(clean);
    });
    it("a configuration built from a key of the stack is unknown at preview: a note, not a pass", async () => {
      const r = await run(p, [
        res(T.EMR_SECURITY_CONFIGURATION, "emrsc", { configuration: UNKNOWN }),
      ]);
      expect(r.violations).to.deep.equal([]);
      expect(r.notes).to.have.length(1);
    });
  });

  describe("Noncompliance", () => {
    it("Trivy AWS-0137 bad example: EnableAtRestEncryption = false", async () => {
      expect((await run(p, config({}, false))).violations).to.deep.equal([
        'emrsc: EMR security configuration "emrsc": EncryptionConfiguration.EnableAtRestEncryption is not true.',
      ]);
    });
    it("Trivy AWS-0137 good example keeps EMRFS data under SSE-S3: not a customer key", async () => {
      const r = await run(p, config({ S3EncryptionConfiguration: { EncryptionMode: "SSE-S3" } }));
      expect(r.violations).to.have.length(1);
    });
    it("Trivy AWS-0139 bad example: an empty local-disk key provider", async () => {
      const r = await run(
        p,
        config({
          LocalDiskEncryptionConfiguration: { EncryptionKeyProviderType: "", AwsKmsKey: "" },
        }),
      );
      expect(r.violations).to.deep.equal([
        'emrsc: EMR security configuration "emrsc": LocalDiskEncryptionConfiguration.EncryptionKeyProviderType is unset, not AwsKms.',
      ]);
    });
    it("CKV_AWS_350: local disks under AwsKms without EnableEbsEncryption leave the EBS root volumes unencrypted", async () => {
      const r = await run(
        p,
        config({
          LocalDiskEncryptionConfiguration: {
            EncryptionKeyProviderType: "AwsKms",
            AwsKmsKey: TEST_KEY,
            EnableEbsEncryption: false,
          },
        }),
      );
      expect(r.violations).to.deep.equal([
        'emrsc: EMR security configuration "emrsc": LocalDiskEncryptionConfiguration.EnableEbsEncryption is not true: the EBS root device volumes are not encrypted.',
      ]);
    });
  });
});

describe("kendra-index-kms-cmk", () => {
  const p = policyNamed(policies, "kendra-index-kms-cmk");
  const base = { name: "example", roleArn: UNKNOWN, edition: "DEVELOPER_EDITION" };

  describe("Compliance", () => {
    it("CKV_AWS_262 passing fixture: a key of the stack", async () => {
      const r = withStackKey(
        T.KENDRA_INDEX,
        "index",
        { ...base, serverSideEncryptionConfiguration: { kmsKeyId: UNKNOWN } },
        ["serverSideEncryptionConfiguration"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_262 failing fixture: no server_side_encryption_configuration", async () => {
      expect((await run(p, [res(T.KENDRA_INDEX, "index", base)])).violations).to.have.length(1);
    });
    it("the AWS-managed alias", async () => {
      const r = await run(p, [
        res(T.KENDRA_INDEX, "index", {
          ...base,
          serverSideEncryptionConfiguration: { kmsKeyId: awsManaged("kendra") },
        }),
      ]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("glue-security-configuration-attached", () => {
  const p = policyNamed(policies, "glue-security-configuration-attached");
  // Checkov CKV_AWS_195 (GlueSecurityConfigurationEnabled) fixtures: aws_glue_crawler, aws_glue_job
  // and aws_glue_dev_endpoint with and without security_configuration.
  const crawler = (extra: Record<string, unknown> = {}) =>
    res(T.GLUE_CRAWLER, "example", {
      databaseName: "example",
      role: "arn:aws:iam::123456789012:role/glue",
      s3Targets: [{ path: "s3://example-bucket" }],
      ...extra,
    });
  const job = (extra: Record<string, unknown> = {}) =>
    res(T.GLUE_JOB, "job", {
      roleArn: "arn:aws:iam::123456789012:role/glue",
      command: { scriptLocation: "s3://example-bucket/example.py" },
      ...extra,
    });
  const endpoint = (extra: Record<string, unknown> = {}) =>
    res(T.GLUE_DEV_ENDPOINT, "dev", { roleArn: "arn:aws:iam::123456789012:role/glue", ...extra });

  describe("Noncompliance", () => {
    it("CKV_AWS_195 fail: a crawler, a job and a dev endpoint without securityConfiguration, each told what it writes unencrypted (Glue encryption-security-configuration)", async () => {
      expect(await violations(p, [crawler(), job(), endpoint()])).to.deep.equal([
        "example: Glue crawler has no securityConfiguration: its CloudWatch logs are not " +
          "encrypted with a customer-managed key.",
        "job: Glue job has no securityConfiguration: its S3 output, CloudWatch logs and job " +
          "bookmarks are not encrypted with a customer-managed key.",
        "dev: Glue development endpoint has no securityConfiguration: its S3 output is not " +
          "encrypted with a customer-managed key.",
      ]);
      expect(p.enforcementLevel).to.equal("mandatory");
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_195 pass: each names a security configuration", async () => {
      const named = { securityConfiguration: "example" };
      expect(await run(p, [crawler(named), job(named), endpoint(named)])).to.deep.equal(clean);
    });
  });
});

describe("opensearch-serverless-encryption-policy-cmk", () => {
  const p = policyNamed(policies, "opensearch-serverless-encryption-policy-cmk");
  const RULES = [{ Resource: ["collection/example-collection"], ResourceType: "collection" }];
  /** An encryption policy whose document adds `fields` to its rules. */
  const encryption = (fields: Record<string, unknown>, type = "encryption") => [
    res(T.OPENSEARCH_SERVERLESS_SECURITY_POLICY, "example", {
      name: "example",
      type,
      policy: JSON.stringify({ Rules: RULES, ...fields }),
    }),
  ];
  it("a policy naming a customer key, literal or of the stack", async () => {
    const literal = encryption({ AWSOwnedKey: false, KmsARN: KEY });
    expect(await run(p, literal)).to.deep.equal(clean);
    const built = withStackKey(
      T.OPENSEARCH_SERVERLESS_SECURITY_POLICY,
      "example",
      { name: "example", type: "encryption", policy: UNKNOWN },
      ["policy"],
    );
    expect(await run(p, built)).to.deep.equal(clean);
  });
  it("a network policy is not an encryption policy", async () => {
    expect(await run(p, encryption({ AWSOwnedKey: true }, "network"))).to.deep.equal(clean);
  });
  it("the provider's example: AWSOwnedKey true", async () => {
    expect((await run(p, encryption({ AWSOwnedKey: true }))).violations).to.deep.equal([
      'example: OpenSearch Serverless encryption policy "example" KmsARN: it uses an AWS-owned key (AWS_OWNED_KEY), not a customer-managed key.',
    ]);
  });
  it("neither AWSOwnedKey nor KmsARN, or the AWS-managed alias", async () => {
    expect((await run(p, encryption({}))).violations).to.have.length(1);
    const managed = encryption({ AWSOwnedKey: false, KmsARN: awsManaged("aoss") });
    expect((await run(p, managed)).violations).to.have.length(1);
  });
  it("a document unknown at preview and built from no key of the stack is a preview note", async () => {
    const r = await run(p, [
      res(T.OPENSEARCH_SERVERLESS_SECURITY_POLICY, "example", {
        name: "example",
        type: "encryption",
        policy: UNKNOWN,
      }),
    ]);
    expect(r.violations).to.deep.equal([]);
    expect(r.notes).to.have.length(1);
  });
});
