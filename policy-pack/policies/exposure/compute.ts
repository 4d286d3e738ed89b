// Compute open to the internet by a service default: EKS managed node groups whose SSH port EKS
// opens to 0.0.0.0/0, SageMaker notebook instances and Studio domains that reach the internet
// directly, outside the VPC and its routes, and Transfer Family servers with an internet endpoint.
import { resourcePolicy } from "../../lib/define";
import {
  EKS_NODE_GROUP,
  SAGEMAKER_DOMAIN,
  SAGEMAKER_NOTEBOOK_INSTANCE,
  TRANSFER_SERVER,
} from "../../lib/types";
import {
  NATIVE_EKS_NODEGROUP,
  NATIVE_SAGEMAKER_DOMAIN,
  NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE,
  NATIVE_TRANSFER_SERVER,
} from "../../lib/native/types";
import { holdsValue, isSet, peek } from "../../lib/values";
import { awsDocs, checkov, fsbp, kics } from "../../lib/controls";

export const eksNodeGroupRemoteAccessRestricted = resourcePolicy({
  name: "eks-node-group-remote-access-restricted",
  description:
    "EKS managed node groups that allow SSH (remoteAccess.ec2SshKey) name the security groups " +
    "allowed to reach it: without sourceSecurityGroupIds, EKS opens port 22 on every node to " +
    "0.0.0.0/0.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Drop `remoteAccess` and reach nodes through SSM Session Manager, or set " +
    "`remoteAccess.sourceSecurityGroupIds` to the security group of a bastion or VPN.",
  references: [
    checkov("CKV_AWS_100"),
    kics("EKS node group remote access disabled"),
    // "If you specify ec2SshKey, but do not specify sourceSecurityGroups when you create a managed
    // node group, then port 22 on the nodes is opened to the internet (0.0.0.0/0)."
    awsDocs("eks/latest/APIReference/API_RemoteAccessConfig"),
  ],
  types: [EKS_NODE_GROUP, NATIVE_EKS_NODEGROUP],
  check: (props, ctx) => {
    const remote = props.remoteAccess;
    if (!remote || !holdsValue(() => remote.ec2SshKey)) return;
    const sources = peek(() => remote.sourceSecurityGroupIds);
    // Security group ids unknown at preview will be ids: the node group names its sources.
    // Only whether there are any matters, so the elements are never read.
    if (!sources.known || (Array.isArray(sources.value) && sources.value.length > 0)) return;
    ctx.report(
      "remoteAccess sets ec2SshKey without sourceSecurityGroupIds: EKS opens SSH (port 22) on " +
        "every node to 0.0.0.0/0.",
    );
  },
});

export const sagemakerNotebookNoDirectInternet = resourcePolicy({
  name: "sagemaker-notebook-no-direct-internet-access",
  description:
    'SageMaker notebook instances set directInternetAccess to "Disabled" (which SageMaker allows ' +
    'only with a subnet of the VPC). Written "Enabled" or left out (SageMaker\'s default is "Enabled"), ' +
    "the notebook gets a route to the internet through SageMaker's own network, past the VPC's " +
    "routes, security groups and endpoints.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `directInternetAccess: "Disabled"` with `subnetId` and `securityGroups` of a private ' +
    "subnet, and reach AWS services through VPC endpoints.",
  references: [
    checkov("CKV_AWS_122"),
    fsbp("SageMaker.1"),
    // CreateNotebookInstance, DirectInternetAccess: "Sets whether SageMaker provides internet
    // access to the notebook instance ... Default: Enabled". Disabled needs a SubnetId.
    awsDocs("sagemaker/latest/APIReference/API_CreateNotebookInstance"),
  ],
  types: [SAGEMAKER_NOTEBOOK_INSTANCE, NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE],
  // Left out is the same AWS state as "Enabled", so it gets the same verdict: Security Hub
  // SageMaker.1 and cdk-nag's SageMakerNotebookNoDirectInternetAccess fail it, as DMS's public
  // default is reported by dms-replication-instance-not-public. Checkov passes it
  // (CKV_AWS_122, missing_block_result=PASSED): the third-party cases record that disagreement.
  check: (props, ctx) => {
    const access = props.directInternetAccess;
    if (!isSet(access)) {
      ctx.report(
        'directInternetAccess is left out, and SageMaker defaults it to "Enabled": the notebook ' +
          "reaches the internet outside the VPC.",
      );
      return;
    }
    if (String(access).toLowerCase() === "disabled") return;
    ctx.report(
      `directInternetAccess is "${access}": the notebook reaches the internet outside the VPC.`,
    );
  },
});

// CreateDomain, AppNetworkAccessType: "PublicInternetOnly - Non-EFS traffic is through a VPC
// managed by Amazon SageMaker AI, which allows direct internet access" (the default); "VpcOnly -
// All traffic is through the specified VPC and subnets".
const DOMAIN_API = awsDocs("sagemaker/latest/APIReference/API_CreateDomain");

export const sagemakerDomainVpcOnly = resourcePolicy({
  name: "sagemaker-domain-vpc-only",
  description:
    'SageMaker Studio domains set appNetworkAccessType to "VpcOnly": written ' +
    '"PublicInternetOnly" or left out (SageMaker\'s default is "PublicInternetOnly"), the ' +
    "domain's apps reach the internet through SageMaker's own network, past the VPC's routes, " +
    "security groups and endpoints.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `appNetworkAccessType: "VpcOnly"` with private `subnetIds`, and reach AWS services ' +
    "through VPC endpoints (or a NAT gateway where the internet is needed).",
  references: [DOMAIN_API],
  types: [SAGEMAKER_DOMAIN, NATIVE_SAGEMAKER_DOMAIN],
  // Left out is the same AWS state as "PublicInternetOnly", so the same verdict, as for
  // notebooks' directInternetAccess.
  check: (props, ctx) => {
    const access = props.appNetworkAccessType;
    if (!isSet(access)) {
      ctx.report(
        'appNetworkAccessType is left out, and SageMaker defaults it to "PublicInternetOnly": ' +
          "Studio apps reach the internet outside the VPC.",
      );
      return;
    }
    if (access !== "PublicInternetOnly") return;
    ctx.report(
      'appNetworkAccessType is "PublicInternetOnly": Studio apps reach the internet outside the VPC.',
    );
  },
});

export const transferServerNotPublic = resourcePolicy({
  name: "transfer-server-not-public",
  description:
    'Transfer Family servers (SFTP, FTPS, FTP, AS2 into S3 or EFS) use endpointType "VPC" ' +
    "without Elastic IPs: the default PUBLIC endpoint, and a VPC endpoint with " +
    "endpointDetails.addressAllocationIds, answer on the internet outside the VPC's controls.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `endpointType: "VPC"` with `endpointDetails` naming private subnets and security groups, ' +
    "and leave addressAllocationIds unset; reach the server over the VPC, a VPN or Direct Connect.",
  references: [
    checkov("CKV_AWS_164"),
    // Transfer Family user guide, "Create a server in a virtual private cloud": a PUBLIC endpoint
    // is reachable over the internet; a VPC endpoint is internal unless Elastic IP addresses are
    // associated (addressAllocationIds), which makes it internet-facing. CreateServer
    // EndpointType defaults to PUBLIC.
    awsDocs("transfer/latest/userguide/create-server-in-vpc.html"),
  ],
  types: [TRANSFER_SERVER, NATIVE_TRANSFER_SERVER],
  check: (props, ctx) => {
    const type = props.endpointType ?? "PUBLIC";
    if (type === "PUBLIC") {
      ctx.report(
        `endpointType is ${props.endpointType === undefined ? "left out (PUBLIC)" : '"PUBLIC"'}: ` +
          "the server answers on the internet.",
      );
      return;
    }
    // VPC_ENDPOINT (no longer offered to new servers) is reached through an interface endpoint
    // of the VPC only.
    if (type !== "VPC") return;
    const eips = props.endpointDetails?.addressAllocationIds;
    if (Array.isArray(eips) ? eips.length > 0 : isSet(eips)) {
      ctx.report(
        "endpointDetails.addressAllocationIds gives the VPC endpoint Elastic IPs: the server is " +
          "internet-facing.",
      );
    }
  },
});
