// The monthly estimate of one recorded stack: every custom resource is priced by its type's rule,
// declared free with a reason, or reported unpriced with the reason (never silently zero). Totals
// per component (the parent chain) and the NAT-gateway alternative to the interface endpoints.
import { isStackReference, operationOf } from "../lib/operations";
import { Recording } from "../lib/recorder";
import { Assumptions, assumptionsFor } from "./assumptions";
import {
  CURRENCY,
  FREE_TYPES,
  HOURS_PER_MONTH,
  Price,
  PriceStatus,
  REGION_PRICES,
  SourceId,
  TAKEN_ON,
} from "./prices";
import {
  componentLabel,
  endpointService,
  isUnknown,
  regionOf,
  ResourceIndex,
} from "../lib/resource-index";
import { endpointGb, RULES, Unpriceable } from "./rules";

export interface LineItem {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** The resource's component chain, e.g. "Runtime staging-runtime › WebFirewall staging-runtime-waf". */
  readonly component: string;
  /** The outermost component, e.g. "Runtime staging-runtime". */
  readonly topComponent: string;
  readonly kind: "fixed" | "variable";
  readonly what: string;
  readonly basis: string;
  readonly quantity: number;
  readonly priceKey: string;
  readonly unitUsd: number;
  readonly unit: string;
  readonly status: PriceStatus;
  readonly source: SourceId;
  /** Fixed: the monthly cost. Variable: the monthly cost at the stated assumptions. */
  readonly monthlyUsd: number;
  readonly note?: string;
  /** The resource is adopted with the `import` option: it runs already, so this is not new spending. */
  readonly adopted?: boolean;
}

export interface FreeItem {
  readonly type: string;
  readonly name: string;
  readonly component: string;
  readonly reason: string;
}

export interface Unpriced {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly component: string;
  readonly reason: string;
}

export interface ComponentTotal {
  readonly component: string;
  readonly fixedUsd: number;
  readonly variableUsd: number;
}

export interface NatComparison {
  readonly interfaceEndpoints: number;
  /** Network interfaces (endpoint × AZ) billed hourly. */
  readonly endpointEnis: number;
  readonly endpointsFixedUsd: number;
  readonly endpointPerGbUsd: number;
  /** NAT gateways the alternative needs: one per AZ the endpoints serve. */
  readonly natGateways: number;
  /** NAT hours plus each gateway's public IPv4 address. */
  readonly natFixedUsd: number;
  readonly natPerGbUsd: number;
  /** AWS-service traffic per month at the assumptions (S3 stays on the free gateway endpoint either way). */
  readonly assumedGb: number;
  readonly endpointsAtAssumedUsd: number;
  readonly natAtAssumedUsd: number;
  /** Traffic (GB/month) above which endpoints are cheaper; undefined when one option always wins. */
  readonly breakEvenGb?: number;
  readonly cheaperAtAssumed: "interface endpoints" | "NAT gateways";
  readonly verdict: string;
}

export interface StackEstimate {
  readonly stack: string;
  readonly region: string;
  readonly regionName?: string;
  readonly currency: string;
  readonly pricesTakenOn: string;
  readonly hoursPerMonth: number;
  readonly assumptions: Assumptions;
  readonly items: LineItem[];
  readonly free: FreeItem[];
  /** Resources the stack only reads (`get`): they exist and are billed whatever it does; not priced. */
  readonly readOnly: FreeItem[];
  readonly unpriced: Unpriced[];
  /** Problems that make the estimate incomplete (unknown region, invisible remote components). */
  readonly problems: string[];
  readonly fixedUsd: number;
  readonly variableUsd: number;
  /** Of fixed plus variable, what the resources adopted with `import` cost (they run already). */
  readonly adoptedUsd: number;
  readonly byComponent: ComponentTotal[];
  readonly nat?: NatComparison;
  /** Price keys used whose status is not "verified". */
  readonly unverifiedPrices: string[];
}

export interface EstimateOptions {
  /** Region to price in; default: the region the recording's aws provider targets. */
  readonly region?: string;
  readonly assumptions?: Partial<Assumptions>;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function estimate(rec: Recording, opts: EstimateOptions = {}): StackEstimate {
  const index = new ResourceIndex(rec.resources);
  const assumptions = assumptionsFor(rec.stack, opts.assumptions);
  const region = opts.region ?? regionOf(rec) ?? "(unknown)";
  const regional = REGION_PRICES[region];
  const problems: string[] = [];
  if (!regional) {
    problems.push(
      `no prices for region ${region} (the table has ${Object.keys(REGION_PRICES).join(", ")}): ` +
        `nothing that costs money is priced; add the region to tools/cost/prices.ts`,
    );
  }
  const items: LineItem[] = [];
  const free: FreeItem[] = [];
  const readOnly: FreeItem[] = [];
  const unpriced: Unpriced[] = [];

  for (const r of rec.resources) {
    const chain = index.componentChain(r);
    const component = componentLabel(chain);
    const topComponent = componentLabel(chain.slice(0, 1));
    /** The resource as a free, read-only or unpriced entry, with why. */
    const entry = (reason: string) => ({ type: r.type, name: r.name, component, reason });
    if (!r.custom) {
      if (r.remote) {
        problems.push(
          `${r.type} ${r.name} is a remote component: its resources are invisible offline and not priced`,
        );
      }
      continue;
    }
    if (isStackReference(r)) {
      free.push(entry("a stack reference: it reads another stack's outputs, not a cloud resource"));
      continue;
    }
    const operation = operationOf(r);
    if (operation === "read") {
      readOnly.push(
        entry("read with `get`, not managed by the stack: it is billed whatever the stack does"),
      );
      continue;
    }
    const freeReason =
      FREE_TYPES[r.type] ??
      (r.type.startsWith("pulumi:providers:")
        ? "a provider configuration, not a cloud resource"
        : undefined);
    if (freeReason) {
      free.push(entry(freeReason));
      continue;
    }
    const rule = RULES[r.type];
    if (!rule) {
      unpriced.push({ urn: r.urn, ...entry(`no price rule or free entry for ${r.type}`) });
      continue;
    }
    // A resource may name its own region (aws 7: every resource takes `region`), e.g. CloudFront
    // log delivery in us-east-1; it is priced there.
    const own =
      typeof r.inputs.region === "string" && !isUnknown(r.inputs.region) ? r.inputs.region : region;
    const prices = REGION_PRICES[own]?.prices;
    if (!prices) {
      unpriced.push({ urn: r.urn, ...entry(`no prices for region ${own}`) });
      if (own !== region)
        problems.push(`${r.type} ${r.name} is in region ${own}, which has no prices in the table`);
      continue;
    }
    try {
      const result = rule(r, { index, assumptions });
      if ("free" in result) {
        free.push(entry(result.free));
        continue;
      }
      const priced: LineItem[] = [];
      for (const c of result.charges) {
        const price: Price | undefined = prices[c.priceKey];
        if (!price) throw new Unpriceable(`no price "${c.priceKey}" for ${own} in the price table`);
        priced.push({
          urn: r.urn,
          type: r.type,
          name: r.name,
          component,
          topComponent,
          kind: c.kind,
          what: own === region ? c.what : `${c.what} (${own})`,
          basis: c.basis,
          quantity: c.quantity,
          priceKey: c.priceKey,
          unitUsd: price.usd,
          unit: price.unit,
          status: price.status,
          source: price.source,
          monthlyUsd: c.quantity * price.usd,
          ...(c.note ? { note: c.note } : {}),
          ...(operation === "import" ? { adopted: true } : {}),
        });
      }
      items.push(...priced);
    } catch (e) {
      if (!(e instanceof Unpriceable)) throw e;
      unpriced.push({ urn: r.urn, ...entry(e.message) });
    }
  }

  items.sort((a, b) => a.component.localeCompare(b.component) || a.name.localeCompare(b.name));
  const totals = new Map<string, { fixed: number; variable: number }>();
  for (const i of items) {
    const t = totals.get(i.component) ?? { fixed: 0, variable: 0 };
    t[i.kind] += i.monthlyUsd;
    totals.set(i.component, t);
  }
  const byComponent = [...totals.entries()]
    .map(([component, t]) => ({
      component,
      fixedUsd: round(t.fixed),
      variableUsd: round(t.variable),
    }))
    .sort((a, b) => a.component.localeCompare(b.component));
  const unverifiedPrices = [
    ...new Set(items.filter((i) => i.status !== "verified").map((i) => i.priceKey)),
  ].sort();

  return {
    stack: rec.stack,
    region,
    regionName: regional?.name,
    currency: CURRENCY,
    pricesTakenOn: TAKEN_ON,
    hoursPerMonth: HOURS_PER_MONTH,
    assumptions,
    items,
    free,
    readOnly,
    unpriced,
    problems,
    fixedUsd: round(items.filter((i) => i.kind === "fixed").reduce((n, i) => n + i.monthlyUsd, 0)),
    variableUsd: round(
      items.filter((i) => i.kind === "variable").reduce((n, i) => n + i.monthlyUsd, 0),
    ),
    adoptedUsd: round(items.filter((i) => i.adopted).reduce((n, i) => n + i.monthlyUsd, 0)),
    byComponent,
    nat: regional ? natComparison(index, regional.prices, assumptions) : undefined,
    unverifiedPrices,
  };
}

/**
 * The alternative a reader asks about: the same stack reaching AWS services through NAT gateways
 * (one per AZ the endpoints serve: every AZ in prod, one in staging) instead of interface endpoints.
 * S3 stays on the free gateway endpoint in both designs. NAT also needs a 0.0.0.0/0 route from the
 * compute subnets, which the policy pack forbids; this compares cost only.
 */
function natComparison(
  index: ResourceIndex,
  prices: Readonly<Record<string, Price>>,
  a: Assumptions,
): NatComparison | undefined {
  const endpoints = index
    .ofType("aws:ec2/vpcEndpoint:VpcEndpoint")
    .filter((e) => e.inputs.vpcEndpointType === "Interface");
  if (endpoints.length === 0) return undefined;
  const need = (k: string) => {
    const p = prices[k];
    if (!p) throw new Error(`the price table lacks "${k}", needed for the NAT comparison`);
    return p.usd;
  };
  const enisOf = (e: (typeof endpoints)[number]) =>
    Array.isArray(e.inputs.subnetIds) ? e.inputs.subnetIds.length : 0;
  const enis = endpoints.reduce((n, e) => n + enisOf(e), 0);
  const natGateways = Math.max(...endpoints.map(enisOf), 1);
  const gb = endpoints.reduce((n, e) => n + endpointGb(endpointService(e), index, a).gb, 0);
  const endpointsFixed = enis * HOURS_PER_MONTH * need("vpce.interfaceAzHour");
  const natFixed = natGateways * HOURS_PER_MONTH * (need("nat.hour") + need("ipv4.hour"));
  const ePerGb = need("vpce.gb");
  const nPerGb = need("nat.gb");
  const endpointsAt = endpointsFixed + gb * ePerGb;
  const natAt = natFixed + gb * nPerGb;
  let breakEvenGb: number | undefined;
  let verdict: string;
  const money = (n: number) => `$${n.toFixed(2)}`;
  if (endpointsFixed <= natFixed) {
    verdict =
      `interface endpoints are cheaper at any traffic: ${money(endpointsFixed)} vs ${money(natFixed)} a month fixed, ` +
      `and $${ePerGb}/GB vs $${nPerGb}/GB processed`;
  } else {
    breakEvenGb = (endpointsFixed - natFixed) / (nPerGb - ePerGb);
    verdict =
      `NAT gateways are cheaper below ${Math.round(breakEvenGb).toLocaleString("en-US")} GB/month of AWS-service traffic ` +
      `(${money(natFixed)} vs ${money(endpointsFixed)} fixed); above it the endpoints' lower per-GB price wins`;
  }
  return {
    interfaceEndpoints: endpoints.length,
    endpointEnis: enis,
    endpointsFixedUsd: round(endpointsFixed),
    endpointPerGbUsd: ePerGb,
    natGateways,
    natFixedUsd: round(natFixed),
    natPerGbUsd: nPerGb,
    assumedGb: round(gb),
    endpointsAtAssumedUsd: round(endpointsAt),
    natAtAssumedUsd: round(natAt),
    breakEvenGb: breakEvenGb === undefined ? undefined : round(breakEvenGb),
    cheaperAtAssumed: endpointsAt <= natAt ? "interface endpoints" : "NAT gateways",
    verdict,
  };
}
