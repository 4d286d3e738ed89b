// Credentials written into objects the program uploads: an S3 object whose literal content holds a
// private key or AWS access keys puts the credential in the bucket, in every copy and version of
// it, and in Pulumi state. (Environment variables and user data: ../compute.)
import { resourcePolicy } from "../../lib/define";
import { credentialInText } from "../../lib/secrets";
import { S3_BUCKET_OBJECT, S3_BUCKET_OBJECTV2 } from "../../lib/types";
import { checkov, kics } from "../../lib/controls";

export const s3ObjectNoEmbeddedCredentials = resourcePolicy({
  name: "s3-object-no-embedded-credentials",
  description:
    "S3 objects the program writes from literal content (content, contentBase64) hold no " +
    "private key and no AWS access key id or secret access key.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Keep the key in Secrets Manager (or ACM for certificates) and let the reader fetch it with " +
    "its role; rotate the key that was uploaded, since it stays in the bucket's versions and in " +
    "the stack's state.",
  references: [checkov("CKV_SECRET_2"), checkov("CKV_SECRET_13"), kics("Passwords And Secrets")],
  noNativeTwin: "CloudFormation has no type for S3 objects.",
  types: [S3_BUCKET_OBJECT, S3_BUCKET_OBJECTV2],
  check: (props, ctx) => {
    const texts: [string, string][] = [];
    if (typeof props.content === "string") texts.push(["content", props.content]);
    if (typeof props.contentBase64 === "string") {
      texts.push(["contentBase64", Buffer.from(props.contentBase64, "base64").toString("utf8")]);
    }
    for (const [prop, text] of texts) {
      const found = credentialInText(text);
      if (found) ctx.report(`${prop} holds ${found}.`);
    }
  },
});
