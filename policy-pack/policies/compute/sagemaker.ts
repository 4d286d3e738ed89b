// SageMaker notebook instances: no root access for their users, a subnet of the VPC, and IMDSv2
// only. (Direct internet access is an exposure rule, ../exposure/compute.ts; KMS keys:
// ../kms/compute.ts.)
import { resourcePolicy } from "../../lib/define";
import { SAGEMAKER_NOTEBOOK_INSTANCE } from "../../lib/types";
import { NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE } from "../../lib/native/types";
import { holdsValue } from "../../lib/values";
import { awsDocs, checkov, fsbp } from "../../lib/controls";

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
  types: [SAGEMAKER_NOTEBOOK_INSTANCE, NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE],
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
  types: [SAGEMAKER_NOTEBOOK_INSTANCE, NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE],
  check: (props, ctx) => {
    if (!holdsValue(() => props.subnetId))
      ctx.report("No subnetId: the notebook runs outside the VPC.");
  },
});

export const sagemakerNotebookImdsV2 = resourcePolicy({
  name: "sagemaker-notebook-imdsv2",
  description:
    "SageMaker notebook instances allow only IMDSv2 " +
    '(instanceMetadataServiceConfiguration.minimumInstanceMetadataServiceVersion "2"). ' +
    "Mandatory, as for EC2 instances: SageMaker defaults to IMDSv1, which lets any request " +
    "forgery in a notebook read the notebook role's credentials.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" }`.',
  references: [
    checkov("CKV_AWS_371"),
    // CreateNotebookInstance, InstanceMetadataServiceConfiguration: "if no value is selected,
    // then it defaults to IMDSv1. This means that both IMDSv1 and IMDSv2 are supported."
    awsDocs("sagemaker/latest/APIReference/API_InstanceMetadataServiceConfiguration"),
  ],
  types: [SAGEMAKER_NOTEBOOK_INSTANCE, NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE],
  check: (props, ctx) => {
    const version =
      props.instanceMetadataServiceConfiguration?.minimumInstanceMetadataServiceVersion;
    if (String(version ?? "") !== "2") {
      ctx.report(
        version === undefined || version === null || version === ""
          ? "minimumInstanceMetadataServiceVersion is not set, and SageMaker defaults to IMDSv1."
          : `minimumInstanceMetadataServiceVersion is "${version}": IMDSv1 is allowed.`,
      );
    }
  },
});
