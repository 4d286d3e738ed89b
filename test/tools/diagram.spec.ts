import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { Recording } from "../../tools/lib/recorder";
import { listStacks, loadProject } from "../../tools/check/project";
import { OPTIONAL_FEATURES, recordStack, ROOT } from "../../tools/lib/recording";
import { buildViews, View, ViewName } from "../../tools/diagram/views";
import { ARCHITECTURE_DOC, VIEW_DOCS, withViewDoc } from "../../tools/diagram/docs";
import { MermaidPage, openMermaid } from "./mermaid-browser";

const STACKS = listStacks(loadProject(ROOT));
const OPTIONAL = "staging with every optional feature";

/** The label of the node an edge end names. */
function labelOf(v: View, id: string): string {
  const m = new RegExp(`^\\s+${id}[\\[({/]+"([^"]*)"`, "m").exec(v.mermaid);
  return m ? m[1] : "";
}

/** Edges as "from label -> to label: edge label", labels without their component line. */
function flows(v: View, kind = "flow"): string[] {
  const plain = (id: string) => labelOf(v, id).replace(/<br\/><i>.*<\/i>$/, "");
  return v.edges
    .filter((e) => e.kind === kind)
    .map((e) => `${plain(e.from)} -> ${plain(e.to)}: ${e.label}`);
}

describe("architecture views (npm run diagram)", function () {
  this.timeout(300_000);
  const recordings = new Map<string, Recording>();
  const views = new Map<string, Map<ViewName, View>>();
  const view = (stack: string, name: ViewName) => views.get(stack)!.get(name)!;

  before(async () => {
    const record = (key: string, rec: Recording) => {
      recordings.set(key, rec);
      views.set(key, new Map(buildViews(rec).map((v) => [v.view, v])));
    };
    // Each recording runs the program in a child process: start them together.
    const keys = [...STACKS, OPTIONAL];
    const recs = await Promise.all([
      ...STACKS.map((stack) => recordStack(stack)),
      recordStack("staging", { overrides: OPTIONAL_FEATURES }),
    ]);
    keys.forEach((key, i) => record(key, recs[i]));
  });

  it("offers the network, delivery and data views of both committed stacks", () => {
    expect(STACKS).to.include.members(["staging", "prod"]);
    for (const stack of STACKS)
      for (const name of ["network", "delivery", "data"] as const)
        expect(view(stack, name).mermaid, `${stack} ${name}`).to.match(
          /^---\n[^]*\n---\nflowchart (LR|TB)\n/,
        );
  });

  it("keeps node ids unique and every edge between drawn nodes", () => {
    for (const [key, byName] of views) {
      for (const v of byName.values()) {
        const ids = [...v.mermaid.matchAll(/^\s+(n_\w+)[[({]/gm)].map((m) => m[1]);
        expect(new Set(ids).size, `${key} ${v.view}: duplicate node ids`).to.equal(ids.length);
        const boxes = [...v.mermaid.matchAll(/^\s+subgraph (\w+)\[/gm)].map((m) => m[1]);
        expect(new Set(boxes).size, `${key} ${v.view}: duplicate box ids`).to.equal(boxes.length);
        const known = new Set(ids);
        for (const e of v.edges) {
          expect(known.has(e.from), `${key} ${v.view}: ${e.from}`).to.equal(true);
          expect(known.has(e.to), `${key} ${v.view}: ${e.to}`).to.equal(true);
        }
      }
    }
  });

  it("leaves no node floating: every node has an edge or sits in the 'not linked' box", () => {
    for (const [key, byName] of views) {
      for (const v of byName.values()) {
        const linked = new Set(v.edges.flatMap((e) => [e.from, e.to]));
        for (const n of v.nodes) {
          if (linked.has(n.id)) continue;
          expect(v.boxes.get(n.box ?? ""), `${key} ${v.view}: ${n.id}`).to.match(/^not linked/);
        }
      }
    }
    // The committed stacks explain everything they draw.
    for (const stack of STACKS)
      for (const v of views.get(stack)!.values())
        expect(v.mermaid, `${stack} ${v.view}`).not.to.contain("not linked");
  });

  it("draws every top-level component in some view, and each around its own resources", () => {
    for (const [key, rec] of recordings) {
      const top = rec.resources.filter(
        (r) =>
          !r.custom && r.parent?.includes("pulumi:pulumi:Stack") && r.type.startsWith("platform:"),
      );
      expect(top.length, key).to.be.above(5);
      const rows = [...views.get(key)!.values()].flatMap((v) => v.rows);
      for (const c of top) {
        const name = c.type.split(":").pop()!;
        expect(
          rows.some((r) => r.component.split(" › ")[0] === name),
          `${key}: ${name}`,
        ).to.equal(true);
      }
      // In the data and delivery views a component's box holds exactly its own resources.
      for (const name of ["data", "delivery"] as const)
        for (const r of view(key, name).rows)
          if (r.component)
            expect(r.where, `${key} ${name}: ${r.node}`).to.equal(r.component.split(" › ")[0]);
    }
    for (const stack of STACKS) {
      const access = view(stack, "data")
        .rows.filter((r) => r.where === "Access")
        .map((r) => r.node);
      expect(access, stack).to.include.members(["KMS key", "EC2 host root volume"]);
    }
  });

  it("links every KMS key to what it encrypts, and every log group to what writes it", () => {
    for (const [key, byName] of views) {
      const v = byName.get("data")!;
      const keys = v.rows.filter((r) => r.node.startsWith("KMS key"));
      expect(keys.length, key).to.equal(
        recordings.get(key)!.resources.filter((r) => r.type === "aws:kms/key:Key").length,
      );
      const encrypts = flows(v, "encrypts");
      for (const k of v.nodes.filter((n) => n.shape === "key"))
        expect(
          v.edges.some((e) => e.from === k.id && e.kind === "encrypts"),
          `${key}: ${k.id}`,
        ).to.equal(true);
      expect(encrypts, key).to.include.members([
        "KMS key -> S3 api: ",
        "KMS key -> S3 ingest: ",
        "KMS key -> EC2 host<br/>root volume: ",
        "KMS key -> ECR repository: ",
      ]);
      for (const n of v.nodes.filter((x) => x.shape === "log"))
        expect(
          v.edges.some((e) => e.to === n.id && e.kind === "log"),
          `${key}: ${n.id} has no writer`,
        ).to.equal(true);
    }
    const prod = flows(view("prod", "data"), "log");
    expect(prod).to.include.members([
      "VPC flow log -> flow-logs: ",
      "WAF -> waf-logs: ",
      "ECS tasks ×4 -> logs: ",
      "ALB -> S3 lb-logs: ",
      "CloudFront -> S3 logs: ",
    ]);
    expect(prod.some((f) => /^Redshift Serverless -> 3 log groups/.test(f))).to.equal(true);
  });

  it("data view: who writes the buckets and what reads them onward", () => {
    const prod = flows(view("prod", "data"));
    expect(prod).to.include.members([
      "ECS tasks ×4 -> S3 api: task role",
      "producer<br/>kafkaconnect -> S3 ingest: writes",
      "S3 api -> Redshift Serverless: COPY",
      "S3 ingest -> Redshift Serverless: COPY",
      "S3 content -> CloudFront: origin",
      "CodePipeline<br/>and its builds -> S3 artifacts: writes",
    ]);
    const all = flows(view(OPTIONAL, "data"));
    expect(all).to.include.members([
      "S3 api -> backup vault: backup",
      "RDS aurora-postgresql -> backup vault: backup",
      "ECS tasks ×2 -> RDS aurora-postgresql: SQL",
    ]);
  });

  it("delivery view: source, then the stages in order, then the image and the service", () => {
    const stages = (v: View) => {
      const order = v.edges.filter((e) => e.kind === "order");
      const first = order.find((e) => !order.some((o) => o.to === e.from))!;
      const chain = [first.from];
      for (
        let e: (typeof order)[number] | undefined = first;
        e;
        e = order.find((o) => o.from === e!.to)
      )
        chain.push(e.to);
      return chain.map((id) => labelOf(v, id).split("<br/>")[0]);
    };
    expect(stages(view("staging", "delivery"))).to.deep.equal([
      "1. Source",
      "2. Test",
      "3. Image",
      "4. Deploy",
    ]);
    expect(stages(view("prod", "delivery"))).to.deep.equal([
      "1. Source",
      "2. Test",
      "3. Image",
      "4. Approve",
      "5. Deploy",
    ]);
    for (const stack of STACKS) {
      const v = view(stack, "delivery");
      expect(v.mermaid).to.match(/3\. Image<br\/>[^"]*scan gate/);
      const f = flows(v);
      expect(
        f.some((x) => /^3\. Image<br\/>.* -> ECR repository: push, then scan$/.test(x)),
        stack,
      ).to.equal(true);
      expect(
        f.some((x) => /^ECR repository -> ECS service<br\/>\d+ tasks: pull$/.test(x)),
        stack,
      ).to.equal(true);
      expect(
        f.some((x) => /Deploy<br\/>.* -> ECS service<br\/>\d+ tasks: deploy$/.test(x)),
        stack,
      ).to.equal(true);
      expect(
        f.some((x) => /^CodeCommit<br\/>source -> 1\. Source/.test(x)),
        stack,
      ).to.equal(true);
    }
    const optional = flows(view(OPTIONAL, "delivery"));
    expect(
      optional.some((x) => /^GitHub connection<br\/>example\/app -> 1\. Source/.test(x)),
    ).to.equal(true);
    expect(optional).to.include.members([
      "GitHub Actions<br/>example/platform -> preview role: OIDC",
      "GitHub Actions<br/>example/platform -> deploy role: OIDC",
    ]);
  });

  it("network view: tiers with their routes, workloads in them, flows with ports", () => {
    for (const stack of STACKS) {
      const v = view(stack, "network");
      for (const tier of [
        "public · internet route",
        "compute · no internet route",
        "data · no internet route",
      ])
        expect(
          [...v.boxes.values()].some((b) => new RegExp(`^${tier}$`).test(b)),
          `${stack}: ${tier}`,
        ).to.equal(true);
      const where = (node: string) => v.rows.find((r) => r.node === node)?.where ?? "";
      expect(where("ALB")).to.match(/› public · /);
      expect(where("ECS tasks ×" + (stack === "prod" ? 4 : 2))).to.match(/› compute · /);
      expect(where("EC2 host")).to.match(/› compute · /);
      expect(where("Redshift Serverless")).to.match(/› data · /);
      const f = flows(v);
      expect(f, stack).to.include.members([
        `ALB -> ECS tasks ×${stack === "prod" ? 4 : 2}: 8080`,
        `ECS tasks ×${stack === "prod" ? 4 : 2} -> Redshift Serverless: 5439`,
        "EC2 host -> Redshift Serverless: 5439",
        "Instance Connect<br/>endpoint -> EC2 host: 22",
        "people with<br/>an IAM policy -> Instance Connect<br/>endpoint: SSH tunnel (bi-users)",
        "Internet -> CloudFront: 443",
        "EC2 host -> S3 gateway endpoint: 443",
      ]);
      expect(
        f.some((x) =>
          /^ECS tasks ×\d -> interface endpoints<br\/>ecr\.api · ecr\.dkr<br\/>logs: 443$/.test(x),
        ),
      ).to.equal(true);
    }
    expect(flows(view("prod", "network"))).to.include.members([
      "Internet -> WAF: 443 · 80",
      "WAF -> ALB: ",
    ]);
    expect(flows(view("staging", "network"))).to.include.members(["Internet -> ALB: 80"]);
    const optional = view(OPTIONAL, "network");
    expect([...optional.boxes.values()].filter((b) => b.startsWith("VPC "))).to.have.length(2);
    expect(flows(optional)).to.include.members([
      "ECS tasks ×2 -> EC2 server: 443 peering",
      "EC2 server -> NAT gateway: egress",
      "ECS tasks ×2 -> RDS aurora-postgresql: 5432",
    ]);
  });

  it("is deterministic: the same text whatever order property dependencies arrive in", () => {
    const rec = recordings.get("prod")!;
    const reversed: Recording = {
      ...rec,
      resources: rec.resources.map((r) => ({
        ...r,
        propertyDependencies: Object.fromEntries(
          Object.entries(r.propertyDependencies)
            .reverse()
            .map(([k, v]) => [k, [...v].reverse()]),
        ),
      })),
    };
    const text = (vs: View[]) => vs.map((v) => v.mermaid + JSON.stringify(v.rows)).join("\n");
    expect(text(buildViews(reversed))).to.equal(text(buildViews(rec)));
  });

  it("docs/architecture/<view>.md hold the current views (run `npm run diagram -- --write-docs`)", async () => {
    const all = STACKS.flatMap((s) => [...views.get(s)!.values()]);
    const front = fs.readFileSync(ARCHITECTURE_DOC, "utf8");
    for (const [name, file] of Object.entries(VIEW_DOCS) as [ViewName, string][]) {
      const doc = fs.readFileSync(file, "utf8");
      const shown = path.relative(ROOT, file).split(path.sep).join("/");
      expect(
        (await withViewDoc(doc, name, all)) === doc,
        `${shown} is stale: run npm run diagram -- --write-docs`,
      ).to.equal(true);
      expect(doc, shown).to.contain("```mermaid");
      expect(front, "docs/architecture.md links each view").to.contain(
        `(${shown.slice("docs/".length)})`,
      );
    }
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(readme).to.contain("(docs/architecture.md)");
    expect(readme, "the README links to the views instead of embedding one").not.to.contain(
      "```mermaid",
    );
  });

  describe("rendered with Mermaid in a headless browser", () => {
    let page: MermaidPage;
    // Set DIAGRAM_PNG_DIR to keep a picture of every view (at 900 px, a page's width).
    const pngDir = process.env.DIAGRAM_PNG_DIR;

    before(async () => {
      page = await openMermaid();
    });
    after(async () => {
      await page?.close();
    });

    it("parses every view of every stack, and each fits a page at a readable size", async () => {
      for (const [key, byName] of views) {
        for (const v of byName.values()) {
          const png = pngDir
            ? path.join(
                pngDir,
                `${v.view}-${key.split(" ")[0]}${key === OPTIONAL ? "-optional" : ""}.png`,
              )
            : undefined;
          const result = await page.render(v.mermaid, { png, width: 900 });
          expect(result, `${key} ${v.view}`).to.include({ ok: true });
          // Wider than this and a page shrinks the labels below a readable size. (The stack with
          // every optional feature on at once is a stress case: it only has to parse.)
          if (result.ok && key !== OPTIONAL)
            expect(result.width, `${key} ${v.view} width`).to.be.below(1400);
        }
      }
    });

    it("reports a syntax error as a failure", async () => {
      const result = await page.render('flowchart LR\n  a["unclosed --> b');
      expect(result.ok).to.equal(false);
    });
  });
});
