// Limits AWS enforces when the provider creates data resources at `pulumi up`, which the provider's
// schema passes on (`by: "aws"`): a KMS key's spec and usage, an RDS instance's port, storage
// settings and key without encryption, an Aurora cluster's port, engine mode, backup retention of at least 1 day and
// Serverless v2 capacity range.
// Each rule cites the AWS API reference page that documents the limit.
import type { CrossProblem, CrossRule, InputRule } from "./rule";
import { awsRule } from "./rule";
import { intBetween, Validator } from "./validators";
import { dayHasCome } from "./rules-create-compute";
import { boolInput, shownFalse } from "./bool-input";

const KEY = "aws:kms/key:Key";
const DB = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";

const RDS_API = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference";
const CREATE_INSTANCE = `${RDS_API}/API_CreateDBInstance.html`;
const CREATE_CLUSTER = `${RDS_API}/API_CreateDBCluster.html`;
const SERVERLESS_V2 = `${RDS_API}/API_ServerlessV2ScalingConfiguration.html`;
const CREATE_KEY = "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html";
/**
 * "AWS has announced the end-of-life date for Aurora Serverless v1: March 31st, 2025" (the page's
 * notice; its Chinese edition of the feature's region table adds that creating new v1 clusters
 * was blocked from January 8, 2025). A cluster of engine mode `serverless` is v1.
 */
const SERVERLESS_V1 =
  "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/aurora-serverless.create.html";
const SERVERLESS_V1_END = "2025-03-31";

/** Engine mode `serverless` (Aurora Serverless v1) once its end of life has come on `today`. */
export function serverlessV1EndedOn(today: Date = new Date()): Validator {
  return (v, k) =>
    v === "serverless" && dayHasCome(SERVERLESS_V1_END, today)
      ? [
          `${k} serverless is Aurora Serverless v1, at its end of life since ${SERVERLESS_V1_END}: ` +
            "no new v1 cluster is created",
        ]
      : [];
}

/**
 * API_CreateKey, `KeyUsage` (default ENCRYPT_DECRYPT): symmetric encryption keys ENCRYPT_DECRYPT;
 * HMAC keys GENERATE_VERIFY_MAC; RSA ENCRYPT_DECRYPT or SIGN_VERIFY; NIST elliptic curves
 * SIGN_VERIFY or KEY_AGREEMENT; ECC_SECG_P256K1 and ML-DSA SIGN_VERIFY; SM2 (China Regions)
 * ENCRYPT_DECRYPT, SIGN_VERIFY or KEY_AGREEMENT. A spec of no listed family is not judged.
 */
function usagesOf(spec: string): readonly string[] | undefined {
  if (spec === "SYMMETRIC_DEFAULT") return ["ENCRYPT_DECRYPT"];
  if (/^HMAC_\d+$/.test(spec)) return ["GENERATE_VERIFY_MAC"];
  if (/^RSA_\d+$/.test(spec)) return ["ENCRYPT_DECRYPT", "SIGN_VERIFY"];
  if (/^ECC_NIST_P\d+$/.test(spec)) return ["SIGN_VERIFY", "KEY_AGREEMENT"];
  if (spec === "ECC_SECG_P256K1" || /^ML_DSA_\d+$/.test(spec)) return ["SIGN_VERIFY"];
  if (spec === "SM2") return ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"];
  return undefined;
}

const keySpecUsage: CrossRule = {
  type: KEY,
  what: "a key usage its key spec allows",
  reads: ["customerMasterKeySpec", "keyUsage"],
  check: (inputs) => {
    const spec = inputs.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    const usage = inputs.keyUsage ?? "ENCRYPT_DECRYPT";
    // A value of no AWS shape ("encrypt_decrypt") is the provider's own refusal, at preview.
    const shape = /^[A-Z][A-Z0-9_]*$/;
    if (typeof spec !== "string" || typeof usage !== "string") return [];
    if (!shape.test(spec) || !shape.test(usage)) return [];
    const allowed = usagesOf(spec);
    if (!allowed || allowed.includes(usage)) return [];
    const given = inputs.keyUsage === undefined ? " (the default)" : "";
    return [
      {
        prop: inputs.keyUsage === undefined ? "customerMasterKeySpec" : "keyUsage",
        value: inputs.keyUsage ?? spec,
        says: `a ${spec} key is for ${allowed.join(" or ")}, not ${usage}${given}`,
      },
    ];
  },
  fix:
    "a keyUsage the spec allows: SYMMETRIC_DEFAULT ENCRYPT_DECRYPT; HMAC_* GENERATE_VERIFY_MAC; " +
    "RSA_* ENCRYPT_DECRYPT or SIGN_VERIFY; ECC_NIST_* SIGN_VERIFY or KEY_AGREEMENT; " +
    "ECC_SECG_P256K1 and ML_DSA_* SIGN_VERIFY; SM2 (China Regions) ENCRYPT_DECRYPT, SIGN_VERIFY " +
    "or KEY_AGREEMENT",
  source: CREATE_KEY,
  by: "aws",
};

/**
 * API_CreateDBInstance, `StorageThroughput`: "This setting applies only to the gp3 storage type";
 * `Iops` (io1): "Must be a multiple between .5 and 50 of the storage amount" (RDS for SQL Server:
 * between 1 and 50). Only io1 is judged: io2 and gp3 allow other ratios the page does not state.
 */
const instanceStorage: CrossRule = {
  type: DB,
  what: "storage throughput only on gp3, an io1 volume's IOPS 0.5 to 50 times its storage",
  reads: ["storageType", "storageThroughput", "iops", "allocatedStorage", "engine"],
  check: (inputs) => {
    const out: CrossProblem[] = [];
    const type =
      typeof inputs.storageType === "string" ? inputs.storageType.toLowerCase() : undefined;
    // A type of no listed name ("ssd") is the provider's own refusal; a newer one is not judged.
    const other = ["standard", "gp2", "io1", "io2"];
    if (typeof inputs.storageThroughput === "number" && type !== undefined && other.includes(type))
      out.push({
        prop: "storageThroughput",
        value: inputs.storageThroughput,
        says: `storage throughput applies only to gp3 storage, not ${type}`,
      });
    const { iops, allocatedStorage: size } = inputs;
    if (type === "io1" && typeof iops === "number" && typeof size === "number" && size > 0) {
      const sqlServer = typeof inputs.engine === "string" && inputs.engine.startsWith("sqlserver");
      const low = sqlServer ? 1 : 0.5;
      const ratio = iops / size;
      if (ratio < low || ratio > 50)
        out.push({
          prop: "iops",
          value: iops,
          says: `io1 IOPS must be ${low} to 50 times the storage (${size} GiB: ${low * size}–${50 * size}), got ${iops}`,
        });
    }
    return out;
  },
  fix: "storageThroughput with storageType gp3 only; on io1, iops from 0.5 (SQL Server: 1) to 50 times allocatedStorage",
  source: CREATE_INSTANCE,
  by: "aws",
};

/**
 * API_ServerlessV2ScalingConfiguration: ACU values "in half-step increments"; MinCapacity's
 * smallest value 0 where auto-pause is supported (0.5 otherwise), MaxCapacity's largest 256 for
 * recent Aurora versions; a range whose maximum is under its minimum is refused. Judged leniently
 * across versions: 0 to 256, the maximum at least 1 (AWS::RDS::DBCluster
 * ServerlessV2ScalingConfiguration: "The maximum capacity must be higher than 0.5 ACUs").
 */
const serverlessV2Range: CrossRule = {
  type: CLUSTER,
  what: "a Serverless v2 capacity range in half ACUs, 0 to 256, minimum at most maximum",
  reads: ["serverlessv2ScalingConfiguration"],
  check: (inputs) => {
    const scaling = inputs.serverlessv2ScalingConfiguration;
    if (!scaling || typeof scaling !== "object") return [];
    const out: CrossProblem[] = [];
    const { minCapacity: min, maxCapacity: max } = scaling;
    for (const [key, v, low] of [
      ["minCapacity", min, 0],
      ["maxCapacity", max, 1],
    ] as const) {
      if (typeof v !== "number") continue;
      if (!Number.isInteger(v * 2) || v < low || v > 256)
        out.push({
          prop: `serverlessv2ScalingConfiguration.${key}`,
          value: v,
          says: `${key} must be ${low} to 256 ACUs in steps of 0.5, got ${v}`,
        });
    }
    if (out.length === 0 && typeof min === "number" && typeof max === "number" && min > max)
      out.push({
        prop: "serverlessv2ScalingConfiguration.minCapacity",
        value: min,
        says: `minCapacity ${min} is over maxCapacity ${max}`,
      });
    return out;
  },
  fix: "minCapacity and maxCapacity in steps of 0.5 ACU, 0 (or 0.5) to 256, maxCapacity at least 1 and not under minCapacity",
  source: SERVERLESS_V2,
  by: "aws",
};

export const CREATE_DATA_RULES: readonly InputRule[] = [
  // API_CreateDBCluster, Port: "Valid Values: 1150-65535".
  awsRule(
    CLUSTER,
    "port",
    "port",
    intBetween(1150, 65535),
    "a port from 1150 to 65535, or leave it to the engine's default (3306 or 5432)",
    CREATE_CLUSTER,
  ),
  awsRule(
    CLUSTER,
    "engineMode",
    "engineMode",
    serverlessV1EndedOn(),
    "Aurora Serverless v2: engineMode provisioned (the default) with serverlessv2ScalingConfiguration and instances of class db.serverless",
    SERVERLESS_V1,
  ),
  // API_CreateDBCluster, BackupRetentionPeriod: "Must be a value from 1 to 35." The bound above
  // 35 is the provider's own (rds/cluster.go, in rules-compute.ts), refused at preview; AWS alone
  // refuses 0, at create.
  awsRule(
    CLUSTER,
    "backupRetentionPeriod",
    "backupRetentionPeriod",
    (v, k) =>
      typeof v === "number" && v < 1 ? [`${k} must be a value from 1 to 35, got ${v}`] : [],
    "a backup retention of 1 to 35 days (an Aurora cluster always keeps automated backups)",
    CREATE_CLUSTER,
  ),
];

/**
 * API_CreateDBInstance, `Port`: "Valid Values: 1150-65535 … For RDS for Microsoft SQL Server, the
 * value can't be 1234, 1434, 3260, 3343, 3389, 47001, or 49152-49156."
 */
const SQL_SERVER_RESERVED = [
  1234, 1434, 3260, 3343, 3389, 47001, 49152, 49153, 49154, 49155, 49156,
];
const instancePort: CrossRule = {
  type: DB,
  what: "a port from 1150 to 65535, not one SQL Server reserves",
  reads: ["port", "engine"],
  check: (inputs) => {
    const port = inputs.port;
    if (typeof port !== "number") return [];
    if (port < 1150 || port > 65535)
      return [{ prop: "port", value: port, says: `port must be 1150 to 65535, got ${port}` }];
    const sqlServer = typeof inputs.engine === "string" && inputs.engine.startsWith("sqlserver");
    return sqlServer && SQL_SERVER_RESERVED.includes(port)
      ? [{ prop: "port", value: port, says: `port ${port} is one RDS for SQL Server reserves` }]
      : [];
  },
  fix: "a port from 1150 to 65535 (SQL Server: not 1234, 1434, 3260, 3343, 3389, 47001 or 49152-49156), or leave it to the engine's default",
  source: CREATE_INSTANCE,
  by: "aws",
};

/**
 * CloudFormation's AWS::RDS::DBInstance `KmsKeyId`: a key needs `StorageEncrypted` true
 * (aws-cloudformation/cfn-lint#2965, validated since cfn-lint#2989); CreateDBInstance: "By default,
 * it isn't encrypted". A key without encryption is refused at create, not read as "encrypt with
 * it". Read replicas, restores and S3 imports take their encryption from the source (other API
 * calls with their own rules), so they are not judged.
 */
export const FROM_SOURCE = [
  "replicateSourceDb",
  "snapshotIdentifier",
  "restoreToPointInTime",
  "s3Import",
];
const instanceKeyNeedsEncryption: CrossRule = {
  type: DB,
  what: "a KMS key only with storageEncrypted true",
  reads: ["kmsKeyId", "storageEncrypted", ...FROM_SOURCE],
  check: (inputs) => {
    if (typeof inputs.kmsKeyId !== "string" || inputs.kmsKeyId === "") return [];
    // Read as the provider reads it: "true" is true; a string that is no boolean is the
    // provider's own refusal, not this one.
    const encrypted = boolInput(inputs.storageEncrypted);
    if (encrypted === true) return [];
    if (encrypted === undefined && inputs.storageEncrypted != null) return [];
    if (FROM_SOURCE.some((k) => inputs[k] !== undefined && inputs[k] !== null)) return [];
    return [
      {
        prop: "storageEncrypted",
        value: inputs.storageEncrypted,
        says: `kmsKeyId is set but storageEncrypted is ${shownFalse(inputs.storageEncrypted)}: RDS refuses a key for unencrypted storage`,
      },
    ];
  },
  fix: "storageEncrypted: true beside kmsKeyId (or drop kmsKeyId for an unencrypted instance)",
  source:
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html",
  by: "aws",
};

export const CREATE_DATA_CROSS_RULES: readonly CrossRule[] = [
  instanceKeyNeedsEncryption,
  instancePort,
  keySpecUsage,
  instanceStorage,
  serverlessV2Range,
];
