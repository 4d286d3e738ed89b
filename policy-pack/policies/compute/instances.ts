// EC2 instances, launch templates and launch configurations, how they are reached: IMDSv2 with a
// hop limit of 1, and no public IPv4 address (attribute, subnet default, Spot request or fleet,
// launch template or configuration, Elastic IP).
import { groupLaunchTemplates, INSTANCE_LAUNCHERS } from "../../lib/compute/launch-templates";
import { resourcePolicy, stackPolicy } from "../../lib/define";
import { label, NetworkGraph } from "../../lib/network";
import type { PolicyResource } from "@pulumi/policy";
import {
  asList,
  flagOn,
  flagValue,
  get,
  holdsValue,
  must,
  programSetting,
  unknownError,
} from "../../lib/values";
import {
  EC2_EIP,
  EC2_EIP_ASSOCIATION,
  EC2_INSTANCE,
  EC2_SPOT_FLEET_REQUEST,
  EC2_SPOT_INSTANCE_REQUEST,
  EC2_LAUNCH_CONFIGURATION,
  EC2_LAUNCH_TEMPLATE,
  EC2_SUBNET,
} from "../../lib/types";
import { awsDocs, awsGuard, checkov, fsbp, kics, trivy } from "../../lib/controls";
import {
  NATIVE_EC2_INSTANCE,
  NATIVE_EC2_LAUNCH_TEMPLATE,
  NATIVE_EC2_SUBNET,
} from "../../lib/native/types";

/**
 * A metadata option as the program set it: `metadataOptions` and its fields are computed by the
 * provider when left unset, so at preview an unknown with no property dependency is "not set".
 */
function metadataOption(r: PolicyResource, field: string): unknown {
  const mo = programSetting(r, "metadataOptions");
  if (mo === undefined || mo === null) return undefined;
  const v = get(mo, field);
  if (v.known) return v.value;
  if (!r.propertyDependencies?.metadataOptions?.length) return undefined;
  throw unknownError(`metadataOptions.${field} is unknown until apply`);
}

/** Why `r`'s own metadata options allow IMDSv1, or undefined when they require tokens. */
function imdsProblem(r: PolicyResource): string | undefined {
  if (metadataOption(r, "httpEndpoint") === "disabled") return undefined;
  const tokens = metadataOption(r, "httpTokens");
  if (tokens === "required") return undefined;
  return `metadataOptions.httpTokens is ${tokens ? `"${String(tokens)}"` : "not set"}`;
}

const IMDS_RISK = "IMDSv1 lets any SSRF in the workload read the instance role's credentials.";

export const instanceImdsV2 = stackPolicy({
  name: "ec2-instance-imdsv2",
  description:
    'EC2 instances, launch templates and Auto Scaling launch configurations require IMDSv2 (metadataOptions.httpTokens = "required") or disable the metadata endpoint. ' +
    "An instance that sets no metadataOptions and launches from a launch template of the stack is judged by that template's options, which AWS applies when the launch request gives none.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" }` explicitly (on the instance, or on the launch template it launches from); the default depends on the AMI and account settings.',
  references: [
    checkov("CKV_AWS_79"),
    trivy("AWS-0028"),
    // Trivy AWS-0130 is the same check for launch configurations and launch templates.
    trivy("AWS-0130"),
    fsbp("EC2.8"),
    // "After selecting the launch template, but before launching the instance, you can modify
    // the launch parameters": parameters the launch request leaves out come from the template.
    // The provider sends no MetadataOptions when `metadataOptions` is unset.
    awsDocs("AWSEC2/latest/UserGuide/launch-instances-from-launch-template"),
  ],
  // aws-native Instances (metadataOptions, launchTemplate { launchTemplateId, ... }) and
  // LaunchTemplates (launchTemplateData.metadataOptions) read as the classic ones
  // (../../lib/native/twins-network.ts, twins-launches.ts; CloudFormation AWS::EC2::Instance
  // MetadataOptions).
  types: [
    EC2_INSTANCE,
    EC2_LAUNCH_TEMPLATE,
    EC2_LAUNCH_CONFIGURATION,
    NATIVE_EC2_INSTANCE,
    NATIVE_EC2_LAUNCH_TEMPLATE,
  ],
  appliesTo: [
    EC2_INSTANCE,
    EC2_LAUNCH_TEMPLATE,
    EC2_LAUNCH_CONFIGURATION,
    NATIVE_EC2_INSTANCE,
    NATIVE_EC2_LAUNCH_TEMPLATE,
  ],
  check: (ctx) => {
    for (const r of ctx.index.ofType(EC2_LAUNCH_TEMPLATE, EC2_LAUNCH_CONFIGURATION)) {
      ctx.each(r, () => {
        const problem = imdsProblem(r);
        if (problem) ctx.report(r, `${problem}: ${IMDS_RISK}`);
      });
    }
    for (const r of ctx.index.ofType(EC2_INSTANCE)) {
      ctx.each(r, () => {
        const problem = imdsProblem(r);
        if (!problem) return;
        const own = programSetting(r, "metadataOptions");
        const { templates, outside } =
          own === undefined || own === null
            ? groupLaunchTemplates(ctx.index, r)
            : { templates: [], outside: [] };
        if (templates.length === 0 && outside.length === 0) {
          ctx.report(r, `${problem}: ${IMDS_RISK}`);
          return;
        }
        const weak = templates.filter((t) => imdsProblem(t) !== undefined);
        if (weak.length > 0) {
          ctx.report(
            r,
            `metadataOptions is not set and launch template ${weak.map((t) => `"${t.name}"`).join(", ")} ` +
              `does not require tokens: ${IMDS_RISK}`,
          );
        } else if (outside.length > 0) {
          ctx.report(
            r,
            `metadataOptions is not set and launch template ${outside.join(", ")} is not in this ` +
              `stack, so its options cannot be read: ${IMDS_RISK}`,
          );
        }
      });
    }
  },
});

interface HopLimitConfig {
  readonly maxHopLimit: number;
}

export const instanceImdsHopLimit = resourcePolicy<HopLimitConfig>({
  name: "ec2-instance-imds-hop-limit",
  description:
    "The instance metadata response hop limit stays at 1, so containers on the host cannot reach the host's credentials.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `metadataOptions.httpPutResponseHopLimit: 1`.",
  references: [checkov("CKV_AWS_341")],
  config: {
    maxHopLimit: {
      type: "integer",
      minimum: 1,
      maximum: 64,
      description: "The highest metadata response hop limit allowed.",
      default: 1,
    },
  },
  types: [EC2_INSTANCE, EC2_LAUNCH_TEMPLATE, NATIVE_EC2_INSTANCE, NATIVE_EC2_LAUNCH_TEMPLATE],
  check: (props, ctx) => {
    const limit = props.metadataOptions?.httpPutResponseHopLimit;
    if (typeof limit === "number" && limit > ctx.config.maxHopLimit) {
      ctx.report(
        `metadataOptions.httpPutResponseHopLimit is ${limit} (at most ${ctx.config.maxHopLimit}).`,
      );
    }
  },
});

export const instanceNoPublicIp = stackPolicy({
  name: "ec2-instance-no-public-ip",
  description:
    "EC2 instances get no public IPv4 address: not by associatePublicIpAddress (of the instance, a Spot instance request or a Spot fleet's launch specification), not from their subnet's mapPublicIpOnLaunch, not from a launch template or Auto Scaling launch configuration, not through an Elastic IP.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `associatePublicIpAddress: false`, place the instance in a private subnet and reach it through SSM Session Manager or EC2 Instance Connect Endpoint. A documented bastion carries a `waiver:ec2-instance-no-public-ip` tag with the reason.",
  references: [
    awsGuard("ec2-instance-no-public-ip"),
    checkov("CKV_AWS_88"),
    trivy("AWS-0009"),
    fsbp("EC2.9"),
    fsbp("EC2.25"),
    fsbp("AutoScaling.5"),
    kics("EC2 Instance Has Public IP"),
  ],
  // An aws-native Instance reads its networkInterfaces[].associatePublicIpAddress and subnetId as
  // the classic flag and subnet (../../lib/native/twins-network.ts); an aws-native LaunchTemplate
  // its launchTemplateData.networkInterfaces; an aws-native Subnet its mapPublicIpOnLaunch.
  types: [
    ...INSTANCE_LAUNCHERS,
    EC2_EIP,
    EC2_EIP_ASSOCIATION,
    EC2_SUBNET,
    NATIVE_EC2_INSTANCE,
    NATIVE_EC2_LAUNCH_TEMPLATE,
    NATIVE_EC2_SUBNET,
  ],
  check: (ctx) => {
    const g = NetworkGraph.of(ctx.index);
    /**
     * Reports `say(subnet)` for each subnet at `path` of `r` that maps a public IP on launch. EC2
     * docs: without an explicit setting, an instance's primary interface takes its subnet's
     * auto-assign public IPv4 attribute. A subnet reference unknown until apply throws afterwards
     * (preview note).
     */
    const publicSubnets = (r: PolicyResource, path: string[], say: (s: string) => string) => {
      const { subnets, unresolved } = g.subnetsAt(r, path);
      for (const s of subnets) {
        const sr = s.resource;
        const what = `mapPublicIpOnLaunch of ${s.label}`;
        if (sr && flagOn(must(() => sr.props.mapPublicIpOnLaunch, what)))
          ctx.report(r, say(s.label));
      }
      if (unresolved) throw unknownError(`the subnet of ${label(r)} is unknown until apply`);
    };
    // A Spot instance request takes an instance's network settings (its own associatePublicIpAddress
    // and subnetId) for the instance it launches.
    for (const i of ctx.index.ofType(EC2_INSTANCE, EC2_SPOT_INSTANCE_REQUEST)) {
      ctx.each(i, () => {
        const assoc = flagValue(i.props.associatePublicIpAddress);
        if (assoc === true) {
          ctx.report(i, `${label(i)} sets associatePublicIpAddress: true.`);
          return;
        }
        if (assoc === false) return;
        // VPC User Guide, "Default VPCs" (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html):
        // an instance launched without a subnet goes into a default subnet of the default VPC, and
        // "if you launch an instance into a default subnet, it receives both a public IPv4 address
        // and a private IPv4 address". Network interfaces or a launch template bring their own.
        const placed = ["subnetId", "networkInterfaces", "launchTemplate"].some((k) =>
          holdsValue(() => programSetting(i, k)),
        );
        if (!placed) {
          ctx.report(
            i,
            `${label(i)} names no subnet and does not set associatePublicIpAddress: false, so it launches into the default VPC's default subnet, which assigns a public IPv4 address.`,
          );
          return;
        }
        publicSubnets(
          i,
          ["subnetId"],
          (s) =>
            `${label(i)} does not set associatePublicIpAddress and ${s} maps a public IP on launch.`,
        );
      });
    }
    // A Spot fleet's launch specification asks for a public IP only with true: the provider sends
    // the flag (on a network interface) only then, and otherwise only the subnet, whose default
    // decides (terraform-provider-aws, buildSpotFleetLaunchSpecification). So every instance the
    // fleet places in a subnet that maps public IPs gets one, whatever the flag says. Templates of
    // its launch template configs are judged below.
    for (const f of ctx.index.ofType(EC2_SPOT_FLEET_REQUEST)) {
      ctx.each(f, () => {
        asList(f.props.launchSpecifications).forEach((spec: any, k: number) => {
          const flag = must(
            () => spec?.associatePublicIpAddress,
            `associatePublicIpAddress of ${label(f)}`,
          );
          if (flagOn(flag))
            ctx.report(
              f,
              `${label(f)} launch specification #${k + 1} sets associatePublicIpAddress: true.`,
            );
        });
        publicSubnets(
          f,
          ["launchSpecifications", "*", "subnetId"],
          (s) => `${label(f)} launches instances in ${s}, which maps a public IP on launch.`,
        );
      });
    }
    for (const lt of ctx.index.ofType(EC2_LAUNCH_TEMPLATE)) {
      ctx.each(lt, () => {
        const nis = (lt.props.networkInterfaces ?? []) as any[];
        const pub = nis
          .map((n, k) => (flagOn(n.associatePublicIpAddress) ? k + 1 : 0))
          .filter((k) => k > 0);
        if (pub.length)
          ctx.report(
            lt,
            `${label(lt)} assigns a public IP to network interface(s) #${pub.join(", #")}.`,
          );
      });
    }
    for (const lc of ctx.index.ofType(EC2_LAUNCH_CONFIGURATION)) {
      ctx.each(lc, () => {
        if (flagOn(lc.props.associatePublicIpAddress))
          ctx.report(lc, `${label(lc)} sets associatePublicIpAddress: true for every instance.`);
      });
    }
    // A value unknown at preview is still a value: the Elastic IP will be attached.
    const attached = holdsValue;
    for (const e of ctx.index.ofType(EC2_EIP)) {
      if (attached(() => e.props.instance) || attached(() => e.props.networkInterface)) {
        ctx.report(
          e,
          `Elastic IP "${e.name}" is attached to an instance or network interface, giving it a public IPv4 address.`,
        );
      }
    }
    for (const a of ctx.index.ofType(EC2_EIP_ASSOCIATION)) {
      if (attached(() => a.props.instanceId) || attached(() => a.props.networkInterfaceId)) {
        ctx.report(
          a,
          `Elastic IP association "${a.name}" gives an instance or network interface a public IPv4 address.`,
        );
      }
    }
  },
});
