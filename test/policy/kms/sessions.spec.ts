// Session Manager preferences (SSM Session documents) encrypt session data with a customer-managed
// key and send session logs only to encrypted destinations: Checkov CKV_AWS_112 (SSMSessionManagerDocumentEncryption) and CKV_AWS_113
// (SSMSessionManagerDocumentLogging) cases translated to Pulumi inputs, in JSON and YAML content.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { awsManaged, KEY_ARN, policyNamed, run } from "../fixtures/kms";

describe("ssm-session-preferences-kms-cmk", () => {
  const p = policyNamed(policies, "ssm-session-preferences-kms-cmk");
  const json = (inputs: Record<string, unknown>) =>
    JSON.stringify({ schemaVersion: "1.0", sessionType: "Standard_Stream", inputs });
  const session = (content: string, extra: Record<string, unknown> = {}) => [
    res(T.SSM_DOCUMENT, "prefs", {
      name: "SSM-SessionManagerRunShell",
      documentType: "Session",
      content,
      ...extra,
    }),
  ];
  const logged = {
    s3BucketName: "session-logs",
    s3EncryptionEnabled: true,
    cloudWatchLogGroupName: "/ssm/sessions",
    cloudWatchEncryptionEnabled: true,
  };

  it("is advisory: CKV_AWS_112's key encrypts session data in transit, not data at rest", () => {
    // The KMS key of Session Manager preferences encrypts the stream between the client and the
    // managed node on top of TLS; Session Manager stores nothing with it, so a missing key is not
    // a breach of the at-rest guarantee the mandatory KMS rules keep.
    expect(p.enforcementLevel).to.equal("advisory");
    expect(p.description).to.contain("in transit");
  });

  describe("Compliance", () => {
    it("CKV_AWS_112/CKV_AWS_113 pass: a customer key and both log destinations encrypted", async () => {
      expect(await run(p, session(json({ kmsKeyId: KEY_ARN, ...logged })))).to.deep.equal(clean);
    });
    it("CKV_AWS_113 pass in YAML: the key and an encrypted CloudWatch destination", async () => {
      const yaml = [
        "schemaVersion: '1.0'",
        "sessionType: Standard_Stream",
        "inputs:",
        `  kmsKeyId: "${KEY_ARN}"`,
        "  cloudWatchLogGroupName: /ssm/sessions",
        "  cloudWatchEncryptionEnabled: true # required",
      ].join("\n");
      expect(await run(p, session(yaml, { documentFormat: "YAML" }))).to.deep.equal(clean);
    });
    it("CKV_AWS_112 unknown: other document types and sessions without preferences", async () => {
      expect(await run(p, session(json({}), { documentType: "Command" }))).to.deep.equal(clean);
      const port = JSON.stringify({
        schemaVersion: "1.0",
        sessionType: "Port",
        parameters: { portNumber: { type: "String" } },
        properties: { portNumber: "{{ portNumber }}" },
      });
      expect(await run(p, session(port))).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_112 fail: preferences without kmsKeyId", async () => {
      const r = await run(p, session(json(logged)));
      expect(r.violations).to.have.length(1);
      expect(r.violations[0]).to.contain("inputs.kmsKeyId").and.to.contain("no KMS key is set");
    });
    it("CKV_AWS_112: the AWS-managed key is not a customer key", async () => {
      const r = await run(p, session(json({ kmsKeyId: awsManaged("ssm"), ...logged })));
      expect(r.violations).to.have.length(1);
      expect(r.violations[0]).to.contain("alias/aws/ssm");
    });
    it("CKV_AWS_113 fail: logs to S3 with s3EncryptionEnabled false, to CloudWatch without the flag", async () => {
      const r = await run(
        p,
        session(
          json({
            kmsKeyId: KEY_ARN,
            s3BucketName: "session-logs",
            s3EncryptionEnabled: false,
            cloudWatchLogGroupName: "/ssm/sessions",
          }),
        ),
      );
      expect(r.violations).to.have.length(2);
      expect(r.violations[0]).to.contain("s3EncryptionEnabled");
      expect(r.violations[1]).to.contain("cloudWatchEncryptionEnabled");
    });
    it('CKV_AWS_113 fail in YAML: cloudWatchEncryptionEnabled "false"', async () => {
      const yaml = [
        "inputs:",
        `  kmsKeyId: ${KEY_ARN}`,
        "  cloudWatchLogGroupName: /ssm/sessions",
        '  cloudWatchEncryptionEnabled: "false"',
        "sessionType: Standard_Stream",
      ].join("\n");
      const r = await run(p, session(yaml, { documentFormat: "YAML" }));
      expect(r.violations).to.have.length(1);
      expect(r.violations[0]).to.contain("cloudWatchEncryptionEnabled");
    });
  });
});
