// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: Glue jobs and crawlers, Redshift Serverless namespaces and workgroups,
// a DynamoDB table's capacities for its billing mode, a Lambda function's architecture, EventBridge
// rule and Scheduler schedule expressions, RDS instance classes and storage types, ElastiCache node
// types, ECR lifecycle policies' rules, Route 53 record values. Each bound is met by the compliant resource and crossed
// by one broken case.

const JOB = "aws:glue/job:Job";
const CRAWLER = "aws:glue/crawler:Crawler";
const WORKGROUP = "aws:redshiftserverless/workgroup:Workgroup";
const NAMESPACE = "aws:redshiftserverless/namespace:Namespace";
const TABLE = "aws:dynamodb/table:Table";
const FUNCTION = "aws:lambda/function:Function";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const SCHEDULE = "aws:scheduler/schedule:Schedule";
const DB = "aws:rds/instance:Instance";
const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const CACHE = "aws:elasticache/cluster:Cluster";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
const RECORD = "aws:route53/record:Record";
/** The record with values instead of the alias the compliant one has. */
const WITH_RECORDS = { aliases: undefined, ttl: 300, type: "TXT", records: ["v=spf1 -all"] };

/** An ECR lifecycle rule's selection, the last rule's by default. */
type Selection = Record<string, unknown>;
const UNTAGGED: Selection = {
  tagStatus: "untagged",
  countType: "sinceImagePushed",
  countUnit: "days",
  countNumber: 1,
};
const TAGGED: Selection = {
  tagStatus: "tagged",
  tagPatternList: ["release-*-*-*-*"],
  countType: "imageCountMoreThan",
  countNumber: 10,
};
const ANY: Selection = { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 50 };
/** A lifecycle policy of the three rules, each given as [priority, selection]. */
function lifecycle(...rules: [number | string | undefined, Selection][]): string {
  return JSON.stringify({
    rules: rules.map(([rulePriority, selection]) => ({
      rulePriority,
      selection,
      action: { type: "expire" },
    })),
  });
}

const SCRIPT = "s3://scripts/job.py";
const QUEUE = "arn:aws:sqs:us-east-1:123456789012:crawl-events";
const DLQ = "arn:aws:sqs:us-east-1:123456789012:crawl-dlq";
/** A crawler left with its S3 target only, so the broken case can take that away too. */
const S3_ONLY = {
  dynamodbTargets: undefined,
  hudiTargets: undefined,
  icebergTargets: undefined,
  catalogTargets: undefined,
};
const PROVISIONED = { billingMode: "PROVISIONED", readCapacity: 1, writeCapacity: 1 };

export const DATA_COMPLIANT: Record<string, Record<string, unknown>> = {
  [JOB]: {
    command: { name: "glueetl", scriptLocation: SCRIPT, pythonVersion: "3.9" },
    workerType: "G.1X",
    numberOfWorkers: 1,
    maxRetries: 10,
    executionClass: "FLEX",
    jobMode: "NOTEBOOK",
    executionProperty: { maxConcurrentRuns: 1 },
    notificationProperty: { notifyDelayAfter: 1 },
    timeout: 1,
  },
  [CRAWLER]: {
    databaseName: "logs",
    role: "glue-crawler",
    // 255 characters, ending in one of the characters the provider's pattern asks for.
    name: `raw/${"c".repeat(250)}/`,
    description: "d".repeat(2048),
    tablePrefix: "t".repeat(128),
    configuration: JSON.stringify({ Version: 1 }),
    s3Targets: [
      { path: "s3://raw/", sampleSize: 249, eventQueueArn: QUEUE, dlqEventQueueArn: DLQ },
    ],
    dynamodbTargets: [{ path: "orders", scanRate: 1.5 }],
    hudiTargets: [{ paths: ["s3://hudi/"], maximumTraversalDepth: 20 }],
    icebergTargets: [{ paths: ["s3://iceberg/"], maximumTraversalDepth: 1 }],
    catalogTargets: [
      { databaseName: "logs", tables: ["t"], eventQueueArn: QUEUE, dlqEventQueueArn: DLQ },
    ],
    recrawlPolicy: { recrawlBehavior: "CRAWL_EVENT_MODE" },
    schemaChangePolicy: { deleteBehavior: "DEPRECATE_IN_DATABASE", updateBehavior: "LOG" },
    lineageConfiguration: { crawlerLineageSettings: "ENABLE" },
  },
  [WORKGROUP]: {
    workgroupName: `wg-${"a".repeat(61)}`,
    namespaceName: "ns1",
    baseCapacity: 1024,
    port: 8215,
    pricePerformanceTarget: { enabled: true, level: 100 },
  },
  [NAMESPACE]: { namespaceName: `analytics-${"n".repeat(54)}` },
  [FUNCTION]: { architectures: ["arm64"] },
  [DB]: { instanceClass: "db.t4g.micro", storageType: "gp3" },
  [CLUSTER_INSTANCE]: {
    clusterIdentifier: "orders",
    engine: "aurora-postgresql",
    instanceClass: "db.serverless",
  },
  [GROUP]: { nodeType: "cache.r7g.large" },
  [LIFECYCLE]: { policy: lifecycle([1, UNTAGGED], [2, TAGGED], [10, ANY]) },
  [SCHEDULE]: {
    scheduleExpression: "at(2026-12-31T23:00:00)",
    flexibleTimeWindow: { mode: "OFF" },
    target: { arn: "arn:aws:sqs:us-east-1:123456789012:q", roleArn: "arn:aws:iam::1:role/s" },
  },
};

export const DATA_BROKEN: [string, string, unknown, string, Record<string, unknown>?][] = [
  [JOB, "workerType", "g.1x", "got g.1x"],
  [JOB, "workerType", "G1X", "got G1X"],
  [JOB, "numberOfWorkers", 0, "at least (1), got 0"],
  [JOB, "maxRetries", 11, "(0 - 10), got 11"],
  [JOB, "maxRetries", -1, "(0 - 10), got -1"],
  [JOB, "executionClass", "flex", "got flex"],
  [JOB, "jobMode", "script", "got script"],
  [JOB, "executionProperty", { maxConcurrentRuns: 0 }, "at least (1), got 0"],
  [JOB, "notificationProperty", { notifyDelayAfter: 0 }, "at least (1), got 0"],
  [JOB, "command", { scriptLocation: SCRIPT, pythonVersion: "3.11" }, "got 3.11"],
  [
    JOB,
    "command",
    { name: "spark", scriptLocation: SCRIPT },
    "must be one of glueetl, pythonshell",
  ],
  [JOB, "timeout", 0, "expected timeout to be at least (1), got 0"],
  [
    JOB,
    "timeout",
    -1,
    "expected timeout to be at least (0), got -1",
    { command: { name: "gluestreaming", scriptLocation: SCRIPT }, timeout: 0 },
  ],
  [
    JOB,
    "timeout",
    60,
    "timeout must not be configured for Ray jobs",
    { command: { name: "glueray", scriptLocation: SCRIPT }, timeout: undefined },
  ],
  [
    JOB,
    "maxCapacity",
    0.0625,
    '"max_capacity": conflicts with number_of_workers',
    { workerType: undefined },
  ],
  [
    JOB,
    "maxCapacity",
    1,
    '"max_capacity": conflicts with worker_type',
    { numberOfWorkers: undefined },
  ],
  [CRAWLER, "name", "c".repeat(256), "(1 - 255)"],
  [CRAWLER, "name", "raw crawler!", "to match regular expression"],
  [CRAWLER, "description", "d".repeat(2049), "(0 - 2048)"],
  [CRAWLER, "tablePrefix", "t".repeat(129), "(0 - 128)"],
  [CRAWLER, "configuration", "{Version: 1}", "contains an invalid JSON"],
  [CRAWLER, "s3Targets", [{ path: "s3://raw/", sampleSize: 250 }], "(1 - 249), got 250"],
  [CRAWLER, "s3Targets", [{ path: "s3://raw/", sampleSize: 0 }], "(1 - 249), got 0"],
  [CRAWLER, "s3Targets", [{ path: "s3://raw/", eventQueueArn: "crawl-events" }], "invalid ARN"],
  [
    CRAWLER,
    "catalogTargets",
    [{ databaseName: "logs", tables: ["t"], dlqEventQueueArn: "https://sqs/dlq" }],
    "invalid ARN",
  ],
  [
    CRAWLER,
    "dynamodbTargets",
    [{ path: "orders", scanRate: 0.05 }],
    "(0.100000 - 1.500000), got 0.050000",
  ],
  [CRAWLER, "hudiTargets", [{ paths: ["s3://h/"], maximumTraversalDepth: 21 }], "(1 - 20), got 21"],
  [
    CRAWLER,
    "icebergTargets",
    [{ paths: ["s3://i/"], maximumTraversalDepth: 0 }],
    "(1 - 20), got 0",
  ],
  [CRAWLER, "recrawlPolicy", { recrawlBehavior: "crawl everything" }, "got crawl everything"],
  [CRAWLER, "schemaChangePolicy", { deleteBehavior: "delete" }, "got delete"],
  [CRAWLER, "schemaChangePolicy", { updateBehavior: "update" }, "got update"],
  [CRAWLER, "lineageConfiguration", { crawlerLineageSettings: "enabled" }, "got enabled"],
  [
    CRAWLER,
    "s3Targets",
    undefined,
    '"s3_target": one of `catalog_target,delta_target,dynamodb_target,hudi_target,iceberg_target,jdbc_target,mongodb_target,s3_target` must be specified',
    S3_ONLY,
  ],
  [WORKGROUP, "workgroupName", "Analytics", "lowercase letters, digits and hyphens only"],
  [WORKGROUP, "workgroupName", "wg", "(3 - 64)"],
  [WORKGROUP, "workgroupName", "w".repeat(65), "(3 - 64)"],
  [WORKGROUP, "namespaceName", "analytics_ns", "lowercase letters, digits and hyphens only"],
  [WORKGROUP, "baseCapacity", 12, "got 12"],
  [WORKGROUP, "baseCapacity", 520, "got 520"],
  [WORKGROUP, "baseCapacity", 1056, "got 1056"],
  [WORKGROUP, "baseCapacity", 2, "got 2"],
  [WORKGROUP, "port", 5430, "got 5430"],
  [WORKGROUP, "port", 8216, "got 8216"],
  [WORKGROUP, "port", 5456, "got 5456"],
  [
    WORKGROUP,
    "pricePerformanceTarget",
    { enabled: true, level: 10 },
    "to be one of [1 25 50 75 100], got 10",
  ],
  [NAMESPACE, "namespaceName", "ns", "(3 - 64)"],
  [NAMESPACE, "namespaceName", "Analytics", "lowercase letters, digits and hyphens only"],
  [TABLE, "readCapacity", 5, 'read_capacity can not be set when billing_mode is "PAY_PER_REQUEST"'],
  [
    TABLE,
    "readCapacity",
    0,
    'read_capacity must be at least 1 when billing_mode is "PROVISIONED"',
    PROVISIONED,
  ],
  [
    TABLE,
    "writeCapacity",
    undefined,
    'write_capacity must be at least 1 when billing_mode is "PROVISIONED"',
    { ...PROVISIONED, billingMode: undefined },
  ],
  [RULE, "scheduleExpression", "rate(1 hours)", "a rate of 1 takes the singular unit"],
  [RULE, "scheduleExpression", "rate(5 minute)", "a rate above 1 takes the plural unit"],
  [RULE, "scheduleExpression", "rate(0 minutes)", "a positive whole number, got 0"],
  [RULE, "scheduleExpression", "rate(5 mins)", "got mins"],
  [RULE, "scheduleExpression", "rate(5)", "rate(<value> <unit>)"],
  [RULE, "scheduleExpression", "cron(0 3 * * *)", "six fields"],
  [RULE, "scheduleExpression", "cron(0 3 * * MON *)", "? in the day-of-month or the day-of-week"],
  [RULE, "scheduleExpression", "every 5 minutes", "is rate(...) or cron(...)"],
  [RULE, "scheduleExpression", "at(2026-12-31T23:00:00)", "is rate(...) or cron(...)"],
  [SCHEDULE, "scheduleExpression", "rate(five minutes)", "a positive whole number, got five"],
  [SCHEDULE, "scheduleExpression", "cron(0 3 * * * *)", "? in the day-of-month or the day-of-week"],
  [SCHEDULE, "scheduleExpression", "at(2026-12-31 23:00)", "at(yyyy-mm-ddThh:mm:ss)"],
  [SCHEDULE, "scheduleExpression", "daily", "is at(...), rate(...) or cron(...)"],
  [DB, "instanceClass", "t3.micro", 'DBInstanceClass "t3.micro" is not a DB instance class'],
  [DB, "storageType", "ssd", 'StorageType "ssd" is not one of gp2, gp3, io1, io2, standard'],
  [DB, "storageType", "provisioned-iops", "is not one of gp2, gp3, io1, io2, standard"],
  [CLUSTER_INSTANCE, "instanceClass", "r6g.large", "is not a DB instance class"],
  [CACHE, "nodeType", "t4g.micro", 'CacheNodeType "t4g.micro" is not an ElastiCache node type'],
  [GROUP, "nodeType", "cache.r7g", "is not an ElastiCache node type"],
  [
    LIFECYCLE,
    "policy",
    lifecycle([1, UNTAGGED], [1, TAGGED], [10, ANY]),
    "rulePriority 1 is given to more than one rule",
  ],
  [
    LIFECYCLE,
    "policy",
    lifecycle([1, UNTAGGED], [2, TAGGED], [0, ANY]),
    "the tagStatus any rule must have the highest rulePriority of the standard storage class's rules (2 is higher)",
  ],
  [
    LIFECYCLE,
    "policy",
    lifecycle(
      [1, ANY],
      [
        2,
        { ...ANY, storageClass: "archive", countType: "sinceImageTransitioned", countUnit: "days" },
      ],
      [3, { ...UNTAGGED, storageClass: "archive", countType: "sinceImageTransitioned" }],
    ),
    "rules[1]: the tagStatus any rule must have the highest rulePriority of the archive storage class's rules (3 is higher)",
  ],
  [
    LIFECYCLE,
    "policy",
    lifecycle(["1", UNTAGGED], [2, TAGGED], [10, ANY]),
    "rules[0].rulePriority is required, a whole number",
  ],
  [
    LIFECYCLE,
    "policy",
    lifecycle([1, { ...UNTAGGED, tagStatus: "Untagged" }], [2, TAGGED], [10, ANY]),
    'tagStatus must be tagged, untagged or any, got "Untagged"',
  ],
  [
    LIFECYCLE,
    "policy",
    lifecycle([1, UNTAGGED], [2, { ...TAGGED, tagPatternList: undefined }], [10, ANY]),
    "tagStatus tagged needs a tagPrefixList or a tagPatternList",
  ],
  [
    LIFECYCLE,
    "policy",
    lifecycle([1, { ...UNTAGGED, tagPrefixList: ["v"] }], [2, TAGGED], [10, ANY]),
    "tagStatus untagged takes no tagPrefixList or tagPatternList",
  ],
  [
    LIFECYCLE,
    "policy",
    lifecycle([1, UNTAGGED], [2, { ...TAGGED, tagPatternList: ["*a*b*c*d*"] }], [10, ANY]),
    "at most four * per pattern",
  ],
  [
    LIFECYCLE,
    "policy",
    lifecycle([1, { ...UNTAGGED, countUnit: undefined }], [2, TAGGED], [10, ANY]),
    'countType sinceImagePushed needs countUnit "days"',
  ],
  [
    LIFECYCLE,
    "policy",
    lifecycle([1, UNTAGGED], [2, TAGGED], [10, { ...ANY, countType: undefined }]),
    "rules[2].selection.countType is required",
  ],
  [
    LIFECYCLE,
    "policy",
    lifecycle([1, UNTAGGED], [2, TAGGED], [10, { ...ANY, countNumber: 0 }]),
    "countNumber must be a positive whole number, got 0",
  ],
  [
    RECORD,
    "records",
    ["t".repeat(4001)],
    "the CAA value is 4001 characters, over 4000",
    { ...WITH_RECORDS, type: "CAA" },
  ],
  [RECORD, "records", ["t".repeat(256)], "its 1st has 256", WITH_RECORDS],
  [
    RECORD,
    "records",
    // 15 strings of 255 and one of 144, 15 separators: 3999 characters given, 4001 sent.
    [[...Array.from({ length: 15 }, () => "t".repeat(255)), "t".repeat(144)].join('""')],
    "the TXT value is sent quoted, 4001 characters, over 4000",
    WITH_RECORDS,
  ],
  [
    RECORD,
    "records",
    ["a.example.com", "b.example.com"],
    "a CNAME record has one value, got 2",
    { ...WITH_RECORDS, type: "CNAME" },
  ],
  [FUNCTION, "architectures", ["amd64"], 'to be one of ["x86_64" "arm64"], got amd64'],
  [
    FUNCTION,
    "architectures",
    ["x86_64", "arm64"],
    "Too many list items. Attribute architectures supports 1 item maximum, but config has 2 declared.",
  ],
];
