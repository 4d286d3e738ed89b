// The cases of the provider-input spec (provider-inputs.spec.ts): a resource of each type the
// tables cover with inputs the provider accepts, and inputs broken one at a time with the words of
// the provider's message each must draw.

import { API_BROKEN, API_COMPLIANT } from "./provider-inputs-cases-api";
import { CACHE_BROKEN, CACHE_COMPLIANT } from "./provider-inputs-cases-cache";
import { EDGE_BROKEN, EDGE_COMPLIANT } from "./provider-inputs-cases-edge";
import { INFRA_BROKEN, INFRA_COMPLIANT } from "./provider-inputs-cases-infra";
import { OPS_BROKEN, OPS_COMPLIANT } from "./provider-inputs-cases-ops";
import { SERVICES_BROKEN, SERVICES_COMPLIANT } from "./provider-inputs-cases-services";
import { DELIVERY_BROKEN, DELIVERY_COMPLIANT } from "./provider-inputs-cases-delivery";
import { ANALYTICS_BROKEN, ANALYTICS_COMPLIANT } from "./provider-inputs-cases-analytics";
import { DATA_BROKEN, DATA_COMPLIANT } from "./provider-inputs-cases-data";
import { CREATE_BROKEN, CREATE_COMPLIANT } from "./provider-inputs-cases-create";
import { BALANCERS_BROKEN, BALANCERS_COMPLIANT } from "./provider-inputs-cases-balancers";
import { STORAGE_BROKEN, STORAGE_COMPLIANT } from "./provider-inputs-cases-storage";
import { FLEET_BROKEN, FLEET_COMPLIANT } from "./provider-inputs-cases-fleet";
import { TASKS_BROKEN, TASKS_COMPLIANT } from "./provider-inputs-cases-tasks";
import { LAMBDA_ACCOUNTS_BROKEN } from "./provider-inputs-cases-lambda-accounts";
import {
  DEFINITIONS_BROKEN,
  DEFINITIONS_COMPLIANT,
  MAPPING_BROKEN,
  MAPPING_COMPLIANT,
  PROJECT_BROKEN,
} from "./provider-inputs-cases-definitions";

/** One broken input: type, input, its value, words the refusal must draw, other inputs changed. */
export type Case = [string, string, unknown, string, Record<string, unknown>?];

export const ROLE_ARN = "arn:aws:iam::123456789012:role/app";
const POLICY_DOC = JSON.stringify({ Version: "2012-10-17", Statement: [] });
/** The DynamoDB table's attributes and global index, which the broken cases vary. */
const TABLE_ATTRIBUTES = [
  { name: "pk", type: "S" },
  { name: "sk", type: "N" },
  { name: "gpk", type: "B" },
  { name: "lsk", type: "S" },
];
const TABLE_INDEX = { name: "g", hashKey: "gpk", projectionType: "ALL" };

/** A resource of each type the tables cover, with inputs the provider accepts. */
const BASE_COMPLIANT: Record<string, Record<string, unknown>> = {
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
    attributes: TABLE_ATTRIBUTES,
    globalSecondaryIndexes: [TABLE_INDEX],
    localSecondaryIndexes: [{ name: "l", rangeKey: "lsk", projectionType: "KEYS_ONLY" }],
    streamViewType: "NEW_AND_OLD_IMAGES",
    tableClass: "STANDARD_INFREQUENT_ACCESS",
  },
  "aws:route53/record:Record": {
    zoneId: "Z123",
    name: "www.example.com",
    type: "HTTPS",
    aliases: [{ name: "d.cloudfront.net", zoneId: "Z".repeat(32), evaluateTargetHealth: false }],
  },
  "aws:ecs/taskDefinition:TaskDefinition": {
    family: "web_app-1",
    containerDefinitions: JSON.stringify([{ name: "app", image: "nginx" }]),
    executionRoleArn: ROLE_ARN,
    taskRoleArn: ROLE_ARN,
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE", "EC2"],
    ephemeralStorage: { sizeInGib: 200 },
  },
  "aws:cognito/userPool:UserPool": {
    passwordPolicy: { minimumLength: 99, temporaryPasswordValidityDays: 0 },
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
  "aws:kms/alias:Alias": { name: "alias/awsome/data_1-x", targetKeyId: "k" },
  "aws:secretsmanager/secret:Secret": { recoveryWindowInDays: 0 },
  "aws:cloudwatch/eventRule:EventRule": { name: "nightly_1.run" },
};

/**
 * [type, input, broken value, words of the provider's message, inputs of another compliant
 * variant to break instead]; `undefined` removes the input.
 */
const BASE_BROKEN: [string, string, unknown, string, Record<string, unknown>?][] = [
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
  ["aws:dynamodb/table:Table", "billingMode", "on-demand", "expected billing_mode to be one of"],
  [
    "aws:dynamodb/table:Table",
    "attributes",
    TABLE_ATTRIBUTES.map((a) => (a.name === "sk" ? { ...a, type: "NUMBER" } : a)),
    "got NUMBER",
  ],
  [
    "aws:dynamodb/table:Table",
    "attributes",
    [...TABLE_ATTRIBUTES, { name: "email", type: "S" }],
    'Unused attributes: ["email"]',
  ],
  [
    "aws:dynamodb/table:Table",
    "globalSecondaryIndexes",
    [TABLE_INDEX, { name: "h", hashKey: "email", projectionType: "ALL" }],
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
  ["aws:dynamodb/table:Table", "tableClass", "Standard-IA", "expected table_class to be one of"],
  ["aws:route53/record:Record", "type", "cname", "expected type to be one of"],
  ["aws:route53/record:Record", "aliases", [{ name: "d", zoneId: "Z".repeat(33) }], "(1 - 32)"],
  ["aws:route53/record:Record", "records", ["1.2.3.4"], "only one of `alias,records`"],
  ["aws:route53/record:Record", "aliases", undefined, "one of `alias,records` must be specified"],
  ["aws:route53/record:Record", "ttl", 300, '"ttl": conflicts with alias'],
  [
    "aws:ecs/taskDefinition:TaskDefinition",
    "family",
    "web.app",
    "see https://docs.aws.amazon.com/AmazonECS",
  ],
  ["aws:ecs/taskDefinition:TaskDefinition", "family", "f".repeat(256), "(1 - 255)"],
  [
    "aws:ecs/taskDefinition:TaskDefinition",
    "containerDefinitions",
    "[{name: app}]",
    "container_definitions is invalid",
  ],
  ["aws:ecs/taskDefinition:TaskDefinition", "executionRoleArn", "exec-role", "is an invalid ARN"],
  ["aws:ecs/taskDefinition:TaskDefinition", "taskRoleArn", "task-role", "is an invalid ARN"],
  [
    "aws:ecs/taskDefinition:TaskDefinition",
    "networkMode",
    "AWSVPC",
    "expected network_mode to be one of",
  ],
  ["aws:ecs/taskDefinition:TaskDefinition", "requiresCompatibilities", ["fargate"], "got fargate"],
  [
    "aws:ecs/taskDefinition:TaskDefinition",
    "ephemeralStorage",
    { sizeInGib: 20 },
    "(21 - 200), got 20",
  ],
  ["aws:cognito/userPool:UserPool", "passwordPolicy", { minimumLength: 5 }, "(6 - 99), got 5"],
  ["aws:cognito/userPool:UserPool", "passwordPolicy", { minimumLength: 100 }, "(6 - 99), got 100"],
  [
    "aws:cognito/userPool:UserPool",
    "passwordPolicy",
    { temporaryPasswordValidityDays: 366 },
    "(0 - 365)",
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

const PARTS = [
  BASE_COMPLIANT,
  API_COMPLIANT,
  INFRA_COMPLIANT,
  OPS_COMPLIANT,
  CACHE_COMPLIANT,
  EDGE_COMPLIANT,
  SERVICES_COMPLIANT,
  DELIVERY_COMPLIANT,
  ANALYTICS_COMPLIANT,
  DATA_COMPLIANT,
  CREATE_COMPLIANT,
  BALANCERS_COMPLIANT,
  STORAGE_COMPLIANT,
  FLEET_COMPLIANT,
  TASKS_COMPLIANT,
  DEFINITIONS_COMPLIANT,
  MAPPING_COMPLIANT,
];

/** The resources of every case file, a type's inputs in a later file added to the first's. */
export const COMPLIANT: Record<string, Record<string, unknown>> = Object.fromEntries(
  [...new Set(PARTS.flatMap((p) => Object.keys(p)))].map((type) => [
    type,
    Object.assign({}, ...PARTS.map((p) => p[type] ?? {})) as Record<string, unknown>,
  ]),
);

export const BROKEN = [
  ...BASE_BROKEN,
  ...API_BROKEN,
  ...INFRA_BROKEN,
  ...OPS_BROKEN,
  ...CACHE_BROKEN,
  ...EDGE_BROKEN,
  ...SERVICES_BROKEN,
  ...DELIVERY_BROKEN,
  ...ANALYTICS_BROKEN,
  ...DATA_BROKEN,
  ...CREATE_BROKEN,
  ...BALANCERS_BROKEN,
  ...STORAGE_BROKEN,
  ...FLEET_BROKEN,
  ...TASKS_BROKEN,
  ...LAMBDA_ACCOUNTS_BROKEN,
  ...DEFINITIONS_BROKEN,
  ...MAPPING_BROKEN,
  ...PROJECT_BROKEN,
];
