// SQS queue and SNS topic policies that make the queue or topic public (as S3 defines "public",
// ../../lib/public-policy.ts): on the policy side resource and on the resource's inline `policy`;
// and queue policies that grant every SQS action, to whichever principal they name.
import { resourcePolicy } from "../../lib/define";
import { parsePolicyDocument } from "../../lib/policy-document";
import { reportPublicPolicy, statementLabel } from "../../lib/public-policy";
import { SNS_TOPIC, SNS_TOPIC_POLICY, SQS_QUEUE, SQS_QUEUE_POLICY } from "../../lib/types";
import {
  NATIVE_SNS_TOPIC_INLINE_POLICY,
  NATIVE_SNS_TOPIC_POLICY,
  NATIVE_SQS_QUEUE_INLINE_POLICY,
  NATIVE_SQS_QUEUE_POLICY,
} from "../../lib/native/types";
import { awsDocs, checkov, kics, trivy } from "../../lib/controls";

export const sqsQueuePolicyNotPublic = resourcePolicy({
  name: "sqs-queue-policy-not-public",
  description:
    "No SQS queue policy (aws.sqs.QueuePolicy or the queue's inline policy) makes the queue public: " +
    'no Allow to Principal "*" (or another unfixed principal) without a condition that pins it to ' +
    "an account, organization, source or network, and no Allow with NotPrincipal.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Name the principals (role ARNs, service principals such as sns.amazonaws.com) instead of " +
    '"*", or add a StringEquals/ArnEquals condition with fixed values on aws:SourceArn, ' +
    "aws:SourceAccount, aws:PrincipalOrgID or aws:SourceVpce.",
  references: [
    checkov("CKV_AWS_168"),
    checkov("CKV_AWS_261"),
    checkov("CKV_AWS_283"),
    kics("SQS Policy With Public Access"),
    kics("SQS Queue Exposed"),
    awsDocs("AmazonS3/userguide/access-control-block-public-access (public)"),
  ],
  types: [SQS_QUEUE_POLICY, SQS_QUEUE, NATIVE_SQS_QUEUE_POLICY, NATIVE_SQS_QUEUE_INLINE_POLICY],
  check: (props, ctx) => reportPublicPolicy(props.policy, "", ctx.report),
});

export const snsTopicPolicyNotPublic = resourcePolicy({
  name: "sns-topic-policy-not-public",
  description:
    "No SNS topic policy (aws.sns.TopicPolicy or the topic's inline policy) makes the topic public: " +
    'no Allow to Principal "*" (or another unfixed principal) without a condition that pins it to ' +
    "an account, organization, source or network, and no Allow with NotPrincipal.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Name the principals (role ARNs, service principals) instead of "*", or add a StringEquals ' +
    "condition with fixed values on aws:SourceAccount, aws:SourceArn or aws:PrincipalOrgID (the " +
    "default topic policy pins AWS:SourceOwner to the topic's account).",
  references: [
    checkov("CKV_AWS_169"),
    checkov("CKV_AWS_261"),
    checkov("CKV_AWS_283"),
    kics("SNS Topic is Publicly Accessible"),
    awsDocs("AmazonS3/userguide/access-control-block-public-access (public)"),
  ],
  types: [SNS_TOPIC_POLICY, SNS_TOPIC, NATIVE_SNS_TOPIC_POLICY, NATIVE_SNS_TOPIC_INLINE_POLICY],
  check: (props, ctx) => reportPublicPolicy(props.policy, "", ctx.report),
});

/** Actions that grant every SQS action (IAM matches action names case-insensitively). */
const ALL_SQS_ACTIONS = new Set(["*", "sqs:*"]);

export const sqsQueuePolicyNoWildcardActions = resourcePolicy({
  name: "sqs-queue-policy-no-wildcard-actions",
  description:
    'No SQS queue policy (aws.sqs.QueuePolicy or the queue\'s inline policy) allows "*" or ' +
    '"sqs:*" (or every action but some, with NotAction): whoever it names may also change the ' +
    "queue's policy and attributes, purge it or delete it. Mandatory: least privilege, as for " +
    "IAM policies.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'List the actions the principal needs (e.g. "sqs:SendMessage" for a producer, ' +
    '"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility" for a consumer).',
  references: [
    checkov("CKV_AWS_72"),
    trivy("AWS-0097"),
    kics("SQS Policy With Public Access"),
    kics("SQS Policy Allows All Actions"),
    awsDocs("AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices"),
  ],
  types: [SQS_QUEUE_POLICY, SQS_QUEUE, NATIVE_SQS_QUEUE_POLICY, NATIVE_SQS_QUEUE_INLINE_POLICY],
  check: (props, ctx) => {
    if (props.policy === undefined || props.policy === null || props.policy === "") return;
    // Malformed documents are the public-policy rule's finding; here only the actions count.
    parsePolicyDocument(props.policy).forEach((s) => {
      if (!s.isAllow) return;
      if (s.notActions) {
        ctx.report(`${statementLabel(s)}: Allow with NotAction grants every other SQS action.`);
      } else if (s.actions?.some((a) => ALL_SQS_ACTIONS.has(a.toLowerCase()))) {
        ctx.report(`${statementLabel(s)}: allows every SQS action.`);
      }
    });
  },
});
