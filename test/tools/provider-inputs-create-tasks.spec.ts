// The limits AWS enforces at create of rules-create-tasks.ts (ECS container definitions, Fargate's
// network mode) and rules-create-db.ts (RDS storage, autoscaling maximum, Performance Insights
// retention): the values each must let through, values unknown at preview, and a refused value
// that comes from config naming its key. The one-broken-input cases are in
// provider-inputs-cases-tasks.ts (run by provider-inputs.spec.ts).
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { refusedAcrossPhases } from "../../tools/lib/provider-checks";
import { validInsightsRetention } from "../../tools/lib/provider-checks/rules-create-db";
import { containersOf } from "../../tools/lib/provider-checks/rules-create-tasks";
import {
  configKeysOf,
  describeProviderRefusals,
  ProviderInputError,
  RefusalConfig,
} from "../../tools/check/provider-refusals";
import { COMPLIANT } from "./provider-inputs-cases";
import {
  APP,
  CLUSTER,
  CLUSTER_INSTANCE,
  containers,
  DB,
  SIDECAR,
  TASK,
} from "./provider-inputs-cases-tasks";
import { refusalsWith as refusals } from "./provider-inputs-refusals";

/** The refusals' words of the compliant resource of `type` with `change` applied. */
const refusalsWith = (type: string, change: Record<string, unknown>) =>
  refusals(type, change).map((r) => r.says.join("; "));

/** An EC2-only task without task-level sizes. */
const EC2 = { requiresCompatibilities: ["EC2"], cpu: undefined, memory: undefined };

describe("provider inputs: ECS container definitions AWS refuses at registration, the values they accept", () => {
  it("accepts a container essential by default, a reservation equal to its memory, either alone", () => {
    for (const list of [
      [APP],
      [{ ...APP, essential: true }, { ...SIDECAR }],
      [{ ...APP, memoryReservation: undefined }, SIDECAR],
      [{ ...APP, memory: undefined }, SIDECAR],
      [{ ...APP, memoryReservation: 128 }, SIDECAR],
    ])
      expect(refusalsWith(TASK, { containerDefinitions: containers(...list) })).to.deep.equal([]);
  });

  it("takes the task's memory for containers that give none, on EC2 as on Fargate", () => {
    const bare = { name: "app", image: "nginx" };
    expect(refusalsWith(TASK, { containerDefinitions: containers(bare) })).to.deep.equal([]);
    expect(
      refusalsWith(TASK, { ...EC2, memory: "1024", containerDefinitions: containers(bare) }),
    ).to.deep.equal([]);
    // Zero is no memory: AWS asks for a non-zero value.
    const zero = containers({ ...bare, memory: 0 });
    expect(refusalsWith(TASK, { ...EC2, containerDefinitions: zero })).to.have.length(1);
  });

  it("lets host ports be left out, 0 or the container port, and remapped in bridge mode", () => {
    const mapped = (hostPort: unknown) =>
      containers({ ...APP, portMappings: [{ containerPort: 8080, hostPort }] });
    for (const hostPort of [undefined, 0, 8080])
      expect(refusalsWith(TASK, { containerDefinitions: mapped(hostPort) })).to.deep.equal([]);
    for (const networkMode of ["bridge", "none", undefined])
      expect(
        refusalsWith(TASK, { ...EC2, networkMode, containerDefinitions: mapped(80) }),
        String(networkMode),
      ).to.deep.equal([]);
    // A range of container ports has no single port to compare: left to AWS.
    const range = containers({
      ...APP,
      portMappings: [{ containerPortRange: "8000-8010", hostPort: 80 }],
    });
    expect(refusalsWith(TASK, { containerDefinitions: range })).to.deep.equal([]);
  });

  it("refuses every container problem at once, each naming its container", () => {
    const says = refusalsWith(TASK, {
      containerDefinitions: containers(
        { essential: false, image: "" },
        { name: "b", image: "x", essential: false, memory: 100, memoryReservation: 200 },
      ),
    });
    expect(says).to.deep.equal([
      "containerDefinitions[0] has no name: RegisterTaskDefinition refuses a container without one",
      "containerDefinitions[0] has no image: RegisterTaskDefinition refuses a container without one",
      'no container is essential (every one sets "essential": false): a task needs at least one essential container',
      'container "b" (containerDefinitions[1]): memoryReservation 200 MiB is over its memory 100 MiB',
    ]);
  });

  it("leaves definitions that do not parse to the provider, and values unknown at preview alone", () => {
    expect(containersOf("[{")).to.equal(undefined);
    expect(containersOf('{"name":"app"}')).to.equal(undefined);
    expect(containersOf(null)).to.equal(undefined);
    expect(containersOf('[null, 1, {"name":"a"}]')).to.deep.equal([{ name: "a" }]);
    // Not JSON: the provider's own refusal, once; an empty list is AWS's, not judged here.
    expect(refusalsWith(TASK, { containerDefinitions: "[{" })).to.have.length(1);
    expect(refusalsWith(TASK, { containerDefinitions: "[]" })).to.deep.equal([]);
    for (const change of [
      { containerDefinitions: UNKNOWN },
      // Without a task memory the containers would be judged, were they known.
      { ...EC2, containerDefinitions: UNKNOWN },
      { requiresCompatibilities: UNKNOWN, networkMode: "bridge" },
      { networkMode: UNKNOWN },
    ])
      expect(refusalsWith(TASK, change), JSON.stringify(change)).to.deep.equal([]);
  });

  it("leaves a Fargate network mode the provider refuses (a wrong case) to the provider", () => {
    const says = refusalsWith(TASK, { networkMode: "AWSVPC" });
    expect(says).to.have.length(1);
    expect(says[0]).to.not.include("requires FARGATE");
    expect(refusalsWith(TASK, { ...EC2, networkMode: undefined })).to.deep.equal([]);
  });
});

describe("provider inputs: RDS storage limits AWS refuses at create, the values they accept", () => {
  const gp3 = { storageThroughput: undefined, maxAllocatedStorage: undefined };

  it("accepts each end of each engine's range for each storage type", () => {
    const ends: [string, string, number, number][] = [
      ["postgres", "gp2", 20, 65536],
      ["mysql", "gp3", 20, 65536],
      ["mariadb", "io1", 100, 65536],
      ["postgres", "io2", 100, 65536],
      ["mysql", "standard", 5, 3072],
      ["db2-ae", "gp3", 20, 65536],
      ["db2-se", "io1", 100, 65536],
    ];
    for (const [engine, storageType, low, high] of ends)
      for (const allocatedStorage of [low, high]) {
        const iops = storageType.startsWith("io") ? allocatedStorage : undefined;
        const change = { ...gp3, engine, storageType, allocatedStorage, iops };
        expect(refusalsWith(DB, change), JSON.stringify(change)).to.deep.equal([]);
      }
  });

  it("judges an S3 import's allocated storage as a create's, and only that", () => {
    const s3Import = {
      bucketName: "backups",
      ingestionRole: "arn:aws:iam::123456789012:role/rds-s3-import",
      sourceEngine: "mysql",
      sourceEngineVersion: "8.0.36",
    };
    const mysql = { ...gp3, engine: "mysql", engineVersion: "8.0.36", s3Import };
    expect(refusalsWith(DB, { ...mysql, allocatedStorage: 10 })).to.deep.equal([
      "mysql on gp3 storage takes 20 to 65536 GiB, got 10 (an S3 import follows " +
        "CreateDBInstance's allocation rules: " +
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromS3.html)",
    ]);
    expect(refusalsWith(DB, { ...mysql, allocatedStorage: 20 })).to.deep.equal([]);
    // Its IOPS rules are not stated as CreateDBInstance's are: not judged.
    expect(
      refusalsWith(DB, { ...mysql, storageType: "io1", iops: undefined, allocatedStorage: 100 }),
    ).to.deep.equal([]);
  });

  it("leaves engines and types whose ranges are not stated, sources and unknowns alone", () => {
    for (const change of [
      { engine: "oracle-ee", allocatedStorage: 10 },
      { engine: "sqlserver-ex", allocatedStorage: 10, port: undefined },
      { engine: "custom-oracle-ee", allocatedStorage: 10 },
      { engine: "db2-se", storageType: "gp2", allocatedStorage: 10 },
      { engine: undefined, allocatedStorage: 10 },
      { replicateSourceDb: "arn:aws:rds:us-east-1:123456789012:db:main", allocatedStorage: 10 },
      { snapshotIdentifier: "snap-1", storageType: "io1", iops: undefined },
      { allocatedStorage: UNKNOWN, maxAllocatedStorage: 100 },
      { engine: UNKNOWN, allocatedStorage: 10 },
      { storageType: UNKNOWN },
    ])
      expect(refusalsWith(DB, { ...gp3, ...change }), JSON.stringify(change)).to.deep.equal([]);
    // gp3 with or without IOPS: not judged (AWS takes IOPS only from 400 GiB, a size rule of
    // its own the pages word differently).
    expect(refusalsWith(DB, { ...gp3, iops: 3000 })).to.deep.equal([]);
  });

  it("accepts an autoscaling maximum of 10% over, or 0 to turn it off", () => {
    for (const [allocatedStorage, maxAllocatedStorage] of [
      [400, 440],
      [20, 22],
      [21, 24],
      [400, 0],
      [400, undefined],
    ])
      expect(
        refusalsWith(DB, { allocatedStorage, maxAllocatedStorage }),
        `${allocatedStorage}/${maxAllocatedStorage}`,
      ).to.deep.equal([]);
    // 21 × 1.1 = 23.1: 23 is under it.
    expect(refusalsWith(DB, { allocatedStorage: 21, maxAllocatedStorage: 23 })).to.deep.equal([
      "maxAllocatedStorage 23 GiB is not at least 10% over allocatedStorage 21 GiB (24 or more)",
    ]);
  });

  it("accepts 7, every month of 31 days up to 23, and 731 days of Performance Insights", () => {
    const valid = [7, 731, ...Array.from({ length: 23 }, (_, i) => 31 * (i + 1))];
    for (let days = 1; days <= 800; days++)
      expect(validInsightsRetention(days), String(days)).to.equal(valid.includes(days));
    for (const type of [DB, CLUSTER, CLUSTER_INSTANCE]) {
      for (const days of valid)
        expect(refusalsWith(type, { performanceInsightsRetentionPeriod: days })).to.deep.equal([]);
      // Off, left at 0, or unknown: not judged.
      for (const change of [
        { performanceInsightsEnabled: false, performanceInsightsRetentionPeriod: 94 },
        { performanceInsightsEnabled: undefined, performanceInsightsRetentionPeriod: 94 },
        { performanceInsightsRetentionPeriod: 0 },
        { performanceInsightsRetentionPeriod: UNKNOWN },
        { performanceInsightsEnabled: UNKNOWN, performanceInsightsRetentionPeriod: 94 },
      ])
        expect(refusalsWith(type, change), `${type} ${JSON.stringify(change)}`).to.deep.equal([]);
    }
  });
});

describe("provider inputs: a create-time limit crossed by a config value names the key", () => {
  const meta = { stack: "dev", project: "app", outputs: {} };
  const config = (key: string, value: string): RefusalConfig => ({
    values: { [key]: value },
    sources: { [key]: { from: "stack", file: "Pulumi.dev.yaml", line: 4 } },
    secretKeys: [],
    reads: new Map([[key, { file: "index.ts", line: 9, column: 3 }]]),
  });
  const refused = (type: string, inputs: Record<string, unknown>) =>
    refusedAcrossPhases([
      {
        phase: "apply",
        resources: [handBuiltResource(type, "r", { ...COMPLIANT[type], ...inputs }, meta)],
      },
    ]);

  it("names the key of a host port inside the container definitions", () => {
    const defs = containers({ ...APP, portMappings: [{ containerPort: 8080, hostPort: 8081 }] });
    const [r, ...rest] = refused(TASK, { containerDefinitions: defs });
    expect(rest).to.deep.equal([]);
    const keys = config("app:hostPort", "8081");
    expect(configKeysOf(r, keys)).to.deep.equal(["app:hostPort"]);
    expect(describeProviderRefusals(new ProviderInputError("dev", [r], keys))).to.include(
      "may come from config key app:hostPort (Pulumi.dev.yaml:4, read at index.ts:9): if so, change it there",
    );
  });

  it("shows the container a missing memory is about, not that no value was given", () => {
    const bare = { name: "app", image: APP.image };
    const [r, ...rest] = refused(TASK, {
      requiresCompatibilities: ["EC2"],
      cpu: undefined,
      memory: undefined,
      containerDefinitions: containers(bare),
    });
    expect(rest.map((x) => x.says)).to.deep.equal([]);
    const text = describeProviderRefusals(new ProviderInputError("dev", [r]));
    expect(text).to.include(`containerDefinitions = ${JSON.stringify(bare)}`);
    expect(text).not.to.include("(none given)");
  });

  it("names the key of an allocated storage and of a retention period", () => {
    const [size] = refused(DB, { allocatedStorage: 19, storageThroughput: undefined });
    expect(configKeysOf(size, config("app:dbStorageGb", "19"))).to.deep.equal(["app:dbStorageGb"]);
    const [days] = refused(CLUSTER, { performanceInsightsRetentionPeriod: 30 });
    expect(configKeysOf(days, config("app:insightsDays", "30"))).to.deep.equal([
      "app:insightsDays",
    ]);
    expect(configKeysOf(days, config("app:insightsDays", "31"))).to.deep.equal([]);
  });
});
