// Credentials in S3 objects written from literal content: a private key (Checkov CKV_SECRET_13)
// or AWS access keys (Checkov CKV_SECRET_2), as KICS "Passwords And Secrets" finds them in IaC.
import { expect } from "chai";
import { policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import { S3_BUCKET_OBJECT, S3_BUCKET_OBJECTV2 } from "../../../policy-pack/lib/types";

const PEM =
  "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----\n";
const object = (type: string, extra: Record<string, unknown>) =>
  res(type, "obj", { bucket: "my-bucket", key: "config/app.txt", ...extra });

describe("s3-object-no-embedded-credentials", () => {
  const p = policy("s3-object-no-embedded-credentials");
  describe("Noncompliance", () => {
    it("CKV_SECRET_13: a private key as an object's content (BucketObject and BucketObjectv2)", async () => {
      expect(
        await violations(p, [
          object(S3_BUCKET_OBJECT, { content: PEM }),
          object(S3_BUCKET_OBJECTV2, { content: PEM }),
        ]),
      ).to.deep.equal(["obj: content holds a private key.", "obj: content holds a private key."]);
    });
    it("CKV_SECRET_2: AWS keys in a credentials file, also base64-encoded", async () => {
      const file =
        "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n" +
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
      expect(await violations(p, [object(S3_BUCKET_OBJECTV2, { content: file })])).to.deep.equal([
        "obj: content holds an AWS access key id.",
      ]);
      expect(
        await violations(p, [
          object(S3_BUCKET_OBJECT, { contentBase64: Buffer.from(file).toString("base64") }),
        ]),
      ).to.deep.equal(["obj: contentBase64 holds an AWS access key id."]);
    });
    it("a secret access key assigned without its key id", async () => {
      expect(
        await violations(p, [
          object(S3_BUCKET_OBJECT, {
            content: 'export AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n',
          }),
        ]),
      ).to.have.length(1);
    });
    it("content unknown at preview is a preview note, not a pass", async () => {
      expect(await previewNotes(p, [object(S3_BUCKET_OBJECT, { content: U })])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("a public certificate, a config naming its secret, and a file source", async () => {
      expect(
        await violations(p, [
          object(S3_BUCKET_OBJECT, {
            content:
              "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUS...\n-----END CERTIFICATE-----\n",
          }),
          object(S3_BUCKET_OBJECTV2, {
            content: JSON.stringify({
              dbSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db",
            }),
          }),
          object(S3_BUCKET_OBJECTV2, { contentType: "text/html" }),
        ]),
      ).to.deep.equal([]);
    });
  });
});
