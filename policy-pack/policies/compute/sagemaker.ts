// SageMaker notebook instances: no root access for their users, and a subnet of the VPC. (Direct
// internet access is an exposure rule, ../exposure/compute.ts; KMS keys: ../kms/compute.ts.)
import { resourcePolicy } from "../../lib/define";
import { SAGEMAKER_NOTEBOOK_INSTANCE } from "../../lib/types";
import { holdsValue } from "../../lib/values";
import { checkov, fsbp } from "../../lib/controls";

export const sagemakerNotebookNoRootAccess = resourcePolicy({
  name: "sagemaker-notebook-root-access-disabled",
  description:
    'SageMaker notebook instances set rootAccess to "Disabled": SageMaker defaults to "Enabled", ' +
    "which lets every notebook user change the instance's software and configuration.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `rootAccess: "Disabled"`; install what the notebook needs through a lifecycle ' +
    "configuration, which still runs as root.",
  references: [checkov("CKV_AWS_307"), fsbp("SageMaker.3")],
  types: [SAGEMAKER_NOTEBOOK_INSTANCE],
  check: (props, ctx) => {
    const root = props.rootAccess;
    if (typeof root === "string" && root.toLowerCase() === "disabled") return;
    ctx.report(
      root === undefined || root === null || root === ""
        ? 'rootAccess is not set, and SageMaker defaults it to "Enabled".'
        : `rootAccess is "${root}".`,
    );
  },
});

export const sagemakerNotebookInVpc = resourcePolicy({
  name: "sagemaker-notebook-in-vpc",
  description:
    "SageMaker notebook instances run in a subnet of the VPC (subnetId), so its security groups, " +
    "routes and endpoints govern their traffic.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps: "Set `subnetId` to a private subnet and `securityGroups` to the notebook's.",
  references: [checkov("CKV_AWS_306"), fsbp("SageMaker.2")],
  types: [SAGEMAKER_NOTEBOOK_INSTANCE],
  check: (props, ctx) => {
    if (!holdsValue(() => props.subnetId))
      ctx.report("No subnetId: the notebook runs outside the VPC.");
  },
});
