// Physical names as the provider picks them.
//
// Pulumi auto-names a resource "using the logical name and a random suffix" unless the program
// gives the name (https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming). In
// @pulumi/aws the suffix comes from the Terraform bridge: `<logical name><separator><7 random hex
// characters>` (tfbridge.AutoName → resource.NewUniqueHex), applied to every resource whose `name`
// is an input (provider/autonaming.go: separator "-", at most 255 characters), and, with other
// properties, separators, lengths or case, to the resources listed in AUTONAME
// (provider/resource_overrides.go and provider/legacy_aliases.go in pulumi/pulumi-aws). A logical
// name too long for the limit fails exactly as the bridge fails:
// "could not make instance of '<type>': name '<prefix>' plus 7 random chars is longer than
// maximum length <n>". With `namePrefix` (or `bucketPrefix`, `<prop>Prefix`) the provider itself
// names the resource: the prefix plus Terraform's unique id, a timestamp to the 1/10000 s and an
// 8-hex-digit counter (terraform-plugin-sdk helper/id.PrefixedUniqueId); without any, such
// providers use the prefix `terraform-` (id.UniqueId).
import { chars, hex, LOWER } from "./hash";
import { UNKNOWN } from "./env";
import type { TypeSchema } from "./schema";
import { Autonaming, expandPattern, PatternContext } from "./autonaming";

export interface AutoName {
  /** The property the name goes in. */
  readonly prop: string;
  readonly maxlen?: number;
  readonly separator?: string;
  readonly randlen?: number;
  readonly lower?: boolean;
  /** Characters of the random part (default: hex digits). */
  readonly charset?: string;
  /** Applied after the suffix, with the resource's inputs. */
  readonly post?: (name: string, inputs: Record<string, any>) => string;
}

const fifo = (flag: string) => (name: string, inputs: Record<string, any>) =>
  inputs[flag] === true ? `${name}.fifo` : name;
const lowerLetters = { separator: "_", charset: LOWER, randlen: 8 } as const;

/** Where the provider's auto-naming differs from `name`, "-", 255. */
const AUTONAME: Record<string, AutoName> = {
  "aws:s3/bucket:Bucket": { prop: "bucket", maxlen: 63, lower: true },
  "aws:s3/bucketV2:BucketV2": { prop: "bucket", maxlen: 63, lower: true },
  // An object's key defaults to the logical name itself (no suffix); S3 keys are up to 1024 bytes.
  "aws:s3/bucketObjectv2:BucketObjectv2": { prop: "key", separator: "", randlen: 0, maxlen: 1024 },
  "aws:s3/bucketObject:BucketObject": { prop: "key", separator: "", randlen: 0, maxlen: 1024 },
  "aws:iam/role:Role": { prop: "name", maxlen: 64 },
  "aws:lambda/function:Function": { prop: "name", maxlen: 64 },
  "aws:lambda/permission:Permission": { prop: "statementId", maxlen: 100 },
  "aws:sqs/queue:Queue": { prop: "name", maxlen: 80, post: fifo("fifoQueue") },
  "aws:sns/topic:Topic": { prop: "name", maxlen: 80, post: fifo("fifoTopic") },
  "aws:kms/alias:Alias": {
    prop: "name",
    maxlen: 238,
    post: (n) => (n.startsWith("alias/") ? n : `alias/${n}`),
  },
  "aws:cloudwatch/eventRule:EventRule": { prop: "name", maxlen: 64 },
  "aws:cloudwatch/eventTarget:EventTarget": { prop: "targetId" },
  "aws:lb/targetGroup:TargetGroup": { prop: "name", maxlen: 32 },
  "aws:elasticache/cluster:Cluster": { prop: "clusterId", maxlen: 50, lower: true },
  "aws:elasticache/replicationGroup:ReplicationGroup": {
    prop: "replicationGroupId",
    maxlen: 40,
    lower: true,
  },
  "aws:elasticsearch/domain:Domain": { prop: "domainName", maxlen: 28, lower: true },
  "aws:opensearch/domain:Domain": { prop: "domainName" },
  "aws:elasticbeanstalk/environment:Environment": { prop: "name", maxlen: 40 },
  "aws:ec2/keyPair:KeyPair": { prop: "keyName" },
  "aws:efs/fileSystem:FileSystem": { prop: "creationToken" },
  "aws:eks/nodeGroup:NodeGroup": { prop: "nodeGroupName" },
  "aws:eks/fargateProfile:FargateProfile": { prop: "fargateProfileName" },
  "aws:mq/broker:Broker": { prop: "brokerName", maxlen: 55 },
  "aws:msk/cluster:Cluster": { prop: "clusterName" },
  "aws:msk/serverlessCluster:ServerlessCluster": { prop: "clusterName" },
  "aws:rds/instance:Instance": { prop: "identifier", separator: "" },
  "aws:codedeploy/deploymentConfig:DeploymentConfig": {
    prop: "deploymentConfigName",
    maxlen: 100,
    separator: "_",
  },
  "aws:athena/database:Database": { prop: "name", separator: "_" },
  "aws:appsync/function:Function": { prop: "name", separator: "_" },
  "aws:appsync/dataSource:DataSource": { prop: "name", separator: "_" },
  "aws:iot/topicRule:TopicRule": { prop: "name", separator: "_" },
  "aws:backup/restoreTestingPlan:RestoreTestingPlan": { prop: "name", separator: "_" },
  "aws:glue/catalogDatabase:CatalogDatabase": { prop: "name", ...lowerLetters, lower: true },
  "aws:glue/catalogTable:CatalogTable": { prop: "name", ...lowerLetters, lower: true },
  "aws:lex/slotType:SlotType": { prop: "name", ...lowerLetters },
  "aws:lex/bot:Bot": { prop: "name", ...lowerLetters },
  "aws:lex/intent:Intent": { prop: "name", ...lowerLetters },
  "aws:lex/botAlias:BotAlias": { prop: "name", ...lowerLetters },
};

/** The auto-naming rule of a type, if the provider auto-names it. */
export function autoNameRule(type: string, schema: TypeSchema | undefined): AutoName | undefined {
  const rule = AUTONAME[type];
  if (rule) return rule;
  const name = schema?.byName.get("name");
  // Only a `name` the program may leave out is auto-named (a required one has no default).
  return name?.input === "optional" ? { prop: "name" } : undefined;
}

/** Every type the auto-naming table names (tests check each one exists). */
export function autoNamedTypes(): string[] {
  return Object.keys(AUTONAME);
}

/** `prefix` + 26 characters as Terraform's id.PrefixedUniqueId makes them (fixed, not timed). */
export function terraformUniqueId(prefix: string, seed: string): string {
  return `${prefix}${"202601010000000000"}${hex(seed, 8)}`;
}

/**
 * The auto-name for logical name `name` under the stack's autonaming (./autonaming.ts, default
 * the bridge's `<name>-<7 random>`); throws the bridge's words where it refuses (ComputeAutoNameDefault
 * in pulumi/pulumi-terraform-bridge pkg/tfbridge/info/autonaming.go). `inputs` feed the type's
 * post-transform, which the bridge skips for an enforced name.
 */
export function autoName(
  type: string,
  name: string,
  rule: AutoName,
  seed: string,
  how: Autonaming = { mode: "default" },
  ctx: PatternContext = { project: "", stack: "" },
  inputs: Record<string, any> = {},
): string {
  const maxlen = rule.maxlen ?? 255;
  const separator = rule.separator ?? "-";
  const post = (made: string) => (rule.post ? rule.post(made, inputs) : made);
  if (how.mode === "disabled") {
    throw new Error("automatic naming is disabled but no explicit name was provided");
  }
  if (how.mode === "enforce") return expandPattern(how.pattern, name, seed, ctx);
  if (how.mode === "propose") {
    let vs = expandPattern(how.pattern, name, seed, ctx);
    if (rule.lower) vs = vs.toLowerCase();
    if (vs.length > maxlen) {
      throw new Error(`calculated name '${vs}' exceeds maximum length of ${maxlen}`);
    }
    // Only the length is judged here: `charset` is the random part's alphabet (above), not a
    // limit the provider states for the whole name; the type's validators judge the name.
    return post(vs);
  }
  const randlen = rule.randlen ?? 7;
  const base = (rule.lower ? name.toLowerCase() : name) + separator;
  if (how.mode === "default" && base.length + randlen > maxlen) {
    throw new Error(
      `could not make instance of '${type}': name '${base}' plus ${randlen} random chars is ` +
        `longer than maximum length ${maxlen}`,
    );
  }
  const random = rule.charset ? chars(seed, randlen, rule.charset) : hex(seed, randlen);
  return post(base + random);
}

/**
 * The physical name in `prop`: the program's value, else a prefix input's, else the auto-name.
 * `UNKNOWN` when the program's value is unknown.
 */
export function physicalName(
  type: string,
  logicalName: string,
  inputs: Record<string, any>,
  rule: AutoName,
  seed: string,
  how?: Autonaming,
  ctx?: PatternContext,
): string {
  const given = inputs[rule.prop];
  if (given === UNKNOWN) return UNKNOWN;
  if (typeof given === "string" && given !== "") return given;
  const prefix = inputs[`${rule.prop}Prefix`] ?? inputs.namePrefix;
  if (prefix === UNKNOWN) return UNKNOWN;
  if (typeof prefix === "string" && prefix !== "") {
    const made = terraformUniqueId(prefix, seed);
    return rule.post ? rule.post(made, inputs) : made;
  }
  return autoName(type, logicalName, rule, seed, how, ctx, inputs);
}

/**
 * Inputs the provider defaults to "Managed by Pulumi" when the program leaves them out
 * (`managedByPulumi` in pulumi-aws provider/resource_overrides.go).
 */
const MANAGED_BY_PULUMI: Record<string, string> = {
  "aws:ec2/securityGroup:SecurityGroup": "description",
  "aws:docdb/subnetGroup:SubnetGroup": "description",
  "aws:elasticache/parameterGroup:ParameterGroup": "description",
  "aws:elasticache/subnetGroup:SubnetGroup": "description",
  "aws:neptune/subnetGroup:SubnetGroup": "description",
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": "description",
  "aws:rds/parameterGroup:ParameterGroup": "description",
  "aws:rds/subnetGroup:SubnetGroup": "description",
  "aws:rds/optionGroup:OptionGroup": "optionGroupDescription",
  "aws:redshift/parameterGroup:ParameterGroup": "description",
  "aws:redshift/subnetGroup:SubnetGroup": "description",
  "aws:route53/zone:Zone": "comment",
  "aws:apigateway/apiKey:ApiKey": "description",
  "aws:appsync/apiKey:ApiKey": "description",
  "aws:mediapackage/channel:Channel": "description",
};

/** The provider's "Managed by Pulumi" default of a type, as [property, value]. */
export function providerDefault(type: string): [string, string] | undefined {
  const prop = MANAGED_BY_PULUMI[type];
  return prop ? [prop, "Managed by Pulumi"] : undefined;
}

/** Every type with a "Managed by Pulumi" default (tests check each one exists). */
export function managedByPulumiTypes(): string[] {
  return Object.keys(MANAGED_BY_PULUMI);
}
