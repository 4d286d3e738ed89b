// ec2-compute-subnet-no-default-route and routes into route tables the stack knows by id only
// (another stack's, or one an awsx Vpc made, found with `aws.ec2.getRouteTable({ subnetId })`):
// the subnets such a table serves are not in the stack, so a default route into it is not
// evaluated (a preview note, listed as not evaluated after apply) rather than silently passed,
// whether or not the stack has compute subnets of its own.
import { expect } from "chai";
import type { RecordedResource } from "../../../tools/lib/recorder";
import { policy, previewNotes, res, violations } from "../fixture";
import { compliant, passesCompliantNetwork } from "../fixtures/network";
import {
  EC2_ROUTE,
  EC2_ROUTE_TABLE_ASSOCIATION,
  EC2_SUBNET,
  ECS_SERVICE,
} from "../../../policy-pack/lib/types";

const NAME = "ec2-compute-subnet-no-default-route";
const core = policy(NAME);

/** A route to `destination` in route table `rtb-0a1b2c3d4e5f60718`, which no resource manages. */
const externalRoute = (destination: string): RecordedResource =>
  res(EC2_ROUTE, "egress", {
    routeTableId: "rtb-0a1b2c3d4e5f60718",
    destinationCidrBlock: destination,
    gatewayId: "igw-0123456789abcdef0",
  });

describe("ec2-compute-subnet-no-default-route: routes into tables the stack does not manage", () => {
  it("the compliant network passes", passesCompliantNetwork(NAME));

  it("does not pass a default route into such a table in a stack without compute subnets", async () => {
    const route = externalRoute("0.0.0.0/0");
    expect(await violations(core, [route])).to.deep.equal([]);
    const notes = await previewNotes(core, [route]);
    expect(notes).to.have.length(1);
    expect(notes[0])
      .to.contain('route "egress" in route table rtb-0a1b2c3d4e5f60718')
      .and.contain("does not manage")
      .and.contain("may serve a compute subnet");
  });

  it("does not pass one beside the stack's own compute subnets, which use other tables", async () => {
    const { all } = compliant();
    const notes = await previewNotes(core, all(externalRoute("::/0")));
    expect(notes).to.have.length(1);
    expect(notes[0]).to.contain('route "egress"');
  });

  it("leaves a route to a narrower range into such a table alone", async () => {
    const { all } = compliant();
    const route = externalRoute("192.168.0.0/16");
    expect(await previewNotes(core, all(route))).to.deep.equal([]);
    expect(await previewNotes(core, [route])).to.deep.equal([]);
  });

  it("judges a default route into such a table when a compute subnet of the stack uses it", async () => {
    const subnet = res(EC2_SUBNET, "compute-x", {
      id: "subnet-0feedfacecafe0001",
      vpcId: "vpc-0abc",
      cidrBlock: "10.9.0.0/24",
      tags: { Name: "compute-x", tier: "compute" },
    });
    const assoc = res(EC2_ROUTE_TABLE_ASSOCIATION, "compute-x-rta", {
      subnetId: "subnet-0feedfacecafe0001",
      routeTableId: "rtb-0a1b2c3d4e5f60718",
    });
    const service = res(ECS_SERVICE, "api", {
      networkConfiguration: { subnets: ["subnet-0feedfacecafe0001"] },
    });
    const found = await violations(core, [subnet, assoc, service, externalRoute("0.0.0.0/0")]);
    expect(found.some((f) => f.startsWith("egress:"))).to.equal(true);
  });
});
