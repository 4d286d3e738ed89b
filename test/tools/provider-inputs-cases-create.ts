// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: the limits AWS enforces at create (rules-create-compute.ts,
// rules-create-data.ts): Lambda runtimes Lambda no longer creates, Fargate task sizes, a state
// machine's log destination, an alarm's evaluation span, KMS key spec and usage, RDS backup
// retention and storage, Aurora Serverless v1 and v2, API Gateway stage names and variables, SES
// configuration set names (rules-create-services.ts), ECR repository names (rules-create-names.ts).

export const FUNCTION = "aws:lambda/function:Function";
export const TASK = "aws:ecs/taskDefinition:TaskDefinition";
export const MACHINE = "aws:sfn/stateMachine:StateMachine";
export const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const KEY = "aws:kms/key:Key";
export const DB = "aws:rds/instance:Instance";
export const CLUSTER = "aws:rds/cluster:Cluster";
const STAGE = "aws:apigateway/stage:Stage";
const STAGE_V2 = "aws:apigatewayv2/stage:Stage";
const CONFIGURATION_SET = "aws:ses/configurationSet:ConfigurationSet";
const CONFIGURATION_SET_V2 = "aws:sesv2/configurationSet:ConfigurationSet";
const SG = "aws:ec2/securityGroup:SecurityGroup";
export const REPOSITORY = "aws:ecr/repository:Repository";
/** An inline rule of a security group: TCP on `port` from `sources`. */
const tcp = (port: number, sources: Record<string, string[]>) => ({
  protocol: "tcp",
  fromPort: port,
  toPort: port,
  ...sources,
});

/** The inputs added to the first files' compliant resources, each at a bound AWS accepts. */
export const CREATE_COMPLIANT: Record<string, Record<string, unknown>> = {
  // FARGATE beside EC2: a Fargate size, written as AWS also reads it.
  [TASK]: { cpu: "1 vCPU", memory: "8GB" },
  [MACHINE]: {
    loggingConfiguration: {
      level: "FATAL",
      logDestination: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/states/etl:*",
    },
  },
  [DB]: {
    backupRetentionPeriod: 35,
    allocatedStorage: 400,
    storageThroughput: 500,
    port: 65535,
    storageEncrypted: true,
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  },
  [CLUSTER]: {
    backupRetentionPeriod: 1,
    port: 1150,
    serverlessv2ScalingConfiguration: { minCapacity: 0, maxCapacity: 256 },
  },
  [STAGE]: { variables: { env: "prod_1", url: "https://example.com/a-b.c~d?e=f&g=h,i#j" } },
  [STAGE_V2]: { stageVariables: { lambdaAlias: "live" } },
  [CONFIGURATION_SET_V2]: { configurationSetName: "Transactional_mail-".padEnd(64, "x") },
  // One port from two networks in two rules, and the same network on another port.
  [SG]: {
    ingress: [
      tcp(443, { cidrBlocks: ["10.0.0.0/16"], ipv6CidrBlocks: ["fd00::/8"] }),
      tcp(443, { cidrBlocks: ["10.1.0.0/16"] }),
      tcp(22, { cidrBlocks: ["10.0.0.0/16"] }),
    ],
  },
};

/** [type, input, value, words of the refusal, the variant it breaks (if not the compliant one)]. */
export const CREATE_BROKEN: [string, string, unknown, string, Record<string, unknown>?][] = [
  // An ECR repository's name, lower case (rules-create-names.ts).
  [
    REPOSITORY,
    "name",
    "appImages-1a2b3c4",
    '"appImages-1a2b3c4": upper-case letters: a repository name is lower case',
  ],
  [
    REPOSITORY,
    "name",
    "team//app",
    "lower-case letters and digits, with single . _ or - between them",
  ],
  [REPOSITORY, "name", "app-", "(no leading, trailing or doubled separators)"],
  [REPOSITORY, "name", "a", 'repositoryName "a": 1 character: a repository name has 2 to 256'],
  [REPOSITORY, "name", `team/${"a".repeat(252)}`, "257 characters: a repository name has 2 to 256"],
  [
    SG,
    "ingress",
    [tcp(22, { ipv6CidrBlocks: ["fd00::/8", "fd00::/8"] })],
    "the ingress rules give one permission twice (tcp ports 22-22 from IPv6 CIDR fd00::/8)",
  ],
  // The same source in two rules of one protocol (6 is tcp) and port.
  [
    SG,
    "ingress",
    [
      tcp(22, { cidrBlocks: ["10.0.0.0/16"] }),
      { ...tcp(22, { cidrBlocks: ["10.0.0.0/16", "0.0.0.0/0"] }), protocol: "6" },
    ],
    "(tcp ports 22-22 from CIDR 10.0.0.0/16): the same permission must not appear multiple times",
  ],
  // All traffic ignores the ports.
  [
    SG,
    "egress",
    [
      { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
      { protocol: "all", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] },
    ],
    "the egress rules give one permission twice (all protocols all ports from CIDR 0.0.0.0/0)",
  ],
  [
    STAGE,
    "stageName",
    "prod.v1",
    'stageName "prod.v1": only letters, digits, hyphens and underscores',
  ],
  [STAGE, "stageName", "s".repeat(129), "stageName is 129 characters, over 128"],
  [
    STAGE,
    "variables",
    { "my-var": "x" },
    'the variable name "my-var" may hold letters, digits and _ only',
  ],
  [STAGE, "variables", { env: "two words" }, 'the value of env, "two words", may hold'],
  [STAGE_V2, "name", "v1.0", 'StageName "v1.0": only letters'],
  [STAGE_V2, "stageVariables", { alias: "a b" }, "the value of alias"],
  [CONFIGURATION_SET, "name", "mail.set", 'Name "mail.set": only letters'],
  [
    CONFIGURATION_SET_V2,
    "configurationSetName",
    "c".repeat(65),
    "ConfigurationSetName is 65 characters, over 64",
  ],
  [CONFIGURATION_SET_V2, "configurationSetName", "my set", "only letters, digits"],
  [
    FUNCTION,
    "runtime",
    "nodejs8.10",
    "nodejs8.10: Lambda blocks creating functions with it since 2020-03-06",
  ],
  [FUNCTION, "runtime", "dotnetcore1.0", "since 2019-07-30"],
  [FUNCTION, "runtime", "nodejs", "since 2016-10-31"],
  [
    FUNCTION,
    "runtime",
    "python2.7",
    "python2.7: Lambda blocks creating functions with it since 2021-07-15",
  ],
  [FUNCTION, "runtime", "nodejs10.x", "since 2021-07-30"],
  [
    FUNCTION,
    "runtime",
    "python3.6",
    "python3.6: Lambda blocks creating functions with it since 2022-07-18",
  ],
  [FUNCTION, "runtime", "nodejs12.x", "since 2023-03-31"],
  [FUNCTION, "runtime", "nodejs14.x", "since 2024-01-09"],
  [FUNCTION, "runtime", "go1.x", "since 2024-02-08"],
  [FUNCTION, "runtime", "dotnet7", "since 2024-05-14"],
  [FUNCTION, "runtime", "dotnetcore3.1", "since 2023-04-03"],
  [TASK, "memory", "1024", "Fargate offers no task of cpu 1024 with memory 1024 MiB"],
  [TASK, "memory", "9 GB", "Fargate offers no task of cpu 1024 with memory 9216 MiB"],
  [TASK, "cpu", "128", "Fargate offers no task of cpu 128 with memory 8192 MiB"],
  // Steps of 4096 from 16 GB at 8 vCPU: 62 GB is between two.
  [TASK, "memory", "63488", "cpu 8192 with memory 63488 MiB", { cpu: "8192", memory: "61440" }],
  [TASK, "memory", undefined, "a task definition that requires FARGATE needs a task-level memory"],
  [TASK, "cpu", undefined, "needs a task-level cpu"],
  [
    TASK,
    "cpu",
    "512",
    "Windows containers on Fargate run at 1, 2 or 4 vCPU (1024, 2048 or 4096), got 512",
    { runtimePlatform: { operatingSystemFamily: "WINDOWS_SERVER_2022_CORE" }, memory: "2048" },
  ],
  // 8 and 16 vCPU are Linux-only sizes: a Linux task of either made Windows is refused.
  [
    TASK,
    "runtimePlatform",
    { operatingSystemFamily: "WINDOWS_SERVER_2019_FULL" },
    "Windows containers on Fargate run at 1, 2 or 4 vCPU (1024, 2048 or 4096), got 8192",
    { cpu: "8 vCPU", memory: "16384" },
  ],
  [
    TASK,
    "runtimePlatform",
    { operatingSystemFamily: "WINDOWS_SERVER_2022_FULL", cpuArchitecture: "X86_64" },
    "got 16384",
    { cpu: "16384", memory: "32768" },
  ],
  [MACHINE, "loggingConfiguration", { level: "ALL" }, "logging level ALL needs a log destination"],
  [
    MACHINE,
    "loggingConfiguration",
    { level: "ERROR", logDestination: "" },
    "logging level ERROR needs a log destination",
  ],
  // 8641 periods of 10 s: 86410 s, over a day for a period under an hour.
  [ALARM, "evaluationPeriods", 8641, "8641 periods of 10 s span 86410 s, over the 86400 s"],
  [ALARM, "evaluationPeriods", 169, "span 608400 s, over the 604800 s", { period: 3600 }],
  [KEY, "keyUsage", "ENCRYPT_DECRYPT", "a ML_DSA_65 key is for SIGN_VERIFY, not ENCRYPT_DECRYPT"],
  [
    KEY,
    "customerMasterKeySpec",
    "HMAC_256",
    "a HMAC_256 key is for GENERATE_VERIFY_MAC, not SIGN_VERIFY",
  ],
  [KEY, "customerMasterKeySpec", "SYMMETRIC_DEFAULT", "is for ENCRYPT_DECRYPT, not SIGN_VERIFY"],
  [
    KEY,
    "customerMasterKeySpec",
    "ECC_NIST_P384",
    "a ECC_NIST_P384 key is for SIGN_VERIFY or KEY_AGREEMENT, not ENCRYPT_DECRYPT (the default)",
    { keyUsage: undefined, customerMasterKeySpec: "RSA_4096" },
  ],
  [
    KEY,
    "keyUsage",
    "KEY_AGREEMENT",
    "a ECC_SECG_P256K1 key is for SIGN_VERIFY",
    { customerMasterKeySpec: "ECC_SECG_P256K1" },
  ],
  [
    DB,
    "backupRetentionPeriod",
    36,
    "expected backup_retention_period to be in the range (0 - 35), got 36",
  ],
  [DB, "backupRetentionPeriod", -1, "(0 - 35), got -1"],
  [
    DB,
    "storageEncrypted",
    false,
    "kmsKeyId is set but storageEncrypted is false: RDS refuses a key for unencrypted storage",
  ],
  [DB, "storageEncrypted", undefined, "storageEncrypted is left out (false): RDS refuses a key"],
  [DB, "port", 1149, "port must be 1150 to 65535, got 1149"],
  [DB, "port", 65536, "got 65536"],
  [DB, "port", 3389, "port 3389 is one RDS for SQL Server reserves", { engine: "sqlserver-ex" }],
  [CLUSTER, "port", 80, "expected port to be in the range (1150 - 65535), got 80"],
  [
    DB,
    "storageThroughput",
    125,
    "storage throughput applies only to gp3 storage, not gp2",
    { storageType: "gp2", storageThroughput: undefined },
  ],
  [
    DB,
    "iops",
    20001,
    "io1 IOPS must be 0.5 to 50 times the storage (400 GiB: 200–20000), got 20001",
    { storageType: "io1", storageThroughput: undefined, iops: 20000 },
  ],
  [DB, "iops", 199, "got 199", { storageType: "io1", storageThroughput: undefined, iops: 200 }],
  [
    DB,
    "iops",
    1000,
    "io1 IOPS must be 1 to 50 times the storage (1500 GiB: 1500–75000), got 1000",
    {
      storageType: "io1",
      storageThroughput: undefined,
      engine: "sqlserver-se",
      allocatedStorage: 1500,
      iops: 1500,
    },
  ],
  [
    CLUSTER,
    "engineMode",
    "serverless",
    "engineMode serverless is Aurora Serverless v1, at its end of life since 2025-03-31",
  ],
  [
    CLUSTER,
    "backupRetentionPeriod",
    0,
    "backupRetentionPeriod must be a value from 1 to 35, got 0",
  ],
  [
    CLUSTER,
    "backupRetentionPeriod",
    36,
    "expected backup_retention_period to be at most (35), got 36",
  ],
  [
    CLUSTER,
    "serverlessv2ScalingConfiguration",
    { minCapacity: 0.75, maxCapacity: 8 },
    "minCapacity must be 0 to 256 ACUs in steps of 0.5, got 0.75",
  ],
  [
    CLUSTER,
    "serverlessv2ScalingConfiguration",
    { minCapacity: 0, maxCapacity: 0.5 },
    "maxCapacity must be 1 to 256 ACUs in steps of 0.5, got 0.5",
  ],
  [
    CLUSTER,
    "serverlessv2ScalingConfiguration",
    { minCapacity: 0.5, maxCapacity: 256.5 },
    "got 256.5",
  ],
  [
    CLUSTER,
    "serverlessv2ScalingConfiguration",
    { minCapacity: 16, maxCapacity: 8 },
    "minCapacity 16 is over maxCapacity 8",
  ],
];
