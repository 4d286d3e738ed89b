// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: the grammar IAM holds identity and trust policies to
// (rules-create-iam-grammar.ts) and the handler and runtime a Zip Lambda function needs
// (rules-function-package.ts), and the addresses of a Route 53 A or AAAA record or RecordsExclusive
// record set (rules-create-dns-values.ts). The values each rule must let through are in
// provider-inputs-create-grammar.spec.ts.
import type { Case } from "./provider-inputs-cases";

export const ROLE = "aws:iam/role:Role";
export const POLICY = "aws:iam/policy:Policy";
export const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const USER_POLICY = "aws:iam/userPolicy:UserPolicy";
export const GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
export const FUNCTION = "aws:lambda/function:Function";
export const RECORD = "aws:route53/record:Record";
export const EXCLUSIVE = "aws:route53/recordsExclusive:RecordsExclusive";
/** A record with values in place of the compliant one's alias. */
export const WITH_VALUES = { aliases: undefined, ttl: 300 };

/** An A record set of `aws.route53.RecordsExclusive` with `values`. */
export const aSet = (...values: unknown[]) => ({
  name: "app.example.com",
  type: "A",
  ttl: 300,
  resourceRecords: values.map((value) => ({ value })),
});

/** The compliant resources of the types only these cases cover. */
export const GRAMMAR_COMPLIANT: Record<string, Record<string, unknown>> = {
  [EXCLUSIVE]: { zoneId: "Z0123456789ABCDEFGHIJ", resourceRecordSets: [aSet("192.0.2.1")] },
};

/** A permission statement IAM accepts; each broken case changes one element of it. */
export const GRANT = {
  Sid: "ReadBucket",
  Effect: "Allow",
  Action: ["s3:GetObject"],
  Resource: "arn:aws:s3:::app/*",
};
/** A trust statement IAM accepts. */
export const TRUST = {
  Effect: "Allow",
  Principal: { Service: "lambda.amazonaws.com" },
  Action: "sts:AssumeRole",
};

/** A document of `statements`, as JSON text (`Version` given unless `version` says otherwise). */
export function doc(statements: unknown[], version: unknown = "2012-10-17"): string {
  return JSON.stringify(
    version === undefined ? { Statement: statements } : { Version: version, Statement: statements },
  );
}

/** `GRANT` with `change` applied (an undefined value removes the element). */
export function grant(change: Record<string, unknown>): Record<string, unknown> {
  const st: Record<string, unknown> = { ...GRANT, ...change };
  for (const [k, v] of Object.entries(st)) if (v === undefined) delete st[k];
  return st;
}

export const GRAMMAR_BROKEN: Case[] = [
  [
    ROLE,
    "assumeRolePolicy",
    JSON.stringify({ Version: "2012-10-17", statement: [TRUST] }),
    'IAM reads no element "statement" (write "Statement")',
  ],
  [
    USER_POLICY,
    "policy",
    doc([{ ...GRANT, Effect: undefined, effect: "Allow" }]),
    'statement "ReadBucket" has "effect" (write "Effect")',
  ],
  [POLICY, "policy", doc([GRANT], "2012-10-18"), 'Version "2012-10-18" is not one IAM supports'],
  [ROLE, "assumeRolePolicy", doc([TRUST], "2012-17-10"), 'Version "2012-17-10" is not one'],
  [
    POLICY,
    "policy",
    doc([grant({ Effect: "allow" })]),
    'statement "ReadBucket" has Effect "allow"',
  ],
  [ROLE_POLICY, "policy", doc([grant({ Effect: undefined })]), "has no Effect"],
  [
    ROLE,
    "assumeRolePolicy",
    doc([{ ...TRUST, Effect: "ALLOW" }]),
    'statement 1 has Effect "ALLOW"',
  ],
  [USER_POLICY, "policy", doc([grant({ Action: undefined })]), "has neither Action nor NotAction"],
  [
    GROUP_POLICY,
    "policy",
    doc([grant({ NotAction: "s3:DeleteObject" })]),
    "has both Action and NotAction",
  ],
  [
    ROLE,
    "assumeRolePolicy",
    doc([{ ...TRUST, Action: undefined }]),
    "has neither Action nor NotAction",
  ],
  [POLICY, "policy", doc([grant({ Resource: undefined })]), "has neither Resource nor NotResource"],
  [
    ROLE_POLICY,
    "policy",
    doc([grant({ NotResource: "arn:aws:s3:::other/*" })]),
    "has both Resource and NotResource",
  ],
  [
    POLICY,
    "policy",
    doc([grant({ Principal: { AWS: "*" } })]),
    "has Principal: an identity-based policy",
  ],
  [
    USER_POLICY,
    "policy",
    doc([grant({ NotPrincipal: { AWS: "*" } })]),
    "has NotPrincipal: an identity-based",
  ],
  [
    ROLE,
    "assumeRolePolicy",
    doc([{ ...TRUST, Principal: undefined }]),
    "has no Principal: a trust policy",
  ],
  [
    ROLE,
    "assumeRolePolicy",
    doc([
      {
        Effect: "Deny",
        NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" },
        Action: "sts:AssumeRole",
      },
    ]),
    "has NotPrincipal, which a role's trust policy may not use",
  ],
  [
    POLICY,
    "policy",
    doc([grant({ Sid: "read-bucket" })]),
    'has Sid "read-bucket": IAM takes letters',
  ],
  [
    GROUP_POLICY,
    "policy",
    doc([GRANT, grant({ Action: "s3:PutObject" })]),
    'Sid "ReadBucket" is given to two statements',
  ],
  [
    ROLE,
    "inlinePolicies",
    [{ name: "read", policy: doc([grant({ Effect: "Permit" })]) }],
    'has Effect "Permit"',
  ],
  [FUNCTION, "runtime", undefined, "handler and runtime must be set when PackageType is Zip"],
  [FUNCTION, "handler", undefined, "handler and runtime must be set when PackageType is Zip"],
  [
    FUNCTION,
    "packageType",
    "Zip",
    "handler and runtime must be set when PackageType is Zip",
    {
      handler: undefined,
      runtime: undefined,
      code: undefined,
      // An image takes no layers (rules-function-package.ts): the fixture's are left out.
      layers: undefined,
      imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1",
      packageType: "Image",
    },
  ],
  [
    RECORD,
    "records",
    ["192.0.2.1", "www.example.com"],
    'an A record\'s values are IPv4 addresses: "www.example.com" is not',
    { ...WITH_VALUES, type: "A", records: ["192.0.2.1", " 198.51.100.255 "] },
  ],
  [
    RECORD,
    "records",
    ["192.0.2.256", "www.example.com"],
    'an A record\'s values are IPv4 addresses: "192.0.2.256", "www.example.com" are not',
    { ...WITH_VALUES, type: "A", records: ["0.0.0.0"] },
  ],
  [
    RECORD,
    "records",
    ["192.0.2.1"],
    'an AAAA record\'s values are IPv6 addresses: "192.0.2.1" is not',
    { ...WITH_VALUES, type: "AAAA", records: ["2001:db8::1", "::ffff:192.0.2.1"] },
  ],
  [
    EXCLUSIVE,
    "resourceRecordSets",
    [aSet("www.example.com")],
    'resourceRecordSets[0] ("app.example.com"): an A record\'s values are IPv4 addresses',
  ],
];
