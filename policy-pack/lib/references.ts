// How one resource refers to another, the way the engine lets policies see it: through property
// dependencies (the URNs a value was built from; they work at preview, when ids and ARNs of new
// resources are unknown) and through literal values (an existing resource given by id, name or
// ARN). Also the readers of tags and ARNs, and a per-stack cache for indexes built once.
//
// A reference that is unknown and has no property dependency is never treated as absent: it is
// reported as unresolved, and the policies turn it into the engine's "can't run during preview"
// note.
import type { PolicyResource } from "@pulumi/policy";
import type { StackIndex } from "./define";
import { collect, get, stringProp } from "./values";

/**
 * A function that builds `T` once per stack evaluation (cached per StackIndex), for indexes that
 * several policies share (network graph, bucket index, role links).
 */
export function perStack<T>(build: (index: StackIndex) => T): (index: StackIndex) => T {
  const cache = new WeakMap<StackIndex, T>();
  return (index) => {
    let v = cache.get(index);
    if (v === undefined) {
      v = build(index);
      cache.set(index, v);
    }
    return v;
  };
}

/** The resource's own id when the engine reports it (after apply, or an existing resource). */
export function literalId(r: PolicyResource): string | undefined {
  return stringProp(r.props, "id");
}

/** Resources by their literal id (those whose id is known). */
export function byLiteralId(resources: readonly PolicyResource[]): Map<string, PolicyResource> {
  const out = new Map<string, PolicyResource>();
  for (const r of resources) {
    const id = literalId(r);
    if (id) out.set(id, r);
  }
  return out;
}

export interface Ref {
  /** In-stack resources the value was built from (property dependencies of the wanted types). */
  readonly resources: PolicyResource[];
  /** Literal ids in the value that the property dependencies do not already account for. */
  readonly literals: string[];
  /** Part of the value is unknown and no property dependency accounts for it. */
  readonly unresolved: boolean;
  /** The property holds at least one value. */
  readonly set: boolean;
}

/**
 * Resolves a reference held at `path` (below the top-level property `path[0]`) to in-stack
 * resources of `types` through property dependencies, plus literal ids the dependencies do not
 * explain. After apply a value built from a resource is that resource's literal id; when there are
 * at least as many dependencies as values, every value is taken to come from a dependency.
 */
export function resolveRef(
  r: PolicyResource,
  path: readonly string[],
  types: readonly string[],
): Ref {
  const deps = [
    ...new Set((r.propertyDependencies?.[path[0]] ?? []).filter((d) => types.includes(d.type))),
  ];
  const { values, unknown } = collect(r.props, path);
  const strings = values.filter((v): v is string => typeof v === "string" && v !== "");
  const total = strings.length + unknown;
  return {
    resources: deps,
    literals: deps.length >= total ? [] : strings,
    unresolved: unknown > deps.length,
    set: total > 0 || deps.length > 0,
  };
}

/** The targets a reference names: its resources, and the literal ids of targets in `byId`. */
function refTargets(ref: Ref, byId: ReadonlyMap<string, PolicyResource>): PolicyResource[] {
  return [
    ...ref.resources,
    ...ref.literals.map((id) => byId.get(id)).filter((t): t is PolicyResource => !!t),
  ];
}

/** Referrers grouped by the target they name (see `groupByReference`). */
export interface ReferenceGroups {
  readonly byTarget: Map<PolicyResource, PolicyResource[]>;
  /** Referrers whose reference is partly unknown with no property dependency. */
  readonly unresolved: PolicyResource[];
  /** Referrers that name no target of the stack. */
  readonly orphans: PolicyResource[];
}

/**
 * Groups `referrers` by the `targets` (of `targetTypes`) their reference at `path` names, through
 * property dependencies and literal ids: e.g. flow logs by VPC, rules by network ACL.
 */
export function groupByReference(
  targets: readonly PolicyResource[],
  targetTypes: readonly string[],
  referrers: readonly PolicyResource[],
  path: readonly string[],
): ReferenceGroups {
  const byId = byLiteralId(targets);
  const byTarget = new Map<PolicyResource, PolicyResource[]>();
  const unresolved: PolicyResource[] = [];
  const orphans: PolicyResource[] = [];
  for (const r of referrers) {
    const ref = resolveRef(r, path, targetTypes);
    const found = refTargets(ref, byId);
    for (const t of found) {
      const l = byTarget.get(t);
      if (l) l.push(r);
      else byTarget.set(t, [r]);
    }
    if (ref.unresolved) unresolved.push(r);
    if (!found.length) orphans.push(r);
  }
  return { byTarget, unresolved, orphans };
}

/** What a stack policy needs from its context to collect literal references. */
interface LiteralContext {
  readonly index: StackIndex;
  each(resource: PolicyResource, fn: () => void): void;
}

/** Literal references by value (see `literalReferences`). */
export interface LiteralReferences {
  readonly values: Map<string, PolicyResource[]>;
  /** False when one of them could not be read (unknown at preview). */
  readonly complete: boolean;
}

/**
 * Literal values of `prop` on resources of `types` whose `prop` was not built from another
 * resource (a reference by name or ARN to something outside the property-dependency graph),
 * mapped to the resources that hold them. `complete` is false when one of them could not be read
 * (unknown at preview): that resource already yields a preview note, and callers must then not
 * report "no reference" for targets the unreadable one may name.
 */
export function literalReferences(
  ctx: LiteralContext,
  types: string[],
  prop: string,
): LiteralReferences {
  const values = new Map<string, PolicyResource[]>();
  let complete = true;
  for (const r of ctx.index.ofType(...types)) {
    if (ctx.index.referenced(r, prop).length > 0) continue;
    let read = false;
    ctx.each(r, () => {
      const v = r.props[prop];
      if (typeof v === "string") values.set(v, [...(values.get(v) ?? []), r]);
      read = true;
    });
    complete &&= read;
  }
  return { values, complete };
}

/**
 * The resources of `type` that refer to `target` through their `prop`: those built from it
 * (property dependency), else those whose literal value (`literal`, from `literalReferences`) is
 * one of `keys` of the target, read lazily and in order only when literal references exist (a
 * target's ARN is unknown at preview). Undefined when it cannot be told: a literal reference is
 * unreadable at preview (it yields its own preview note).
 */
export function referrersOf(
  index: StackIndex,
  target: PolicyResource,
  prop: string,
  type: string,
  literal: LiteralReferences,
  keys: readonly (() => unknown)[],
): PolicyResource[] | undefined {
  const linked = index.referrers(target, prop, type);
  if (linked.length > 0) return linked;
  if (!literal.complete) return undefined;
  if (literal.values.size === 0) return [];
  for (const key of keys) {
    const found = literal.values.get(key() as string);
    if (found) return found;
  }
  return [];
}

/** How resources of one type refer to a target: the property naming it, the target's names. */
export interface ReferrerLink {
  /** The referring type, e.g. `aws:redshift/logging:Logging`. */
  readonly type: string;
  /** Its property that names the target. */
  readonly prop: string;
  /** The target's properties a literal value may equal, tried in order, read only when needed. */
  readonly keys: readonly string[];
}

/**
 * The stack-policy walk over resources of `targets` and what refers to them: for each target
 * (inside `ctx.each`, so an unknown value stops only its part), the resources of `link.type` that
 * refer to it (`referrersOf`, with the literal references collected once). `fn` is not called
 * where that cannot be told at preview (an unreadable literal reference yields its own note);
 * `only`, when given, picks the targets before their referrers are looked up.
 */
export function eachWithReferrers(
  ctx: LiteralContext,
  targets: string | readonly string[],
  link: ReferrerLink,
  fn: (target: PolicyResource, referrers: PolicyResource[]) => void,
  only?: (target: PolicyResource) => boolean,
): void {
  const literal = literalReferences(ctx, [link.type], link.prop);
  const keys = (target: PolicyResource) => link.keys.map((k) => () => target.props[k]);
  for (const target of ctx.index.ofType(...[targets].flat())) {
    ctx.each(target, () => {
      if (only && !only(target)) return;
      const referrers = referrersOf(ctx.index, target, link.prop, link.type, literal, keys(target));
      if (referrers !== undefined) fn(target, referrers);
    });
  }
}

/** Resources by their `name` where it is known (one unknown at preview is left out). */
export function byKnownName(resources: readonly PolicyResource[]): Map<string, PolicyResource> {
  const byName = new Map<string, PolicyResource>();
  for (const r of resources) {
    const name = get(r.props, "name");
    if (name.known && typeof name.value === "string") byName.set(name.value, r);
  }
  return byName;
}

/**
 * The resource of `type` that `r` names in `prop`: the one it was built from (property
 * dependency), else the one of `byName` (`byKnownName`) with the literal name it gives. `name` is
 * that literal value (undefined when a property dependency found the target).
 */
export function namedTarget(
  index: StackIndex,
  r: PolicyResource,
  prop: string,
  type: string,
  byName: ReadonlyMap<string, PolicyResource>,
): { readonly target?: PolicyResource; readonly name?: unknown } {
  const linked = index.referenced(r, prop, type);
  if (linked.length > 0) return { target: linked[0] };
  const name: unknown = r.props[prop];
  return { target: typeof name === "string" ? byName.get(name) : undefined, name };
}

/** Tags of a resource (`tags`, else `tagsAll`); throws if they are unknown. */
export function tagsOf(r: PolicyResource): Record<string, unknown> {
  const t = r.props.tags ?? r.props.tagsAll;
  return t && typeof t === "object" ? (t as Record<string, unknown>) : {};
}

/** The 12-digit account of an ARN or bare account id, if any. */
export function accountOf(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const m = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(value);
  return m?.[1];
}

/** `aws:s3/bucketPolicy:BucketPolicy` → `BucketPolicy`. */
export function shortType(type: string): string {
  return type.slice(type.lastIndexOf(":") + 1);
}
