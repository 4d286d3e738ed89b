// EKS clusters send their control-plane logs to CloudWatch Logs. (Endpoint exposure and node group
// SSH: ../exposure; secrets encryption: ../kms/compute.ts.)
import { resourcePolicy } from "../../lib/define";
import { EKS_CLUSTER } from "../../lib/types";
import { asList } from "../../lib/values";
import { checkov, fsbp, trivy } from "../../lib/controls";

interface ControlPlaneLogConfig {
  readonly requiredLogTypes: string[];
}

export const eksControlPlaneLogging = resourcePolicy<ControlPlaneLogConfig>({
  name: "eks-cluster-control-plane-logging",
  description:
    "EKS clusters send every control-plane log type to CloudWatch Logs (enabledClusterLogTypes): " +
    "api, audit, authenticator, controllerManager and scheduler. EKS enables none by default, " +
    "so without them nobody can tell who did what to the cluster.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", ' +
    '"scheduler"]` and a retention on the /aws/eks/<cluster>/cluster log group.',
  references: [checkov("CKV_AWS_37"), trivy("AWS-0038"), fsbp("EKS.8")],
  config: {
    requiredLogTypes: {
      type: "array",
      items: { type: "string" },
      description: "Control-plane log types every cluster must enable.",
      default: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    },
  },
  types: [EKS_CLUSTER],
  check: (props, ctx) => {
    const enabled = new Set(asList<string>(props.enabledClusterLogTypes));
    const missing = ctx.config.requiredLogTypes.filter((t) => !enabled.has(t));
    if (missing.length) {
      ctx.report(`enabledClusterLogTypes leaves out ${missing.join(", ")}.`);
    }
  },
});
