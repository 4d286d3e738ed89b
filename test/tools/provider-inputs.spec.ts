// The table of provider-input validators (tools/lib/provider-checks): for each resource type a
// compliant resource the provider accepts, then one input broken at a time (and each bound
// crossed by one), each refused alone with the provider's wording; auto-names judged as Pulumi
// makes them; unknown values not judged; secrets not shown; every rule naming an input the
// installed @pulumi/aws declares.
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import type { EngineResource } from "../../tools/lib/engine/monitor";
import { secret, UNKNOWN } from "../../tools/lib/engine/wire";
import { inputPathsNamed } from "../../tools/lib/provider-inputs";
import {
  CROSS_RULES,
  INPUT_RULES,
  refusedAcrossPhases,
  refusedInputs,
} from "../../tools/lib/provider-checks";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const POLICY_DOC = JSON.stringify({ Version: "2012-10-17", Statement: [] });

function resource(type: string, name: string, inputs: Record<string, unknown>): EngineResource {
  return handBuiltResource(type, name, inputs, { stack: "dev", project: "p", outputs: {} });
}

/** A resource of each type the tables cover, with inputs the provider accepts. */
const COMPLIANT: Record<string, Record<string, unknown>> = {
  "aws:iam/role:Role": {
    name: "app-role_1+=,.@",
    path: "/service/",
    description: "the app's role",
    maxSessionDuration: 3600,
    permissionsBoundary: "arn:aws:iam::123456789012:policy/boundary",
    managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    assumeRolePolicy: POLICY_DOC,
  },
  "aws:iam/policy:Policy": { name: "read", policy: POLICY_DOC },
  "aws:iam/instanceProfile:InstanceProfile": { namePrefix: "web-", role: "app" },
  "aws:iam/rolePolicy:RolePolicy": { name: "inline", role: "app", policy: POLICY_DOC },
  "aws:cloudwatch/eventTarget:EventTarget": {
    rule: "nightly",
    targetId: "t".repeat(64),
    arn: "arn:aws:lambda:us-east-1:123456789012:function:f",
    roleArn: ROLE_ARN,
    input: "{}",
    retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 0 },
  },
  "aws:sns/topic:Topic": { name: "alerts", signatureVersion: 2 },
  "aws:s3/bucket:Bucket": { bucket: "b".repeat(63) },
  "aws:s3/bucketV2:BucketV2": { bucketPrefix: "p".repeat(37) },
  "aws:sfn/stateMachine:StateMachine": {
    name: "m".repeat(80),
    roleArn: ROLE_ARN,
    definition: "{}",
    type: "EXPRESS",
    encryptionConfiguration: { kmsDataKeyReusePeriodSeconds: 900 },
  },
  "aws:dynamodb/table:Table": {
    billingMode: "PAY_PER_REQUEST",
    hashKey: "pk",
    rangeKey: "sk",
    attributes: [
      { name: "pk", type: "S" },
      { name: "sk", type: "N" },
      { name: "gpk", type: "B" },
      { name: "lsk", type: "S" },
    ],
    globalSecondaryIndexes: [{ name: "g", hashKey: "gpk", projectionType: "ALL" }],
    localSecondaryIndexes: [{ name: "l", rangeKey: "lsk", projectionType: "KEYS_ONLY" }],
    streamViewType: "NEW_AND_OLD_IMAGES",
    tableClass: "STANDARD_INFREQUENT_ACCESS",
  },
  "aws:iam/user:User": { name: "ci@example.com", permissionsBoundary: "arn:aws:iam::1:policy/b" },
  "aws:lambda/function:Function": {
    name: "handler_1",
    handler: "index.handler",
    memorySize: 128,
    timeout: 900,
    runtime: "nodejs22.x",
    ephemeralStorage: { size: 512 },
    role: ROLE_ARN,
    layers: ["arn:aws:lambda:us-east-1:123456789012:layer:deps:3"],
    code: { "4dabf18193072939515e22adb298388d": "0def7320c3a5731c473e5ecbe6d01bc7", path: "." },
  },
  "aws:ec2/securityGroup:SecurityGroup": { name: "web", description: "d".repeat(255) },
  "aws:lb/loadBalancer:LoadBalancer": { name: "a".repeat(32) },
  "aws:alb/loadBalancer:LoadBalancer": { name: "web-alb" },
  "aws:lb/targetGroup:TargetGroup": { name: "web-tg", port: 80 },
  "aws:alb/targetGroup:TargetGroup": { name: "web-tg-2", port: 80 },
  "aws:rds/instance:Instance": { identifier: "app-db-1" },
  "aws:rds/cluster:Cluster": { clusterIdentifier: "app-cluster" },
  "aws:sqs/queue:Queue": {
    name: "orders.fifo",
    fifoQueue: true,
    contentBasedDeduplication: true,
    delaySeconds: 900,
    maxMessageSize: 1024,
    messageRetentionSeconds: 1_209_600,
    visibilityTimeoutSeconds: 0,
    kmsMasterKeyId: "alias/app",
    kmsDataKeyReusePeriodSeconds: 300,
  },
  "aws:cloudwatch/logGroup:LogGroup": { name: "/aws/lambda/app#1", retentionInDays: 3653 },
  "aws:kms/key:Key": { deletionWindowInDays: 7, description: "k".repeat(8192) },
  "aws:kms/alias:Alias": { name: "alias/app/data:1", targetKeyId: "k" },
  "aws:secretsmanager/secret:Secret": { recoveryWindowInDays: 0 },
  "aws:cloudwatch/eventRule:EventRule": { name: "nightly_1.run" },
};

/**
 * [type, input, broken value, words of the provider's message, inputs of another compliant
 * variant to break instead]; `undefined` removes the input.
 */
const BROKEN: [string, string, unknown, string, Record<string, unknown>?][] = [
  ["aws:iam/role:Role", "name", "app role", "must match [\\w+=,.@-]"],
  [
    "aws:iam/role:Role",
    "name",
    "r".repeat(65),
    "expected length of name to be in the range (1 - 64)",
  ],
  ["aws:iam/role:Role", "path", "/".repeat(513), "(0 - 512)"],
  ["aws:iam/role:Role", "description", "d".repeat(1001), "(0 - 1000)"],
  ["aws:iam/role:Role", "maxSessionDuration", 3599, "(3600 - 43200), got 3599"],
  ["aws:iam/role:Role", "maxSessionDuration", 43201, "(3600 - 43200), got 43201"],
  [
    "aws:iam/role:Role",
    "permissionsBoundary",
    "boundary",
    "is an invalid ARN: arn: invalid prefix",
  ],
  ["aws:iam/role:Role", "managedPolicyArns", ["ReadOnlyAccess"], "is an invalid ARN"],
  ["aws:iam/policy:Policy", "name", "p".repeat(129), "(1 - 128)"],
  ["aws:iam/policy:Policy", "name", "read/all", "must match [\\w+=,.@-]"],
  ["aws:iam/policy:Policy", "namePrefix", "p".repeat(103), "(1 - 102)", { name: undefined }],
  [
    "aws:ec2/securityGroup:SecurityGroup",
    "namePrefix",
    "sg-x",
    "cannot begin with sg-",
    { name: undefined },
  ],
  [
    "aws:cloudwatch/logGroup:LogGroup",
    "namePrefix",
    "l".repeat(484),
    "cannot be longer than 483",
    { name: undefined },
  ],
  [
    "aws:iam/instanceProfile:InstanceProfile",
    "name",
    "web host",
    "must match",
    { namePrefix: undefined },
  ],
  ["aws:lambda/function:Function", "kmsKeyArn", "alias/app", "is an invalid ARN"],
  ["aws:lambda/function:Function", "deadLetterConfig", { targetArn: "dlq" }, "is an invalid ARN"],
  ["aws:iam/role:Role", "namePrefix", "r".repeat(39), "(1 - 38)", { name: undefined }],
  ["aws:iam/instanceProfile:InstanceProfile", "namePrefix", "p".repeat(103), "(1 - 102)"],
  ["aws:iam/rolePolicy:RolePolicy", "role", ROLE_ARN, "must be the role's name not its ARN"],
  ["aws:iam/rolePolicy:RolePolicy", "name", "in line", "must match"],
  ["aws:iam/rolePolicy:RolePolicy", "namePrefix", "in-", "conflicts with name_prefix"],
  [
    "aws:cloudwatch/eventTarget:EventTarget",
    "targetId",
    "t".repeat(65),
    "cannot be longer than 64",
  ],
  ["aws:cloudwatch/eventTarget:EventTarget", "arn", "f", "is an invalid ARN"],
  ["aws:cloudwatch/eventTarget:EventTarget", "roleArn", "app", "is an invalid ARN"],
  ["aws:cloudwatch/eventTarget:EventTarget", "input", "i".repeat(8193), "(0 - 8192)"],
  [
    "aws:cloudwatch/eventTarget:EventTarget",
    "inputPath",
    "$.detail",
    '"input": conflicts with input_path',
  ],
  [
    "aws:cloudwatch/eventTarget:EventTarget",
    "retryPolicy",
    { maximumRetryAttempts: 186 },
    "(0 - 185)",
  ],
  [
    "aws:cloudwatch/eventTarget:EventTarget",
    "retryPolicy",
    { maximumEventAgeInSeconds: 86_401 },
    "(0 - 86400)",
  ],
  ["aws:sns/topic:Topic", "name", "alerts.v1", "invalid topic name: alerts.v1"],
  ["aws:sns/topic:Topic", "fifoTopic", true, "invalid topic name: alerts"],
  ["aws:sns/topic:Topic", "contentBasedDeduplication", true, "only be set for FIFO topics"],
  ["aws:sns/topic:Topic", "signatureVersion", 3, "(1 - 2), got 3"],
  ["aws:s3/bucket:Bucket", "bucket", "b".repeat(64), "(0 - 63)"],
  ["aws:s3/bucket:Bucket", "bucketPrefix", "p".repeat(38), "(0 - 37)", { bucket: undefined }],
  ["aws:s3/bucketV2:BucketV2", "bucket", "b", '"bucket": conflicts with bucket_prefix'],
  ["aws:s3/bucketV2:BucketV2", "bucketPrefix", "p".repeat(38), "(0 - 37)"],
  ["aws:sfn/stateMachine:StateMachine", "name", "m".repeat(81), "(1 - 80)"],
  [
    "aws:sfn/stateMachine:StateMachine",
    "name",
    "etl.v2",
    "should only contain 0-9, A-Z, a-z, - and _",
  ],
  [
    "aws:sfn/stateMachine:StateMachine",
    "namePrefix",
    "m".repeat(55),
    "(1 - 54)",
    { name: undefined },
  ],
  ["aws:sfn/stateMachine:StateMachine", "roleArn", "etl-role", "is an invalid ARN"],
  ["aws:sfn/stateMachine:StateMachine", "definition", "d".repeat(1024 * 1024 + 1), "(0 - 1048576)"],
  ["aws:sfn/stateMachine:StateMachine", "type", "express", "expected type to be one of"],
  [
    "aws:sfn/stateMachine:StateMachine",
    "encryptionConfiguration",
    { kmsDataKeyReusePeriodSeconds: 59 },
    "(60 - 900)",
  ],
  ["aws:dynamodb/table:Table", "billingMode", "ON_DEMAND", "expected billing_mode to be one of"],
  [
    "aws:dynamodb/table:Table",
    "attributes",
    [
      { name: "pk", type: "S" },
      { name: "sk", type: "NUMBER" },
      { name: "gpk", type: "B" },
      { name: "lsk", type: "S" },
    ],
    "got NUMBER",
  ],
  [
    "aws:dynamodb/table:Table",
    "attributes",
    [
      { name: "pk", type: "S" },
      { name: "sk", type: "N" },
      { name: "gpk", type: "B" },
      { name: "lsk", type: "S" },
      { name: "email", type: "S" },
    ],
    'Unused attributes: ["email"]',
  ],
  [
    "aws:dynamodb/table:Table",
    "globalSecondaryIndexes",
    [
      { name: "g", hashKey: "gpk", projectionType: "ALL" },
      { name: "h", hashKey: "email", projectionType: "ALL" },
    ],
    'Unmatched indexes: ["email"]',
  ],
  ["aws:dynamodb/table:Table", "streamViewType", "new_image", "got new_image"],
  [
    "aws:dynamodb/table:Table",
    "globalSecondaryIndexes",
    [{ name: "g", hashKey: "gpk", projectionType: "all" }],
    "got all",
  ],
  [
    "aws:dynamodb/table:Table",
    "localSecondaryIndexes",
    [{ name: "l", rangeKey: "lsk", projectionType: "NONE" }],
    "got NONE",
  ],
  [
    "aws:dynamodb/table:Table",
    "tableClass",
    "INFREQUENT_ACCESS",
    "expected table_class to be one of",
  ],
  ["aws:iam/user:User", "name", "ci user", "must only contain alphanumeric characters"],
  ["aws:iam/user:User", "permissionsBoundary", "b".repeat(2049), "(0 - 2048)"],
  ["aws:lambda/function:Function", "name", "handler.v1", "must be valid function name"],
  ["aws:lambda/function:Function", "handler", "h".repeat(129), "(1 - 128)"],
  ["aws:lambda/function:Function", "memorySize", 127, "(128 - 10240), got 127"],
  ["aws:lambda/function:Function", "memorySize", 10241, "(128 - 10240), got 10241"],
  ["aws:lambda/function:Function", "timeout", 0, "expected timeout to be in the range (1 - 900)"],
  ["aws:lambda/function:Function", "timeout", 901, "(1 - 900), got 901"],
  ["aws:lambda/function:Function", "runtime", "nodejs22", "expected runtime to be one of"],
  ["aws:lambda/function:Function", "ephemeralStorage", { size: 511 }, "(512 - 10240), got 511"],
  ["aws:lambda/function:Function", "role", "app", '"role" (app) is an invalid ARN'],
  ["aws:lambda/function:Function", "role", "arn::iam::1:role/x", "missing partition value"],
  ["aws:lambda/function:Function", "layers", ["arn:aws:lambda"], "not enough sections"],
  ["aws:lambda/function:Function", "code", undefined, "one of `filename,image_uri,s3_bucket` must"],
  [
    "aws:lambda/function:Function",
    "imageUri",
    "r/app:1",
    "only one of `filename,image_uri,s3_bucket`",
  ],
  ["aws:ec2/securityGroup:SecurityGroup", "name", "sg-web", "cannot begin with sg-"],
  ["aws:ec2/securityGroup:SecurityGroup", "description", "d".repeat(256), "(0 - 255)"],
  [
    "aws:ec2/securityGroup:SecurityGroup",
    "namePrefix",
    "web-",
    '"name": conflicts with name_prefix',
  ],
  ["aws:lb/loadBalancer:LoadBalancer", "name", "a".repeat(33), "cannot be longer than 32"],
  ["aws:alb/loadBalancer:LoadBalancer", "name", "internal-web", 'cannot begin with "internal-"'],
  ["aws:lb/targetGroup:TargetGroup", "name", "web-", "cannot end with a hyphen"],
  ["aws:alb/targetGroup:TargetGroup", "name", "-web", "cannot begin with a hyphen"],
  ["aws:rds/instance:Instance", "identifier", "App-db", "only lowercase alphanumeric"],
  [
    "aws:rds/instance:Instance",
    "identifier",
    "1db",
    'first character of "identifier" must be a letter',
  ],
  ["aws:rds/cluster:Cluster", "clusterIdentifier", "app--c", "two consecutive hyphens"],
  ["aws:sqs/queue:Queue", "name", "orders", "invalid queue name: orders"],
  [
    "aws:sqs/queue:Queue",
    "fifoQueue",
    false,
    "invalid queue name: orders.fifo",
    { contentBasedDeduplication: false },
  ],
  [
    "aws:sqs/queue:Queue",
    "contentBasedDeduplication",
    true,
    "only be set for FIFO queue",
    { name: "orders", fifoQueue: false, contentBasedDeduplication: false },
  ],
  ["aws:sqs/queue:Queue", "delaySeconds", 901, "(0 - 900), got 901"],
  ["aws:sqs/queue:Queue", "maxMessageSize", 1023, "(1024 - 1048576)"],
  ["aws:sqs/queue:Queue", "messageRetentionSeconds", 59, "(60 - 1209600)"],
  ["aws:sqs/queue:Queue", "visibilityTimeoutSeconds", 43_201, "(0 - 43200)"],
  ["aws:sqs/queue:Queue", "kmsDataKeyReusePeriodSeconds", 86_401, "(60 - 86400)"],
  ["aws:sqs/queue:Queue", "sqsManagedSseEnabled", true, "conflicts with sqs_managed_sse_enabled"],
  ["aws:cloudwatch/logGroup:LogGroup", "name", "app logs", "isn't a valid log group name"],
  ["aws:cloudwatch/logGroup:LogGroup", "name", "l".repeat(513), "cannot be longer than 512"],
  ["aws:cloudwatch/logGroup:LogGroup", "retentionInDays", 45, "to be one of [0 1 3 5"],
  ["aws:kms/key:Key", "deletionWindowInDays", 6, "(7 - 30), got 6"],
  ["aws:kms/key:Key", "deletionWindowInDays", 31, "(7 - 30), got 31"],
  ["aws:kms/key:Key", "description", "k".repeat(8193), "(0 - 8192)"],
  ["aws:kms/alias:Alias", "name", "app", "must begin with 'alias/'"],
  ["aws:kms/alias:Alias", "name", "alias/aws/s3", "reserved AWS CMK prefix"],
  ["aws:secretsmanager/secret:Secret", "recoveryWindowInDays", 6, "(7 - 30), got 6"],
  ["aws:secretsmanager/secret:Secret", "recoveryWindowInDays", 31, "(7 - 30), got 31"],
  ["aws:cloudwatch/eventRule:EventRule", "name", "e".repeat(65), "cannot be longer than 64"],
];

describe("provider-input validators", () => {
  for (const [type, inputs] of Object.entries(COMPLIANT)) {
    it(`accepts a compliant ${type}`, () => {
      expect(refusedInputs(resource(type, "ok", inputs))).to.deep.equal([]);
    });
  }

  it("covers every type of the tables with a compliant resource and a broken input", () => {
    const types = new Set([...INPUT_RULES, ...CROSS_RULES].map((r) => r.type));
    expect([...types].sort()).to.deep.equal(Object.keys(COMPLIANT).sort());
    for (const r of INPUT_RULES) {
      const top = r.prop.split(".")[0];
      expect(
        BROKEN.some(([t, p]) => t === r.type && (p === r.prop || p === top)),
        `${r.type} ${r.prop}`,
      ).to.equal(true);
    }
  });

  for (const [type, prop, value, says, variant] of BROKEN) {
    it(`refuses ${type} ${prop} = ${JSON.stringify(value)?.slice(0, 40)}`, () => {
      const inputs: Record<string, unknown> = { ...COMPLIANT[type], ...variant, [prop]: value };
      for (const [k, v] of Object.entries(inputs)) if (v === undefined) delete inputs[k];
      if (variant) {
        const base: Record<string, unknown> = { ...COMPLIANT[type], ...variant };
        for (const [k, v] of Object.entries(base)) if (v === undefined) delete base[k];
        expect(refusedInputs(resource(type, "variant", base)), "the variant").to.deep.equal([]);
      }
      const refused = refusedInputs(resource(type, "broken", inputs));
      expect(refused, JSON.stringify(refused.map((r) => r.says))).to.have.length(1);
      expect(refused[0].says.join("\n")).to.include(says);
      expect(refused[0].source).to.match(
        /^hashicorp\/terraform-provider-aws internal\/service\/[a-z0-9]+\/[a-z_]+\.go$/,
      );
    });
  }

  it("names only inputs the installed @pulumi/aws declares", function () {
    this.timeout(120_000); // parses the provider's declarations
    const declared = inputPathsNamed(() => true);
    for (const r of [...INPUT_RULES, ...CROSS_RULES]) {
      const paths = declared.get(r.type);
      expect(paths, r.type).to.not.equal(undefined);
      for (const p of "prop" in r ? [r.prop] : r.reads) {
        expect(paths, `${r.type} ${p}`).to.include(p);
      }
    }
  });
});

describe("provider-input validation of what the engine recorded", () => {
  it("judges the name Pulumi makes from the logical name when the program gives none", () => {
    const [refused] = refusedInputs(resource("aws:lb/targetGroup:TargetGroup", "web_tg", {}));
    expect(refused.prop).to.equal("name");
    expect(refused.autoNamed).to.equal(true);
    expect(refused.value).to.match(/^web_tg-[0-9a-f]{7}$/);
    expect(refusedInputs(resource("aws:lb/targetGroup:TargetGroup", "web-tg", {}))).to.deep.equal(
      [],
    );
  });

  it("makes a FIFO queue's auto-name end in .fifo, and an alias's start with alias/", () => {
    expect(
      refusedInputs(resource("aws:sqs/queue:Queue", "jobs", { fifoQueue: true })),
    ).to.deep.equal([]);
    expect(
      refusedInputs(resource("aws:kms/alias:Alias", "app-key", { targetKeyId: "k" })),
    ).to.deep.equal([]);
    const [dotted] = refusedInputs(
      resource("aws:kms/alias:Alias", "app.key", { targetKeyId: "k" }),
    );
    expect(dotted.value).to.match(/^alias\/app\.key-[0-9a-f]{7}$/);
  });

  it("leaves the auto-name alone where a prefix is given or the type's naming is not known exactly", () => {
    expect(
      refusedInputs(resource("aws:iam/role:Role", "app role", { namePrefix: "app-" })),
    ).to.deep.equal([]);
    expect(refusedInputs(resource("aws:rds/instance:Instance", "AppDb", {}))).to.deep.equal([]);
  });

  it("does not judge a value unknown in the phase, nor a check that reads one", () => {
    const queue = { name: `${UNKNOWN}-jobs`, fifoQueue: true, delaySeconds: UNKNOWN };
    expect(refusedInputs(resource("aws:sqs/queue:Queue", "q", queue))).to.deep.equal([]);
    const fn = { role: UNKNOWN, code: UNKNOWN, runtime: "nodejs22.x" };
    expect(refusedInputs(resource("aws:lambda/function:Function", "f", fn))).to.deep.equal([]);
  });

  it("shows a secret value refused as [secret], in the message too", () => {
    const [refused] = refusedInputs(
      resource("aws:iam/user:User", "u", { name: secret("ci user") }),
    );
    expect(refused.value).to.equal("[secret]");
    expect(refused.says.join("\n")).to.not.include("ci user");
  });

  it("judges custom AWS resources only, not reads or components", () => {
    const read = {
      ...resource("aws:kms/key:Key", "k", { deletionWindowInDays: 1 }),
      external: true,
    };
    const component = {
      ...resource("aws:kms/key:Key", "c", { deletionWindowInDays: 1 }),
      custom: false,
    };
    expect(refusedInputs(read)).to.deep.equal([]);
    expect(refusedInputs(component)).to.deep.equal([]);
  });

  it("reports a refusal once with every phase that showed it, apply-only ones as such", () => {
    const key = resource("aws:kms/key:Key", "k", { deletionWindowInDays: 1 });
    const early = resource("aws:cloudwatch/eventRule:EventRule", "r", { name: `${UNKNOWN} x` });
    const late = resource("aws:cloudwatch/eventRule:EventRule", "r", { name: "bucket-1 x" });
    const refused = refusedAcrossPhases([
      { phase: "preview", resources: [key, early] },
      { phase: "apply", resources: [key, late] },
    ]);
    expect(refused.map((r) => [r.resource.name, r.phases])).to.deep.equal([
      ["k", ["preview", "apply"]],
      ["r", ["apply"]],
    ]);
  });
});
