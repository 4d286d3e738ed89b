// How the elements of a policy statement are read: string lists (`Action`, `Resource` ...),
// principals and conditions, each into a `PartialList` that keeps the known elements and the
// first unknown one (preview), plus the IAM wildcard matching these lists use. Shapes AWS would
// reject are recorded as problems; principals are still read from them the strict way (a bare ARN
// string counts as an AWS principal, a `"*"` under any principal type as everyone), so a malformed
// grant is never missed.
import type { UnknownValueError } from "@pulumi/policy";
import { asList, eachElement, isUnknownError, UNKNOWN, unknownError } from "./values";

/**
 * One principal of a `Principal` element. `type: "*"` is the bare `"Principal": "*"`; otherwise
 * `AWS`, `Service`, `Federated`, `CanonicalUser` (or, in a malformed document, the key as written).
 */
export interface PrincipalRef {
  readonly type: string;
  readonly id: string;
}

/** One condition clause: `{ [operator]: { [key]: values } }`. */
export interface ConditionClause {
  /** As written, e.g. `StringEquals`, `ForAnyValue:StringLike`, `ArnLikeIfExists`. */
  readonly operator: string;
  readonly key: string;
  /** The values as strings. */
  readonly values: readonly string[];
  /** The values as written (a number stays a number). */
  readonly raw: readonly unknown[];
}

/**
 * A list whose elements may be partly unknown at preview: the known elements, and the error to
 * throw when an answer depends on the unknown ones.
 */
export class PartialList<T> {
  constructor(
    readonly known: readonly T[],
    readonly unknown?: UnknownValueError,
    /** For `Action`/`Resource` lists: every known element as text, non-strings included. */
    readonly asWritten?: readonly string[],
  ) {}

  /** True when a known element matches; throws when none does and some are unknown. */
  some(pred: (v: T) => boolean): boolean {
    if (this.known.some(pred)) return true;
    if (this.unknown) throw this.unknown;
    return false;
  }

  private matcher?: { exact: Set<string>; patterns: string[] };

  /**
   * For a list of IAM action patterns: whether one matches `action` (case-insensitive); throws when
   * none does and some are unknown. Exact names are looked up, only wildcards are matched.
   */
  matches(this: PartialList<string>, action: string): boolean {
    if (!this.matcher) {
      const exact = new Set<string>();
      const patterns: string[] = [];
      for (const p of this.known) {
        if (hasWildcard(p)) patterns.push(p);
        else exact.add(p.toLowerCase());
      }
      this.matcher = { exact, patterns };
    }
    if (this.matcher.exact.has(action.toLowerCase())) return true;
    if (this.matcher.patterns.some((p) => globMatch(p, action))) return true;
    if (this.unknown) throw this.unknown;
    return false;
  }

  /** Known elements that match; throws if any element is unknown (the answer may be incomplete). */
  filterAll(pred: (v: T) => boolean): T[] {
    if (this.unknown) throw this.unknown;
    return this.known.filter(pred);
  }
}

/** Strings of an Action/Resource element; other values are problems, left out. */
export function stringList(v: any, path: string, problems: string[]): PartialList<string> {
  return readStrings(v, path, problems, false);
}

/** Strings of a principal list; other values are problems but kept (as strings), to be judged. */
function principalIds(v: any, path: string, problems: string[]): PartialList<string> {
  return readStrings(v, path, problems, true);
}

/** A string or list of strings; `keepOthers` keeps other values (as text) among the known ones. */
function readStrings(
  v: any,
  path: string,
  problems: string[],
  keepOthers: boolean,
): PartialList<string> {
  if (typeof v === "string") {
    if (v.includes(UNKNOWN)) return new PartialList<string>([], embeddedUnknown(path), [v]);
    return new PartialList([v], undefined, [v]);
  }
  if (!Array.isArray(v)) {
    problems.push(`${path} must be a string or a list of strings`);
    const text = v !== null && v !== undefined ? [String(v)] : [];
    return new PartialList(keepOthers ? text : [], undefined, text);
  }
  const known: string[] = [];
  const written: string[] = [];
  let embedded: UnknownValueError | undefined;
  const unknown = eachElement(v, (x, i) => {
    written.push(String(x));
    if (typeof x === "string") {
      if (x.includes(UNKNOWN)) embedded ??= embeddedUnknown(`${path}[${i}]`);
      else known.push(x);
    } else {
      problems.push(`${path}[${i}] must be a string`);
      if (keepOthers && x !== null && x !== undefined) known.push(String(x));
    }
  });
  return new PartialList(known, unknown ?? embedded, written);
}

/**
 * A string with the unknown sentinel inside it (an ARN built from a value unknown at preview, as
 * some tools render partially known JSON): what it names is not known, so it is treated exactly
 * like an unknown element, never as a literal.
 */
function embeddedUnknown(path: string): UnknownValueError {
  return unknownError(
    `value at ${path} is built from a value unknown until apply`,
    path.split("."),
  );
}

const PRINCIPAL_TYPES = ["AWS", "Service", "Federated", "CanonicalUser"] as const;

/** A principal string outside a principal map: `"*"` is everyone, anything else an AWS principal. */
function barePrincipal(id: string): PrincipalRef {
  return id === "*" ? { type: "*", id } : { type: "AWS", id };
}

/**
 * A `Principal`/`NotPrincipal` element: `"*"` or a map of principal types to ids. Other shapes are
 * problems, read the strict way (see the file comment); an unknown type's ids are kept under it.
 */
export function parsePrincipal(
  v: any,
  path: string,
  problems: string[],
): PartialList<PrincipalRef> {
  if (v === "*") return new PartialList<PrincipalRef>([barePrincipal(v)]);
  const shape = `${path} must be "*" or an object of AWS/Service/Federated/CanonicalUser`;
  if (typeof v !== "object" || Array.isArray(v)) {
    problems.push(shape);
    if (typeof v === "string") return new PartialList([barePrincipal(v)]);
    if (!Array.isArray(v)) return new PartialList<PrincipalRef>([]);
    const ids = principalIds(v, path, []);
    return new PartialList(ids.known.map(barePrincipal), ids.unknown);
  }
  const known: PrincipalRef[] = [];
  let unknown: UnknownValueError | undefined;
  for (const key of Object.keys(v)) {
    const valid = (PRINCIPAL_TYPES as readonly string[]).includes(key);
    if (!valid) problems.push(`${path} has unknown principal type "${key}"`);
    try {
      const ids = principalIds(v[key], `${path}.${key}`, valid ? problems : []);
      for (const id of ids.known) known.push({ type: key, id });
      unknown ??= ids.unknown;
    } catch (e) {
      if (!isUnknownError(e)) throw e;
      unknown ??= e;
    }
  }
  return new PartialList(known, unknown);
}

/** A `Condition` element: one clause per operator and key, values as a list. */
export function parseConditions(v: any, problems: string[]): ConditionClause[] {
  if (v === undefined || v === null) return [];
  if (typeof v !== "object" || Array.isArray(v)) {
    problems.push("Condition must be an object");
    return [];
  }
  const out: ConditionClause[] = [];
  for (const operator of Object.keys(v)) {
    const block = v[operator];
    if (!block || typeof block !== "object" || Array.isArray(block)) {
      problems.push(`Condition.${operator} must be an object of keys`);
      continue;
    }
    for (const key of Object.keys(block)) {
      const raw = asList(block[key]);
      out.push({ operator, key, values: raw.map((x) => String(x)), raw });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// IAM wildcards

const globCache = new Map<string, RegExp>();

/** IAM wildcard match (`*` any run, `?` one character), case-insensitive as IAM actions are. */
export function globMatch(pattern: string, value: string): boolean {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern
      .split("")
      .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&")))
      .join("");
    re = new RegExp(`^${body}$`, "i");
    globCache.set(pattern, re);
  }
  return re.test(value);
}

/** True if the pattern contains an IAM wildcard. */
export function hasWildcard(s: string): boolean {
  return s.includes("*") || s.includes("?");
}
