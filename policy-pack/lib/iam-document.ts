// Parsing and normalising IAM policy documents for the IAM policies.
//
// A document arrives as a policy's resource input: an object (`aws.iam.PolicyDocument`) or a JSON
// string (`getPolicyDocumentOutput(...).json`, `JSON.stringify`). `Statement` may be one object or
// an array; `Action`/`NotAction`/`Resource`/`NotResource` a string or an array; `Principal` "*" or
// `{ AWS | Service | Federated | CanonicalUser: string | string[] }`; `Condition`
// `{ operator: { key: value | value[] } }`.
//
// Values unknown at preview are never guessed. The input is wrapped by the engine's
// `unknownCheckingProxy`, so touching an unknown value throws `UnknownValueError`. Parsing is
// field by field: a statement whose `Resource` is unknown still exposes its `Action`, and a list
// with one unknown element still exposes its known elements (`PartialList`). Whatever a check
// needs and cannot know throws, so the engine turns it into its "can't run during preview" note
// after the check has reported everything it could decide.
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";

/** The wire sentinel for a value unknown at preview. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Effect = "Allow" | "Deny";

/** One principal of a `Principal` element. `type: "*"` is the bare `"Principal": "*"`. */
export interface PrincipalRef {
  readonly type: "*" | "AWS" | "Service" | "Federated" | "CanonicalUser";
  readonly id: string;
}

/** One condition clause: `{ [operator]: { [key]: values } }`, values as strings. */
export interface ConditionClause {
  /** As written, e.g. `StringEquals`, `ForAnyValue:StringLike`, `ArnLikeIfExists`. */
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

function isUnknownError(e: unknown): e is UnknownValueError {
  return e instanceof UnknownValueError;
}

function unknownError(path: string): UnknownValueError {
  const err = new UnknownValueError(UNKNOWN, path.split("."));
  err.message = `value at ${path} can't be known during preview`;
  return err;
}

/**
 * A list whose elements may be partly unknown at preview: the known elements, and the error to
 * throw when an answer depends on the unknown ones.
 */
export class PartialList<T> {
  constructor(
    readonly known: readonly T[],
    readonly unknown?: UnknownValueError,
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

/** A normalised statement. Getters throw `UnknownValueError` for fields unknown at preview. */
export class IamStatement {
  private readonly errors = new Map<string, UnknownValueError>();
  private _effect?: Effect;
  private _sid?: string;
  private _actions?: PartialList<string>;
  private _notActions?: PartialList<string>;
  private _resources?: PartialList<string>;
  private _notResources?: PartialList<string>;
  private _principals?: PartialList<PrincipalRef>;
  private _notPrincipals?: PartialList<PrincipalRef>;
  private _conditions: ConditionClause[] = [];
  /** Problems with the statement's shape (AWS would reject the document). */
  readonly problems: string[] = [];

  constructor(
    /** 0-based position in the document's Statement list. */
    readonly index: number,
    raw: any,
  ) {
    this.field("Sid", () => {
      const sid = raw.Sid;
      if (typeof sid === "string") this._sid = sid;
    });
    this.field("Effect", () => {
      const e = raw.Effect;
      if (e === "Allow" || e === "Deny") this._effect = e;
      else this.problems.push(`Effect must be "Allow" or "Deny", got ${JSON.stringify(e)}`);
    });
    this._actions = this.list(raw, "Action");
    this._notActions = this.list(raw, "NotAction");
    this._resources = this.list(raw, "Resource");
    this._notResources = this.list(raw, "NotResource");
    this._principals = this.principalList(raw, "Principal");
    this._notPrincipals = this.principalList(raw, "NotPrincipal");
    this.field("Condition", () => {
      this._conditions = parseConditions(raw.Condition, this.problems);
    });
    if (
      !this._actions &&
      !this._notActions &&
      !this.errors.has("Action") &&
      !this.errors.has("NotAction")
    ) {
      this.problems.push("statement has neither Action nor NotAction");
    }
  }

  private field(name: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (!isUnknownError(e)) throw e;
      this.errors.set(name, e);
    }
  }

  private get<T>(name: string, value: T): T {
    const err = this.errors.get(name);
    if (err) throw err;
    return value;
  }

  private list(raw: any, name: string): PartialList<string> | undefined {
    let out: PartialList<string> | undefined;
    this.field(name, () => {
      const v = raw[name];
      if (v === undefined || v === null) return;
      out = stringList(v, `Statement[${this.index}].${name}`, this.problems);
    });
    return out;
  }

  private principalList(raw: any, name: string): PartialList<PrincipalRef> | undefined {
    let out: PartialList<PrincipalRef> | undefined;
    this.field(name, () => {
      const v = raw[name];
      if (v === undefined || v === null) return;
      out = parsePrincipal(v, `Statement[${this.index}].${name}`, this.problems);
    });
    return out;
  }

  get sid(): string | undefined {
    return this.get("Sid", this._sid);
  }
  /** `undefined` when the statement's Effect is malformed (see `problems`). */
  get effect(): Effect | undefined {
    return this.get("Effect", this._effect);
  }
  get actions(): PartialList<string> | undefined {
    return this.get("Action", this._actions);
  }
  get notActions(): PartialList<string> | undefined {
    return this.get("NotAction", this._notActions);
  }
  get resources(): PartialList<string> | undefined {
    return this.get("Resource", this._resources);
  }
  get notResources(): PartialList<string> | undefined {
    return this.get("NotResource", this._notResources);
  }
  get principals(): PartialList<PrincipalRef> | undefined {
    return this.get("Principal", this._principals);
  }
  get notPrincipals(): PartialList<PrincipalRef> | undefined {
    return this.get("NotPrincipal", this._notPrincipals);
  }
  get conditions(): readonly ConditionClause[] {
    return this.get("Condition", this._conditions);
  }

  /** "statement 2 (Sid \"ReadBucket\")", for messages. */
  get label(): string {
    let sid: string | undefined;
    try {
      sid = this.sid;
    } catch {
      sid = undefined;
    }
    return sid ? `statement ${this.index + 1} (Sid "${sid}")` : `statement ${this.index + 1}`;
  }

  /** True for an Allow statement (false for Deny or a malformed Effect). */
  get isAllow(): boolean {
    return this.effect === "Allow";
  }
}

/** A parsed document: its statements and the shape problems found. */
export class IamDocument {
  constructor(
    readonly statements: readonly IamStatement[],
    /** Document-level problems (not JSON, no Statement ...). */
    readonly problems: readonly string[],
    /** Set when the Statement list itself (or one of its entries) is unknown at preview. */
    readonly unknown?: UnknownValueError,
  ) {}

  /**
   * Runs `fn` for every statement, continuing past statements whose needed fields are unknown;
   * afterwards throws the first `UnknownValueError` met (including an unknown statement entry),
   * so nothing unknown passes silently.
   */
  forEach(fn: (s: IamStatement) => void): void {
    const first = this.scan(fn);
    if (first) throw first;
  }

  /**
   * Like `forEach`, but returns the first `UnknownValueError` instead of throwing it, for checks
   * that conclude over the whole document before giving up on the unknown part.
   */
  scan(fn: (s: IamStatement) => void): UnknownValueError | undefined {
    let first: UnknownValueError | undefined;
    for (const s of this.statements) {
      try {
        fn(s);
      } catch (e) {
        if (!isUnknownError(e)) throw e;
        first ??= e;
      }
    }
    return first ?? this.unknown;
  }
}

function stringList(v: any, path: string, problems: string[]): PartialList<string> {
  if (typeof v === "string") return new PartialList([v]);
  if (!Array.isArray(v)) {
    problems.push(`${path} must be a string or a list of strings`);
    return new PartialList([]);
  }
  const known: string[] = [];
  let unknown: UnknownValueError | undefined;
  for (let i = 0; i < v.length; i++) {
    try {
      const x = v[i];
      if (typeof x === "string") known.push(x);
      else problems.push(`${path}[${i}] must be a string`);
    } catch (e) {
      if (!isUnknownError(e)) throw e;
      unknown ??= e;
    }
  }
  return new PartialList(known, unknown);
}

const PRINCIPAL_TYPES = ["AWS", "Service", "Federated", "CanonicalUser"] as const;

function parsePrincipal(v: any, path: string, problems: string[]): PartialList<PrincipalRef> {
  if (v === "*") return new PartialList<PrincipalRef>([{ type: "*", id: "*" }]);
  if (typeof v !== "object" || Array.isArray(v)) {
    problems.push(`${path} must be "*" or an object of AWS/Service/Federated/CanonicalUser`);
    return new PartialList<PrincipalRef>([]);
  }
  const known: PrincipalRef[] = [];
  let unknown: UnknownValueError | undefined;
  for (const key of Object.keys(v)) {
    if (!(PRINCIPAL_TYPES as readonly string[]).includes(key)) {
      problems.push(`${path} has unknown principal type "${key}"`);
      continue;
    }
    try {
      const ids = stringList(v[key], `${path}.${key}`, problems);
      for (const id of ids.known) known.push({ type: key as PrincipalRef["type"], id });
      unknown ??= ids.unknown;
    } catch (e) {
      if (!isUnknownError(e)) throw e;
      unknown ??= e;
    }
  }
  return new PartialList(known, unknown);
}

function parseConditions(v: any, problems: string[]): ConditionClause[] {
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
      const raw = block[key];
      const list: any[] = Array.isArray(raw) ? [...raw] : [raw];
      out.push({ operator, key, values: list.map((x) => String(x)) });
    }
  }
  return out;
}

/** True if `v` (a plain value, not a proxy) contains the unknown sentinel anywhere. */
function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/**
 * Parses a policy document given as an object or a JSON string. Throws `UnknownValueError` only
 * when the document as a whole is unknown; unknown parts surface when a check touches them.
 */
export function parsePolicyDocument(value: unknown, path = "policy"): IamDocument {
  if (value === undefined || value === null || value === "") {
    return new IamDocument([], ["document is empty"]);
  }
  if (typeof value === "string") {
    if (value === UNKNOWN) throw unknownError(path);
    // Every IAM policy parses the same JSON strings: parse each once. Only fully known strings
    // are cached (a parsed document is immutable).
    const cached = parsedStrings.get(value);
    if (cached) return cached;
    let doc: any;
    try {
      doc = JSON.parse(value);
    } catch {
      return new IamDocument([], ["document is not valid JSON"]);
    }
    // A JSON string never carries unknowns in practice (a document built from unknown values is
    // unknown as a whole), but if one does, treat it exactly like an object input.
    if (containsUnknown(doc)) return parseObject(unknownCheckingProxy(doc));
    const parsed = parseObject(doc);
    if (parsedStrings.size >= PARSE_CACHE_SIZE) parsedStrings.clear();
    parsedStrings.set(value, parsed);
    return parsed;
  }
  return parseObject(value);
}

const PARSE_CACHE_SIZE = 20_000;
const parsedStrings = new Map<string, IamDocument>();

function parseObject(doc: any): IamDocument {
  if (typeof doc !== "object" || Array.isArray(doc)) {
    return new IamDocument([], ["document must be a JSON object"]);
  }
  const problems: string[] = [];
  let rawStatements: any;
  try {
    rawStatements = doc.Statement;
  } catch (e) {
    if (!isUnknownError(e)) throw e;
    return new IamDocument([], [], e);
  }
  if (rawStatements === undefined || rawStatements === null) {
    return new IamDocument([], ["document has no Statement"]);
  }
  const list: any[] = [];
  let unknown: UnknownValueError | undefined;
  if (Array.isArray(rawStatements)) {
    for (let i = 0; i < rawStatements.length; i++) {
      try {
        list.push(rawStatements[i]);
      } catch (e) {
        if (!isUnknownError(e)) throw e;
        unknown ??= e;
        list.push(undefined);
      }
    }
  } else {
    list.push(rawStatements);
  }
  const statements: IamStatement[] = [];
  list.forEach((raw, i) => {
    if (raw === undefined) return; // unknown entry, recorded above
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      problems.push(`Statement[${i}] must be an object`);
      return;
    }
    statements.push(new IamStatement(i, raw));
  });
  return new IamDocument(statements, problems, unknown);
}

// ---------------------------------------------------------------------------------------------
// Matching helpers shared by the policies.

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

/**
 * Whether an Allow statement grants `action` (e.g. `iam:PassRole`) as written: an `Action`
 * pattern matches it, or a `NotAction` list does not exclude it. Throws if the answer depends on
 * an unknown value.
 */
export function statementGrants(s: IamStatement, action: string): boolean {
  const actions = s.actions;
  if (actions) return actions.matches(action);
  const notActions = s.notActions;
  if (notActions) return !notActions.matches(action);
  return false;
}

/** Condition operators that narrow a request when the key is present (positive matches only). */
const NARROWING_OPERATORS = new Set([
  "stringequals",
  "stringequalsignorecase",
  "stringlike",
  "arnequals",
  "arnlike",
]);

/**
 * True if the clause only lets requests through whose value for its key matches something
 * specific: a positive string/ARN operator (optionally `ForAnyValue:`), no `...IfExists` (which
 * passes when the key is absent), not `ForAllValues:` (true for an empty set), and not only `*`.
 */
export function isNarrowingClause(c: ConditionClause): boolean {
  let op = c.operator.toLowerCase();
  if (op.endsWith("ifexists")) return false;
  if (op.startsWith("forallvalues:")) return false;
  if (op.startsWith("foranyvalue:")) op = op.slice("foranyvalue:".length);
  if (!NARROWING_OPERATORS.has(op)) return false;
  return c.values.length > 0 && c.values.every((v) => v.replace(/[*?]/g, "") !== "");
}

/** Narrowing clauses of a statement whose key matches `keyPattern` (case-insensitive). */
export function narrowingClauses(s: IamStatement, keyPattern: RegExp): ConditionClause[] {
  return s.conditions.filter((c) => keyPattern.test(c.key) && isNarrowingClause(c));
}
