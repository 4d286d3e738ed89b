// iam-policy-document-valid: what AWS would reject in an identity policy (IAM Access Analyzer
// policy validation), including a Principal, which Checkov CKV_AWS_283 fixtures put in documents,
// a Resource that is not an ARN, and a Resource in a role's trust policy.
import { expect } from "chai";
import { documentValid } from "../../../policy-pack/policies/iam/validity";
import { BUCKET, findingsOf, of, rolePolicy, roleWith, SCOPED } from "../fixtures/iam";
import { res } from "../fixture";
import { IAM_POLICY, IAM_ROLE } from "../../../policy-pack/lib/types";
import { parsePolicyDocument } from "../../../policy-pack/lib/policy-document";

/** A role whose trust policy lets EC2 assume it, with `extra` in the statement. */
const trustRole = (extra: Record<string, unknown>) =>
  res(IAM_ROLE, "trusted", {
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "ec2.amazonaws.com" },
          Action: "sts:AssumeRole",
          ...extra,
        },
      ],
    }),
  });

describe("iam-policy-document-valid", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_283 fixture shape: a Principal in an identity policy", async () => {
      const s = { ...SCOPED, Principal: { AWS: ["*"] } };
      const f = await findingsOf(documentValid, [rolePolicy([s])]);
      expect(f).to.deep.equal([
        'policy statement 1 (Sid "Objects"): an identity policy takes no Principal (AWS rejects it).',
      ]);
    });
    it("a NotPrincipal in an identity policy", async () => {
      const s = { ...SCOPED, NotPrincipal: { AWS: ["arn:aws:iam::123456789012:root"] } };
      expect(await findingsOf(documentValid, [rolePolicy([s])])).to.deep.equal([
        'policy statement 1 (Sid "Objects"): an identity policy takes no NotPrincipal (AWS rejects it).',
      ]);
    });
    it('a Resource that is neither an ARN nor "*" (a bare bucket name)', async () => {
      const s = { ...SCOPED, Resource: "specific-bucket" };
      expect(await findingsOf(documentValid, [rolePolicy([s])])).to.deep.equal([
        'policy statement 1 (Sid "Objects"): Resource "specific-bucket" is neither an ARN nor "*": AWS refuses it (MalformedPolicyDocument); write the resource\'s full ARN.',
      ]);
    });
    it("a trust policy with a Resource or NotResource", async () => {
      const f = await findingsOf(documentValid, [
        trustRole({ Resource: "*" }),
        trustRole({ NotResource: "arn:aws:s3:::b" }),
      ]);
      expect(f).to.deep.equal([
        'assumeRolePolicy statement 1: a trust policy takes no Resource (AWS rejects it: "Has prohibited field Resource"); drop it, the role is the resource.',
        'assumeRolePolicy statement 1: a trust policy takes no NotResource (AWS rejects it: "Has prohibited field NotResource"); drop it, the role is the resource.',
      ]);
    });
    it("both elements of a pair: Action and NotAction, Resource and NotResource", async () => {
      const f = await findingsOf(documentValid, [
        rolePolicy([{ ...SCOPED, NotAction: "s3:DeleteObject" }]),
        rolePolicy([{ ...SCOPED, NotResource: "arn:aws:s3:::other/*" }]),
      ]);
      expect(f).to.deep.equal([
        'policy statement 1 (Sid "Objects"): statement has both Action and NotAction: keep one of them.',
        'policy statement 1 (Sid "Objects"): statement has both Resource and NotResource: keep one of them.',
      ]);
    });
    it("Principal beside NotPrincipal (any document kind) is a shape problem", async () => {
      const f = parsePolicyDocument({
        Statement: { ...SCOPED, Principal: "*", NotPrincipal: { AWS: "123456789012" } },
      }).statements[0].problems;
      expect(f).to.deep.equal(["statement has both Principal and NotPrincipal: keep one of them"]);
    });
    it("a missing Effect", async () => {
      const s = { ...SCOPED };
      delete s.Effect;
      expect(await findingsOf(documentValid, [rolePolicy([s])])).to.have.length(1);
    });
    it("a trust policy statement with a missing or misspelt Effect", async () => {
      const f = await findingsOf(documentValid, [
        trustRole({ Effect: undefined }),
        trustRole({ Effect: "allow" }),
      ]);
      expect(f).to.deep.equal([
        'assumeRolePolicy statement 1: Effect must be "Allow" or "Deny", got undefined.',
        'assumeRolePolicy statement 1: Effect must be "Allow" or "Deny", got "allow".',
      ]);
    });

    it("reports misspelt actions, unknown services and malformed documents", async () => {
      expect(
        await of("iam-policy-document-valid", [
          roleWith({
            Effect: "Allow",
            Action: "s3:GetObjcet",
            Resource: `arn:aws:s3:::${BUCKET}/*`,
          }),
        ]),
      ).to.deep.equal([
        `iam-policy-document-valid: inline policy "subject" statement 1: "s3:GetObjcet" matches no s3 action.`,
      ]);
      expect(
        await of("iam-policy-document-valid", [
          roleWith({ Effect: "Allow", Action: "s4:GetObject", Resource: "*" }),
        ]),
      ).to.have.length(1);
      expect(
        await of("iam-policy-document-valid", [res(IAM_POLICY, "p", { policy: "{not json" })]),
      ).to.deep.equal([`iam-policy-document-valid: policy: document is not valid JSON.`]);
      expect(
        await of("iam-policy-document-valid", [
          roleWith({ Effect: "Permit", Action: "s3:GetObject", Resource: "*" }),
        ]),
      ).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture", async () => {
      expect(await findingsOf(documentValid, [rolePolicy([SCOPED])])).to.deep.equal([]);
    });
    it('resources given as "*", an ARN, or a policy variable or wildcard that may stand for one', async () => {
      for (const Resource of ["*", "arn:aws:s3:::b/*", "${aws:PrincipalTag/bucketArn}", "*:b/*"]) {
        expect(
          await findingsOf(documentValid, [rolePolicy([{ ...SCOPED, Resource }])]),
        ).to.deep.equal([]);
      }
    });
    it("a trust policy naming only principals and actions", async () => {
      expect(await findingsOf(documentValid, [trustRole({})])).to.deep.equal([]);
    });
  });
});
