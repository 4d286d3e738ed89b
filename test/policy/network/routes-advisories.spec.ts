// The advisory route rules of policy-pack/policies/network/routes.ts (the core rule's cases are in
// routes.spec.ts): a compute subnet whose routes cannot be verified (a VPC the stack does not
// manage, propagated routes) and a peering route that carries the default route.
import { expect } from "chai";
import type { RecordedResource } from "../../../tools/lib/recorder";
import { policy, res, UNKNOWN as U, violations } from "../fixture";
import { compliant, passesCompliantNetwork, swap } from "../fixtures/network";
import {
  EC2_ROUTE,
  EC2_ROUTE_TABLE,
  EC2_SUBNET,
  EC2_VPC_PEERING_CONNECTION,
} from "../../../policy-pack/lib/types";

const core = policy("ec2-compute-subnet-no-default-route");

describe("ec2-compute-subnet-route-table-verifiable", () => {
  describe("Noncompliance", () => {
    it("leaves a compute subnet in a VPC the stack does not manage to the advisory verifiable policy", async () => {
      const { all } = compliant();
      const s = res(EC2_SUBNET, "ext-compute", {
        vpcId: "vpc-0existing",
        cidrBlock: "10.9.0.0/24",
        tags: { tier: "compute" },
      });
      expect(await violations(core, all(s))).to.deep.equal([]);
      const found = await violations(policy("ec2-compute-subnet-route-table-verifiable"), all(s));
      expect(found).to.have.length(1);
      expect(found[0]).to.contain('subnet "ext-compute"').and.contain("vpc-0existing");
    });
    it("judges a compute subnet without an association by its own VPC's main table at preview", async () => {
      // The VPC's mainRouteTableId is unknown at preview and no DefaultRouteTable manages the
      // table: it is still this stack's VPC's main table (only the local route), not "a VPC not in
      // this stack".
      const { r, all } = compliant();
      const s = res(
        EC2_SUBNET,
        "unassociated",
        { vpcId: U, cidrBlock: "10.0.9.0/24", tags: { tier: "compute" } },
        { refs: { vpcId: [r.vpc] } },
      );
      const withoutMainRt = (...extra: RecordedResource[]) =>
        all(s, ...extra).filter((x) => x.name !== "main-rt");
      const verifiable = policy("ec2-compute-subnet-route-table-verifiable");
      expect(await violations(verifiable, withoutMainRt())).to.deep.equal([]);
      expect(await violations(core, withoutMainRt())).to.deep.equal([]);
      // A default route the stack adds on `vpc.mainRouteTableId` is the core rule's finding.
      const igwRoute = res(
        EC2_ROUTE,
        "main-default",
        { routeTableId: U, destinationCidrBlock: "0.0.0.0/0", gatewayId: U },
        { refs: { routeTableId: [r.vpc], gatewayId: [r.igw] } },
      );
      const found = await violations(core, withoutMainRt(igwRoute));
      expect(found).to.have.length(2);
      for (const f of found)
        expect(f)
          .to.contain('subnet "unassociated"')
          .and.contain('the main route table of VPC "main"');
      expect(await violations(verifiable, withoutMainRt(igwRoute))).to.deep.equal([]);
    });
    it("flags route propagation into a compute route table as unverifiable", async () => {
      const { r, all } = compliant();
      const rt = res(
        EC2_ROUTE_TABLE,
        "compute-rt",
        { vpcId: U, propagatingVgws: [U] },
        { refs: { vpcId: [r.vpc] } },
      );
      const found = await violations(
        policy("ec2-compute-subnet-route-table-verifiable"),
        swap(all(), rt),
      );
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("propagates routes");
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant network passes",
      passesCompliantNetwork("ec2-compute-subnet-route-table-verifiable"),
    );
  });
});

describe("ec2-route-peering-not-default", () => {
  const p = policy("ec2-route-peering-not-default");

  describe("Noncompliance", () => {
    it("passes a peering route to the peer's CIDR and catches one to 0.0.0.0/0", async () => {
      const { r, all } = compliant();
      const peer = res(EC2_VPC_PEERING_CONNECTION, "peer", { vpcId: U, peerVpcId: "vpc-0peer" });
      const ok = res(
        EC2_ROUTE,
        "to-peer",
        { routeTableId: U, destinationCidrBlock: "10.50.0.0/16", vpcPeeringConnectionId: U },
        { refs: { routeTableId: [r.dataRt], vpcPeeringConnectionId: [peer] } },
      );
      expect(await violations(p, all(peer, ok))).to.deep.equal([]);
      const bad = res(
        EC2_ROUTE,
        "to-peer",
        { routeTableId: U, destinationCidrBlock: "0.0.0.0/0", vpcPeeringConnectionId: U },
        { refs: { routeTableId: [r.dataRt], vpcPeeringConnectionId: [peer] } },
      );
      expect(await violations(p, all(peer, bad))).to.deep.equal([
        "to-peer: this route sends 0.0.0.0/0 to a VPC peering connection.",
      ]);
    });
  });

  describe("Checkov CKV2_AWS_44 (VPCPeeringRouteTableOverlyPermissive)", () => {
    it("catches the default route written without a prefix: 0.0.0.0 and ::0", async () => {
      const { r, all } = compliant();
      const peer = res(EC2_VPC_PEERING_CONNECTION, "peer", { vpcId: U, peerVpcId: "vpc-0peer" });
      const table = res(
        EC2_ROUTE_TABLE,
        "peers",
        { vpcId: U, routes: [{ cidrBlock: "0.0.0.0", vpcPeeringConnectionId: "pcx-45ff3dc1" }] },
        { refs: { vpcId: [r.vpc] } },
      );
      const route = res(
        EC2_ROUTE,
        "to-peer",
        { routeTableId: U, destinationIpv6CidrBlock: "::0", vpcPeeringConnectionId: U },
        { refs: { routeTableId: [r.dataRt], vpcPeeringConnectionId: [peer] } },
      );
      expect(await violations(p, all(peer, table, route))).to.deep.equal([
        "peers: inline route #1 sends 0.0.0.0 to a VPC peering connection.",
        "to-peer: this route sends ::0 to a VPC peering connection.",
      ]);
    });
  });

  describe("KICS 'VPC Peering Route Table with Unrestricted CIDR'", () => {
    // Every KICS positive puts the 0.0.0.0/0 peering route in a table no subnet uses: no subnet's
    // traffic follows it (VPC User Guide, "Subnet route tables"), so the finding stays advisory.
    // The same route in a compute or data subnet's table is the core rule's mandatory finding.
    const peer = res(EC2_VPC_PEERING_CONNECTION, "avpv", { vpcId: U, peerVpcId: "vpc-0peer" });
    const routes = [
      { cidrBlock: "10.0.0.0/24", natGatewayId: "nat-0123456789abcdef0" },
      { cidrBlock: "0.0.0.0/0", vpcPeeringConnectionId: U },
    ];
    it("positive4: an inline 0.0.0.0/0 peering route in a table no subnet uses is advisory", async () => {
      const { r, all } = compliant();
      const rt = res(
        EC2_ROUTE_TABLE,
        "art_nat_gw_out",
        { vpcId: U, routes },
        { refs: { vpcId: [r.vpc], routes: [peer] } },
      );
      expect(await violations(p, all(peer, rt))).to.have.length(1);
      expect(await violations(core, all(peer, rt))).to.deep.equal([]);
    });
    it("positive3's route in the private subnet's table is a mandatory finding of the core rule", async () => {
      const { r, all } = compliant();
      const bad = res(
        EC2_ROUTE,
        "to-peer",
        { routeTableId: U, destinationCidrBlock: "0.0.0.0/0", vpcPeeringConnectionId: U },
        { refs: { routeTableId: [r.dataRt], vpcPeeringConnectionId: [peer] } },
      );
      expect(await violations(core, all(peer, bad))).to.not.deep.equal([]);
      expect(core.enforcementLevel).to.equal("mandatory");
    });
  });

  describe("Compliance", () => {
    it("the compliant network passes", passesCompliantNetwork("ec2-route-peering-not-default"));
  });
});
