// The @pulumi/aws-native resource types the pack judges, each with its classic @pulumi/aws twin and
// how the twin's properties are read from the native ones. A rule judges a native type by listing
// it in its `types`: ../define.ts then hands the rule the twin's view of the resource (./view.ts),
// so the rule's own analyzer (IAM documents, public resource policies, customer-managed keys,
// routes) judges it unchanged, with the finding on the native resource.
//
// Property names are from the aws-native schema (CloudFormation's, camelCased): the provider's SDK,
// pulumi/pulumi-aws-native sdk/nodejs/<module>/<type>.ts, and the Pulumi Registry pages
// https://www.pulumi.com/registry/packages/aws-native/api-docs/<module>/<type>/. A property the
// table does not rename keeps its name (vpcId, subnetId, kmsKeyId, storageEncrypted ... are the
// same in both schemas). Documents (policyDocument, keyPolicy, repositoryPolicyText ...) are JSON
// objects in aws-native and may be JSON strings: the pack's document parser takes both.
import * as t from "../types";
import * as n from "./types";
import { asList } from "../values";
import { spelledEither } from "./spelling";
import { NETWORK_TWINS } from "./twins-network";
import { DATABASE_TWINS } from "./twins-databases";
import { LAUNCH_TWINS } from "./twins-launches";
import { WORKLOAD_TWINS } from "./twins-workloads";
import { SERVICE_TWINS } from "./twins-services";
import { EXPOSURE_TWINS } from "./twins-exposure";
import { STORE_TWINS } from "./twins-stores";
import { BUCKET_TWINS } from "./twins-buckets";
import { ANALYTICS_TWINS } from "./twins-analytics";
import { DATA_TWINS } from "./twins-data";
import { TRAFFIC_TWINS } from "./twins-traffic";
import { IDENTITY_TWINS } from "./twins-identity";
import { CDN_TWINS } from "./twins-cdn";
import { API_TWINS } from "./twins-apis";
import { SETTINGS_TWINS } from "./twins-settings";

/** How a native type reads as its classic twin. */
export interface Twin {
  /** The classic @pulumi/aws type token the rules are written for. */
  readonly classic: string;
  /** Classic property ← native property of another name (read as is). */
  readonly rename?: Readonly<Record<string, string>>;
  /** Classic property ← a native property, converted (read lazily, so an unknown one throws then). */
  readonly derive?: Readonly<Record<string, Derived>>;
  /**
   * How findings name the classic properties on the native resource (../define.ts rewrites them,
   * see `nativeWording` in ./view.ts): a classic property, or a dotted path of one, → the native
   * property or path the user wrote. Renamed camelCase properties are added without listing them
   * here; derived ones and plain words (`policy`, `name`) only when listed.
   */
  readonly says?: Readonly<Record<string, string>>;
  /**
   * The classic twin's tags are a list of `{ key, value, ... }` as well (an Auto Scaling group's,
   * with propagateAtLaunch), so the native list is read as given instead of as a tag map.
   */
  readonly tagList?: boolean;
}

/**
 * How a nested block of a native resource reads as the classic block (a listener, an access-log
 * policy): its renames and derived properties, read by ./classic-props.ts `classicProps` as a twin's are.
 */
export type NestedTwin = Pick<Twin, "rename" | "derive" | "tagList">;

/** A classic property computed from a native one. */
export interface Derived {
  /** The native property read (lazily: an unknown one throws when the rule reads the classic one). */
  readonly from: string;
  /** The native properties whose property dependencies the classic one takes; default `from`. */
  readonly deps?: string | readonly string[];
  /** The classic property exists even when `from` is absent (it has a value of its own then). */
  readonly always?: boolean;
  readonly legacy?: string; // an older SDK's spelling of `from`, named by findings when written
  /** The fields inside `from` that the older SDK spelled otherwise (current → older). */
  readonly legacyFields?: Readonly<Record<string, string>>;
  map(v: any, props: any): unknown;
}

/** `[{ policyName, policyDocument }]` (AWS::IAM::Role/User/Group `Policies`) as classic inline policies. */
const inlinePolicies = {
  from: "policies",
  map: (v: unknown) =>
    Array.isArray(v)
      ? asList(v).map((e: any) => ({
          get name() {
            return e?.policyName;
          },
          get policy() {
            return e?.policyDocument;
          },
        }))
      : v,
};

/**
 * An aws-native EventBusPolicy as a policy document: its `statement`, else the statement
 * PutPermission makes of principal, action and condition (an account id or "*" as AWS principal,
 * the condition under its type).
 */
function eventBusStatement(statement: unknown, p: any): unknown {
  if (statement !== undefined && statement !== null) {
    return { Version: "2012-10-17", Statement: [statement] };
  }
  const principal = p.principal;
  if (principal === undefined || principal === null) return undefined;
  const c = p.condition;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: p.statementId,
        Effect: "Allow",
        Principal: principal === "*" ? "*" : { AWS: principal },
        Action: p.action ?? "events:PutEvents",
        Resource: "*",
        ...(c === undefined || c === null ? {} : { Condition: { [c.type]: { [c.key]: c.value } } }),
      },
    ],
  };
}

export const TWINS: ReadonlyMap<string, Twin> = new Map<string, Twin>([
  // IAM (sdk/nodejs/iam/{role,policy,managedPolicy,rolePolicy,userPolicy,groupPolicy,user,group}.ts)
  [
    n.NATIVE_IAM_ROLE,
    {
      classic: t.IAM_ROLE,
      rename: { assumeRolePolicy: "assumeRolePolicyDocument", name: "roleName" },
      derive: { inlinePolicies },
      says: { inlinePolicies: "policies" },
    },
  ],
  [
    n.NATIVE_IAM_USER,
    { classic: t.IAM_USER, rename: { name: "userName" }, derive: { inlinePolicies } },
  ],
  [
    n.NATIVE_IAM_GROUP,
    { classic: t.IAM_GROUP, rename: { name: "groupName" }, derive: { inlinePolicies } },
  ],
  [
    n.NATIVE_IAM_POLICY,
    { classic: t.IAM_ROLE_POLICY, rename: { policy: "policyDocument", name: "policyName" } },
  ],
  [
    n.NATIVE_IAM_MANAGED_POLICY,
    { classic: t.IAM_POLICY, rename: { policy: "policyDocument", name: "managedPolicyName" } },
  ],
  [
    n.NATIVE_IAM_ROLE_POLICY,
    {
      classic: t.IAM_ROLE_POLICY,
      rename: { policy: "policyDocument", name: "policyName", role: "roleName" },
    },
  ],
  [
    n.NATIVE_IAM_USER_POLICY,
    {
      classic: t.IAM_USER_POLICY,
      rename: { policy: "policyDocument", name: "policyName", user: "userName" },
    },
  ],
  [
    n.NATIVE_IAM_GROUP_POLICY,
    {
      classic: t.IAM_GROUP_POLICY,
      rename: { policy: "policyDocument", name: "policyName", group: "groupName" },
    },
  ],
  // Resource policies
  [
    n.NATIVE_S3_BUCKET_POLICY,
    { classic: t.S3_BUCKET_POLICY, rename: { policy: "policyDocument" } },
  ],
  [
    n.NATIVE_SQS_QUEUE_POLICY,
    { classic: t.SQS_QUEUE_POLICY, rename: { policy: "policyDocument", queueUrl: "queues" } },
  ],
  [
    n.NATIVE_SNS_TOPIC_POLICY,
    { classic: t.SNS_TOPIC_POLICY, rename: { policy: "policyDocument", arn: "topics" } },
  ],
  // sdk/nodejs/sqs/queueInlinePolicy.ts (policyDocument, queue: the URL) and
  // sdk/nodejs/sns/topicInlinePolicy.ts (policyDocument, topicArn): one queue or topic each.
  [
    n.NATIVE_SQS_QUEUE_INLINE_POLICY,
    { classic: t.SQS_QUEUE_POLICY, rename: { policy: "policyDocument", queueUrl: "queue" } },
  ],
  [
    n.NATIVE_SNS_TOPIC_INLINE_POLICY,
    { classic: t.SNS_TOPIC_POLICY, rename: { policy: "policyDocument", arn: "topicArn" } },
  ],
  // sdk/nodejs/ecr/registryPolicy.ts (policyText), sdk/nodejs/logs/resourcePolicy.ts
  // (policyDocument, policyName), sdk/nodejs/kinesis/resourcePolicy.ts (resourcePolicy, resourceArn).
  [
    n.NATIVE_ECR_REGISTRY_POLICY,
    { classic: t.ECR_REGISTRY_POLICY, rename: { policy: "policyText" } },
  ],
  [n.NATIVE_LOGS_RESOURCE_POLICY, { classic: t.CLOUDWATCH_LOG_RESOURCE_POLICY }],
  [
    n.NATIVE_KINESIS_RESOURCE_POLICY,
    { classic: t.KINESIS_RESOURCE_POLICY, rename: { policy: "resourcePolicy" } },
  ],
  // sdk/nodejs/backup/backupVault.ts: accessPolicy (inline on the vault) and encryptionKeyArn (the
  // classic aws.backup.Vault's kmsKeyArn). The view is the vault policy's type, which the
  // resource-policy rules index; backup-vault-cmk finds it through `ofTypes` (./view.ts).
  [
    n.NATIVE_BACKUP_VAULT,
    {
      classic: t.BACKUP_VAULT_POLICY,
      rename: { policy: "accessPolicy", kmsKeyArn: "encryptionKeyArn" },
    },
  ],
  // sdk/nodejs/events/eventBus.ts: name, policy (the bus's whole resource policy, inline), and
  // kmsKeyIdentifier as the classic bus names it (CloudFormation AWS::Events::EventBus
  // KmsKeyIdentifier; eventbridge-event-bus-kms-cmk finds the view through `ofTypes`).
  [
    n.NATIVE_EVENTS_EVENT_BUS,
    { classic: t.CLOUDWATCH_EVENT_BUS_POLICY, rename: { eventBusName: "name" } },
  ],
  // sdk/nodejs/events/eventBusPolicy.ts: one statement of a bus's policy, either whole
  // (`statement`) or in PutPermission's terms (principal, action, condition { type, key, value };
  // CloudFormation AWS::Events::EventBusPolicy: "Specify * to permit any account"), read as the
  // one-statement document EventBridge writes for it.
  [
    n.NATIVE_EVENTS_EVENT_BUS_POLICY,
    {
      classic: t.CLOUDWATCH_EVENT_BUS_POLICY,
      derive: { policy: { from: "statement", always: true, map: eventBusStatement } },
    },
  ],
  [
    n.NATIVE_SECRETSMANAGER_RESOURCE_POLICY,
    {
      classic: t.SECRETSMANAGER_SECRET_POLICY,
      rename: { policy: "resourcePolicy", secretArn: "secretId" },
    },
  ],
  // sdk/nodejs/lambda/permission.ts: the same names as aws.lambda.Permission.
  // principalOrgID in early 0.x SDKs (lambda/permission.d.ts of @pulumi/aws-native 0.67.0).
  [
    n.NATIVE_LAMBDA_PERMISSION,
    {
      classic: t.LAMBDA_PERMISSION,
      derive: { principalOrgId: spelledEither("principalOrgId", "principalOrgID") },
    },
  ],
  // sdk/nodejs/lambda/url.ts: authType ("AWS_IAM" | "NONE"), targetFunctionArn.
  [
    n.NATIVE_LAMBDA_URL,
    {
      classic: t.LAMBDA_FUNCTION_URL,
      rename: { authorizationType: "authType", functionName: "targetFunctionArn" },
    },
  ],
  // sdk/nodejs/kms/key.ts: keyPolicy, keySpec, keyUsage, enableKeyRotation, rotationPeriodInDays,
  // pendingWindowInDays, enabled.
  [
    n.NATIVE_KMS_KEY,
    {
      classic: t.KMS_KEY,
      rename: {
        policy: "keyPolicy",
        customerMasterKeySpec: "keySpec",
        deletionWindowInDays: "pendingWindowInDays",
        isEnabled: "enabled",
      },
    },
  ],
  // Data stores whose key properties keep their names: kmsMasterKeyId (SQS, SNS), kmsKeyId
  // (logs, Secrets Manager, RDS, EBS, EFS), storageEncrypted (RDS), encrypted (EBS, EFS).
  [n.NATIVE_SQS_QUEUE, { classic: t.SQS_QUEUE, rename: { name: "queueName" } }],
  [n.NATIVE_SNS_TOPIC, { classic: t.SNS_TOPIC, rename: { name: "topicName" } }],
  [n.NATIVE_LOGS_LOG_GROUP, { classic: t.CLOUDWATCH_LOG_GROUP, rename: { name: "logGroupName" } }],
  [n.NATIVE_EC2_VOLUME, { classic: t.EBS_VOLUME }],
  // sdk/nodejs/efs/fileSystem.ts: the file system policy is inline (fileSystemPolicy, with
  // bypassPolicyLockoutSafetyCheck), and the tags are fileSystemTags.
  [
    n.NATIVE_EFS_FILE_SYSTEM,
    { classic: t.EFS_FILE_SYSTEM, rename: { policy: "fileSystemPolicy", tags: "fileSystemTags" } },
  ],
  ...DATABASE_TWINS,
  ...NETWORK_TWINS,
  ...LAUNCH_TWINS,
  ...WORKLOAD_TWINS,
  ...SERVICE_TWINS,
  ...EXPOSURE_TWINS,
  ...STORE_TWINS,
  ...BUCKET_TWINS,
  ...ANALYTICS_TWINS,
  ...DATA_TWINS,
  ...TRAFFIC_TWINS,
  ...IDENTITY_TWINS,
  ...CDN_TWINS,
  ...API_TWINS,
  ...SETTINGS_TWINS,
]);

/** Every native type with a twin. */
export const NATIVE_TYPES: readonly string[] = [...TWINS.keys()];

/**
 * `classic` types and every native type whose twin is one of them: a rule's `types` when it judges
 * the native resources that carry what it reads under the classic input name (their views).
 */
export function withNativeTwins(classic: readonly string[]): string[] {
  return [...classic, ...NATIVE_TYPES.filter((t) => classic.includes(TWINS.get(t)!.classic))];
}
