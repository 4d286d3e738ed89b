// Resource policies that grant every action of one service (`s3:*`, `sns:*`, `ecr:*`, `es:*`,
// `elasticfilesystem:*` ...), to whichever principal they name: the rule SQS queue policies have
// for `sqs:*` (sqs-queue-policy-no-wildcard-actions, ./queues-topics.ts), for every other resource
// policy. Every action of every service (`"*"`, NotAction) is resource-policy-lists-actions'
// finding (./actions.ts); whom a policy admits is the `*-not-public` rules'.
//
// Left out, each with its own judgement:
// - SQS queue policies: sqs-queue-policy-no-wildcard-actions counts `sqs:*` there.
// - KMS key policies: AWS's default key policy grants `kms:*` to the key's account root, which
//   hands the key's use to the account's IAM policies (KMS Developer Guide, "Default key policy",
//   https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html); a key policy
//   without it can leave the key unmanageable. kms-key-policy-no-wildcard-principal judges them.
// - Log destination policies: resource-policy-lists-actions accepts only
//   logs:PutSubscriptionFilter there, so any wildcard is its finding already.
// - `execute-api:*` in a REST API policy: the service defines Invoke, InvalidateCache and
//   ManageConnections only (Service Authorization Reference, "Actions defined by Amazon API
//   Gateway"), none of which changes the API or its policy (those are `apigateway:*` calls on the
//   management API); whom it admits is apigateway-rest-api-policy-not-public's judgement.
import { resourcePolicy } from "../../lib/define";
import { parsePolicyDocument } from "../../lib/policy-document";
import { hasWildcard } from "../../lib/policy-elements";
import { statementLabel } from "../../lib/public-policy";
import { splitAction } from "../../lib/iam/actions";
import { isAllServicesPattern } from "../../lib/iam/documents";
import {
  RESOURCE_POLICY_INPUT,
  resourcePolicyInputOf,
  resourcePolicyTypes,
} from "../../lib/resource-policies";
import type { IamStatement } from "../../lib/policy-document";
import {
  CLOUDWATCH_LOG_DESTINATION_POLICY,
  KMS_EXTERNAL_KEY,
  KMS_KEY,
  KMS_KEY_POLICY,
  KMS_REPLICA_EXTERNAL_KEY,
  KMS_REPLICA_KEY,
  SQS_QUEUE,
  SQS_QUEUE_POLICY,
} from "../../lib/types";
import { awsDocs } from "../../lib/controls";

/** The resource types judged elsewhere (see the file's head). */
const JUDGED_ELSEWHERE = new Set([
  SQS_QUEUE,
  SQS_QUEUE_POLICY,
  KMS_KEY,
  KMS_KEY_POLICY,
  KMS_EXTERNAL_KEY,
  KMS_REPLICA_KEY,
  KMS_REPLICA_EXTERNAL_KEY,
  CLOUDWATCH_LOG_DESTINATION_POLICY,
]);

/** Services whose every action only uses the resource, never changes it or its policy. */
const USE_ONLY_SERVICES = new Set(["execute-api"]);

/**
 * The first pattern of an Allow statement that grants every action of one service (its action
 * part only wildcards: `s3:*`, `es:**`), or undefined. IAM matches action names
 * case-insensitively (IAM User Guide, reference_policies_elements_action). Throws if the Action
 * element is unknown at preview.
 */
function serviceWildcard(s: IamStatement): string | undefined {
  if (!s.isAllow || s.notActions) return undefined;
  const found = s.actions?.known.find((a) => {
    if (isAllServicesPattern(a)) return false;
    const parts = splitAction(a);
    return (
      parts !== undefined &&
      hasWildcard(parts.name) &&
      parts.name.replace(/[*?]/g, "") === "" &&
      !USE_ONLY_SERVICES.has(parts.service)
    );
  });
  if (found !== undefined) return found;
  if (s.actions?.unknown) throw s.actions.unknown;
  return undefined;
}

export const resourcePolicyNoServiceWildcard = resourcePolicy({
  name: "resource-policy-no-service-wildcard",
  description:
    "No resource policy (buckets, topics, repositories, secrets, file systems, vaults, search " +
    'domains and every other resource-policy resource) allows every action of one service ("s3:*", ' +
    '"sns:*", "ecr:*", "es:*", "elasticfilesystem:*"), to whichever principal, another account ' +
    "or the owner's own: the principal may also rewrite the policy, delete the resource or read " +
    'all its data. As "sqs:*" in queue policies (sqs-queue-policy-no-wildcard-actions). Key ' +
    "policies (AWS's default one grants kms:* to the account root) and `execute-api:*` (invoke " +
    "only) are left out.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'List the actions the principal needs in Action (e.g. "s3:GetObject" for a reader in another ' +
    'account, "sns:Publish" for a producer, "ecr:BatchGetImage" and ' +
    '"ecr:GetDownloadUrlForLayer" for a puller, "elasticfilesystem:ClientMount" for a client).',
  // Terrascan AC_AWS_059 (efsPolicyNotSecure.rego) and AC_AWS_060 (esDomainInsecurePolicy.rego)
  // report `elasticfilesystem:*` and `es:*` to any principal; the pack has no Terrascan source.
  references: [awsDocs("IAM/latest/UserGuide/best-practices (grant least privilege)")],
  types: resourcePolicyTypes(
    Object.keys(RESOURCE_POLICY_INPUT).filter((t) => !JUDGED_ELSEWHERE.has(t)),
  ),
  check: (props, ctx, args) => {
    const input = resourcePolicyInputOf(args.type);
    const raw = input === undefined ? undefined : props[input];
    if (raw === undefined || raw === null || raw === "") return;
    // Malformed documents are the public-policy rules' finding; here only the actions count.
    parsePolicyDocument(raw).forEach((s) => {
      const wild = serviceWildcard(s);
      if (wild)
        ctx.report(`${statementLabel(s)}: Allow "${wild}" grants every action of the service.`);
    });
  },
});
