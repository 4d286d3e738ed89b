// One index over a recording, shared by the cost estimate, the diagram and the tests: resources
// by URN and type, who references whom through property dependencies, component chains.
import type { RecordedResource, Recording } from "./recorder";
import { UNKNOWN } from "./engine/wire";

/** True for a value the engine does not know at preview. */
export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN;
}

/** Fast lookups over one recording. */
export class ResourceIndex {
  readonly byUrn = new Map<string, RecordedResource>();
  private readonly byTypeMap = new Map<string, RecordedResource[]>();
  /** target URN → [referring resource, property] */
  private readonly refs = new Map<string, { from: RecordedResource; prop: string }[]>();

  constructor(readonly resources: readonly RecordedResource[]) {
    for (const r of resources) {
      this.byUrn.set(r.urn, r);
      const list = this.byTypeMap.get(r.type) ?? [];
      list.push(r);
      this.byTypeMap.set(r.type, list);
    }
    for (const r of resources) {
      for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
        for (const urn of urns) {
          const list = this.refs.get(urn) ?? [];
          list.push({ from: r, prop });
          this.refs.set(urn, list);
        }
      }
    }
  }

  ofType(...types: string[]): RecordedResource[] {
    return types.flatMap((t) => this.byTypeMap.get(t) ?? []);
  }

  /** Resources whose property `prop` (any property when omitted) was built from `target`. */
  referrers(target: RecordedResource, prop?: string, ...types: string[]): RecordedResource[] {
    return (this.refs.get(target.urn) ?? [])
      .filter(
        (e) =>
          (prop === undefined || e.prop === prop) &&
          (types.length === 0 || types.includes(e.from.type)),
      )
      .map((e) => e.from);
  }

  /** Resources that `source`'s property `prop` (any when omitted) was built from. */
  referenced(source: RecordedResource, prop?: string, ...types: string[]): RecordedResource[] {
    const urns =
      prop === undefined
        ? Object.values(source.propertyDependencies).flat()
        : (source.propertyDependencies[prop] ?? []);
    const out: RecordedResource[] = [];
    for (const urn of new Set(urns)) {
      const r = this.byUrn.get(urn);
      if (r && (types.length === 0 || types.includes(r.type))) out.push(r);
    }
    return out;
  }

  /** The component chain of a resource, outermost first (the root stack left out). */
  componentChain(r: RecordedResource): RecordedResource[] {
    const chain: RecordedResource[] = [];
    let parent = r.parent ? this.byUrn.get(r.parent) : undefined;
    while (parent && parent.type !== "pulumi:pulumi:Stack") {
      chain.unshift(parent);
      parent = parent.parent ? this.byUrn.get(parent.parent) : undefined;
    }
    return chain;
  }

  /** The components of the program (`custom: false`, the root stack excluded). */
  components(): RecordedResource[] {
    return this.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack");
  }
}

/** "Runtime staging-runtime › PublicLoadBalancer staging-runtime-lb" */
export function componentLabel(chain: readonly RecordedResource[]): string {
  if (chain.length === 0) return "(stack)";
  return chain.map((c) => `${c.type.split(":").pop()} ${c.name}`).join(" › ");
}

/** The AWS region the program targets: the default aws provider's region input. */
export function regionOf(rec: Recording): string | undefined {
  const provider = rec.resources.find((r) => r.type === "pulumi:providers:aws");
  const region = provider?.inputs.region;
  return typeof region === "string" && !isUnknown(region) ? region : undefined;
}
