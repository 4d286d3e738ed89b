// The limits AWS enforces at create of rules-create-compute.ts and rules-create-data.ts: the values
// each must let through (every size Fargate offers, each spelling AWS reads, each spec and usage
// pair, the bounds), a deprecated runtime judged against the day, and values unknown at preview.
// The one-broken-input cases are in provider-inputs-cases-create.ts (run by provider-inputs.spec.ts).
import { expect } from "chai";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { CROSS_RULES, refusedAcrossPhases, refusedInputs } from "../../tools/lib/provider-checks";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import {
  CALLBACK_HANDLER,
  cpuUnits,
  dayHasCome,
  memoryMiB,
  RUNTIME_CREATE_BLOCKED,
  runtimeBlockedOn,
} from "../../tools/lib/provider-checks/rules-create-compute";
import { serverlessV1EndedOn } from "../../tools/lib/provider-checks/rules-create-data";
import { ALARM, CLUSTER, DB, FUNCTION, KEY, MACHINE, TASK } from "./provider-inputs-cases-create";
import { refusalsWith as refusals } from "./provider-inputs-refusals";
import { COMPLIANT } from "./provider-inputs-cases";

/** The refusals' words of the compliant resource of `type` with `change` applied. */
const refusalsWith = (type: string, change: Record<string, unknown>) =>
  refusals(type, change).map((r) => r.says.join("; "));

describe("provider inputs: limits AWS enforces at create, the values they accept", () => {
  it("accepts every task size Fargate offers, at each end of each range", () => {
    const sizes: [number, number[]][] = [
      [256, [512, 1024, 2048]],
      [512, [1024, 2048, 3072, 4096]],
      [1024, [2048, 8192]],
      [2048, [4096, 16384]],
      [4096, [8192, 30720]],
      [8192, [16384, 20480, 61440]],
      [16384, [32768, 40960, 122880]],
    ];
    for (const [cpu, memories] of sizes)
      for (const memory of memories)
        expect(
          refusalsWith(TASK, { cpu: String(cpu), memory: String(memory) }),
          `${cpu}/${memory}`,
        ).to.deep.equal([]);
    // The steps: 3 GB at 2 vCPU, 28 GB at 4 vCPU; the bounds just outside are refused.
    expect(refusalsWith(TASK, { cpu: "2 vCPU", memory: "5 GB" })).to.deep.equal([]);
    expect(refusalsWith(TASK, { cpu: "4096", memory: "28672" })).to.deep.equal([]);
    expect(refusalsWith(TASK, { cpu: "4096", memory: "31744" })).to.have.length(1);
    expect(refusalsWith(TASK, { cpu: "256", memory: "3072" })).to.have.length(1);
  });

  it("reads cpu and memory as AWS does, and leaves a task that does not require FARGATE alone", () => {
    expect([
      cpuUnits("1024"),
      cpuUnits("1 vCPU"),
      cpuUnits(".25 vcpu"),
      cpuUnits("2vCPU"),
    ]).to.deep.equal([1024, 1024, 256, 2048]);
    expect([
      memoryMiB("512"),
      memoryMiB("1GB"),
      memoryMiB("0.5 GB"),
      memoryMiB("2 gb"),
    ]).to.deep.equal([512, 1024, 512, 2048]);
    expect([cpuUnits("one"), memoryMiB("1 TB"), cpuUnits(undefined)]).to.deep.equal([
      undefined,
      undefined,
      undefined,
    ]);
    // A spelling the check cannot read is left to AWS; EC2 alone takes any size, or none.
    expect(refusalsWith(TASK, { memory: "lots" })).to.deep.equal([]);
    for (const change of [
      { requiresCompatibilities: ["EC2"], cpu: "100", memory: "300" },
      { requiresCompatibilities: ["EC2"], cpu: undefined, memory: undefined },
      { requiresCompatibilities: undefined, cpu: undefined },
    ])
      expect(refusalsWith(TASK, change), JSON.stringify(change)).to.deep.equal([]);
    // Windows on Fargate at 1, 2 and 4 vCPU, each at the ends of its memory range.
    const windows = { runtimePlatform: { operatingSystemFamily: "WINDOWS_SERVER_2019_FULL" } };
    for (const [cpu, memory] of [
      ["1024", "2048"],
      ["1 vCPU", "8 GB"],
      ["2048", "4096"],
      ["2048", "16384"],
      ["4 vCPU", "8192"],
      ["4096", "30720"],
    ])
      expect(refusalsWith(TASK, { ...windows, cpu, memory }), `${cpu}/${memory}`).to.deep.equal([]);
    // A family of no Windows name is Linux: 8 vCPU is a size there.
    const linux = { runtimePlatform: { operatingSystemFamily: "LINUX" } };
    expect(refusalsWith(TASK, { ...linux, cpu: "8192", memory: "16384" })).to.deep.equal([]);
  });

  it("judges a runtime against the day Lambda blocks creating functions with it", () => {
    const validate = (day: string) => runtimeBlockedOn(new Date(day));
    // The policy's day starts at midnight Pacific time: 08:00 UTC.
    expect(validate("2020-03-06T07:59:00Z")("nodejs8.10", "runtime")).to.deep.equal([]);
    expect(validate("2020-03-06T08:00:00Z")("nodejs8.10", "runtime")).to.deep.equal([
      "runtime nodejs8.10: Lambda blocks creating functions with it since 2020-03-06 (deprecated runtime)",
    ]);
    expect(validate("2019-01-01T00:00:00Z")("dotnetcore1.0", "runtime")).to.deep.equal([]);
    // nodejs10.x: creates stopped on 2021-07-30, not on an earlier "Deprecation completed" of
    // 2021-05-28: a function created in June 2021 was accepted.
    expect(validate("2021-06-15T12:00:00Z")("nodejs10.x", "runtime")).to.deep.equal([]);
    expect(validate("2021-07-30T08:00:00Z")("nodejs10.x", "runtime")).to.have.length(1);
    expect(validate("2022-07-18T07:59:00Z")("python3.6", "runtime")).to.deep.equal([]);
    expect(validate("2024-01-09T08:00:00Z")("nodejs14.x", "runtime")).to.have.length(1);
    // The first notice's 2023-11-27 for nodejs14.x was moved later: not refused in between.
    expect(validate("2023-12-01T00:00:00Z")("nodejs14.x", "runtime")).to.deep.equal([]);
    // nodejs12.x: the table's 2023-03-31, not the first notice's 2022-11-14, which AWS moved.
    expect(validate("2022-11-15T12:00:00Z")("nodejs12.x", "runtime")).to.deep.equal([]);
    expect(validate("2023-03-31T07:59:00Z")("nodejs12.x", "runtime")).to.deep.equal([]);
    expect(validate("2023-03-31T08:00:00Z")("nodejs12.x", "runtime")).to.deep.equal([
      "runtime nodejs12.x: Lambda blocks creating functions with it since 2023-03-31 (deprecated runtime)",
    ]);
    // Blocks AWS moved since 2025 (nodejs16.x, nodejs18.x, python3.8, dotnet6) are left to AWS.
    for (const runtime of ["nodejs16.x", "nodejs18.x", "python3.8", "dotnet6"])
      expect(validate("2026-12-07T12:00:00Z")(runtime, "runtime"), runtime).to.deep.equal([]);
    // Deprecated is not blocked: python3.8 was deprecated on 2024-10-14, creates went on.
    expect(validate("2024-12-01T00:00:00Z")("python3.8", "runtime")).to.deep.equal([]);
    // Every listed runtime is blocked today; current ones, and any unlisted one, never are.
    for (const runtime of Object.keys(RUNTIME_CREATE_BLOCKED))
      expect(refusalsWith(FUNCTION, { runtime }), runtime).to.have.length(1);
    for (const runtime of ["nodejs22.x", "python3.13", "java21", "provided.al2023", "nodejs26.x"])
      expect(refusalsWith(FUNCTION, { runtime }), runtime).to.deep.equal([]);
  });

  it("tells a callback function, whose runtime @pulumi/aws picks unless given one, to give one", () => {
    // The handler @pulumi/aws gives a function it packages from a callback.
    const [callback] = refusalsWith(FUNCTION, { runtime: "nodejs12.x", handler: CALLBACK_HANDLER });
    expect(callback).to.contain("since 2023-03-31 (deprecated runtime)");
    expect(callback).to.contain("give it a supported `runtime`");
    expect(callback).to.contain("aws.lambda.CallbackFunction");
    // A function the program packages itself names its runtime: no such words.
    const [own] = refusalsWith(FUNCTION, { runtime: "nodejs12.x", handler: "index.handler" });
    expect(own).to.equal(
      "runtime nodejs12.x: Lambda blocks creating functions with it since 2023-03-31 (deprecated runtime)",
    );
    // Even when it names one: the words say to change it.
    const [given] = refusalsWith(FUNCTION, { runtime: "nodejs12.x", handler: CALLBACK_HANDLER });
    expect(given).to.contain("or change the one it gives");
    // A current runtime given to a callback function is not refused.
    expect(
      refusalsWith(FUNCTION, { runtime: "nodejs22.x", handler: CALLBACK_HANDLER }),
    ).to.deep.equal([]);
  });

  it("judges AWS's create-time limits on a created resource only, not on an imported one", () => {
    const inputs = { ...COMPLIANT[FUNCTION], runtime: "nodejs12.x" };
    const meta = { stack: "dev", project: "p", outputs: {} };
    const created = handBuiltResource(FUNCTION, "r", inputs, meta);
    expect(refusedInputs(created).map((r) => r.by)).to.deep.equal(["aws"]);
    // `pulumi up` adopts an imported function (the `import` option) without a CreateFunction call.
    const imported = { ...created, options: { ...created.options, importId: "legacy" } };
    expect(refusedInputs(imported)).to.deep.equal([]);
    // Nor across resources: an adopted subnet in a block added to its VPC outside the program.
    const vpc = handBuiltResource(
      "aws:ec2/vpc:Vpc",
      "vpc",
      { cidrBlock: "10.0.0.0/16" },
      {
        ...meta,
        outputs: { id: "vpc-1" },
      },
    );
    const subnet = (options: Record<string, unknown>) =>
      handBuiltResource(
        "aws:ec2/subnet:Subnet",
        "s",
        { vpcId: "vpc-1", cidrBlock: "10.1.0.0/24" },
        { ...meta, options },
      );
    const across = (s: ReturnType<typeof subnet>) =>
      refusedAcrossPhases([{ phase: "apply", resources: [vpc, s] }]).map((r) => r.by);
    expect(across(subnet({}))).to.deep.equal(["aws"]);
    expect(across(subnet({ importId: "subnet-0abc" }))).to.deep.equal([]);
  });

  it("takes a day AWS names to start at 08:00 UTC, winter and summer alike", () => {
    // Midnight Pacific standard time; under daylight time (07:00 UTC) an hour late, never early.
    for (const day of ["2024-01-09", "2021-07-30"]) {
      expect(dayHasCome(day, new Date(`${day}T07:59:59Z`)), day).to.equal(false);
      expect(dayHasCome(day, new Date(`${day}T08:00:00Z`)), day).to.equal(true);
    }
    expect(dayHasCome("2021-07-30", new Date("2021-07-29T23:00:00Z"))).to.equal(false);
  });

  it("names in the KMS fix every spec family CreateKey pairs with a usage", () => {
    const rule = CROSS_RULES.find((r) => r.type === KEY && r.reads.includes("keyUsage"));
    for (const family of ["SYMMETRIC_DEFAULT", "HMAC_", "RSA_", "ECC_NIST_", "ECC_SECG_P256K1"])
      expect(rule?.fix, family).to.include(family);
    for (const family of ["ML_DSA_", "SM2"]) expect(rule?.fix, family).to.include(family);
  });

  it("refuses an RDS backup retention over 35 at preview, as the provider does", () => {
    const [instance] = refusals(DB, { backupRetentionPeriod: 36 });
    expect([instance.by, instance.source]).to.deep.equal([
      "provider",
      "hashicorp/terraform-provider-aws internal/service/rds/instance.go",
    ]);
    const [cluster, ...more] = refusals(CLUSTER, { backupRetentionPeriod: 36 });
    expect(more).to.deep.equal([]);
    expect([cluster.by, cluster.source, cluster.says]).to.deep.equal([
      "provider",
      "hashicorp/terraform-provider-aws internal/service/rds/cluster.go",
      ["expected backup_retention_period to be at most (35), got 36"],
    ]);
    // 0 on a cluster passes the provider and is AWS's refusal, at create.
    const [zero] = refusals(CLUSTER, { backupRetentionPeriod: 0 });
    expect(zero.by).to.equal("aws");
  });

  it("accepts each KMS key spec with each usage CreateKey allows, and specs it does not list", () => {
    const pairs: [string | undefined, string | undefined][] = [
      [undefined, undefined],
      ["SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"],
      ["RSA_2048", undefined],
      ["RSA_3072", "SIGN_VERIFY"],
      ["ECC_NIST_P256", "KEY_AGREEMENT"],
      ["ECC_NIST_P521", "SIGN_VERIFY"],
      ["ECC_SECG_P256K1", "SIGN_VERIFY"],
      ["HMAC_512", "GENERATE_VERIFY_MAC"],
      ["SM2", "KEY_AGREEMENT"],
      ["ML_DSA_87", "SIGN_VERIFY"],
      // A spec newer than the table: left to AWS.
      ["ML_KEM_768", "ENCAPSULATE_DECAPSULATE"],
    ];
    for (const [customerMasterKeySpec, keyUsage] of pairs)
      expect(
        refusalsWith(KEY, { customerMasterKeySpec, keyUsage }),
        `${customerMasterKeySpec} ${keyUsage}`,
      ).to.deep.equal([]);
  });

  it("accepts RDS storage and retention at their bounds, and IOPS the page states no ratio for", () => {
    for (const backupRetentionPeriod of [0, 1, 35])
      expect(refusalsWith(DB, { backupRetentionPeriod })).to.deep.equal([]);
    // 3389 is refused for SQL Server only; 1150 and 65535 for every engine.
    for (const [port, engine] of [
      [3389, "postgres"],
      [1150, "sqlserver-se"],
      [1433, "sqlserver-ee"],
      [5432, undefined],
    ] as const)
      expect(refusalsWith(DB, { port, engine }), `${port} ${engine}`).to.deep.equal([]);
    const io1 = { storageType: "io1", storageThroughput: undefined, allocatedStorage: 100 };
    for (const iops of [50, 1000, 5000])
      expect(refusalsWith(DB, { ...io1, iops }), `${iops}`).to.deep.equal([]);
    // io2 and gp3 take other ratios: not judged.
    expect(refusalsWith(DB, { ...io1, storageType: "io2", iops: 100_000 })).to.deep.equal([]);
    expect(refusalsWith(DB, { iops: 64_000, storageThroughput: 4000 })).to.deep.equal([]);
    for (const backupRetentionPeriod of [1, 35])
      expect(refusalsWith(CLUSTER, { backupRetentionPeriod })).to.deep.equal([]);
    for (const engineMode of ["provisioned", "global", "parallelquery"])
      expect(refusalsWith(CLUSTER, { engineMode }), engineMode).to.deep.equal([]);
    // Serverless v1 until its end of life.
    expect(
      serverlessV1EndedOn(new Date("2025-03-31T07:59:00Z"))("serverless", "engineMode"),
    ).to.deep.equal([]);
    expect(
      serverlessV1EndedOn(new Date("2025-03-31T08:00:00Z"))("serverless", "engineMode"),
    ).to.have.length(1);
    for (const scaling of [
      { minCapacity: 0.5, maxCapacity: 1 },
      { minCapacity: 8, maxCapacity: 8 },
      { minCapacity: 2.5, maxCapacity: 128.5 },
    ])
      expect(
        refusalsWith(CLUSTER, { serverlessv2ScalingConfiguration: scaling }),
        JSON.stringify(scaling),
      ).to.deep.equal([]);
  });

  it("accepts an RDS key without storageEncrypted where the instance takes its encryption from a source, and no key at all", () => {
    const unencrypted = { storageEncrypted: undefined };
    for (const source of [
      { replicateSourceDb: "arn:aws:rds:us-west-2:123456789012:db:orders" },
      { snapshotIdentifier: "orders-final" },
      {
        restoreToPointInTime: {
          sourceDbInstanceIdentifier: "orders",
          useLatestRestorableTime: true,
        },
      },
      {
        s3Import: {
          bucketName: "b",
          ingestionRole: "r",
          sourceEngine: "mysql",
          sourceEngineVersion: "8.0",
        },
      },
    ])
      expect(refusalsWith(DB, { ...unencrypted, ...source }), JSON.stringify(source)).to.deep.equal(
        [],
      );
    expect(refusalsWith(DB, { ...unencrypted, kmsKeyId: undefined })).to.deep.equal([]);
    expect(refusalsWith(DB, { storageEncrypted: false, kmsKeyId: "" })).to.deep.equal([]);
  });

  it("accepts an alarm spanning exactly a day or a week, and a state machine not logging", () => {
    expect(refusalsWith(ALARM, { period: 10, evaluationPeriods: 8640 })).to.deep.equal([]);
    expect(refusalsWith(ALARM, { period: 60, evaluationPeriods: 1440 })).to.deep.equal([]);
    expect(refusalsWith(ALARM, { period: 3600, evaluationPeriods: 168 })).to.deep.equal([]);
    expect(refusalsWith(ALARM, { period: 86_400, evaluationPeriods: 7 })).to.deep.equal([]);
    for (const loggingConfiguration of [{ level: "OFF" }, undefined])
      expect(refusalsWith(MACHINE, { loggingConfiguration })).to.deep.equal([]);
  });

  it("accepts the HTTP API's $default stage, stage names at 128, and no variables", () => {
    const stage = "aws:apigateway/stage:Stage";
    const stageV2 = "aws:apigatewayv2/stage:Stage";
    expect(refusalsWith(stage, { stageName: "a".repeat(128), variables: undefined })).to.deep.equal(
      [],
    );
    for (const name of ["$default", "prod", "v1_beta-2"])
      expect(refusalsWith(stageV2, { name }), name).to.deep.equal([]);
    expect(refusalsWith(stageV2, { stageVariables: {} })).to.deep.equal([]);
    const set = "aws:sesv2/configurationSet:ConfigurationSet";
    expect(refusalsWith(set, { configurationSetName: "a" })).to.deep.equal([]);
  });

  it("accepts a security group's rules written twice alike, or one source in two directions", () => {
    const SG = "aws:ec2/securityGroup:SecurityGroup";
    const ssh = { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/16"] };
    // Blocks written alike are one block (the provider keeps them as a set).
    expect(refusalsWith(SG, { ingress: [ssh, { ...ssh }] })).to.deep.equal([]);
    expect(refusalsWith(SG, { ingress: [ssh], egress: [ssh] })).to.deep.equal([]);
    // Another protocol, or another port range, is another permission.
    expect(
      refusalsWith(SG, { ingress: [ssh, { ...ssh, protocol: "udp" }, { ...ssh, toPort: 23 }] }),
    ).to.deep.equal([]);
    expect(
      // A source unknown at preview may or may not be the other: not judged.
      refusalsWith(SG, { ingress: [{ ...ssh, cidrBlocks: [UNKNOWN] }, ssh] }),
    ).to.deep.equal([]);
    expect(
      refusalsWith(SG, { ingress: [{ ...ssh, cidrBlocks: ["10.0.0.0/16", "10.0.0.0/16"] }] }),
    ).to.have.length(1);
  });

  it("does not judge a value unknown at preview, nor a check that reads one", () => {
    // Each pair: an input known and refused, then the same input unknown at preview (in part,
    // where a string is read: what is known of it would still be refused if the unknown part were
    // judged), which draws no refusal.
    const stage = "aws:apigateway/stage:Stage";
    const windows = (family: string) => ({
      runtimePlatform: { operatingSystemFamily: family },
      cpu: "512",
      memory: "1024",
    });
    const pairs: [string, Record<string, unknown>, Record<string, unknown>][] = [
      [FUNCTION, { runtime: "nodejs8.10" }, { runtime: UNKNOWN }],
      [TASK, windows("WINDOWS_SERVER_2022_CORE"), windows(`WINDOWS_${UNKNOWN}`)],
      [
        TASK,
        { requiresCompatibilities: ["FARGATE", "EC2"], memory: undefined },
        { requiresCompatibilities: ["FARGATE", UNKNOWN], memory: undefined },
      ],
      [TASK, { cpu: "128" }, { cpu: UNKNOWN }],
      [
        MACHINE,
        { loggingConfiguration: { level: "ALL" } },
        { loggingConfiguration: { level: UNKNOWN } },
      ],
      [
        MACHINE,
        { loggingConfiguration: { level: "ALL", logDestination: "" } },
        { loggingConfiguration: { level: "ALL", logDestination: UNKNOWN } },
      ],
      [ALARM, { evaluationPeriods: 8641, period: 10 }, { evaluationPeriods: UNKNOWN, period: 10 }],
      [
        KEY,
        { customerMasterKeySpec: "HMAC_256", keyUsage: "SIGN_VERIFY" },
        { customerMasterKeySpec: "HMAC_256", keyUsage: UNKNOWN },
      ],
      [
        DB,
        { storageType: "io1", storageThroughput: undefined, iops: 1, allocatedStorage: 100 },
        { storageType: "io1", storageThroughput: undefined, iops: 1, allocatedStorage: UNKNOWN },
      ],
      [
        DB,
        { storageType: "gp2", storageThroughput: 500 },
        { storageType: `gp2${UNKNOWN}`, storageThroughput: 500 },
      ],
      [DB, { backupRetentionPeriod: 36 }, { backupRetentionPeriod: UNKNOWN }],
      [DB, { storageEncrypted: false }, { storageEncrypted: UNKNOWN }],
      [DB, { storageEncrypted: false }, { storageEncrypted: false, replicateSourceDb: UNKNOWN }],
      [CLUSTER, { engineMode: "serverless" }, { engineMode: UNKNOWN }],
      [stage, { stageName: "prod.v1" }, { stageName: `${UNKNOWN}.v1` }],
      [stage, { stageName: "s".repeat(129) }, { stageName: `${"s".repeat(100)}${UNKNOWN}` }],
      [stage, { variables: { a: "two words" } }, { variables: { a: `${UNKNOWN} words` } }],
      [
        CLUSTER,
        { serverlessv2ScalingConfiguration: { minCapacity: 16, maxCapacity: 8 } },
        { serverlessv2ScalingConfiguration: { minCapacity: 16, maxCapacity: UNKNOWN } },
      ],
    ];
    for (const [type, known, unknown] of pairs) {
      expect(refusalsWith(type, known), `${type} ${JSON.stringify(known)}`).to.not.deep.equal([]);
      expect(refusalsWith(type, unknown), `${type} ${JSON.stringify(unknown)}`).to.deep.equal([]);
    }
  });
});
