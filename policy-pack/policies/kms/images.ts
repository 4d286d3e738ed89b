// Encryption of machine images and snapshot copies: AMIs registered by the program, AMI copies and
// EBS snapshot copies. (Volumes themselves are the EBS policies', ../compute/ebs.ts.)
import { customerKeyPolicy } from "../../lib/kms/keys";
import { EBS_SNAPSHOT_COPY, EC2_AMI, EC2_AMI_COPY } from "../../lib/types";
import { asList } from "../../lib/values";
import { checkov } from "../../lib/controls";

export const imageKms = customerKeyPolicy({
  name: "ec2-image-kms-cmk",
  description:
    "AMI copies and EBS snapshot copies are encrypted with a customer-managed KMS key, and AMIs the " +
    "program registers encrypt every block device not restored from a snapshot.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set encrypted: true and kmsKeyId to the stack's customer-managed key on aws.ec2.AmiCopy and " +
    "aws.ebs.SnapshotCopy; on aws.ec2.Ami set encrypted: true on every ebsBlockDevices entry (or " +
    "register it from snapshots encrypted with a customer key).",
  references: [checkov("CKV_AWS_204"), checkov("CKV_AWS_235"), checkov("CKV_AWS_236")],
  types: [EC2_AMI, EC2_AMI_COPY, EBS_SNAPSHOT_COPY],
  noun: (r) =>
    r.type === EC2_AMI ? "AMI" : r.type === EC2_AMI_COPY ? "AMI copy" : "EBS snapshot copy",
  check: (k) => {
    if (k.resource.type === EC2_AMI) {
      // RegisterImage: a block device restored from a snapshot takes the snapshot's encryption
      // and key; the others are encrypted only when asked, with no key parameter of their own.
      for (const device of asList(k.props.ebsBlockDevices)) {
        if (device?.snapshotId) continue;
        if (device?.encrypted !== true) {
          k.report(`block device ${String(device?.deviceName ?? "")} is not encrypted.`);
        }
      }
      return;
    }
    // CopyImage / CopySnapshot: the copy is encrypted only with Encrypted, and with the
    // AWS-managed key aws/ebs unless KmsKeyId names another key.
    if (k.props.encrypted !== true) {
      k.report("encrypted is not true: the copy may be stored unencrypted.");
      return;
    }
    k.requireKey({
      prop: "kmsKeyId",
      computed: k.resource.type === EC2_AMI_COPY,
      whenNone: "the AWS-managed key aws/ebs",
    });
  },
});
