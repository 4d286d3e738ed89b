// Resource policies that make a resource public (as S3 defines "public", ../../lib/public-policy.ts)
// for services without a rule of their own elsewhere: OpenSearch and Elasticsearch domain access
// policies (inline on the domain or as a DomainPolicy), API Gateway REST API policies (inline or as
// a RestApiPolicy, and a private custom domain's policy), and the standalone resource-policy
// resources of every other service (POLICY_INPUT below: logs, event buses as a whole
// EventBusPolicy or one EventPermission statement, backup vaults, streams, tables, catalogs,
// package domains, S3 on Outposts buckets ...). test/policy/exposure/family.spec.ts keeps that
// list complete against the provider's declarations.
import { resourcePolicy } from "../../lib/define";
import { fixedValue } from "../../lib/conditions";
import { publicPrincipal, reportPublicPolicy } from "../../lib/public-policy";
import {
  ACMPCA_POLICY,
  AMP_RESOURCE_POLICY,
  APIGATEWAY_DOMAIN_NAME,
  APIGATEWAY_REST_API,
  APIGATEWAY_REST_API_POLICY,
  BEDROCK_AGENTCORE_RESOURCE_POLICY,
  CLOUDSEARCH_DOMAIN_SERVICE_ACCESS_POLICY,
  CLOUDWATCH_LOG_DELIVERY_DESTINATION_POLICY,
  CODEBUILD_RESOURCE_POLICY,
  DSQL_CLUSTER_POLICY,
  ECR_REPOSITORY_CREATION_TEMPLATE,
  LAMBDA_RESOURCE_POLICY,
  MEDIASTORE_CONTAINER_POLICY,
  NETWORKFIREWALL_RESOURCE_POLICY,
  OAM_SINK_POLICY,
  OPENSEARCHINGEST_RESOURCE_POLICY,
  PINPOINT_SMSVOICEV2_RESOURCE_POLICY,
  REDSHIFTSERVERLESS_RESOURCE_POLICY,
  S3_FILES_FILE_SYSTEM_POLICY,
  S3_VECTORS_VECTOR_BUCKET_POLICY,
  S3CONTROL_ACCESS_GRANTS_INSTANCE_RESOURCE_POLICY,
  SAGEMAKER_MODEL_PACKAGE_GROUP_POLICY,
  SCHEMAS_REGISTRY_POLICY,
  SES_IDENTITY_POLICY,
  SESV2_EMAIL_IDENTITY_POLICY,
  VPCLATTICE_AUTH_POLICY,
  VPCLATTICE_RESOURCE_POLICY,
  XRAY_RESOURCE_POLICY,
  BACKUP_VAULT_POLICY,
  CLOUDWATCH_EVENT_BUS_POLICY,
  CLOUDWATCH_EVENT_PERMISSION,
  CLOUDWATCH_LOG_DESTINATION_POLICY,
  CLOUDWATCH_LOG_RESOURCE_POLICY,
  CODEARTIFACT_DOMAIN_PERMISSIONS,
  CODEARTIFACT_REPOSITORY_PERMISSIONS_POLICY,
  DYNAMODB_RESOURCE_POLICY,
  ELASTICSEARCH_DOMAIN,
  ELASTICSEARCH_DOMAIN_POLICY,
  GLUE_RESOURCE_POLICY,
  KINESIS_RESOURCE_POLICY,
  OPENSEARCH_DOMAIN,
  OPENSEARCH_DOMAIN_POLICY,
  REDSHIFT_RESOURCE_POLICY,
  MSK_CLUSTER_POLICY,
  S3CONTROL_BUCKET_POLICY,
  S3TABLES_TABLE_BUCKET_POLICY,
  S3TABLES_TABLE_POLICY,
} from "../../lib/types";
import { awsDocs, cdkNag, kics } from "../../lib/controls";

export const searchDomainPolicyNotPublic = resourcePolicy({
  name: "opensearch-domain-policy-not-public",
  description:
    "No OpenSearch or Elasticsearch domain access policy (the domain's accessPolicies or a " +
    'DomainPolicy) makes the domain public: no Allow to Principal "*" (or another unfixed ' +
    "principal) without a condition that pins it to an account, organization, network or address " +
    "range, and no Allow with NotPrincipal.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Name the principals (role or account ARNs) instead of "*", or add a condition with fixed ' +
    "values on aws:SourceIp (narrow ranges), aws:SourceVpce, aws:PrincipalOrgID or " +
    "aws:PrincipalAccount; better, place the domain in a VPC (vpcOptions) and use fine-grained " +
    "access control.",
  references: [
    kics("Elasticsearch Domain With Vulnerable Policy"),
    // cdk-nag AwsSolutions-OS5 reports any Allow with "*" in its principal, even one a condition
    // pins; this rule reports only those no condition pins.
    cdkNag("AwsSolutions-OS5"),
    awsDocs("opensearch-service/latest/developerguide/ac (resource-based policies)"),
  ],
  types: [
    OPENSEARCH_DOMAIN,
    OPENSEARCH_DOMAIN_POLICY,
    ELASTICSEARCH_DOMAIN,
    ELASTICSEARCH_DOMAIN_POLICY,
  ],
  check: (props, ctx) => reportPublicPolicy(props.accessPolicies, "", ctx.report),
});

export const restApiPolicyNotPublic = resourcePolicy({
  name: "apigateway-rest-api-policy-not-public",
  description:
    "No API Gateway REST API resource policy (the RestApi's policy or a RestApiPolicy) grants " +
    'execute-api access to Principal "*" (or another unfixed principal) without a condition that ' +
    "pins it to a VPC endpoint, network, address range, account or organization, and none uses " +
    "NotPrincipal.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Name the principals (role or account ARNs) instead of "*", or pin the grant with a ' +
    "condition on aws:SourceVpce (private APIs), aws:SourceVpc, aws:SourceIp (narrow ranges) or " +
    "aws:PrincipalOrgID. An API meant for the internet needs no resource policy: leave it out " +
    "and protect the methods with an authorizer.",
  references: [
    awsDocs("apigateway/latest/developerguide/apigateway-resource-policies"),
    awsDocs("apigateway/latest/developerguide/apigateway-private-apis (aws:SourceVpce)"),
    awsDocs("apigateway/latest/developerguide/apigateway-private-custom-domains (policy)"),
  ],
  // A private custom domain name takes an execute-api policy of the same grammar (`policy`).
  types: [APIGATEWAY_REST_API, APIGATEWAY_REST_API_POLICY, APIGATEWAY_DOMAIN_NAME],
  check: (props, ctx) => reportPublicPolicy(props.policy, "", ctx.report),
});

/** The input that holds the policy document, by resource type. */
const POLICY_INPUT: Record<string, string> = {
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
 * An EventPermission is one statement of the event bus's policy: `principal` an account id or "*"
 * ("Specify * to permit any account to put events to your default event bus", the provider's
 * argument reference), `condition` the one condition EventBridge accepts (PutPermission:
 * "Currently, the only supported key is aws:PrincipalOrgID", type StringEquals). Public when the
 * principal is not fixed and no condition pins it to an organization.
 */
function reportPublicEventPermission(props: Record<string, any>, report: (m: string) => void) {
  const who = publicPrincipal({ type: "AWS", id: String(props.principal) });
  if (who === undefined) return;
  const c = props.condition;
  if (
    c &&
    String(c.key).toLowerCase() === "aws:principalorgid" &&
    c.type === "StringEquals" &&
    fixedValue(c.value, "aws:PrincipalOrgID", "StringEquals")
  ) {
    return;
  }
  report(
    `${props.action ?? "events:PutEvents"} on event bus ${props.eventBusName ?? "default"} is ` +
      `granted to ${who} without an aws:PrincipalOrgID condition: any AWS account can use it.`,
  );
}

export const resourcePolicyNotPublic = resourcePolicy({
  name: "resource-policy-not-public",
  description:
    "No other resource policy makes its resource public: CloudWatch Logs destination and resource " +
    "policies, EventBridge bus policies and permissions, AWS Backup vault policies, Kinesis and " +
    "DynamoDB resource policies, the Glue Data Catalog and Redshift resource policies, " +
    "CodeArtifact domain and repository permissions, S3 on Outposts bucket policies, MSK cluster " +
    'policies and S3 Tables table bucket and table policies grant nothing to Principal "*" (or ' +
    "another unfixed principal) without a pinning condition, and none uses NotPrincipal.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Name the principals (account, role or service principals) instead of "*", or add a ' +
    "condition with fixed values on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount " +
    "or aws:SourceArn.",
  references: [
    awsDocs("IAM/latest/UserGuide/access-analyzer-resources (resource types that can be shared)"),
    awsDocs("AmazonS3/userguide/access-control-block-public-access (public)"),
    awsDocs("msk/latest/developerguide/mvpc-cluster-owner-action-policy (cluster policy)"),
    awsDocs("AmazonS3/latest/userguide/s3-tables-resource-based-policies"),
    awsDocs("eventbridge/latest/APIReference/API_PutPermission (EventPermission)"),
    awsDocs(
      "IAM/latest/UserGuide/reference_aws-services-that-work-with-iam (resource-based policies)",
    ),
    awsDocs("ses/latest/dg/sending-authorization-policies"),
  ],
  types: [...Object.keys(POLICY_INPUT), CLOUDWATCH_EVENT_PERMISSION],
  check: (props, ctx, args) =>
    args.type === CLOUDWATCH_EVENT_PERMISSION
      ? reportPublicEventPermission(props, ctx.report)
      : reportPublicPolicy(props[POLICY_INPUT[args.type]], "", ctx.report),
});
