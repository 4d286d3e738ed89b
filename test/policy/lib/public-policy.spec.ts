// The one evaluator of "public" for resource policies, as a table of (statement, public?) built
// from AWS's own examples (S3 User Guide, "The meaning of 'public'") and the third parties'
// fixtures (Checkov CKV_AWS_168/169/70, KICS, Trivy), then its handling of values unknown at preview.
import { unknownCheckingProxy } from "@pulumi/policy";
import { expect } from "chai";
import { parsePolicyDocument } from "../../../policy-pack/lib/policy-document";
import {
  documentPublicity,
  PolicyKind,
  policyPublicity,
} from "../../../policy-pack/lib/public-policy";
import { UNKNOWN } from "../fixture";

const allow = (extra: Record<string, unknown>) => ({
  Effect: "Allow",
  Action: "s3:GetObject",
  Resource: "*",
  ...extra,
});
const cond = (op: string, key: string, value: unknown) => ({
  Condition: { [op]: { [key]: value } },
});
/** An Allow to everyone (`Principal: "*"`) under one condition. */
const anyoneIf = (op: string, key: string, value: unknown) =>
  allow({ Principal: "*", ...cond(op, key, value) });

/** [what, statement, public?, kind] */
const TABLE: [string, Record<string, unknown>, boolean, PolicyKind?][] = [
  // AWS's examples (S3 User Guide, "The meaning of 'public'").
  ["AWS: Principal * without condition", allow({ Principal: "*" }), true],
  [
    "AWS: Federated graph.facebook.com",
    allow({ Principal: { Federated: "graph.facebook.com" } }),
    true,
  ],
  [
    'AWS: Principal * with StringLike aws:SourceVpc "vpc-*"',
    anyoneIf("StringLike", "aws:SourceVpc", "vpc-*"),
    true,
  ],
  [
    "AWS: Principal * with StringEquals aws:SourceVpc fixed",
    anyoneIf("StringEquals", "aws:SourceVpc", "vpc-91237329"),
    false,
  ],
  [
    "AWS: aws:SourceIp 0.0.0.0/1 is broader than /8",
    anyoneIf("IpAddress", "aws:SourceIp", "0.0.0.0/1"),
    true,
  ],
  ["AWS: aws:SourceIp /24", anyoneIf("IpAddress", "aws:SourceIp", "203.0.113.0/24"), false],
  [
    "AWS: aws:SourceIp /7 is broader than /8",
    anyoneIf("IpAddress", "aws:SourceIp", "10.0.0.0/7"),
    true,
  ],
  ["AWS: aws:SourceIp /8 is not", anyoneIf("IpAddress", "aws:SourceIp", "10.0.0.0/8"), false],
  [
    "AWS: aws:SourceIp IPv6 /31 is broader than /32",
    anyoneIf("IpAddress", "aws:SourceIp", "2001:db8::/31"),
    true,
  ],
  [
    "AWS: aws:SourceIp IPv6 /32 is not",
    anyoneIf("IpAddress", "aws:SourceIp", "2001:db8::/32"),
    false,
  ],
  [
    "AWS: aws:SourceIp IPv6 /16 is broader than /32",
    anyoneIf("IpAddress", "aws:SourceIp", "2001::/16"),
    true,
  ],
  [
    "AWS: aws:userid AROLEID:* (every session of one role) pins",
    anyoneIf("StringLike", "aws:userid", "AROAEXAMPLE:*"),
    false,
  ],
  ["AWS: aws:userid *:x is public", anyoneIf("StringLike", "aws:userid", "*:x"), true],
  [
    "AWS: bucket policy s3:DataAccessPointArn with a fixed account and any access point",
    anyoneIf("ArnLike", "s3:DataAccessPointArn", "arn:aws:s3:us-west-2:123456789012:accesspoint/*"),
    false,
  ],
  [
    "AWS: the same statement in an access point policy is public",
    anyoneIf("ArnLike", "s3:DataAccessPointArn", "arn:aws:s3:us-west-2:123456789012:accesspoint/*"),
    true,
    "access-point",
  ],
  // Principal shapes (Checkov CKV_AWS_168 / CKV_AWS_169 fixtures q2-q6, KICS SNS positive2).
  [
    'CKV_AWS_168 q2: {AWS: [role, "*"]}',
    allow({ Principal: { AWS: ["arn:aws:iam::123456789101:role/sqs", "*"] } }),
    true,
  ],
  [
    "CKV_AWS_168 q3: {AWS: arn:aws:iam::*:role/sqs}",
    allow({ Principal: { AWS: "arn:aws:iam::*:role/sqs" } }),
    true,
  ],
  ['CKV_AWS_168 q4 / KICS SNS positive2: {AWS: "*"}', allow({ Principal: { AWS: "*" } }), true],
  [
    "CKV_AWS_168 q6: a bare role ARN",
    allow({ Principal: "arn:aws:iam::123456789101:role/sqs" }),
    false,
  ],
  ["CKV_AWS_168 q1: Deny to *", { ...allow({ Principal: "*" }), Effect: "Deny" }, false],
  // A missing or misspelt Effect is rejected by AWS ("The Effect value is case sensitive"), so it
  // is read as Allow: only an explicit Deny grants nothing.
  [
    "Trivy AWS-0032 test_deny_with_public_access_all: no Effect, Principal *",
    { Principal: "*", Action: ["ecr:*"] },
    true,
  ],
  ['lowercase Effect "allow" to *', { ...allow({ Principal: "*" }), Effect: "allow" }, true],
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html: the
  // value is case sensitive, so AWS rejects a "deny" document; no reading of it grants anything.
  [
    'IAM "Effect" page: lowercase "deny" to * (the TLS-only statement miscased) grants nothing',
    {
      Effect: "deny",
      Principal: "*",
      Action: "s3:*",
      Resource: "*",
      ...cond("Bool", "aws:SecureTransport", "false"),
    },
    false,
  ],
  [
    'IAM "Effect" page: "DENY" to * grants nothing',
    { ...allow({ Principal: "*" }), Effect: "DENY" },
    false,
  ],
  [
    "no Effect, named principal",
    { Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject" },
    false,
  ],
  ['{CanonicalUser: "*"}', allow({ Principal: { CanonicalUser: "*" } }), true],
  ['{AWS: ["*"]}', allow({ Principal: { AWS: ["*"] } }), true],
  ["a service principal", allow({ Principal: { Service: "logging.s3.amazonaws.com" } }), false],
  ["another account", allow({ Principal: { AWS: "210987654321" } }), false],
  [
    "a SAML provider ARN",
    allow({ Principal: { Federated: "arn:aws:iam::123456789012:saml-provider/x" } }),
    false,
  ],
  [
    "NotPrincipal with Allow",
    { Effect: "Allow", Action: "s3:GetObject", NotPrincipal: { AWS: "arn:aws:iam::1:root" } },
    true,
  ],
  // Pinning keys (KICS SNS negative3: AWS:SourceAccount, case-insensitive key).
  [
    "KICS SNS negative3: AWS:SourceAccount fixed",
    allow({
      Principal: { AWS: "*" },
      ...cond("StringEquals", "AWS:SourceAccount", "123456789012"),
    }),
    false,
  ],
  [
    "aws:PrincipalOrgID fixed",
    anyoneIf("StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5"),
    false,
  ],
  ["aws:PrincipalOrgID wildcard", anyoneIf("StringLike", "aws:PrincipalOrgID", "o-*"), true],
  [
    "aws:PrincipalOrgPaths with a fixed organization",
    anyoneIf(
      "ForAnyValue:StringLike",
      "aws:PrincipalOrgPaths",
      "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*",
    ),
    false,
  ],
  [
    "aws:SourceArn fixed",
    anyoneIf("ArnEquals", "aws:SourceArn", "arn:aws:sns:eu-west-1:123456789012:t"),
    false,
  ],
  ["aws:SourceArn any account", anyoneIf("ArnLike", "aws:SourceArn", "arn:aws:sns:*:*:t"), true],
  [
    "aws:PrincipalArn fixed",
    anyoneIf("ArnEquals", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/r"),
    false,
  ],
  ["kms:CallerAccount fixed", anyoneIf("StringEquals", "kms:CallerAccount", "123456789012"), false],
  [
    "one fixed value next to a wildcard one",
    anyoneIf("StringEquals", "aws:SourceAccount", ["123456789012", "*"]),
    true,
  ],
  [
    "a policy variable is not fixed",
    anyoneIf("StringEquals", "aws:PrincipalAccount", "${aws:PrincipalAccount}"),
    true,
  ],
  [
    "...IfExists passes when the key is absent",
    anyoneIf("StringEqualsIfExists", "aws:SourceAccount", "123456789012"),
    true,
  ],
  [
    "a negated operator does not pin",
    anyoneIf("StringNotEquals", "aws:SourceAccount", "123456789012"),
    true,
  ],
  [
    "ForAllValues: is true for an empty set",
    anyoneIf("ForAllValues:StringEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5"),
    true,
  ],
  [
    "aws:ResourceAccount names the resource, not the caller",
    anyoneIf("StringEquals", "aws:ResourceAccount", "123456789012"),
    true,
  ],
  [
    "the SSE key id header is chosen by the caller",
    anyoneIf(
      "StringEquals",
      "s3:x-amz-server-side-encryption-aws-kms-key-id",
      "arn:aws:kms:eu-west-1:123456789012:key/k",
    ),
    true,
  ],
  // The VPC-endpoint owner keys (IAM global condition keys, August 2025; KICS SNS negative5).
  [
    "KICS SNS negative5: aws:VpceAccount fixed",
    anyoneIf("StringEquals", "aws:VpceAccount", "987654321098"),
    false,
  ],
  ["aws:VpceAccount wildcard", anyoneIf("StringLike", "aws:VpceAccount", "*"), true],
  [
    "aws:VpceAccount ...IfExists passes a request made outside any endpoint",
    anyoneIf("StringEqualsIfExists", "aws:VpceAccount", "987654321098"),
    true,
  ],
  ["aws:VpceAccount negated", anyoneIf("StringNotEquals", "aws:VpceAccount", "987654321098"), true],
  ["aws:VpceOrgID fixed", anyoneIf("StringEquals", "aws:VpceOrgID", "o-a1b2c3d4e5"), false],
  ["aws:VpceOrgID wildcard", anyoneIf("StringLike", "aws:VpceOrgID", "o-*"), true],
  [
    "aws:VpceOrgPaths with a fixed organization",
    anyoneIf(
      "ForAnyValue:StringLike",
      "aws:VpceOrgPaths",
      "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*",
    ),
    false,
  ],
  ["aws:VpceOrgPaths of any organization", anyoneIf("StringLike", "aws:VpceOrgPaths", "*/*"), true],
  [
    "a key that does not pin (aws:UserAgent)",
    anyoneIf("StringEquals", "aws:UserAgent", "docker"),
    true,
  ],
];

describe("public-policy evaluator", () => {
  describe("Noncompliance and Compliance: one statement at a time", () => {
    for (const [what, statement, expected, kind] of TABLE) {
      it(`${what} → ${expected ? "public" : "not public"}`, () => {
        const doc = parsePolicyDocument(
          JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
        );
        const found = documentPublicity(doc, kind ?? "resource");
        expect(found.unknown).to.equal(undefined);
        expect(found.statements.length > 0, what).to.equal(expected);
      });
    }
  });

  describe("values unknown at preview", () => {
    it("reports a statically public statement next to a statement with an unknown principal", () => {
      const doc = unknownCheckingProxy({
        Statement: [
          {
            Sid: "Public",
            Effect: "Allow",
            Principal: "*",
            Action: "sqs:SendMessage",
            Resource: UNKNOWN,
          },
          {
            Sid: "Role",
            Effect: "Allow",
            Principal: { AWS: UNKNOWN },
            Action: "sqs:ReceiveMessage",
          },
        ],
      });
      const found = policyPublicity(doc);
      expect(found.statements.map((s) => s.statement.sid)).to.deep.equal(["Public"]);
      expect(found.unknown, "the unknown statement is not a pass").to.not.equal(undefined);
    });
    it("never passes an unknown condition on a wildcard grant", () => {
      const doc = unknownCheckingProxy({
        Statement: [
          {
            Effect: "Allow",
            Principal: "*",
            Action: "sns:Publish",
            Condition: { StringEquals: { "aws:SourceAccount": UNKNOWN } },
          },
        ],
      });
      const found = policyPublicity(doc);
      expect(found.statements).to.deep.equal([]);
      expect(found.unknown).to.not.equal(undefined);
    });
    it("decides a named principal even when its condition is unknown", () => {
      const doc = unknownCheckingProxy({
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::123456789012:root" },
            Action: "*",
            Condition: UNKNOWN,
          },
        ],
      });
      const found = policyPublicity(doc);
      expect(found.statements).to.deep.equal([]);
      expect(found.unknown).to.equal(undefined);
    });
    it("returns a document unknown as a whole (a JSON string from an invoke) as unknown", () => {
      const found = policyPublicity(UNKNOWN);
      expect(found.statements).to.deep.equal([]);
      expect(found.unknown).to.not.equal(undefined);
    });
    it("reports a document that is not JSON, and ignores an absent one", () => {
      expect(policyPublicity("{oops").malformed).to.match(/not valid JSON/);
      expect(policyPublicity(undefined)).to.deep.equal({ statements: [] });
    });
  });
});
