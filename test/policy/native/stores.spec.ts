// aws-native DAX clusters, QLDB ledgers, WorkSpaces and DLM lifecycle policies
// (policy-pack/lib/native/twins-services.ts), judged by their mandatory encryption and permission
// rules: a compliant resource passes; each case then breaks one field, and a value unknown at
// preview is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, res, violationsOf } from "../fixture";
import { Case, key, KEY_ARN, runCases } from "./cases";

const daxInputs = {
  iAMRoleARN: "arn:aws:iam::123456789012:role/dax",
  nodeType: "dax.r5.large",
  replicationFactor: 3,
  sSESpecification: { sSEEnabled: true },
};

const copyRule = (over: Record<string, unknown> = {}) => ({
  target: "us-west-2",
  encrypted: true,
  cmkArn: KEY_ARN,
  retainRule: { interval: 7, intervalUnit: "DAYS" },
  ...over,
});

const dlmDetails = (rule: Record<string, unknown>, action: Record<string, unknown>) => ({
  policyType: "EBS_SNAPSHOT_MANAGEMENT",
  resourceTypes: ["VOLUME"],
  targetTags: [{ key: "backup", value: "daily" }],
  schedules: [
    {
      name: "daily",
      createRule: { interval: 24, intervalUnit: "HOURS" },
      retainRule: { count: 7 },
      crossRegionCopyRules: [rule],
    },
  ],
  actions: [{ name: "copy", crossRegionCopy: [action] }],
});

const cases: Case[] = [
  {
    rule: "dax-cluster-encrypted",
    type: n.NATIVE_DAX_CLUSTER,
    inputs: daxInputs,
    prop: "sSESpecification",
    broken: [
      [{ sSESpecification: { sSEEnabled: false } }, "sSESpecification is not enabled"],
      [{ sSESpecification: undefined }, "sSESpecification is not enabled"],
    ],
  },
  {
    rule: "qldb-ledger-kms-cmk",
    type: n.NATIVE_QLDB_LEDGER,
    inputs: { permissionsMode: "STANDARD", kmsKey: KEY_ARN },
    prop: "kmsKey",
    keyed: true,
    broken: [[{ kmsKey: undefined }, "an AWS-owned key"]],
  },
  {
    rule: "qldb-ledger-standard-permissions",
    type: n.NATIVE_QLDB_LEDGER,
    inputs: { permissionsMode: "STANDARD" },
    prop: "permissionsMode",
    broken: [[{ permissionsMode: "ALLOW_ALL" }, 'permissionsMode is "ALLOW_ALL"']],
  },
  {
    rule: "workspaces-volume-kms-cmk",
    type: n.NATIVE_WORKSPACES_WORKSPACE,
    inputs: {
      bundleId: "wsb-12345",
      directoryId: "d-12345",
      userName: "ana",
      rootVolumeEncryptionEnabled: true,
      userVolumeEncryptionEnabled: true,
      volumeEncryptionKey: KEY_ARN,
    },
    prop: "volumeEncryptionKey",
    keyed: true,
    broken: [
      [{ userVolumeEncryptionEnabled: false }, "userVolumeEncryptionEnabled is not true"],
      [{ volumeEncryptionKey: undefined }, "aws/workspaces"],
    ],
  },
  {
    rule: "dlm-cross-region-copy-kms-cmk",
    type: n.NATIVE_DLM_LIFECYCLE_POLICY,
    inputs: {
      description: "daily snapshots",
      executionRoleArn: "arn:aws:iam::123456789012:role/dlm",
      state: "ENABLED",
      policyDetails: dlmDetails(copyRule(), {
        target: "us-east-1",
        encryptionConfiguration: { encrypted: true, cmkArn: KEY_ARN },
      }),
    },
    prop: "policyDetails",
    keyed: true,
    broken: [
      [
        {
          policyDetails: dlmDetails(copyRule({ encrypted: false }), {
            target: "us-east-1",
            encryptionConfiguration: { encrypted: true, cmkArn: KEY_ARN },
          }),
        },
        "schedule daily copy to us-west-2: encrypted is not true",
        "a schedule's crossRegionCopyRules entry not encrypted",
      ],
      [
        {
          policyDetails: dlmDetails(copyRule(), {
            target: "us-east-1",
            encryptionConfiguration: { encrypted: true },
          }),
        },
        "action copy copy to us-east-1 cmkArn",
        "an event-based action's crossRegionCopy without cmkArn",
      ],
    ],
  },
];

runCases("aws-native data stores held to their encryption and permission rules", cases);

describe("aws-native DAX clusters: the SSE specification in either camelCase", () => {
  it("sseSpecification { sseEnabled: true }, CloudFormation's name camelCased as the CDK does, passes", async () => {
    const rest: Record<string, unknown> = { ...daxInputs };
    delete rest.sSESpecification;
    const dax = res(n.NATIVE_DAX_CLUSTER, "s", {
      ...rest,
      sseSpecification: { sseEnabled: true },
    });
    await expectClean(policy("dax-cluster-encrypted"), [key, dax]);
    const off = res(n.NATIVE_DAX_CLUSTER, "s", {
      ...rest,
      sseSpecification: { sseEnabled: false },
    });
    expect(await violationsOf("dax-cluster-encrypted", [off])).to.have.length(1);
  });
});
