// Encryption switches written as strings ("true", "false", "1", "True"), as a program reads them
// from config or copies them from a Terraform fixture (Checkov CKV_AWS_119's and CKV_AWS_16's
// `enabled = "true"`, `storage_encrypted = "true"`): the provider parses them as booleans
// (policy-pack/lib/values.ts, flagValue), so AWS gets the same setting as the boolean. Each rule's
// compliant fixture passes with the switch on as a boolean and as a string, and is reported with
// the switch off as a string; a switch that turns encryption off is reported written either way.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { flagValue } from "../../../policy-pack/lib/values";
import { clean, res } from "../fixture";
import { key, KEY_ARN, policyNamed, run, UNKNOWN } from "../fixtures/kms";
import { table as gameScores } from "../fixtures/third-party/storage.resources";

/** Each rule, the resource it judges with the switch `flag` on and a customer key, and `flag`. */
const SWITCHES = [
  {
    rule: "dynamodb-table-kms-cmk",
    build: (on: unknown) =>
      res(T.DYNAMODB_TABLE, "scores", {
        ...gameScores,
        serverSideEncryption: { enabled: on, kmsKeyArn: KEY_ARN },
      }),
  },
  {
    rule: "rds-storage-encrypted-cmk",
    build: (on: unknown) =>
      res(T.RDS_INSTANCE, "db", {
        engine: "mysql",
        instanceClass: "db.t3.micro",
        allocatedStorage: 20,
        username: "admin",
        manageMasterUserPassword: true,
        storageEncrypted: on,
        kmsKeyId: KEY_ARN,
      }),
  },
  {
    rule: "efs-file-system-kms-cmk",
    build: (on: unknown) => res(T.EFS_FILE_SYSTEM, "files", { encrypted: on, kmsKeyId: KEY_ARN }),
  },
] as const;

describe("encryption switches written as strings", () => {
  it("reads the strings Go's strconv.ParseBool accepts, and nothing else", () => {
    for (const v of [true, "true", "True", "TRUE", "t", "T", "1"])
      expect(flagValue(v)).to.equal(true);
    for (const v of [false, "false", "False", "FALSE", "f", "F", "0"])
      expect(flagValue(v)).to.equal(false);
    for (const v of [undefined, null, "", "yes", "on", " true", 1, {}]) {
      expect(flagValue(v), JSON.stringify(v)).to.equal(undefined);
    }
  });

  for (const { rule, build } of SWITCHES) {
    describe(rule, () => {
      const p = policyNamed(policies, rule);
      it("passes the compliant fixture, the switch a boolean or a string", async () => {
        for (const on of [true, "true", "True", "1"]) {
          expect(await run(p, [build(on)]), JSON.stringify(on)).to.deep.equal(clean);
        }
      });
      it("reports the switch off, written as a boolean or a string", async () => {
        for (const off of [false, "false", "0"]) {
          const found = (await run(p, [build(off)])).violations;
          expect(found, JSON.stringify(off)).to.have.length(1);
        }
      });
    });
  }

  describe("codebuild-project-kms-cmk", () => {
    const p = policyNamed(policies, "codebuild-project-kms-cmk");
    const k = key();
    const project = (s3Logs: Record<string, unknown>) =>
      res(
        T.CODEBUILD_PROJECT,
        "build",
        { encryptionKey: UNKNOWN, artifacts: { type: "NO_ARTIFACTS" }, logsConfig: { s3Logs } },
        { refs: { encryptionKey: [k] } },
      );
    const logs = { status: "ENABLED", location: "logs/build" };
    it("passes S3 logs with encryption left on, as a boolean or a string", async () => {
      for (const off of [undefined, false, "false"]) {
        expect(await run(p, [k, project({ ...logs, encryptionDisabled: off })])).to.deep.equal(
          clean,
        );
      }
    });
    it('reports S3 logs whose encryptionDisabled is the string "true"', async () => {
      expect(
        (await run(p, [k, project({ ...logs, encryptionDisabled: "true" })])).violations,
      ).to.deep.equal([
        'build: CodeBuild project "build": logsConfig.s3Logs sets encryptionDisabled: true.',
      ]);
    });
  });
});
