// Resource policies of search domains and REST APIs that make them public (as S3 defines "public",
// ../../lib/public-policy.ts): OpenSearch and Elasticsearch domain access policies (inline on the
// domain or as a DomainPolicy), and API Gateway REST API policies (inline or as a RestApiPolicy).
import { resourcePolicy } from "../../lib/define";
import { reportPublicPolicy } from "../../lib/public-policy";
import {
  APIGATEWAY_REST_API,
  APIGATEWAY_REST_API_POLICY,
  ELASTICSEARCH_DOMAIN,
  ELASTICSEARCH_DOMAIN_POLICY,
  OPENSEARCH_DOMAIN,
  OPENSEARCH_DOMAIN_POLICY,
} from "../../lib/types";
import { awsDocs, kics } from "../../lib/controls";

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
  ],
  types: [APIGATEWAY_REST_API, APIGATEWAY_REST_API_POLICY],
  check: (props, ctx) => reportPublicPolicy(props.policy, "", ctx.report),
});
