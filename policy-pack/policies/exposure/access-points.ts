// S3 access points and Multi-Region Access Points: their own Block Public Access configuration
// and their policies. S3 User Guide ("Blocking public access", "The meaning of 'public'" / "Access
// points"): an access point has its own four block-public-access settings, which can only be set
// when it is created; "an access point that has a VPC network origin is always considered
// non-public"; otherwise its policy is judged like a bucket policy, except that granting to a set
// of access points through s3:DataAccessPointArn is public (../../lib/public-policy.ts).
import { resourcePolicy } from "../../lib/define";
import { reportPublicPolicy } from "../../lib/public-policy";
import {
  S3_ACCESS_POINT,
  S3CONTROL_ACCESS_POINT_POLICY,
  S3CONTROL_MULTI_REGION_ACCESS_POINT,
  S3CONTROL_MULTI_REGION_ACCESS_POINT_POLICY,
  S3CONTROL_OBJECT_LAMBDA_ACCESS_POINT_POLICY,
} from "../../lib/types";
import { NATIVE_S3_ACCESS_POINT } from "../../lib/native/types";
import { flagValue, present } from "../../lib/values";
import { awsDocs, checkov, fsbp } from "../../lib/controls";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/**
 * Flags explicitly turned off. The provider defaults each flag of an access point's (and a
 * Multi-Region Access Point's) block to true when the block or the flag is omitted
 * (@pulumi/aws s3.AccessPoint publicAccessBlockConfiguration: "Defaults to `true`").
 */
function flagsOff(block: any): string[] {
  if (block === undefined || block === null) return [];
  return FLAGS.filter((f) => flagValue(block[f]) === false);
}

export const accessPointPublicAccessBlock = resourcePolicy({
  name: "s3-access-point-public-access-block",
  description:
    "S3 access points and Multi-Region Access Points keep all four block-public-access settings " +
    "on (an omitted setting defaults to on); an access point with a VPC network origin is exempt " +
    "(S3 never considers it public).",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Remove the `false` flags from publicAccessBlockConfiguration (AccessPoint) or " +
    "details.publicAccessBlock (MultiRegionAccessPoint); the access point must be recreated, as " +
    "S3 cannot change these settings after creation. Prefer `vpcConfiguration` for access points " +
    "used only from a VPC.",
  references: [
    awsDocs("AmazonS3/userguide/access-points-bpa-settings"),
    checkov("CKV_AWS_392"),
    fsbp("S3.19"),
    fsbp("S3.24"),
  ],
  types: [S3_ACCESS_POINT, S3CONTROL_MULTI_REGION_ACCESS_POINT, NATIVE_S3_ACCESS_POINT],
  check: (props, ctx, args) => {
    if (args.type === S3_ACCESS_POINT) {
      if (present(props, "vpcConfiguration")) return;
      const off = flagsOff(props.publicAccessBlockConfiguration);
      if (off.length) ctx.report(`public-access block leaves ${off.join(", ")} off.`);
      return;
    }
    const off = flagsOff(props.details?.publicAccessBlock);
    if (off.length) ctx.report(`public-access block leaves ${off.join(", ")} off.`);
  },
});

/** Where each access point type keeps its policy. */
function policyOf(props: any, type: string): unknown {
  return type === S3CONTROL_MULTI_REGION_ACCESS_POINT_POLICY ? props.details?.policy : props.policy;
}

export const accessPointPolicyNotPublic = resourcePolicy({
  name: "s3-access-point-policy-not-public",
  description:
    "No S3 access point policy (inline on the AccessPoint, an AccessPointPolicy, an Object Lambda " +
    "or a Multi-Region Access Point policy) makes the access point public.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Name the principals (role ARNs) instead of "*", or add a StringEquals/ArnEquals condition ' +
    "with fixed values on aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceVpce; grant to " +
    "single access point ARNs, not patterns.",
  references: [awsDocs("AmazonS3/userguide/access-control-block-public-access (access points)")],
  types: [
    S3_ACCESS_POINT,
    S3CONTROL_ACCESS_POINT_POLICY,
    S3CONTROL_OBJECT_LAMBDA_ACCESS_POINT_POLICY,
    S3CONTROL_MULTI_REGION_ACCESS_POINT_POLICY,
    NATIVE_S3_ACCESS_POINT,
  ],
  check: (props, ctx, args) => {
    if (args.type === S3_ACCESS_POINT && present(props, "vpcConfiguration")) return;
    reportPublicPolicy(policyOf(props, args.type), "", ctx.report, "access-point");
  },
});
