// iam-policy-document-valid: what AWS would reject in an identity policy (IAM Access Analyzer
// policy validation), including a Principal, which Checkov CKV_AWS_283 fixtures put in documents.
import { expect } from "chai";
import { documentValid } from "../../../policy-pack/policies/iam/validity";
import { findingsOf, rolePolicy, SCOPED } from "../fixtures/iam";

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
  });
  describe("Compliance", () => {
    it("the untouched fixture", async () => {
      expect(await findingsOf(documentValid, [rolePolicy([SCOPED])])).to.deep.equal([]);
    });
  });
});
