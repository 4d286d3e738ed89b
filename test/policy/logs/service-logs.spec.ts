// Databases and brokers that publish their own logs: a compliant resource of each type passes, and
// each third-party fixture's bad shape draws a finding (Checkov CKV_AWS_80, CKV_AWS_85,
// CKV_AWS_101, CKV_AWS_129, CKV_AWS_324; Trivy AWS-0020, AWS-0074, AWS-0075).
import { expect } from "chai";
import {
  DOCDB_CLUSTER,
  MSK_CLUSTER,
  NEPTUNE_CLUSTER,
  RDS_CLUSTER,
  RDS_INSTANCE,
} from "../../../policy-pack/lib/types";
import {
  AURORA_CLUSTER,
  DOCDB_BASE,
  MSK_BASE,
  mskBrokers,
  NEPTUNE_BASE,
} from "../fixtures/databases";
import { expectClean, policy, res, violationsOf as one } from "../fixture";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1";

const instance = (over: Record<string, unknown> = {}) =>
  res(RDS_INSTANCE, "default", {
    engine: "mysql",
    instanceClass: "db.t3.micro",
    storageEncrypted: true,
    kmsKeyId: KEY,
    enabledCloudwatchLogsExports: ["audit", "error", "general", "slowquery"],
    ...over,
  });
const aurora = (over: Record<string, unknown> = {}) =>
  res(RDS_CLUSTER, "aurora", {
    ...AURORA_CLUSTER,
    kmsKeyId: KEY,
    enabledCloudwatchLogsExports: ["postgresql"],
    ...over,
  });
const docdb = (over: Record<string, unknown> = {}) =>
  res(DOCDB_CLUSTER, "docdb", {
    ...DOCDB_BASE,
    kmsKeyId: KEY,
    enabledCloudwatchLogsExports: ["audit", "profiler"],
    ...over,
  });
const neptune = (over: Record<string, unknown> = {}) =>
  res(NEPTUNE_CLUSTER, "neptune", {
    ...NEPTUNE_BASE,
    kmsKeyArn: KEY,
    enableCloudwatchLogsExports: ["audit"],
    ...over,
  });
const msk = (brokerLogs?: Record<string, unknown>) =>
  res(MSK_CLUSTER, "example", {
    ...MSK_BASE,
    brokerNodeGroupInfo: mskBrokers("sg-1"),
    encryptionInfo: { encryptionAtRestKmsKeyArn: KEY },
    ...(brokerLogs ? { loggingInfo: { brokerLogs } } : {}),
  });
const MSK_LOGS = { cloudwatchLogs: { enabled: true, logGroup: "msk_broker_logs" } };

describe("rds-log-exports", () => {
  const name = "rds-log-exports";
  it("CKV_AWS_129 fail: an instance without log exports (absent or empty)", async () => {
    expect(await one(name, [instance({ enabledCloudwatchLogsExports: undefined })])).to.deep.equal([
      "default: enabledCloudwatchLogsExports is empty: no database log reaches CloudWatch Logs.",
    ]);
    expect(await one(name, [instance({ enabledCloudwatchLogsExports: [] })])).to.have.length(1);
  });
  it("CKV_AWS_324 fail: an Aurora cluster without log capture", async () => {
    expect(await one(name, [aurora({ enabledCloudwatchLogsExports: undefined })])).to.have.length(
      1,
    );
  });
});

describe("docdb-cluster-log-exports", () => {
  const name = "docdb-cluster-log-exports";
  it("CKV_AWS_85 / Trivy AWS-0020 bad: no exports", async () => {
    expect(await one(name, [docdb({ enabledCloudwatchLogsExports: undefined })])).to.deep.equal([
      "docdb: enabledCloudwatchLogsExports has neither audit nor profiler.",
    ]);
  });
  it("CKV_AWS_85 / Trivy AWS-0020 good: audit alone, or profiler alone", async () => {
    for (const logs of [["audit"], ["profiler"]]) {
      expect(await one(name, [docdb({ enabledCloudwatchLogsExports: logs })])).to.deep.equal([]);
    }
  });
});

describe("neptune-cluster-audit-logs", () => {
  const name = "neptune-cluster-audit-logs";
  it("CKV_AWS_101 / Trivy AWS-0075 bad: no exports, or slowquery only", async () => {
    expect(await one(name, [neptune({ enableCloudwatchLogsExports: undefined })])).to.deep.equal([
      "neptune: enableCloudwatchLogsExports does not include audit.",
    ]);
    expect(
      await one(name, [neptune({ enableCloudwatchLogsExports: ["slowquery"] })]),
    ).to.have.length(1);
  });
});

describe("msk-cluster-broker-logs", () => {
  const name = "msk-cluster-broker-logs";
  it("CKV_AWS_80 / Trivy AWS-0074 bad: no loggingInfo, or every destination disabled", async () => {
    const found = [
      "example: loggingInfo.brokerLogs enables no destination: broker logs are dropped.",
    ];
    expect(await one(name, [msk()])).to.deep.equal(found);
    expect(
      await one(name, [
        msk({
          cloudwatchLogs: { enabled: false },
          firehose: { enabled: false },
          s3: { enabled: false },
        }),
      ]),
    ).to.deep.equal(found);
  });
  it("CKV_AWS_80 / Trivy AWS-0074 good: firehose or S3 alone is enough", async () => {
    expect(
      await one(name, [msk({ firehose: { enabled: true, deliveryStream: "stream" } })]),
    ).to.deep.equal([]);
    expect(await one(name, [msk({ s3: { enabled: true, bucket: "logs" } })])).to.deep.equal([]);
  });
});

describe("service log rules: the compliant resources", () => {
  it("pass every rule, all advisory", async () => {
    const resources = [instance(), aurora(), docdb(), neptune(), msk(MSK_LOGS)];
    for (const name of [
      "rds-log-exports",
      "docdb-cluster-log-exports",
      "neptune-cluster-audit-logs",
      "msk-cluster-broker-logs",
    ]) {
      await expectClean(policy(name), resources);
      expect(policy(name).enforcementLevel).to.equal("advisory");
    }
  });
});
