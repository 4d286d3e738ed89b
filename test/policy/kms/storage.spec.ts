// File system, backup and secret encryption with customer-managed keys, from the third parties' own
// fixtures translated to Pulumi inputs.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import {
  BACKUP_VAULT,
  CODEARTIFACT_DOMAIN,
  EFS_FILE_SYSTEM,
  FSX_LUSTRE_FILE_SYSTEM,
  FSX_ONTAP_FILE_SYSTEM,
  FSX_WINDOWS_FILE_SYSTEM,
  SECRETSMANAGER_SECRET,
  SSM_PARAMETER,
} from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import {
  awsManaged,
  KEY_ARN,
  keyFixtures,
  policyNamed,
  run,
  UNKNOWN,
  withStackKey,
} from "../fixtures/kms";

describe("efs-file-system-kms-cmk", () => {
  const p = policyNamed(policies, "efs-file-system-kms-cmk");
  const base = { creationToken: "my-product", tags: { Name: "MyProduct" } };
  const { compliant, plain: fs } = keyFixtures(
    EFS_FILE_SYSTEM,
    "files",
    base,
    { encrypted: true, kmsKeyId: UNKNOWN },
    ["kmsKeyId"],
  );

  describe("Compliance", () => {
    it("encrypted with a key of the stack", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
    it("KICS 'EFS Without KMS' negative1: a literal key id", async () => {
      const r = fs({ encrypted: true, kmsKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" });
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("Trivy AWS-0037 good example: kms_key_id 'my_kms_key'", async () => {
      expect(await run(p, fs({ encrypted: true, kmsKeyId: "my_kms_key" }))).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_42 / KICS 'EFS Not Encrypted': no encrypted flag", async () => {
      expect((await run(p, fs({}))).violations).to.deep.equal([
        'files: EFS file system "files": encrypted is not true: files are stored unencrypted.',
      ]);
    });
    it("Trivy AWS-0037 bad example: encrypted = false, kms_key_id = ''", async () => {
      expect((await run(p, fs({ encrypted: false, kmsKeyId: "" }))).violations).to.have.length(1);
    });
    it("CKV_AWS_184 / KICS 'EFS Without KMS' positive1: encrypted without a key", async () => {
      const r = await run(p, fs({ encrypted: true }));
      expect(r.violations[0]).to.include("aws/elasticfilesystem");
    });
  });
});

describe("fsx-file-system-kms-cmk", () => {
  const p = policyNamed(policies, "fsx-file-system-kms-cmk");
  const base = { storageCapacity: 1024, subnetIds: [UNKNOWN], throughputCapacity: 512 };

  describe("Compliance", () => {
    it("CKV_AWS_178 passing fixture: an ONTAP file system with a key of the stack", async () => {
      const r = withStackKey(
        FSX_ONTAP_FILE_SYSTEM,
        "ontap",
        { ...base, deploymentType: "MULTI_AZ_1", kmsKeyId: UNKNOWN },
        ["kmsKeyId"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("a scratch Lustre file system takes no key: not judged", async () => {
      const r = [res(FSX_LUSTRE_FILE_SYSTEM, "scratch", { ...base, deploymentType: "SCRATCH_2" })];
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_179 failing fixture: a Windows file system without kms_key_id", async () => {
      const r = await run(p, [
        res(FSX_WINDOWS_FILE_SYSTEM, "win", { ...base, activeDirectoryId: "d-1" }),
      ]);
      expect(r.violations).to.have.length(1);
    });
    it("a persistent Lustre file system without a key", async () => {
      const r = await run(p, [
        res(FSX_LUSTRE_FILE_SYSTEM, "lustre", { ...base, deploymentType: "PERSISTENT_2" }),
      ]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("backup-vault-cmk", () => {
  const p = policyNamed(policies, "backup-vault-cmk");

  describe("Compliance", () => {
    it("CKV_AWS_166 'backup_with_kms_key': kms_key_arn from a key of the stack", async () => {
      const r = withStackKey(
        BACKUP_VAULT,
        "vault",
        { name: "example_backup_vault", kmsKeyArn: UNKNOWN },
        ["kmsKeyArn"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_166 'backup': no kms_key_arn (aws/backup)", async () => {
      const r = await run(p, [res(BACKUP_VAULT, "vault", { name: "example_backup_vault" })]);
      expect(r.violations).to.deep.equal([
        'vault: backup vault "vault": no KMS key is set (the AWS-managed key aws/backup), not a customer-managed key.',
      ]);
    });
    it("kmsKeyArn unknown without a dependency: computed by the provider, so it reads as unset", async () => {
      const r = await run(p, [res(BACKUP_VAULT, "vault", { name: "v", kmsKeyArn: UNKNOWN })]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("codeartifact-domain-kms-cmk", () => {
  const p = policyNamed(policies, "codeartifact-domain-kms-cmk");

  describe("Compliance", () => {
    it("CKV_AWS_221 passing fixture: encryption_key from a key of the stack", async () => {
      const r = withStackKey(
        CODEARTIFACT_DOMAIN,
        "packages",
        { domain: "example", encryptionKey: UNKNOWN },
        ["encryptionKey"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_221 failing fixture: no encryption_key (aws/codeartifact)", async () => {
      const r = await run(p, [res(CODEARTIFACT_DOMAIN, "packages", { domain: "example" })]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("secretsmanager-secret-cmk", () => {
  const p = policyNamed(policies, "secretsmanager-secret-cmk");
  const compliant = (inputs: Record<string, unknown> = {}) =>
    withStackKey(
      SECRETSMANAGER_SECRET,
      "api-key",
      { name: "platform/api-key", kmsKeyId: UNKNOWN, ...inputs },
      ["kmsKeyId", "replicas"],
    );
  const secret = (inputs: Record<string, unknown>) => [
    res(SECRETSMANAGER_SECRET, "example", { name: "example", ...inputs }),
  ];

  describe("Compliance", () => {
    it("a key of the stack, its replica with its own key", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
      const replicas = [{ region: "us-east-1", kmsKeyId: UNKNOWN }];
      expect(await run(p, compliant({ replicas }))).to.deep.equal(clean);
    });
    it("Trivy AWS-0098 good example: a literal customer key", async () => {
      expect(await run(p, secret({ kmsKeyId: KEY_ARN }))).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_149 / KICS 'Secretsmanager Secret Without KMS' positive1 / Trivy AWS-0098: no kms_key_id", async () => {
      expect((await run(p, secret({}))).violations).to.deep.equal([
        'example: secret "example": no KMS key is set (the AWS-managed key aws/secretsmanager), not a customer-managed key.',
      ]);
    });
    it("Trivy AWS-0098: kms_key_id = 'alias/aws/secretsmanager'", async () => {
      const r = await run(p, secret({ kmsKeyId: awsManaged("secretsmanager") }));
      expect(r.violations).to.have.length(1);
    });
    it("Checkov CKV_AWS_149 CloudFormation FAIL.yaml AWSKMS0: kmsKeyId 'aws/secretsmanager', the AWS-managed alias without alias/", async () => {
      expect((await run(p, secret({ kmsKeyId: "aws/secretsmanager" }))).violations).to.deep.equal([
        'example: secret "example": it uses the AWS-managed key aws/secretsmanager, not a customer-managed key.',
      ]);
    });
    it("a replica without a key uses aws/secretsmanager in its region", async () => {
      const r = await run(p, compliant({ replicas: [{ region: "us-east-1" }] }));
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("ssm-parameter-kms-cmk", () => {
  const p = policyNamed(policies, "ssm-parameter-kms-cmk");
  const param = (inputs: Record<string, unknown>) => [
    res(SSM_PARAMETER, "db-password", { name: "/app/db/password", value: UNKNOWN, ...inputs }),
  ];

  describe("Compliance", () => {
    it("a SecureString with a key of the stack", async () => {
      const r = withStackKey(
        SSM_PARAMETER,
        "db-password",
        { name: "/app/db/password", type: "SecureString", value: UNKNOWN, keyId: UNKNOWN },
        ["keyId"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("CKV_AWS_337: a String parameter needs no key", async () => {
      expect(await run(p, param({ type: "String", value: "eu-west-1" }))).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_337 failing fixture: SecureString without key_id (alias/aws/ssm)", async () => {
      const r = await run(p, param({ type: "SecureString" }));
      expect(r.violations).to.deep.equal([
        'db-password: SSM parameter "db-password": no KMS key is set (the AWS-managed key aws/ssm), not a customer-managed key.',
      ]);
    });
    it("SecureString with key_id = 'alias/aws/ssm'", async () => {
      const r = await run(p, param({ type: "SecureString", keyId: awsManaged("ssm") }));
      expect(r.violations).to.have.length(1);
    });
  });
});
