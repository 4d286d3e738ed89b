// EBS encryption with customer-managed keys: instance, Spot request and Spot fleet, launch-template
// and launch-configuration volumes, EBS volumes (EBS encryption by default with a customer-managed default key counts), and
// the account's encryption-by-default settings themselves. Mandatory: part of the
// encryption-at-rest guarantee.
import type { PolicyResource } from "@pulumi/policy";
import { INSTANCE_LAUNCHERS } from "../../lib/compute/launch-templates";
import { PolicyMeta, StackIndex, stackPolicy } from "../../lib/define";
import { classifyKey } from "../../lib/kms/keys";
import { EbsDefaults, ebsDefaults, label } from "../../lib/network";
import {
  EBS_DEFAULT_KMS_KEY,
  EBS_ENCRYPTION_BY_DEFAULT,
  EBS_VOLUME,
  EC2_INSTANCE,
  EC2_SPOT_FLEET_REQUEST,
  EC2_SPOT_INSTANCE_REQUEST,
  EC2_LAUNCH_CONFIGURATION,
  EC2_LAUNCH_TEMPLATE,
} from "../../lib/types";
import {
  NATIVE_EC2_INSTANCE,
  NATIVE_EC2_LAUNCH_TEMPLATE,
  NATIVE_EC2_VOLUME,
} from "../../lib/native/types";
import { asList, must, unknownError, flagOn, flagValue } from "../../lib/values";
import { awsGuard, cdkNag, checkov, fsbp, kics, trivy } from "../../lib/controls";

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

const AWS_MANAGED = "the AWS managed key aws/ebs";

/** The launchers, and the aws-native instances and templates judged as them (../../lib/native). */
const LAUNCHERS = [...INSTANCE_LAUNCHERS, NATIVE_EC2_INSTANCE, NATIVE_EC2_LAUNCH_TEMPLATE];

/**
 * A finding for one volume (its settings `v`, given in the top-level property `prop` of `r`), or
 * undefined when it is encrypted with a customer-managed key. `keys` is false where the volume
 * cannot name a key (launch configurations).
 */
function volumeFinding(
  index: StackIndex,
  r: PolicyResource,
  prop: string,
  what: string,
  v: any,
  d: EbsDefaults,
  keys = true,
): string | undefined {
  const encrypted = must(() => v?.encrypted, `encrypted of ${what}`);
  const enc = flagOn(encrypted);
  if (enc && keys) {
    const ref = classifyKey(index, r, prop, () => v?.kmsKeyId);
    if (ref.kind === "customer") return undefined;
    // An explicit AWS-managed key wins over the account's default key.
    if (ref.kind !== "none")
      return `${what} is encrypted with ${ref.value}, not a customer-managed key`;
  }
  // EC2 API (EnableEbsEncryptionByDefault): with encryption by default, every new volume is
  // encrypted, with the default KMS key or the key given for the volume.
  if (d.cmk) return undefined;
  if (d.keyUnknown)
    throw unknownError(`the EBS default KMS key (for ${what}) is unknown until apply`);
  if (enc || d.encrypted) {
    return keys
      ? `${what} is encrypted with ${AWS_MANAGED}: set kmsKeyId to a customer-managed key`
      : `${what} is encrypted with ${AWS_MANAGED}: launch configurations cannot name a key (use a launch template or a customer-managed EBS default key)`;
  }
  return `${what} is not encrypted`;
}

function defaultsFor(ctx: { index: StackIndex; config: EbsConfig }): EbsDefaults {
  return ctx.config.accountDefaultEncryptionWithCmk
    ? { encrypted: true, cmk: true, keyUnknown: false }
    : ebsDefaults(ctx.index);
}

export const instanceEbsEncrypted = stackPolicy<EbsConfig>({
  name: "ec2-instance-ebs-encrypted",
  description:
    "EC2 instances', Spot instance requests', Spot fleet launch specifications', launch templates' and launch configurations' root and EBS volumes are encrypted with a customer-managed KMS key (fleets that launch from a launch template are judged through the template).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `rootBlockDevice: { encrypted: true, kmsKeyId }` and the same on every `ebsBlockDevices` entry (Spot fleet launch specifications: `rootBlockDevices` and `ebsBlockDevices`; launch templates: `blockDeviceMappings[].ebs`), or enable EBS encryption by default with a customer-managed default key (the only way for launch configurations, which take no key).",
  references: [
    awsGuard("encrypted-volumes"),
    cdkNag("AwsSolutions-EC26"),
    checkov("CKV_AWS_8"),
    kics("Launch Configuration Is Not Encrypted"),
    kics("Block Device Is Not Encrypted"),
    trivy("AWS-0131"),
    trivy("AWS-0008"),
    fsbp("EC2.3"),
  ],
  config: ebsConfig,
  types: [...LAUNCHERS, EBS_ENCRYPTION_BY_DEFAULT, EBS_DEFAULT_KMS_KEY],
  // The account's EBS defaults are read on behalf of the launchers only.
  appliesTo: LAUNCHERS,
  check: (ctx) => {
    const d = defaultsFor(ctx);
    const blockDevices = (r: PolicyResource, keys: boolean) => {
      const root = r.props.rootBlockDevice;
      return [
        volumeFinding(ctx.index, r, "rootBlockDevice", "the root volume", root, d, keys),
        ...asList(r.props.ebsBlockDevices).map((b: any) =>
          volumeFinding(ctx.index, r, "ebsBlockDevices", `EBS volume ${b?.deviceName}`, b, d, keys),
        ),
      ].filter((f): f is string => !!f);
    };
    // A Spot instance request names its instance's volumes the way an instance does.
    for (const i of ctx.index.ofType(EC2_INSTANCE, EC2_SPOT_INSTANCE_REQUEST)) {
      ctx.each(i, () => {
        const findings = blockDevices(i, true);
        if (findings.length) ctx.report(i, `${label(i)}: ${findings.join("; ")}.`);
      });
    }
    // A Spot fleet's launch specifications name each instance's volumes (a list of root devices,
    // of at most one); its launch template configs are judged through the templates above and
    // below. The provider sends `encrypted` only when true (terraform-provider-aws,
    // buildSpotFleetLaunchSpecification), so false is the same as unset: EBS defaults decide.
    for (const f of ctx.index.ofType(EC2_SPOT_FLEET_REQUEST)) {
      ctx.each(f, () => {
        const findings = asList(f.props.launchSpecifications).flatMap((spec: any, k: number) => {
          const at = `launch specification #${k + 1}`;
          const volume = (what: string, v: any) =>
            volumeFinding(ctx.index, f, "launchSpecifications", `${at} ${what}`, v, d);
          return [
            ...asList(spec?.rootBlockDevices).map((v: any) => volume("root volume", v)),
            ...asList(spec?.ebsBlockDevices).map((v: any) =>
              volume(`EBS volume ${v?.deviceName}`, v),
            ),
          ].filter((x): x is string => !!x);
        });
        if (findings.length) ctx.report(f, `${label(f)}: ${findings.join("; ")}.`);
      });
    }
    for (const lc of ctx.index.ofType(EC2_LAUNCH_CONFIGURATION)) {
      ctx.each(lc, () => {
        const findings = blockDevices(lc, false);
        if (findings.length)
          ctx.report(lc, `launch configuration "${lc.name}": ${findings.join("; ")}.`);
      });
    }
    for (const lt of ctx.index.ofType(EC2_LAUNCH_TEMPLATE)) {
      ctx.each(lt, () => {
        const maps = asList(lt.props.blockDeviceMappings).filter((m: any) => m?.ebs);
        const findings = maps
          .map((m: any) =>
            volumeFinding(
              ctx.index,
              lt,
              "blockDeviceMappings",
              `volume ${m.deviceName ?? "(unnamed)"}`,
              m.ebs,
              d,
            ),
          )
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
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `encrypted: true` and `kmsKeyId` to a customer-managed key (recreates the volume), or enable EBS encryption by default with a customer-managed default key.",
  references: [
    checkov("CKV_AWS_3"),
    checkov("CKV_AWS_189"),
    kics("EBS Volume Encryption Disabled"),
    kics("EBS Volume Snapshot Not Encrypted"),
    trivy("AWS-0026"),
    trivy("AWS-0027"),
    fsbp("EC2.3"),
  ],
  config: ebsConfig,
  types: [EBS_VOLUME, EBS_ENCRYPTION_BY_DEFAULT, EBS_DEFAULT_KMS_KEY, NATIVE_EC2_VOLUME],
  appliesTo: [EBS_VOLUME, NATIVE_EC2_VOLUME],
  check: (ctx) => {
    const d = defaultsFor(ctx);
    for (const v of ctx.index.ofType(EBS_VOLUME)) {
      ctx.each(v, () => {
        const f = volumeFinding(ctx.index, v, "kmsKeyId", `EBS volume "${v.name}"`, v.props, d);
        if (f) ctx.report(v, `${f}.`);
      });
    }
  },
});

export const ebsEncryptionByDefault = stackPolicy({
  name: "ec2-ebs-encryption-by-default",
  description:
    "A stack that manages the account's EBS encryption by default keeps it on and makes its default key a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `enabled: true` on aws.ebs.EncryptionByDefault and give aws.ebs.DefaultKmsKey the ARN of a customer-managed key (not alias/aws/ebs).",
  references: [checkov("CKV_AWS_106"), kics("EBS Default Encryption Disabled"), fsbp("EC2.7")],
  types: [EBS_ENCRYPTION_BY_DEFAULT, EBS_DEFAULT_KMS_KEY],
  appliesTo: [EBS_ENCRYPTION_BY_DEFAULT, EBS_DEFAULT_KMS_KEY],
  check: (ctx) => {
    for (const r of ctx.index.ofType(EBS_ENCRYPTION_BY_DEFAULT)) {
      ctx.each(r, () => {
        if (flagValue(r.props.enabled) === false) {
          ctx.report(
            r,
            `EBS encryption by default "${r.name}" is turned off: new volumes may be unencrypted.`,
          );
        }
      });
    }
    for (const r of ctx.index.ofType(EBS_DEFAULT_KMS_KEY)) {
      ctx.each(r, () => {
        const ref = classifyKey(ctx.index, r, "keyArn", () => r.props.keyArn);
        if (ref.kind !== "customer") {
          ctx.report(
            r,
            `EBS default KMS key "${r.name}" is ${ref.kind === "none" ? "not set" : ref.value}, not a customer-managed key.`,
          );
        }
      });
    }
  },
});
