// The private tiers' NACL plan (components/network/acl.ts), on its own: pure, so it is checked
// over every AZ count and port set without building a stack.
import { expect } from "chai";
import * as fc from "fast-check";
import { Cidr, parseCidr } from "../../../components/cidr";
import { AclRule, tierAcl } from "../../../components/network/acl";
import { planSubnets } from "../../../components/network/plan";

const VPC = "10.20.0.0/16";
const vpc = parseCidr(VPC) as Cidr;
const ports = fc.uniqueArray(fc.integer({ min: 1024, max: 65535 }), { minLength: 1, maxLength: 2 });

function plan(az: number, appPorts: number[], dataPorts: number[]) {
  const cidrs = planSubnets(VPC, az, Math.max(az, 3));
  const args = { computeIngressPorts: appPorts, dataIngressPorts: dataPorts };
  return {
    cidrs,
    compute: tierAcl("compute", VPC, cidrs, args, vpc),
    data: tierAcl("data", VPC, cidrs, args, vpc),
  };
}

const band = (rules: AclRule[], action: "allow" | "deny") =>
  rules.filter((r) => r.action === action).map((r) => r.ruleNumber);

describe("network ACL plan", () => {
  it("numbers every direction's rules uniquely, in ascending bands: allows, denies, replies, path MTU", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), ports, ports, (az, app, data) => {
        const p = plan(az, app, data);
        for (const acl of [p.compute, p.data]) {
          for (const rules of [acl.inbound, acl.outbound]) {
            const numbers = rules.map((r) => r.ruleNumber);
            expect(new Set(numbers).size).to.equal(numbers.length);
            expect([...numbers].sort((a, b) => a - b)).to.deep.equal(numbers);
            for (const n of numbers) expect(n).to.be.within(1, 32766);
          }
          // Inbound bands: allows 100-490, denies 500-890, replies 900, path MTU 990.
          for (const n of band(acl.inbound, "deny")) expect(n).to.be.within(500, 890);
          const allows = acl.inbound.filter((r) => r.action === "allow");
          for (const r of allows) {
            if (r.label === "replies") expect(r.ruleNumber).to.equal(900);
            else if (r.label === "pmtud") expect(r.ruleNumber).to.equal(990);
            else expect(r.ruleNumber).to.be.within(100, 490);
          }
        }
      }),
    );
  });

  it("admits app ports on compute from the public subnets only, data ports on data from the compute subnets only", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), ports, ports, (az, app, data) => {
        const p = plan(az, app, data);
        for (const port of app) {
          const sources = p.compute.inbound
            .filter((r) => r.action === "allow" && r.fromPort === port && r.toPort === port)
            .map((r) => r.cidrBlock);
          expect(sources.sort()).to.include.members([...p.cidrs.public]);
        }
        for (const port of data) {
          const sources = p.data.inbound
            .filter((r) => r.action === "allow" && r.fromPort === port && r.toPort === port)
            .map((r) => r.cidrBlock);
          for (const s of sources) expect([...p.cidrs.compute, "0.0.0.0/0"]).to.include(s);
          expect(sources).to.include.members([...p.cidrs.compute]);
        }
      }),
    );
  });

  it("denies each served port and RDP from anywhere before the ephemeral reply rule", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), ports, ports, (az, app, data) => {
        const { compute } = plan(az, app, data);
        const replies = compute.inbound.find((r) => r.label === "replies")!;
        for (const port of [...app, 3389]) {
          const deny = compute.inbound.find(
            (r) => r.action === "deny" && r.fromPort === port && r.cidrBlock === "0.0.0.0/0",
          );
          expect(deny, `deny ${port}`).to.not.equal(undefined);
          expect(deny!.ruleNumber).to.be.lessThan(replies.ruleNumber);
        }
      }),
    );
  });

  it("stays within the default quota of 20 rules per direction for the committed sizes", () => {
    for (const az of [2, 3]) {
      const p = plan(az, [8080], [5439]);
      for (const acl of [p.compute, p.data]) {
        expect(acl.inbound.length).to.be.at.most(20);
        expect(acl.outbound.length).to.be.at.most(20);
      }
    }
  });
});
