// The stack index every stack policy reads (`ctx.index`): resources by URN and type, and which
// resources' properties were built from which, over the resource array the policy SDK hands the
// policy. Built once per stack shape, not once per policy (see `StackShape`).
import type { PolicyResource } from "@pulumi/policy";

/**
 * What a `StackIndex` is built from, and nothing else: each resource's URN and type, and the URNs
 * its properties depend on, in the order of the stack, with the indexes as positions in that
 * order. It holds no resource object and no property value.
 *
 * The engine's analyzer hands each stack policy its own resource objects (the SDK decodes the
 * stack again for every policy, server.js `makeAnalyzeStackRpcFun`), so a cache per resource array
 * never hits there, and every policy would index the whole stack again. A shape is reused by a
 * later array only after checking that array has the very URNs, types and property dependencies
 * the shape was built from: positions then name the same resources, whatever request or phase the
 * array comes from.
 */
class StackShape {
  readonly urns: string[] = [];
  readonly types: string[] = [];
  /** URN → position (the last one, as a Map filled in stack order keeps it). */
  readonly position = new Map<string, number>();
  readonly byType = new Map<string, number[]>();
  /** Per resource: each property with dependencies, followed by their count and their URNs. */
  private readonly deps: (string | number)[][] = [];
  /** target URN → property → positions of the resources whose property depends on it. */
  readonly reverse = new Map<string, Map<string, number[]>>();

  constructor(resources: readonly PolicyResource[]) {
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      this.urns.push(r.urn);
      this.types.push(r.type);
      this.position.set(r.urn, i);
      const list = this.byType.get(r.type);
      if (list) list.push(i);
      else this.byType.set(r.type, [i]);
      const flat: (string | number)[] = [];
      const pd = r.propertyDependencies;
      for (const prop in pd) {
        const deps = pd[prop];
        flat.push(prop, deps.length);
        for (const d of deps) {
          flat.push(d.urn);
          let m = this.reverse.get(d.urn);
          if (!m) this.reverse.set(d.urn, (m = new Map()));
          const l = m.get(prop);
          if (l) l.push(i);
          else m.set(prop, [i]);
        }
      }
      this.deps.push(flat);
    }
  }

  /** Whether `resources` has exactly the URNs, types and property dependencies of this shape. */
  fits(resources: readonly PolicyResource[]): boolean {
    if (resources.length !== this.urns.length) return false;
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      if (r.urn !== this.urns[i] || r.type !== this.types[i]) return false;
      const flat = this.deps[i];
      let k = 0;
      const pd = r.propertyDependencies;
      for (const prop in pd) {
        const deps = pd[prop];
        if (flat[k++] !== prop || flat[k++] !== deps.length) return false;
        for (const d of deps) if (flat[k++] !== d.urn) return false;
      }
      if (k !== flat.length) return false;
    }
    return true;
  }
}

/** A read-only map of URN → resource over a shape's positions (the resources of one array). */
class UrnMap implements ReadonlyMap<string, PolicyResource> {
  constructor(
    private readonly position: ReadonlyMap<string, number>,
    private readonly resources: readonly PolicyResource[],
  ) {}
  get size(): number {
    return this.position.size;
  }
  get(urn: string): PolicyResource | undefined {
    const i = this.position.get(urn);
    return i === undefined ? undefined : this.resources[i];
  }
  has(urn: string): boolean {
    return this.position.has(urn);
  }
  *entries(): MapIterator<[string, PolicyResource]> {
    for (const [urn, i] of this.position) yield [urn, this.resources[i]];
  }
  keys(): MapIterator<string> {
    return this.position.keys();
  }
  *values(): MapIterator<PolicyResource> {
    for (const i of this.position.values()) yield this.resources[i];
  }
  forEach(
    fn: (value: PolicyResource, key: string, map: ReadonlyMap<string, PolicyResource>) => void,
    thisArg?: unknown,
  ): void {
    for (const [urn, i] of this.position) fn.call(thisArg, this.resources[i], urn, this);
  }
  [Symbol.iterator](): MapIterator<[string, PolicyResource]> {
    return this.entries();
  }
}

/**
 * Indexes of a stack's resources, cached per resource array, so every cross-resource policy is
 * linear in the stack size. The indexes themselves come from a `StackShape` that later arrays of
 * the same stack reuse (see there); the resources they return are always this array's own.
 */
export class StackIndex {
  private static readonly cache = new WeakMap<readonly PolicyResource[], StackIndex>();
  /** The shape of the stack indexed last: the next policy of a request most likely fits it. */
  private static lastShape: StackShape | undefined;
  readonly byUrn: ReadonlyMap<string, PolicyResource>;
  private readonly byTypeCache = new Map<string, PolicyResource[]>();

  static of(resources: readonly PolicyResource[]): StackIndex {
    let idx = StackIndex.cache.get(resources);
    if (!idx) {
      let shape = StackIndex.lastShape;
      if (!shape?.fits(resources)) StackIndex.lastShape = shape = new StackShape(resources);
      idx = new StackIndex(resources, shape);
      StackIndex.cache.set(resources, idx);
    }
    return idx;
  }

  private constructor(
    private readonly resources: readonly PolicyResource[],
    private readonly shape: StackShape,
  ) {
    this.byUrn = new UrnMap(shape.position, resources);
  }

  private at(positions: readonly number[]): PolicyResource[] {
    const out = new Array<PolicyResource>(positions.length);
    for (let i = 0; i < positions.length; i++) out[i] = this.resources[positions[i]];
    return out;
  }

  /** Whether the stack has a resource of the type token `type`. */
  has(type: string): boolean {
    return this.shape.byType.has(type);
  }

  /** Resources of any of the given type tokens. */
  ofType(...types: string[]): PolicyResource[] {
    const lists = types.map((t) => {
      let list = this.byTypeCache.get(t);
      if (!list) this.byTypeCache.set(t, (list = this.at(this.shape.byType.get(t) ?? [])));
      return list;
    });
    return lists.length === 1 ? [...lists[0]] : lists.flat();
  }

  /** Resources whose property `prop` was built from `target` (e.g. blocks whose `bucket` is it). */
  referrers(target: PolicyResource, prop: string, ...types: string[]): PolicyResource[] {
    const found = this.at(this.shape.reverse.get(target.urn)?.get(prop) ?? []);
    return types.length ? found.filter((r) => types.includes(r.type)) : found;
  }

  /** Resources that `source`'s property `prop` was built from. */
  referenced(source: PolicyResource, prop: string, ...types: string[]): PolicyResource[] {
    const found = source.propertyDependencies?.[prop] ?? [];
    return types.length ? found.filter((r) => types.includes(r.type)) : found;
  }
}
