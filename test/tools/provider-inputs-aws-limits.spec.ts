// Limits AWS enforces when the provider creates a resource (rules with `by: "aws"`), and the values
// the newer rules must let through: each bound a region or a newer provider accepts, the spellings
// the provider reads in any case, and values unknown at preview. The compliant resources and the
// one-broken-input cases are in provider-inputs-cases-data.ts (run by provider-inputs.spec.ts).
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import type { EngineResource } from "../../tools/lib/engine/monitor";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { refusedAcrossPhases } from "../../tools/lib/provider-checks";
import {
  describeCreateRefusals,
  describeProviderRefusals,
  onlyAtCreate,
  ProviderInputError,
} from "../../tools/check/provider-refusals";
import { COMPLIANT } from "./provider-inputs-cases";
import { refusalsWith } from "./provider-inputs-refusals";
import { imageLifecyclePolicy } from "../../components/runtime/task";

const JOB = "aws:glue/job:Job";
const CRAWLER = "aws:glue/crawler:Crawler";
const WORKGROUP = "aws:redshiftserverless/workgroup:Workgroup";
const TABLE = "aws:dynamodb/table:Table";
const FUNCTION = "aws:lambda/function:Function";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const SCHEDULE = "aws:scheduler/schedule:Schedule";

/** The archive-then-expire policy of terraform-provider-aws's storage-class acceptance test. */
export const ARCHIVE_POLICY = {
  rules: [
    {
      rulePriority: 1,
      description: "Archive images not pulled in 90 days",
      selection: {
        tagStatus: "any",
        countType: "sinceImagePulled",
        countUnit: "days",
        countNumber: 90,
      },
      action: { type: "transition", targetStorageClass: "archive" },
    },
    {
      rulePriority: 2,
      description: "Delete images archived for more than 365 days",
      selection: {
        tagStatus: "any",
        storageClass: "archive",
        countType: "sinceImageTransitioned",
        countUnit: "days",
        countNumber: 365,
      },
      action: { type: "expire" },
    },
  ],
};

function resource(type: string, inputs: Record<string, unknown>, name = "r"): EngineResource {
  return handBuiltResource(type, name, inputs, { stack: "dev", project: "p", outputs: {} });
}

describe("provider inputs: limits AWS enforces at create", () => {
  it("marks a refusal of AWS's as such, with the AWS page that documents the limit", () => {
    const [byAws] = refusalsWith(WORKGROUP, { baseCapacity: 12 });
    expect(byAws.by).to.equal("aws");
    expect(byAws.source).to.equal(
      "https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-capacity.html",
    );
    const [byProvider] = refusalsWith(JOB, { maxRetries: 11 });
    expect(byProvider.by).to.equal("provider");
    expect(byProvider.source).to.equal(
      "hashicorp/terraform-provider-aws internal/service/glue/job.go",
    );
  });

  it("tells a refusal at create apart from the provider's at preview, in the error and its text", () => {
    const workgroup = resource(WORKGROUP, { ...COMPLIANT[WORKGROUP], port: 5430 }, "wg");
    const job = resource(JOB, { ...COMPLIANT[JOB], maxRetries: 11 }, "etl");
    const runs = [{ phase: "preview" as const, resources: [workgroup, job] }];
    const both = new ProviderInputError("dev", refusedAcrossPhases(runs));
    expect(both.message).to.equal("the AWS provider and AWS refuse 2 inputs of stack dev");
    const text = describeProviderRefusals(both);
    const [preview, up] = text.split("And pulumi up would stop:");
    expect(preview).to.include("pulumi preview would stop").and.to.include("maxRetries");
    expect(preview).to.include(
      "provider: expected max_retries to be in the range (0 - 10), got 11",
    );
    expect(up).to.include("AWS refuses an input of stack dev when the provider creates");
    expect(up).to.include("limit: port must be in 5431-5455 or 8191-8215, got 5430");
    expect(up).to.include("API_CreateWorkgroup.html");
    // The pack did not run: the text says so, and nothing of whether preview would pass.
    expect(text).to.include("the policies were not evaluated");
    expect(text).not.to.include("would pass");

    const awsOnly = new ProviderInputError(
      "dev",
      refusedAcrossPhases([{ phase: "preview", resources: [workgroup] }]),
    );
    expect(awsOnly.message).to.equal("AWS refuses 1 input of stack dev");
    // Alone, they do not stop the check (the pack runs): they are listed beside its findings.
    expect(onlyAtCreate(awsOnly)).to.equal(true);
    expect(onlyAtCreate(both)).to.equal(false);
    expect(describeCreateRefusals(awsOnly)).to.match(
      /^pulumi up would stop: AWS refuses an input of stack dev when the provider creates/,
    );
    expect(describeCreateRefusals(awsOnly)).not.to.include("preview would pass");
  });
});

describe("provider inputs: the values the newer rules accept", () => {
  it("accepts each base capacity some region offers, and each port of the two ranges", () => {
    for (const baseCapacity of [4, 8, 16, 128, 512, 544, 768, 1024])
      expect(refusalsWith(WORKGROUP, { baseCapacity }), `${baseCapacity}`).to.deep.equal([]);
    for (const port of [5431, 5439, 5455, 8191])
      expect(refusalsWith(WORKGROUP, { port }), `${port}`).to.deep.equal([]);
    for (const level of [1, 25, 50, 75])
      expect(
        refusalsWith(WORKGROUP, { pricePerformanceTarget: { enabled: true, level } }),
      ).to.deep.equal([]);
  });

  it("accepts a Glue job's command in any case, and a worker type a newer provider lists", () => {
    const script = "s3://scripts/job.py";
    for (const name of ["GlueETL", "pythonshell", "gluestreaming"])
      expect(refusalsWith(JOB, { command: { name, scriptLocation: script } }), name).to.deep.equal(
        [],
      );
    // A Ray job without a timeout; a streaming job's 0 (no limit).
    const ray = { command: { name: "glueray", scriptLocation: script }, timeout: undefined };
    expect(refusalsWith(JOB, ray)).to.deep.equal([]);
    for (const workerType of ["Standard", "G.025X", "G.16X", "R.8X", "G.32X", "Z.4X"])
      expect(refusalsWith(JOB, { workerType }), workerType).to.deep.equal([]);
    expect(
      refusalsWith(JOB, { maxCapacity: 0.0625, workerType: undefined, numberOfWorkers: undefined }),
    ).to.deep.equal([]);
  });

  it("accepts a crawler with any one target, and a provisioned table with both capacities", () => {
    const none = {
      s3Targets: undefined,
      dynamodbTargets: undefined,
      hudiTargets: undefined,
      icebergTargets: undefined,
      catalogTargets: undefined,
    };
    for (const target of [
      { jdbcTargets: [{ connectionName: "db", path: "db/%" }] },
      { deltaTargets: [{ deltaTables: ["s3://d/"], writeManifest: false }] },
      { mongodbTargets: [{ connectionName: "m", path: "db/c" }] },
    ])
      expect(refusalsWith(CRAWLER, { ...none, ...target }), Object.keys(target)[0]).to.deep.equal(
        [],
      );
    const provisioned = { billingMode: "PROVISIONED", readCapacity: 1, writeCapacity: 5 };
    expect(refusalsWith(TABLE, provisioned)).to.deep.equal([]);
    expect(refusalsWith(TABLE, { ...provisioned, billingMode: undefined })).to.deep.equal([]);
    // A table restored from another takes its capacities from it: not judged.
    expect(
      refusalsWith(TABLE, { billingMode: undefined, restoreSourceName: "orders" }),
    ).to.deep.equal([]);
    expect(refusalsWith(FUNCTION, { architectures: ["x86_64"] })).to.deep.equal([]);
  });

  it("accepts the schedule expressions the EventBridge pages give", () => {
    for (const scheduleExpression of [
      "rate(1 minute)",
      "rate(1 day)",
      "rate(12 hours)",
      "cron(0 10 * * ? *)",
      "cron(0/15 8-17 ? * MON-FRI *)",
      "cron(0 3 L * ? *)",
      " cron(15 12 ? * 3#2 *) ",
    ])
      expect(refusalsWith(RULE, { scheduleExpression }), scheduleExpression).to.deep.equal([]);
    // The Scheduler's pages state no singular/plural rule for a rate: not judged there.
    for (const scheduleExpression of ["rate(1 minutes)", "rate(5 minute)", "cron(0 8 1 * ? *)"])
      expect(refusalsWith(SCHEDULE, { scheduleExpression }), scheduleExpression).to.deep.equal([]);
    const [rate] = refusalsWith(RULE, { scheduleExpression: "rate(1 hours)" });
    expect(rate.source).to.match(/eb-rate-expressions\.html$/);
    const [cron] = refusalsWith(RULE, { scheduleExpression: "cron(0 3 * * *)" });
    expect(cron.source).to.match(/eb-scheduled-rule-pattern\.html$/);
  });

  it("accepts any class and type of the documented form, and the storage types in any case", () => {
    const db = "aws:rds/instance:Instance";
    for (const instanceClass of [
      "db.m7g.large",
      "db.r6gd.16xlarge",
      "db.x2iedn.metal",
      "db.t3.micro",
    ])
      expect(refusalsWith(db, { instanceClass }), instanceClass).to.deep.equal([]);
    // Without the compliant instance's gp3 throughput, which no other type takes; Provisioned
    // IOPS storage with the IOPS AWS creates it with (rules-create-db.ts).
    for (const storageType of ["gp2", "GP3", "io1", "io2", "standard", "gp4"]) {
      const iops = storageType.startsWith("io") ? 1000 : undefined;
      expect(
        refusalsWith(db, { storageType, storageThroughput: undefined, iops }),
        storageType,
      ).to.deep.equal([]);
    }
    const cache = "aws:elasticache/cluster:Cluster";
    for (const nodeType of ["cache.t4g.micro", "cache.r6gd.xlarge", "cache.m7g.16xlarge"])
      expect(refusalsWith(cache, { nodeType }), nodeType).to.deep.equal([]);
  });

  it("accepts the platform's own image lifecycle policy and an empty or unreadable one", () => {
    const lifecycle = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
    for (const keep of [1, 20])
      expect(refusalsWith(lifecycle, { policy: imageLifecyclePolicy(keep) })).to.deep.equal([]);
    expect(refusalsWith(lifecycle, { policy: JSON.stringify({ rules: [] }) })).to.deep.equal([]);
    // Archive rules (terraform-provider-aws internal/service/ecr/lifecycle_policy_test.go,
    // testAccLifecyclePolicyConfig_storageClass): a tagStatus any rule archives, a later one
    // expires the archived images. Each storage class has its own last tagStatus any rule.
    expect(refusalsWith(lifecycle, { policy: JSON.stringify(ARCHIVE_POLICY) })).to.deep.equal([]);
    // The policy given as an object (`string | LifecyclePolicyDocument` in the SDK's types), which
    // the bridge sends as its JSON: judged the same.
    expect(refusalsWith(lifecycle, { policy: ARCHIVE_POLICY })).to.deep.equal([]);
    const untagged = { tagStatus: "untagged", countType: "sinceImagePushed", countNumber: 1 };
    const [asObject, ...others] = refusalsWith(lifecycle, {
      policy: { rules: [{ rulePriority: 1, selection: untagged, action: { type: "expire" } }] },
    });
    expect(others).to.deep.equal([]);
    expect(asObject.says).to.deep.equal([
      'policy: rules[0].selection: countType sinceImagePushed needs countUnit "days"',
    ]);
    // Not JSON: the provider's own check refuses it, once, in its words.
    const [notJson, ...more] = refusalsWith(lifecycle, { policy: "{rules: []}" });
    expect([notJson.by, more.length]).to.deep.equal(["provider", 0]);
  });

  it("accepts TXT values split into strings of 255, one CNAME value, several A values", () => {
    const record = "aws:route53/record:Record";
    const values = { aliases: undefined, ttl: 300 };
    // The provider quotes a TXT or SPF value (record.go, flattenTxtEntry); a longer one is split
    // with "" or " " between strings, as its documentation shows ("first255characters\"\"more…").
    const split = (sep: string, n: number) =>
      Array.from({ length: n }, () => "t".repeat(255)).join(sep);
    for (const [type, records] of [
      ["TXT", ["t".repeat(255)]],
      ["TXT", [split('""', 2)]],
      ["SPF", [split('" "', 3)]],
      // 15 strings of 255, 14 separators of 2 and the 2 quotes: 3855 characters sent.
      ["TXT", [split('""', 15)]],
      // A quote escaped inside a string is one character of it.
      ["TXT", ['say \\"hi\\" ' + "t".repeat(245)]],
      // Not TXT or SPF: sent as it is, up to 4000 characters.
      ["CAA", ['0 issue "' + "c".repeat(3980) + '"']],
      ["CNAME", ["app.example.com"]],
      // `records` is a set in the provider's schema: a value given twice is one value.
      ["CNAME", ["app.example.com", "app.example.com"]],
      ["A", ["192.0.2.1", "192.0.2.2"]],
    ] as const)
      expect(refusalsWith(record, { ...values, type, records }), type).to.deep.equal([]);
    // A string of 4000 is refused twice over: quoted it is 4002 characters, in one string of 4000.
    const long = refusalsWith(record, { ...values, type: "TXT", records: ["t".repeat(4000)] });
    expect(long.map((r) => r.by)).to.deep.equal(["aws", "aws"]);
    expect(long.flatMap((r) => r.says)).to.deep.equal([
      "the TXT value is sent quoted, 4002 characters, over 4000",
      "the TXT value's strings are of at most 255 bytes, its 1st has 4000",
    ]);
    // A string's 255 are bytes (RFC 1035, 3.3): a non-ASCII character counts as its UTF-8 bytes, a
    // \ddd escape as the one byte it stands for; the 4000 stay characters of the value.
    const txt = (v: string) =>
      refusalsWith(record, { ...values, type: "TXT", records: [v] }).flatMap((r) => r.says);
    expect(txt("é".repeat(127) + "t")).to.deep.equal([]);
    expect(txt("\\303\\251".repeat(127) + "t")).to.deep.equal([]);
    expect(txt("é".repeat(128))).to.deep.equal([
      "the TXT value's strings are of at most 255 bytes, its 1st has 256",
    ]);
    expect(txt("€".repeat(85) + '""' + "€".repeat(86))).to.deep.equal([
      "the TXT value's strings are of at most 255 bytes, its 2nd has 258",
    ]);
    expect(txt("😀".repeat(64))).to.deep.equal([
      "the TXT value's strings are of at most 255 bytes, its 1st has 256",
    ]);
    // 2000 two-byte characters, quoted: 2002 characters sent, under 4000; split into strings of 127.
    const accented = Array.from({ length: 16 }, (_, i) => "é".repeat(i < 15 ? 127 : 95)).join('""');
    expect(txt(accented)).to.deep.equal([]);
    // A value the check cannot read as quoted strings is left to Route 53.
    expect(
      refusalsWith(record, { ...values, type: "TXT", records: ['a"b' + "t".repeat(300)] }),
    ).to.deep.equal([]);
  });

  it("does not judge a value unknown at preview, nor a check that reads one", () => {
    expect(
      refusalsWith(WORKGROUP, {
        workgroupName: `${UNKNOWN}-wg`,
        namespaceName: UNKNOWN,
        baseCapacity: UNKNOWN,
        port: UNKNOWN,
      }),
    ).to.deep.equal([]);
    // The timeout check reads the command: an unknown command leaves a Ray job's timeout alone.
    expect(refusalsWith(JOB, { command: UNKNOWN, timeout: 60, workerType: UNKNOWN })).to.deep.equal(
      [],
    );
    expect(
      refusalsWith(JOB, { command: { name: UNKNOWN, scriptLocation: "s3://s/j.py" } }),
    ).to.deep.equal([]);
    // Targets built from other resources' outputs: the at-least-one check does not run.
    expect(
      refusalsWith(CRAWLER, {
        s3Targets: UNKNOWN,
        dynamodbTargets: undefined,
        hudiTargets: undefined,
        icebergTargets: undefined,
        catalogTargets: undefined,
      }),
    ).to.deep.equal([]);
    expect(
      refusalsWith(TABLE, { billingMode: "PROVISIONED", restoreSourceTableArn: UNKNOWN }),
    ).to.deep.equal([]);
    expect(refusalsWith(TABLE, { readCapacity: UNKNOWN, billingMode: UNKNOWN })).to.deep.equal([]);
    expect(refusalsWith(FUNCTION, { architectures: [UNKNOWN] })).to.deep.equal([]);
    expect(refusalsWith(RULE, { scheduleExpression: `rate(${UNKNOWN} minutes)` })).to.deep.equal(
      [],
    );
  });
});
