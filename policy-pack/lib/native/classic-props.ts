// How a native resource's properties, or a nested block of them, read as the classic twin's: the
// renames and derived properties of a twin (./twins.ts), read lazily through the engine's preview
// proxy, so a value unknown at preview throws when a rule reads it, as the classic property would.
// Only types are imported from ./twins.ts: the twin tables build nested blocks with this module
// while they load.
import type { Derived, NestedTwin } from "./twins";
import { asList } from "../values";

/** `[{ key, value }]` (CloudFormation tags) as `{ key: value }`; a map stays as it is. */
function tagMap(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < v.length; i++) {
    const e: any = v[i];
    const key = e?.key;
    if (typeof key === "string") out[key] = e.value;
  }
  return out;
}

/**
 * The classic twin's properties over the native ones. Reading a property goes through the native
 * props (the engine's proxy: an unknown value throws); its descriptor is the native property's, as
 * the classic proxy's descriptor is the raw property (what `present` in ../values.ts reads). A
 * nested block's renames (`NestedTwin`) read the same way.
 */
export function classicProps(twin: NestedTwin, props: any): Record<string, unknown> {
  if (props === undefined || props === null) return {};
  const renamed = twin.rename ?? {};
  const derived = twin.derive ?? {};
  const source = (key: string): string | undefined =>
    key in renamed ? renamed[key] : key in derived ? derived[key].from : undefined;
  const read = (key: string): unknown => {
    if (key === "tags") {
      const tags = props[renamed.tags ?? "tags"];
      return twin.tagList ? tags : tagMap(tags);
    }
    if (key in renamed) return props[renamed[key]];
    if (key in derived) return derived[key].map(props[derived[key].from], props);
    return props[key];
  };
  const keys = (): string[] => {
    const own = Object.keys(props);
    const extra = [...Object.keys(renamed), ...Object.keys(derived)].filter((k) => {
      const from = source(k);
      return (from !== undefined && own.includes(from)) || derived[k]?.always === true;
    });
    return [...new Set([...own, ...extra])];
  };
  return new Proxy({} as Record<string, unknown>, {
    get: (_, key) => (typeof key === "string" ? read(key) : undefined),
    has: (_, key) => typeof key === "string" && keys().includes(key),
    ownKeys: () => keys(),
    getOwnPropertyDescriptor: (_, key) => {
      if (typeof key !== "string" || !keys().includes(key)) return undefined;
      const from = source(key) ?? key;
      // A derived property that exists without its source (`always`) stands on the first of its
      // dependencies the program wrote: the other spelling (./spelling.ts), or the block it is
      // computed from. Unknown at preview, that one's sentinel is the value below.
      const deps = derived[key]?.always ? [derived[key].deps ?? []].flat() : [];
      const raw =
        Reflect.getOwnPropertyDescriptor(props, from) ??
        deps.map((d) => Reflect.getOwnPropertyDescriptor(props, d)).find((d) => d !== undefined);
      let value = raw?.value;
      // A renamed, derived or tag property is the view's value (a derived one may keep the
      // native name, as networkConfiguration does: its descriptor is still the converted value).
      if (key !== from || key === "tags" || key in derived) {
        try {
          value = read(key);
        } catch {
          // unknown at preview: the raw sentinel stands for it, as on the classic proxy; for a
          // derived property, the sentinel of the dependency that is unknown (a flow log's
          // resourceId, read only when its resourceType says it names a VPC).
          const unknown = key in derived ? unknownDep(props, derived[key]) : undefined;
          if (unknown !== undefined)
            value = Reflect.getOwnPropertyDescriptor(props, unknown)?.value;
        }
      }
      return { value, writable: false, enumerable: true, configurable: true };
    },
  });
}

/**
 * A nested block of a native resource as its classic twin's block (renames and derived properties
 * of `twin`, read as `classicProps` reads a resource's); anything but an object as it is.
 */
export const classicBlock =
  (twin: NestedTwin) =>
  (v: unknown): unknown =>
    v === undefined || v === null || typeof v !== "object" ? v : classicProps(twin, v);

/** A native list of blocks as the classic list (`classicBlock` each); anything else as it is. */
export const classicBlocks =
  (twin: NestedTwin) =>
  (v: unknown): unknown =>
    Array.isArray(v) ? asList(v).map(classicBlock(twin)) : v;

/**
 * Where a classic field of a renamed block reads from: the native field of that name, or the
 * native field `from` read through `map` (a nested block as `renamedBlock` reads it, the one
 * element of a list a rule should see, ...).
 */
export type RenamedField = string | { readonly from: string; readonly map: (v: any) => unknown };

/**
 * A nested block of a native resource read under the classic twin's names and no others: `fields`
 * maps each classic name to the native one, read lazily (a value unknown at preview throws when a
 * rule reads it, as the classic property would), where `classicBlock` keeps the native block's
 * other properties too. Undefined and null stay as they are.
 */
export const renamedBlock =
  (fields: Readonly<Record<string, RenamedField>>) =>
  (v: any): unknown =>
    v === undefined || v === null ? v : renamedView(v, fields);

/**
 * A native list of blocks as the classic list, each read as `renamedBlock` reads one (an element
 * that is undefined or null reads as a block whose fields are undefined); anything else as it is.
 */
export const renamedBlocks =
  (fields: Readonly<Record<string, RenamedField>>) =>
  (v: unknown): unknown =>
    Array.isArray(v) ? asList(v).map((o: any) => renamedView(o, fields)) : v;

/** An object with a getter for each classic name in `fields`, reading `source`'s native field. */
function renamedView(
  source: any,
  fields: Readonly<Record<string, RenamedField>>,
): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [classic, native] of Object.entries(fields)) {
    Object.defineProperty(view, classic, {
      get:
        typeof native === "string"
          ? () => source?.[native]
          : () => native.map(source?.[native.from]),
      enumerable: true,
      configurable: true,
    });
  }
  return view;
}

/** The first of a derived property's sources (`from`, then `deps`) unknown at preview. */
function unknownDep(props: any, d: Derived): string | undefined {
  return [d.from, ...[d.deps ?? []].flat()].find((p) => {
    try {
      void props[p];
      return false;
    } catch {
      return true;
    }
  });
}
