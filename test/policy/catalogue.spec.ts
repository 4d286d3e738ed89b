import { expect } from "chai";
import * as fs from "fs";
import { allPolicies } from "../../policy-pack/policies";
import { policyCatalog } from "../../policy-pack/lib/define";
import { PACK_CATALOG, withPolicyTable } from "../../tools/policy-table";

describe("policy metadata and the pack's catalogue", () => {
  it("every policy has a unique kebab-case name, description, level, severity, remediation", () => {
    const names = allPolicies.map((p) => p.name);
    expect(new Set(names).size, "duplicate policy names").to.equal(names.length);
    for (const p of allPolicies) {
      expect(p.name, p.name).to.match(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(p.description, p.name).to.be.a("string").with.length.above(10);
      expect(["advisory", "mandatory"], p.name).to.include(p.enforcementLevel);
      expect(["low", "medium", "high", "critical"], p.name).to.include(p.severity);
      expect(p.remediationSteps, p.name).to.be.a("string").with.length.above(10);
      expect(
        policyCatalog.has(p.name),
        `${p.name} was not built with resourcePolicy/stackPolicy`,
      ).to.equal(true);
    }
  });

  it("the catalogue holds the pack's policies in the pack's order, and nothing else", () => {
    expect([...policyCatalog.keys()]).to.deep.equal(allPolicies.map((p) => p.name));
  });

  it("the pack's catalogue table matches the pack (run `npm run docs:policies`)", () => {
    const catalog = fs.readFileSync(PACK_CATALOG, "utf8");
    expect(
      withPolicyTable(catalog) === catalog,
      "policy-pack/docs/policies.md policies table is stale: run npm run docs:policies",
    ).to.equal(true);
  });
});
