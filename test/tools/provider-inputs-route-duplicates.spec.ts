// A Route whose destination its route table already has (route-duplicates.ts): the provider's
// create refuses it at `pulumi up` ("Route in Route Table (...) with destination (...) already
// exists"), whether the other route is inline on the table or another Route. Nothing unknown is
// judged, nor inline routes of a table the stack does not declare.
import { expect } from "chai";
import type { EngineResource } from "../../tools/lib/engine/monitor";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../tools/lib/engine/wire";
import { refusedAcrossPhases } from "../../tools/lib/provider-checks";

const META = { stack: "dev", project: "app" };
const TABLE = "aws:ec2/routeTable:RouteTable";
const ROUTE = "aws:ec2/route:Route";

describe("provider inputs: a route whose destination its table already has", () => {
  const table = (inputs: Record<string, unknown>, id: unknown = "rtb-1"): EngineResource =>
    handBuiltResource(
      TABLE,
      "public",
      { vpcId: "vpc-1", routes: [{ cidrBlock: "10.1.0.0/16", gatewayId: "igw-1" }], ...inputs },
      { ...META, outputs: { id } },
    );
  const route = (name: string, inputs: Record<string, unknown>): EngineResource =>
    handBuiltResource(
      ROUTE,
      name,
      {
        routeTableId: "rtb-1",
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: "igw-1",
        ...inputs,
      },
      { ...META, outputs: {} },
    );
  const refused = (...resources: EngineResource[]) =>
    refusedAcrossPhases([{ phase: "apply", resources }]).filter((r) =>
      r.says.some((s) => s.includes("already exists")),
    );

  it("accepts a Route to a destination the table has no route for: the compliant fixture", () => {
    expect(refused(table({}), route("default", {}))).to.deep.equal([]);
  });

  it("refuses a Route to the destination of one of the table's inline routes", () => {
    const inline = table({ routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] });
    const [dup, ...more] = refused(inline, route("default", {}));
    expect(more).to.deep.equal([]);
    expect([dup.resource.name, dup.prop, dup.value, dup.by, dup.phases]).to.deep.equal([
      "default",
      "destinationCidrBlock",
      "0.0.0.0/0",
      "aws",
      ["apply"],
    ]);
    expect(dup.says).to.deep.equal([
      "Route in Route Table (rtb-1) with destination (0.0.0.0/0) already exists: an inline route of the table (its `routes` input) has the same destination",
    ]);
    expect(dup.fix).to.include("never both on one table");
    // An imported table (`import: "rtb-..."`) holds its inline routes already: judged the same.
    const imported = handBuiltResource(
      TABLE,
      "imported",
      { vpcId: "vpc-1", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] },
      { ...META, outputs: { id: "rtb-1" }, options: { importId: "rtb-1" } },
    );
    expect(refused(imported, route("default", {}))).to.have.length(1);
    expect(dup.source).to.include("RouteAlreadyExists");
  });

  it("refuses the second of two Routes to one destination of one table", () => {
    const [dup, ...more] = refused(table({}), route("first", {}), route("second", {}));
    expect(more).to.deep.equal([]);
    expect(dup.resource.name).to.equal("second");
    expect(dup.says[0]).to.include('the Route "first" has the same destination');
    // A table the stack does not declare (the VPC's main table, one read by id): two Routes to
    // one destination of it are duplicates all the same.
    const [main, ...also] = refused(
      route("main-a", { routeTableId: "rtb-main" }),
      route("main-b", { routeTableId: "rtb-main" }),
    );
    expect(also).to.deep.equal([]);
    expect(main.resource.name).to.equal("main-b");
    expect(main.says[0]).to.include("Route Table (rtb-main)");
    // Another table, or another destination, is no duplicate.
    expect(
      refused(table({}), route("first", {}), route("second", { routeTableId: "rtb-2" })),
    ).to.deep.equal([]);
    expect(
      refused(
        table({}),
        route("first", {}),
        route("second", { destinationCidrBlock: "10.2.0.0/16" }),
      ),
    ).to.deep.equal([]);
  });

  it("matches IPv6 blocks and prefix lists by their own kind only", () => {
    const v6 = table({ routes: [{ ipv6CidrBlock: "::/0", egressOnlyGatewayId: "eigw-1" }] });
    const [dup] = refused(
      v6,
      route("v6", { destinationCidrBlock: undefined, destinationIpv6CidrBlock: "::/0" }),
    );
    expect([dup.prop, dup.value]).to.deep.equal(["destinationIpv6CidrBlock", "::/0"]);
    // An IPv6 block is the same in any case and any zero-compression.
    const v6Route = (name: string, block: string) =>
      route(name, { destinationCidrBlock: undefined, destinationIpv6CidrBlock: block });
    const [same, ...other] = refused(
      table({}),
      v6Route("d3", "2600:1F18::/56"),
      v6Route("d4", "2600:1f18:0:0::/56"),
    );
    expect(other).to.deep.equal([]);
    expect([same.resource.name, same.value]).to.deep.equal(["d4", "2600:1f18:0:0::/56"]);
    const upper = table({ routes: [{ ipv6CidrBlock: "2600:1F18:0000::/56" }] });
    expect(refused(upper, v6Route("v6", "2600:1f18::/56"))).to.have.length(1);
    expect(
      refused(table({}), v6Route("a", "2600:1f18::/56"), v6Route("b", "2600:1f19::/56")),
    ).to.deep.equal([]);
    const pl = table({ routes: [{ destinationPrefixListId: "pl-1", gatewayId: "igw-1" }] });
    expect(
      refused(
        pl,
        route("pl", { destinationCidrBlock: undefined, destinationPrefixListId: "pl-1" }),
      ),
    ).to.have.length(1);
    expect(refused(pl, route("v4", {}))).to.deep.equal([]);
  });

  it("judges nothing it cannot know", () => {
    const inline = () => table({ routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] });
    const secret = { [SIG_KEY]: SECRET_SIG, value: "0.0.0.0/0" };
    for (const [what, resources] of [
      // At preview the table's id, and so the Route's routeTableId, is unknown.
      [
        "unknown table id",
        [
          table({ routes: [{ cidrBlock: "0.0.0.0/0" }] }, UNKNOWN),
          route("r", { routeTableId: UNKNOWN }),
        ],
      ],
      ["unknown destination", [inline(), route("r", { destinationCidrBlock: UNKNOWN })]],
      ["secret destination", [inline(), route("r", { destinationCidrBlock: secret })]],
      // A table the stack does not declare: its inline routes are not known.
      ["table not in the stack", [route("a", { routeTableId: "rtb-main" })]],
    ] as const) {
      expect(refused(...(resources as readonly EngineResource[])), what).to.deep.equal([]);
    }
  });
});
