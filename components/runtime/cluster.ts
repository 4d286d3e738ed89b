// The runtime's ECS cluster with Container Insights, and the log group Container Insights writes
// its performance events to, made by the stack first so that it is encrypted, has a retention and
// goes with the stack.
import * as aws from "@pulumi/aws";
import type { EncryptionKey } from "../kms-key";
import type { Build } from "./index";

/**
 * The log group of a cluster's Container Insights performance events:
 * `/aws/ecs/containerinsights/<cluster name>/performance` (CloudWatch user guide, "Container
 * Insights performance log events for Amazon ECS",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-reference-performance-logs-ECS.html).
 */
export function containerInsightsLogGroupName(clusterName: string): string {
  return `/aws/ecs/containerinsights/${clusterName}/performance`;
}

/**
 * The cluster's name: `platform:runtimeClusterName`, by default the stack's `<project>-<stack>`
 * (`stackName`, in the characters AWS names accept). The deploy role of the GitHub OIDC layer
 * scopes the cluster's Container Insights log group by the same name.
 */
export function runtimeClusterName(configured: string | undefined, stackName: string): string {
  return configured ?? stackName;
}

/**
 * The cluster, named `platform:runtimeClusterName` (default `<project>-<stack>`), and its
 * Container Insights log group. ECS creates that group itself when a cluster with Container
 * Insights on finds none (aws/containers-roadmap#2315, which also asks to point it at another
 * group: it cannot be), with no key of ours, and the group outlives the stack. So the cluster is
 * named (an auto-name is known only after creation) and waits for the group; on destroy the
 * cluster goes first, then the group. The layer's key grants CloudWatch Logs on the account's log
 * groups (`buildKey`), this one included. That ECS then writes into a group made before it, and
 * encrypted with a customer key, rests on practice, not on an AWS statement (a _watch_ item of
 * docs/deploy-requirements.md: docs/first-deploy-watch.md, "ECS and the Container Insights log group").
 *
 * A fixed name is replaced delete-first: CreateCluster given the name of an ACTIVE cluster
 * returns that cluster (hashicorp/terraform-provider-aws#38875), so a create-first replacement
 * would adopt the live cluster and then delete it. A stack made while the cluster was auto-named
 * keeps it by setting the key to that name (docs/first-deploy.md): renaming replaces the cluster
 * and, its `cluster` being ForceNew, the service.
 */
export function buildCluster(
  b: Build,
  key: EncryptionKey,
): { cluster: aws.ecs.Cluster; insightsLogGroup: aws.cloudwatch.LogGroup } {
  const { name, args, tags, protect } = b;
  const clusterName = runtimeClusterName(args.clusterName, b.stackName);
  const insightsLogGroup = new aws.cloudwatch.LogGroup(
    `${name}-insights-logs`,
    {
      name: containerInsightsLogGroupName(clusterName),
      retentionInDays: args.logRetentionDays,
      kmsKeyId: key.keyArn,
      tags: tags("insights-logs"),
    },
    { parent: b.self, retainOnDelete: protect },
  );
  const cluster = new aws.ecs.Cluster(
    `${name}-cluster`,
    {
      name: clusterName,
      settings: [{ name: "containerInsights", value: "enabled" }],
      tags: tags("cluster"),
    },
    { parent: b.self, dependsOn: [insightsLogGroup], deleteBeforeReplace: true },
  );
  return { cluster, insightsLogGroup };
}
