// SQS queue and SNS topic policies that make the queue or topic public (as S3 defines "public",
// ../../lib/public-policy.ts): on the policy side resource and on the resource's inline `policy`.
import { resourcePolicy } from "../../lib/define";
import { reportPublicPolicy } from "../../lib/public-policy";
import { SNS_TOPIC, SNS_TOPIC_POLICY, SQS_QUEUE, SQS_QUEUE_POLICY } from "../../lib/types";
import { awsDocs, checkov, kics } from "../../lib/controls";

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
    kics("SQS Policy With Public Access"),
    kics("SQS Queue Exposed"),
    awsDocs("AmazonS3/userguide/access-control-block-public-access (public)"),
  ],
  types: [SQS_QUEUE_POLICY, SQS_QUEUE],
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
    kics("SNS Topic is Publicly Accessible"),
    awsDocs("AmazonS3/userguide/access-control-block-public-access (public)"),
  ],
  types: [SNS_TOPIC_POLICY, SNS_TOPIC],
  check: (props, ctx) => reportPublicPolicy(props.policy, "", ctx.report),
});
