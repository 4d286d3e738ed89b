// The checks of rules-create-windows.ts (RDS and ElastiCache windows), rules-create-subscriptions.ts
// (SNS subscription endpoints, roles and scopes), rules-create-tables.ts (DynamoDB secondary index
// limits), rules-health-checks.ts (Route 53 health checks), an ECS service's DAEMON strategy
// (rules-create-tasks.ts), a Firehose stream's S3 buffering (rules-firehose.ts) and EC2 launch
// templates (rules-launch-templates.ts): the values each must let through,
// values unknown at preview, and a refused value that comes from config naming its key. The
// one-broken-input cases are in provider-inputs-cases-windows.ts (run by provider-inputs.spec.ts).
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { refusedAcrossPhases } from "../../tools/lib/provider-checks";
import {
  dailyWindow,
  overlaps,
  weeklyWindow,
} from "../../tools/lib/provider-checks/rules-create-windows";
import {
  configKeysOf,
  describeProviderRefusals,
  ProviderInputError,
  RefusalConfig,
} from "../../tools/check/provider-refusals";
import { COMPLIANT } from "./provider-inputs-cases";
import {
  CACHE,
  CLUSTER,
  DAEMON,
  DB,
  ECS_SERVICE,
  GROUP,
  HEALTH_CHECK,
  LAUNCH_TEMPLATE,
  attributeNames,
  fullGlobals,
  fullLocals,
  lsis,
  projecting,
  SUBSCRIPTION,
  TABLE,
  volume,
} from "./provider-inputs-cases-windows";
import { refusalsWith as refusals } from "./provider-inputs-refusals";

const FIREHOSE_STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";

/** The refusals' words of the compliant resource of `type` with `change` applied. */
const refusalsWith = (type: string, change: Record<string, unknown>) =>
  refusals(type, change).map((r) => r.says.join("; "));

describe("provider inputs: RDS and ElastiCache windows, the values AWS accepts", () => {
  it("reads windows as minutes, past midnight and past Saturday, and no other format", () => {
    expect(dailyWindow("23:45-00:15")).to.deep.equal({ start: 1425, end: 1455 });
    expect(weeklyWindow("SAT:23:50-sun:00:20")).to.deep.equal({ start: 10070, end: 10100 });
    expect(weeklyWindow("mon:01:00-mon:02:00")).to.deep.equal({ start: 1500, end: 1560 });
    for (const text of ["4:30-05:00", "04:30", "24:00-01:00", "04:30-05:00-06:00", 430, undefined])
      expect(dailyWindow(text), String(text)).to.equal(undefined);
    for (const text of ["sunday:05:00-sun:06:00", "sun:05:00", "sun-05:00-sun:06:00", null])
      expect(weeklyWindow(text), String(text)).to.equal(undefined);
  });

  it("finds an overlap on the maintenance day only, windows that touch not overlapping", () => {
    const maintenance = weeklyWindow("wed:05:00-wed:05:30")!;
    expect(overlaps(dailyWindow("05:10-05:40")!, maintenance)).to.equal(true);
    expect(overlaps(dailyWindow("04:00-05:01")!, maintenance)).to.equal(true);
    expect(overlaps(dailyWindow("04:30-05:00")!, maintenance)).to.equal(false);
    expect(overlaps(dailyWindow("05:30-06:00")!, maintenance)).to.equal(false);
    // A daily window past midnight meets a weekly one that starts on Sunday morning...
    expect(overlaps(dailyWindow("23:50-00:20")!, weeklyWindow("sun:00:10-sun:00:40")!)).to.equal(
      true,
    );
    // ... and one that wraps past Saturday midnight, on either side of it.
    const wrapping = weeklyWindow("sat:23:50-sun:00:20")!;
    expect(overlaps(dailyWindow("00:00-00:30")!, wrapping)).to.equal(true);
    expect(overlaps(dailyWindow("23:00-23:55")!, wrapping)).to.equal(true);
    expect(overlaps(dailyWindow("00:20-00:50")!, wrapping)).to.equal(false);
  });

  it("accepts windows of exactly 30 (RDS) and 60 (ElastiCache) minutes, and longer ones", () => {
    for (const [type, change] of [
      [DB, { backupWindow: "22:00-06:00", maintenanceWindow: "tue:10:00-tue:18:00" }],
      [
        CLUSTER,
        { preferredBackupWindow: "23:45-00:15", preferredMaintenanceWindow: "wed:12:00-wed:12:30" },
      ],
      [CACHE, { maintenanceWindow: "mon:23:30-tue:00:30" }],
      [GROUP, { maintenanceWindow: "sun:05:00-sun:09:00" }],
    ] as const)
      expect(refusalsWith(type, change), JSON.stringify(change)).to.deep.equal([]);
  });

  it("leaves the overlap alone without automated backups, and unknown windows alone", () => {
    const overlapping = { backupWindow: "05:00-05:30", maintenanceWindow: "sun:05:00-sun:05:30" };
    expect(refusalsWith(DB, overlapping)).to.have.length(1);
    expect(refusalsWith(DB, { ...overlapping, backupRetentionPeriod: 0 })).to.deep.equal([]);
    for (const change of [
      { ...overlapping, backupWindow: UNKNOWN },
      { ...overlapping, maintenanceWindow: UNKNOWN },
      { ...overlapping, backupRetentionPeriod: UNKNOWN },
    ])
      expect(refusalsWith(DB, change), JSON.stringify(change)).to.deep.equal([]);
    expect(
      refusalsWith(CLUSTER, { preferredBackupWindow: UNKNOWN, preferredMaintenanceWindow: "x" }),
    ).to.have.length(1); // the format of the known one, at preview
  });
});

describe("provider inputs: SNS subscriptions, the endpoints and roles AWS accepts", () => {
  const FIREHOSE = "arn:aws:firehose:eu-west-1:123456789012:deliverystream/events";
  it("accepts each protocol's endpoint, and judges no e-mail address or phone number", () => {
    for (const [protocol, endpoint] of [
      ["sqs", "arn:aws:sqs:us-east-1:123456789012:orders.fifo"],
      ["lambda", "arn:aws:lambda:us-east-1:123456789012:function:orders"],
      ["lambda", "arn:aws-cn:lambda:cn-north-1:123456789012:function:orders:3"],
      ["firehose", FIREHOSE],
      ["application", "arn:aws:sns:us-east-1:123456789012:endpoint/APNS/app/0a1b"],
      ["https", "https://hooks.example.com/sns?token=a:b"],
      ["https", "HTTPS://hooks.example.com/"],
      ["http", "http://10.0.0.5:8080/sns"],
      ["email", "not an address"],
      ["sms", "+15555550100"],
    ])
      expect(refusalsWith(SUBSCRIPTION, { protocol, endpoint }), protocol).to.deep.equal([]);
  });

  it("refuses an http endpoint for https and the reverse, and a queue URL for sqs", () => {
    expect(refusalsWith(SUBSCRIPTION, { protocol: "https", endpoint: "http://a" })).to.deep.equal([
      `a https subscription's endpoint is a URL beginning with https://, not "http://a"`,
    ]);
    expect(refusalsWith(SUBSCRIPTION, { protocol: "lambda", endpoint: FIREHOSE })).to.have.length(
      1,
    );
  });

  it("leaves unknown endpoints, protocols and roles alone, and counts an empty policy or role as given", () => {
    for (const change of [
      { protocol: "sqs", endpoint: UNKNOWN },
      { protocol: UNKNOWN, endpoint: "orders" },
      { protocol: "firehose", endpoint: FIREHOSE, subscriptionRoleArn: UNKNOWN },
      { protocol: "firehose", endpoint: FIREHOSE, subscriptionRoleArn: "" },
      { filterPolicy: "", filterPolicyScope: "MessageBody" },
      { filterPolicy: UNKNOWN, filterPolicyScope: "MessageBody" },
      { filterPolicy: undefined, filterPolicyScope: "" },
      { filterPolicy: undefined, filterPolicyScope: undefined },
    ])
      expect(refusalsWith(SUBSCRIPTION, change), JSON.stringify(change)).to.deep.equal([]);
  });
});

describe("provider inputs: DynamoDB secondary index limits, the tables AWS accepts", () => {
  it("counts a non-key attribute once per index that projects it, local indexes too", () => {
    // The compliant table: 4 global and 1 local index of 20 (a0 to a19 each) make 100.
    expect(refusalsWith(TABLE, {})).to.deep.equal([]);
    const [first, second, ...rest] = fullLocals();
    const oneMore = { ...second, projectionType: "INCLUDE", nonKeyAttributes: ["a0"] };
    expect(refusalsWith(TABLE, { localSecondaryIndexes: [first, oneMore, ...rest] })).to.deep.equal(
      [
        "the INCLUDE secondary indexes project 101 non-key attributes in all (gsi1 20, gsi2 20, gsi3 20, gsi4 20, lsi0 20, lsi1 1), over the 100 a table may have",
      ],
    );
  });

  it("counts a global index's names once (a set), a local index's as listed", () => {
    const twice = { ...projecting("gsi1", 20), nonKeyAttributes: [...attributeNames(20), "a0"] };
    expect(
      refusalsWith(TABLE, { globalSecondaryIndexes: [twice, ...fullGlobals().slice(1)] }),
    ).to.deep.equal([]);
    const [local, ...rest] = fullLocals();
    const listed = { ...local, nonKeyAttributes: [...attributeNames(20), "a0"] };
    expect(refusalsWith(TABLE, { localSecondaryIndexes: [listed, ...rest] })).to.deep.equal([
      "the secondary index lsi0 projects 21 non-key attributes, over the 20 one index may list",
      "the INCLUDE secondary indexes project 101 non-key attributes in all (gsi1 20, gsi2 20, gsi3 20, gsi4 20, lsi0 21), over the 100 a table may have",
    ]);
  });

  it("counts INCLUDE indexes only toward the 100, and every index toward the 20", () => {
    // ALL projects every attribute and counts nothing, however many the table has.
    const all = { ...projecting("gsi5", 0), projectionType: "ALL", nonKeyAttributes: undefined };
    expect(refusalsWith(TABLE, { globalSecondaryIndexes: [...fullGlobals(), all] })).to.deep.equal(
      [],
    );
    // An ALL index that lists names: AWS refuses it on its own ("ProjectionType is ALL, but
    // NonKeyAttributes is specified"), a refusal this check does not judge; it is not counted as
    // a 101st projected attribute, and its 21 names are over what one index may list.
    const listing = { ...projecting("gsi5", 21), projectionType: "ALL" };
    expect(
      refusalsWith(TABLE, { globalSecondaryIndexes: [...fullGlobals(), listing] }),
    ).to.deep.equal([
      "the secondary index gsi5 projects 21 non-key attributes, over the 20 one index may list",
    ]);
  });

  it("does not limit global indexes to AWS's default quota, and leaves unknown indexes alone", () => {
    const many = Array.from({ length: 25 }, (_, i) => ({
      ...projecting(`gsi${i}`, 0),
      projectionType: "KEYS_ONLY",
      nonKeyAttributes: undefined,
    }));
    expect(refusalsWith(TABLE, { globalSecondaryIndexes: many })).to.deep.equal([]);
    expect(refusalsWith(TABLE, { localSecondaryIndexes: UNKNOWN })).to.deep.equal([]);
    expect(
      refusalsWith(TABLE, { globalSecondaryIndexes: UNKNOWN, localSecondaryIndexes: lsis(6) }),
    ).to.have.length(1);
  });
});

describe("provider inputs: Route 53 health checks, the values the provider accepts", () => {
  it("accepts IPv4 and IPv6 addresses, every listed type and a newer one of the same shape", () => {
    for (const change of [
      { ipAddress: "192.0.2.10" },
      { type: "CALCULATED", childHealthchecks: ["a", "a", "b"] },
      { type: "CLOUDWATCH_METRIC", insufficientDataHealthStatus: "Unhealthy" },
      { type: "HTTP2_STR_MATCH" },
      { regions: [] },
      { regions: ["us-east-1", "us-west-2", "sa-east-1", "me-south-1"] },
      { requestInterval: 10, failureThreshold: 1, port: 65535 },
      { failureThreshold: UNKNOWN, regions: UNKNOWN },
    ])
      expect(refusalsWith(HEALTH_CHECK, change), JSON.stringify(change)).to.deep.equal([]);
    // A set: 300 ids that are 2 distinct ones are 2.
    const repeated = Array.from({ length: 300 }, (_, i) => `hc-${i % 2}`);
    expect(refusalsWith(HEALTH_CHECK, { childHealthchecks: repeated })).to.deep.equal([]);
  });
});

describe("provider inputs: an ECS service's DAEMON scheduling strategy, what AWS accepts", () => {
  it("accepts DAEMON on EC2 or EXTERNAL instances with the ECS controller, or none given", () => {
    for (const change of [
      DAEMON,
      { ...DAEMON, launchType: "EXTERNAL" },
      { ...DAEMON, launchType: undefined, deploymentController: undefined },
      // REPLICA takes all three.
      { volumeConfiguration: { name: "data", managedEbsVolume: { roleArn: "r" } } },
    ])
      expect(refusalsWith(ECS_SERVICE, change), JSON.stringify(change)).to.deep.equal([]);
  });

  it("lists every problem of one DAEMON service, and judges none with an unknown among its inputs", () => {
    expect(
      refusalsWith(ECS_SERVICE, {
        schedulingStrategy: "DAEMON",
        volumeConfiguration: { name: "v" },
      }),
    ).to.deep.equal([
      "Fargate tasks do not support the DAEMON scheduling strategy",
      "a service of the CODE_DEPLOY deployment controller does not support the DAEMON scheduling strategy",
      "a volume configuration is supported only for a REPLICA service, not with the DAEMON scheduling strategy",
    ]);
    for (const change of [
      { schedulingStrategy: UNKNOWN },
      { schedulingStrategy: "DAEMON", launchType: UNKNOWN, deploymentController: UNKNOWN },
    ])
      expect(refusalsWith(ECS_SERVICE, change), JSON.stringify(change)).to.deep.equal([]);
  });
});

describe("provider inputs: EC2 launch templates, the values the provider accepts", () => {
  it("accepts a later volume type of the SDK's shape, every volume of a list judged", () => {
    for (const change of [
      { blockDeviceMappings: volume({ volumeType: "gp4" }) },
      { blockDeviceMappings: [...volume({ volumeType: "io2" }), ...volume({})] },
      { metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 } },
      { metadataOptions: { httpPutResponseHopLimit: UNKNOWN }, blockDeviceMappings: UNKNOWN },
    ])
      expect(refusalsWith(LAUNCH_TEMPLATE, change), JSON.stringify(change)).to.deep.equal([]);
    // Two volumes refused alike are two refusals, each under its own index.
    const both = [...volume({ volumeType: "SSD" }), ...volume({ volumeType: "SSD" })];
    expect(refusalsWith(LAUNCH_TEMPLATE, { blockDeviceMappings: both })).to.deep.equal(
      [0, 1].map(
        (i) =>
          `expected block_device_mappings.${i}.ebs.0.volume_type to be one of ["standard" "io1" "io2" "gp2" "sc1" "st1" "gp3"], got SSD`,
      ),
    );
  });
});

describe("provider inputs: a Firehose stream's S3 buffering, what AWS accepts", () => {
  const S3 = { bucketArn: "arn:aws:s3:::logs", roleArn: "arn:aws:iam::123456789012:role/f" };
  it("accepts each bound and leaves values unknown at preview alone", () => {
    for (const hints of [
      { bufferingSize: 1, bufferingInterval: 900 },
      { bufferingSize: 128, bufferingInterval: 0 },
      { bufferingSize: UNKNOWN, bufferingInterval: UNKNOWN },
      {},
    ])
      expect(
        refusalsWith(FIREHOSE_STREAM, { extendedS3Configuration: { ...S3, ...hints } }),
        JSON.stringify(hints),
      ).to.deep.equal([]);
  });
});

describe("provider inputs: a window, endpoint or index count from config names the key", () => {
  const meta = { stack: "dev", project: "app", outputs: {} };
  const config = (key: string, value: string): RefusalConfig => ({
    values: { [key]: value },
    sources: { [key]: { from: "stack", file: "Pulumi.dev.yaml", line: 7 } },
    secretKeys: [],
    reads: new Map([[key, { file: "index.ts", line: 12, column: 5 }]]),
  });
  const refused = (type: string, inputs: Record<string, unknown>) =>
    refusedAcrossPhases([
      {
        phase: "apply",
        resources: [handBuiltResource(type, "r", { ...COMPLIANT[type], ...inputs }, meta)],
      },
    ]);

  it("names the key of a backup window that overlaps, and of one too short", () => {
    const [overlap, ...rest] = refused(DB, { backupWindow: "05:10-05:40" });
    expect(rest).to.deep.equal([]);
    const keys = config("app:backupWindow", "05:10-05:40");
    expect(configKeysOf(overlap, keys)).to.deep.equal(["app:backupWindow"]);
    expect(describeProviderRefusals(new ProviderInputError("dev", [overlap], keys))).to.include(
      "may come from config key app:backupWindow (Pulumi.dev.yaml:7, read at index.ts:12): if so, change it there",
    );
    const [short] = refused(CACHE, { maintenanceWindow: "sun:05:00-sun:05:30" });
    expect(configKeysOf(short, config("app:cacheWindow", "sun:05:00-sun:05:30"))).to.deep.equal([
      "app:cacheWindow",
    ]);
  });

  it("names the key of a launch template's hop limit", () => {
    const [hops] = refused(LAUNCH_TEMPLATE, { metadataOptions: { httpPutResponseHopLimit: 70 } });
    expect(hops.prop).to.equal("metadataOptions.httpPutResponseHopLimit");
    expect(configKeysOf(hops, config("app:hopLimit", "70"))).to.deep.equal(["app:hopLimit"]);
  });

  it("names the key of a Firehose buffering size", () => {
    const s3 = {
      bucketArn: "arn:aws:s3:::logs",
      roleArn: "arn:aws:iam::1:role/f",
      bufferingSize: 256,
    };
    const [size, ...rest] = refused(FIREHOSE_STREAM, { extendedS3Configuration: s3 });
    expect(rest).to.deep.equal([]);
    expect(size.prop).to.equal("extendedS3Configuration.bufferingSize");
    expect(configKeysOf(size, config("app:bufferMb", "256"))).to.deep.equal(["app:bufferMb"]);
  });

  it("names the key of a subscription endpoint and of a health check threshold", () => {
    const [endpoint] = refused(SUBSCRIPTION, { protocol: "sqs", endpoint: "orders" });
    expect(configKeysOf(endpoint, config("app:alertQueue", "orders"))).to.deep.equal([
      "app:alertQueue",
    ]);
    const [threshold] = refused(HEALTH_CHECK, { failureThreshold: 12 });
    expect(configKeysOf(threshold, config("app:failures", "12"))).to.deep.equal(["app:failures"]);
    expect(configKeysOf(threshold, config("app:failures", "10"))).to.deep.equal([]);
  });
});
