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
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Cidr, parseCidr } from "./cidr";
import { accountContext, keyAliasName, tagsOf } from "./context";
import { policyDocument, PolicyStatement } from "./iam";
import {
  al2023Ami,
  connectEndpointSshRules,
  ebsKeyGrants,
  encryptedRootVolume,
  findInstanceStatement,
  GRAVITON_INSTANCE_TYPE,
  IMDSV2_ONLY,
  instanceArn,
  instanceConnectEndpoint,
  OS_USER,
  openTunnelStatement,
  pushOneTimeKeyStatement,
  securityUpdatesUserData,
} from "./instance";
import { EncryptionKey } from "./kms-key";

export type AccessMode = "private" | "bastion";
export const ACCESS_MODES: readonly AccessMode[] = ["private", "bastion"];

// Shared with the other EC2 components; still exported from here for existing importers.
export { AL2023_ARM64_AMI_PARAMETER, GRAVITON_INSTANCE_TYPE, OS_USER } from "./instance";

/**
 * The regional S3 bucket that serves the Amazon Linux 2023 package repositories (AWS Application
 * Migration Service docs and AWS data-perimeter examples: `arn:aws:s3:::al2023-repos-<region>-
 * de612dc2/*` must be readable through a restrictive S3 gateway endpoint policy). The Network
 * passes it to the S3 endpoint policy (`s3EndpointExtraBucketArns`).
 */
export function al2023RepositoryBucketArn(region: string, partition = "aws"): string {
  return `arn:${partition}:s3:::al2023-repos-${region}-de612dc2`;
}

/** Narrowest-allowed prefix of a bastion allow-list entry: wider ranges are refused. */
export const BASTION_MIN_PREFIX = 16;

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

/** Tunnel host for BI users. */
export interface AccessArgs {
  /** "private" (default): EC2 Instance Connect Endpoint, no public IP. "bastion": public IP, SSH from `allowedCidrs` only. */
  readonly mode?: AccessMode;
  readonly vpcId: pulumi.Input<string>;
  /** Where the host (and, in private mode, the connect endpoint) live: a private compute subnet, or a public subnet in bastion mode. */
  readonly subnetId: pulumi.Input<string>;
  /** S3 prefix list of the gateway endpoint (the host reaches the package repositories on 443). */
  readonly s3PrefixListId: pulumi.Input<string>;
  /** Bastion mode only, required there: IPv4 CIDRs allowed to SSH in, each /16 or narrower. */
  readonly allowedCidrs?: readonly string[];
  /** A Graviton (arm64) instance type. Defaults to "t4g.nano". */
  readonly instanceType?: string;
  /** Region of the stack (the EBS key's kms:ViaService names it). */
  readonly region: string;
  /** Protect and retain the volume key (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

interface Settings {
  readonly mode: AccessMode;
  readonly allowedCidrs: readonly string[];
  readonly instanceType: string;
}

function settingsOf(name: string, args: AccessArgs): Settings {
  const problems: string[] = [];
  const mode = args.mode ?? "private";
  if (!ACCESS_MODES.includes(mode))
    problems.push(`mode: "${String(mode)}" is not private or bastion`);
  const allowedCidrs = args.allowedCidrs ?? [];
  if (mode === "bastion") {
    if (allowedCidrs.length === 0) {
      problems.push("allowedCidrs: bastion mode needs at least one CIDR allowed to SSH in");
    }
    allowedCidrs.forEach((text, i) => {
      const c: Cidr | string = parseCidr(text);
      if (typeof c === "string") problems.push(`allowedCidrs[${i}]: ${c}`);
      else if (c.prefix < BASTION_MIN_PREFIX) {
        problems.push(
          `allowedCidrs[${i}]: "${text}" is wider than /${BASTION_MIN_PREFIX}; SSH must never be open to the internet`,
        );
      }
    });
  } else if (allowedCidrs.length > 0) {
    problems.push("allowedCidrs: applies only to bastion mode (private mode has no inbound path)");
  }
  const instanceType = args.instanceType ?? "t4g.nano";
  if (!GRAVITON_INSTANCE_TYPE.test(instanceType)) {
    problems.push(
      `instanceType: "${instanceType}" is not a Graviton (arm64) type such as t4g.nano; the AMI is arm64`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`Access ${name}: invalid arguments:\n  - ${problems.join("\n  - ")}`);
  }
  return { mode, allowedCidrs, instanceType };
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
  public readonly mode: AccessMode;
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly instanceId: pulumi.Output<string>;
  public readonly privateIp: pulumi.Output<string>;
  /** Bastion mode only (undefined in private mode). */
  public readonly publicIp: pulumi.Output<string | undefined>;
  /** Private mode only: the EC2 Instance Connect Endpoint. */
  public readonly connectEndpointId: pulumi.Output<string | undefined>;
  /**
   * Private mode only: the endpoint's ARN and security group, for other layers that share it (EC2
   * quotas: one Instance Connect Endpoint per VPC).
   */
  public readonly connectEndpointArn: pulumi.Output<string | undefined>;
  public readonly connectEndpointSecurityGroupId: pulumi.Output<string | undefined>;
  /** Customer-managed policy with exactly what a BI user needs to open the tunnel; attach it to their group or role. */
  public readonly userPolicyArn: pulumi.Output<string>;
  public readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: AccessArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = settingsOf(name, args);
    super("platform:access:Access", name, {}, opts);
    const parent = { parent: this };
    const protect = args.protect ?? false;
    const tags = tagsOf(name, args.tags);
    const region = args.region;
    const account = accountContext(parent);

    // ---- Root volume key (grants: `ebsKeyGrants`) ------------------------------------------------
    const key = new EncryptionKey(
      `${name}-key`,
      {
        description: `Encrypts the root volume of the ${name} BI tunnel host`,
        grants: ebsKeyGrants(account, region),
        aliasName: keyAliasName(name),
        protect,
        tags: tags("key"),
      },
      parent,
    );

    // ---- Security groups -----------------------------------------------------------------------
    const hostSg = new aws.ec2.SecurityGroup(
      `${name}-host-sg`,
      {
        vpcId: args.vpcId,
        description:
          s.mode === "bastion"
            ? "BI tunnel host: SSH from the allow-listed CIDRs only; HTTPS to S3 for OS updates"
            : "BI tunnel host: SSH from the EC2 Instance Connect Endpoint only; HTTPS to S3 for OS updates",
        tags: tags("host-sg"),
      },
      parent,
    );
    // Package repositories are S3 buckets: HTTPS to the S3 prefix list only. The path to Redshift
    // (5439) is opened by the Analytics layer, which owns both ends of it.
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-host-to-s3`,
      {
        securityGroupId: hostSg.id,
        prefixListId: args.s3PrefixListId,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "Amazon Linux repositories in S3",
        tags: tags("host-to-s3"),
      },
      parent,
    );

    let endpoint: aws.ec2transitgateway.InstanceConnectEndpoint | undefined;
    let endpointSg: aws.ec2.SecurityGroup | undefined;
    if (s.mode === "private") {
      // EC2 docs ("Security groups for EC2 Instance Connect Endpoint"): traffic into the endpoint
      // comes from the service and is authorized by IAM (ec2-instance-connect:OpenTunnel), whatever
      // the endpoint's inbound rules, so the endpoint group has none; its only egress is SSH to
      // the host's group, and the host accepts SSH from the endpoint's group only. EC2 docs
      // ("Connect to your instances using EC2 Instance Connect Endpoint"): only ports 22 and 3389;
      // up to 20 concurrent connections; a connection lasts at most an hour. The endpoint sits in
      // the host's subnet, so SSH between them never crosses a network ACL.
      ({ securityGroup: endpointSg, endpoint } = instanceConnectEndpoint(this, name, {
        vpcId: args.vpcId,
        subnetId: args.subnetId,
        target: "the BI tunnel host",
        tags,
      }));
      connectEndpointSshRules(this, name, {
        endpointSecurityGroupId: endpointSg.id,
        targetSecurityGroupId: hostSg.id,
        target: "the tunnel host",
        egressRole: "eice-to-host",
        ingressRole: "host-from-eice",
        tags,
      });
    } else {
      s.allowedCidrs.forEach(
        (cidr, i) =>
          new aws.vpc.SecurityGroupIngressRule(
            `${name}-host-ssh-${i}`,
            {
              securityGroupId: hostSg.id,
              cidrIpv4: cidr,
              ipProtocol: "tcp",
              fromPort: 22,
              toPort: 22,
              description: `SSH from allow-listed ${cidr}`,
              tags: tags(`host-ssh-${i}`),
            },
            parent,
          ),
      );
    }

    // ---- The host --------------------------------------------------------------------------------
    const ami = al2023Ami("arm64", parent);
    const waivers: Record<string, string> = {
      "waiver:ec2-instance-profile-attached":
        "The tunnel host calls no AWS API: no instance role means IMDS serves no credentials. EC2 Instance Connect needs none",
      "waiver:ec2-instance-detailed-monitoring":
        "A tunnel host needs no 1-minute metrics: detailed monitoring would cost more than the t4g.nano itself",
    };
    if (s.mode === "bastion") {
      waivers["waiver:ec2-instance-no-public-ip"] =
        "Opt-in bastion mode: BI users reach the tunnel host over SSH from the configured CIDR allow-list only";
    }
    const instance = new aws.ec2.Instance(
      `${name}-host`,
      {
        ami,
        instanceType: s.instanceType,
        subnetId: args.subnetId,
        vpcSecurityGroupIds: [hostSg.id],
        associatePublicIpAddress: s.mode === "bastion",
        // No iamInstanceProfile: nothing on the host calls AWS (see the waiver above).
        metadataOptions: IMDSV2_ONLY,
        rootBlockDevice: encryptedRootVolume(key.keyArn, 8),
        // T4g instances launch as "unlimited" by default (EC2 docs, "Burstable performance
        // instances"): sustained CPU would be billed extra. A tunnel host never needs it.
        creditSpecification: { cpuCredits: "standard" },
        monitoring: false,
        userData: USER_DATA,
        userDataReplaceOnChange: true,
        tags: tags("host", waivers),
        volumeTags: tags("host-root"),
      },
      // A newer AMI does not replace the host on every `pulumi up` (tunnels would drop and the
      // instance id in users' commands would change); nightly updates keep it patched, and
      // `pulumi up --replace` moves it to a new AMI deliberately.
      { parent: this, ignoreChanges: ["ami"] },
    );

    // ---- What a BI user needs, and nothing else -----------------------------------------------------
    const statements: PolicyStatement[] = [
      pushOneTimeKeyStatement("PushOneTimeKeyToTunnelHost", instanceArn(account, region, instance)),
      findInstanceStatement("FindTunnelHost", s.mode === "private"),
    ];
    if (endpoint) {
      statements.push(openTunnelStatement("OpenTunnelToTunnelHostOnly", endpoint.arn, instance));
    }
    const userPolicy = new aws.iam.Policy(
      `${name}-bi-users`,
      {
        description: `Lets BI users open the SSH tunnel to the ${name} tunnel host (attach to their group or role)`,
        policy: policyDocument(statements, parent),
        tags: tags("bi-users"),
      },
      parent,
    );

    this.mode = s.mode;
    this.securityGroupId = hostSg.id;
    this.instanceId = instance.id;
    this.privateIp = instance.privateIp;
    this.publicIp = s.mode === "bastion" ? instance.publicIp : pulumi.output(undefined);
    this.connectEndpointId = endpoint ? endpoint.id : pulumi.output(undefined);
    this.connectEndpointArn = endpoint ? endpoint.arn : pulumi.output(undefined);
    this.connectEndpointSecurityGroupId = endpointSg ? endpointSg.id : pulumi.output(undefined);
    this.userPolicyArn = userPolicy.arn;
    this.keyArn = key.keyArn;
    this.registerOutputs({
      securityGroupId: this.securityGroupId,
      instanceId: this.instanceId,
      privateIp: this.privateIp,
      publicIp: this.publicIp,
      connectEndpointId: this.connectEndpointId,
      connectEndpointArn: this.connectEndpointArn,
      connectEndpointSecurityGroupId: this.connectEndpointSecurityGroupId,
      userPolicyArn: this.userPolicyArn,
      keyArn: this.keyArn,
    });
  }
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
