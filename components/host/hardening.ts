// The hardening every EC2 host of the platform shares (the BI tunnel host, the test server, the AI
// environment's server; see ./index.ts, HardenedHost): Amazon Linux 2023 from the SSM public
// parameter, nightly security updates and key-only SSH from user data, IMDSv2 only, a root volume
// encrypted with a customer-managed key, an instance role that grants nothing by itself, SSH
// through an EC2 Instance Connect Endpoint, and the statements an administrator needs to connect.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext, ComponentScope } from "../context";
import { policyDocument, PolicyStatement } from "../iam";
import { componentKey, EncryptionKey, KeyGrant, serviceKeyGrants } from "../kms-key";
import { TagsOf } from "../naming";
import { AL2023_AMI_PARAMETERS, Arch, OS_USER } from "./arch";

/** The latest Amazon Linux 2023 AMI id for `arch`, read from its SSM public parameter. */
export function al2023Ami(arch: Arch, opts: pulumi.InvokeOptions): pulumi.Output<string> {
  return aws.ssm.getParameterOutput({ name: AL2023_AMI_PARAMETERS[arch] }, opts).insecureValue;
}

/**
 * Boot script: follow the latest Amazon Linux release and apply security updates nightly
 * (rebooting only when a new kernel or core library needs it), SSH by key only and never as
 * root, plus `sshdSettings` in the sshd drop-in `sshdConfigFile`. No secret goes into user data.
 *
 * AL2023 docs ("Deterministic upgrades through versioned repositories"): repositories are locked
 * to the AMI's release unless `latest` is written to /etc/dnf/vars/releasever. AL2023's
 * sshd_config includes /etc/ssh/sshd_config.d/*.conf first and the first value read wins.
 */
export function securityUpdatesUserData(
  sshdConfigFile: string,
  sshdSettings: readonly string[],
): string {
  const sshd = [
    "PermitRootLogin no",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    `AllowUsers ${OS_USER}`,
    ...sshdSettings,
  ];
  return `#!/bin/bash
set -euo pipefail
echo latest > /etc/dnf/vars/releasever
cat > /usr/local/sbin/security-updates <<'EOF'
#!/bin/bash
set -uo pipefail
dnf -y upgrade --security
dnf needs-restarting -r >/dev/null 2>&1
if [ $? -eq 1 ]; then systemctl reboot; fi
EOF
chmod 0755 /usr/local/sbin/security-updates
cat > /etc/systemd/system/security-updates.service <<'EOF'
[Unit]
Description=Apply Amazon Linux security updates
[Service]
Type=oneshot
ExecStart=/usr/local/sbin/security-updates
EOF
cat > /etc/systemd/system/security-updates.timer <<'EOF'
[Unit]
Description=Nightly Amazon Linux security updates
[Timer]
OnCalendar=*-*-* 03:30:00
RandomizedDelaySec=30m
Persistent=true
[Install]
WantedBy=timers.target
EOF
cat > /etc/ssh/sshd_config.d/${sshdConfigFile} <<'EOF'
${sshd.join("\n")}
EOF
systemctl daemon-reload
systemctl enable --now security-updates.timer
systemctl reload sshd
/usr/local/sbin/security-updates
`;
}

/**
 * Key grants for an encrypted root volume. EBS docs ("Amazon EBS encryption", required KMS key
 * permissions): EC2 uses the key on behalf of the principal launching the instance, through
 * grants it creates. So the account principal (IAM policies decide who deploys) may use the key
 * only through EC2 in this region and create grants only for AWS resources.
 */
export function ebsKeyGrants(account: AccountContext, region: string): KeyGrant[] {
  return serviceKeyGrants({
    sids: { use: "EbsUseThroughEc2", grants: "EbsGrantsThroughEc2" },
    accountRoot: account.accountRoot,
    accountId: account.accountId,
    services: [`ec2.${region}.amazonaws.com`],
    actions: [
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncryptFrom",
      "kms:ReEncryptTo",
      "kms:GenerateDataKeyWithoutPlaintext",
      "kms:DescribeKey",
    ],
  });
}

/**
 * The key of a host's root volume: the component's own key (`componentKey`), usable by EC2 only
 * (`ebsKeyGrants`); `what` names the host in its description.
 */
export function rootVolumeKey(
  scope: Pick<ComponentScope, "parent" | "protect" | "tags" | "account">,
  name: string,
  what: string,
  region: string,
): EncryptionKey {
  return componentKey(
    scope,
    name,
    `Encrypts the root volume of the ${name} ${what}`,
    ebsKeyGrants(scope.account, region),
  );
}

/** Instance metadata: IMDSv2 only (session tokens), one hop, no tags in IMDS. */
export const IMDSV2_ONLY = {
  httpEndpoint: "enabled",
  httpTokens: "required",
  httpPutResponseHopLimit: 1,
  instanceMetadataTags: "disabled",
};

/** A gp3 root volume encrypted with the component's key, deleted with the instance. */
export function encryptedRootVolume(
  keyArn: pulumi.Input<string>,
  sizeGiB: number,
): aws.types.input.ec2.InstanceRootBlockDevice {
  return {
    encrypted: true,
    kmsKeyId: keyArn,
    volumeType: "gp3",
    volumeSize: sizeGiB,
    deleteOnTermination: true,
  };
}

/**
 * An instance role `${name}-role` trusted by EC2 with no permission of its own, and its profile
 * `${name}-profile`, created with `opts` (the caller's child options). EC2 does not send
 * aws:SourceArn/SourceAccount when it assumes an instance role, so the trust names the service
 * only (the pack records ec2.amazonaws.com as not applicable).
 */
export function instanceRole(
  name: string,
  description: string,
  tags: TagsOf,
  opts: pulumi.CustomResourceOptions & { readonly parent: pulumi.Resource },
): { role: aws.iam.Role; profile: aws.iam.InstanceProfile } {
  const role = new aws.iam.Role(
    `${name}-role`,
    {
      description,
      assumeRolePolicy: policyDocument(
        [
          {
            sid: "TrustEc2",
            effect: "Allow",
            actions: ["sts:AssumeRole"],
            principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }],
          },
        ],
        { parent: opts.parent },
      ),
      tags: tags("role"),
    },
    opts,
  );
  const profile = new aws.iam.InstanceProfile(
    `${name}-profile`,
    { role: role.name, tags: tags("profile") },
    opts,
  );
  return { role, profile };
}

/**
 * An EC2 Instance Connect Endpoint `${name}-eice` in `subnetId` with its own security group
 * `${name}-eice-sg` (no inbound rule: EC2 docs, "Security groups for EC2 Instance Connect
 * Endpoint", connections into the endpoint are authorized by IAM, ec2-instance-connect:OpenTunnel). No additional cost (EC2 docs, "Connect to your instances using EC2 Instance
 * Connect Endpoint"); preserveClientIp false: the target sees the endpoint's private address, so no
 * route or NACL needs to know client addresses (the provider's default is true); CloudTrail records
 * who opened each tunnel. Open SSH to the target with `connectEndpointSshRules`. `opts`: the
 * caller's child options; `extra`: options of the group or the endpoint alone (a component that
 * adopted them from former owners adds its aliases there).
 */
export function instanceConnectEndpoint(
  opts: pulumi.CustomResourceOptions,
  name: string,
  args: {
    readonly vpcId: pulumi.Input<string>;
    readonly subnetId: pulumi.Input<string>;
    /** What the endpoint reaches, for the group's description, e.g. "the test server". */
    readonly target: string;
    readonly tags: TagsOf;
  },
  extra: {
    readonly securityGroup?: pulumi.CustomResourceOptions;
    readonly endpoint?: pulumi.CustomResourceOptions;
  } = {},
): {
  securityGroup: aws.ec2.SecurityGroup;
  endpoint: aws.ec2transitgateway.InstanceConnectEndpoint;
} {
  const securityGroup = new aws.ec2.SecurityGroup(
    `${name}-eice-sg`,
    {
      vpcId: args.vpcId,
      description: `EC2 Instance Connect Endpoint: SSH to ${args.target} only`,
      tags: args.tags("eice-sg"),
    },
    { ...opts, ...extra.securityGroup },
  );
  const endpoint = new aws.ec2transitgateway.InstanceConnectEndpoint(
    `${name}-eice`,
    {
      subnetId: args.subnetId,
      securityGroupIds: [securityGroup.id],
      preserveClientIp: false,
      tags: args.tags("eice"),
    },
    // AWS allows one Instance Connect Endpoint per VPC (EC2 quotas): a replacement must delete
    // the old endpoint before it creates the new one.
    { ...opts, ...extra.endpoint, deleteBeforeReplace: true },
  );
  return { securityGroup, endpoint };
}

/**
 * SSH between an EC2 Instance Connect Endpoint's security group and its target's: egress on TCP 22
 * from the endpoint's group to the target's group (`${name}-<egressRole>`), and ingress on TCP 22
 * to the target's group from the endpoint's group only (`${name}-<ingressRole>`), created with
 * `opts` (the caller's child options).
 */
export function connectEndpointSshRules(
  opts: pulumi.CustomResourceOptions,
  name: string,
  args: {
    readonly endpointSecurityGroupId: pulumi.Input<string>;
    readonly targetSecurityGroupId: pulumi.Input<string>;
    /** What the endpoint reaches, for the egress rule's description, e.g. "the test server". */
    readonly target: string;
    /** Role (name suffix and Name tag) of the egress rule, e.g. "eice-to-server". */
    readonly egressRole: string;
    /** Role (name suffix and Name tag) of the ingress rule, e.g. "from-eice". */
    readonly ingressRole: string;
    readonly tags: TagsOf;
  },
): void {
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-${args.egressRole}`,
    {
      securityGroupId: args.endpointSecurityGroupId,
      referencedSecurityGroupId: args.targetSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: 22,
      toPort: 22,
      description: `SSH to ${args.target}`,
      tags: args.tags(args.egressRole),
    },
    opts,
  );
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-${args.ingressRole}`,
    {
      securityGroupId: args.targetSecurityGroupId,
      referencedSecurityGroupId: args.endpointSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: 22,
      toPort: 22,
      description: "SSH from the EC2 Instance Connect Endpoint",
      tags: args.tags(args.ingressRole),
    },
    opts,
  );
}

/** The ARN of an instance of this account, in `region`. */
export function instanceArn(
  account: AccountContext,
  region: string,
  instance: aws.ec2.Instance,
): pulumi.Output<string> {
  return pulumi.interpolate`arn:${account.partition}:ec2:${region}:${account.accountId}:instance/${instance.id}`;
}

/**
 * Service Authorization Reference (EC2 Instance Connect): SendSSHPublicKey on the instance with
 * condition ec2:osuser; the pushed key is valid for 60 seconds.
 */
export function pushOneTimeKeyStatement(
  sid: string,
  instance: pulumi.Input<string>,
): PolicyStatement {
  return {
    sid,
    effect: "Allow",
    actions: ["ec2-instance-connect:SendSSHPublicKey"],
    resources: [instance],
    conditions: [{ test: "StringEquals", variable: "ec2:osuser", values: [OS_USER] }],
  };
}

/**
 * EC2 docs ("Grant IAM permissions to use EC2 Instance Connect Endpoint"): OpenTunnel on the
 * endpoint, narrowed by ec2-instance-connect:remotePort (22), :privateIpAddress (this instance)
 * and :maxTunnelDuration (at most 3600 seconds).
 */
export function openTunnelStatement(
  sid: string,
  endpointArn: pulumi.Input<string>,
  instance: aws.ec2.Instance,
): PolicyStatement {
  return {
    sid,
    effect: "Allow",
    actions: ["ec2-instance-connect:OpenTunnel"],
    resources: [endpointArn],
    conditions: [
      { test: "NumericEquals", variable: "ec2-instance-connect:remotePort", values: ["22"] },
      {
        test: "IpAddress",
        variable: "ec2-instance-connect:privateIpAddress",
        values: [pulumi.interpolate`${instance.privateIp}/32`],
      },
      {
        test: "NumericLessThanEquals",
        variable: "ec2-instance-connect:maxTunnelDuration",
        values: ["3600"],
      },
    ],
  };
}

/**
 * EC2 Describe* actions support no resource-level permission (Service Authorization Reference),
 * hence "*"; the AWS CLI looks the instance (and the Instance Connect Endpoint) up with them.
 */
export function findInstanceStatement(sid: string, viaConnectEndpoint: boolean): PolicyStatement {
  return {
    sid,
    effect: "Allow",
    actions: viaConnectEndpoint
      ? ["ec2:DescribeInstances", "ec2:DescribeInstanceConnectEndpoints"]
      : ["ec2:DescribeInstances"],
    resources: ["*"],
  };
}
