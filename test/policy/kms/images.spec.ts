// Machine image and snapshot copy encryption, from Checkov's own fixtures translated to Pulumi
// inputs.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import { EBS_SNAPSHOT_COPY, EC2_AMI, EC2_AMI_COPY } from "../../../policy-pack/lib/types";
import { res } from "../fixture";
import { awsManaged, policyNamed, run, UNKNOWN, withStackKey } from "../fixtures/kms";

const clean = { violations: [], notes: [] };

describe("ec2-image-kms-cmk", () => {
  const p = policyNamed(policies, "ec2-image-kms-cmk");
  const copy = {
    name: "terraform-example",
    sourceAmiId: "ami-xxxxxxxx",
    sourceAmiRegion: "us-west-1",
  };
  const ami = (devices: Record<string, unknown>[]) => [
    res(EC2_AMI, "image", {
      name: "terraform-example",
      virtualizationType: "hvm",
      rootDeviceName: "/dev/xvda1",
      ebsBlockDevices: devices,
    }),
  ];

  describe("Compliance", () => {
    it("CKV_AWS_235/236 passing fixtures: an encrypted AMI copy with a key of the stack", async () => {
      const r = withStackKey(
        EC2_AMI_COPY,
        "copy",
        { ...copy, encrypted: true, kmsKeyId: UNKNOWN },
        ["kmsKeyId"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("an encrypted snapshot copy with a key of the stack", async () => {
      const r = withStackKey(
        EBS_SNAPSHOT_COPY,
        "snap",
        {
          sourceSnapshotId: UNKNOWN,
          sourceRegion: "us-west-2",
          encrypted: true,
          kmsKeyId: UNKNOWN,
        },
        ["kmsKeyId"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("CKV_AWS_204 passing fixtures: devices from snapshots, or encrypted", async () => {
      const r = ami([
        { deviceName: "/dev/xvda1", snapshotId: "snap-xxxxxxxx", volumeSize: 8 },
        { deviceName: "/dev/xvdb", encrypted: true, volumeSize: 8 },
      ]);
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_235 failing fixture: an AMI copy without encrypted", async () => {
      const r = await run(p, [res(EC2_AMI_COPY, "copy", copy)]);
      expect(r.violations).to.deep.equal([
        'copy: AMI copy "copy": encrypted is not true: the copy may be stored unencrypted.',
      ]);
    });
    it("CKV_AWS_236 failing fixture: encrypted without kms_key_id (aws/ebs)", async () => {
      const r = await run(p, [res(EC2_AMI_COPY, "copy", { ...copy, encrypted: true })]);
      expect(r.violations).to.have.length(1);
    });
    it("a snapshot copy with alias/aws/ebs", async () => {
      const r = await run(p, [
        res(EBS_SNAPSHOT_COPY, "snap", {
          sourceSnapshotId: UNKNOWN,
          sourceRegion: "us-west-2",
          encrypted: true,
          kmsKeyId: awsManaged("ebs"),
        }),
      ]);
      expect(r.violations).to.have.length(1);
    });
    it("CKV_AWS_204 failing fixture: a new block device without encrypted", async () => {
      const r = await run(p, ami([{ deviceName: "/dev/xvdb", volumeSize: 8 }]));
      expect(r.violations).to.deep.equal([
        'image: AMI "image": block device /dev/xvdb is not encrypted.',
      ]);
    });
  });
});
