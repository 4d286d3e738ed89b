// CodePipeline pipelines: type V2 (filtered triggers) and a manual approval before a production
// deploy. The artifact store is required by the provider schema and by AWS, and its encryption key
// is the KMS policies' rule (../kms/service-keys.ts), so no policy here repeats it.
import { resourcePolicy } from "../../lib/define";
import { asList } from "../../lib/values";
import { CODEPIPELINE_PIPELINE } from "../../lib/types";
import { awsDocs } from "../../lib/controls";
import { NATIVE_CODEPIPELINE_PIPELINE } from "../../lib/native/types";
import { stringListSchema } from "../../lib/config-schema";

export const codepipelineTypeV2 = resourcePolicy({
  name: "codepipeline-pipeline-type-v2",
  description:
    "Pipelines should be of type V2 (triggers with branch and file-path filters, pipeline-level variables, execution " +
    "modes). Advisory: V1 pipelines start on every push to the watched branch and cannot filter triggers.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Set `pipelineType: "V2"` and use `triggers` to filter what starts the pipeline.',
  references: [awsDocs("CodePipeline pipeline types")],
  types: [CODEPIPELINE_PIPELINE, NATIVE_CODEPIPELINE_PIPELINE],
  check: (props, ctx) => {
    if (props.pipelineType !== "V2")
      ctx.report(`pipelineType is '${props.pipelineType ?? "V1 (default)"}'.`);
  },
});

/** The words of a name: kebab, snake, dotted and camelCase parts, lower-cased. */
function words(name: unknown): string[] {
  if (typeof name !== "string") return [];
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase());
}

export const codepipelineApprovalBeforeProduction = resourcePolicy<{ productionWords: string[] }>({
  name: "codepipeline-approval-before-production",
  description:
    "A pipeline that deploys to production should pass a manual approval first. A deploy action counts as production when " +
    "its name, its stage's name or the pipeline's name contains one of `productionWords` as a word (DeployProd, " +
    "prod-deploy, platform_production). Advisory: the pack can only infer 'production' from names.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Add an action with `category: "Approval"`, `provider: "Manual"` in a stage before the production deploy (or ' +
    "earlier in the same stage by runOrder).",
  references: [awsDocs("CodePipeline manual approval actions")],
  config: {
    productionWords: stringListSchema(
      "Words (case-insensitive) that mark a pipeline, stage or action name as production.",
      ["prod", "production", "live"],
    ),
  },
  // An aws-native Pipeline's actions keep category and provider in actionTypeId; they read as the
  // classic actions (../../lib/native/twins-workloads.ts).
  types: [CODEPIPELINE_PIPELINE, NATIVE_CODEPIPELINE_PIPELINE],
  check: (props, ctx) => {
    const prodWords = new Set(ctx.config.productionWords.map((w) => w.toLowerCase()));
    const isProd = (name: unknown) => words(name).some((w) => prodWords.has(w));
    const pipelineIsProd = isProd(props.name);
    let approvedBefore = false; // a manual approval in an earlier stage
    for (const stage of asList(props.stages)) {
      const stageIsProd = pipelineIsProd || isProd(stage?.name);
      // Within a stage, actions with a lower runOrder finish before higher ones; equal ones run in parallel.
      const actions = asList(stage?.actions).map((a: any, i: number) => ({
        a,
        order: Number(a?.runOrder ?? 1),
        i,
      }));
      actions.sort((x, y) => x.order - y.order || x.i - y.i);
      let approvedEarlierOrder = false;
      let approvedThisOrder = false;
      let currentOrder = Number.NEGATIVE_INFINITY;
      for (const { a, order } of actions) {
        if (order !== currentOrder) {
          approvedEarlierOrder ||= approvedThisOrder;
          approvedThisOrder = false;
          currentOrder = order;
        }
        if (a?.category === "Approval" && a?.provider === "Manual") approvedThisOrder = true;
        if (a?.category !== "Deploy" || !(stageIsProd || isProd(a?.name))) continue;
        if (!approvedBefore && !approvedEarlierOrder) {
          ctx.report(
            `Deploy action '${a?.name}' in stage '${stage?.name}' runs without a manual approval before it.`,
          );
        }
      }
      approvedBefore ||= approvedEarlierOrder || approvedThisOrder;
    }
  },
});
