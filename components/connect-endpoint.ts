// The VPC's one EC2 Instance Connect Endpoint, owned by one component whatever uses it: EC2
// allows one endpoint per VPC (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/eice-quotas.html),
// so an endpoint that moved between the BI access layer and the test server when
// `biAccessMode` or `testServerEnabled` changed was created anew before the old one went, and the
// second deploy failed. The hosts that use it sit in its subnet and share it (`ExistingConnectEndpoint`).
import * as pulumi from "@pulumi/pulumi";
import { componentScope } from "./context";
import type { ExistingConnectEndpoint } from "./host";
import { instanceConnectEndpoint } from "./host/hardening";
import { checkSubnetChoices, placeHost, SubnetChoices } from "./host/placement";

/** A layer that created the endpoint before this component owned it (its HardenedHost has its name). */
export interface FormerEndpointOwner {
  /** The layer's component name, e.g. "staging-access" (its endpoint was `<name>-eice`). */
  readonly name: string;
  /** The layer's component type, e.g. "platform:access:Access". */
  readonly type: string;
}

export interface ConnectEndpointArgs {
  readonly vpcId: pulumi.Input<string>;
  /** Candidate subnets (private compute subnets) with their AZ IDs, in order of preference. */
  readonly subnets: SubnetChoices;
  /**
   * The instance types of every host that may sit beside it, on or not: the endpoint takes the
   * first candidate whose zone offers all of them, so turning a host on or off never moves it.
   */
  readonly instanceTypes: readonly string[];
  /** Layers that owned the endpoint before: existing stacks keep it through aliases. Defaults to none. */
  readonly formerOwners?: readonly FormerEndpointOwner[];
  readonly tags: Record<string, string>;
}

export class ConnectEndpoint extends pulumi.ComponentResource {
  /** What a host passes to share it (`HardenedHost` `ssh.existing`). */
  public readonly shared: ExistingConnectEndpoint;
  public readonly endpointId: pulumi.Output<string>;
  public readonly endpointArn: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  /** The subnet it went in: hosts that use it go there too (the compute NACL admits no SSH between subnets). */
  public readonly subnetId: pulumi.Output<string>;
  /** The AZ ID of that subnet. */
  public readonly zoneId: pulumi.Output<string>;
  /** The placement of a host that shares it: its subnet, the host's only candidate. */
  public readonly beside: SubnetChoices;

  constructor(name: string, args: ConnectEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
    checkSubnetChoices(`ConnectEndpoint ${name}`, args.subnets);
    if (args.instanceTypes.length === 0) {
      throw new Error(`ConnectEndpoint ${name}: name the instance types of the hosts beside it`);
    }
    super("platform:access:ConnectEndpoint", name, {}, opts);
    const { parent, tags } = componentScope(this, name, args);
    const placement = placeHost(
      `ConnectEndpoint ${name}`,
      args.instanceTypes,
      args.subnets,
      parent,
    );
    this.subnetId = placement.subnetId;
    this.zoneId = placement.zoneId;
    this.beside = { subnetIds: [this.subnetId], zoneIds: [this.zoneId] };

    // Existing stacks: the endpoint and its group were `<layer>-eice` and `<layer>-eice-sg`,
    // children of the layer's HardenedHost (named as the layer) or, earlier, of the layer itself.
    const formerly = (suffix: string): pulumi.Alias[] =>
      (args.formerOwners ?? []).flatMap((o) => {
        const layer = pulumi.createUrn(o.name, o.type);
        const host = pulumi.createUrn(o.name, "platform:host:HardenedHost", layer);
        return [
          { name: `${o.name}-${suffix}`, parent: host },
          { name: `${o.name}-${suffix}`, parent: layer },
        ];
      });
    const { securityGroup: sg, endpoint } = instanceConnectEndpoint(
      parent,
      name,
      {
        vpcId: args.vpcId,
        subnetId: this.subnetId,
        target: "the hosts that share it",
        tags,
      },
      {
        // A group's description cannot change without replacing it: one adopted from a former
        // owner keeps its own.
        securityGroup: { aliases: formerly("eice-sg"), ignoreChanges: ["description"] },
        endpoint: { aliases: formerly("eice") },
      },
    );
    this.endpointId = endpoint.id;
    this.endpointArn = endpoint.arn;
    this.securityGroupId = sg.id;
    this.shared = { arn: endpoint.arn, securityGroupId: sg.id };
    this.registerOutputs({
      endpointId: this.endpointId,
      endpointArn: this.endpointArn,
      securityGroupId: this.securityGroupId,
      subnetId: this.subnetId,
      zoneId: this.zoneId,
    });
  }
}
