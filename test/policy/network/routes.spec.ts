// Routes from compute subnets: no default route (core, mandatory), correlated through property
// dependencies at preview and literal ids after apply; a waiver on the route table withholds a
// route's finding and lists it as waived. Unknown values (preview notes, never passes), the forms
// of a default route and the tiers that count as compute: ./routes-notes-tiers.spec.ts.
import { expect } from "chai";
import type { RecordedResource } from "../../../tools/lib/recorder";
import { evaluate, policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import {
  compliant,
  expectPlacementJudged,
  hostIn,
  internetRouteTable,
  natGateway,
  natRoute,
  swap,
  without,
} from "../fixtures/network";
import {
  CODEBUILD_PROJECT,
  EC2_DEFAULT_ROUTE_TABLE,
  EC2_EGRESS_ONLY_INTERNET_GATEWAY,
  EC2_INSTANCE,
  EC2_MAIN_ROUTE_TABLE_ASSOCIATION,
  EC2_ROUTE,
  EC2_ROUTE_TABLE,
  EC2_ROUTE_TABLE_ASSOCIATION,
  EC2_FLEET,
  EC2_SPOT_FLEET_REQUEST,
  EC2_SPOT_INSTANCE_REQUEST,
  ECS_SERVICE,
  LAMBDA_FUNCTION,
} from "../../../policy-pack/lib/types";

const core = policy("ec2-compute-subnet-no-default-route");

describe("ec2-compute-subnet-no-default-route", () => {
  describe("Noncompliance", () => {
    it("catches an inline default route in a compute route table", async () => {
      const { r, all } = compliant();
      const nat = natGateway(r);
      const bad = res(
        EC2_ROUTE_TABLE,
        "compute-rt",
        {
          vpcId: U,
          routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: U }],
          tags: { Name: "compute-rt" },
        },
        { refs: { vpcId: [r.vpc], routes: [nat] } },
      );
      const found = await violations(core, swap(all(nat), bad));
      expect(found).to.have.length(2);
      expect(found.find((f) => f.startsWith("compute-rt:")))
        .to.contain(
          'an inline route of route table "compute-rt" sends 0.0.0.0/0 to NAT gateway "nat"',
        )
        .and.contain('subnet "compute-a"');
      expect(found.find((f) => f.startsWith("compute-a:")))
        .to.contain("tagged tier=compute")
        .and.contain('route table "compute-rt"');
    });
    it("catches a separate Route 0.0.0.0/0 → NAT gateway", async () => {
      const { r, all } = compliant();
      const nat = natGateway(r);
      const route = natRoute("compute-egress", r.computeRt, nat);
      const found = await violations(core, all(nat, route));
      expect(found.find((f) => f.startsWith("compute-egress:")))
        .to.contain(
          'route "compute-egress" in route table "compute-rt" sends 0.0.0.0/0 to NAT gateway "nat"',
        )
        .and.contain('subnet "compute-a"')
        .and.contain('hosts ECS service "api"');
      expect(found.some((f) => f.startsWith("compute-a:"))).to.equal(true);
    });
    it("catches ::/0 → egress-only internet gateway from a data subnet", async () => {
      const { r, all } = compliant();
      const eigw = res(
        EC2_EGRESS_ONLY_INTERNET_GATEWAY,
        "eigw",
        { vpcId: U },
        { refs: { vpcId: [r.vpc] } },
      );
      const route = res(
        EC2_ROUTE,
        "data-v6",
        { routeTableId: U, destinationIpv6CidrBlock: "::/0", egressOnlyGatewayId: U },
        { refs: { routeTableId: [r.dataRt], egressOnlyGatewayId: [eigw] } },
      );
      const found = await violations(core, all(eigw, route));
      expect(found).to.have.length(2);
      expect(found.find((f) => f.startsWith("data-v6:")))
        .to.contain('sends ::/0 to egress-only internet gateway "eigw"')
        .and.contain("tagged tier=data");
    });
    it("catches a subnet without association that falls back to a main route table set by MainRouteTableAssociation", async () => {
      const { r, all } = compliant();
      const mainTable = internetRouteTable(r, "new-main");
      const main = res(
        EC2_MAIN_ROUTE_TABLE_ASSOCIATION,
        "main-assoc",
        { vpcId: U, routeTableId: U },
        { refs: { vpcId: [r.vpc], routeTableId: [mainTable] } },
      );
      const found = await violations(core, without(all(mainTable, main), "compute-a-rta"));
      expect(found.find((f) => f.startsWith("compute-a:")))
        .to.contain('main route table association "main-assoc"')
        .and.contain('0.0.0.0/0 → internet gateway "igw"');
      expect(found.some((f) => f.startsWith("new-main:"))).to.equal(true);
    });
    it("catches a subnet without association that falls back to a DefaultRouteTable with a default route", async () => {
      const { r, all } = compliant();
      const drt = res(
        EC2_DEFAULT_ROUTE_TABLE,
        "main-rt",
        { defaultRouteTableId: U, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: U }] },
        { refs: { defaultRouteTableId: [r.vpc], routes: [r.igw] } },
      );
      const found = await violations(core, without(swap(all(), drt), "compute-a-rta"));
      expect(found.find((f) => f.startsWith("compute-a:")))
        .to.contain('default route table "main-rt"')
        .and.contain("the VPC's main route table");
      expect(found.find((f) => f.startsWith("main-rt:"))).to.contain("internet gateway");
    });
    it("catches a Route added to the VPC's implicit main route table (vpc.mainRouteTableId)", async () => {
      const { r, all } = compliant();
      const route = res(
        EC2_ROUTE,
        "main-default",
        { routeTableId: U, destinationCidrBlock: "0.0.0.0/0", gatewayId: U },
        { refs: { routeTableId: [r.vpc], gatewayId: [r.igw] } },
      );
      const found = await violations(core, without(all(route), "compute-a-rta", "main-rt"));
      expect(found.find((f) => f.startsWith("main-default:"))).to.contain(
        'the main route table of VPC "main"',
      );
    });
    /** Compute of `type` whose input `prop` holds a subnet (by property dependency). */
    for (const [kind, make] of [
      [
        "an ECS service",
        hostIn(ECS_SERVICE, "worker", "networkConfiguration", {
          networkConfiguration: { subnets: [U] },
        }),
      ],
      [
        "an EC2 instance",
        hostIn(EC2_INSTANCE, "box", "subnetId", {
          subnetId: U,
          metadataOptions: { httpTokens: "required" },
        }),
      ],
      [
        "a Spot instance request",
        hostIn(EC2_SPOT_INSTANCE_REQUEST, "spot", "subnetId", { subnetId: U, spotPrice: "0.01" }),
      ],
      [
        "a Spot fleet's launch specification",
        hostIn(EC2_SPOT_FLEET_REQUEST, "fleet", "launchSpecifications", {
          launchSpecifications: [{ ami: "ami-0123456789abcdef0", subnetId: U }],
        }),
      ],
      [
        "a Spot fleet's launch template override",
        hostIn(EC2_SPOT_FLEET_REQUEST, "fleet", "launchTemplateConfigs", {
          launchTemplateConfigs: [
            { launchTemplateSpecification: { id: U }, overrides: [{ subnetId: U }] },
          ],
        }),
      ],
      [
        "an EC2 Fleet's launch template override",
        hostIn(EC2_FLEET, "fleet", "launchTemplateConfigs", {
          launchTemplateConfigs: [
            { launchTemplateSpecification: { version: "1" }, overrides: [{ subnetId: U }] },
          ],
        }),
      ],
      [
        "a Lambda function",
        hostIn(LAMBDA_FUNCTION, "fn", "vpcConfig", {
          vpcConfig: { subnetIds: [U], securityGroupIds: [U] },
        }),
      ],
      [
        "a CodeBuild project",
        hostIn(CODEBUILD_PROJECT, "build", "vpcConfig", {
          vpcConfig: { vpcId: U, subnets: [U], securityGroupIds: [U] },
        }),
      ],
    ] as const) {
      it(`counts an untagged subnet that hosts ${kind} as compute`, () =>
        expectPlacementJudged(make));
    }
    it("correlates through literal ids (existing subnet and tables, no property dependencies)", async () => {
      const { all } = compliant();
      const rt = res(
        EC2_ROUTE_TABLE,
        "legacy-rt",
        { vpcId: "vpc-0legacy", routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0legacy" }] },
        {
          outputs: {
            id: "rtb-0legacy",
            vpcId: "vpc-0legacy",
            routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0legacy" }],
          },
        },
      );
      const a = res(EC2_ROUTE_TABLE_ASSOCIATION, "legacy-rta", {
        subnetId: "subnet-0legacy",
        routeTableId: "rtb-0legacy",
      });
      const fn = res(LAMBDA_FUNCTION, "legacy-fn", {
        vpcConfig: { subnetIds: ["subnet-0legacy"], securityGroupIds: ["sg-0legacy"] },
      });
      const found = await violations(core, all(rt, a, fn));
      expect(found.find((f) => f.startsWith("legacy-fn:")))
        .to.contain("subnet subnet-0legacy")
        .and.contain('route table "legacy-rt"');
      expect(found.find((f) => f.startsWith("legacy-rt:"))).to.contain(
        "sends 0.0.0.0/0 to NAT gateway nat-0legacy",
      );
    });
    it("correlates an up-style stack where values are literal ids and dependencies are present", async () => {
      const { r, all } = compliant();
      const withIds = (x: RecordedResource, inputs: Record<string, any>) =>
        res(
          x.type,
          x.name,
          { ...x.inputs, ...inputs },
          {
            refs: Object.fromEntries(
              Object.entries(x.propertyDependencies).map(([k, urns]) => [
                k,
                urns.map((u) => all().find((y) => y.urn === u)!),
              ]),
            ),
          },
        );
      const nat = natGateway(r, { subnetId: "subnet-0pub" });
      const route = res(
        EC2_ROUTE,
        "compute-egress",
        {
          routeTableId: "rtb-0compute",
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: "nat-0abc",
        },
        { refs: { routeTableId: [r.computeRt], natGatewayId: [nat] } },
      );
      const assoc = withIds(r.computeAssoc, {
        subnetId: "subnet-0compute",
        routeTableId: "rtb-0compute",
      });
      const found = await violations(core, swap(all(nat, route), assoc));
      expect(found.find((f) => f.startsWith("compute-egress:"))).to.contain('subnet "compute-a"');
      expect(await previewNotes(core, swap(all(nat, route), assoc))).to.deep.equal([]);
    });
    it("reports a waived NAT route (route-table waiver tag) as waived, with its reason, not as a violation", async () => {
      const { r, all } = compliant();
      const reason =
        "AI environment calls model APIs through NAT; reviewed by security, ticket SEC-142";
      const aiRt = res(
        EC2_ROUTE_TABLE,
        "compute-rt",
        {
          vpcId: U,
          tags: { Name: "compute-rt", "waiver:ec2-compute-subnet-no-default-route": reason },
        },
        { refs: { vpcId: [r.vpc] } },
      );
      const nat = natGateway(r, { subnetId: U });
      const route = natRoute("ai-egress", aiRt, nat);
      const report = await evaluate(core, swap(all(nat, route), aiRt));
      expect(report.violations).to.deep.equal([]);
      expect(report.waived.map((w) => w.name).sort()).to.deep.equal(["ai-egress", "compute-a"]);
      for (const w of report.waived) {
        expect(w.policy).to.equal("ec2-compute-subnet-no-default-route");
        expect(w.waiver.reason).to.equal(reason);
        expect(w.message).to.contain("NAT gateway");
      }
    });
    it("does not accept a too-short waiver reason", async () => {
      const { r, all } = compliant();
      const rt = res(
        EC2_ROUTE_TABLE,
        "compute-rt",
        {
          vpcId: U,
          routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0abc" }],
          tags: { "waiver:ec2-compute-subnet-no-default-route": "ok" },
        },
        { refs: { vpcId: [r.vpc] } },
      );
      expect(await violations(core, swap(all(), rt))).to.have.length(2);
    });
  });
});
