// AWS Batch job definitions run no privileged containers: the same verdict as for ECS task
// definitions (../../lib/compute/containers.ts), wherever the job definition holds containers.
import { privilegedContainerProblems } from "../../lib/compute/containers";
import { resourcePolicy } from "../../lib/define";
import { BATCH_JOB_DEFINITION } from "../../lib/types";
import { NATIVE_BATCH_JOB_DEFINITION } from "../../lib/native/types";
import { asList, jsonDocument, flagOn } from "../../lib/values";
import { kics } from "../../lib/controls";

/** A JSON property of the job definition, parsed; undefined when it is not set. */
function parsed(props: any, key: string): any {
  const v = props[key];
  return v === undefined || v === null || v === "" ? undefined : jsonDocument(v);
}

export const batchJobDefinitionNotPrivileged = resourcePolicy({
  name: "batch-job-definition-not-privileged",
  description:
    "AWS Batch job definitions run no privileged container: not in containerProperties, not in " +
    "a multi-node job's node ranges, not in ecsProperties task containers, and no EKS container " +
    "with securityContext.privileged. Mandatory, like ECS: a privileged container is root on the " +
    "compute environment's instance.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Remove `"privileged": true` from the container properties (and `privileged` from EKS ' +
    "containers' securityContext); Fargate job definitions reject it anyway.",
  references: [kics("Batch Job Definition With Privileged Container Properties")],
  types: [BATCH_JOB_DEFINITION, NATIVE_BATCH_JOB_DEFINITION],
  check: (props, ctx) => {
    const containers: [string, any][] = [];
    const single = parsed(props, "containerProperties");
    if (single) containers.push(["containerProperties", single]);
    const nodes = parsed(props, "nodeProperties");
    asList(nodes?.nodeRangeProperties).forEach((r: any, i: number) => {
      if (r?.container) containers.push([`node range ${r.targetNodes ?? i + 1}`, r.container]);
    });
    const ecs = parsed(props, "ecsProperties");
    for (const task of asList(ecs?.taskProperties)) {
      for (const c of asList(task?.containers)) containers.push([c?.name ?? "ecs container", c]);
    }
    for (const c of asList(props.eksProperties?.podProperties?.containers)) {
      if (flagOn(c?.securityContext?.privileged)) {
        ctx.report(`EKS container '${c.name ?? "?"}' runs privileged.`);
      }
    }
    for (const [name, def] of containers) {
      for (const problem of privilegedContainerProblems(name, def)) ctx.report(problem);
    }
  },
});
