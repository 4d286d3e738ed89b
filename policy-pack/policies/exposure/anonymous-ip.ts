// Resource policies that grant anonymous access narrowed by nothing but the caller's address. Amazon
// S3 counts an `aws:SourceIp` range no wider than /8 as a fixed value, so such a grant is not
// "public" (S3 User Guide, "Blocking public access to your Amazon S3 storage", "The meaning of
// 'public'") and the `*-not-public` rules accept it; KICS's S3 and SQS public-access queries flag
// it. An address is not an identity: every host behind the same NAT, proxy or cloud egress address
// gets the grant without signing a request. This advisory says so, and leaves the grant to the
// owner's judgement.
import { resourcePolicy } from "../../lib/define";
import { parsePolicyDocument } from "../../lib/policy-document";
import type { IamStatement } from "../../lib/policy-document";
import { pinsCallers, publicPrincipal, statementLabel } from "../../lib/public-policy";
import {
  RESOURCE_POLICY_INPUT,
  resourcePolicyInputOf,
  resourcePolicyTypes,
} from "../../lib/resource-policies";
import { S3_ACCESS_POINT, S3CONTROL_ACCESS_POINT_POLICY } from "../../lib/types";
import { awsDocs, kics } from "../../lib/controls";

/**
 * Why an Allow statement grants anonymous access limited only by `aws:SourceIp`, or undefined: a
 * Deny, a named principal, a grant no condition pins (the `*-not-public` rules report those), or
 * one that another key (organization, account, VPC endpoint, source ARN ...) also pins. Throws if
 * the answer depends on a value unknown at preview.
 */
export function addressOnlyGrant(s: IamStatement, accessPoint = false): string | undefined {
  if (s.saysDeny || s.notPrincipals !== undefined) return undefined;
  const principals = s.principals;
  if (principals === undefined) return undefined;
  let who: string | undefined;
  principals.some((p) => (who = publicPrincipal(p)) !== undefined);
  if (who === undefined) return undefined;
  const pins = s.conditions.filter((c) =>
    pinsCallers(c, accessPoint ? "access-point" : "resource"),
  );
  if (pins.length === 0 || pins.some((c) => c.key.toLowerCase() !== "aws:sourceip")) {
    return undefined;
  }
  const ranges = pins.flatMap((c) => c.raw.map(String));
  return `${who} is narrowed only by aws:SourceIp (${ranges.join(", ")}): anyone sending from those addresses gets the grant without signing a request`;
}

/** Access point policies: S3 reads `s3:DataAccessPointArn` patterns there as public. */
const ACCESS_POINT_POLICIES = [S3_ACCESS_POINT, S3CONTROL_ACCESS_POINT_POLICY];

export const resourcePolicyAnonymousSourceIp = resourcePolicy({
  name: "resource-policy-anonymous-source-ip",
  description:
    'No resource policy grants to Principal "*" (or another unfixed principal) with aws:SourceIp ' +
    "as its only narrowing condition: an address range is not an identity, so the grant is " +
    "anonymous access for everything behind those addresses (not public in S3's terms, which " +
    "the *-not-public rules follow).",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Name the principals (role or account ARNs) that call from those addresses, or add a " +
    "condition on aws:PrincipalOrgID / aws:PrincipalAccount; for traffic from your VPCs use " +
    "aws:SourceVpce or aws:SourceVpc instead of addresses. Keep an address-only grant with a " +
    "waiver that says who sits behind the range.",
  references: [
    kics("S3 Bucket Allows Get Action From All Principals"),
    kics("S3 Bucket Access to Any Principal"),
    kics("SQS Policy With Public Access"),
    awsDocs(
      "AmazonS3/latest/userguide/access-control-block-public-access (The meaning of 'public')",
    ),
  ],
  // aws-native resource policies (bucket, queue, topic, registry, log, stream, vault, event bus and
  // secret policies, keys, OpenSearch domains, access points, REST APIs) read as their classic
  // twins, the document under the classic input name (../../lib/native/twins.ts), and the inline
  // policies of native ECR repositories and EFS file systems (NATIVE_INLINE_POLICY_INPUT).
  types: resourcePolicyTypes(Object.keys(RESOURCE_POLICY_INPUT)),
  check: (props, ctx, args) => {
    const input = resourcePolicyInputOf(args.type);
    const raw = input === undefined ? undefined : props[input];
    if (raw === undefined || raw === null || raw === "") return;
    const accessPoint = ACCESS_POINT_POLICIES.includes(args.type);
    // Malformed documents are the public-policy rules' finding; here only the grants count.
    parsePolicyDocument(raw).forEach((s) => {
      const why = addressOnlyGrant(s, accessPoint);
      if (why) ctx.report(`${statementLabel(s)}: ${why}.`);
    });
  },
});
