// Images and snapshots shared with everyone: AMI launch permissions for the group "all", and RDS
// DB (cluster) snapshots whose shared accounts include "all". An EBS snapshot cannot be made public
// through this provider: aws.ec2.SnapshotCreateVolumePermission takes only an `accountId` (sharing
// with one account is cross-account, not public), so there is no rule for it here.
import { resourcePolicy } from "../../lib/define";
import { EC2_AMI_LAUNCH_PERMISSION, RDS_CLUSTER_SNAPSHOT, RDS_SNAPSHOT } from "../../lib/types";
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
    'RDS DB snapshots and DB cluster snapshots are not shared with "all": a public snapshot can be ' +
    "restored, and its data read, by every AWS account.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps: 'Remove "all" from `sharedAccounts`; list the account ids that need it.',
  references: [checkov("CKV_AWS_302"), fsbp("RDS.1")],
  types: [RDS_SNAPSHOT, RDS_CLUSTER_SNAPSHOT],
  check: (props, ctx) => {
    // RDS API reference, ModifyDBSnapshotAttribute: "To make the manual DB snapshot public, which
    // means it can be copied or restored by all AWS accounts, use the value all."
    if (asList(props.sharedAccounts).some((a) => a === "all")) {
      ctx.report('sharedAccounts includes "all": the snapshot is public.');
    }
  },
});
