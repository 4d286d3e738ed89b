// aws-native Athena work groups (workGroupConfiguration) and Glue security configurations
// (s3Encryptions, cloudWatchEncryption) and Data Catalog encryption settings
// (policy-pack/lib/native/twins-analytics.ts), judged by athena-kms-cmk and glue-kms-cmk: a
// compliant resource passes; each case breaks one field, and a value unknown at preview is a
// preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { res, violationsOf } from "../fixture";
import { Case, key, KEY_ARN, runCases } from "./cases";

const workGroup = (encryptionConfiguration: unknown, enforce = true) => ({
  enforceWorkGroupConfiguration: enforce,
  resultConfiguration: { outputLocation: "s3://results/", encryptionConfiguration },
});
const sse = (mode: string, kmsKeyArn?: string) => ({ s3EncryptionMode: mode, kmsKeyArn });
const glue = (s3Encryptions: unknown[], cloudWatchMode = "SSE-KMS") => ({
  s3Encryptions,
  cloudWatchEncryption: { cloudWatchEncryptionMode: cloudWatchMode, kmsKeyArn: KEY_ARN },
  jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: KEY_ARN },
});
const catalog = (passwords: Record<string, unknown>) => ({
  encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: KEY_ARN },
  connectionPasswordEncryption: passwords,
});

const cases: Case[] = [
  {
    rule: "athena-kms-cmk",
    type: n.NATIVE_ATHENA_WORK_GROUP,
    inputs: {
      name: "analysts",
      workGroupConfiguration: workGroup({ encryptionOption: "SSE_KMS", kmsKey: KEY_ARN }),
    },
    prop: "workGroupConfiguration",
    keyed: true,
    broken: [
      [
        { workGroupConfiguration: workGroup({ encryptionOption: "SSE_S3" }) },
        "workGroupConfiguration.resultConfiguration uses SSE_S3",
      ],
      [
        { workGroupConfiguration: workGroup({ encryptionOption: "SSE_KMS" }) },
        "workGroupConfiguration.resultConfiguration.encryptionConfiguration.kmsKey",
      ],
    ],
  },
  {
    rule: "glue-kms-cmk",
    type: n.NATIVE_GLUE_SECURITY_CONFIGURATION,
    inputs: { name: "encrypted", encryptionConfiguration: glue([sse("SSE-KMS", KEY_ARN)]) },
    prop: "encryptionConfiguration",
    keyed: true,
    broken: [
      [
        { encryptionConfiguration: glue([sse("SSE-KMS", KEY_ARN), sse("SSE-S3")]) },
        "s3Encryptions[].s3EncryptionMode is SSE-S3, not SSE-KMS",
        "a second S3 encryption with SSE-S3",
      ],
      [
        { encryptionConfiguration: glue([sse("SSE-KMS", KEY_ARN)], "DISABLED") },
        "cloudWatchEncryption.cloudWatchEncryptionMode is DISABLED",
      ],
    ],
  },
  {
    rule: "glue-kms-cmk",
    type: n.NATIVE_GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS,
    inputs: {
      catalogId: "123456789012",
      dataCatalogEncryptionSettings: catalog({
        returnConnectionPasswordEncrypted: true,
        kmsKeyId: KEY_ARN,
      }),
    },
    prop: "dataCatalogEncryptionSettings",
    keyed: true,
    broken: [
      [
        { dataCatalogEncryptionSettings: catalog({ returnConnectionPasswordEncrypted: false }) },
        "returnConnectionPasswordEncrypted is not true",
      ],
      [
        { dataCatalogEncryptionSettings: catalog({ returnConnectionPasswordEncrypted: true }) },
        "connectionPasswordEncryption.kmsKeyId",
      ],
    ],
  },
];

runCases("aws-native Athena and Glue encryption held to their key rules", cases);

describe("aws-native Athena work groups that let clients override", () => {
  it("enforceWorkGroupConfiguration false: reported in native terms", async () => {
    const wg = res(
      n.NATIVE_ATHENA_WORK_GROUP,
      "s",
      {
        name: "analysts",
        workGroupConfiguration: workGroup({ encryptionOption: "SSE_KMS", kmsKey: KEY_ARN }, false),
      },
      { refs: { workGroupConfiguration: [key] } },
    );
    const found = await violationsOf("athena-kms-cmk", [key, wg]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("workGroupConfiguration.enforceWorkGroupConfiguration is false");
  });
});
