// Resource policies that make a resource public (as S3 defines "public", ../../lib/public-policy.ts)
// for services without a rule of their own elsewhere: OpenSearch and Elasticsearch domain access
// policies (inline on the domain or as a DomainPolicy), API Gateway REST API policies (inline or as
// a RestApiPolicy, and a private custom domain's policy), and the standalone resource-policy
// resources of every other service (SERVICE_POLICY_INPUT in ../../lib/resource-policies.ts: logs, event buses as a whole
// EventBusPolicy or one EventPermission statement, backup vaults, streams, tables, catalogs,
// package domains, S3 on Outposts buckets ...). test/policy/exposure/family.spec.ts keeps that
// list complete against the provider's declarations.
import type { PolicyResource } from "@pulumi/policy";
import { resourcePolicy, StackIndex, stackPolicy } from "../../lib/define";
import { fixedValue } from "../../lib/conditions";
import { publicPrincipal, reportPublicPolicy } from "../../lib/public-policy";
import { SERVICE_POLICY_INPUT } from "../../lib/resource-policies";
import {
  APIGATEWAY_DOMAIN_NAME,
  APIGATEWAY_REST_API,
  APIGATEWAY_REST_API_POLICY,
  CLOUDWATCH_EVENT_PERMISSION,
  ELASTICSEARCH_DOMAIN,
  ELASTICSEARCH_DOMAIN_POLICY,
  OPENSEARCH_DOMAIN,
  OPENSEARCH_DOMAIN_POLICY,
} from "../../lib/types";
import { awsDocs, cdkNag, kics } from "../../lib/controls";
import {
  NATIVE_APIGATEWAY_REST_API,
  NATIVE_BACKUP_VAULT,
  NATIVE_EVENTS_EVENT_BUS,
  NATIVE_EVENTS_EVENT_BUS_POLICY,
  NATIVE_KINESIS_RESOURCE_POLICY,
  NATIVE_LOGS_RESOURCE_POLICY,
  NATIVE_OPENSEARCH_DOMAIN,
} from "../../lib/native/types";
import { isUnknownError, must, peek } from "../../lib/values";

/** The four search-domain types, and the domain types a DomainPolicy of each can name. */
const SEARCH_DOMAINS = [OPENSEARCH_DOMAIN, ELASTICSEARCH_DOMAIN];
const SEARCH_DOMAIN_POLICIES = [OPENSEARCH_DOMAIN_POLICY, ELASTICSEARCH_DOMAIN_POLICY];

/**
 * Whether a domain sits in a VPC (vpcOptions with subnets; subnet ids unknown at preview still
 * count). Throws an UnknownValueError when the subnet list itself is unknown.
 */
function inVpc(domain: PolicyResource): boolean {
  const subnets = must(() => domain.props.vpcOptions?.subnetIds, "the domain's vpcOptions");
  return Array.isArray(subnets) && subnets.length > 0;
}

/**
 * The domain a DomainPolicy names: the one its `domainName` was built from, else the one in the
 * stack with that `domainName`; undefined when the stack has none.
 */
function namedDomain(index: StackIndex, policy: PolicyResource): PolicyResource | undefined {
  const built = index.referenced(policy, "domainName", ...SEARCH_DOMAINS);
  if (built.length > 0) return built[0];
  const name = must(() => policy.props.domainName, "the policy's domainName");
  return index.ofType(...SEARCH_DOMAINS).find((d) => {
    const own = peek(() => d.props.domainName);
    return own.known && own.value === name;
  });
}

/** The public statements of a search domain's access policy, as messages (see reportPublicPolicy). */
function publicStatements(value: unknown): { messages: string[]; unknown?: Error } {
  const messages: string[] = [];
  try {
    reportPublicPolicy(value, "", (m) => messages.push(m));
  } catch (e) {
    if (isUnknownError(e)) return { messages, unknown: e };
    throw e;
  }
  return { messages };
}

export const searchDomainPolicyNotPublic = stackPolicy({
  name: "opensearch-domain-policy-not-public",
  description:
    "No OpenSearch or Elasticsearch domain access policy (the domain's accessPolicies or a " +
    'DomainPolicy) makes a domain with a public endpoint public: no Allow to Principal "*" (or ' +
    "another unfixed principal) without a condition that pins it to an account, organization, " +
    "network or address range, and no Allow with NotPrincipal. A domain in a VPC (vpcOptions " +
    "with subnets) is reachable only through the VPC and its security groups, and may take the " +
    "open policy AWS documents for it; a DomainPolicy for a domain outside the stack is judged " +
    "as public.",
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
    // "About access policies on VPC domains": a VPC domain may use an open access policy, its
    // security groups deciding who reaches it; fgac.md recommends a policy that does not require
    // signed requests with fine-grained access control. Prowler's
    // opensearch_service_domains_not_publicly_accessible passes every domain with a VPC.
    awsDocs("opensearch-service/latest/developerguide/vpc (access policies on VPC domains)"),
  ],
  // An aws-native opensearchservice Domain reads as the classic domain (the same accessPolicies
  // and vpcOptions.subnetIds: ../../lib/native/twins.ts).
  types: [...SEARCH_DOMAINS, ...SEARCH_DOMAIN_POLICIES, NATIVE_OPENSEARCH_DOMAIN],
  appliesTo: [...SEARCH_DOMAINS, ...SEARCH_DOMAIN_POLICIES, NATIVE_OPENSEARCH_DOMAIN],
  check: (ctx) => {
    for (const domain of ctx.index.ofType(...SEARCH_DOMAINS)) {
      ctx.each(domain, () => {
        const found = publicStatements(domain.props.accessPolicies);
        if (found.messages.length > 0 && inVpc(domain)) return;
        for (const m of found.messages) ctx.report(domain, m);
        if (found.unknown) throw found.unknown;
      });
    }
    for (const policy of ctx.index.ofType(...SEARCH_DOMAIN_POLICIES)) {
      ctx.each(policy, () => {
        const found = publicStatements(policy.props.accessPolicies);
        if (found.messages.length > 0) {
          const domain = namedDomain(ctx.index, policy);
          if (domain !== undefined && inVpc(domain)) return;
          const where =
            domain === undefined
              ? ` (the domain it names is not in this stack, so whether it sits in a VPC is ` +
                `unknown: judged as public)`
              : "";
          for (const m of found.messages) ctx.report(policy, m.replace(/\.$/, `${where}.`));
        }
        if (found.unknown) throw found.unknown;
      });
    }
  },
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
  types: [
    APIGATEWAY_REST_API,
    APIGATEWAY_REST_API_POLICY,
    APIGATEWAY_DOMAIN_NAME,
    NATIVE_APIGATEWAY_REST_API,
  ],
  check: (props, ctx) => reportPublicPolicy(props.policy, "", ctx.report),
});

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
    kics("Glue With Vulnerable Policy"),
    kics("SES Policy With Allowed IAM Actions"),
  ],
  // aws-native logs and Kinesis resource policies, Backup vaults (accessPolicy), event buses
  // (policy) and event bus policies read as their classic twins (../../lib/native/twins.ts).
  types: [
    ...Object.keys(SERVICE_POLICY_INPUT),
    CLOUDWATCH_EVENT_PERMISSION,
    NATIVE_LOGS_RESOURCE_POLICY,
    NATIVE_KINESIS_RESOURCE_POLICY,
    NATIVE_BACKUP_VAULT,
    NATIVE_EVENTS_EVENT_BUS,
    NATIVE_EVENTS_EVENT_BUS_POLICY,
  ],
  check: (props, ctx, args) =>
    args.type === CLOUDWATCH_EVENT_PERMISSION
      ? reportPublicEventPermission(props, ctx.report)
      : reportPublicPolicy(props[SERVICE_POLICY_INPUT[args.type]], "", ctx.report),
});
