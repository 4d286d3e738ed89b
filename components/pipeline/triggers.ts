// CodeCommit change detection: one EventBridge rule per delivered branch starts its pipeline,
// through a role only those rules may assume.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument } from "../iam";
import { PipelineBuild, PlannedPipeline } from "./plan";

/**
 * For a CodeCommit source: the rules `${name}-source-rule<suffix>` and their targets, and the role
 * `${name}-events-role` that may start exactly these pipelines.
 */
export function codecommitTriggers(
  b: PipelineBuild,
  on: {
    readonly repositoryArn: pulumi.Input<string>;
    readonly pipelines: readonly PlannedPipeline[];
    readonly pipelineResources: readonly aws.codepipeline.Pipeline[];
  },
): void {
  const { name, parent, tags, prefix, accountId, arn } = b;
  const { repositoryArn, pipelines, pipelineResources } = on;
  const pipelineArns = pipelines.map((p) => arn("codepipeline", p.name));
  const ruleNames = pipelines.map((p) => `${prefix}-source${p.suffix}`.slice(0, 64));
  const ruleArns = ruleNames.map((r) => arn("events", `rule/${r}`));
  // EventBridge docs ("Cross-service confused deputy prevention"): aws:SourceAccount and
  // aws:SourceArn (the rule) in the trust policy of a target role.
  const eventsRole = new aws.iam.Role(
    `${name}-events-role`,
    {
      description: `Lets the ${prefix} source rules start their pipelines`,
      assumeRolePolicy: policyDocument(
        [
          {
            sid: "TrustEventBridgeRules",
            effect: "Allow",
            actions: ["sts:AssumeRole"],
            principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }],
            conditions: [
              { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
              { test: "ArnLike", variable: "aws:SourceArn", values: ruleArns },
            ],
          },
        ],
        parent,
      ),
      tags: tags("events-role"),
    },
    parent,
  );
  const eventsPolicy = new aws.iam.RolePolicy(
    `${name}-events-policy`,
    {
      role: eventsRole.id,
      policy: policyDocument(
        [
          {
            sid: "StartOwnPipelines",
            effect: "Allow",
            actions: ["codepipeline:StartPipelineExecution"],
            resources: pipelineArns,
          },
        ],
        parent,
      ),
    },
    parent,
  );
  pipelines.forEach((p, i) => {
    // CodeCommit docs ("CodeCommit events"): a push to a branch is a "CodeCommit Repository
    // State Change" with event referenceCreated/referenceUpdated and the branch name.
    const rule = new aws.cloudwatch.EventRule(
      `${name}-source-rule${p.suffix}`,
      {
        name: ruleNames[i],
        description: `Start ${p.name} on pushes to ${p.branch}`,
        eventPattern: pulumi.jsonStringify({
          source: ["aws.codecommit"],
          "detail-type": ["CodeCommit Repository State Change"],
          resources: [repositoryArn],
          detail: {
            event: ["referenceCreated", "referenceUpdated"],
            referenceType: ["branch"],
            referenceName: [p.branch],
          },
        }),
        tags: tags(`source-rule${p.suffix}`),
      },
      parent,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-source-target${p.suffix}`,
      { rule: rule.name, arn: pipelineResources[i].arn, roleArn: eventsRole.arn },
      { parent: b.self, dependsOn: [eventsPolicy] },
    );
  });
}
