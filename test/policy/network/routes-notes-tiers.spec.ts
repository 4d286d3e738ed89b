// ec2-compute-subnet-no-default-route, continued from ./routes.spec.ts: values unknown at preview
// are preview notes, never passes; a default route written as a prefix list or without a prefix
// length is still one; and which subnets count as compute (tier tags, custom tier tags, names).
import { expect } from "chai";
import { policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import {
  compliant,
  internetRouteTable,
  passesCompliantNetwork,
  swap,
  without,
} from "../fixtures/network";
import {
  EC2_MANAGED_PREFIX_LIST,
  EC2_ROUTE,
  EC2_ROUTE_TABLE_ASSOCIATION,
  EC2_SUBNET,
  LAMBDA_FUNCTION,
} from "../../../policy-pack/lib/types";

const core = policy("ec2-compute-subnet-no-default-route");

describe("ec2-compute-subnet-no-default-route", () => {
  describe("Noncompliance", () => {
    it("turns an association with an unknown subnet into a preview note, never a pass", async () => {
      const { r, all } = compliant();
      const bad = internetRouteTable(r, "shadow-rt");
      const floating = res(
        EC2_ROUTE_TABLE_ASSOCIATION,
        "mystery-rta",
        { subnetId: U, routeTableId: U },
        { refs: { routeTableId: [bad] } },
      );
      const stack = without(all(bad, floating), "compute-a-rta");
      expect(await violations(core, stack)).to.deep.equal([]);
      const notes = await previewNotes(core, stack);
      expect(notes).to.have.length(1);
      expect(notes[0])
        .to.contain(
          "can't run policy 'ec2-compute-subnet-no-default-route' from policy pack 'platform-guardrails@v0.1.0' during preview",
        )
        .and.contain('"mystery-rta"')
        .and.contain('subnet "compute-a"');
    });
    it("turns compute with unknown subnets (no property dependency) into a preview note", async () => {
      const { all } = compliant();
      const fn = res(LAMBDA_FUNCTION, "orphan-fn", {
        vpcConfig: { subnetIds: [U], securityGroupIds: [U] },
      });
      const notes = await previewNotes(core, all(fn));
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain('Lambda function "orphan-fn"');
    });
    it("turns a default route whose route table is unknown into a preview note", async () => {
      const { all } = compliant();
      const route = res(EC2_ROUTE, "stray", {
        routeTableId: U,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: "nat-0abc",
      });
      expect(await violations(core, all(route))).to.deep.equal([]);
      const notes = await previewNotes(core, all(route));
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain("stray");
    });
    it("treats a prefix-list destination holding 0.0.0.0/0 as a default route", async () => {
      const { r, all } = compliant();
      const pl = res(EC2_MANAGED_PREFIX_LIST, "everything", {
        addressFamily: "IPv4",
        maxEntries: 1,
        entries: [{ cidr: "0.0.0.0/0" }],
      });
      const route = res(
        EC2_ROUTE,
        "compute-pl",
        { routeTableId: U, destinationPrefixListId: U, transitGatewayId: "tgw-0abc1234" },
        { refs: { routeTableId: [r.computeRt], destinationPrefixListId: [pl] } },
      );
      const found = await violations(core, all(pl, route));
      expect(found.find((f) => f.startsWith("compute-pl:"))).to.contain("transit gateway");
    });
    it("treats the all-zero address written without a prefix (0.0.0.0, ::0) as a default route", async () => {
      const { r, all } = compliant();
      const bare = (name: string, dest: Record<string, string>) =>
        res(
          EC2_ROUTE,
          name,
          { routeTableId: U, transitGatewayId: "tgw-0abc1234", ...dest },
          { refs: { routeTableId: [r.computeRt] } },
        );
      const found = await violations(
        core,
        all(
          bare("bare-v4", { destinationCidrBlock: "0.0.0.0" }),
          bare("bare-v6", { destinationIpv6CidrBlock: "::0" }),
          bare("host", { destinationCidrBlock: "10.1.2.3" }),
        ),
      );
      expect(found.find((f) => f.startsWith("bare-v4:"))).to.contain("sends 0.0.0.0 to");
      expect(found.find((f) => f.startsWith("bare-v6:"))).to.contain("sends ::0 to");
      expect(found.some((f) => f.startsWith("host:"))).to.equal(false);
    });
    it("honours a custom tier tag", async () => {
      const { r, all } = compliant();
      const s = res(
        EC2_SUBNET,
        "public-a",
        { vpcId: U, tags: { layer: "app" } },
        { refs: { vpcId: [r.vpc] } },
      );
      const config = {
        "ec2-compute-subnet-no-default-route": { tierTagKey: "layer", computeTierValues: ["app"] },
      };
      const found = await violations(core, swap(all(), s), config);
      expect(found.find((f) => f.startsWith("public-a:"))).to.contain("tagged layer=app");
    });
  });

  describe("Noncompliance: private subnets", () => {
    // The public subnet of the compliant network, routed to the internet gateway, relabelled.
    const relabelled = (tags: Record<string, string>) => {
      const { r, all } = compliant();
      const s = res(EC2_SUBNET, "public-a", { vpcId: U, tags }, { refs: { vpcId: [r.vpc] } });
      return swap(all(), s);
    };
    it("counts a subnet tagged Tier=Private (any case) as compute", async () => {
      const found = await violations(core, relabelled({ Tier: "Private" }));
      expect(found.find((f) => f.startsWith("public-a:"))).to.contain("tagged Tier=Private");
    });
    it("counts an untiered subnet named as private as compute", async () => {
      const found = await violations(core, relabelled({ Name: "app-private-a" }));
      expect(found.find((f) => f.startsWith("public-a:"))).to.contain('named "app-private-a"');
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant network passes",
      passesCompliantNetwork("ec2-compute-subnet-no-default-route"),
    );
    it("a tier tag outranks the name, and a name only containing the letters is no word", async () => {
      for (const tags of [{ tier: "public", Name: "private-a" }, { Name: "privateer-a" }]) {
        const { r, all } = compliant();
        const s = res(EC2_SUBNET, "public-a", { vpcId: U, tags }, { refs: { vpcId: [r.vpc] } });
        const found = await violations(core, swap(all(), s));
        expect(found.filter((f) => f.startsWith("public-a:"))).to.deep.equal([]);
      }
    });
  });
});
