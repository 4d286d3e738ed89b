// A private test server (opt-in, `platform:testServerEnabled`): one Amazon Linux 2023 instance in a
// private compute subnet, no public IP, no inbound rule from the internet, IMDSv2 only, root volume
// encrypted with its own customer-managed key, an instance profile whose role has no permission
// unless the caller names some. OS updates come from the Amazon Linux repositories, which are S3
// buckets, through the S3 gateway endpoint (no default route). Admins reach it over SSH through the
// VPC's EC2 Instance Connect Endpoint: the one the BI access layer already created (AWS allows one
// per VPC) or, without one, its own. What it does and what it costs: docs/features.md.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
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
  instanceRole,
  openTunnelStatement,
  pushOneTimeKeyStatement,
  securityUpdatesUserData,
} from "./instance";
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

/** Boot script: nightly security updates and key-only SSH (`securityUpdatesUserData`). */
export const TEST_SERVER_USER_DATA = securityUpdatesUserData("10-hardening.conf", [
  "X11Forwarding no",
  "PermitTunnel no",
  "GatewayPorts no",
]);

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
    const tags = tagsOf(name, args.tags);
    const region = args.region;
    const account = accountContext(parent);

    // ---- Root volume key (grants: `ebsKeyGrants`) ------------------------------------------------
    const key = new EncryptionKey(
      `${name}-key`,
      {
        description: `Encrypts the root volume of the ${name} test server`,
        grants: ebsKeyGrants(account, region),
        aliasName: keyAliasName(name),
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
      const { securityGroup: endpointSg, endpoint } = instanceConnectEndpoint(this, name, {
        vpcId: args.vpcId,
        subnetId: args.subnetId,
        target: "the test server",
        tags,
      });
      endpointSgId = endpointSg.id;
      endpointArn = endpoint.arn;
    }
    connectEndpointSshRules(this, name, {
      endpointSecurityGroupId: endpointSgId,
      targetSecurityGroupId: sg.id,
      target: "the test server",
      egressRole: "eice-to-server",
      ingressRole: "from-eice",
      tags,
    });

    // ---- Instance role: nothing unless the caller names it (`instanceRole`) ---------------------
    const { role, profile } = instanceRole(
      name,
      `Instance role of the ${name} test server (no permissions unless configured)`,
      tags,
      parent,
    );
    if ((args.instancePolicyStatements ?? []).length > 0) {
      new aws.iam.RolePolicy(
        `${name}-role-policy`,
        { role: role.id, policy: policyDocument([...args.instancePolicyStatements!], parent) },
        parent,
      );
    }

    // ---- The server ----------------------------------------------------------------------------
    const ami = al2023Ami("arm64", parent);
    const instance = new aws.ec2.Instance(
      `${name}-server`,
      {
        ami,
        instanceType,
        subnetId: args.subnetId,
        vpcSecurityGroupIds: [sg.id],
        associatePublicIpAddress: false,
        iamInstanceProfile: profile.name,
        metadataOptions: IMDSV2_ONLY,
        rootBlockDevice: encryptedRootVolume(key.keyArn, rootGiB),
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
    const serverArn = instanceArn(account, region, instance);
    const adminPolicy = new aws.iam.Policy(
      `${name}-admins`,
      {
        description: `Lets admins open an SSH session to the ${name} test server (attach to their group or role)`,
        policy: policyDocument(
          [
            pushOneTimeKeyStatement("PushOneTimeKey", serverArn),
            openTunnelStatement("OpenTunnelToTestServer", endpointArn, instance),
            findInstanceStatement("FindTestServer", true),
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
