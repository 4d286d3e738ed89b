// Search and analytics encryption with customer-managed keys (OpenSearch/Elasticsearch domains,
// Athena, the Glue catalog), from the third parties' own fixtures translated to Pulumi inputs. EMR,
// Kendra, Glue security configurations and OpenSearch Serverless: ./analytics-configurations.spec.ts.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { policyNamed, run, UNKNOWN, withStackKey } from "../fixtures/kms";

describe("opensearch-domain-kms-cmk", () => {
  const p = policyNamed(policies, "opensearch-domain-kms-cmk");
  const domain = (type: string, encryptAtRest?: Record<string, unknown>) => [
    res(type, "search", {
      domainName: "example",
      ...(type === T.ELASTICSEARCH_DOMAIN
        ? { elasticsearchVersion: "1.5" }
        : { engineVersion: "OpenSearch_2.11" }),
      ...(encryptAtRest ? { encryptAtRest } : {}),
    }),
  ];

  describe("Compliance", () => {
    it("CKV_AWS_247: an OpenSearch domain with a key of the stack", async () => {
      const r = withStackKey(
        T.OPENSEARCH_DOMAIN,
        "search",
        { domainName: "example", encryptAtRest: { enabled: true, kmsKeyId: UNKNOWN } },
        ["encryptAtRest"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("KICS 'ElasticSearch Encryption With KMS Disabled' negative1: kms_key_id 'some-key-id'", async () => {
      const r = domain(T.ELASTICSEARCH_DOMAIN, { enabled: true, kmsKeyId: "some-key-id" });
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_5 / KICS 'ElasticSearch Not Encrypted At Rest' / Trivy AWS-0048: no encrypt_at_rest", async () => {
      expect((await run(p, domain(T.ELASTICSEARCH_DOMAIN))).violations).to.deep.equal([
        'search: Elasticsearch domain "search": encryptAtRest is not enabled: indexes and snapshots are stored unencrypted.',
      ]);
      expect(
        (await run(p, domain(T.OPENSEARCH_DOMAIN, { enabled: false }))).violations,
      ).to.have.length(1);
    });
    it("CKV_AWS_247 / KICS 'ElasticSearch Encryption With KMS Disabled' positive1: enabled, no key (aws/es)", async () => {
      const r = await run(p, domain(T.ELASTICSEARCH_DOMAIN, { enabled: true }));
      expect(r.violations[0]).to.include("aws/es");
    });
  });
});

describe("athena-kms-cmk", () => {
  const p = policyNamed(policies, "athena-kms-cmk");
  const workgroup = (configuration: Record<string, unknown>) => [
    res(T.ATHENA_WORKGROUP, "wg", { name: "wg-encrypted", configuration }),
  ];
  const results = (encryptionConfiguration?: Record<string, unknown>) => ({
    enforceWorkgroupConfiguration: true,
    publishCloudwatchMetricsEnabled: true,
    resultConfiguration: {
      outputLocation: "s3://mys3bucket",
      ...(encryptionConfiguration ? { encryptionConfiguration } : {}),
    },
  });

  describe("Compliance", () => {
    it("CKV_AWS_159 'pass': SSE_KMS with a key of the stack", async () => {
      const r = withStackKey(
        T.ATHENA_WORKGROUP,
        "wg",
        { name: "wg", configuration: results({ encryptionOption: "SSE_KMS", kmsKeyArn: UNKNOWN }) },
        ["configuration"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("CKV_AWS_159 'pass_managed_results_kms': managed results with a customer key", async () => {
      const r = workgroup({
        managedQueryResultsConfiguration: {
          enabled: true,
          encryptionConfiguration: { kmsKey: "mykmsarn" },
        },
      });
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("CKV_AWS_77: a database with CSE_KMS and a key of the stack", async () => {
      const r = withStackKey(
        T.ATHENA_DATABASE,
        "db",
        {
          name: "db",
          bucket: UNKNOWN,
          encryptionConfiguration: { encryptionOption: "CSE_KMS", kmsKey: UNKNOWN },
        },
        ["encryptionConfiguration"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_159 'fail' / KICS 'Athena Workgroup Not Encrypted' / Trivy AWS-0006: no encryption_configuration", async () => {
      expect((await run(p, workgroup(results()))).violations).to.deep.equal([
        'wg: Athena workgroup "wg": configuration.resultConfiguration has no encryption configuration: data is written unencrypted.',
      ]);
    });
    it("CKV_AWS_159 'fail_managed_results_disabled': managed results off, no encryption", async () => {
      const r = await run(
        p,
        workgroup({ ...results(), managedQueryResultsConfiguration: { enabled: false } }),
      );
      expect(r.violations).to.have.length(1);
    });
    it("CKV_AWS_159 'pass_managed_results' is an AWS-owned key: reported", async () => {
      const r = await run(p, workgroup({ managedQueryResultsConfiguration: { enabled: true } }));
      expect(r.violations).to.have.length(1);
    });
    it("SSE_S3 is not a customer key", async () => {
      const r = await run(p, workgroup(results({ encryptionOption: "SSE_S3" })));
      expect(r.violations).to.have.length(1);
    });
    it("CKV_AWS_82 / Trivy AWS-0007: enforce_workgroup_configuration = false", async () => {
      const config = {
        ...results({ encryptionOption: "SSE_KMS", kmsKeyArn: "mykmsarn" }),
        enforceWorkgroupConfiguration: false,
      };
      expect((await run(p, workgroup(config))).violations).to.deep.equal([
        'wg: Athena workgroup "wg": configuration.enforceWorkgroupConfiguration is false: clients may override the encryption.',
      ]);
    });
    it("CKV_AWS_77 / KICS 'Athena Database Not Encrypted': a database without encryption_configuration", async () => {
      const r = await run(p, [res(T.ATHENA_DATABASE, "db", { name: "db", bucket: UNKNOWN })]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("glue-kms-cmk", () => {
  const p = policyNamed(policies, "glue-kms-cmk");
  const catalog = (passwords: Record<string, unknown>, atRest: Record<string, unknown>) =>
    withStackKey(
      T.GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS,
      "catalog",
      {
        dataCatalogEncryptionSettings: {
          connectionPasswordEncryption: {
            awsKmsKeyId: UNKNOWN,
            returnConnectionPasswordEncrypted: true,
            ...passwords,
          },
          encryptionAtRest: {
            catalogEncryptionMode: "SSE-KMS",
            sseAwsKmsKeyId: UNKNOWN,
            ...atRest,
          },
        },
      },
      ["dataCatalogEncryptionSettings"],
    );
  const securityConfig = (overrides: Record<string, unknown> = {}) =>
    withStackKey(
      T.GLUE_SECURITY_CONFIGURATION,
      "glue-sec",
      {
        name: "example",
        encryptionConfiguration: {
          cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: UNKNOWN },
          jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: UNKNOWN },
          s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: UNKNOWN },
          ...overrides,
        },
      },
      ["encryptionConfiguration"],
    );

  describe("Compliance", () => {
    it("CKV_AWS_94 / KICS 'Glue Data Catalog Encryption Disabled' negative1: both with keys of the stack", async () => {
      expect(await run(p, catalog({}, {}))).to.deep.equal(clean);
    });
    it("CKV_AWS_99: a security configuration with SSE-KMS / CSE-KMS and keys of the stack", async () => {
      expect(await run(p, securityConfig())).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("KICS positive1: return_connection_password_encrypted = false", async () => {
      const r = await run(p, catalog({ returnConnectionPasswordEncrypted: false }, {}));
      expect(r.violations).to.deep.equal([
        'catalog: Glue Data Catalog encryption settings "catalog": connectionPasswordEncryption.returnConnectionPasswordEncrypted is not true.',
      ]);
    });
    it("KICS positive3: catalog_encryption_mode = DISABLED", async () => {
      const r = await run(p, catalog({}, { catalogEncryptionMode: "DISABLED" }));
      expect(r.violations).to.have.length(1);
    });
    it("KICS positive4: SSE-KMS without sse_aws_kms_key_id (aws/glue)", async () => {
      const r = await run(p, catalog({}, { sseAwsKmsKeyId: undefined }));
      // The property dependency is on the whole settings block: an absent literal is still absent.
      expect(r.violations).to.have.length(1);
    });
    it("CKV_AWS_99 / KICS 'Glue Security Configuration Encryption Disabled': cloudwatch DISABLED", async () => {
      const r = await run(
        p,
        securityConfig({ cloudwatchEncryption: { cloudwatchEncryptionMode: "DISABLED" } }),
      );
      expect(r.violations).to.deep.equal([
        'glue-sec: Glue security configuration "glue-sec": cloudwatchEncryption.cloudwatchEncryptionMode is DISABLED, not SSE-KMS.',
      ]);
    });
    it("KICS positive1: cloudwatch SSE-KMS without a key; positive3: job bookmarks mode unset", async () => {
      const noKey = await run(
        p,
        securityConfig({ cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS" } }),
      );
      expect(noKey.violations).to.have.length(1);
      const unset = await run(
        p,
        securityConfig({ jobBookmarksEncryption: { kmsKeyArn: UNKNOWN } }),
      );
      expect(unset.violations).to.deep.equal([
        'glue-sec: Glue security configuration "glue-sec": jobBookmarksEncryption.jobBookmarksEncryptionMode is unset, not CSE-KMS.',
      ]);
    });
    it("CKV_AWS_99: job bookmarks DISABLED, S3 with SSE-S3", async () => {
      const r = await run(
        p,
        securityConfig({
          jobBookmarksEncryption: { jobBookmarksEncryptionMode: "DISABLED" },
          s3Encryption: { s3EncryptionMode: "SSE-S3" },
        }),
      );
      expect(r.violations).to.have.length(2);
    });
  });
});
