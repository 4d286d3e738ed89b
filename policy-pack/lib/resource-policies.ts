// Checks shared by resource-based policies (bucket, key, repository and VPC endpoint policies):
// who a statement grants to, how to name its actions, TLS-only and allow-everything shapes. Whether
// a policy makes its resource public is decided in one place: ./public-policy.ts.
import { IamDocument, IamStatement, isWildcardPrincipal } from "./policy-document";
import type { PartialList } from "./policy-elements";
import { allServicesGrant, isAllServicesPattern } from "./iam/documents";
import {
  ACMPCA_POLICY,
  AMP_RESOURCE_POLICY,
  APIGATEWAY_DOMAIN_NAME,
  APIGATEWAY_REST_API,
  APIGATEWAY_REST_API_POLICY,
  BACKUP_VAULT_POLICY,
  BEDROCK_AGENTCORE_RESOURCE_POLICY,
  BUCKET_TYPES,
  CLOUDSEARCH_DOMAIN_SERVICE_ACCESS_POLICY,
  CLOUDWATCH_EVENT_BUS_POLICY,
  CLOUDWATCH_LOG_DELIVERY_DESTINATION_POLICY,
  CLOUDWATCH_LOG_DESTINATION_POLICY,
  CLOUDWATCH_LOG_RESOURCE_POLICY,
  CODEARTIFACT_DOMAIN_PERMISSIONS,
  CODEARTIFACT_REPOSITORY_PERMISSIONS_POLICY,
  CODEBUILD_RESOURCE_POLICY,
  DSQL_CLUSTER_POLICY,
  DYNAMODB_RESOURCE_POLICY,
  ECRPUBLIC_REPOSITORY_POLICY,
  ECR_REGISTRY_POLICY,
  ECR_REPOSITORY_CREATION_TEMPLATE,
  ECR_REPOSITORY_POLICY,
  EFS_FILE_SYSTEM_POLICY,
  ELASTICSEARCH_DOMAIN,
  ELASTICSEARCH_DOMAIN_POLICY,
  GLACIER_VAULT,
  GLACIER_VAULT_LOCK,
  GLUE_RESOURCE_POLICY,
  KINESIS_RESOURCE_POLICY,
  KMS_EXTERNAL_KEY,
  KMS_KEY,
  KMS_KEY_POLICY,
  KMS_REPLICA_EXTERNAL_KEY,
  KMS_REPLICA_KEY,
  LAMBDA_RESOURCE_POLICY,
  MEDIASTORE_CONTAINER_POLICY,
  MSK_CLUSTER_POLICY,
  NETWORKFIREWALL_RESOURCE_POLICY,
  OAM_SINK_POLICY,
  OPENSEARCHINGEST_RESOURCE_POLICY,
  OPENSEARCH_DOMAIN,
  OPENSEARCH_DOMAIN_POLICY,
  PINPOINT_SMSVOICEV2_RESOURCE_POLICY,
  REDSHIFTSERVERLESS_RESOURCE_POLICY,
  REDSHIFT_RESOURCE_POLICY,
  S3CONTROL_ACCESS_GRANTS_INSTANCE_RESOURCE_POLICY,
  S3CONTROL_ACCESS_POINT_POLICY,
  S3CONTROL_BUCKET_POLICY,
  S3TABLES_TABLE_BUCKET_POLICY,
  S3TABLES_TABLE_POLICY,
  S3_ACCESS_POINT,
  S3_BUCKET_POLICY,
  S3_FILES_FILE_SYSTEM_POLICY,
  S3_VECTORS_VECTOR_BUCKET_POLICY,
  SAGEMAKER_MODEL_PACKAGE_GROUP_POLICY,
  SCHEMAS_REGISTRY_POLICY,
  SECRETSMANAGER_SECRET,
  SECRETSMANAGER_SECRET_POLICY,
  SESV2_EMAIL_IDENTITY_POLICY,
  SES_IDENTITY_POLICY,
  SNS_TOPIC,
  SNS_TOPIC_POLICY,
  SQS_QUEUE,
  SQS_QUEUE_POLICY,
  VPCLATTICE_AUTH_POLICY,
  VPCLATTICE_RESOURCE_POLICY,
  XRAY_RESOURCE_POLICY,
} from "./types";
import { NATIVE_ECR_REPOSITORY, NATIVE_EFS_FILE_SYSTEM } from "./native/types";
import { TWINS, withNativeTwins } from "./native/twins";

/** True when a statement's principals include everyone (`"*"`, `{"AWS": "*"}` ...). */
export function hasWildcardPrincipal(s: IamStatement): boolean {
  return s.principals?.some(isWildcardPrincipal) ?? false;
}

/** For a document given as a string that is not JSON: the finding's words, else undefined. */
export function jsonErrorOf(doc: IamDocument): string | undefined {
  return doc.jsonError === undefined
    ? undefined
    : `the policy document is not valid JSON (${doc.jsonError})`;
}

/** Actions of a statement for a message. */
export function actionsText(s: IamStatement): string {
  const actions = s.actions?.asWritten ?? [];
  if (actions.length) return actions.join(", ");
  const notActions = s.notActions?.asWritten ?? [];
  if (notActions.length) return `all but ${notActions.join(", ")}`;
  return "(no action)";
}

/**
 * True when the statement denies every S3 request made without TLS: `Deny`, principal `*`, action
 * `s3:*` or `*`, condition `Bool` (or `BoolIfExists`) `aws:SecureTransport` = `false`, on both the
 * bucket and its objects (or `*`).
 */
export function deniesInsecureTransport(s: IamStatement): boolean {
  if (s.effect !== "Deny" || !hasWildcardPrincipal(s)) return false;
  const actions = s.actions?.asWritten ?? [];
  if (!actions.some((a) => a === "*" || a.toLowerCase() === "s3:*")) return false;
  const tls = s.conditions.some(
    (c) =>
      (c.operator === "Bool" || c.operator === "BoolIfExists") &&
      c.key.toLowerCase() === "aws:securetransport" &&
      c.values.some((v) => v.toLowerCase() === "false"),
  );
  if (!tls) return false;
  const resources = s.resources?.asWritten ?? [];
  if (resources.includes("*")) return true;
  const bucketLevel = resources.some((r) => /^arn:[^:]+:s3:::[^/]+$/.test(r));
  const objectLevel = resources.some((r) => /^arn:[^:]+:s3:::[^/]+\/\*$/.test(r));
  return bucketLevel && objectLevel;
}

/** Whether a list holds the bare wildcard `*`. */
const hasStar = (list: PartialList<string> | undefined) =>
  list !== undefined && list.some((v) => v === "*");

/** An Allow to a wildcard principal on every resource (`*` or no Resource), without a Condition. */
const toAnyoneOnAnything = (s: IamStatement) =>
  s.isAllow &&
  hasWildcardPrincipal(s) &&
  (s.resources === undefined || hasStar(s.resources)) &&
  !s.hasCondition;

/**
 * True when the document allows everything to everyone: an Allow statement with a wildcard
 * principal, Action `*`, Resource `*` (or none) and no Condition (the default VPC endpoint policy).
 * Throws if that depends on a value unknown at preview.
 */
export function grantsEverything(doc: IamDocument): boolean {
  return doc.walk((s) => hasStar(s.actions) && toAnyoneOnAnything(s));
}

/** A NotAction statement's grant in words: "every action but s3:DeleteBucket". */
const everyActionBut = (s: IamStatement): string =>
  `every action ${actionsText(s).replace(/^all /, "")}`;

/**
 * The first statement that allows every action but some (Allow with NotAction) to everyone on
 * every resource without a Condition, described ("every action but s3:DeleteBucket"): as good as
 * everything (IAM User Guide, "NotAction": with Allow it grants every action of every service
 * not listed). A statement whose NotAction lists `*`, or `<prefix>:*` for one of `services` (the
 * IAM service prefixes of the only service the document can reach, such as an endpoint's), allows
 * nothing there and is skipped. Undefined when there is none; throws if that depends on a value
 * unknown at preview.
 */
export function grantsAllBut(doc: IamDocument, services: ReadonlySet<string>): string | undefined {
  const excludesAll = (a: string) => {
    const lower = a.toLowerCase();
    return lower === "*" || (lower.endsWith(":*") && services.has(lower.slice(0, -2)));
  };
  let found: string | undefined;
  doc.walk((s) => {
    if (!s.notActions || !toAnyoneOnAnything(s)) return false;
    if (s.notActions.some(excludesAll)) return false;
    found = everyActionBut(s);
    return true;
  });
  return found;
}

/**
 * The input that holds the policy document of each standalone resource-policy resource judged by
 * `resource-policy-not-public` (../policies/exposure/service-policies.ts), by resource type.
 */
export const SERVICE_POLICY_INPUT: Record<string, string> = {
  [CLOUDWATCH_LOG_DESTINATION_POLICY]: "accessPolicy",
  [CLOUDWATCH_LOG_RESOURCE_POLICY]: "policyDocument",
  [CLOUDWATCH_EVENT_BUS_POLICY]: "policy",
  [BACKUP_VAULT_POLICY]: "policy",
  [KINESIS_RESOURCE_POLICY]: "policy",
  [DYNAMODB_RESOURCE_POLICY]: "policy",
  [GLUE_RESOURCE_POLICY]: "policy",
  [REDSHIFT_RESOURCE_POLICY]: "policy",
  [CODEARTIFACT_DOMAIN_PERMISSIONS]: "policyDocument",
  [CODEARTIFACT_REPOSITORY_PERMISSIONS_POLICY]: "policyDocument",
  [S3CONTROL_BUCKET_POLICY]: "policy",
  [MSK_CLUSTER_POLICY]: "policy",
  [S3TABLES_TABLE_BUCKET_POLICY]: "resourcePolicy",
  [S3TABLES_TABLE_POLICY]: "resourcePolicy",
  // IAM User Guide, "Resource types that support resource-based policies" (Access Analyzer) and
  // each service's resource-policy API: documents of the same grammar, with Principal.
  [ACMPCA_POLICY]: "policy",
  [AMP_RESOURCE_POLICY]: "policyDocument",
  [BEDROCK_AGENTCORE_RESOURCE_POLICY]: "policy",
  [CLOUDSEARCH_DOMAIN_SERVICE_ACCESS_POLICY]: "accessPolicy",
  [CLOUDWATCH_LOG_DELIVERY_DESTINATION_POLICY]: "deliveryDestinationPolicy",
  [CODEBUILD_RESOURCE_POLICY]: "policy",
  [DSQL_CLUSTER_POLICY]: "policy",
  // The repository policy every repository the template creates receives.
  [ECR_REPOSITORY_CREATION_TEMPLATE]: "repositoryPolicy",
  [LAMBDA_RESOURCE_POLICY]: "policy",
  [MEDIASTORE_CONTAINER_POLICY]: "policy",
  [NETWORKFIREWALL_RESOURCE_POLICY]: "policy",
  [OAM_SINK_POLICY]: "policy",
  [OPENSEARCHINGEST_RESOURCE_POLICY]: "policy",
  [PINPOINT_SMSVOICEV2_RESOURCE_POLICY]: "policy",
  [REDSHIFTSERVERLESS_RESOURCE_POLICY]: "policy",
  [S3_FILES_FILE_SYSTEM_POLICY]: "policy",
  [S3_VECTORS_VECTOR_BUCKET_POLICY]: "policy",
  [S3CONTROL_ACCESS_GRANTS_INSTANCE_RESOURCE_POLICY]: "policy",
  [SAGEMAKER_MODEL_PACKAGE_GROUP_POLICY]: "resourcePolicy",
  [SCHEMAS_REGISTRY_POLICY]: "policy",
  // Sending authorization: a public identity policy lets any account send as the identity.
  [SES_IDENTITY_POLICY]: "policy",
  [SESV2_EMAIL_IDENTITY_POLICY]: "policy",
  [VPCLATTICE_AUTH_POLICY]: "policy",
  [VPCLATTICE_RESOURCE_POLICY]: "policy",
  [XRAY_RESOURCE_POLICY]: "policyDocument",
};

/**
 * Where every resource-based policy document the pack judges sits, by resource type: the
 * standalone resources above, and the queues, topics, repositories, keys, secrets, file systems,
 * vaults, search domains, REST APIs, buckets and access points whose own rules read them.
 */
export const RESOURCE_POLICY_INPUT: Readonly<Record<string, string>> = {
  ...SERVICE_POLICY_INPUT,
  [SQS_QUEUE]: "policy",
  [SQS_QUEUE_POLICY]: "policy",
  [SNS_TOPIC]: "policy",
  [SNS_TOPIC_POLICY]: "policy",
  [ECR_REPOSITORY_POLICY]: "policy",
  [ECR_REGISTRY_POLICY]: "policy",
  [ECRPUBLIC_REPOSITORY_POLICY]: "policy",
  [KMS_KEY]: "policy",
  [KMS_KEY_POLICY]: "policy",
  [KMS_EXTERNAL_KEY]: "policy",
  [KMS_REPLICA_KEY]: "policy",
  [KMS_REPLICA_EXTERNAL_KEY]: "policy",
  [SECRETSMANAGER_SECRET]: "policy",
  [SECRETSMANAGER_SECRET_POLICY]: "policy",
  [EFS_FILE_SYSTEM_POLICY]: "policy",
  [GLACIER_VAULT]: "accessPolicy",
  [GLACIER_VAULT_LOCK]: "policy",
  [OPENSEARCH_DOMAIN]: "accessPolicies",
  [OPENSEARCH_DOMAIN_POLICY]: "accessPolicies",
  [ELASTICSEARCH_DOMAIN]: "accessPolicies",
  [ELASTICSEARCH_DOMAIN_POLICY]: "accessPolicies",
  [APIGATEWAY_REST_API]: "policy",
  [APIGATEWAY_REST_API_POLICY]: "policy",
  [APIGATEWAY_DOMAIN_NAME]: "policy",
  ...Object.fromEntries(BUCKET_TYPES.map((t) => [t, "policy"])),
  [S3_BUCKET_POLICY]: "policy",
  [S3_ACCESS_POINT]: "policy",
  [S3CONTROL_ACCESS_POINT_POLICY]: "policy",
};

/**
 * aws-native resources that hold their resource policy inline where the classic twin holds none
 * (the classic provider keeps it in a resource of its own: aws.ecr.RepositoryPolicy,
 * aws.efs.FileSystemPolicy), each with the input of the twin's view that carries it. The twins
 * read `repositoryPolicyText` (AWS::ECR::Repository RepositoryPolicyText) and `fileSystemPolicy`
 * (AWS::EFS::FileSystem FileSystemPolicy) as `policy`: ./native/twins-services.ts, ./native/twins.ts.
 */
export const NATIVE_INLINE_POLICY_INPUT: Readonly<Record<string, string>> = {
  [NATIVE_ECR_REPOSITORY]: "policy",
  [NATIVE_EFS_FILE_SYSTEM]: "policy",
};

/** The same inputs by the classic type a rule sees for the native resource (its view's type). */
const INLINE_POLICY_INPUT_BY_VIEW: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(NATIVE_INLINE_POLICY_INPUT).map(([t, input]) => [TWINS.get(t)!.classic, input]),
);

/**
 * The `types` of a rule over every resource-based policy: the classic `types` (keys of
 * RESOURCE_POLICY_INPUT), the native types whose twin is one of them, and the native types whose
 * policy is inline (NATIVE_INLINE_POLICY_INPUT). The classic twins of the latter stay out: they
 * hold no policy.
 */
export function resourcePolicyTypes(classic: readonly string[]): string[] {
  return [...withNativeTwins(classic), ...Object.keys(NATIVE_INLINE_POLICY_INPUT)];
}

/**
 * The input that holds the resource policy of a resource a rule of `resourcePolicyTypes` sees,
 * by the type it sees (a classic type, or the classic type of a native resource's view).
 */
export function resourcePolicyInputOf(type: string): string | undefined {
  return RESOURCE_POLICY_INPUT[type] ?? INLINE_POLICY_INPUT_BY_VIEW[type];
}

/**
 * What an Allow statement grants beyond any list of actions, described; undefined when it names
 * its actions. `NotAction` with Allow grants every action of every service but those listed (IAM
 * User Guide, "NotAction": "Be careful using NotAction and "Effect": "Allow" in the same
 * statement"), and `"*"` (or `"*:*"`) every action of every service. Throws if the answer depends
 * on an element unknown at preview.
 */
export function unlistedActions(s: IamStatement): string | undefined {
  if (!s.isAllow) return undefined;
  if (s.notActions) return `Allow with NotAction grants ${everyActionBut(s)}`;
  const all = s.actions?.known.find(isAllServicesPattern);
  if (all !== undefined) return `Allow "${all}" ${allServicesGrant(all)}`;
  if (s.actions?.unknown) throw s.actions.unknown;
  return undefined;
}
