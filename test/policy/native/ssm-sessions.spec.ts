// ssm-session-preferences-kms-cmk on an aws-native SSM Session document, whose content is a JSON
// object (or text in its documentFormat): the preferences' inputs name the stack's key and
// encrypt the session logs; each break is one finding, and content unknown at preview is a
// preview note. Checkov CKV_AWS_112 and CKV_AWS_113, as test/policy/kms/sessions.spec.ts.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, res, violationsOf } from "../fixture";
import { Case, KEY_ARN, key, runCases } from "./cases";

const rule = "ssm-session-preferences-kms-cmk";
const LOGGED = {
  s3BucketName: "session-logs",
  s3EncryptionEnabled: true,
  cloudWatchLogGroupName: "/ssm/sessions",
  cloudWatchEncryptionEnabled: true,
};
/** Session preferences with `inputs`, as the JSON object aws-native takes. */
const content = (inputs: Record<string, unknown>) => ({
  schemaVersion: "1.0",
  description: "Session Manager preferences",
  sessionType: "Standard_Stream",
  inputs,
});

const cases: Case[] = [
  {
    rule,
    type: n.NATIVE_SSM_DOCUMENT,
    inputs: {
      name: "SSM-SessionManagerRunShell",
      documentType: "Session",
      content: content({ kmsKeyId: KEY_ARN, ...LOGGED }),
    },
    prop: "content",
    keyed: true,
    broken: [
      [{ content: content(LOGGED) }, "no KMS key is set", "no inputs.kmsKeyId"],
      [
        { content: content({ kmsKeyId: "alias/aws/ssm", ...LOGGED }) },
        "alias/aws/ssm",
        "the AWS-managed key",
      ],
      [
        { content: content({ kmsKeyId: KEY_ARN, ...LOGGED, s3EncryptionEnabled: false }) },
        "inputs.s3EncryptionEnabled is not true",
        "s3EncryptionEnabled false",
      ],
      [
        {
          content: content({
            kmsKeyId: KEY_ARN,
            ...LOGGED,
            cloudWatchEncryptionEnabled: undefined,
          }),
        },
        "inputs.cloudWatchEncryptionEnabled is not true",
        "cloudWatchEncryptionEnabled left out",
      ],
    ],
  },
];

runCases("aws-native SSM Session documents", cases);

describe("aws-native SSM documents: other shapes of content", () => {
  const doc = (inputs: Record<string, unknown>) =>
    res(n.NATIVE_SSM_DOCUMENT, "prefs", inputs, { refs: { content: [key] } });
  it("YAML text in documentFormat YAML is read as the classic document's", async () => {
    const yaml = [
      "schemaVersion: '1.0'",
      "sessionType: Standard_Stream",
      "inputs:",
      `  kmsKeyId: ${KEY_ARN}`,
      "  cloudWatchLogGroupName: /ssm/sessions",
      '  cloudWatchEncryptionEnabled: "false"',
    ].join("\n");
    const found = await violationsOf(rule, [
      key,
      doc({ documentType: "Session", documentFormat: "YAML", content: yaml }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("cloudWatchEncryptionEnabled");
  });
  it("a Command document is not judged", async () => {
    await expectClean(policy(rule), [
      key,
      doc({ documentType: "Command", content: { schemaVersion: "2.2", mainSteps: [] } }),
    ]);
  });
});
