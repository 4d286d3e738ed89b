// Default routes built for private egress (NAT gateway, NAT instance or interface, egress-only
// internet gateway, transit gateway): an untiered subnet that uses one is a private subnet, so the
// core rule judges it; a table with one that no subnet of the stack uses is advisory
// (ec2-route-table-private-egress). Checkov's AWSNATGatewaysshouldbeutilized (CKV2_AWS_35)
// fixtures are such tables, without subnets.
import { expect } from "chai";
import { evaluate, policy, res, UNKNOWN as U, violations } from "../fixture";
import { compliant, natGateway, natRoute, passesCompliantNetwork } from "../fixtures/network";
import {
  EC2_ROUTE,
  EC2_ROUTE_TABLE,
  EC2_ROUTE_TABLE_ASSOCIATION,
  EC2_SUBNET,
} from "../../../policy-pack/lib/types";

type Resource = ReturnType<typeof res>;
const core = policy("ec2-compute-subnet-no-default-route");
const advisory = policy("ec2-route-table-private-egress");

/** The compliant network plus an untiered subnet "app-a" using table "app-rt" with `routes`. */
function untiered(routes: object[], subnetTags: Record<string, string> = {}): Resource[] {
  const { r, all } = compliant();
  const subnet = res(
    EC2_SUBNET,
    "app-a",
    { vpcId: U, cidrBlock: "10.0.40.0/24", tags: subnetTags },
    { refs: { vpcId: [r.vpc] } },
  );
  const table = res(EC2_ROUTE_TABLE, "app-rt", { vpcId: U, routes }, { refs: { vpcId: [r.vpc] } });
  const association = res(
    EC2_ROUTE_TABLE_ASSOCIATION,
    "app-a-rta",
    { subnetId: U, routeTableId: U },
    { refs: { subnetId: [subnet], routeTableId: [table] } },
  );
  return all(subnet, table, association);
}

/** What `p` finds on the subnet "app-a" (its message), or undefined. */
async function onSubnet(p: ReturnType<typeof policy>, resources: Resource[]) {
  return (await violations(p, resources)).find((f) => f.startsWith("app-a:"));
}

describe("ec2-compute-subnet-no-default-route: untiered subnets with private egress", () => {
  it("an untiered subnet whose routes stay in the VPC is no compute subnet, and passes", async () => {
    const routes = [{ cidrBlock: "172.16.0.0/12", transitGatewayId: "tgw-0abc" }];
    expect(await violations(core, untiered(routes))).to.deep.equal([]);
  });
  it("an untiered subnet with a default route to an internet gateway is public, and passes", async () => {
    const routes = [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0abc" }];
    expect(await violations(core, untiered(routes))).to.deep.equal([]);
  });
  for (const [target, route] of [
    ["a NAT gateway", { cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0abc" }],
    [
      "a NAT instance (CKV2_AWS_35 failing fixture)",
      { cidrBlock: "0.0.0.0/0", instanceId: "i-0abc" },
    ],
    ["a network interface", { cidrBlock: "0.0.0.0/0", networkInterfaceId: "eni-0abc" }],
    [
      "an egress-only internet gateway",
      { ipv6CidrBlock: "::/0", egressOnlyGatewayId: "eigw-0abc" },
    ],
    ["a transit gateway", { cidrBlock: "0.0.0.0/0", transitGatewayId: "tgw-0abc" }],
  ] as const) {
    it(`the same subnet with a default route to ${target} is private: a mandatory finding`, async () => {
      const found = await onSubnet(core, untiered([route]));
      expect(found).to.contain("untiered, with a default route to").and.contain("default route");
      const report = await evaluate(core, untiered([route]));
      expect([...new Set(report.violations.map((v) => v.enforcementLevel))]).to.deep.equal([
        "mandatory",
      ]);
    });
  }
  it("a tier tag outranks the route: tier=public with a NAT route is left to the tag", async () => {
    const routes = [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0abc" }];
    expect(await violations(core, untiered(routes, { tier: "public" }))).to.deep.equal([]);
  });
  it("a dual-stack public subnet (IPv4 to the internet gateway, IPv6 egress-only) stays public", async () => {
    const routes = [
      { cidrBlock: "0.0.0.0/0", gatewayId: "igw-0abc" },
      { ipv6CidrBlock: "::/0", egressOnlyGatewayId: "eigw-0abc" },
    ];
    expect(await violations(core, untiered(routes))).to.deep.equal([]);
  });
});

describe("ec2-route-table-private-egress", () => {
  it("the compliant network passes", passesCompliantNetwork("ec2-route-table-private-egress"));

  /** A table "egress-rt" no subnet uses, with `routes` inline and `extra` resources. */
  const unused = (routes: object[], ...extra: ((table: Resource) => Resource[])[]) => {
    const { r, all } = compliant();
    const table = res(
      EC2_ROUTE_TABLE,
      "egress-rt",
      { vpcId: U, routes },
      { refs: { vpcId: [r.vpc] } },
    );
    return { r, resources: all(table, ...extra.flatMap((f) => f(table))), table };
  };

  it("CKV2_AWS_35 failing fixture aws_route_table_not_ok: 0.0.0.0/0 to an instance, no subnet", async () => {
    const { resources } = unused([{ cidrBlock: "0.0.0.0/0", instanceId: "i-0abc" }]);
    const report = await evaluate(advisory, resources);
    expect(report.violations.map((v) => `${v.enforcementLevel} ${v.name}`)).to.deep.equal([
      "advisory egress-rt",
    ]);
    expect(report.violations[0].detail).to.contain("0.0.0.0/0 → instance i-0abc");
    expect(await violations(core, resources)).to.deep.equal([]);
  });
  it("CKV2_AWS_35 failing fixture aws_route_not_ok: an aws.ec2.Route to an instance", async () => {
    const route = (table: Resource) => [
      res(
        EC2_ROUTE,
        "aws_route_not_ok",
        { routeTableId: U, destinationCidrBlock: "0.0.0.0/0", instanceId: "i-0abc" },
        { refs: { routeTableId: [table] } },
      ),
    ];
    const { resources } = unused([], route);
    expect(await violations(advisory, resources)).to.have.length(1);
  });
  it("a NAT gateway route in a table no subnet uses", async () => {
    const { r, all } = compliant();
    const nat = natGateway(r);
    const table = res(EC2_ROUTE_TABLE, "egress-rt", { vpcId: U }, { refs: { vpcId: [r.vpc] } });
    const found = await violations(advisory, all(nat, table, natRoute("to-nat", table, nat)));
    expect(found).to.have.length(1);
    expect(found[0]).to.contain('NAT gateway "nat"');
  });
  it("CKV2_AWS_35 passing fixtures: a table routing 10.0.1.0/24, or one with no routes", async () => {
    const { resources } = unused([{ cidrBlock: "10.0.1.0/24", gatewayId: "igw-0abc" }]);
    expect(await violations(advisory, resources)).to.deep.equal([]);
  });
  it("a table a subnet of the stack uses is the core rule's, not this advisory's", async () => {
    const resources = untiered([{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0abc" }]);
    expect(await violations(advisory, resources)).to.deep.equal([]);
    expect(await violations(core, resources)).to.not.deep.equal([]);
  });
  it("an association naming a table by literal id counts as a use", async () => {
    const { resources } = unused([{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0abc" }]);
    const withId = resources.map((x) =>
      x.name === "egress-rt"
        ? res(
            EC2_ROUTE_TABLE,
            "egress-rt",
            { ...x.inputs, id: "rtb-0egress" },
            {
              outputs: { ...x.inputs, id: "rtb-0egress" },
            },
          )
        : x,
    );
    const association = res(EC2_ROUTE_TABLE_ASSOCIATION, "elsewhere", {
      subnetId: "subnet-0other",
      routeTableId: "rtb-0egress",
    });
    expect(await violations(advisory, [...withId, association])).to.deep.equal([]);
    const other = res(EC2_ROUTE_TABLE_ASSOCIATION, "elsewhere", {
      subnetId: "subnet-0other",
      routeTableId: "rtb-0other",
    });
    expect(await violations(advisory, [...withId, other])).to.have.length(1);
  });
  it("a waived table is reported as waived", async () => {
    const { resources } = unused([{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0abc" }]);
    const reason = "egress for the reviewed patching workload of another stack";
    const waived = resources.map((x) =>
      x.name === "egress-rt"
        ? res(EC2_ROUTE_TABLE, "egress-rt", {
            ...x.inputs,
            tags: { "waiver:ec2-route-table-private-egress": reason },
          })
        : x,
    );
    const report = await evaluate(advisory, waived);
    expect(report.violations).to.deep.equal([]);
    expect(report.waived.map((w) => w.waiver.reason)).to.deep.equal([reason]);
  });
});
