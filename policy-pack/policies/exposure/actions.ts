// Resource policies that grant more than a list of actions: Allow with NotAction, or Action "*",
// to whichever principal they name (public or not: ./service-policies.ts and the other
// `*-not-public` rules judge who). SQS queue policies have their own rule, which also counts
// "sqs:*" (./queues-topics.ts).
import { resourcePolicy } from "../../lib/define";
import { parsePolicyDocument } from "../../lib/policy-document";
import { statementLabel } from "../../lib/public-policy";
import { RESOURCE_POLICY_INPUT, unlistedActions } from "../../lib/resource-policies";
import { SQS_QUEUE, SQS_QUEUE_POLICY } from "../../lib/types";
import { awsDocs, kics } from "../../lib/controls";

const TYPES = Object.keys(RESOURCE_POLICY_INPUT).filter(
  (t) => t !== SQS_QUEUE && t !== SQS_QUEUE_POLICY,
);

export const resourcePolicyListsActions = resourcePolicy({
  name: "resource-policy-lists-actions",
  description:
    "No resource policy (topics, keys, repositories, secrets, buckets, vaults, file systems, " +
    "domains, APIs, log destinations and every other resource-policy resource) allows every " +
    'action of every service ("*") or every action but some (Allow with NotAction): whoever it ' +
    "names, now or after an edit, may also rewrite the policy, delete the resource or read its data.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'List the actions the principal needs in Action (e.g. "sns:Publish", ' +
    '"logs:PutSubscriptionFilter", "ecr:BatchGetImage"). To withhold actions, keep the Allow ' +
    "narrow and add a Deny statement with NotAction.",
  references: [
    kics("SNS Topic Publicity Has Allow and NotAction Simultaneously"),
    awsDocs("IAM/latest/UserGuide/reference_policies_elements_notaction (NotAction with Allow)"),
  ],
  types: TYPES,
  check: (props, ctx, args) => {
    const raw = props[RESOURCE_POLICY_INPUT[args.type]];
    if (raw === undefined || raw === null || raw === "") return;
    // Malformed documents are the public-policy rules' finding; here only the actions count.
    parsePolicyDocument(raw).forEach((s) => {
      const what = unlistedActions(s);
      if (what) ctx.report(`${statementLabel(s)}: ${what}.`);
    });
  },
});
