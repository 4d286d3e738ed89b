// The data stores judged from a table (policy-pack/policies/kms/other-stores.ts): each type with a
// customer key where the table says passes, with none or an AWS-owned or AWS-managed key fails;
// a key in a nested setting is judged where it stands, and only once its block is given where
// the table says so.
import { expect } from "chai";
import type { RecordedResource } from "../../../tools/lib/recorder";
import { policies } from "../../../policy-pack/policies/kms";
import { OTHER_STORES, OUTPUT_STORES } from "../../../policy-pack/policies/kms/other-stores";
import {
  APPCONFIG_CONFIGURATION_PROFILE,
  ECS_SERVICE,
  FIREHOSE_DELIVERY_STREAM,
  GLUE_CATALOG,
  MAILMANAGER_RULE_SET,
  NEPTUNEGRAPH_GRAPH,
  RDS_CLUSTER_ACTIVITY_STREAM,
  S3TABLES_TABLE,
  SAGEMAKER_ENDPOINT_CONFIGURATION,
  SAGEMAKER_FEATURE_GROUP,
  SECURITYLAKE_DATA_LAKE,
  SFN_STATE_MACHINE,
  SSMINCIDENTS_REPLICATION_SET,
  TIMESTREAM_TABLE,
} from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { awsManaged, KEY_ARN, policyNamed, run, UNKNOWN, withStackKey } from "../fixtures/kms";

const p = policyNamed(policies, "data-store-kms-cmk");
const exportsRule = policyNamed(policies, "data-export-kms-cmk");
const exportsAwsKey = policyNamed(policies, "data-export-no-aws-managed-key");
/** Runs the rule(s) of the table that holds the resources' type (both export rules for outputs). */
async function judge(rs: RecordedResource[]): Promise<{ violations: string[]; notes: string[] }> {
  if (!rs.some((r) => r.type in OUTPUT_STORES)) return run(p, rs);
  const [left, named] = [await run(exportsRule, rs), await run(exportsAwsKey, rs)];
  return {
    violations: [...left.violations, ...named.violations],
    notes: [...left.notes, ...named.notes],
  };
}
const ALL = { ...OTHER_STORES, ...OUTPUT_STORES };

/** Inputs with `value` at a dotted path (no lists). */
function at(path: string, value: unknown): Record<string, unknown> {
  return path
    .split(".")
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

/** Every key path of a type set to `value`. */
function keyed(type: string, value: unknown): Record<string, unknown> {
  const out: Record<string, any> = {};
  for (const { path } of ALL[type].keys) {
    const [top, ...rest] = path.split(".");
    out[top] = rest.length ? deepMerge(out[top], at(rest.join("."), value)) : value;
  }
  return out;
}

function deepMerge(a: any, b: any): any {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return b;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = deepMerge(a[k], v);
  return out;
}

describe("data-store-kms-cmk", () => {
  it("every type of the table passes with a literal customer key at each of its key paths", async () => {
    for (const type of Object.keys(ALL)) {
      const r = res(type, "store", keyed(type, KEY_ARN));
      expect(await judge([r]), type).to.deep.equal(clean);
    }
  });

  it("every type whose key is required outright fails with no key, or with an AWS-managed one", async () => {
    for (const [type, { noun, keys }] of Object.entries(ALL)) {
      if (keys.every((k) => k.when !== undefined)) continue;
      const none = await judge([res(type, "store", {})]);
      expect(none.violations[0], type).to.equal(
        `store: ${noun} "store" ${keys.find((k) => !k.when)!.path}: no KMS key is set (a key AWS owns or manages), not a customer-managed key.`,
      );
      const managed = await judge([res(type, "store", keyed(type, awsManaged("x")))]);
      expect(managed.violations.length, type).to.be.at.least(1);
    }
  });

  it("a key of the stack passes, also at preview when its ARN is unknown", async () => {
    const r = withStackKey(
      SFN_STATE_MACHINE,
      "flow",
      {
        encryptionConfiguration: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: UNKNOWN },
      },
      ["encryptionConfiguration"],
    );
    expect(await judge(r)).to.deep.equal(clean);
  });

  it("a state machine without encryptionConfiguration uses an AWS-owned key: reported", async () => {
    const r = res(SFN_STATE_MACHINE, "flow", { definition: "{}" });
    expect((await judge([r])).violations).to.deep.equal([
      'flow: Step Functions state machine "flow" encryptionConfiguration.kmsKeyId: no KMS key is set (a key AWS owns or manages), not a customer-managed key.',
    ]);
  });

  it("Neptune Analytics and DSQL name the service's own key as a value: reported", async () => {
    const r = res(NEPTUNEGRAPH_GRAPH, "graph", { kmsKeyIdentifier: "AWS_OWNED_KEY" });
    expect((await judge([r])).violations).to.have.length(1);
  });

  it("a block given only sometimes is judged only when given", async () => {
    // A feature group with an online store only: its offline store's key is not asked for.
    const online = res(SAGEMAKER_FEATURE_GROUP, "fg", {
      onlineStoreConfig: { securityConfig: { kmsKeyId: KEY_ARN } },
    });
    expect(await judge([online])).to.deep.equal(clean);
    const offline = res(SAGEMAKER_FEATURE_GROUP, "fg", {
      offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://b/p" } },
    });
    expect((await judge([offline])).violations).to.deep.equal([
      'fg: SageMaker feature group "fg" offlineStoreConfig.s3StorageConfig.kmsKeyId: no KMS key is set (a key AWS owns or manages), not a customer-managed key.',
    ]);
    // A service without managed EBS volumes, and a table that takes its bucket's encryption.
    expect(await judge([res(ECS_SERVICE, "svc", { desiredCount: 1 })])).to.deep.equal(clean);
    expect(await judge([res(S3TABLES_TABLE, "t", { name: "t" })])).to.deep.equal(clean);
    const volume = res(ECS_SERVICE, "svc", {
      volumeConfiguration: { name: "data", managedEbsVolume: { roleArn: "arn:aws:iam::1:role/r" } },
    });
    expect((await judge([volume])).violations).to.have.length(1);
  });

  it("each element of a list of settings is judged", async () => {
    const type = "aws:s3/vectorsVectorBucket:VectorsVectorBucket";
    const r = res(type, "vectors", {
      encryptionConfigurations: [{ sseType: "aws:kms", kmsKeyArn: KEY_ARN }, { sseType: "AES256" }],
    });
    expect((await judge([r])).violations).to.deep.equal([
      'vectors: S3 vector bucket "vectors" encryptionConfigurations[1].kmsKeyArn: no KMS key is set (a key AWS owns or manages), not a customer-managed key.',
    ]);
  });

  it("a setting that stores data only with one value is judged only with that value", async () => {
    // AppConfig: the key is "only used for hosted configuration types".
    const s3 = res(APPCONFIG_CONFIGURATION_PROFILE, "cfg", { locationUri: "s3://b/cfg.json" });
    expect(await judge([s3])).to.deep.equal(clean);
    const hosted = res(APPCONFIG_CONFIGURATION_PROFILE, "cfg", { locationUri: "hosted" });
    expect((await judge([hosted])).violations).to.deep.equal([
      'cfg: AppConfig configuration profile "cfg" kmsKeyIdentifier: no KMS key is set (a key AWS owns or manages), not a customer-managed key.',
    ]);
    // Glue: Redshift managed storage exists only with data lake access on.
    const access = (on: boolean) =>
      res(GLUE_CATALOG, "cat", {
        catalogProperties: { dataLakeAccessProperties: { dataLakeAccess: on } },
      });
    expect(await judge([access(false)])).to.deep.equal(clean);
    expect((await judge([access(true)])).violations).to.have.length(1);
  });

  it("values that name an AWS-owned or S3-managed key are reported", async () => {
    // Incident Manager: "an AWS owned key, as indicated by a default value of DefaultKey".
    const incidents = res(SSMINCIDENTS_REPLICATION_SET, "rs", {
      regions: [
        { name: "eu-west-1", kmsKeyArn: KEY_ARN },
        { name: "eu-central-1", kmsKeyArn: "DefaultKey" },
      ],
    });
    expect((await judge([incidents])).violations).to.have.length(1);
    expect((await judge([incidents])).violations[0]).to.contain("regions[1].kmsKeyArn");
    const lake = res(SECURITYLAKE_DATA_LAKE, "lake", {
      configuration: {
        region: "eu-west-1",
        encryptionConfigurations: [{ kmsKeyId: "S3_MANAGED_KEY" }],
      },
    });
    expect((await judge([lake])).violations).to.have.length(1);
  });

  it("a Timestream table's rejected records need a customer key only once it writes them to S3", async () => {
    const table = (s3Configuration?: Record<string, unknown>) =>
      res(TIMESTREAM_TABLE, "metrics", {
        databaseName: "platform",
        tableName: "metrics",
        magneticStoreWriteProperties: {
          enableMagneticStoreWrites: true,
          ...(s3Configuration ? { magneticStoreRejectedDataLocation: { s3Configuration } } : {}),
        },
      });
    expect(await judge([table()])).to.deep.equal(clean);
    const bucket = { bucketName: "rejected", objectKeyPrefix: "metrics/" };
    expect(
      await judge([table({ ...bucket, encryptionOption: "SSE_KMS", kmsKeyId: KEY_ARN })]),
    ).to.deep.equal(clean);
    expect(
      (await judge([table({ ...bucket, encryptionOption: "SSE_S3" })])).violations,
    ).to.deep.equal([
      'metrics: Timestream table "metrics" magneticStoreWriteProperties.magneticStoreRejectedDataLocation.s3Configuration.kmsKeyId: no KMS key is set (a key AWS owns or manages), not a customer-managed key.',
    ]);
  });

  it("a block inside a list of lists is judged where it is given", async () => {
    // Mail Manager: only the rule actions that write to S3 name a key.
    const rules = res(MAILMANAGER_RULE_SET, "rules", {
      rules: [
        { actions: [{ drop: {} }, { writeToS3: { s3Bucket: "b", s3SseKmsKeyId: KEY_ARN } }] },
        { actions: [{ writeToS3: { s3Bucket: "b" } }] },
      ],
    });
    expect((await judge([rules])).violations).to.deep.equal([
      'rules: Mail Manager rule set "rules" rules[1].actions[0].writeToS3.s3SseKmsKeyId: no KMS key is set (a key AWS owns or manages), not a customer-managed key.',
    ]);
  });
});

describe("data-store-kms-cmk: database activity streams", () => {
  const p = policyNamed(policies, "data-store-kms-cmk");
  const stream = (kmsKeyId?: string) => [
    res(RDS_CLUSTER_ACTIVITY_STREAM, "activity", {
      resourceArn: "arn:aws:rds:eu-west-1:123456789012:cluster:orders",
      mode: "async",
      ...(kmsKeyId === undefined ? {} : { kmsKeyId }),
    }),
  ];
  it("CKV_AWS_246 passing: a customer-managed key encrypts the activity stream", async () => {
    expect(await run(p, stream(KEY_ARN))).to.deep.equal(clean);
  });
  it("CKV_AWS_246 failing: no key, or the AWS-managed alias/aws/rds, is a mandatory finding", async () => {
    expect((await run(p, stream())).violations).to.have.length(1);
    const r = await run(p, stream(awsManaged("rds")));
    expect(r.violations).to.have.length(1);
    expect(r.violations[0]).to.contain("alias/aws/rds");
  });
});

describe("data-export-no-aws-managed-key", () => {
  const named = policyNamed(policies, "data-export-no-aws-managed-key");
  const left = policyNamed(policies, "data-export-kms-cmk");
  // Firehose writes its records (or their backup) to S3 with the key it names there.
  const stream = (kmsKeyArn?: string) => [
    res(FIREHOSE_DELIVERY_STREAM, "events", {
      destination: "extended_s3",
      serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY_ARN },
      extendedS3Configuration: {
        roleArn: "arn:aws:iam::123456789012:role/firehose",
        bucketArn: "arn:aws:s3:::events",
        ...(kmsKeyArn === undefined ? {} : { kmsKeyArn }),
      },
    }),
  ];

  it("a Firehose S3 destination naming alias/aws/s3 is a mandatory finding, and only that", async () => {
    expect((await run(named, stream(awsManaged("s3")))).violations).to.deep.equal([
      'events: Firehose stream "events" extendedS3Configuration.kmsKeyArn: it uses the AWS-managed key alias/aws/s3, not a customer-managed key.',
    ]);
    expect(await run(left, stream(awsManaged("s3")))).to.deep.equal(clean);
  });
  it("a Firehose S3 destination without a key is the advisory rule's, not this one's", async () => {
    expect(await run(named, stream())).to.deep.equal(clean);
    expect((await run(left, stream())).violations).to.have.length(1);
  });
  it("a customer-managed key draws neither", async () => {
    expect(await run(named, stream(KEY_ARN))).to.deep.equal(clean);
    expect(await run(left, stream(KEY_ARN))).to.deep.equal(clean);
  });
});

describe("data-export rules: what a SageMaker endpoint writes to S3", () => {
  const named = policyNamed(policies, "data-export-no-aws-managed-key");
  const left = policyNamed(policies, "data-export-kms-cmk");
  const config = (extra: Record<string, unknown>) => [
    res(SAGEMAKER_ENDPOINT_CONFIGURATION, "serving", {
      kmsKeyArn: KEY_ARN,
      productionVariants: [
        { modelName: "m", initialInstanceCount: 1, instanceType: "ml.m5.large", variantName: "v" },
      ],
      ...extra,
    }),
  ];
  const capture = (kmsKeyId?: string) => ({
    dataCaptureConfig: {
      initialSamplingPercentage: 100,
      destinationS3Uri: "s3://captures/serving",
      captureOptions: [{ captureMode: "Input" }],
      ...(kmsKeyId === undefined ? {} : { kmsKeyId }),
    },
  });
  const async = (kmsKeyId?: string) => ({
    asyncInferenceConfig: {
      outputConfig: {
        s3OutputPath: "s3://results/serving",
        ...(kmsKeyId === undefined ? {} : { kmsKeyId }),
      },
    },
  });

  it("captured data and async results under the AWS-managed alias/aws/s3 are mandatory findings", async () => {
    const found = await run(
      named,
      config({ ...capture(awsManaged("s3")), ...async(awsManaged("s3")) }),
    );
    expect(found.violations).to.have.length(2);
    expect(found.violations[0]).to.contain("asyncInferenceConfig.outputConfig.kmsKeyId");
    expect(found.violations[1]).to.contain("dataCaptureConfig.kmsKeyId");
  });
  it("left without a key they are advisory findings; with a customer key, none", async () => {
    expect((await run(left, config({ ...capture(), ...async() }))).violations).to.have.length(2);
    expect(await run(named, config({ ...capture(), ...async() }))).to.deep.equal(clean);
    expect(await run(left, config({ ...capture(KEY_ARN), ...async(KEY_ARN) }))).to.deep.equal(
      clean,
    );
  });
  it("an endpoint that captures nothing and answers synchronously writes nothing out", async () => {
    expect(await run(left, config({}))).to.deep.equal(clean);
  });
});
