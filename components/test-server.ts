// A private test server (opt-in, `platform:testServerEnabled`): one Amazon Linux 2023 instance in a
// private compute subnet, no public IP, no inbound rule from the internet, IMDSv2 only, root volume
// encrypted with its own customer-managed key, an instance profile whose role has no permission
// unless the caller names some. OS updates come from the Amazon Linux repositories, which are S3
// buckets, through the S3 gateway endpoint (no default route). Admins reach it over SSH through the
// VPC's EC2 Instance Connect Endpoint: the one the BI access layer already created (AWS allows one
// per VPC) or, without one, its own. What it does and what it costs: docs/features.md.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AL2023_ARM64_AMI_PARAMETER, GRAVITON_INSTANCE_TYPE, OS_USER } from "./access";
import { policyDocument, PolicyStatement } from "./iam";
import { EncryptionKey } from "./kms-key";

/** An EC2 Instance Connect Endpoint that already exists in the VPC (EC2 quotas: one per VPC, not adjustable). */
export interface ExistingConnectEndpoint {
  readonly arn: pulumi.Input<string>;
  /** Its security group: the component adds egress on TCP 22 to the server's group. */
  readonly securityGroupId: pulumi.Input<string>;
}

/** What a layer that owns the VPC's EC2 Instance Connect Endpoint (the BI access layer) exposes for sharing it. */
export interface ConnectEndpointOwner {
  /** "private": it created the endpoint; any other mode: it created none. */
  readonly mode: string;
  readonly connectEndpointArn?: pulumi.Output<string | undefined>;
  readonly connectEndpointSecurityGroupId?: pulumi.Output<string | undefined>;
}

/**
 * The endpoint to reuse, or undefined when the owner created none (the test server then creates
 * its own). EC2 quotas ("EC2 Instance Connect Endpoint quotas"): one endpoint per VPC, not
 * adjustable, so a second one in the same VPC would fail at deployment; an owner that has one but
 * does not expose it is refused here, before anything is created.
 */
export function sharedConnectEndpoint(
  owner: ConnectEndpointOwner,
): ExistingConnectEndpoint | undefined {
  if (owner.mode !== "private") return undefined;
  const { connectEndpointArn: arn, connectEndpointSecurityGroupId: sg } = owner;
  if (!arn || !sg) {
    throw new Error(
      "TestServer: the VPC already has an EC2 Instance Connect Endpoint (BI access, private mode) and AWS allows one per VPC; " +
        "the access layer must expose connectEndpointArn and connectEndpointSecurityGroupId so the test server can share it",
    );
  }
  const must = (what: string) => (v: string | undefined) => {
    if (!v) throw new Error(`TestServer: the shared endpoint's ${what} is empty`);
    return v;
  };
  return { arn: arn.apply(must("ARN")), securityGroupId: sg.apply(must("security group")) };
}

export interface TestServerArgs {
  readonly vpcId: pulumi.Input<string>;
  /** A private compute subnet (no internet route). With an existing endpoint, prefer the endpoint's own subnet: SSH then never crosses a network ACL. */
  readonly subnetId: pulumi.Input<string>;
  /** S3 prefix list of the gateway endpoint (package repositories on 443). */
  readonly s3PrefixListId: pulumi.Input<string>;
  /** Region of the stack (the EBS key's kms:ViaService names it). */
  readonly region: string;
  /** Reuse this endpoint; without it the component creates one in `subnetId`. */
  readonly connectEndpoint?: ExistingConnectEndpoint;
  /** A Graviton (arm64) instance type. Defaults to "t4g.small". */
  readonly instanceType?: string;
  /** Root volume size in GiB (8 to 200). Defaults to 20. */
  readonly rootVolumeGiB?: number;
  /** What software on the server may call in AWS (scoped statements). Defaults to none: the role grants nothing. */
  readonly instancePolicyStatements?: readonly PolicyStatement[];
  /** Protect and retain the volume key (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

/**
 * Boot script: follow the latest Amazon Linux release and apply security updates nightly
 * (rebooting only when needed), SSH by key only and never as root. No secret goes into user data.
 * AL2023 docs ("Deterministic upgrades through versioned repositories"): repositories stay on the
 * AMI's release unless `latest` is written to /etc/dnf/vars/releasever.
 */
export const TEST_SERVER_USER_DATA = `#!/bin/bash
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
cat > /etc/ssh/sshd_config.d/10-hardening.conf <<'EOF'
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
AllowUsers ${OS_USER}
X11Forwarding no
PermitTunnel no
GatewayPorts no
EOF
systemctl daemon-reload
systemctl enable --now security-updates.timer
systemctl reload sshd
/usr/local/sbin/security-updates
`;

function checkArgs(name: string, args: TestServerArgs): { instanceType: string; rootGiB: number } {
  const problems: string[] = [];
  const instanceType = args.instanceType ?? "t4g.small";
  if (!GRAVITON_INSTANCE_TYPE.test(instanceType)) {
    problems.push(
      `instanceType: "${instanceType}" is not a Graviton (arm64) type; the AMI is arm64`,
    );
  }
  const rootGiB = args.rootVolumeGiB ?? 20;
  if (!Number.isInteger(rootGiB) || rootGiB < 8 || rootGiB > 200) {
    problems.push(`rootVolumeGiB: ${rootGiB} is not 8 to 200`);
  }
  for (const st of args.instancePolicyStatements ?? []) {
    if (st.principals)
      problems.push("instancePolicyStatements: identity policies take no principals");
  }
  if (problems.length > 0) {
    throw new Error(`TestServer ${name}: invalid arguments:\n  - ${problems.join("\n  - ")}`);
  }
  return { instanceType, rootGiB };
}

export class TestServer extends pulumi.ComponentResource {
  public readonly instanceId: pulumi.Output<string>;
  public readonly privateIp: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;
  public readonly keyArn: pulumi.Output<string>;
  /** The endpoint admins connect through (reused or created here). */
  public readonly connectEndpointArn: pulumi.Output<string>;
  /** Customer-managed policy with exactly what an admin needs to SSH in; attach it to their group or role. */
  public readonly adminPolicyArn: pulumi.Output<string>;

  constructor(name: string, args: TestServerArgs, opts?: pulumi.ComponentResourceOptions) {
    const { instanceType, rootGiB } = checkArgs(name, args);
    super("platform:test-server:TestServer", name, {}, opts);
    const parent = { parent: this };
    const protect = args.protect ?? false;
    const tags = (role: string, extra: Record<string, string> = {}) => ({
      ...args.tags,
      ...extra,
      Name: `${name}-${role}`,
    });
    const region = args.region;
    const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
    const partition = aws.getPartitionOutput({}, parent).partition;
    const accountRoot = pulumi.interpolate`arn:${partition}:iam::${accountId}:root`;
    const ec2Service = `ec2.${region}.amazonaws.com`;

    // ---- Root volume key -----------------------------------------------------------------------
    // EBS docs ("Amazon EBS encryption", KMS key permissions): EC2 uses the key on behalf of the
    // principal launching the instance, through grants; so the account principal (IAM decides who
    // deploys) may use it only through EC2 in this region and create grants only for AWS resources.
    const ebsUse = [
      { test: "StringEquals", variable: "kms:ViaService", values: [ec2Service] },
      { test: "StringEquals", variable: "kms:CallerAccount", values: [accountId] },
    ];
    const key = new EncryptionKey(
      `${name}-key`,
      {
        description: `Encrypts the root volume of the ${name} test server`,
        grants: [
          {
            sid: "EbsUseThroughEc2",
            principals: { type: "AWS", identifiers: [accountRoot] },
            actions: [
              "kms:Encrypt",
              "kms:Decrypt",
              "kms:ReEncryptFrom",
              "kms:ReEncryptTo",
              "kms:GenerateDataKeyWithoutPlaintext",
              "kms:DescribeKey",
            ],
            conditions: ebsUse,
          },
          {
            sid: "EbsGrantsThroughEc2",
            principals: { type: "AWS", identifiers: [accountRoot] },
            actions: ["kms:CreateGrant"],
            conditions: [
              ...ebsUse,
              { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] },
            ],
          },
        ],
        aliasName: `alias/${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
        protect,
        tags: tags("key"),
      },
      parent,
    );

    // ---- Security groups -----------------------------------------------------------------------
    const sg = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description:
          "Test server: SSH from the EC2 Instance Connect Endpoint only; HTTPS to S3 for OS updates",
        tags: tags("sg"),
      },
      parent,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-to-s3`,
      {
        securityGroupId: sg.id,
        prefixListId: args.s3PrefixListId,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "Amazon Linux repositories in S3 (gateway endpoint)",
        tags: tags("to-s3"),
      },
      parent,
    );

    // EC2 docs ("Security groups for EC2 Instance Connect Endpoint"): connections into the endpoint
    // are authorized by IAM (ec2-instance-connect:OpenTunnel), so the endpoint's group needs no
    // inbound rule; its egress reaches the server on 22 and the server admits 22 from it only.
    let endpointSgId: pulumi.Input<string>;
    let endpointArn: pulumi.Output<string>;
    if (args.connectEndpoint) {
      endpointSgId = args.connectEndpoint.securityGroupId;
      endpointArn = pulumi.output(args.connectEndpoint.arn);
    } else {
      const endpointSg = new aws.ec2.SecurityGroup(
        `${name}-eice-sg`,
        {
          vpcId: args.vpcId,
          description: "EC2 Instance Connect Endpoint: SSH to the test server only",
          tags: tags("eice-sg"),
        },
        parent,
      );
      // No additional cost (EC2 docs, "Connect ... using EC2 Instance Connect Endpoint");
      // preserveClientIp false: the server sees the endpoint's address, so no route or NACL needs
      // to know client addresses; CloudTrail records who opened each tunnel.
      const endpoint = new aws.ec2transitgateway.InstanceConnectEndpoint(
        `${name}-eice`,
        {
          subnetId: args.subnetId,
          securityGroupIds: [endpointSg.id],
          preserveClientIp: false,
          tags: tags("eice"),
        },
        parent,
      );
      endpointSgId = endpointSg.id;
      endpointArn = endpoint.arn;
    }
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-eice-to-server`,
      {
        securityGroupId: endpointSgId,
        referencedSecurityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        description: "SSH to the test server",
        tags: tags("eice-to-server"),
      },
      parent,
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-from-eice`,
      {
        securityGroupId: sg.id,
        referencedSecurityGroupId: endpointSgId,
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        description: "SSH from the EC2 Instance Connect Endpoint",
        tags: tags("from-eice"),
      },
      parent,
    );

    // ---- Instance role: nothing unless the caller names it -------------------------------------
    // EC2 does not send aws:SourceArn/SourceAccount when it assumes an instance role, so the trust
    // names the service only (the pack records ec2.amazonaws.com as not applicable).
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: `Instance role of the ${name} test server (no permissions unless configured)`,
        assumeRolePolicy: policyDocument(
          [
            {
              sid: "TrustEc2",
              effect: "Allow",
              actions: ["sts:AssumeRole"],
              principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }],
            },
          ],
          parent,
        ),
        tags: tags("role"),
      },
      parent,
    );
    if ((args.instancePolicyStatements ?? []).length > 0) {
      new aws.iam.RolePolicy(
        `${name}-role-policy`,
        { role: role.id, policy: policyDocument([...args.instancePolicyStatements!], parent) },
        parent,
      );
    }
    const profile = new aws.iam.InstanceProfile(
      `${name}-profile`,
      { role: role.name, tags: tags("profile") },
      parent,
    );

    // ---- The server ----------------------------------------------------------------------------
    const ami = aws.ssm.getParameterOutput(
      { name: AL2023_ARM64_AMI_PARAMETER },
      parent,
    ).insecureValue;
    const instance = new aws.ec2.Instance(
      `${name}-server`,
      {
        ami,
        instanceType,
        subnetId: args.subnetId,
        vpcSecurityGroupIds: [sg.id],
        associatePublicIpAddress: false,
        iamInstanceProfile: profile.name,
        metadataOptions: {
          httpEndpoint: "enabled",
          httpTokens: "required",
          httpPutResponseHopLimit: 1,
          instanceMetadataTags: "disabled",
        },
        rootBlockDevice: {
          encrypted: true,
          kmsKeyId: key.keyArn,
          volumeType: "gp3",
          volumeSize: rootGiB,
          deleteOnTermination: true,
        },
        // T4g launches "unlimited" by default (EC2 docs, "Burstable performance instances").
        creditSpecification: { cpuCredits: "standard" },
        monitoring: false,
        userData: TEST_SERVER_USER_DATA,
        userDataReplaceOnChange: true,
        tags: tags("server", {
          "waiver:ec2-instance-detailed-monitoring":
            "A test server needs no 1-minute metrics: detailed monitoring costs about as much as the instance",
        }),
        volumeTags: tags("server-root"),
      },
      // A newer AMI does not replace the server on every `pulumi up`; nightly updates keep it
      // patched and `pulumi up --replace` moves it to a new AMI deliberately.
      { parent: this, ignoreChanges: ["ami"] },
    );

    // ---- What an admin needs, and nothing else -------------------------------------------------
    const instanceArn = pulumi.interpolate`arn:${partition}:ec2:${region}:${accountId}:instance/${instance.id}`;
    const adminPolicy = new aws.iam.Policy(
      `${name}-admins`,
      {
        description: `Lets admins open an SSH session to the ${name} test server (attach to their group or role)`,
        policy: policyDocument(
          [
            {
              // Service Authorization Reference (EC2 Instance Connect): SendSSHPublicKey on the
              // instance with ec2:osuser; the pushed key is valid for 60 seconds.
              sid: "PushOneTimeKey",
              effect: "Allow",
              actions: ["ec2-instance-connect:SendSSHPublicKey"],
              resources: [instanceArn],
              conditions: [{ test: "StringEquals", variable: "ec2:osuser", values: [OS_USER] }],
            },
            {
              // EC2 docs ("Grant IAM permissions to use EC2 Instance Connect Endpoint"): OpenTunnel
              // on the endpoint, narrowed to this server's address, port 22 and an hour at most.
              sid: "OpenTunnelToTestServer",
              effect: "Allow",
              actions: ["ec2-instance-connect:OpenTunnel"],
              resources: [endpointArn],
              conditions: [
                {
                  test: "NumericEquals",
                  variable: "ec2-instance-connect:remotePort",
                  values: ["22"],
                },
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
            },
            {
              // EC2 Describe* actions support no resource-level permission (Service Authorization
              // Reference); the AWS CLI looks the instance and endpoint up with them.
              sid: "FindTestServer",
              effect: "Allow",
              actions: ["ec2:DescribeInstances", "ec2:DescribeInstanceConnectEndpoints"],
              resources: ["*"],
            },
          ],
          parent,
        ),
        tags: tags("admins"),
      },
      parent,
    );

    this.instanceId = instance.id;
    this.privateIp = instance.privateIp;
    this.securityGroupId = sg.id;
    this.roleArn = role.arn;
    this.keyArn = key.keyArn;
    this.connectEndpointArn = endpointArn;
    this.adminPolicyArn = adminPolicy.arn;
    this.registerOutputs({
      instanceId: this.instanceId,
      privateIp: this.privateIp,
      securityGroupId: this.securityGroupId,
      roleArn: this.roleArn,
      keyArn: this.keyArn,
      connectEndpointArn: this.connectEndpointArn,
      adminPolicyArn: this.adminPolicyArn,
    });
  }
}
