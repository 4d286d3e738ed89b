import { expect } from "chai";
import * as fs from "fs";
import { allPolicies } from "../../policy-pack/policies";
import { policyCatalog } from "../../policy-pack/lib/define";
import * as path from "path";
import { GENERATED, PACK_CATALOG, PACK_CONTROLS } from "../../tools/policy-table";

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

  it("the pack's generated documents match the pack (run `npm run docs:policies`)", () => {
    expect(GENERATED.map((g) => g.file)).to.deep.equal([PACK_CATALOG, PACK_CONTROLS]);
    for (const { file, shown, render } of GENERATED) {
      const text = fs.readFileSync(file, "utf8");
      expect(render(text) === text, `${shown} is stale: run npm run docs:policies`).to.equal(true);
    }
  });

  it("the controls document is linked from the pack's README and the catalogue", () => {
    const controls = path.basename(PACK_CONTROLS);
    const readme = fs.readFileSync(
      path.join(path.dirname(PACK_CATALOG), "..", "README.md"),
      "utf8",
    );
    expect(readme).to.contain(`](docs/${controls})`);
    expect(fs.readFileSync(PACK_CATALOG, "utf8")).to.contain(`](${controls})`);
    expect(fs.readFileSync(PACK_CONTROLS, "utf8")).to.match(/^\| CKV_AWS_\d+ \| `[a-z0-9-]+`/m);
  });
});
