// Resource policies that grant more than a list of actions: Allow with NotAction, or Action "*",
// to whichever principal they name (public or not: ./service-policies.ts and the other
// `*-not-public` rules judge who). SQS queue policies have their own rule, which also counts
// "sqs:*" (./queues-topics.ts). A CloudWatch Logs destination policy also names its one action
// instead of a wildcard (KICS "CloudWatch Logs Destination With Vulnerable Policy").
//
// VPC endpoint policies (aws.ec2.VpcEndpoint `policy`, aws.ec2.VpcEndpointPolicy, the aws-native
// VPCEndpoint `policyDocument`) are left out on purpose. An endpoint policy grants nothing by
// itself: it narrows what identity and resource policies allow through the endpoint ("An endpoint
// policy does not override or replace identity-based policies or resource-based policies", VPC
// User Guide, "Control access to VPC endpoints using endpoint policies"; "VPC endpoint policies
// don't grant permissions on their own", IAM User Guide, "Control access to AWS STS with VPC
// endpoint policies"). AWS attaches `Allow` `Principal: "*"` `Action: "*"` `Resource: "*"` when
// none is given, and the data-perimeter endpoint policy is `Action: "*"` under an
// `aws:PrincipalOrgID` condition: here both would be mandatory findings for a policy that gives
// no one anything. Whether an endpoint policy narrows access is ec2-vpc-endpoint-policy's
// advisory (../network/endpoints.ts), which also reports Allow with NotAction to anyone.
import { resourcePolicy } from "../../lib/define";
import { parsePolicyDocument } from "../../lib/policy-document";
import { statementLabel } from "../../lib/public-policy";
import {
  RESOURCE_POLICY_INPUT,
  resourcePolicyInputOf,
  resourcePolicyTypes,
  unlistedActions,
} from "../../lib/resource-policies";
import type { IamStatement } from "../../lib/policy-document";
import { CLOUDWATCH_LOG_DESTINATION_POLICY, SQS_QUEUE, SQS_QUEUE_POLICY } from "../../lib/types";
import { awsDocs, kics } from "../../lib/controls";

const CLASSIC_TYPES = Object.keys(RESOURCE_POLICY_INPUT).filter(
  (t) => t !== SQS_QUEUE && t !== SQS_QUEUE_POLICY,
);

/**
 * The classic types, the aws-native types whose twin is one of them (bucket, topic, registry, log,
 * stream, vault, event bus and secret policies, keys, OpenSearch domains, access points, REST
 * APIs: ../../lib/native/twins.ts), whose views carry the document under the classic input name,
 * and the native ECR repositories and EFS file systems, whose policy is inline
 * (NATIVE_INLINE_POLICY_INPUT).
 */
const TYPES = resourcePolicyTypes(CLASSIC_TYPES);

/** The one action a log destination's access policy can grant. */
const SUBSCRIBE = "logs:PutSubscriptionFilter";

/**
 * An action pattern with a wildcard in a log destination's access policy, described. The policy
 * "is used to authorize claims to register a subscription filter against a given destination"
 * (CloudWatch Logs API Reference, PutDestinationPolicy), so logs:PutSubscriptionFilter is all it
 * needs (the CloudWatch Logs User Guide's CreateDestination example grants exactly that); a
 * wildcard grants whatever else AWS ever authorizes through it. Throws if the Action element is
 * unknown at preview.
 */
function destinationWildcard(s: IamStatement): string | undefined {
  if (!s.isAllow) return undefined;
  const wild = s.actions?.known.find(
    (a) => /[*?]/.test(a) && a.toLowerCase() !== SUBSCRIBE.toLowerCase(),
  );
  if (wild !== undefined) {
    return `Allow "${wild}" on a log destination, whose policy grants only ${SUBSCRIBE}`;
  }
  if (s.actions?.unknown) throw s.actions.unknown;
  return undefined;
}

export const resourcePolicyListsActions = resourcePolicy({
  name: "resource-policy-lists-actions",
  description:
    "No resource policy (topics, keys, repositories, secrets, buckets, vaults, file systems, " +
    "domains, APIs, log destinations and every other resource-policy resource) allows every " +
    'action of every service ("*") or every action but some (Allow with NotAction): whoever it ' +
    "names, now or after an edit, may also rewrite the policy, delete the resource or read its " +
    "data. A log destination's policy names logs:PutSubscriptionFilter, not a wildcard. VPC " +
    "endpoint policies are not judged here: they grant nothing by themselves (AWS's default one " +
    "allows * to *); ec2-vpc-endpoint-policy judges them.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'List the actions the principal needs in Action (e.g. "sns:Publish", ' +
    '"logs:PutSubscriptionFilter", "ecr:BatchGetImage"). To withhold actions, keep the Allow ' +
    "narrow and add a Deny statement with NotAction.",
  references: [
    kics("SNS Topic Publicity Has Allow and NotAction Simultaneously"),
    kics("CloudWatch Logs Destination With Vulnerable Policy"),
    awsDocs("AmazonCloudWatchLogs/latest/APIReference/API_PutDestinationPolicy"),
    awsDocs("IAM/latest/UserGuide/reference_policies_elements_notaction (NotAction with Allow)"),
  ],
  types: TYPES,
  check: (props, ctx, args) => {
    const input = resourcePolicyInputOf(args.type);
    const raw = input === undefined ? undefined : props[input];
    if (raw === undefined || raw === null || raw === "") return;
    // Malformed documents are the public-policy rules' finding; here only the actions count.
    parsePolicyDocument(raw).forEach((s) => {
      const what =
        unlistedActions(s) ??
        (args.type === CLOUDWATCH_LOG_DESTINATION_POLICY ? destinationWildcard(s) : undefined);
      if (what) ctx.report(`${statementLabel(s)}: ${what}.`);
    });
  },
});
