// A new account's default quotas, with both stacks in one account and region (the shared-account
// layout of docs/first-deploy.md) and every feature on: what the stacks register must fit them,
// or the first `pulumi up` of the second stack fails half-way. Quotas that depend on the account's
// other use (Fargate vCPUs, CodeBuild builds) are on the watch list instead.
import { expect } from "chai";
import type { RecordedResource } from "../../tools/lib/recorder";
import { runWithEverything } from "../fixtures/features";
import { findAll } from "../helpers";

/** Amazon VPC quotas (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html). */
const VPCS_PER_REGION = 5; // the default VPC counts
const ELASTIC_IPS_PER_REGION = 5; // Amazon EC2 quotas, "EC2-VPC Elastic IPs"
/** AWS PrivateLink quotas (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html). */
const INTERFACE_ENDPOINTS_PER_VPC = 50;
const GATEWAY_ENDPOINTS_PER_REGION = 20;
const ENDPOINT_POLICY_CHARACTERS = 20_480; // not adjustable
/** EC2 Instance Connect Endpoint quotas (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/eice-quotas.html). */
const CONNECT_ENDPOINTS_PER_VPC = 1;

/** Both stacks' resources of `type`, every feature on. */
async function both(type: string): Promise<RecordedResource[]> {
  const recs = await Promise.all(["staging", "prod"].map((s) => runWithEverything(s)));
  return recs.flatMap((rec) => findAll(rec, type));
}

/** How many of `resources` each VPC holds. */
function perVpc(resources: RecordedResource[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of resources) {
    const vpc = String(r.inputs.vpcId);
    counts.set(vpc, (counts.get(vpc) ?? 0) + 1);
  }
  return counts;
}

describe("both stacks in one account and region, every feature on: the default quotas", () => {
  it("leave room for the account's default VPC", async () => {
    const vpcs = await both("aws:ec2/vpc:Vpc");
    expect(vpcs.length).to.be.at.least(2);
    expect(vpcs.length).to.be.at.most(VPCS_PER_REGION - 1);
  });

  it("fit the Elastic IP addresses of a region", async () => {
    expect((await both("aws:ec2/eip:Eip")).length).to.be.at.most(ELASTIC_IPS_PER_REGION);
  });

  it("fit the VPC endpoint quotas: interface per VPC, gateway per region, policy size", async () => {
    const endpoints = await both("aws:ec2/vpcEndpoint:VpcEndpoint");
    const type = (r: RecordedResource) => r.inputs.vpcEndpointType ?? "Gateway";
    const interfaces = endpoints.filter((r) => type(r) === "Interface");
    const gateways = endpoints.filter((r) => type(r) === "Gateway");
    expect(interfaces.length, "interface endpoints").to.be.greaterThan(0);
    expect(gateways.length, "gateway endpoints").to.be.greaterThan(0);
    for (const [vpc, n] of perVpc(interfaces)) {
      expect(n, `interface endpoints in ${vpc}`).to.be.at.most(INTERFACE_ENDPOINTS_PER_VPC);
    }
    expect(gateways.length).to.be.at.most(GATEWAY_ENDPOINTS_PER_REGION);
    for (const r of endpoints.filter((e) => typeof e.inputs.policy === "string")) {
      expect(r.inputs.policy.length, `${r.name} policy`).to.be.at.most(ENDPOINT_POLICY_CHARACTERS);
    }
  });

  it("hold one Instance Connect Endpoint per VPC at most", async () => {
    const endpoints = await both(
      "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint",
    );
    expect(endpoints.length, "connect endpoints").to.be.greaterThan(0);
    // The subnet each endpoint depends on (by URN), and that subnet's VPC.
    const subnetVpc = new Map(
      (await both("aws:ec2/subnet:Subnet")).map((s) => [s.urn, String(s.inputs.vpcId)]),
    );
    const counts = new Map<string, number>();
    for (const e of endpoints) {
      const [subnet] = e.propertyDependencies.subnetId ?? [];
      const vpc = subnetVpc.get(subnet);
      expect(vpc, `${e.name}'s subnet is one of the stacks'`).to.be.a("string");
      counts.set(vpc!, (counts.get(vpc!) ?? 0) + 1);
    }
    for (const [vpc, n] of counts) {
      expect(n, vpc).to.be.at.most(CONNECT_ENDPOINTS_PER_VPC);
    }
  });
});
