// Images, snapshots and documents shared with everyone: AMI launch permissions for the group "all"
// (directly, or in an Image Builder distribution configuration), the region's block public access
// for AMIs and for EBS snapshots turned off, RDS DB (cluster) snapshots and snapshot copies whose
// shared accounts include "all", Systems Manager documents shared with "All" accounts, and ECR
// Public repositories (public by design). A single EBS snapshot cannot be made public through this provider:
// aws.ec2.SnapshotCreateVolumePermission takes only an `accountId` (sharing with one account is
// cross-account, not public), so the region-wide block is what a stack can get wrong. VPC endpoint
// services (PrivateLink) that allow every principal and accept every connection. And AWS RAM
// resource shares open to accounts outside the organization.
import type { PolicyResource } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "../../lib/define";
import {
  EBS_SNAPSHOT_BLOCK_PUBLIC_ACCESS,
  EC2_AMI_LAUNCH_PERMISSION,
  EC2_IMAGE_BLOCK_PUBLIC_ACCESS,
  EC2_VPC_ENDPOINT_SERVICE,
  EC2_VPC_ENDPOINT_SERVICE_ALLOWED_PRINCIPLE,
  ECRPUBLIC_REPOSITORY,
  IMAGEBUILDER_DISTRIBUTION_CONFIGURATION,
  RAM_RESOURCE_SHARE,
  RDS_CLUSTER_SNAPSHOT,
  RDS_CLUSTER_SNAPSHOT_COPY,
  RDS_SNAPSHOT,
  RDS_SNAPSHOT_COPY,
  SSM_DOCUMENT,
} from "../../lib/types";
import {
  NATIVE_EC2_SNAPSHOT_BLOCK_PUBLIC_ACCESS,
  NATIVE_EC2_VPC_ENDPOINT_SERVICE,
  NATIVE_EC2_VPC_ENDPOINT_SERVICE_PERMISSIONS,
  NATIVE_ECR_PUBLIC_REPOSITORY,
  NATIVE_IMAGEBUILDER_DISTRIBUTION_CONFIGURATION,
  NATIVE_RAM_RESOURCE_SHARE,
} from "../../lib/native/types";
import { asList, flagOn, must, present } from "../../lib/values";
import { awsDocs, checkov, fsbp } from "../../lib/controls";

export const amiNotPublic = resourcePolicy({
  name: "ec2-ami-not-public",
  description:
    'No AMI launch permission shares an image with the group "all": every AWS account could ' +
    "launch it and read its disks. Nor does an Image Builder distribution configuration share the " +
    "AMIs it distributes with that group, nor does the stack turn the region's block public " +
    'access for AMIs off (state "unblocked").',
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Share the image with named accounts (`accountId`), an organization (`organizationArn`) or an " +
    'OU (`organizationalUnitArn`) instead of `group: "all"` (in Image Builder, `userIds`, ' +
    '`organizationArns` or `organizationalUnitArns` instead of `userGroups: ["all"]`); keep ' +
    'ImageBlockPublicAccess at "block-new-sharing".',
  references: [
    checkov("CKV_AWS_205"),
    awsDocs("AWSEC2/latest/UserGuide/sharingamis-intro (public AMIs)"),
    awsDocs("AWSEC2/latest/UserGuide/block-public-access-to-amis"),
    awsDocs("imagebuilder/latest/APIReference/API_LaunchPermissionConfiguration"),
  ],
  types: [
    EC2_AMI_LAUNCH_PERMISSION,
    EC2_IMAGE_BLOCK_PUBLIC_ACCESS,
    IMAGEBUILDER_DISTRIBUTION_CONFIGURATION,
    NATIVE_IMAGEBUILDER_DISTRIBUTION_CONFIGURATION,
  ],
  check: (props, ctx, args) => {
    if (args.type === IMAGEBUILDER_DISTRIBUTION_CONFIGURATION) {
      // "To make an AMI public, set userGroups to the value all" (https://docs.aws.amazon.com/
      // AWSCloudFormation/latest/TemplateReference/aws-properties-imagebuilder-distributionconfiguration-launchpermissionconfiguration.html):
      // every AMI the pipeline distributes to that region becomes public.
      for (const d of asList(props.distributions)) {
        const groups = asList(d?.amiDistributionConfiguration?.launchPermission?.userGroups);
        if (groups.some((g) => typeof g === "string" && g.toLowerCase() === "all")) {
          ctx.report(
            `the distribution to ${String(d?.region ?? "a region")} shares its AMIs with the user group "all" (public).`,
          );
        }
      }
      return;
    }
    if (args.type === EC2_IMAGE_BLOCK_PUBLIC_ACCESS) {
      // EC2 User Guide, "Block public access to your AMIs": "block-new-sharing" prevents public
      // sharing, "unblocked" allows any AMI of the region to be made public.
      if (props.state === "unblocked") {
        ctx.report('block public access for AMIs is "unblocked": any image can be made public.');
      }
      return;
    }
    if (props.group === "all") ctx.report('the image is shared with the group "all" (public).');
  },
});

export const ebsSnapshotBlockPublicAccess = resourcePolicy({
  name: "ebs-snapshot-block-public-access-on",
  description:
    "The stack does not turn the region's block public access for EBS snapshots off (state " +
    '"unblocked"): with it off, any snapshot can be shared with every AWS account, and its disk read.',
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps: 'Set SnapshotBlockPublicAccess state to "block-all-sharing".',
  references: [awsDocs("ebs/latest/userguide/block-public-access-snapshots")],
  types: [EBS_SNAPSHOT_BLOCK_PUBLIC_ACCESS, NATIVE_EC2_SNAPSHOT_BLOCK_PUBLIC_ACCESS],
  check: (props, ctx) => {
    // Amazon EBS User Guide, "Block public access for snapshots": "block-all-sharing" and
    // "block-new-sharing" stop new public sharing; "unblocked" turns the block off.
    if (props.state === "unblocked") {
      ctx.report(
        'block public access for EBS snapshots is "unblocked": any snapshot can be made public.',
      );
    }
  },
});

export const rdsSnapshotNotPublic = resourcePolicy({
  name: "rds-snapshot-not-public",
  description:
    "RDS DB snapshots, DB cluster snapshots and copies of either are not shared with " +
    '"all": a ' +
    "public snapshot can be restored, and its data read, by every AWS account.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps: 'Remove "all" from `sharedAccounts`; list the account ids that need it.',
  references: [checkov("CKV_AWS_302"), fsbp("RDS.1")],
  // aws.rds.SnapshotCopy shares its copy the same way; the provider's sharedAccounts argument:
  // "Use `all` to make the snapshot public"
  // (https://www.pulumi.com/registry/packages/aws/api-docs/rds/snapshotcopy/).
  // aws.rds.ClusterSnapshotCopy takes the same argument for cluster snapshots
  // (https://www.pulumi.com/registry/packages/aws/api-docs/rds/clustersnapshotcopy/).
  types: [RDS_SNAPSHOT, RDS_CLUSTER_SNAPSHOT, RDS_SNAPSHOT_COPY, RDS_CLUSTER_SNAPSHOT_COPY],
  check: (props, ctx) => {
    // RDS API reference, ModifyDBSnapshotAttribute: "To make the manual DB snapshot public, which
    // means it can be copied or restored by all AWS accounts, use the value all."
    if (asList(props.sharedAccounts).some((a) => a === "all")) {
      ctx.report('sharedAccounts includes "all": the snapshot is public.');
    }
  },
});

export const ssmDocumentNotPublic = resourcePolicy({
  name: "ssm-document-not-public",
  description:
    'Systems Manager documents are not shared with "All" accounts: a public document (its ' +
    "commands, scripts and any parameters or endpoints written into it) can be read and run by " +
    "every AWS account.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Set `permissions: { type: "Share", account_ids: "<account id>,..." }` to the accounts that ' +
    "need the document, or leave `permissions` out to keep it private.",
  references: [
    checkov("CKV_AWS_303"),
    fsbp("SSM.4"),
    awsDocs("systems-manager/latest/userguide/documents-ssm-sharing"),
  ],
  types: [SSM_DOCUMENT],
  check: (props, ctx) => {
    // SSM API reference, ModifyDocumentPermission AccountIdsToAdd: "To share a document publicly,
    // you must specify All as the account ID." The provider takes the ids as one comma-separated
    // string in the `permissions` map (key `account_ids`, not renamed, as map keys never are).
    const permissions = props.permissions as Record<string, unknown> | undefined;
    const ids = permissions?.account_ids ?? permissions?.accountIds;
    const list = Array.isArray(ids) ? ids : String(ids ?? "").split(",");
    if (list.some((id) => String(id).trim().toLowerCase() === "all")) {
      ctx.report('permissions share the document with "All" accounts: it is public.');
    }
  },
});

export const ecrPublicRepositoryNotUsed = resourcePolicy({
  name: "ecrpublic-repository-not-used",
  description:
    "No ECR Public repository: every image pushed to one, and the files and secrets baked into " +
    "its layers, can be pulled by anyone on the internet without signing in. Publishing public " +
    "images is a deliberate exception, written as a waiver with its reason.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Push images to a private aws.ecr.Repository and grant pull access by repository policy to " +
    "named accounts or the organization. If publishing to the ECR Public Gallery is the purpose, " +
    "tag the repository `waiver:ecrpublic-repository-not-used` with the reason.",
  references: [awsDocs("AmazonECR/latest/public/public-repositories")],
  types: [ECRPUBLIC_REPOSITORY, NATIVE_ECR_PUBLIC_REPOSITORY],
  check: (_props, ctx) => {
    // Amazon ECR Public User Guide, "Public repositories": images in a public repository are
    // available to pull by anyone, with or without an AWS account.
    ctx.report("an ECR Public repository serves its images to anyone, anonymously.");
  },
});

/** Whether `service` (a VpcEndpointService) approves every connection request by itself. */
/** Endpoint services and their grants, and the aws-native service and its permissions resource. */
const ENDPOINT_SERVICE_TYPES = [
  EC2_VPC_ENDPOINT_SERVICE,
  EC2_VPC_ENDPOINT_SERVICE_ALLOWED_PRINCIPLE,
  NATIVE_EC2_VPC_ENDPOINT_SERVICE,
  NATIVE_EC2_VPC_ENDPOINT_SERVICE_PERMISSIONS,
];

function acceptsAll(service: PolicyResource): boolean {
  return !flagOn(must(() => service.props.acceptanceRequired, "acceptanceRequired"));
}

export const vpcEndpointServiceNotPublic = stackPolicy({
  name: "ec2-vpc-endpoint-service-not-public",
  description:
    'VPC endpoint services (PrivateLink) do not allow every principal ("*") while accepting ' +
    "connections automatically: such a service is public, any AWS account that knows its name " +
    'connects an endpoint to it. "*" with acceptanceRequired true (the owner approves each ' +
    "connection, AWS's pattern for a service offered widely) is not reported.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "List the consumer accounts or roles (`arn:aws:iam::<account>:root`) in allowedPrincipals " +
    'or in one aws.ec2.VpcEndpointServiceAllowedPrinciple each, or keep "*" only with ' +
    "`acceptanceRequired: true`.",
  references: [
    awsDocs("AWSEC2/latest/APIReference/API_ModifyVpcEndpointServicePermissions"),
    // PrivateLink Guide, "Configure an endpoint service": "grant permissions to a wider group of
    // principals and manually accept specific connection requests that you trust"; "If you grant
    // everyone permission to access the endpoint service and configure the endpoint service to
    // accept all requests, your load balancer will be public even if it has no public IP address."
    awsDocs("vpc/latest/privatelink/modify-endpoint-service"),
  ],
  types: ENDPOINT_SERVICE_TYPES,
  appliesTo: ENDPOINT_SERVICE_TYPES,
  check: (ctx) => {
    // EC2 API reference, ModifyVpcEndpointServicePermissions: "To grant permissions to all
    // principals, specify an asterisk (*)"; "If you grant permissions to all principals, the
    // service is public. [...] If the service does not require manual approval, attachments are
    // automatically approved."
    const everyone = (p: unknown) => String(p ?? "").trim() === "*";
    const auto =
      ": the endpoint service is public and acceptanceRequired is not true, so every connection is approved.";
    for (const svc of ctx.index.ofType(EC2_VPC_ENDPOINT_SERVICE)) {
      ctx.each(svc, () => {
        if (!asList(svc.props.allowedPrincipals).some(everyone)) return;
        if (acceptsAll(svc))
          ctx.report(svc, `allowedPrincipals allows every principal ("*")${auto}`);
      });
    }
    for (const grant of ctx.index.ofType(EC2_VPC_ENDPOINT_SERVICE_ALLOWED_PRINCIPLE)) {
      ctx.each(grant, () => {
        if (!everyone(grant.props.principalArn)) return;
        const services = ctx.index.referenced(
          grant,
          "vpcEndpointServiceId",
          EC2_VPC_ENDPOINT_SERVICE,
        );
        // A service outside the stack: its acceptance setting cannot be read, so "*" is reported.
        if (services.length === 0)
          ctx.report(
            grant,
            'principalArn allows every principal ("*") to a service outside the stack, whose ' +
              "acceptance setting cannot be checked: the endpoint service may be public.",
          );
        else if (services.some(acceptsAll))
          ctx.report(grant, `principalArn allows every principal ("*")${auto}`);
      });
    }
  },
});

export const ramShareNoExternalPrincipals = resourcePolicy({
  name: "ram-resource-share-no-external-principals",
  description:
    "AWS RAM resource shares keep allowExternalPrincipals false: with it true, the share's " +
    "resources (subnets, transit gateways, databases, catalogs ...) can be shared with any AWS " +
    "account outside the organization. Advisory: the accounts are named one by one (a transit " +
    "gateway shared with a partner is a common, deliberate case), as a grant to a named account " +
    "in a resource policy is not public either.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `allowExternalPrincipals: false` and share with the organization or its OUs; for a " +
    "partner account that must have it, waive this policy on the share with the reason.",
  references: [
    awsDocs("ram/latest/APIReference/API_CreateResourceShare (allowExternalPrincipals)"),
  ],
  types: [RAM_RESOURCE_SHARE, NATIVE_RAM_RESOURCE_SHARE],
  check: (props, ctx) => {
    // RAM API reference, CreateResourceShare: allowExternalPrincipals "Specifies whether principals
    // outside your organization in AWS Organizations can be associated with a resource share."
    // Left out, the classic provider sends false (its Terraform default), so only true is
    // reported; an aws-native share left without it takes CloudFormation's default, true (its view
    // reads true without the property being written).
    if (flagOn(props.allowExternalPrincipals)) {
      const leftOut = present(props, "allowExternalPrincipals")
        ? ""
        : " (left out: CloudFormation's default is true)";
      ctx.report(
        `allowExternalPrincipals is true${leftOut}: accounts outside the organization can be added.`,
      );
    }
  },
});
