// OpenSearch and Elasticsearch domains: a compliant domain passes every rule, and each field the
// third parties' fixtures break (Checkov CKV_AWS_6, CKV_AWS_83, CKV_AWS_84, CKV_AWS_137,
// CKV_AWS_228, CKV_AWS_317; Trivy AWS-0042, AWS-0043, AWS-0046, AWS-0126; cdk-nag
// AwsSolutions-OS9) draws a finding.
import { expect } from "chai";
import { ELASTICSEARCH_DOMAIN, OPENSEARCH_DOMAIN } from "../../../policy-pack/lib/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";

const LOG_GROUP = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/opensearch/example";

const domain = (over: Record<string, unknown> = {}, type = OPENSEARCH_DOMAIN) =>
  res(type, "example", {
    domainName: "example",
    engineVersion: "OpenSearch_2.13",
    clusterConfig: { instanceType: "r6g.large.search", instanceCount: 3 },
    encryptAtRest: { enabled: true, kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1" },
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: {
      enforceHttps: true,
      tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10",
    },
    vpcOptions: { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-1"] },
    logPublishingOptions: [
      { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: LOG_GROUP },
      { logType: "SEARCH_SLOW_LOGS", cloudwatchLogGroupArn: LOG_GROUP },
      { logType: "INDEX_SLOW_LOGS", cloudwatchLogGroupArn: LOG_GROUP },
    ],
    advancedSecurityOptions: {
      enabled: true,
      masterUserOptions: { masterUserArn: "arn:aws:iam::123456789012:role/search-admin" },
    },
    ...over,
  });

const NAMES = [
  "opensearch-domain-node-to-node-encryption",
  "opensearch-domain-https-tls12",
  "opensearch-domain-audit-logs",
  "opensearch-domain-slow-logs",
  "opensearch-domain-in-vpc",
  "opensearch-domain-fine-grained-access-control",
];

describe("opensearch-domain-node-to-node-encryption", () => {
  const name = "opensearch-domain-node-to-node-encryption";
  it("CKV_AWS_6 / Trivy AWS-0043 bad: node-to-node encryption off or left out", async () => {
    expect(await one(name, [domain({ nodeToNodeEncryption: { enabled: false } })])).to.deep.equal([
      "example: nodeToNodeEncryption is not enabled: nodes talk to each other in plaintext.",
    ]);
    expect(
      await one(name, [domain({ nodeToNodeEncryption: undefined }, ELASTICSEARCH_DOMAIN)]),
    ).to.have.length(1);
  });
});

describe("opensearch-domain-https-tls12", () => {
  const name = "opensearch-domain-https-tls12";
  it("CKV_AWS_83 / Trivy AWS-0046 bad: enforceHttps false", async () => {
    expect(
      await one(name, [
        domain({
          domainEndpointOptions: {
            enforceHttps: false,
            tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07",
          },
        }),
      ]),
    ).to.deep.equal([
      "example: domainEndpointOptions.enforceHttps is false: the domain accepts plain HTTP.",
    ]);
  });
  it("CKV_AWS_228 / Trivy AWS-0126 bad: a TLS 1.0 policy, or none", async () => {
    expect(
      await one(name, [
        domain(
          {
            domainEndpointOptions: {
              enforceHttps: true,
              tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07",
            },
          },
          ELASTICSEARCH_DOMAIN,
        ),
      ]),
    ).to.deep.equal([
      "example: domainEndpointOptions.tlsSecurityPolicy is Policy-Min-TLS-1-0-2019-07: it accepts TLS 1.0 and 1.1.",
    ]);
    expect(await one(name, [domain({ domainEndpointOptions: undefined })])).to.deep.equal([
      "example: domainEndpointOptions.tlsSecurityPolicy is not set: the domain may accept TLS 1.0 and 1.1.",
    ]);
  });
  it("CKV_AWS_228 / Trivy AWS-0126 good: either TLS 1.2 policy; enforceHttps omitted defaults on", async () => {
    for (const tlsSecurityPolicy of [
      "Policy-Min-TLS-1-2-2019-07",
      "Policy-Min-TLS-1-2-PFS-2023-10",
    ]) {
      expect(
        await one(name, [domain({ domainEndpointOptions: { tlsSecurityPolicy } })]),
      ).to.deep.equal([]);
    }
  });
});

describe("opensearch-domain-slow-logs", () => {
  const name = "opensearch-domain-slow-logs";
  it("AwsSolutions-OS9: no log options, or only the provider example's INDEX_SLOW_LOGS", async () => {
    expect(await one(name, [domain({ logPublishingOptions: undefined })])).to.deep.equal([
      "example: logPublishingOptions does not publish SEARCH_SLOW_LOGS, INDEX_SLOW_LOGS.",
    ]);
    expect(
      await one(name, [
        domain({
          logPublishingOptions: [{ logType: "INDEX_SLOW_LOGS", cloudwatchLogGroupArn: LOG_GROUP }],
        }),
      ]),
    ).to.deep.equal(["example: logPublishingOptions does not publish SEARCH_SLOW_LOGS."]);
  });
  it("AwsSolutions-OS9: a slow log entry turned off", async () => {
    const options = [
      { logType: "SEARCH_SLOW_LOGS", cloudwatchLogGroupArn: LOG_GROUP, enabled: false },
      { logType: "INDEX_SLOW_LOGS", cloudwatchLogGroupArn: LOG_GROUP },
    ];
    expect(await one(name, [domain({ logPublishingOptions: options })])).to.have.length(1);
  });
});

describe("opensearch-domain-audit-logs", () => {
  const name = "opensearch-domain-audit-logs";
  it("CKV_AWS_84 / CKV_AWS_317 / Trivy AWS-0042 bad: no log options, audit disabled, only slow logs", async () => {
    const found = "example: no enabled AUDIT_LOGS entry in logPublishingOptions.";
    expect(await one(name, [domain({ logPublishingOptions: undefined })])).to.deep.equal([found]);
    expect(
      await one(name, [
        domain({
          logPublishingOptions: [
            { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: LOG_GROUP, enabled: false },
          ],
        }),
      ]),
    ).to.deep.equal([found]);
    expect(
      await one(name, [
        domain({
          logPublishingOptions: [{ logType: "INDEX_SLOW_LOGS", cloudwatchLogGroupArn: LOG_GROUP }],
        }),
      ]),
    ).to.deep.equal([found]);
  });
  it("Trivy AWS-0042 good: AUDIT_LOGS with enabled true", async () => {
    expect(
      await one(name, [
        domain({
          logPublishingOptions: [
            { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: LOG_GROUP, enabled: true },
          ],
        }),
      ]),
    ).to.deep.equal([]);
  });
});

describe("opensearch-domain-in-vpc", () => {
  const name = "opensearch-domain-in-vpc";
  it("CKV_AWS_137 bad: no vpcOptions, or no subnets in it", async () => {
    expect(await one(name, [domain({ vpcOptions: undefined })])).to.deep.equal([
      "example: vpcOptions has no subnetIds: the domain has a public endpoint.",
    ]);
    expect(await one(name, [domain({ vpcOptions: { subnetIds: [] } })])).to.have.length(1);
  });
  it("CKV_AWS_137 good: subnets given, also subnets of the stack unknown at preview (no note)", async () => {
    expect(await one(name, [domain({ vpcOptions: { subnetIds: ["subnet-1"] } })])).to.deep.equal(
      [],
    );
    const unknown = domain({ vpcOptions: { subnetIds: [UNKNOWN] } });
    expect(await one(name, [unknown])).to.deep.equal([]);
    expect(await previewNotes(policy(name), [unknown])).to.deep.equal([]);
  });
});

describe("opensearch-domain-fine-grained-access-control", () => {
  const name = "opensearch-domain-fine-grained-access-control";
  it("CKV2_AWS_52 fail: no advancedSecurityOptions, or enabled false", async () => {
    expect(await one(name, [domain({ advancedSecurityOptions: undefined })])).to.deep.equal([
      "example: advancedSecurityOptions is not enabled: no fine-grained access control.",
    ]);
    expect(
      await one(name, [domain({ advancedSecurityOptions: { enabled: false } })]),
    ).to.have.length(1);
  });
  it("internalUserDatabaseEnabled without enabled (a CKV2_AWS_52 pass) turns nothing on", async () => {
    expect(
      await one(name, [domain({ advancedSecurityOptions: { internalUserDatabaseEnabled: true } })]),
    ).to.have.length(1);
    expect(
      await one(name, [
        domain({ advancedSecurityOptions: { enabled: false, internalUserDatabaseEnabled: true } }),
      ]),
    ).to.have.length(1);
  });
  it("CKV2_AWS_52 pass: enabled true", async () => {
    expect(
      await one(name, [
        domain({ advancedSecurityOptions: { enabled: true, internalUserDatabaseEnabled: true } }),
      ]),
    ).to.deep.equal([]);
  });
});

describe("OpenSearch domain rules: the compliant domain", () => {
  it("passes every rule, as an OpenSearch and as an Elasticsearch domain, all advisory", async () => {
    for (const name of NAMES) {
      await expectClean(policy(name), [domain(), domain({}, ELASTICSEARCH_DOMAIN)]);
      expect(policy(name).enforcementLevel).to.equal("advisory");
    }
  });
});
