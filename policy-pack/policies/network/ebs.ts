// EBS encryption with customer-managed keys: instance and launch-template volumes, and EBS volumes
// (EBS encryption by default with a customer-managed default key counts).
import { PolicyMeta, stackPolicy } from "../../lib/define";
import { EbsDefaults, ebsDefaults, label, T } from "../../lib/network";
import { holdsValue, must } from "../../lib/values";

interface EbsConfig {
  readonly accountDefaultEncryptionWithCmk: boolean;
}

const ebsConfig: PolicyMeta["config"] = {
  accountDefaultEncryptionWithCmk: {
    type: "boolean",
    description:
      "The account enforces EBS encryption by default with a customer-managed default key, managed outside this stack (inside it, aws.ebs.EncryptionByDefault + aws.ebs.DefaultKmsKey are detected).",
    default: false,
  },
};

/** A finding for one volume (its props `v`), or undefined when it is encrypted with a customer-managed key. */
function volumeFinding(what: string, v: any, d: EbsDefaults): string | undefined {
  const encrypted = must(() => v?.encrypted, `encrypted of ${what}`);
  const enc = encrypted === true || encrypted === "true";
  if (enc && holdsValue(() => v?.kmsKeyId)) return undefined;
  // EC2 API (EnableEbsEncryptionByDefault): with encryption by default, every new volume is
  // encrypted, with the default KMS key or the key given for the volume.
  if (d.cmk) return undefined;
  if (enc || d.encrypted)
    return `${what} is encrypted with the AWS managed key aws/ebs: set kmsKeyId to a customer-managed key`;
  return `${what} is not encrypted`;
}

function defaultsFor(ctx: {
  index: Parameters<typeof ebsDefaults>[0];
  config: EbsConfig;
}): EbsDefaults {
  return ctx.config.accountDefaultEncryptionWithCmk
    ? { encrypted: true, cmk: true }
    : ebsDefaults(ctx.index);
}

export const instanceEbsEncrypted = stackPolicy<EbsConfig>({
  name: "ec2-instance-ebs-encrypted",
  description:
    "EC2 instances' and launch templates' root and EBS volumes are encrypted with a customer-managed KMS key.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Set `rootBlockDevice: { encrypted: true, kmsKeyId }` and the same on every `ebsBlockDevices` entry (launch templates: `blockDeviceMappings[].ebs`), or enable EBS encryption by default with a customer-managed default key.",
  references: [
    { source: "AWSGuard", id: "encrypted-volumes" },
    { source: "cdk-nag", id: "AwsSolutions-EC26" },
    { source: "Checkov", id: "CKV_AWS_8" },
    { source: "Trivy", id: "AWS-0131" },
    { source: "Security Hub FSBP", id: "EC2.3" },
  ],
  config: ebsConfig,
  types: [T.instance, T.launchTemplate, T.ebsEncryptionByDefault, T.ebsDefaultKmsKey],
  check: (ctx) => {
    const d = defaultsFor(ctx);
    for (const i of ctx.index.ofType(T.instance)) {
      ctx.each(i, () => {
        const root = i.props.rootBlockDevice;
        const findings = [
          volumeFinding("the root volume", root, d),
          ...((i.props.ebsBlockDevices ?? []) as any[]).map((b) =>
            volumeFinding(`EBS volume ${b.deviceName}`, b, d),
          ),
        ].filter((f): f is string => !!f);
        if (findings.length) ctx.report(i, `${label(i)}: ${findings.join("; ")}.`);
      });
    }
    for (const lt of ctx.index.ofType(T.launchTemplate)) {
      ctx.each(lt, () => {
        const maps = ((lt.props.blockDeviceMappings ?? []) as any[]).filter((m) => m.ebs);
        const findings = maps
          .map((m) => volumeFinding(`volume ${m.deviceName ?? "(unnamed)"}`, m.ebs, d))
          .filter((f): f is string => !!f);
        if (!maps.length && !d.cmk)
          findings.push(
            "no block device mapping sets encryption, so volumes follow the AMI's snapshots",
          );
        if (findings.length) ctx.report(lt, `${label(lt)}: ${findings.join("; ")}.`);
      });
    }
  },
});

export const ebsVolumeEncrypted = stackPolicy<EbsConfig>({
  name: "ec2-ebs-volume-encrypted",
  description: "EBS volumes are encrypted with a customer-managed KMS key.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps: "Set `encrypted: true` and `kmsKeyId` to a customer-managed key.",
  references: [
    { source: "Checkov", id: "CKV_AWS_3" },
    { source: "Checkov", id: "CKV_AWS_189" },
    { source: "Trivy", id: "AWS-0027" },
    { source: "Security Hub FSBP", id: "EC2.3" },
  ],
  config: ebsConfig,
  types: [T.ebsVolume, T.ebsEncryptionByDefault, T.ebsDefaultKmsKey],
  check: (ctx) => {
    const d = defaultsFor(ctx);
    for (const v of ctx.index.ofType(T.ebsVolume)) {
      ctx.each(v, () => {
        const f = volumeFinding(`EBS volume "${v.name}"`, v.props, d);
        if (f) ctx.report(v, `${f}.`);
      });
    }
  },
});
