// Renders estimates: markdown tables (the text output and the generated section of
// docs/operations/cost-estimates.md) and JSON.
import { ASSUMPTION_TEXT, Assumptions } from "./assumptions";
import { StackEstimate } from "./estimate";
import { REGION_PRICES, SOURCES, SourceId, TAKEN_ON } from "./prices";

export function usd(n: number): string {
  if (n !== 0 && Math.abs(n) < 0.01) return `$${n.toFixed(4)}`;
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function unitPrice(n: number): string {
  return `$${Number(n.toPrecision(6))}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
}

function table(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ];
}

function mark(status: string): string {
  return status === "verified" ? "" : status === "secondary" ? " †" : " ‡";
}

function shortComponent(c: string): string {
  return c.replace(/\b(\w+) [a-z0-9-]+/g, "$1");
}

/** One stack's estimate as markdown. `heading` is the markdown level of its title. */
export function renderStack(e: StackEstimate, heading = "##"): string {
  const lines: string[] = [];
  lines.push(
    `${heading} Stack \`${e.stack}\` (${e.region}${e.regionName ? `, ${e.regionName}` : ""})`,
    "",
  );
  lines.push(
    `**Fixed: ${usd(e.fixedUsd)}/month. Variable at the assumed volumes: ${usd(e.variableUsd)}/month. ` +
      `Total: ${usd(e.fixedUsd + e.variableUsd)}/month**${e.problems.length || e.unpriced.length ? " (INCOMPLETE: see below)" : ""} ` +
      `(${e.currency}, ${e.hoursPerMonth} h/month, prices of ${e.pricesTakenOn}).`,
    "",
  );
  const adopted = new Set(e.items.filter((i) => i.adopted).map((i) => i.urn)).size;
  if (adopted > 0) {
    lines.push(
      `Of this, ${usd(e.adoptedUsd)}/month is for ${adopted} resource${adopted === 1 ? "" : "s"} adopted with ` +
        'the `import` option: they run already, so it is not new spending (marked "adopted" below).',
      "",
    );
  }
  if (e.readOnly.length > 0) {
    const n = e.readOnly.length;
    lines.push(
      `${n} resource${n === 1 ? "" : "s"} read with \`get\` (${e.readOnly.map((r) => `\`${r.type}\` ${r.name}`).join(", ")}): ` +
        "not managed by the stack, so not priced.",
      "",
    );
  }
  if (e.problems.length || e.unpriced.length) {
    lines.push("**Incomplete estimate:**", "");
    for (const p of e.problems) lines.push(`- ${p}`);
    for (const u of e.unpriced)
      lines.push(
        `- unpriced: \`${u.type}\` ${u.name} (${shortComponent(u.component)}): ${u.reason}`,
      );
    lines.push("");
  }
  lines.push(`${heading}# By component`, "");
  lines.push(
    ...table(
      ["Component (parent chain)", "Fixed / month", "Variable / month (assumed)"],
      e.byComponent.map((c) => [c.component, usd(c.fixedUsd), usd(c.variableUsd)]),
    ),
    "",
  );
  lines.push(`${heading}# Fixed costs`, "");
  lines.push(
    ...table(
      ["Component", "Resource", "Charge", "Quantity / month", "Unit price", "Monthly"],
      e.items
        .filter((i) => i.kind === "fixed")
        .map((i) => [
          shortComponent(i.component),
          i.name,
          i.what + (i.note ? ` (${i.note})` : "") + (i.adopted ? " (adopted)" : ""),
          i.basis,
          `${unitPrice(i.unitUsd)} ${i.unit}${mark(i.status)}`,
          usd(i.monthlyUsd),
        ]),
    ),
    "",
  );
  lines.push(`${heading}# Variable costs (formula, and the value at the assumed volumes)`, "");
  lines.push(
    ...table(
      ["Component", "Resource", "Charge", "Formula", "At the assumptions"],
      e.items
        .filter((i) => i.kind === "variable")
        .map((i) => [
          shortComponent(i.component),
          i.name,
          i.what + (i.adopted ? " (adopted)" : ""),
          `${unitPrice(i.unitUsd)} ${i.unit}${mark(i.status)} × ${i.basis}${i.note ? `; ${i.note}` : ""}`,
          usd(i.monthlyUsd),
        ]),
    ),
    "",
  );
  if (e.nat) {
    const n = e.nat;
    lines.push(`${heading}# Alternative: NAT gateways instead of interface endpoints`, "");
    lines.push(
      ...table(
        ["Design", "Fixed / month", "Per GB processed", `At ${n.assumedGb} GB/month (assumed)`],
        [
          [
            `${n.interfaceEndpoints} interface endpoints × AZs = ${n.endpointEnis} network interfaces (as built)`,
            usd(n.endpointsFixedUsd),
            unitPrice(n.endpointPerGbUsd),
            usd(n.endpointsAtAssumedUsd),
          ],
          [
            `${n.natGateways} NAT gateway${n.natGateways === 1 ? "" : "s"} (one per AZ served) with public IPv4 addresses`,
            usd(n.natFixedUsd),
            unitPrice(n.natPerGbUsd),
            usd(n.natAtAssumedUsd),
          ],
        ],
      ),
      "",
      `Verdict: ${n.verdict}. S3 traffic stays on the free gateway endpoint in both designs. NAT would also ` +
        `need a 0.0.0.0/0 route from the compute subnets, which the policy pack forbids.`,
      "",
    );
  }
  const freeTypes = [...new Set(e.free.map((f) => f.type))].sort();
  lines.push(
    `${e.free.length} resources cost nothing by themselves (${freeTypes.length} types; the reasons are in ` +
      `\`tools/cost/free-types.ts\` and \`--format json\`).`,
    "",
  );
  return lines.join("\n");
}

export function renderAssumptions(list: readonly StackEstimate[]): string {
  const keys = Object.keys(ASSUMPTION_TEXT) as (keyof Assumptions)[];
  return table(
    ["Assumption", ...list.map((e) => e.stack)],
    keys.map((k) => [
      ASSUMPTION_TEXT[k],
      ...list.map((e) => e.assumptions[k].toLocaleString("en-US")),
    ]),
  ).join("\n");
}

/** The price table and its sources, as markdown. */
export function renderPriceTable(): string {
  const regions = Object.keys(REGION_PRICES);
  const keys = [...new Set(regions.flatMap((r) => Object.keys(REGION_PRICES[r].prices)))].sort();
  const rows = keys.map((k) => {
    const any = regions.map((r) => REGION_PRICES[r].prices[k]).find((p) => p)!;
    return [
      `\`${k}\``,
      ...regions.map((r) => {
        const p = REGION_PRICES[r].prices[k];
        return p ? `${unitPrice(p.usd)}${mark(p.status)}` : "—";
      }),
      any.unit,
      regions
        .map((r) => REGION_PRICES[r].prices[k]?.source)
        .filter((s, i, all) => s && all.indexOf(s) === i)
        .join(", "),
    ];
  });
  const used = new Set<SourceId>(
    regions.flatMap((r) => Object.values(REGION_PRICES[r].prices).map((p) => p.source)),
  );
  return [
    `Prices taken on ${TAKEN_ON} (USD, on-demand, free tiers not deducted). No mark: verified on an AWS page; ` +
      "† secondary: a dated third-party page citing AWS; ‡ unverified: AWS's published value to our knowledge, " +
      "not confirmed in a source available when the table was taken.",
    "",
    ...table(["Price", ...regions, "Unit", "Source"], rows),
    "",
    ...table(
      ["Source", "Page", "Page date"],
      [...used].sort().map((s) => [s, `[${SOURCES[s].title}](${SOURCES[s].url})`, SOURCES[s].asOf]),
    ),
  ].join("\n");
}

/** The whole text report. */
export function renderText(list: readonly StackEstimate[]): string {
  return [
    ...list.map((e) => renderStack(e)),
    "## Assumptions",
    "",
    renderAssumptions(list),
    "",
    "† secondary source, ‡ unverified price: see `npm run cost -- --prices`.",
    "",
  ].join("\n");
}

export function renderJson(list: readonly StackEstimate[]): string {
  return JSON.stringify({ pricesTakenOn: TAKEN_ON, stacks: list }, null, 2) + "\n";
}
