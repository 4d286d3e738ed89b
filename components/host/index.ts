// One hardened EC2 host and what it takes to reach it: the instance profile (when the host may call
// AWS), its security group with HTTPS egress (to the S3 gateway endpoint or through NAT), SSH only
// through an EC2 Instance Connect Endpoint (created or shared) or, for a bastion, from an
// allow-list, the instance with the shared hardening (./hardening.ts), and the customer-managed
// policy an administrator attaches to connect. The BI tunnel host (Access), the test server and
// the AI environment's server are each one of these; the constructor calls the named builders of
// ./parts.ts.
import * as pulumi from "@pulumi/pulumi";
import { allowListProblems } from "../cidr";
import { componentScope, invalidArguments } from "../context";
import { SECURITY_GROUP_DESCRIPTION_PATTERN } from "../naming";
import { PolicyStatement } from "../iam";
import { placeHost, SubnetChoices } from "./placement";
import {
  adminPolicyOf,
  HostBuild,
  hostInstance,
  hostSecurityGroup,
  instanceProfile,
  sshAccess,
} from "./parts";

export * from "./arch";
export * from "./hardening";
export * from "./placement";

/** An EC2 Instance Connect Endpoint that already exists in the VPC (EC2 quotas: one per VPC, not adjustable). */
export interface ExistingConnectEndpoint {
  readonly arn: pulumi.Input<string>;
  /** Its security group: the host adds egress on TCP 22 to its own group. */
  readonly securityGroupId: pulumi.Input<string>;
}

/** How administrators (or BI users) reach the host over SSH. */
export type HostSshAccess =
  | {
      readonly kind: "connect-endpoint";
      /** Share this endpoint; without it the host creates one in its subnet (`${name}-eice`). */
      readonly existing?: ExistingConnectEndpoint;
      /** What the endpoint reaches, for the SSH rules' descriptions, e.g. "the test server". */
      readonly target: string;
      /** What a created endpoint's security group says it reaches. Defaults to `target`. */
      readonly endpointTarget?: string;
      /** Role of the endpoint's egress rule to the host. Defaults to "eice-to-server". */
      readonly egressRole?: string;
      /** Role of the host's ingress rule from the endpoint. Defaults to "from-eice". */
      readonly ingressRole?: string;
    }
  | {
      readonly kind: "allow-list";
      /** IPv4 CIDRs allowed to SSH in directly (rules `${name}-<instance role>-ssh-<i>`). */
      readonly cidrs: readonly string[];
    };

/** The one outbound path of the host: HTTPS to the S3 gateway endpoint or to a CIDR. */
export interface HostHttpsEgress {
  /** Prefix list of the S3 gateway endpoint (Amazon Linux repositories are S3 buckets). */
  readonly prefixListId?: pulumi.Input<string>;
  /** Or a range, e.g. 0.0.0.0/0 through a NAT gateway. */
  readonly cidrIpv4?: string;
  readonly description: string;
  /** Role of the rule. Defaults to "to-s3". */
  readonly role?: string;
}

/** The statements of the host's connect policy, by Sid, in the order they appear. */
export interface HostAdminPolicy {
  /** Role of the policy. Defaults to "admins". */
  readonly role?: string;
  readonly description: string;
  /** Sids of the three statements (pushing a one-time key, opening the tunnel, finding the host). */
  readonly sids: {
    readonly pushKey: string;
    readonly openTunnel: string;
    readonly findHost: string;
  };
  /** Statement order. Defaults to push key, open tunnel, find host. */
  readonly order?: readonly ("pushKey" | "openTunnel" | "findHost")[];
}

export interface HardenedHostArgs {
  readonly vpcId: pulumi.Input<string>;
  /**
   * Subnets the host (and a created connect endpoint) may go in: it takes the first whose zone
   * offers `instanceType` (./placement.ts). One candidate pins it, and fails clearly if that zone
   * lacks the type.
   */
  readonly subnets: SubnetChoices;
  /** Region of the stack (the host's ARN names it). */
  readonly region: string;
  /** Instance type; Graviton types get the arm64 image, others x86_64. */
  readonly instanceType: string;
  /** Root volume size in GiB. */
  readonly rootVolumeGiB: number;
  /** Customer-managed key of the root volume (its policy grants EC2 use: `ebsKeyGrants`). */
  readonly rootVolumeKeyArn: pulumi.Input<string>;
  /** Boot script (`securityUpdatesUserData`); a change replaces the host. */
  readonly userData: string;
  /** Description of the host's security group. */
  readonly securityGroupDescription: string;
  readonly httpsEgress: HostHttpsEgress;
  readonly ssh: HostSshAccess;
  /**
   * An instance role (`${name}-role`, `${name}-profile`) that grants nothing but `statements`
   * (`${name}-role-policy`). Defaults to none: no credentials in IMDS (then waive
   * ec2-instance-profile-attached in `instanceTags`).
   */
  readonly instanceProfile?: {
    readonly description: string;
    readonly statements?: readonly PolicyStatement[];
  };
  /** A public IP (a bastion only). Defaults to false. */
  readonly publicIp?: boolean;
  /** Standard CPU credits for a burstable type (T4g launch "unlimited", billed extra). Defaults to false. */
  readonly standardCredits?: boolean;
  /** Extra tags of the instance (e.g. waivers with their reasons). Defaults to none. */
  readonly instanceTags?: Readonly<Record<string, string>>;
  /** Resources the instance waits for (e.g. the NAT gateway it downloads through). Defaults to none. */
  readonly instanceDependsOn?: readonly pulumi.Resource[];
  readonly adminPolicy: HostAdminPolicy;
  /**
   * Roles (name suffixes and Name tags) of the security group and the instance. Default to "sg"
   * and "server"; a layer that had other names before keeps them.
   */
  readonly roles?: { readonly securityGroup?: string; readonly instance?: string };
  /**
   * The component these resources were children of before they moved into this host: each child
   * keeps its URN through an alias to it, so existing stacks update them in place.
   */
  readonly movedFrom?: pulumi.Resource;
  readonly tags: Record<string, string>;
}

/** Sid of each statement, by the statement's part. */
export type AdminStatementPart = keyof HostAdminPolicy["sids"];

function validateArgs(name: string, args: HardenedHostArgs): void {
  const problems: string[] = [];
  if (!SECURITY_GROUP_DESCRIPTION_PATTERN.test(args.securityGroupDescription)) {
    problems.push(
      `securityGroupDescription: "${args.securityGroupDescription}" is not up to 255 of a-z A-Z 0-9 spaces and ._-:/()#,@[]+=&;{}!$* (EC2 CreateSecurityGroup)`,
    );
  }
  const e = args.httpsEgress;
  if ((e.prefixListId === undefined) === (e.cidrIpv4 === undefined)) {
    problems.push("httpsEgress: give either prefixListId or cidrIpv4");
  }
  if (args.ssh.kind === "allow-list" && args.ssh.cidrs.length === 0) {
    problems.push("ssh.cidrs: an allow-list needs at least one CIDR");
  }
  if (args.ssh.kind === "allow-list") {
    // One SSH rule per CIDR on the host's security group.
    for (const p of allowListProblems(args.ssh.cidrs, 1)) problems.push(`ssh.cidrs: ${p}`);
  }
  if (args.ssh.kind === "allow-list" && !args.publicIp) {
    problems.push("ssh: an allow-list reaches the host only through a public IP (publicIp)");
  }
  for (const st of args.instanceProfile?.statements ?? []) {
    if (st.principals)
      problems.push("instanceProfile.statements: identity policies take no principals");
  }
  invalidArguments("HardenedHost", name, problems);
}

/**
 * A hardened EC2 host named like its layer: children are `${name}-<role>`, so a layer passing its
 * own name keeps its resources' names.
 */
export class HardenedHost extends pulumi.ComponentResource {
  /** The host's security group: other layers open their ports to it. */
  public readonly securityGroupId: pulumi.Output<string>;
  /** The instance id (the connect commands name it). */
  public readonly instanceId: pulumi.Output<string>;
  /** The subnet the host went in (the first candidate whose zone offers its type). */
  public readonly subnetId: pulumi.Output<string>;
  /** The AZ ID of that subnet. */
  public readonly zoneId: pulumi.Output<string>;
  /** The host's private address. */
  public readonly privateIp: pulumi.Output<string>;
  /** The public IP (`publicIp` hosts only; undefined otherwise). */
  public readonly publicIp: pulumi.Output<string | undefined>;
  /** ARN of the instance role (undefined without `instanceProfile`). */
  public readonly roleArn: pulumi.Output<string | undefined>;
  /** The EC2 Instance Connect Endpoint admins connect through, created or shared (undefined for an allow-list). */
  public readonly connectEndpointArn: pulumi.Output<string | undefined>;
  /** Customer-managed policy with exactly what it takes to connect; attach it to a group or role. */
  public readonly adminPolicyArn: pulumi.Output<string>;

  constructor(name: string, args: HardenedHostArgs, opts?: pulumi.ComponentResourceOptions) {
    validateArgs(name, args);
    super("platform:host:HardenedHost", name, {}, opts);
    const { parent, tags, account } = componentScope(this, name, args);
    // Children that moved here from a layer keep their URNs (the alias names their former parent).
    const child: pulumi.CustomResourceOptions & { parent: pulumi.Resource } = args.movedFrom
      ? { parent: this, aliases: [{ parent: args.movedFrom }] }
      : { parent: this };
    const placement = placeHost(`HardenedHost ${name}`, args.instanceType, args.subnets, parent);
    const hostRole = args.roles?.instance ?? "server";
    const on: HostBuild = { name, args, parent, child, tags, hostRole };

    const sg = hostSecurityGroup(on);
    const endpoint = sshAccess(name, args, { sg, hostRole, child, tags, placement });
    const profile = args.instanceProfile
      ? instanceProfile(name, args.instanceProfile, { child, tags })
      : undefined;
    const instance = hostInstance(on, { sg, placement, profile });
    const adminPolicy = adminPolicyOf(on, { account, instance, endpoint });

    this.securityGroupId = sg.id;
    this.instanceId = instance.id;
    this.subnetId = placement.subnetId;
    this.zoneId = placement.zoneId;
    this.privateIp = instance.privateIp;
    this.publicIp = args.publicIp ? instance.publicIp : pulumi.output(undefined);
    this.roleArn = profile ? profile.roleArn : pulumi.output(undefined);
    this.connectEndpointArn = endpoint ? pulumi.output(endpoint.arn) : pulumi.output(undefined);
    this.adminPolicyArn = adminPolicy.arn;
    this.registerOutputs({
      securityGroupId: this.securityGroupId,
      instanceId: this.instanceId,
      subnetId: this.subnetId,
      zoneId: this.zoneId,
      privateIp: this.privateIp,
      publicIp: this.publicIp,
      roleArn: this.roleArn,
      connectEndpointArn: this.connectEndpointArn,
      adminPolicyArn: this.adminPolicyArn,
    });
  }
}
