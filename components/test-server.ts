// A private test server (opt-in, `platform:testServerEnabled`): one Amazon Linux 2023 instance in a
// private compute subnet, no public IP, no inbound rule from the internet, IMDSv2 only, root volume
// encrypted with its own customer-managed key, an instance profile whose role has no permission
// unless the caller names some. OS updates come from the Amazon Linux repositories, which are S3
// buckets, through the S3 gateway endpoint (no default route). Admins reach it over SSH through the
// VPC's EC2 Instance Connect Endpoint: the one the stack's ConnectEndpoint owns (AWS allows one
// per VPC) or, without one, its own. What it does and what it costs: docs/features.md.
import * as pulumi from "@pulumi/pulumi";
import { componentScope, invalidArguments } from "./context";
import {
  ExistingConnectEndpoint,
  GRAVITON_INSTANCE_TYPE,
  HardenedHost,
  rootVolumeKey,
  securityUpdatesUserData,
  SubnetChoices,
} from "./host";
import { PolicyStatement } from "./iam";

export type { ExistingConnectEndpoint } from "./host";

export interface TestServerArgs {
  readonly vpcId: pulumi.Input<string>;
  /**
   * Private compute subnets (no internet route) with their AZ IDs: the server takes the first
   * whose zone offers its instance type. With an existing endpoint, give only the endpoint's own
   * subnet: SSH then never crosses a network ACL (the compute NACL admits no SSH between subnets).
   */
  readonly subnets: SubnetChoices;
  /** S3 prefix list of the gateway endpoint (package repositories on 443). */
  readonly s3PrefixListId: pulumi.Input<string>;
  /** Region of the stack (the EBS key's kms:ViaService names it). */
  readonly region: string;
  /** Reuse this endpoint; without it the component creates one in the server's subnet. */
  readonly connectEndpoint?: ExistingConnectEndpoint;
  /** A Graviton (arm64) instance type. Defaults to `TEST_SERVER_INSTANCE_TYPE` (t4g.small). */
  readonly instanceType?: string;
  /** Root volume size in GiB (8 to 200). Defaults to 20. */
  readonly rootVolumeGiB?: number;
  /** What software on the server may call in AWS (scoped statements). Defaults to none: the role grants nothing. */
  readonly instancePolicyStatements?: readonly PolicyStatement[];
  /** Protect and retain the volume key (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

/** The test server's instance type unless the caller names another. */
export const TEST_SERVER_INSTANCE_TYPE = "t4g.small";

/** Boot script: nightly security updates and key-only SSH (`securityUpdatesUserData`). */
export const TEST_SERVER_USER_DATA = securityUpdatesUserData("10-hardening.conf", [
  "X11Forwarding no",
  "PermitTunnel no",
  "GatewayPorts no",
]);

/** Validates what the type system cannot; throws one error listing every problem. */
function validateArgs(
  name: string,
  args: TestServerArgs,
): { instanceType: string; rootGiB: number } {
  const problems: string[] = [];
  const instanceType = args.instanceType ?? TEST_SERVER_INSTANCE_TYPE;
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
  invalidArguments("TestServer", name, problems);
  return { instanceType, rootGiB };
}

export class TestServer extends pulumi.ComponentResource {
  /** The test server's instance id (admins' SSH commands name it). */
  public readonly instanceId: pulumi.Output<string>;
  /** The test server's private address. */
  public readonly privateIp: pulumi.Output<string>;
  /** The server's security group. */
  public readonly securityGroupId: pulumi.Output<string>;
  /** The instance role (no permission unless `instancePolicyStatements` names some). */
  public readonly roleArn: pulumi.Output<string>;
  /** Key of the server's root volume. */
  public readonly keyArn: pulumi.Output<string>;
  /** The endpoint admins connect through (reused or created here). */
  public readonly connectEndpointArn: pulumi.Output<string>;
  /** Customer-managed policy with exactly what an admin needs to SSH in; attach it to their group or role. */
  public readonly adminPolicyArn: pulumi.Output<string>;

  constructor(name: string, args: TestServerArgs, opts?: pulumi.ComponentResourceOptions) {
    const { instanceType, rootGiB } = validateArgs(name, args);
    super("platform:test-server:TestServer", name, {}, opts);
    const { parent, protect, tags, account } = componentScope(this, name, args);

    const key = rootVolumeKey({ parent, protect, tags, account }, name, "test server", args.region);

    const host = new HardenedHost(
      name,
      {
        vpcId: args.vpcId,
        subnets: args.subnets,
        region: args.region,
        instanceType,
        rootVolumeGiB: rootGiB,
        rootVolumeKeyArn: key.keyArn,
        userData: TEST_SERVER_USER_DATA,
        securityGroupDescription:
          "Test server: SSH from the EC2 Instance Connect Endpoint only; HTTPS to S3 for OS updates",
        httpsEgress: {
          prefixListId: args.s3PrefixListId,
          description: "Amazon Linux repositories in S3 (gateway endpoint)",
        },
        ssh: {
          kind: "connect-endpoint",
          existing: args.connectEndpoint,
          target: "the test server",
        },
        // Nothing unless the caller names it.
        instanceProfile: {
          description: `Instance role of the ${name} test server (no permissions unless configured)`,
          statements: args.instancePolicyStatements,
        },
        // T4g launches "unlimited" by default (EC2 docs, "Burstable performance instances").
        standardCredits: true,
        instanceTags: {
          "waiver:ec2-instance-detailed-monitoring":
            "A test server needs no 1-minute metrics: detailed monitoring costs about as much as the instance",
        },
        // What an admin needs, and nothing else.
        adminPolicy: {
          description: `Lets admins open an SSH session to the ${name} test server (attach to their group or role)`,
          sids: {
            pushKey: "PushOneTimeKey",
            openTunnel: "OpenTunnelToTestServer",
            findHost: "FindTestServer",
          },
        },
        movedFrom: this,
        tags: args.tags,
      },
      parent,
    );

    this.instanceId = host.instanceId;
    this.privateIp = host.privateIp;
    this.securityGroupId = host.securityGroupId;
    // Always set: this host has an instance profile and a connect endpoint.
    this.roleArn = host.roleArn as pulumi.Output<string>;
    this.keyArn = key.keyArn;
    this.connectEndpointArn = host.connectEndpointArn as pulumi.Output<string>;
    this.adminPolicyArn = host.adminPolicyArn;
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
