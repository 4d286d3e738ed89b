// Encryption of machine images and snapshot copies: AMIs registered by the program, AMI copies and
// EBS snapshot copies, what EC2 Image Builder stores and produces (components, workflows, container
// recipes, the disks of image and container recipes, distributed AMIs), and the cross-region snapshot copies of Data Lifecycle Manager
// policies. (Volumes themselves are the EBS policies', ../compute/ebs.ts.)
import { customerKeyPolicy, KeyCheck } from "../../lib/kms/keys";
import {
  DLM_LIFECYCLE_POLICY,
  EBS_SNAPSHOT_COPY,
  EC2_AMI,
  EC2_AMI_COPY,
  IMAGEBUILDER_COMPONENT,
  IMAGEBUILDER_CONTAINER_RECIPE,
  IMAGEBUILDER_DISTRIBUTION_CONFIGURATION,
  IMAGEBUILDER_IMAGE_RECIPE,
  IMAGEBUILDER_WORKFLOW,
} from "../../lib/types";
import {
  NATIVE_DLM_LIFECYCLE_POLICY,
  NATIVE_IMAGEBUILDER_COMPONENT,
  NATIVE_IMAGEBUILDER_CONTAINER_RECIPE,
  NATIVE_IMAGEBUILDER_DISTRIBUTION_CONFIGURATION,
  NATIVE_IMAGEBUILDER_IMAGE_RECIPE,
  NATIVE_IMAGEBUILDER_WORKFLOW,
} from "../../lib/native/types";
import { asList, flagOn, flagValue } from "../../lib/values";
import { checkov, kics } from "../../lib/controls";

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
  references: [
    checkov("CKV_AWS_204"),
    checkov("CKV_AWS_235"),
    checkov("CKV_AWS_236"),
    checkov("CKV_AWS_183"),
    kics("Ami Not Encrypted"),
  ],
  types: [EC2_AMI, EC2_AMI_COPY, EBS_SNAPSHOT_COPY],
  noun: (r) =>
    r.type === EC2_AMI ? "AMI" : r.type === EC2_AMI_COPY ? "AMI copy" : "EBS snapshot copy",
  check: (k) => {
    if (k.resource.type === EC2_AMI) {
      // RegisterImage: a block device restored from a snapshot takes the snapshot's encryption
      // and key; the others are encrypted only when asked, with no key parameter of their own.
      // A device restored from a snapshot takes the snapshot's state, so `encrypted` is left out
      // there; an explicit `false` still states an unencrypted device and is reported.
      for (const device of asList(k.props.ebsBlockDevices)) {
        if (device?.snapshotId) {
          if (flagValue(device.encrypted) === false) {
            k.report(
              `block device ${String(device.deviceName ?? "")} sets encrypted: false on a volume restored from a snapshot.`,
            );
          }
          continue;
        }
        if (!flagOn(device?.encrypted)) {
          k.report(`block device ${String(device?.deviceName ?? "")} is not encrypted.`);
        }
      }
      return;
    }
    // CopyImage / CopySnapshot: the copy is encrypted only with Encrypted, and with the
    // AWS-managed key aws/ebs unless KmsKeyId names another key.
    if (!flagOn(k.props.encrypted)) {
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

const IMAGEBUILDER_NOUN: Record<string, string> = {
  [IMAGEBUILDER_COMPONENT]: "Image Builder component",
  [IMAGEBUILDER_CONTAINER_RECIPE]: "Image Builder container recipe",
  [IMAGEBUILDER_DISTRIBUTION_CONFIGURATION]: "Image Builder distribution configuration",
  [IMAGEBUILDER_IMAGE_RECIPE]: "Image Builder image recipe",
  [IMAGEBUILDER_WORKFLOW]: "Image Builder workflow",
};

/** Requires encrypted EBS disks with a customer key among `mappings` (read from `prop`). */
function requireEncryptedDisks(k: KeyCheck, prop: string, mappings: unknown): void {
  // Mappings without `ebs` (noDevice, instance store) store nothing on EBS.
  for (const mapping of asList(mappings)) {
    const ebs = mapping?.ebs;
    if (!ebs) continue;
    const device = String(mapping?.deviceName ?? "");
    if (!flagOn(ebs.encrypted)) {
      k.report(`block device ${device}: ebs.encrypted is not true.`);
      continue;
    }
    k.requireKey({
      prop,
      read: () => ebs.kmsKeyId,
      where: `block device ${device} ebs.kmsKeyId`,
      whenNone: "the AWS-managed key aws/ebs",
    });
  }
}

export const imagebuilderKms = customerKeyPolicy({
  name: "imagebuilder-kms-cmk",
  description:
    "EC2 Image Builder encrypts with customer-managed KMS keys: component and workflow documents " +
    "and container recipes' Dockerfile templates (kmsKeyId), the EBS disks an image or container " +
    "recipe declares, and the AMIs a distribution configuration publishes.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set kmsKeyId to the stack's customer-managed key on aws.imagebuilder.Component, Workflow " +
    "and ContainerRecipe; on every blockDeviceMappings[].ebs of an ImageRecipe (of a " +
    "ContainerRecipe's instanceConfiguration) set encrypted and kmsKeyId; on every AMI " +
    "distribution set amiDistributionConfiguration.kmsKeyId (a key usable in that region).",
  references: [checkov("CKV_AWS_180"), checkov("CKV_AWS_199"), checkov("CKV_AWS_200")],
  types: [
    ...Object.keys(IMAGEBUILDER_NOUN),
    NATIVE_IMAGEBUILDER_COMPONENT,
    NATIVE_IMAGEBUILDER_WORKFLOW,
    NATIVE_IMAGEBUILDER_CONTAINER_RECIPE,
    NATIVE_IMAGEBUILDER_IMAGE_RECIPE,
    NATIVE_IMAGEBUILDER_DISTRIBUTION_CONFIGURATION,
  ],
  noun: (r) => IMAGEBUILDER_NOUN[r.type],
  check: (k) => {
    switch (k.resource.type) {
      case IMAGEBUILDER_COMPONENT:
      case IMAGEBUILDER_WORKFLOW:
        // CreateComponent KmsKeyId: without it the component is encrypted with a service key;
        // CreateWorkflow's KmsKeyId encrypts the workflow document the same way.
        k.requireKey({ prop: "kmsKeyId", whenNone: "a key Image Builder chooses" });
        return;
      case IMAGEBUILDER_CONTAINER_RECIPE:
        // CreateContainerRecipe KmsKeyId: "Identifies which KMS key is used to encrypt the
        // Dockerfile template"; the build instance's disks are declared like an image recipe's.
        k.requireKey({ prop: "kmsKeyId", whenNone: "a key Image Builder chooses" });
        requireEncryptedDisks(
          k,
          "instanceConfiguration",
          k.props.instanceConfiguration?.blockDeviceMappings,
        );
        return;
      case IMAGEBUILDER_IMAGE_RECIPE:
        requireEncryptedDisks(k, "blockDeviceMappings", k.props.blockDeviceMappings);
        return;
      default:
        // A distribution with only a container configuration publishes no AMI.
        for (const d of asList(k.props.distributions)) {
          if (d?.containerDistributionConfiguration && !d?.amiDistributionConfiguration) continue;
          k.requireKey({
            prop: "distributions",
            read: () => d?.amiDistributionConfiguration?.kmsKeyId,
            where: `distribution ${String(d?.region ?? "")} amiDistributionConfiguration.kmsKeyId`,
            whenNone: "the AMI keeps the encryption of the build's snapshots",
          });
        }
    }
  },
});

export const dlmCopyKms = customerKeyPolicy({
  name: "dlm-cross-region-copy-kms-cmk",
  description:
    "Data Lifecycle Manager policies encrypt the snapshots and AMIs they copy to other regions " +
    "(schedule copy rules and event-based copy actions) with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "On every crossRegionCopyRules entry set encrypted: true and cmkArn to a customer key of the " +
    "target region; on every actions[].crossRegionCopies[].encryptionConfiguration the same.",
  references: [checkov("CKV_AWS_255"), checkov("CKV_AWS_254"), checkov("CKV_AWS_256")],
  types: [DLM_LIFECYCLE_POLICY, NATIVE_DLM_LIFECYCLE_POLICY],
  noun: "DLM lifecycle policy",
  check: (k) => {
    const details = k.props.policyDetails;
    const copies = [
      ...asList(details?.schedules).flatMap((s: any) =>
        asList(s?.crossRegionCopyRules).map((c: any) => ({
          where: `schedule ${String(s?.name ?? "")} copy to ${String(c?.target ?? c?.targetRegion ?? "")}`,
          read: () => c,
        })),
      ),
      // @pulumi/aws 7 LifecyclePolicyPolicyDetails: one event-based `action` block (Terraform's
      // `action`); a list under `actions` is read too.
      ...asList(details?.action ?? details?.actions).flatMap((a: any) =>
        asList(a?.crossRegionCopies).map((c: any) => ({
          where: `action ${String(a?.name ?? "")} copy to ${String(c?.target ?? "")}`,
          read: () => c?.encryptionConfiguration,
        })),
      ),
    ];
    for (const { where, read } of copies) {
      // CrossRegionCopyRule Encrypted: copies of unencrypted snapshots stay unencrypted unless set;
      // CmkArn: without it the target region's aws/ebs key.
      const rule = read();
      if (!flagOn(rule?.encrypted)) {
        k.report(`${where}: encrypted is not true.`);
        continue;
      }
      k.requireKey({
        prop: "policyDetails",
        read: () => rule?.cmkArn,
        where: `${where} cmkArn`,
        whenNone: "the AWS-managed key aws/ebs",
      });
    }
  },
});
