// Look-ups of one existing resource by its name: an ECR repository, an SNS topic, an SQS queue, an
// ECS cluster the program did not create (made by hand, by another stack, by a pipeline). Programs
// read them for an identifier to pass on: the repository's URL for an image, a topic's ARN for an
// alarm, a queue's URL for an environment variable. Those identifiers follow from the name, the
// account and the region in the formats AWS documents, so they are answered; what only AWS knows
// (the repository's encryption, the cluster's settings) stays unknown, as a value the program cannot
// rely on. Without an answer the program stopped at the first one, and nothing after it was judged.
import { UNKNOWN } from "./env";
import type { Resolved } from "./env";

type Args = Record<string, any>;

const arn = (e: Resolved, service: string, region: string, resource: string) =>
  `arn:${e.partition.partition}:${service}:${region}:${e.accountId}:${resource}`;

export const LOOKUP_INVOKES: Record<string, (args: Args, env: Resolved) => Args> = {
  // aws_ecr_repository data source; the URI is `<registry>.dkr.ecr.<region>.<suffix>/<name>`
  // (Amazon ECR User Guide, "Amazon ECR private repositories": repository URI format).
  "aws:ecr/getRepository:getRepository": (a, e) => {
    const registryId = a.registryId ?? e.accountId;
    return {
      ...a,
      id: a.name,
      name: a.name,
      registryId,
      arn: `arn:${e.partition.partition}:ecr:${e.region.code}:${registryId}:repository/${a.name}`,
      repositoryUrl: `${registryId}.dkr.ecr.${e.region.code}.${e.partition.dnsSuffix}/${a.name}`,
      encryptionConfigurations: UNKNOWN,
      imageScanningConfigurations: UNKNOWN,
      imageTagMutability: UNKNOWN,
      mostRecentImageTags: UNKNOWN,
      tags: a.tags ?? {},
    };
  },
  // aws_sns_topic data source: the topic's ARN is its id (SNS API Reference, CreateTopic).
  "aws:sns/getTopic:getTopic": (a, e) => {
    const topicArn = arn(e, "sns", e.region.code, a.name);
    return { ...a, id: topicArn, arn: topicArn, tags: a.tags ?? {} };
  },
  // aws_sqs_queue data source: its id is the queue URL (SQS Developer Guide, "Queue and message
  // identifiers": https://sqs.<region>.amazonaws.com/<account>/<name>).
  "aws:sqs/getQueue:getQueue": (a, e) => {
    const url = `https://sqs.${e.region.code}.${e.partition.dnsSuffix}/${e.accountId}/${a.name}`;
    return { ...a, id: url, url, arn: arn(e, "sqs", e.region.code, a.name), tags: a.tags ?? {} };
  },
  // aws_ecs_cluster data source: ARN `cluster/<name>`, its id; the counts and settings are the
  // cluster's own business.
  "aws:ecs/getCluster:getCluster": (a, e) => {
    const clusterArn = arn(e, "ecs", e.region.code, `cluster/${a.clusterName}`);
    return {
      ...a,
      id: clusterArn,
      arn: clusterArn,
      status: "ACTIVE",
      pendingTasksCount: UNKNOWN,
      runningTasksCount: UNKNOWN,
      registeredContainerInstancesCount: UNKNOWN,
      serviceConnectDefaults: UNKNOWN,
      settings: UNKNOWN,
      tags: a.tags ?? {},
    };
  },
};
