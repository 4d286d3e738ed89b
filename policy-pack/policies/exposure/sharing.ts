// Images, snapshots and documents shared with everyone: AMI launch permissions for the group "all",
// RDS DB (cluster) snapshots and snapshot copies whose shared accounts include "all", and Systems Manager documents
// shared with "All" accounts. An EBS snapshot cannot be made public
// through this provider: aws.ec2.SnapshotCreateVolumePermission takes only an `accountId` (sharing
// with one account is cross-account, not public), so there is no rule for it here.
import { resourcePolicy } from "../../lib/define";
import {
  EC2_AMI_LAUNCH_PERMISSION,
  RDS_CLUSTER_SNAPSHOT,
  RDS_SNAPSHOT,
  RDS_SNAPSHOT_COPY,
  SSM_DOCUMENT,
} from "../../lib/types";
import { asList } from "../../lib/values";
import { awsDocs, checkov, fsbp } from "../../lib/controls";

export const amiNotPublic = resourcePolicy({
  name: "ec2-ami-not-public",
  description:
    'No AMI launch permission shares an image with the group "all": every AWS account could ' +
    "launch it and read its disks.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Share the image with named accounts (`accountId`), an organization (`organizationArn`) or an " +
    'OU (`organizationalUnitArn`) instead of `group: "all"`.',
  references: [
    checkov("CKV_AWS_205"),
    awsDocs("AWSEC2/latest/UserGuide/sharingamis-intro (public AMIs)"),
  ],
  types: [EC2_AMI_LAUNCH_PERMISSION],
  check: (props, ctx) => {
    if (props.group === "all") ctx.report('the image is shared with the group "all" (public).');
  },
});

export const rdsSnapshotNotPublic = resourcePolicy({
  name: "rds-snapshot-not-public",
  description:
    'RDS DB snapshots, DB snapshot copies and DB cluster snapshots are not shared with "all": a ' +
    "public snapshot can be restored, and its data read, by every AWS account.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps: 'Remove "all" from `sharedAccounts`; list the account ids that need it.',
  references: [checkov("CKV_AWS_302"), fsbp("RDS.1")],
  // aws.rds.SnapshotCopy shares its copy the same way; the provider's sharedAccounts argument:
  // "Use `all` to make the snapshot public"
  // (https://www.pulumi.com/registry/packages/aws/api-docs/rds/snapshotcopy/).
  types: [RDS_SNAPSHOT, RDS_CLUSTER_SNAPSHOT, RDS_SNAPSHOT_COPY],
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
