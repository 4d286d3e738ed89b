// Reading resource values that may be unknown at preview: the one place for the unknown sentinel,
// the errors the engine turns into "can't run during preview" notes, and the readers every policy
// uses to ask "is it known", "is it set", "what is in the list" and "what does the JSON say".
//
// Policies see props wrapped in the engine's `unknownCheckingProxy`: touching an unknown value
// throws `UnknownValueError`. `peek` catches that for questions that can be answered without the
// value; `get` reads a raw property without letting the proxy throw; `present` asks whether a value
// is set at all without reading it. Everything else reads plainly, so an unknown value throws and
// becomes the engine's preview note instead of a pass.
import { PolicyResource, UnknownValueError } from "@pulumi/policy";

/** The wire sentinel of an unknown string (what the engine sends at preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknownError(e: unknown): e is UnknownValueError {
  return e instanceof UnknownValueError;
}

/** An UnknownValueError with our own message (the engine turns it into a preview note). */
export function unknownError(message: string, path: readonly string[] = []): UnknownValueError {
  const e = new UnknownValueError(UNKNOWN, [...path]);
  e.message = message;
  return e;
}

export type Peek<V> = { readonly known: true; readonly value: V } | { readonly known: false };

/** Reads a value without letting an unknown one throw: `{ known: false }` instead. */
export function peek<V>(read: () => V): Peek<V> {
  try {
    const value = read();
    return (value as unknown) === UNKNOWN ? { known: false } : { known: true, value };
  } catch (e) {
    if (isUnknownError(e)) return { known: false };
    throw e;
  }
}

/** Reads a value; an unknown one throws an UnknownValueError with `what` in the message. */
export function must<V>(read: () => V, what: string): V {
  const p = peek(read);
  if (!p.known) throw unknownError(`${what} is unknown until apply`);
  return p.value;
}

/**
 * Reads an array's elements one by one, handing each known one (and its index) to `fn` and the
 * index of each unknown one to `onUnknown`; returns the first unknown-value error met (elements
 * after it are still read), or undefined.
 */
export function eachElement(
  arr: { readonly length: number; readonly [i: number]: unknown },
  fn: (value: any, index: number) => void,
  onUnknown?: (index: number) => void,
): UnknownValueError | undefined {
  let first: UnknownValueError | undefined;
  for (let i = 0; i < arr.length; i++) {
    let v: unknown;
    try {
      v = arr[i];
    } catch (e) {
      if (!isUnknownError(e)) throw e;
      first ??= e;
      onUnknown?.(i);
      continue;
    }
    fn(v, i);
  }
  return first;
}

/** Remembers the first unknown value met, so a check finishes what it can decide first. */
export class Unknowns {
  private first?: UnknownValueError;
  run(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (!isUnknownError(e)) throw e;
      this.first ??= e;
    }
  }
  note(e: UnknownValueError | undefined): void {
    this.first ??= e;
  }
  rethrow(): void {
    if (this.first) throw this.first;
  }
}

/** Sentinel strings learnt to be unknown values (the SDK has one per value type). */
const sentinels = new Set<string>([UNKNOWN]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Reads `obj[key]` without the cost of the unknown proxy throwing for each unknown value. The SDK's
 * proxy traps `get` only, so a property descriptor read returns the raw value; a UUID-shaped
 * string is then confirmed through the proxy once (it throws for a sentinel) and remembered. The
 * value returned is raw (not proxied): walk it with `get` too.
 */
export function get(obj: unknown, key: string | number): Peek<unknown> {
  if (obj === null || typeof obj !== "object") return { known: true, value: undefined };
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (!d) return { known: true, value: undefined };
  if (!("value" in d)) return peek(() => (obj as any)[key]);
  const v = d.value;
  if (typeof v !== "string" || !UUID.test(v)) return { known: true, value: v };
  if (sentinels.has(v)) return { known: false };
  const p = peek(() => (obj as any)[key]);
  if (!p.known) sentinels.add(v);
  return p.known ? { known: true, value: v } : p;
}

export interface Collected {
  /** Known values found at the path (undefined and null left out). */
  readonly values: unknown[];
  /** How many values on the path were unknown. */
  readonly unknown: number;
}

/** Every value at `path` below `root`; `"*"` steps into each element of an array. */
export function collect(root: unknown, path: readonly string[]): Collected {
  const values: unknown[] = [];
  let unknown = 0;
  const walk = (node: any, i: number): void => {
    if (node === undefined || node === null) return;
    if (i === path.length) {
      values.push(node);
      return;
    }
    const step = path[i];
    if (step === "*") {
      if (!Array.isArray(node)) return walk(node, i + 1);
      for (let k = 0; k < node.length; k++) {
        const v = get(node, k);
        if (v.known) walk(v.value, i + 1);
        else unknown++;
      }
      return;
    }
    const v = get(node, step);
    if (v.known) walk(v.value, i + 1);
    else unknown++;
  };
  walk(root, 0);
  return { values, unknown };
}

/** A known, non-empty string property of `obj` (read raw, see `get`), or undefined. */
export function stringProp(obj: unknown, key: string): string | undefined {
  const p = get(obj, key);
  return p.known && typeof p.value === "string" && p.value !== "" ? p.value : undefined;
}

/** `v` when it is a string (read it first: an unknown value throws there), else undefined. */
export function asString(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/**
 * Whether `key` is set on an object, without reading its value: a value unknown at preview
 * (an id of a resource being created) counts as set. Use it only where the question is "is it
 * configured at all", never where the value itself decides compliance.
 */
export function present(obj: unknown, key: string): boolean {
  if (obj === null || typeof obj !== "object") return false;
  const d = Object.getOwnPropertyDescriptor(obj, key);
  return d !== undefined && d.value !== undefined && d.value !== null && d.value !== "";
}

/** A value that is set: not absent, empty or false. */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== "" && v !== false;
}

/** A reference that holds a value; one unknown at preview (a key ARN, a profile name) will hold one. */
export function holdsValue(read: () => unknown): boolean {
  const p = peek(read);
  return !p.known || isSet(p.value);
}

/**
 * A top-level output the provider computes when the program leaves it unset (Optional+Computed):
 * unknown with no property dependency means "not set by the program" and reads as `undefined`;
 * unknown with property dependencies is a real unknown and throws.
 */
export function programSetting(resource: PolicyResource, prop: string): any {
  try {
    return resource.props[prop];
  } catch (e) {
    if (isUnknownError(e) && !resource.propertyDependencies?.[prop]?.length) return undefined;
    throw e;
  }
}

/**
 * `v` as a list: an array's elements, a single value as a one-element list, nothing as empty.
 * Each element is read through the preview proxy, so an unknown list or element throws and
 * becomes a "can't run during preview" note instead of passing.
 */
export function asList<T = any>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [value as T];
  const out: T[] = [];
  for (let i = 0; i < value.length; i++) out.push(value[i] as T);
  return out;
}

/** A number given as a number or a numeric string; undefined for nothing or not a number. */
export function numberish(v: unknown): number | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export { flagOn, flagValue } from "./bool-flags";

/** Deep plain copy through the unknown-checking proxy: an unknown anywhere throws (`what` names it). */
export function knownCopy(v: unknown, what: string): any {
  if (Array.isArray(v)) return v.map((x) => knownCopy(x, what));
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = knownCopy((v as Record<string, unknown>)[k], what);
    return out;
  }
  if (typeof v === "string" && v === UNKNOWN) throw unknownError(what);
  return v;
}

/** True if `v` (a plain value, not a proxy) contains the unknown sentinel anywhere. */
export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/** JSON text parsed, or the parser's error message. */
export function parseJson(text: string): { ok: true; value: any } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/**
 * A JSON document given as a string or as an object. Reading an unknown string throws (preview
 * note); `undefined` means the string is not valid JSON.
 */
export function jsonDocument(value: unknown): any {
  if (typeof value !== "string") return value;
  const parsed = parseJson(value);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * The value a parameter group's `parameters` list gives parameter `name` (names compared
 * case-insensitively, the value lower-cased), or undefined when the group does not set it: the
 * shape RDS, DocumentDB, Neptune and Redshift parameter groups share (`{ name, value }` items).
 */
export function parameterGroupValue(props: any, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const found = asList<{ name?: unknown; value?: unknown }>(props?.parameters).find(
    (p) => String(p?.name ?? "").toLowerCase() === wanted,
  );
  return found === undefined ? undefined : String(found.value ?? "").toLowerCase();
}
