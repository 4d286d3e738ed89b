// Lookups answered from a remote component's children (tools/lib/engine/own-resources.ts, the
// `children` parameter of `ownResourceInvoke`): in the apply phase the subnets, route tables,
// associations and routes an awsx 3 Vpc makes answer `getRouteTable` / `getRouteTables` as AWS
// answers them once awsx created them. Lookups whose answer needs what the children's state leaves
// out (a subnet's CIDR block from awsx's allocator, its state) keep the usual answers.
import { expect } from "chai";
import { ownResourceInvoke } from "../../tools/lib/engine/own-resources";
import { vpc } from "./remote-children-fixture";

const ids = new Map<string, string>();

describe("lookups of an awsx Vpc's children (apply phase)", () => {
  const v = vpc({ numberOfAvailabilityZones: 2, natGateways: { strategy: "OnePerAz" } });
  const lookup = (token: string, args: Record<string, unknown>) =>
    ownResourceInvoke(`aws:ec2/${token}`, args, [], ids, undefined, v.children);

  it("answers each private subnet with the route table awsx associates with it, routed to its zone's NAT gateway", () => {
    const privateSubnets: { urn: string; id: string }[] = v.outputs.privateSubnets;
    expect(privateSubnets).to.have.length(2);
    const answered = privateSubnets.map((s) => {
      const table = lookup("getRouteTable:getRouteTable", { subnetId: s.id })!;
      // The association awsx makes for this subnet names the table the answer must be.
      const assoc = v.outputs.routeTableAssociations
        .map(v.state)
        .find((a: { subnetId: string }) => a.subnetId === s.id);
      expect(table.routeTableId).to.equal(assoc.routeTableId);
      expect(table.subnetId).to.equal(s.id);
      expect(table.vpcId).to.equal(v.outputs.vpc.id);
      expect(table.associations).to.deep.include({
        routeTableAssociationId: v.outputs.routeTableAssociations.find(
          (r: { id: string }) => v.state(r).subnetId === s.id,
        ).id,
        routeTableId: table.routeTableId,
        subnetId: s.id,
        gatewayId: "",
        main: false,
      });
      // OnePerAz: the route goes to the NAT gateway of the subnet's own zone.
      const zone = v.state(s).availabilityZone;
      const nat = v.outputs.natGateways.find(
        (n: { id: string }) =>
          v.state(v.outputs.subnets.find((x: { id: string }) => x.id === v.state(n).subnetId))
            .availabilityZone === zone,
      );
      expect(table.routes).to.have.length(1);
      expect(table.routes[0]).to.include({
        cidrBlock: "0.0.0.0/0",
        natGatewayId: nat.id,
        gatewayId: "",
      });
      return table.routeTableId as string;
    });
    expect(new Set(answered).size).to.equal(2);
    expect(new Set(v.outputs.natGateways.map((n: { id: string }) => n.id)).size).to.equal(2);
  });

  it("answers a public subnet with its table's route to the internet gateway", () => {
    const pub = v.outputs.publicSubnets[0];
    const table = lookup("getRouteTable:getRouteTable", { subnetId: pub.id })!;
    expect(table.routes[0]).to.include({
      cidrBlock: "0.0.0.0/0",
      gatewayId: v.outputs.internetGateway.id,
    });
  });

  it("lists the VPC's route tables, awsx's own and the main one", () => {
    const all = lookup("getRouteTables:getRouteTables", { vpcId: v.outputs.vpc.id })!;
    for (const t of v.outputs.routeTables) expect(all.ids).to.include(t.id);
  });

  it("leaves getSubnet and getVpc of a child to the usual answers: its state lacks cidrBlock", () => {
    const sub = v.outputs.privateSubnets[0];
    expect(v.state(sub)).to.not.have.property("cidrBlock");
    expect(lookup("getSubnet:getSubnet", { id: sub.id })).to.equal(undefined);
    expect(lookup("getVpc:getVpc", { id: v.outputs.vpc.id })).to.equal(undefined);
    // Without the children, the route-table lookup is not the program's own either.
    expect(
      ownResourceInvoke("aws:ec2/getRouteTable:getRouteTable", { subnetId: sub.id }, [], ids),
    ).to.equal(undefined);
  });
});
