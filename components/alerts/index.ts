// The platform's alerts: one SNS topic, encrypted with its own customer-managed key, that the
// service's CloudWatch alarms and the failure events of its deployments publish to, and an
// optional e-mail subscriber. What fires and what to do: docs/operations/alerts.md.
//
// An encrypted topic takes messages from AWS services only if its key lets them use it: SNS
// developer guide, "Managing Amazon SNS encryption keys and costs" > "Enable compatibility between
// event sources from AWS services and encrypted topics"
// (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services:
// kms:GenerateDataKey* and kms:Decrypt for the service principal, cloudwatch.amazonaws.com for
// CloudWatch alarms and events.amazonaws.com for EventBridge). Without that grant the alarms and
// rules deploy cleanly and every notification is dropped.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlertsSettings, EMAIL_ADDRESS } from "../alerts.keys";
import { Builder, builder, invalidArguments } from "../context";
import { nameWithin } from "../naming";
import { ANYONE, policyDocument } from "../iam";
import { componentKey, KeyGrant } from "../kms-key";
import { ALARMS, AlarmSpec, EVENTS } from "./alarms";

export { ALARMS, EVENTS } from "./alarms";

/** What is watched, and who is told (the Alerts section's settings, components/alerts.keys.ts). */
export interface AlertsArgs extends AlertsSettings {
  /** The load balancer's ARN suffix (`app/<name>/<id>`), its metrics' `LoadBalancer` dimension. */
  readonly loadBalancerArnSuffix: pulumi.Input<string>;
  /** The target group's ARN suffix (`targetgroup/<name>/<id>`), its `TargetGroup` dimension. */
  readonly targetGroupArnSuffix: pulumi.Input<string>;
  /** The ECS cluster and service whose CPU, memory and deployments are watched. */
  readonly clusterName: pulumi.Input<string>;
  readonly serviceName: pulumi.Input<string>;
  readonly serviceArn: pulumi.Input<string>;
  /** The delivery pipelines whose failed runs are reported. */
  readonly pipelineNames: readonly pulumi.Input<string>[];
  readonly region: string;
  /** Keep the topic's key when the stack is destroyed (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

/** Validates what the type system cannot; throws one error listing every problem. */
function validateArgs(name: string, args: AlertsArgs): void {
  const problems: string[] = [];
  if (args.email !== undefined && !EMAIL_ADDRESS.test(args.email)) {
    problems.push(`email: "${args.email}" is not an e-mail address`);
  }
  if (args.pipelineNames.length === 0) problems.push("pipelineNames: name at least one pipeline");
  invalidArguments("Alerts", name, problems);
}

/** The SNS actions the KMS grants cover: what SNS asks KMS for when a message is published. */
const PUBLISH_KEY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey"];

/** What the builders of the alerts share: the component's scope, name and arguments. */
type Build = Builder<AlertsArgs>;

export class Alerts extends pulumi.ComponentResource {
  /** The topic every alert goes to: subscribe chat, paging or more addresses here. */
  public readonly topicArn: pulumi.Output<string>;
  /** The alarms' names (`<project>-<stack>-<id>`), in the order of {@link ALARMS}. */
  public readonly alarmNames: pulumi.Output<string>[];

  constructor(name: string, args: AlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    validateArgs(name, args);
    super("platform:operations:Alerts", name, {}, opts);
    const b = builder(this, name, args, () => ({}));
    const { accountId, partition } = b.account;
    const region = args.region;

    // The topic's name is fixed, so its ARN is known before it exists and the key can name it.
    // Names AWS keeps unique per account and region, so they carry the project and stack (SNS
    // topic names up to 256 characters, alarm names 255, EventBridge rule names 64: each API
    // reference's Name parameter).
    const topicName = nameWithin(`${b.stackName}-alerts`, 256);
    const topicArn = pulumi.interpolate`arn:${partition}:sns:${region}:${accountId}:${topicName}`;
    const alarmArns = pulumi.interpolate`arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${b.stackName}-*`;
    const key = componentKey(
      b,
      name,
      `Encrypts the ${name} alerts topic`,
      topicKeyGrants(topicArn, accountId),
    );

    const topic = new aws.sns.Topic(
      `${name}-topic`,
      { name: topicName, kmsMasterKeyId: key.keyArn, tags: b.tags("topic") },
      b.parent,
    );
    const alarms = metricAlarms(b, topic);
    const rules = eventRules(b, topic);
    topicPolicy(b, topic, { accountId, alarmArns, rules });

    if (args.email !== undefined) {
      // SNS mails a confirmation link; until it is followed the subscription is pending and
      // nothing is delivered to it, and SNS deletes a subscription still pending after 48 hours
      // (AWS What's New, 2023-05-10, "Amazon SNS now supports automatic deletion of unconfirmed
      // subscriptions ... 48 hours"). The provider then finds it gone at the next refresh and
      // subscribes again (terraform-provider-aws#14101, the subscription's "disappears" case):
      // `pulumi up --refresh` sends a new mail (docs/first-deploy-watch.md, "The alerts path").
      new aws.sns.TopicSubscription(
        `${name}-email`,
        { topic: topic.arn, protocol: "email", endpoint: args.email },
        b.parent,
      );
    }

    this.topicArn = topic.arn;
    this.alarmNames = alarms.map((a) => a.name);
    this.registerOutputs({ topicArn: this.topicArn });
  }
}

/**
 * What the topic's key grants the services that publish to it.
 *
 * SNS asks KMS for the topic's data keys with the topic's ARN as encryption context: AWS's
 * own key policy for a service publishing to an encrypted topic conditions on
 * kms:EncryptionContext:aws:sns:topicArn (GameLift FlexMatch guide, "Set up an SNS topic with
 * server-side encryption",
 * https://docs.aws.amazon.com/gamelift/latest/flexmatchguide/queue-notification-sns-sse.html).
 * So each grant reaches this topic only. SNS uses the data key to encrypt, so GenerateDataKey
 * (with plaintext) is the one of `kms:GenerateDataKey*` it calls: AWS's own key policies for
 * services publishing to encrypted topics grant exactly kms:GenerateDataKey and kms:Decrypt
 * (that GameLift page; AWS End User Messaging SMS user guide, "Amazon SNS access policy",
 * "Access policy for encrypted Amazon SNS topics").
 */
function topicKeyGrants(
  topicArn: pulumi.Output<string>,
  accountId: pulumi.Output<string>,
): KeyGrant[] {
  const thisTopic = {
    test: "StringEquals",
    variable: "kms:EncryptionContext:aws:sns:topicArn",
    values: [topicArn],
  };
  return [
    {
      // Step 3 of the SNS guide's compatibility steps: aws:SourceAccount and aws:SourceArn
      // protect the key from a confused deputy for every source but EventBridge. The account is
      // pinned here; the alarms' ARNs are pinned once, by the topic policy (`topicPolicy`),
      // which must admit a publisher before SNS encrypts anything for it.
      sid: "CloudWatchAlarmsPublish",
      principals: { type: "Service", identifiers: ["cloudwatch.amazonaws.com"] },
      actions: PUBLISH_KEY_ACTIONS,
      conditions: [
        thisTopic,
        { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
      ],
    },
    {
      // No source condition here, on purpose: the same SNS guide, step 3, "Important: Adding the
      // aws:SourceAccount, aws:SourceArn, and aws:SourceOrgID to a AWS KMS policy is not
      // supported for EventBridge-to-encrypted topics" (one would drop every event). The
      // topic's encryption context is the pin, and the topic policy (`topicPolicy`) admits this
      // stack's rules only (aws:SourceArn is supported there).
      sid: "EventBridgeRulesPublish",
      principals: { type: "Service", identifiers: ["events.amazonaws.com"] },
      actions: PUBLISH_KEY_ACTIONS,
      conditions: [thisTopic],
    },
  ];
}

/** One CloudWatch alarm per {@link ALARMS} entry, telling the topic when it fires and clears. */
function metricAlarms(b: Build, topic: aws.sns.Topic): aws.cloudwatch.MetricAlarm[] {
  const { args, name, stackName, tags, parent } = b;
  const dimensions = (spec: AlarmSpec): Record<string, pulumi.Input<string>> =>
    spec.dimensions === "service"
      ? { ClusterName: args.clusterName, ServiceName: args.serviceName }
      : spec.dimensions === "targetGroup"
        ? { LoadBalancer: args.loadBalancerArnSuffix, TargetGroup: args.targetGroupArnSuffix }
        : { LoadBalancer: args.loadBalancerArnSuffix };
  return ALARMS.map((spec) => {
    const percentile = spec.statistic.startsWith("p");
    return new aws.cloudwatch.MetricAlarm(
      `${name}-${spec.id}`,
      {
        name: nameWithin(`${stackName}-${spec.id}`, 255),
        alarmDescription: spec.description,
        namespace: spec.namespace,
        metricName: spec.metricName,
        dimensions: dimensions(spec),
        statistic: percentile ? undefined : spec.statistic,
        extendedStatistic: percentile ? spec.statistic : undefined,
        period: spec.periodSeconds,
        evaluationPeriods: spec.evaluationPeriods,
        datapointsToAlarm: spec.datapointsToAlarm,
        threshold: spec.threshold,
        comparisonOperator: spec.comparison,
        treatMissingData: spec.treatMissingData,
        // Told when it fires and when it clears.
        alarmActions: [topic.arn],
        okActions: [topic.arn],
        tags: tags(spec.id),
      },
      parent,
    );
  });
}

/** One EventBridge rule per {@link EVENTS} entry, with the topic as its target. */
function eventRules(b: Build, topic: aws.sns.Topic): aws.cloudwatch.EventRule[] {
  const { args, name, stackName, tags, parent } = b;
  const watched = pulumi
    .all([args.serviceArn, pulumi.all([...args.pipelineNames])])
    .apply(([serviceArn, pipelineNames]) => ({ serviceArn, pipelineNames }));
  return EVENTS.map((spec) => {
    const rule = new aws.cloudwatch.EventRule(
      `${name}-${spec.id}`,
      {
        name: nameWithin(`${stackName}-${spec.id}`, 64),
        description: spec.description,
        eventPattern: watched.apply((w) => JSON.stringify(spec.pattern(w))),
        tags: tags(spec.id),
      },
      parent,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-${spec.id}-target`,
      { rule: rule.name, arn: topic.arn },
      parent,
    );
    return rule;
  });
}

/**
 * Who may publish: this stack's alarms and rules, each through its service, over TLS only
 * (EventBridge docs, "Using resource-based policies for Amazon EventBridge" > Amazon SNS
 * permissions: SNS targets take a topic policy, not a role). Same-account administrators keep
 * what their IAM policies grant (an SNS topic policy need not name principals of its own account).
 */
function topicPolicy(
  b: Build,
  topic: aws.sns.Topic,
  on: {
    readonly accountId: pulumi.Output<string>;
    readonly alarmArns: pulumi.Output<string>;
    readonly rules: readonly aws.cloudwatch.EventRule[];
  },
): void {
  const { name, parent } = b;
  const { accountId, alarmArns, rules } = on;
  new aws.sns.TopicPolicy(
    `${name}-topic-policy`,
    {
      arn: topic.arn,
      policy: policyDocument(
        [
          {
            sid: "CloudWatchAlarmsPublish",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
            actions: ["sns:Publish"],
            resources: [topic.arn],
            conditions: [
              { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
              { test: "ArnLike", variable: "aws:SourceArn", values: [alarmArns] },
            ],
          },
          {
            sid: "EventBridgeRulesPublish",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
            actions: ["sns:Publish"],
            resources: [topic.arn],
            conditions: [
              { test: "ArnEquals", variable: "aws:SourceArn", values: rules.map((r) => r.arn) },
            ],
          },
          {
            sid: "DenyInsecureTransport",
            effect: "Deny",
            principals: [ANYONE],
            actions: ["sns:Publish"],
            resources: [topic.arn],
            conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
          },
        ],
        parent,
      ),
    },
    parent,
  );
}
