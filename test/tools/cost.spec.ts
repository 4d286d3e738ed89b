import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { Recording, RecordedResource } from "../../tools/lib/recorder";
import { listStacks, loadProject } from "../../tools/check/project";
import { COST_DOC, withCostSection } from "../../tools/cost/docs";
import { estimate, StackEstimate } from "../../tools/cost/estimate";
import { FREE_TYPES, HOURS_PER_MONTH, REGION_PRICES, SOURCES } from "../../tools/cost/prices";
import { OPTIONAL_FEATURES, recordStack, ROOT } from "../../tools/lib/recording";
import { renderJson, renderText, usd } from "../../tools/cost/report";
import { RULES } from "../../tools/cost/rules";

const STACKS = listStacks(loadProject(ROOT));

describe("cost estimate (npm run cost)", function () {
  this.timeout(180_000);
  const recordings = new Map<string, Recording>();
  const estimates = new Map<string, StackEstimate>();

  before(async () => {
    for (const stack of STACKS) {
      const rec = await recordStack(stack);
      recordings.set(stack, rec);
      estimates.set(stack, estimate(rec));
    }
  });

  const ofType = (stack: string, type: string): RecordedResource[] =>
    recordings.get(stack)!.resources.filter((r) => r.type === type);

  it("covers the committed stacks", () => {
    expect(STACKS).to.include.members(["staging", "prod"]);
  });

  it("has a price rule or an explicit free entry for every resource type the program creates", () => {
    const missing = new Set<string>();
    for (const rec of recordings.values()) {
      for (const r of rec.resources) {
        if (!r.custom || r.type.startsWith("pulumi:providers:")) continue;
        if (!RULES[r.type] && !FREE_TYPES[r.type]) missing.add(r.type);
      }
    }
    expect(
      [...missing],
      `types with neither a rule in tools/cost/rules/ nor a FREE_TYPES entry in tools/cost/free-types.ts`,
    ).to.deep.equal([]);
  });

  it("prices every resource of both stacks (nothing unpriced, no problem)", () => {
    for (const [stack, e] of estimates) {
      const unpriced = e.unpriced.map((u) => `${stack}: ${u.type} ${u.name}: ${u.reason}`);
      expect(unpriced, "unpriced resources").to.deep.equal([]);
      expect(e.problems, `${stack} problems`).to.deep.equal([]);
      expect(e.fixedUsd, stack).to.be.above(0);
    }
  });

  it("also prices the optional features a stack can turn on (GitHub source, GitHub OIDC roles)", async () => {
    const rec = await recordStack("staging", { overrides: OPTIONAL_FEATURES });
    const e = estimate(rec);
    expect(e.unpriced.map((u) => `${u.type} ${u.name}: ${u.reason}`)).to.deep.equal([]);
    expect(rec.resources.some((r) => r.type === "platform:delivery:GithubOidc")).to.equal(true);
  });

  it("reports a resource type with neither a price nor a free entry, by name, and never prices it as zero", () => {
    const rec = recordings.get("staging")!;
    const stray: RecordedResource = {
      ...rec.resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!,
      type: "aws:newservice/widget:Widget",
      name: "stray",
      urn: "urn:stray",
    };
    const e = estimate({ ...rec, resources: [...rec.resources, stray] });
    expect(e.unpriced.map((u) => u.type)).to.deep.equal(["aws:newservice/widget:Widget"]);
    expect(e.unpriced[0].reason).to.contain("aws:newservice/widget:Widget");
    expect(e.items.some((i) => i.type === "aws:newservice/widget:Widget")).to.equal(false);
  });

  it("marks what an adopted resource costs as already running, and prices no resource the stack only reads", () => {
    const rec = recordings.get("staging")!;
    const key = rec.resources.find((r) => r.type === "aws:kms/key:Key")!;
    const adopted: RecordedResource = {
      ...key,
      name: "adopted-key",
      urn: "urn:adopted-key",
      options: { ...key.options, importId: "1234abcd-12ab-34cd-56ef-1234567890ab" },
    };
    const read: RecordedResource = {
      ...key,
      name: "read-key",
      urn: "urn:read-key",
      external: true,
    };
    // A stack reference is read too, but reads another stack's outputs: nothing to bill.
    const reference: RecordedResource = {
      ...key,
      type: "pulumi:pulumi:StackReference",
      name: "acme/network/prod",
      urn: "urn:stack-reference",
      external: true,
    };
    const base = estimate(rec);
    const e = estimate({ ...rec, resources: [...rec.resources, adopted, read, reference] });
    expect(e.free.filter((f) => f.name === reference.name).map((f) => f.reason)).to.deep.equal([
      "a stack reference: it reads another stack's outputs, not a cloud resource",
    ]);
    expect(e.items.filter((i) => i.name === reference.name)).to.deep.equal([]);
    const own = (name: string) => e.items.filter((i) => i.name === name);
    expect(own("read-key")).to.deep.equal([]);
    expect(e.readOnly.map((r) => `${r.type} ${r.name}`)).to.deep.equal([
      "aws:kms/key:Key read-key",
    ]);
    expect(e.fixedUsd).to.be.closeTo(base.fixedUsd + 1, 0.005);
    // Its key-month and its requests at the assumed volume, both marked.
    const charges = own("adopted-key");
    expect(charges.map((i) => [i.priceKey, i.adopted])).to.deep.equal(
      own(key.name).map((i) => [i.priceKey, true]),
    );
    expect(charges.find((i) => i.kind === "fixed")!.monthlyUsd).to.equal(1);
    const sum = charges.reduce((n, i) => n + i.monthlyUsd, 0);
    expect(e.adoptedUsd).to.be.closeTo(sum, 0.005).and.above(1);
    expect(base.adoptedUsd).to.equal(0);
    const text = renderText([e]);
    expect(text).to.contain(
      `Of this, ${usd(e.adoptedUsd)}/month is for 1 resource adopted with the \`import\` option`,
    );
    expect(text).to.match(/1 resource read with `get`.*not priced/);
    expect(renderText([base])).not.to.contain("`import` option");
  });

  it("reports an unknown region instead of pricing anything", () => {
    const rec = recordings.get("staging")!;
    const e = estimate(rec, { region: "ap-south-2" });
    expect(e.problems.join("\n")).to.match(/no prices for region ap-south-2/);
    // Only resources that name their own (priced) region, like CloudFront's log delivery in us-east-1, are priced.
    const ownRegion = new Set(
      rec.resources.filter((r) => typeof r.inputs.region === "string").map((r) => r.urn),
    );
    expect(e.items.filter((i) => !ownRegion.has(i.urn))).to.deep.equal([]);
    expect(e.unpriced.length).to.be.above(5);
    expect(e.unpriced.every((u) => /ap-south-2/.test(u.reason))).to.equal(true);
    expect(renderText([e])).to.contain("Incomplete estimate");
  });

  it("prices in the region the stack configures, and us-east-1 as well", () => {
    for (const e of estimates.values()) expect(e.region).to.equal("eu-west-1");
    const us = estimate(recordings.get("prod")!, { region: "us-east-1" });
    expect(us.unpriced).to.deep.equal([]);
    expect(us.fixedUsd).to.be.above(0).and.not.equal(estimates.get("prod")!.fixedUsd);
  });

  it("reads Fargate task counts and sizes from the recorded service and task definition", () => {
    for (const stack of ["staging", "prod"]) {
      const [svc] = ofType(stack, "aws:ecs/service:Service");
      const [td] = ofType(stack, "aws:ecs/taskDefinition:TaskDefinition");
      const vcpu = estimates
        .get(stack)!
        .items.find((i) => i.name === svc.name && i.priceKey === "fargate.x86.vcpuHour")!;
      expect(vcpu.kind).to.equal("fixed");
      expect(vcpu.quantity).to.be.closeTo(
        svc.inputs.desiredCount * (Number(td.inputs.cpu) / 1024) * HOURS_PER_MONTH,
        1e-9,
      );
      const mem = estimates
        .get(stack)!
        .items.find((i) => i.name === svc.name && i.priceKey === "fargate.x86.gbHour")!;
      expect(mem.quantity).to.be.closeTo(
        svc.inputs.desiredCount * (Number(td.inputs.memory) / 1024) * HOURS_PER_MONTH,
        1e-9,
      );
    }
  });

  it("prices interface endpoints per AZ (one in staging, every AZ in prod) and the gateway endpoint as free", () => {
    for (const [stack, azs] of [
      ["staging", 1],
      [
        "prod",
        ofType("prod", "aws:ec2/subnet:Subnet").filter((s) => s.inputs.tags?.tier === "compute")
          .length,
      ],
    ] as const) {
      const lines = estimates
        .get(stack)!
        .items.filter((i) => i.priceKey === "vpce.interfaceAzHour");
      expect(lines.length, stack).to.equal(
        ofType(stack, "aws:ec2/vpcEndpoint:VpcEndpoint").filter(
          (e) => e.inputs.vpcEndpointType === "Interface",
        ).length,
      );
      for (const l of lines)
        expect(l.quantity, `${stack} ${l.name}`).to.equal(azs * HOURS_PER_MONTH);
      expect(
        estimates
          .get(stack)!
          .free.some(
            (f) => f.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && /gateway/.test(f.reason),
          ),
      ).to.equal(true);
    }
  });

  it("charges $1 a month per KMS key, the ALB's hours and public addresses, and WAF only where it exists", () => {
    for (const [stack, e] of estimates) {
      const keys = e.items.filter((i) => i.priceKey === "kms.keyMonth");
      expect(keys.length, stack).to.equal(ofType(stack, "aws:kms/key:Key").length);
      expect(keys.every((k) => k.monthlyUsd === 1)).to.equal(true);
      expect(
        e.items.some((i) => i.priceKey === "alb.hour" && i.quantity === HOURS_PER_MONTH),
      ).to.equal(true);
      expect(e.items.some((i) => i.priceKey === "ipv4.hour")).to.equal(true);
      expect(
        e.items.some((i) => i.priceKey === "waf.aclMonth"),
        stack,
      ).to.equal(ofType(stack, "aws:wafv2/webAcl:WebAcl").length > 0);
    }
    expect(ofType("prod", "aws:wafv2/webAcl:WebAcl").length).to.equal(1);
  });

  it("prices Container Insights performance events once, on the log group the stack creates for them", () => {
    for (const [stack, e] of estimates) {
      const events = e.items.filter(
        (i) => i.priceKey === "logs.ingestGb" && /Container Insights/.test(`${i.what} ${i.basis}`),
      );
      expect(
        events.map((i) => i.name),
        stack,
      ).to.deep.equal([`${stack}-runtime-insights-logs`]);
      const tasks = ofType(stack, "aws:ecs/service:Service").reduce(
        (n, s) => n + Number(s.inputs.desiredCount ?? 0),
        0,
      );
      expect(events[0].quantity, stack).to.be.closeTo(tasks * 0.2, 1e-9);
    }
  });

  it("states variable costs as formulas with their assumptions", () => {
    for (const e of estimates.values()) {
      const variable = e.items.filter((i) => i.kind === "variable");
      expect(variable.length).to.be.above(3);
      for (const v of variable) expect(v.basis, v.what).to.be.a("string").with.length.above(2);
      expect(variable.map((v) => v.priceKey)).to.include.members([
        "s3.standardGbMonth",
        "logs.ingestGb",
        "kms.requests10k",
        "transfer.internetOutGb",
      ]);
    }
  });

  it("sends the reader for the free types' reasons to the file that gives them", () => {
    const text = renderText([...estimates.values()]);
    const line = text.split("\n").find((l) => l.includes("cost nothing by themselves"));
    const files = [...(line ?? "").matchAll(/`(tools\/[\w./-]+\.ts)`/g)].map((m) => m[1]);
    expect(files, line).to.have.length(1);
    expect(fs.readFileSync(path.join(ROOT, files[0]), "utf8")).to.match(
      /^export const FREE_TYPES\b/m,
    );
  });

  it("compares with NAT gateways (one per AZ in prod, one in staging) and says which is cheaper at what traffic", () => {
    const staging = estimates.get("staging")!.nat!;
    const prod = estimates.get("prod")!.nat!;
    expect(staging.natGateways).to.equal(1);
    expect(prod.natGateways).to.equal(3);
    for (const n of [staging, prod]) {
      expect(n.verdict).to.match(/cheaper/);
      if (n.breakEvenGb !== undefined) {
        const endpoints = n.endpointsFixedUsd + n.breakEvenGb * n.endpointPerGbUsd;
        const nat = n.natFixedUsd + n.breakEvenGb * n.natPerGbUsd;
        expect(endpoints).to.be.closeTo(nat, 0.05);
      } else {
        expect(n.endpointsFixedUsd).to.be.at.most(n.natFixedUsd);
      }
    }
    expect(renderText([estimates.get("prod")!])).to.contain(
      "NAT gateways instead of interface endpoints",
    );
  });

  it("keeps one dated, cited price table for eu-west-1 and us-east-1 with the same keys", () => {
    expect(Object.keys(REGION_PRICES)).to.include.members(["eu-west-1", "us-east-1"]);
    const keys = (r: string) => Object.keys(REGION_PRICES[r].prices).sort();
    expect(keys("us-east-1")).to.deep.equal(keys("eu-west-1"));
    for (const region of Object.keys(REGION_PRICES)) {
      for (const [key, p] of Object.entries(REGION_PRICES[region].prices)) {
        expect(SOURCES[p.source].asOf, `${region} ${key}`).to.be.a("string").with.length.above(3);
        expect(["verified", "secondary", "unverified"]).to.include(p.status);
        expect(p.usd, `${region} ${key}`).to.be.above(0);
      }
    }
    for (const [type, reason] of Object.entries(FREE_TYPES))
      expect(reason, type).to.have.length.above(10);
  });

  it("renders JSON with every line item", () => {
    const json = JSON.parse(renderJson([...estimates.values()]));
    expect(json.stacks).to.have.length(estimates.size);
    expect(json.stacks[0].items[0]).to.include.keys(
      "component",
      "kind",
      "priceKey",
      "monthlyUsd",
      "basis",
    );
  });

  it("docs/operations/cost-estimates.md holds the current cost tables (run `npm run cost -- --write-docs`)", async () => {
    const doc = fs.readFileSync(COST_DOC, "utf8");
    const list = STACKS.map((s) => estimates.get(s)!);
    expect(
      (await withCostSection(doc, list)) === doc,
      "docs/operations/cost-estimates.md is stale: run npm run cost -- --write-docs",
    ).to.equal(true);
  });
});
