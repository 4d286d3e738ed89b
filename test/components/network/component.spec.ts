// Network: subnets, routing, endpoints, NACLs and flow logs, for 2 and 3 AZs, at preview and up.
import { expect } from "chai";
import { FARGATE_BASELINE_ENDPOINTS } from "../../../components/network";
import { REGION, NAME, T, cidrsFor, argsFor, build, Stack } from "../../fixtures/network";

describe("Network", function () {
  for (const azCount of [2, 3]) {
    for (const preview of [true, false]) {
      describe(`${azCount} AZs, ${preview ? "preview" : "up"}`, () => {
        let s: Stack;
        before(async () => {
          s = await build(argsFor(azCount), preview);
        });

        it("creates one subnet per AZ and tier, tagged, with no public IPs on launch", () => {
          for (const tier of ["public", "compute", "data"]) {
            const subnets = s.subnets(tier);
            expect(subnets, tier).to.have.length(azCount);
            subnets.forEach((sub, i) => {
              expect(sub.name).to.equal(`${NAME}-${tier}-${i}`);
              expect(sub.inputs.tags).to.include({
                tier,
                Name: `${NAME}-${tier}-${i}`,
                project: "platform",
              });
              expect(sub.inputs.mapPublicIpOnLaunch).to.equal(false);
              expect(sub.inputs.availabilityZone).to.equal(`${REGION}${"abcd"[i]}`);
            });
          }
          expect(s.all(T.subnet)).to.have.length(3 * azCount);
        });

        it("enables DNS support and hostnames on the VPC", () => {
          expect(s.one(T.vpc).inputs).to.include({
            enableDnsSupport: true,
            enableDnsHostnames: true,
          });
        });

        it("associates every subnet explicitly, never with the main route table", () => {
          const mainTables = s.all(T.mainRta).flatMap((a) => s.deps(a, "routeTableId"));
          expect(mainTables).to.have.length(1);
          for (const sub of s.all(T.subnet)) {
            expect(s.tableOf(sub).urn, sub.name).to.not.equal(mainTables[0].urn);
          }
        });

        it("gives no compute or data route table a default route, inline or separate", () => {
          const privateTables = [...s.subnets("compute"), ...s.subnets("data")].map((x) =>
            s.tableOf(x),
          );
          expect(new Set(privateTables.map((t) => t.urn)).size).to.equal(2 * azCount);
          const isDefault = (r: Record<string, unknown>) =>
            r.destinationCidrBlock === "0.0.0.0/0" ||
            r.destinationIpv6CidrBlock === "::/0" ||
            r.cidrBlock === "0.0.0.0/0" ||
            r.ipv6CidrBlock === "::/0";
          for (const t of privateTables) {
            const routes = s.referrers(t, "routeTableId", T.route);
            expect(
              routes.filter((r) => isDefault(r.inputs)),
              t.name,
            ).to.deep.equal([]);
            expect(routes, t.name).to.deep.equal([]);
            expect((t.inputs.routes ?? []).filter(isDefault), t.name).to.deep.equal([]);
          }
          expect(s.all(T.nat)).to.deep.equal([]);
        });

        it("routes only the public table to the internet gateway", () => {
          const igw = s.one(T.igw);
          const toIgw = s.referrers(igw, "gatewayId", T.route);
          expect(toIgw).to.have.length(1);
          expect(toIgw[0].inputs.destinationCidrBlock).to.equal("0.0.0.0/0");
          const publicTable = s.deps(toIgw[0], "routeTableId")[0];
          for (const sub of s.subnets("public"))
            expect(s.tableOf(sub).urn).to.equal(publicTable.urn);
          // Every Route in the stack is this one, and no table carries inline routes.
          expect(s.all(T.route)).to.have.length(1);
          for (const t of s.all(T.routeTable)) expect(t.inputs.routes ?? []).to.deep.equal([]);
        });

        it("points the main route table at an empty table", () => {
          const main = s.deps(s.one(T.mainRta), "routeTableId")[0];
          expect(s.referrers(main, "routeTableId", T.route)).to.deep.equal([]);
          expect(s.referrers(main, "routeTableId", T.rta)).to.deep.equal([]);
        });

        it("attaches the S3 gateway endpoint to every private route table and no other", () => {
          const s3 = s.all(T.endpoint).filter((e) => e.inputs.vpcEndpointType === "Gateway");
          expect(s3).to.have.length(1);
          expect(s3[0].inputs.serviceName).to.equal(`com.amazonaws.${REGION}.s3`);
          const attached = new Set(s.deps(s3[0], "routeTableIds").map((t) => t.urn));
          const privateTables = [...s.subnets("compute"), ...s.subnets("data")].map(
            (x) => s.tableOf(x).urn,
          );
          expect([...attached].sort()).to.deep.equal([...new Set(privateTables)].sort());
        });

        it("creates the Fargate baseline interface endpoints with private DNS in every compute subnet", () => {
          const ifaces = s.all(T.endpoint).filter((e) => e.inputs.vpcEndpointType === "Interface");
          expect(ifaces.map((e) => e.inputs.serviceName).sort()).to.deep.equal(
            FARGATE_BASELINE_ENDPOINTS.map((n) => `com.amazonaws.${REGION}.${n}`).sort(),
          );
          const compute = s
            .subnets("compute")
            .map((x) => x.urn)
            .sort();
          const sg = s.one(T.sg);
          for (const e of ifaces) {
            expect(e.inputs.privateDnsEnabled, e.name).to.equal(true);
            expect(
              s
                .deps(e, "subnetIds")
                .map((x) => x.urn)
                .sort(),
              e.name,
            ).to.deep.equal(compute);
            expect(
              s.deps(e, "securityGroupIds").map((x) => x.urn),
              e.name,
            ).to.deep.equal([sg.urn]);
            expect(e.inputs.policy, `${e.name} has an endpoint policy`).to.not.equal(undefined);
          }
        });

        it("lets the endpoint security group accept only 443 from the compute and data subnets", () => {
          const sg = s.one(T.sg);
          expect(sg.inputs.ingress ?? []).to.deep.equal([]);
          expect(sg.inputs.egress ?? []).to.deep.equal([]);
          expect(s.all(T.sgOut)).to.deep.equal([]);
          expect(s.all(T.sgRule)).to.deep.equal([]);
          const rules = s.referrers(sg, "securityGroupId", T.sgIn);
          const cidrs = [...cidrsFor(azCount).compute, ...cidrsFor(azCount).data];
          expect(rules.map((r) => r.inputs.cidrIpv4).sort()).to.deep.equal([...cidrs].sort());
          for (const r of rules) {
            expect(r.inputs).to.include({ ipProtocol: "tcp", fromPort: 443, toPort: 443 });
            expect(r.inputs.description).to.be.a("string");
          }
          expect(s.all(T.sgIn)).to.have.length(rules.length);
        });

        it("leaves the default security group without rules", () => {
          const d = s.one(T.defaultSg);
          expect(d.inputs.ingress ?? []).to.deep.equal([]);
          expect(d.inputs.egress ?? []).to.deep.equal([]);
        });

        it("logs ALL traffic to a KMS-encrypted log group with retention", () => {
          const fl = s.one(T.flowLog);
          expect(fl.inputs.trafficType).to.equal("ALL");
          expect(fl.inputs.logDestinationType).to.equal("cloud-watch-logs");
          const group = s.deps(fl, "logDestination");
          expect(group.map((g) => g.type)).to.deep.equal([T.logGroup]);
          expect(group[0].inputs.retentionInDays).to.equal(365);
          expect(s.deps(group[0], "kmsKeyId").map((k) => k.type)).to.deep.equal([T.key]);
          expect(s.deps(fl, "vpcId").map((v) => v.type)).to.deep.equal([T.vpc]);
          expect(s.deps(fl, "iamRoleArn").map((v) => v.type)).to.deep.equal([T.role]);
          expect(s.one(T.key).inputs.enableKeyRotation).to.equal(true);
        });

        it("parents every child to the component and names it after it", () => {
          const comp = s.one(T.component);
          const keyComp = s.one(T.keyComponent);
          for (const r of s.rec.resources) {
            if (r.urn === comp.urn) continue;
            expect(r.name.startsWith(`${NAME}-`), r.name).to.equal(true);
            const expected = r.name.startsWith(`${NAME}-flow-logs-key-`) ? keyComp.urn : comp.urn;
            expect(r.parent, r.name).to.equal(expected);
          }
          expect(comp.outputs).to.include.keys(
            "vpcId",
            "vpcCidr",
            "azNames",
            "publicSubnetIds",
            "computeSubnetIds",
            "dataSubnetIds",
            "publicRouteTableId",
            "computeRouteTableIds",
            "dataRouteTableIds",
            "endpointSecurityGroupId",
            "s3PrefixListId",
            "flowLogGroupName",
          );
        });

        it("associates the private subnets with their tier's NACL, within the rule quota", () => {
          for (const tier of ["compute", "data"]) {
            const acls = s.subnets(tier).map((sub) => {
              const a = s.referrers(sub, "subnetId", T.aclAssoc);
              expect(a, sub.name).to.have.length(1);
              return s.deps(a[0], "networkAclId")[0];
            });
            expect(new Set(acls.map((a) => a.urn)).size).to.equal(1);
            expect(acls[0].inputs.tags.tier).to.equal(tier);
            const rules = s.referrers(acls[0], "networkAclId", T.aclRule).map((r) => r.inputs);
            for (const egress of [false, true]) {
              const dir = rules.filter((r) => r.egress === egress);
              expect(dir.length).to.be.at.most(20);
              expect(new Set(dir.map((r) => r.ruleNumber)).size).to.equal(dir.length);
            }
          }
          for (const sub of s.subnets("public")) {
            expect(s.referrers(sub, "subnetId", T.aclAssoc)).to.deep.equal([]);
          }
        });
      });
    }
  }
});
