// S3 resilience and monitoring (advisory): buckets replicate their objects, keep them under Object
// Lock, and announce changes through event notifications. S3 does none of this by default (S3 User
// Guide: replication needs a replication configuration, "Replicating objects within and across
// Regions"; Object Lock is off until enabled, "Locking objects with Object Lock"; a bucket sends no
// event until a notification configuration names a destination, "Amazon S3 Event Notifications").
// Each rule reads the bucket's companion resource and the deprecated inline argument, and judges
// `aws.s3.Bucket` only (the type it applies to, so a stack without one skips it): the deprecated
// `aws.s3.BucketV2` spelling is left to the other S3 rules. An aws-native Bucket (read as
// `aws.s3.Bucket`, ../../lib/native/twins-buckets.ts) states all three inline, in CloudFormation's
// shape (AWS::S3::Bucket, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html):
// ReplicationConfiguration { Role, Rules [{ Status, Destination }] } and ObjectLockEnabled /
// ObjectLockConfiguration { ObjectLockEnabled: "Enabled" } as the deprecated inline arguments
// spell them, and NotificationConfiguration { EventBridgeConfiguration { EventBridgeEnabled },
// LambdaConfigurations, QueueConfigurations, TopicConfigurations }, which `inlineNotifications` reads.
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy, type StackCheckContext } from "../../lib/define";
import { sideResourcesOf } from "../../lib/s3/buckets";
import { eachBucket, label } from "../../lib/s3/checks";
import { asList, programSetting, flagOn } from "../../lib/values";
import { awsDocs, cdkNag, checkov, fsbp } from "../../lib/controls";
import { S3_BUCKET, S3_RESILIENCE_SIDE } from "../../lib/types";
import { NATIVE_S3_BUCKET } from "../../lib/native/types";
import { nativeTypeOf } from "../../lib/native/view";

/** Runs `check` for every `aws.s3.Bucket` of the stack (the type the rules apply to). */
function eachPlainBucket<C>(
  ctx: StackCheckContext<C>,
  check: (bucket: PolicyResource) => void,
): void {
  eachBucket(ctx, (bucket) => {
    if (bucket.type === S3_BUCKET) check(bucket);
  });
}

const enabledRules = (config: any): boolean =>
  asList(config?.rules).some((r: any) => r?.status === "Enabled");

export const replicationEnabled = stackPolicy({
  name: "s3-bucket-replication-enabled",
  description:
    "Buckets replicate their objects (an aws.s3.BucketReplicationConfig, or the deprecated inline " +
    "replicationConfiguration, with an Enabled rule), so a copy survives the loss of the bucket " +
    "or its Region. Advisory: the rule cannot see the destination's Region, so same-Region " +
    "replication passes. Buckets of short-lived or reproducible data record a waiver.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Enable versioning on the bucket and on a destination bucket in another Region, and add an " +
    "aws.s3.BucketReplicationConfig with `bucket: <bucket>.id`, a replication role and a rule " +
    '{ status: "Enabled", destination: { bucket: <destination>.arn } }; or tag the bucket ' +
    "`waiver:s3-bucket-replication-enabled` = <why its data need no copy>.",
  references: [
    checkov("CKV_AWS_144"),
    fsbp("S3.7"),
    cdkNag("S3BucketReplicationEnabled"),
    awsDocs("S3 User Guide, Replicating objects within and across Regions"),
  ],
  types: [S3_BUCKET, ...S3_RESILIENCE_SIDE.replication, NATIVE_S3_BUCKET],
  appliesTo: [S3_BUCKET, NATIVE_S3_BUCKET],
  check: (ctx) =>
    eachPlainBucket(ctx, (bucket) => {
      const sides = sideResourcesOf(ctx.index, bucket, S3_RESILIENCE_SIDE.replication);
      if (sides.some((s) => enabledRules(s.props))) return;
      if (!sides.length && enabledRules(programSetting(bucket, "replicationConfiguration"))) return;
      ctx.report(
        bucket,
        sides.length
          ? `${label(bucket)}: replication ${sides.map((s) => `"${s.name}"`).join(", ")} has no Enabled rule.`
          : `${label(bucket)} is not replicated.`,
        sides,
      );
    }),
});

export const objectLockEnabled = stackPolicy({
  name: "s3-bucket-object-lock-enabled",
  description:
    "Buckets have Object Lock enabled (objectLockEnabled: true, or an " +
    "aws.s3.BucketObjectLockConfiguration), so objects cannot be deleted or overwritten for a " +
    "retention period. Advisory: Object Lock suits records that must be kept; a bucket of " +
    "expiring or disposable data records a waiver.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Create the bucket with `objectLockEnabled: true` (versioning is then enabled), and set a " +
    "default retention with an aws.s3.BucketObjectLockConfiguration; or tag the bucket " +
    "`waiver:s3-bucket-object-lock-enabled` = <why its objects need no lock>.",
  references: [
    checkov("CKV_AWS_143"),
    fsbp("S3.15"),
    cdkNag("S3BucketDefaultLockEnabled"),
    awsDocs("S3 User Guide, Locking objects with Object Lock"),
  ],
  types: [S3_BUCKET, ...S3_RESILIENCE_SIDE.objectLock, NATIVE_S3_BUCKET],
  appliesTo: [S3_BUCKET, NATIVE_S3_BUCKET],
  check: (ctx) =>
    eachPlainBucket(ctx, (bucket) => {
      // The companion resource's objectLockEnabled defaults to, and only accepts, "Enabled"
      // (PutObjectLockConfiguration, S3 API Reference; the provider's BucketObjectLockConfiguration).
      const sides = sideResourcesOf(ctx.index, bucket, S3_RESILIENCE_SIDE.objectLock);
      if (sides.some((s) => (s.props.objectLockEnabled ?? "Enabled") === "Enabled")) return;
      if (flagOn(programSetting(bucket, "objectLockEnabled"))) return;
      const inline = programSetting(bucket, "objectLockConfiguration");
      if (inline?.objectLockEnabled === "Enabled") return;
      ctx.report(bucket, `${label(bucket)} has no Object Lock.`, sides);
    }),
});

export const eventNotifications = stackPolicy({
  name: "s3-bucket-event-notifications",
  description:
    "Buckets send event notifications (an aws.s3.BucketNotification with eventbridge: true or a " +
    "Lambda function, queue or topic), so changes to their objects can be watched. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Add an aws.s3.BucketNotification with `bucket: <bucket>.id` and `eventbridge: true` (S3 " +
    "then sends every event to the account's default EventBridge bus), or a `queues`/`topics`/" +
    "`lambdaFunctions` entry; or tag the bucket `waiver:s3-bucket-event-notifications` = <reason>.",
  references: [
    checkov("CKV2_AWS_62"),
    fsbp("S3.11"),
    awsDocs("S3 User Guide, Amazon S3 Event Notifications"),
  ],
  types: [S3_BUCKET, ...S3_RESILIENCE_SIDE.notification, NATIVE_S3_BUCKET],
  appliesTo: [S3_BUCKET, NATIVE_S3_BUCKET],
  check: (ctx) =>
    eachPlainBucket(ctx, (bucket) => {
      const sides = sideResourcesOf(ctx.index, bucket, S3_RESILIENCE_SIDE.notification);
      const sends = (n: PolicyResource) =>
        flagOn(n.props.eventbridge) ||
        ["lambdaFunctions", "queues", "topics"].some((k) => asList(n.props[k]).length > 0);
      if (sides.some(sends)) return;
      const inline = inlineNotifications(bucket);
      if (inline === true) return;
      ctx.report(
        bucket,
        sides.length
          ? `${label(bucket)}: notification ${sides.map((s) => `"${s.name}"`).join(", ")} names no destination.`
          : inline === false
            ? `${label(bucket)}: notificationConfiguration neither enables EventBridge nor names a destination.`
            : `${label(bucket)} sends no event notifications.`,
        sides,
      );
    }),
});

/**
 * Whether an aws-native bucket's inline notificationConfiguration sends events: EventBridge
 * enabled, or a Lambda, queue or topic configuration; undefined when it states none (a classic
 * bucket, or a native one without the block). An unknown block throws (a preview note).
 */
function inlineNotifications(bucket: PolicyResource): boolean | undefined {
  if (nativeTypeOf(bucket) === undefined) return undefined;
  const config: any = bucket.props.notificationConfiguration;
  if (config === undefined || config === null) return undefined;
  return (
    flagOn(config.eventBridgeConfiguration?.eventBridgeEnabled) ||
    ["lambdaConfigurations", "queueConfigurations", "topicConfigurations"].some(
      (k) => asList(config[k]).length > 0,
    )
  );
}
