import { expect } from "chai";
import * as fs from "fs";
import { Recording } from "../../tools/lib/recorder";
import { listStacks, loadProject } from "../../tools/check/project";
import { OPTIONAL_FEATURES, recordStack, ROOT } from "../../tools/lib/recording";
import { buildDiagram, Diagram } from "../../tools/diagram/build";
import {
  ARCHITECTURE_DOC,
  README,
  withArchitectureDiagrams,
  withReadmeDiagram,
} from "../../tools/diagram/docs";

const STACKS = listStacks(loadProject(ROOT));

describe("architecture diagram (npm run diagram)", function () {
  this.timeout(180_000);
  const recordings = new Map<string, Recording>();
  const diagrams = new Map<string, Diagram>();

  before(async () => {
    for (const stack of STACKS) {
      const rec = await recordStack(stack);
      recordings.set(stack, rec);
      diagrams.set(stack, buildDiagram(rec));
    }
  });

  it("draws both committed stacks", () => {
    expect([...diagrams.keys()]).to.include.members(["staging", "prod"]);
    for (const d of diagrams.values())
      expect(d.mermaid.startsWith("flowchart LR\n")).to.equal(true);
  });

  it("draws every platform component of the recording as a subgraph", () => {
    for (const [stack, rec] of recordings) {
      const d = diagrams.get(stack)!;
      const components = rec.resources.filter((r) => !r.custom && r.type.startsWith("platform:"));
      expect(components.length, stack).to.be.above(3);
      expect(d.components, stack).to.include.members(components.map((c) => c.urn));
      for (const c of components) {
        const title = `${c.type.split(":").pop()} · ${c.name}`;
        expect(d.mermaid, `${stack}: ${c.type} ${c.name}`).to.match(
          new RegExp(`subgraph \\S+\\["${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"\\]`),
        );
      }
    }
  });

  it("draws the components of optional features too (GitHub source, GitHub OIDC roles)", async () => {
    const rec = await recordStack("staging", { overrides: OPTIONAL_FEATURES });
    const d = buildDiagram(rec);
    const components = rec.resources.filter((r) => !r.custom && r.type.startsWith("platform:"));
    expect(d.components).to.include.members(components.map((c) => c.urn));
    expect(d.mermaid).to.contain("GithubOidc · ");
  });

  it("groups subnets into their tiers inside the VPC", () => {
    for (const d of diagrams.values()) {
      for (const tier of ["public", "compute", "data"])
        expect(d.mermaid).to.match(new RegExp(`\\["${tier} tier · \\d+ subnets`));
    }
  });

  it("derives the data flows from the recorded resources", () => {
    for (const [stack, d] of diagrams) {
      const m = d.mermaid;
      expect(m, stack).to.match(/LoadBalancer_\w+ -->\|"target group :\d+"\| Service_\w+/);
      expect(m, stack).to.match(/Service_\w+ -->\|"task role [\w-]+"\| Bucket_\w+_api/);
      expect(m, stack).to.match(/Repository_\w+ -->\|"image pull"\| Service_\w+/);
      expect(m, stack).to.match(/Producer_\w+ -->\|"writes via [\w-]+"\| Bucket_\w+_ingest/);
      expect(m, stack).to.match(/FlowLog_\w+ -\.->\|"flow logs"\| LogGroup_\w+/);
      expect(m, stack).to.match(/Service_\w+ -->\|"HTTPS 443"\| InterfaceEndpoints_\w+/);
      expect(m, stack).to.match(/-\.->\|"access logs"\|/);
    }
    expect(diagrams.get("prod")!.mermaid).to.match(
      /internet -->\|"[^"]*"\| WebAcl_\w+\n\s+WebAcl_\w+ -->\|"allowed requests"\| LoadBalancer_\w+/,
    );
    expect(diagrams.get("staging")!.mermaid).to.match(/internet -->\|"[^"]*"\| LoadBalancer_\w+/);
  });

  it("keeps node ids unique and every edge between drawn nodes", () => {
    for (const d of diagrams.values()) {
      const ids = [...d.mermaid.matchAll(/^\s+(\w+)[[({]/gm)].map((m) => m[1]);
      expect(new Set(ids).size, "duplicate node ids").to.equal(ids.length);
      const known = new Set(ids);
      for (const m of d.mermaid.matchAll(/^\s+(\w+) -(?:->|\.->)\|"[^"]*"\| (\w+)$/gm)) {
        expect(known.has(m[1]) || m[1] === "internet", m[1]).to.equal(true);
        expect(known.has(m[2]), m[2]).to.equal(true);
      }
    }
  });

  it("docs/architecture.md and the README embed the current diagrams (run `npm run diagram -- --write-docs`)", async () => {
    const list = STACKS.map((s) => diagrams.get(s)!);
    const arch = fs.readFileSync(ARCHITECTURE_DOC, "utf8");
    expect(
      (await withArchitectureDiagrams(arch, list)) === arch,
      "docs/architecture.md diagrams are stale: run npm run diagram -- --write-docs",
    ).to.equal(true);
    const readme = fs.readFileSync(README, "utf8");
    expect(
      withReadmeDiagram(readme, list) === readme,
      "README.md diagram is stale: run npm run diagram -- --write-docs",
    ).to.equal(true);
  });
});
