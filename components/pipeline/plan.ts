// The delivery pipeline's build context and the names it plans before anything exists (the
// trust policies and the EventBridge rules name them): pure, apart from ARNs built from the
// account.
import * as pulumi from "@pulumi/pulumi";
import type { Builder } from "../context";
import type { PipelineArgs } from "./index";
import { BUILD_STAGES, BuildStage } from "./buildspec";

/** What the Pipeline's builders share. */
export type PipelineBuild = Builder<
  PipelineArgs,
  {
    /** `<project>-<stack>`: every name the stack's pipeline resources carry starts with it. */
    readonly prefix: string;
    readonly region: string;
    readonly accountId: pulumi.Output<string>;
    readonly partition: pulumi.Output<string>;
    /** `arn:<partition>:<service>:<region>:<account>:<resource>`. */
    arn(service: string, resource: pulumi.Input<string>): pulumi.Output<string>;
  }
>;

/** One pipeline: the branch it delivers, its name, and the suffix of its resources' names. */
export interface PlannedPipeline {
  readonly branch: string;
  /** "" for the first pipeline, `-<branch>` for the others (resource names). */
  readonly suffix: string;
  readonly name: string;
}

/** Pipeline names: letters, digits and . @ - _ (CodePipeline API, PipelineDeclaration.name). */
export function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9.@_-]+/g, "-").replace(/^-+|-+$/g, "");
}

/** The build projects' names, `<prefix>-<stage>`. */
export function projectNames(prefix: string): Record<BuildStage, string> {
  return Object.fromEntries(BUILD_STAGES.map((s) => [s, `${prefix}-${s}`])) as Record<
    BuildStage,
    string
  >;
}

/**
 * The pipelines: one per CodeCommit branch (the first named `<prefix>-app`, the others
 * `<prefix>-app-<branch>`), one for a GitHub source (its trigger takes the branch patterns).
 */
export function plannedPipelines(
  prefix: string,
  sourceKind: "codecommit" | "github",
  branches: readonly string[],
): PlannedPipeline[] {
  return (sourceKind === "codecommit" ? branches : [branches[0]]).map((branch, i) => ({
    branch,
    suffix: i === 0 ? "" : `-${sanitize(branch)}`,
    name: i === 0 ? `${prefix}-app` : `${prefix}-app-${sanitize(branch)}`.slice(0, 100),
  }));
}
