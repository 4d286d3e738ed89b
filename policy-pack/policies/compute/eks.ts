// EKS clusters send their control-plane logs to CloudWatch Logs and run a Kubernetes version AWS
// still supports, preferably in standard support. (Endpoint exposure and node group SSH:
// ../exposure; secrets encryption: ../kms/compute.ts.)
import { resourcePolicy } from "../../lib/define";
import { EKS_CLUSTER } from "../../lib/types";
import { NATIVE_EKS_CLUSTER } from "../../lib/native/types";
import { asList } from "../../lib/values";
import { awsDocs, checkov, fsbp, trivy } from "../../lib/controls";
import { versionVerdict } from "../../lib/compute/kubernetes-versions";
import { stringListSchema } from "../../lib/config-schema";

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
    requiredLogTypes: stringListSchema("Control-plane log types every cluster must enable.", [
      "api",
      "audit",
      "authenticator",
      "controllerManager",
      "scheduler",
    ]),
  },
  types: [EKS_CLUSTER, NATIVE_EKS_CLUSTER],
  check: (props, ctx) => {
    const enabled = new Set(asList<string>(props.enabledClusterLogTypes));
    const missing = ctx.config.requiredLogTypes.filter((t) => !enabled.has(t));
    if (missing.length) {
      ctx.report(`enabledClusterLogTypes leaves out ${missing.join(", ")}.`);
    }
  },
});

interface SupportedVersionsConfig {
  readonly supportedVersions: string[];
}

export const eksSupportedVersion = resourcePolicy<SupportedVersionsConfig>({
  name: "eks-cluster-supported-version",
  description:
    "EKS clusters run a Kubernetes version AWS still supports, in standard or extended support " +
    "(14 + 12 months from its EKS release, " +
    "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html): past that the " +
    "control plane gets no patches and EKS upgrades it on its own. Advisory. Left out, EKS uses " +
    "its default version; a version newer than every listed one is taken as a new release.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Upgrade the cluster one minor version at a time to a supported one (`version`), node groups " +
    "and add-ons with it.",
  references: [checkov("CKV_AWS_339"), fsbp("EKS.2")],
  config: {
    // EKS release calendar: 1.31 left extended support on 2026-11-26; 1.32 stays until 2027-03.
    supportedVersions: stringListSchema(
      "Kubernetes minor versions in EKS standard or extended support (update as AWS releases " +
        "and retires them).",
      ["1.32", "1.33", "1.34", "1.35", "1.36"],
    ),
  },
  types: [EKS_CLUSTER, NATIVE_EKS_CLUSTER],
  check: (props, ctx) => {
    const version = props.version;
    if (typeof version !== "string" || version === "") return;
    if (versionVerdict(version, ctx.config.supportedVersions) === "older") {
      ctx.report(
        `Kubernetes ${version} is past the end of EKS support (supported: ` +
          `${ctx.config.supportedVersions.join(", ")}).`,
      );
    }
  },
});

interface StandardSupportConfig {
  readonly standardSupportVersions: string[];
}

export const eksStandardSupportVersion = resourcePolicy<StandardSupportConfig>({
  name: "eks-cluster-standard-support-version",
  description:
    "EKS clusters run a Kubernetes version in standard support (the first 14 months after its " +
    "EKS release, https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html), " +
    "not in extended support, which is billed extra per cluster hour and ends in a forced " +
    "upgrade. Advisory, low: a version in extended support still gets patches " +
    "(eks-cluster-supported-version judges that). Left out, EKS uses its default version; a " +
    "version newer than every listed one is taken as a new release.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Upgrade the cluster (`version`) to a version in standard support, and plan the next " +
    'upgrade before it leaves it; `upgradePolicy.supportType: "STANDARD"` keeps EKS from ' +
    "billing extended support.",
  references: [awsDocs("eks/latest/userguide/kubernetes-versions")],
  config: {
    // EKS release calendar: 1.34 left standard support on 2026-12-02; 1.35 stays until 2027-03.
    standardSupportVersions: stringListSchema(
      "Kubernetes minor versions in EKS standard support (update as AWS releases them).",
      ["1.35", "1.36"],
    ),
  },
  types: [EKS_CLUSTER, NATIVE_EKS_CLUSTER],
  check: (props, ctx) => {
    const version = props.version;
    if (typeof version !== "string" || version === "") return;
    if (versionVerdict(version, ctx.config.standardSupportVersions) !== "listed-or-newer") {
      ctx.report(
        `Kubernetes ${version} is not in EKS standard support (` +
          `${ctx.config.standardSupportVersions.join(", ")}): extended support is billed extra.`,
      );
    }
  },
});
