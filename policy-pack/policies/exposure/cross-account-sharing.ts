// Images, snapshots and documents shared with named AWS accounts: not public (./sharing.ts judges
// "all"), but a copy of the data in another account, which this account's deletion, key policy and
// audit trail no longer govern. Advisory: a share with an account of the organization or a partner
// is often intended; the accounts this stack's own ARNs name and the configured trusted accounts
// pass.
import { accountIdListSchema } from "../../lib/config-schema";
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { stackAccounts } from "../../lib/s3/buckets";
import {
  EC2_AMI_LAUNCH_PERMISSION,
  EC2_SNAPSHOT_CREATE_VOLUME_PERMISSION,
  IMAGEBUILDER_DISTRIBUTION_CONFIGURATION,
  RDS_CLUSTER_SNAPSHOT,
  RDS_CLUSTER_SNAPSHOT_COPY,
  RDS_SNAPSHOT,
  RDS_SNAPSHOT_COPY,
  SSM_DOCUMENT,
} from "../../lib/types";
import { asList } from "../../lib/values";
import { checkov, fsbp, kics } from "../../lib/controls";

interface SharingConfig {
  trustedAccountIds: string[];
}

/** A share as a finding names it: what is shared, and with which account ids. */
interface Share {
  readonly what: string;
  readonly accounts: string[];
}

/** Account ids as a value lists them: one id, a list, or SSM's comma-separated string. */
function idsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? asList(value) : String(value ?? "").split(",");
  return list
    .filter((v) => v !== undefined && v !== null)
    .map((v) => String(v).trim())
    .filter((v) => v !== "" && v.toLowerCase() !== "all");
}

/** The shares a resource makes with named accounts ("all" is the public rule's). */
function sharesOf(r: PolicyResource): Share[] {
  const props = r.props;
  switch (r.type) {
    case EC2_AMI_LAUNCH_PERMISSION:
      return [{ what: `image ${String(props.imageId ?? "")}`, accounts: idsOf([props.accountId]) }];
    case EC2_SNAPSHOT_CREATE_VOLUME_PERMISSION:
      return [
        { what: `snapshot ${String(props.snapshotId ?? "")}`, accounts: idsOf([props.accountId]) },
      ];
    case SSM_DOCUMENT: {
      const permissions = props.permissions as Record<string, unknown> | undefined;
      return [
        {
          what: "the document",
          accounts: idsOf(permissions?.account_ids ?? permissions?.accountIds),
        },
      ];
    }
    case IMAGEBUILDER_DISTRIBUTION_CONFIGURATION:
      // Image Builder API, AmiDistributionConfiguration: targetAccountIds receive a copy of the
      // AMI; launchPermission.userIds may launch it.
      return asList(props.distributions).map((d) => {
        const ami = d?.amiDistributionConfiguration;
        return {
          what: `the AMIs distributed to ${String(d?.region ?? "a region")}`,
          accounts: [
            ...idsOf(asList(ami?.targetAccountIds)),
            ...idsOf(asList(ami?.launchPermission?.userIds)),
          ],
        };
      });
    default:
      return [{ what: "the snapshot", accounts: idsOf(asList(props.sharedAccounts)) }];
  }
}

/** What can be shared with other accounts: images, snapshots and documents. */
const SHARED_TYPES = [
  EC2_AMI_LAUNCH_PERMISSION,
  EC2_SNAPSHOT_CREATE_VOLUME_PERMISSION,
  IMAGEBUILDER_DISTRIBUTION_CONFIGURATION,
  RDS_SNAPSHOT,
  RDS_CLUSTER_SNAPSHOT,
  RDS_SNAPSHOT_COPY,
  RDS_CLUSTER_SNAPSHOT_COPY,
  SSM_DOCUMENT,
] as const;
export const sharingTrustedAccounts = stackPolicy<SharingConfig>({
  name: "image-snapshot-sharing-trusted-accounts",
  description:
    "AMIs, EBS and RDS snapshots, Image Builder distributions and Systems Manager documents are " +
    "shared only with the stack's own and trusted AWS accounts: a shared image or snapshot is a " +
    "copy of the data in an account this one does not govern.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Remove the share, share with an organization or OU (AMIs) instead of single accounts, or " +
    "list the account in this policy's trustedAccountIds config when the share is intended.",
  references: [
    checkov("CKV_AWS_205"),
    kics("AMI Shared With Multiple Accounts"),
    fsbp("RDS.1"),
    fsbp("SSM.4"),
  ],
  config: {
    trustedAccountIds: accountIdListSchema(
      "AWS accounts images, snapshots and documents may be shared with, besides the accounts seen in this stack's ARNs.",
    ),
  },
  noNativeTwin:
    "the sharing is read from classic permission resources (AMI launch and snapshot volume permissions, RDS snapshot attributes, SSM document permissions), for which CloudFormation has no types; Image Builder's DistributionConfiguration, which it has, needs its own reading of launchPermissionConfiguration and is not judged yet.",
  types: [...SHARED_TYPES],
  appliesTo: SHARED_TYPES,
  check: (ctx) => {
    const trusted = new Set([...stackAccounts(ctx.index), ...ctx.config.trustedAccountIds]);
    const resources = ctx.index.ofType(...SHARED_TYPES);
    for (const r of resources) {
      ctx.each(r, () => {
        for (const share of sharesOf(r)) {
          const foreign = [...new Set(share.accounts.filter((a) => !trusted.has(a)))];
          if (!foreign.length) continue;
          ctx.report(
            r,
            `"${r.name}" shares ${share.what.trim()} with account(s) ${foreign.join(", ")}, neither this stack's nor trusted.`,
          );
        }
      });
    }
  },
});
