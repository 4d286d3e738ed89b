// Access for BI users: a small tunnel host through which psql, Tableau and other SQL clients reach
// the private Redshift Serverless workgroup over SSH port forwarding.
//
// Default mode "private": the host sits in a private compute subnet with no public IP and no
// inbound rule from the internet, and is reached through an EC2 Instance Connect Endpoint (free,
// identity-aware, every connection in CloudTrail). Opt-in mode "bastion": the host sits in a
// public subnet with a public IP and accepts SSH only from a CIDR allow-list. Either way: IMDSv2
// only, encrypted root volume with a customer-managed key, no instance role, OS updates from the
// Amazon Linux repositories without an internet route (S3 gateway endpoint). Design notes and
// costs: docs/decisions/analytics.md; the user's side: docs/bi-access.md.
import * as pulumi from "@pulumi/pulumi";
import {
  ACCESS_SECTION,
  AccessMode,
  AccessSettings,
  ACCESS_MODES,
  BASTION_MIN_PREFIX,
} from "./access.keys";
import { parseCidr } from "./cidr";
import { componentScope, invalidArguments } from "./context";
import {
  ExistingConnectEndpoint,
  GRAVITON_INSTANCE_TYPE,
  HardenedHost,
  rootVolumeKey,
  HardenedHostArgs,
  OS_USER,
  securityUpdatesUserData,
  SubnetChoices,
} from "./host";
import type { ConfigArgs } from "./keys";
import { withDefaults } from "./keys";

export { ACCESS_MODES, BASTION_MIN_PREFIX } from "./access.keys";
export type { AccessMode } from "./access.keys";

/**
 * The regional S3 bucket that serves the Amazon Linux 2023 package repositories (AWS Application
 * Migration Service docs and AWS data-perimeter examples: `arn:aws:s3:::al2023-repos-<region>-
 * de612dc2/*` must be readable through a restrictive S3 gateway endpoint policy). The Network
 * passes it to the S3 endpoint policy (`s3EndpointExtraBucketArns`).
 */
export function al2023RepositoryBucketArn(region: string, partition = "aws"): string {
  return `arn:${partition}:s3:::al2023-repos-${region}-de612dc2`;
}

/**
 * Waiver the Network's public route table carries in bastion mode: the tunnel host is then compute
 * in a subnet with a default route to the internet gateway, which the pack's mandatory
 * `ec2-compute-subnet-no-default-route` forbids unless a written reason accepts it. (Tag values:
 * letters, digits, spaces and _ . : / = + - @ only.)
 */
export const BASTION_ROUTE_TABLE_TAGS: Readonly<Record<string, string>> = {
  "waiver:ec2-compute-subnet-no-default-route":
    "Opt-in bastion mode: the BI tunnel host needs a public IP behind the internet gateway. SSH is limited to the configured CIDR allow-list",
};

/**
 * What the BI tunnel host needs of the Network: its S3 gateway endpoint lets it read the Amazon
 * Linux repositories it updates from, without an internet route, and in bastion mode the public
 * route table carries the waiver above.
 */
export function accessNetworkArgs(
  mode: AccessMode,
  region: string,
): {
  readonly s3EndpointExtraBucketArns: string[];
  readonly publicRouteTableTags?: Readonly<Record<string, string>>;
} {
  return {
    s3EndpointExtraBucketArns: [al2023RepositoryBucketArn(region)],
    publicRouteTableTags: mode === "bastion" ? BASTION_ROUTE_TABLE_TAGS : undefined,
  };
}

/**
 * Tunnel host for BI users. The mode, the bastion allow-list and the instance type are the config
 * keys of the BI access section (components/access.keys.ts), with its defaults.
 */
export interface AccessArgs extends ConfigArgs<typeof ACCESS_SECTION.keys> {
  readonly vpcId: pulumi.Input<string>;
  /**
   * Where the host (and, in private mode, the connect endpoint) may live: the private compute
   * subnets, or the public subnets in bastion mode, with their AZ IDs. It takes the first whose
   * zone offers the instance type.
   */
  readonly subnets: Omit<SubnetChoices, "fix">;
  /**
   * Private mode: the VPC's EC2 Instance Connect Endpoint to share (`ConnectEndpoint`); give its
   * subnet as the only candidate. Defaults to none: the layer creates its own in the host's subnet.
   */
  readonly connectEndpoint?: ExistingConnectEndpoint;
  /** S3 prefix list of the gateway endpoint (the host reaches the package repositories on 443). */
  readonly s3PrefixListId: pulumi.Input<string>;
  /**
   * Bastion mode: the VPC's internet gateway (the Network's `internetAccess`), which the host and
   * its public address wait for (AWS CloudFormation User Guide, "DependsOn attribute": an EC2
   * instance with a public address waits for the gateway attachment). Defaults to none.
   */
  readonly internetAccess?: readonly pulumi.Resource[];
  /** Region of the stack (the EBS key's kms:ViaService names it). */
  readonly region: string;
  /** Protect and retain the volume key (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

/** Validates the arguments the type system cannot, with the declared defaults; throws one error listing every problem. */
function validateArgs(name: string, args: AccessArgs): AccessSettings {
  const s = withDefaults(ACCESS_SECTION.keys, args);
  const problems: string[] = [];
  if (!ACCESS_MODES.includes(s.mode)) {
    problems.push(`mode: "${String(s.mode)}" is not private or bastion`);
  }
  if (s.mode === "bastion") {
    if (s.allowedCidrs.length === 0) {
      problems.push("allowedCidrs: bastion mode needs at least one CIDR allowed to SSH in");
    }
    s.allowedCidrs.forEach((text, i) => {
      const c = parseCidr(text);
      if (typeof c === "string") problems.push(`allowedCidrs[${i}]: ${c}`);
      else if (c.prefix < BASTION_MIN_PREFIX) {
        problems.push(
          `allowedCidrs[${i}]: "${text}" is wider than /${BASTION_MIN_PREFIX}; SSH must never be open to the internet`,
        );
      }
    });
  } else if (s.allowedCidrs.length > 0) {
    problems.push("allowedCidrs: applies only to bastion mode (private mode has no inbound path)");
  }
  if (!GRAVITON_INSTANCE_TYPE.test(s.instanceType)) {
    problems.push(
      `instanceType: "${s.instanceType}" is not a Graviton (arm64) type such as t4g.nano; the AMI is arm64`,
    );
  }
  invalidArguments("Access", name, problems);
  return { mode: s.mode, allowedCidrs: s.allowedCidrs, instanceType: s.instanceType };
}

/**
 * Boot script (`securityUpdatesUserData`: nightly security updates, key-only SSH, never as root),
 * with sshd limited to what a tunnel needs. OpenSSH sshd_config(5): PermitOpen host:port limits
 * -L forwarding ("*" as host allows any host); the host's security group then allows only
 * Redshift's group on that port.
 */
export const USER_DATA = securityUpdatesUserData("10-tunnel-only.conf", [
  "AllowTcpForwarding local",
  "PermitOpen *:5439",
  "AllowAgentForwarding no",
  "AllowStreamLocalForwarding no",
  "X11Forwarding no",
  "PermitTunnel no",
  "GatewayPorts no",
  "ClientAliveInterval 300",
]);

export class Access extends pulumi.ComponentResource {
  /** "private" (EC2 Instance Connect Endpoint, no public IP) or "bastion" (public IP, allow-list). */
  public readonly mode: AccessMode;
  /** The host's security group: the analytics layer admits it on 5439. */
  public readonly securityGroupId: pulumi.Output<string>;
  /** The tunnel host's instance id (in the users' tunnel command). */
  public readonly instanceId: pulumi.Output<string>;
  /** The subnet the tunnel host (and its connect endpoint) went in. */
  public readonly subnetId: pulumi.Output<string>;
  /** The AZ ID of that subnet. */
  public readonly zoneId: pulumi.Output<string>;
  /** The tunnel host's private address. */
  public readonly privateIp: pulumi.Output<string>;
  /** Bastion mode only (undefined in private mode). */
  public readonly publicIp: pulumi.Output<string | undefined>;
  /** Private mode only: the ARN of the VPC's shared EC2 Instance Connect Endpoint the host is reached through. */
  public readonly connectEndpointArn: pulumi.Output<string | undefined>;
  /** Customer-managed policy with exactly what a BI user needs to open the tunnel; attach it to their group or role. */
  public readonly userPolicyArn: pulumi.Output<string>;
  /** Key of the host's root volume. */
  public readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: AccessArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateArgs(name, args);
    super("platform:access:Access", name, {}, opts);
    const { parent, protect, tags, account } = componentScope(this, name, args);

    const key = rootVolumeKey(
      { parent, protect, tags, account },
      name,
      "BI tunnel host",
      args.region,
    );

    const host = new HardenedHost(name, tunnelHostArgs(name, args, s, key.keyArn, this), parent);

    this.mode = s.mode;
    this.securityGroupId = host.securityGroupId;
    this.instanceId = host.instanceId;
    this.subnetId = host.subnetId;
    this.zoneId = host.zoneId;
    this.privateIp = host.privateIp;
    this.publicIp = host.publicIp;
    this.connectEndpointArn = host.connectEndpointArn;
    this.userPolicyArn = host.adminPolicyArn;
    this.keyArn = key.keyArn;
    this.registerOutputs({
      securityGroupId: this.securityGroupId,
      instanceId: this.instanceId,
      subnetId: this.subnetId,
      zoneId: this.zoneId,
      privateIp: this.privateIp,
      publicIp: this.publicIp,
      connectEndpointArn: this.connectEndpointArn,
      userPolicyArn: this.userPolicyArn,
      keyArn: this.keyArn,
    });
  }
}

/** The waiver tags of the tunnel host's instance: what it does without, and why. */
function tunnelHostWaivers(bastion: boolean): Record<string, string> {
  const waivers: Record<string, string> = {
    "waiver:ec2-instance-profile-attached":
      "The tunnel host calls no AWS API: no instance role means IMDS serves no credentials. EC2 Instance Connect needs none",
    "waiver:ec2-instance-detailed-monitoring":
      "A tunnel host needs no 1-minute metrics: detailed monitoring would cost more than the t4g.nano itself",
  };
  if (bastion) {
    waivers["waiver:ec2-instance-no-public-ip"] =
      "Opt-in bastion mode: BI users reach the tunnel host over SSH from the configured CIDR allow-list only";
  }
  return waivers;
}

/**
 * The tunnel host and its access. Package repositories are S3 buckets: HTTPS to the S3 prefix list
 * only; the path to Redshift (5439) is opened by the Analytics layer, which owns both ends of
 * it. Private mode: EC2 docs ("Connect to your instances using EC2 Instance Connect
 * Endpoint"): only ports 22 and 3389; up to 20 concurrent connections; a connection lasts at
 * most an hour. The endpoint sits in the host's subnet, so SSH between them never crosses a
 * network ACL.
 */
function tunnelHostArgs(
  name: string,
  args: AccessArgs,
  s: AccessSettings,
  rootVolumeKeyArn: pulumi.Output<string>,
  movedFrom: pulumi.Resource,
): HardenedHostArgs {
  const bastion = s.mode === "bastion";
  return {
    vpcId: args.vpcId,
    subnets: {
      ...args.subnets,
      fix: `Set platform:${ACCESS_SECTION.keys.instanceType.key} to a Graviton type one of these zones offers, or deploy to another region`,
    },
    region: args.region,
    instanceType: s.instanceType,
    rootVolumeGiB: 8,
    rootVolumeKeyArn,
    userData: USER_DATA,
    securityGroupDescription: bastion
      ? "BI tunnel host: SSH from the allow-listed CIDRs only; HTTPS to S3 for OS updates"
      : "BI tunnel host: SSH from the EC2 Instance Connect Endpoint only; HTTPS to S3 for OS updates",
    httpsEgress: {
      prefixListId: args.s3PrefixListId,
      description: "Amazon Linux repositories in S3",
      role: "host-to-s3",
    },
    ssh: bastion
      ? { kind: "allow-list", cidrs: s.allowedCidrs }
      : {
          kind: "connect-endpoint",
          existing: args.connectEndpoint,
          target: "the tunnel host",
          endpointTarget: "the BI tunnel host",
          egressRole: "eice-to-host",
          ingressRole: "host-from-eice",
        },
    // No instance profile: nothing on the host calls AWS (see `tunnelHostWaivers`).
    publicIp: bastion,
    instanceDependsOn: bastion ? args.internetAccess : undefined,
    // T4g instances launch as "unlimited" by default (EC2 docs, "Burstable performance
    // instances"): sustained CPU would be billed extra. A tunnel host never needs it.
    standardCredits: true,
    instanceTags: tunnelHostWaivers(bastion),
    // What a BI user needs, and nothing else.
    adminPolicy: {
      role: "bi-users",
      description: `Lets BI users open the SSH tunnel to the ${name} tunnel host (attach to their group or role)`,
      sids: {
        pushKey: "PushOneTimeKeyToTunnelHost",
        openTunnel: "OpenTunnelToTunnelHostOnly",
        findHost: "FindTunnelHost",
      },
      order: ["pushKey", "findHost", "openTunnel"],
    },
    roles: { securityGroup: "host-sg", instance: "host" },
    movedFrom,
    tags: args.tags,
  };
}

/** What a BI user needs to open the tunnel. */
export interface TunnelTarget {
  readonly mode: AccessMode;
  readonly region: string;
  readonly instanceId: string;
  /** The workgroup's endpoint address (private DNS, resolved on the tunnel host). */
  readonly redshiftHost: string;
  /** Port on the user's machine. Defaults to 5439. */
  readonly localPort?: number;
}

/**
 * The command that opens the tunnel and keeps it open (AWS CLI v2 `ec2-instance-connect ssh`: it
 * pushes a one-time SSH key, connects through the Instance Connect Endpoint (`eice`) or to the
 * public address (`direct`), and forwards `--local-forwarding` as OpenSSH's -L).
 */
export function tunnelCommand(t: TunnelTarget): string {
  const local = t.localPort ?? 5439;
  return [
    "aws ec2-instance-connect ssh",
    `--region ${t.region}`,
    `--instance-id ${t.instanceId}`,
    `--os-user ${OS_USER}`,
    `--connection-type ${t.mode === "private" ? "eice" : "direct"}`,
    `--local-forwarding ${local}:${t.redshiftHost}:5439`,
  ].join(" ");
}

/** The psql command that goes through an open tunnel (TLS required by the workgroup). */
export function psqlCommand(opts: { dbName: string; user: string; localPort?: number }): string {
  return `psql "host=localhost port=${opts.localPort ?? 5439} dbname=${opts.dbName} user=${opts.user} sslmode=require"`;
}

/**
 * The commands a BI user runs (the stack outputs `biTunnelCommand` and `biPsqlCommand`): open the
 * tunnel through the access host to the Redshift workgroup, so that it is on localhost:5439 for
 * psql, Tableau and other clients; then psql through it.
 */
export function biAccessCommands(
  access: Pick<Access, "mode" | "instanceId">,
  region: string,
  redshift: { readonly endpointAddress: pulumi.Output<string>; readonly dbName: string },
): { readonly tunnel: pulumi.Output<string>; readonly psql: string } {
  return {
    tunnel: pulumi
      .all([access.instanceId, redshift.endpointAddress])
      .apply(([instanceId, redshiftHost]) =>
        tunnelCommand({ mode: access.mode, region, instanceId, redshiftHost }),
      ),
    psql: psqlCommand({ dbName: redshift.dbName, user: "<your database user>" }),
  };
}
