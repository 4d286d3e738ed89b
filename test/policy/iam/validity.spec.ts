// iam-policy-document-valid: what AWS would reject in an identity policy (IAM Access Analyzer
// policy validation), including a Principal, which Checkov CKV_AWS_283 fixtures put in documents.
import { expect } from "chai";
import { documentValid } from "../../../policy-pack/policies/iam/validity";
import { BUCKET, findingsOf, of, rolePolicy, roleWith, SCOPED } from "../fixtures/iam";
import { res } from "../fixture";
import { IAM_POLICY } from "../../../policy-pack/lib/types";

describe("iam-policy-document-valid", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_283 fixture shape: a Principal in an identity policy", async () => {
      const s = { ...SCOPED, Principal: { AWS: ["*"] } };
      const f = await findingsOf(documentValid, [rolePolicy([s])]);
      expect(f).to.deep.equal([
        'policy statement 1 (Sid "Objects"): an identity policy takes no Principal (AWS rejects it).',
      ]);
    });
    it("a missing Effect", async () => {
      const s = { ...SCOPED };
      delete s.Effect;
      expect(await findingsOf(documentValid, [rolePolicy([s])])).to.have.length(1);
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
  });
});
