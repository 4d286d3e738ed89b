// The analyzer client reads `Analyze`/`AnalyzeStack` responses for their diagnostics only: the
// decoded diagnostics must be exactly the SDK's own decoding of them, whatever else the response
// carries.
import { expect } from "chai";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { diagnosticsOnly } from "../../tools/lib/engine/proto";

describe("analyzer responses read for their diagnostics", () => {
  it("decodes the diagnostics as the SDK does and skips the not-applicable entries", () => {
    const resp = new analyzerpb.AnalyzeResponse();
    for (const [policy, urn] of [
      ["s3-bucket-public-access-block", "urn:pulumi:dev::p::aws:s3/bucketV2:BucketV2::a"],
      ["iam-no-wildcard-actions", ""],
    ]) {
      const d = new analyzerpb.AnalyzeDiagnostic();
      d.setPolicyname(policy);
      d.setPolicypackname("platform-guardrails");
      d.setPolicypackversion("1.2.3");
      d.setDescription("what the policy checks");
      d.setMessage(`${policy} found this`);
      d.setEnforcementlevel(analyzerpb.EnforcementLevel.MANDATORY);
      d.setUrn(urn);
      d.setSeverity(analyzerpb.PolicySeverity.POLICY_SEVERITY_HIGH);
      resp.addDiagnostics(d);
      const na = new analyzerpb.PolicyNotApplicable();
      na.setPolicyName(`${policy}-other`);
      na.setReason("Policy only applies to resources of type 'aws:sqs/queue:Queue'");
      resp.addNotApplicable(na);
    }
    const bytes = resp.serializeBinary();
    const sdk = analyzerpb.AnalyzeResponse.deserializeBinary(bytes);
    const ours = diagnosticsOnly(bytes);
    expect(sdk.getNotApplicableList()).to.have.length(2);
    expect(ours.getNotApplicableList()).to.deep.equal([]);
    expect(ours.getDiagnosticsList().map((d) => d.toObject())).to.deep.equal(
      sdk.getDiagnosticsList().map((d) => d.toObject()),
    );
    expect(
      diagnosticsOnly(new analyzerpb.AnalyzeResponse().serializeBinary()).toObject(),
    ).to.deep.equal(new analyzerpb.AnalyzeResponse().toObject());
  });
});
