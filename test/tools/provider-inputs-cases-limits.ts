// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: IAM's policy sizes, policy characters, paths and policy descriptions
// (rules-create-iam.ts), EC2 instance types, instance volume sizes and security group characters
// (rules-create-ec2.ts), Lambda environment variables
// (rules-create-lambda-env.ts), S3 bucket names, DynamoDB table and index names and ECS service
// names (rules-create-names.ts), and the ECS and EKS cluster names (rules-clusters.ts) and
// listener rule priorities (rules-balancers.ts) the provider checks.
import type { Case } from "./provider-inputs-cases";
import { ROLE_ARN } from "./provider-inputs-cases-base";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const USER_POLICY = "aws:iam/userPolicy:UserPolicy";
const GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
const USER = "aws:iam/user:User";
const GROUP = "aws:iam/group:Group";
const PROFILE = "aws:iam/instanceProfile:InstanceProfile";
const INSTANCE = "aws:ec2/instance:Instance";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const FUNCTION = "aws:lambda/function:Function";
const TABLE = "aws:dynamodb/table:Table";
const SERVICE = "aws:ecs/service:Service";
const BUCKET = "aws:s3/bucket:Bucket";
const LISTENER_RULE = "aws:lb/listenerRule:ListenerRule";
const ALB_LISTENER_RULE = "aws:alb/listenerRule:ListenerRule";
const LISTENER_ARN =
  "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2";
const FORWARD = [
  {
    type: "forward",
    targetGroupArn:
      "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067",
  },
];
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const ECS_CLUSTER = "aws:ecs/cluster:Cluster";
const EKS_CLUSTER = "aws:eks/cluster:Cluster";

/**
 * A policy document IAM counts as `n` characters (white space left out), written pretty-printed
 * as programs often write it: the indentation does not count.
 */
export function policyOf(n: number): string {
  const base = { Version: "2012-10-17", Id: "", Statement: [] };
  const padding = n - JSON.stringify(base).length;
  return JSON.stringify({ ...base, Id: "i".repeat(padding) }, null, 2);
}

/**
 * Environment variables of `n` bytes as Lambda measures them (their compact JSON), with keys
 * Lambda does not reserve.
 */
export function variablesOf(n: number): Record<string, string> {
  const fixed = { LANG: "en_US.UTF-8", APP_REGION: "eu-west-1" };
  const used = Buffer.byteLength(JSON.stringify({ ...fixed, PAD: "" }));
  return { ...fixed, PAD: "p".repeat(n - used) };
}

/** The inputs added to the first files' compliant resources, each at a bound AWS accepts. */
export const LIMITS_COMPLIANT: Record<string, Record<string, unknown>> = {
  [ROLE]: {
    // Two inline policies of 10240 characters together; a Latin-1 letter in the trust policy, as
    // it is and as an escape, and an escaped U+2028, which the provider sends escaped.
    inlinePolicies: [
      { name: "a", policy: policyOf(5120) },
      { name: "b", policy: policyOf(5120) },
    ],
    assumeRolePolicy: '{"Version":"2012-10-17","Id":"café caf\\u00e9 \\u2028","Statement":[]}',
  },
  [POLICY]: { policy: policyOf(6144), path: "/", description: "d".repeat(1000) },
  [ROLE_POLICY]: { policy: policyOf(10240) },
  [USER_POLICY]: { user: "ci", policy: policyOf(2048) },
  [GROUP_POLICY]: { group: "devs", policy: policyOf(5120) },
  [USER]: { path: "/ci/" },
  [GROUP]: { path: "/team/a-b/" },
  [PROFILE]: { path: "/p/" },
  [INSTANCE]: {
    instanceType: "c7gn.metal-48xl",
    rootBlockDevice: { volumeType: "gp3", volumeSize: 65536 },
    ebsBlockDevices: [
      { deviceName: "/dev/sdf", volumeType: "st1", volumeSize: 125 },
      // A size without its type takes the image's type: not judged.
      { deviceName: "/dev/sdg", volumeSize: 70000 },
    ],
  },
  [SG]: { name: "web (a_b):c/d#e,f@g[h]+i=j&k;l{m}!n$o*.p-q" },
  [FUNCTION]: { environment: { variables: variablesOf(4096) } },
  [TABLE]: { name: "orders_v2.table-1" },
  [SERVICE]: { name: "web_app-1" },
  [BUCKET]: { bucket: "a-b.c1" },
  [LISTENER_RULE]: { listenerArn: LISTENER_ARN, priority: 50000, actions: FORWARD },
  [ALB_LISTENER_RULE]: { listenerArn: LISTENER_ARN, priority: 99999, actions: FORWARD },
  [BUCKET_V2]: { bucketPrefix: "logs-2026." },
  [ECS_CLUSTER]: { name: "c".repeat(255) },
  [EKS_CLUSTER]: { name: "0eks_a-b", roleArn: ROLE_ARN },
};

const TRUST_WITH = (text: string) => `{"Version":"2012-10-17","Id":"${text}","Statement":[]}`;

export const LIMITS_BROKEN: Case[] = [
  [
    POLICY,
    "policy",
    policyOf(6145),
    "policy is 6145 characters without white space, over the 6144",
  ],
  [ROLE_POLICY, "policy", policyOf(10241), "over the 10240 of a role's inline policies"],
  [USER_POLICY, "policy", policyOf(2049), "over the 2048 of a user's inline policies"],
  [GROUP_POLICY, "policy", policyOf(5121), "over the 5120 of a group's inline policies"],
  [
    ROLE,
    "inlinePolicies",
    [
      { name: "a", policy: policyOf(5120) },
      { name: "b", policy: policyOf(5121) },
    ],
    "the role's 2 inline policies are 10241 characters without white space together",
  ],
  [
    ROLE,
    "inlinePolicies",
    [{ name: "a", policy: policyOf(10241) }],
    "inline_policy.0.policy is 10241 characters",
  ],
  [ROLE, "assumeRolePolicy", TRUST_WITH("it’s"), 'holds "’": IAM takes policy documents'],
  // The provider writes an escape past U+00FF out as the character (Go's json.Marshal).
  [ROLE, "assumeRolePolicy", TRUST_WITH("it\\u2019s"), 'holds "’": IAM takes policy documents'],
  // A document given as an object, as the bridge sends it: its keys and values, and its size.
  [
    ROLE,
    "assumeRolePolicy",
    {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Sid: "it’s",
          Principal: { Service: "ec2.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
    },
    'holds "’"',
  ],
  [GROUP_POLICY, "policy", { Version: "2012-10-17", Statement: [], "Id—": "x" }, 'holds "—"'],
  [POLICY, "policy", JSON.parse(policyOf(6145)), "policy is 6145 characters without white space"],
  [ROLE_POLICY, "policy", JSON.parse(policyOf(10241)), "over the 10240 of a role's inline"],
  [POLICY, "policy", TRUST_WITH("🚀"), 'holds "🚀"'],
  [ROLE, "path", "service-roles", 'path "service-roles": an IAM path begins and ends with "/"'],
  [USER, "path", "/ci", "an IAM path begins and ends"],
  [USER, "path", "/ci\u007f/", "holds printable ASCII only"],
  [GROUP, "path", "/team a/", "an IAM path begins and ends"],
  [POLICY, "path", "policies/", "an IAM path begins and ends"],
  [PROFILE, "path", "p", "an IAM path begins and ends"],
  [POLICY, "description", "d".repeat(1001), "1001 characters, over the 1000"],
  [INSTANCE, "instanceType", "db.t3.micro", "(db. is an RDS or ElastiCache class)"],
  [INSTANCE, "instanceType", "t3micro", "is not an EC2 instance type <family>.<size>"],
  [
    INSTANCE,
    "rootBlockDevice",
    { volumeType: "gp3", volumeSize: 65537 },
    "gp3 volumes take 1 to 65536 GiB, got 65537",
  ],
  [
    INSTANCE,
    "ebsBlockDevices",
    [{ deviceName: "/dev/sdf", volumeType: "st1", volumeSize: 124 }],
    "st1 volumes take 125 to 16384 GiB, got 124",
  ],
  [SG, "description", "Bob's group", `holds "'": a security group's description takes`],
  [SG, "name", "web é", 'holds "é": a security group\'s name takes'],
  [SG, "namePrefix", "bob's-", `holds "'": a security group's name takes`, { name: undefined }],
  [FUNCTION, "environment", { variables: { "app-region": "eu" } }, 'keys "app-region"'],
  [FUNCTION, "environment", { variables: { A: "x" } }, 'keys "A": Lambda takes keys'],
  [
    FUNCTION,
    "environment",
    { variables: { AWS_REGION: "eu-west-1" } },
    "sets AWS_REGION: Lambda reserves these keys",
  ],
  [
    FUNCTION,
    "environment",
    { variables: variablesOf(4097) },
    "are 4097 bytes as Lambda measures them (the compact JSON of the map), over the 4 KB",
  ],
  [TABLE, "name", "orders:v2", 'holds ":": a DynamoDB name takes letters'],
  [TABLE, "name", "ab", "2 characters, a DynamoDB name has 3 to 255"],
  [
    TABLE,
    "globalSecondaryIndexes",
    [{ name: "g", hashKey: "gpk", projectionType: "ALL" }],
    'global_secondary_index.0.name "g": 1 character,',
  ],
  [
    TABLE,
    "localSecondaryIndexes",
    [{ name: "by lsk", rangeKey: "lsk", projectionType: "KEYS_ONLY" }],
    'local_secondary_index.0.name "by lsk" holds " "',
  ],
  [SERVICE, "name", "web.app", 'holds ".": an ECS service name takes'],
  [LISTENER_RULE, "priority", 0, '"priority" must be in the range 1-50000'],
  [LISTENER_RULE, "priority", 50001, "or 99999 for the default rule"],
  [ALB_LISTENER_RULE, "priority", 100000, '"priority" must be in the range 1-50000'],
  [BUCKET, "bucket", "My-Bucket", "upper-case letters: a bucket name is lower case"],
  [BUCKET, "bucket", "my_bucket", '"_": a bucket name takes lower-case letters'],
  [BUCKET, "bucket", "ab", "2 characters: a bucket name has 3 to 63"],
  [BUCKET, "bucket", "logs..b", "two periods in a row"],
  [BUCKET, "bucket", "10.0.0.1", "a bucket name is not an IP address"],
  [BUCKET, "bucket", "data-", "begins and ends with a letter or digit"],
  [BUCKET, "bucket", "xn--data", "xn-- begins no bucket name"],
  [BUCKET, "bucket", "data-s3alias", "-s3alias ends no general purpose bucket name"],
  [BUCKET, "bucket", "data--table-s3", "--table-s3 ends no general purpose bucket name"],
  [BUCKET_V2, "bucketPrefix", "Logs-", "upper-case letters"],
  [BUCKET_V2, "bucketPrefix", "-logs", "a bucket name begins with a letter or digit"],
  [
    ECS_CLUSTER,
    "name",
    "web.cluster",
    "The cluster name must consist of alphanumerics, hyphens, and underscores.",
  ],
  [ECS_CLUSTER, "name", "c".repeat(256), "expected length of name to be in the range (1 - 255)"],
  [EKS_CLUSTER, "name", "-eks", `"name" doesn't comply with restrictions`],
  [EKS_CLUSTER, "name", "e".repeat(101), `"name" length must be between 1-100 characters`],
];
