// The pack's one parser of IAM policy documents: identity policies, role trust policies and the
// resource policies of buckets, keys, repositories and VPC endpoints. How each element of a
// statement is read (and how malformed shapes are treated) is in ./policy-elements.ts.
//
// A document arrives as a resource input: an object (`aws.iam.PolicyDocument`) or a JSON string
// (`getPolicyDocumentOutput(...).json`, `JSON.stringify`). `Statement` may be one object or an
// array; `Action`/`NotAction`/`Resource`/`NotResource` a string or an array; `Principal` "*" or
// `{ AWS | Service | Federated | CanonicalUser: string | string[] }`; `Condition`
// `{ operator: { key: value | value[] } }`. Shapes AWS would reject are recorded as `problems`.
//
// Values unknown at preview are never guessed. The input is wrapped by the engine's
// `unknownCheckingProxy`, so touching an unknown value throws `UnknownValueError`. Parsing is
// field by field: a statement whose `Resource` is unknown still exposes its `Action`, and a list
// with one unknown element still exposes its known elements (`PartialList`). Whatever a check
// needs and cannot know throws, so the engine turns it into its "can't run during preview" note
// after the check has reported everything it could decide. `parseKnownPolicyDocument` is for
// checks that judge a document only as a whole: any unknown part throws at once.
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import {
  ConditionClause,
  parseConditions,
  parsePrincipal,
  PartialList,
  PrincipalRef,
  stringList,
} from "./policy-elements";
import { deniedEverywhere, overriddenAllows } from "./deny-override";
import {
  containsUnknown,
  eachElement,
  isUnknownError,
  knownCopy,
  parseJson,
  UNKNOWN,
  unknownError,
} from "./values";

export type Effect = "Allow" | "Deny";

/** A normalised statement. Getters throw `UnknownValueError` for fields unknown at preview. */
export class IamStatement {
  private readonly errors = new Map<string, UnknownValueError>();
  private _effect?: Effect;
  /** A malformed Effect that still says Deny in another case ("deny", "DENY"). */
  private _denyMiscased = false;
  private _sid?: string;
  private _sidAsWritten?: string;
  private _actions?: PartialList<string>;
  private _notActions?: PartialList<string>;
  private _resources?: PartialList<string>;
  private _notResources?: PartialList<string>;
  private _principals?: PartialList<PrincipalRef>;
  private _notPrincipals?: PartialList<PrincipalRef>;
  private _conditions: ConditionClause[] = [];
  private _hasCondition = false;
  private _conditionWritten = false;
  /** Problems with the statement's shape (AWS would reject the document). */
  readonly problems: string[] = [];
  /**
   * Set by the document: Deny statements beside this Allow override every action it allows on
   * every resource, so it grants nothing (./deny-override.ts).
   */
  overriddenByDeny = false;
  /**
   * Set by the document: whether its Deny statements override an action (or every action of a
   * pattern) on every resource, always, so no Allow grants it, whatever else the Allow grants
   * (./deny-override.ts deniedEverywhere). Never throws.
   */
  deniedByDocument: (action: string) => boolean = () => false;

  constructor(
    /** 0-based position in the document's Statement list. */
    readonly index: number,
    raw: any,
  ) {
    this.field("Sid", () => {
      const sid = raw.Sid;
      if (typeof sid === "string") this._sid = sid;
      if (sid) this._sidAsWritten = String(sid);
    });
    this.field("Effect", () => {
      const e = raw.Effect;
      if (e === "Allow" || e === "Deny") this._effect = e;
      else {
        this._denyMiscased = typeof e === "string" && e.trim().toLowerCase() === "deny";
        this.problems.push(`Effect must be "Allow" or "Deny", got ${JSON.stringify(e)}`);
      }
    });
    this._actions = this.list(raw, "Action", stringList);
    this._notActions = this.list(raw, "NotAction", stringList);
    this._resources = this.list(raw, "Resource", stringList);
    this._notResources = this.list(raw, "NotResource", stringList);
    this._principals = this.list(raw, "Principal", parsePrincipal);
    this._notPrincipals = this.list(raw, "NotPrincipal", parsePrincipal);
    this.field("Condition", () => {
      const c = raw.Condition;
      this._hasCondition = !!c;
      this._conditionWritten = c !== undefined;
      this._conditions = parseConditions(c, this.problems);
    });
    if (
      !this._actions &&
      !this._notActions &&
      !this.errors.has("Action") &&
      !this.errors.has("NotAction")
    ) {
      this.problems.push("statement has neither Action nor NotAction");
    }
    // The policy grammar gives a statement one of each pair, never both
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html:
    // `("Action" | "NotAction")`, `("Resource" | "NotResource")`, `("Principal" | "NotPrincipal")`).
    for (const [a, b, both] of [
      ["Action", "NotAction", !!this._actions && !!this._notActions],
      ["Resource", "NotResource", !!this._resources && !!this._notResources],
      ["Principal", "NotPrincipal", !!this._principals && !!this._notPrincipals],
    ] as const) {
      if (both) this.problems.push(`statement has both ${a} and ${b}: keep one of them`);
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

  /** An element parsed as a list; undefined when absent (a `null` Principal counts as given). */
  private list<T>(
    raw: any,
    name: string,
    parse: (v: any, path: string, problems: string[]) => PartialList<T>,
  ): PartialList<T> | undefined {
    let out: PartialList<T> | undefined;
    this.field(name, () => {
      const v = raw[name];
      if (v === undefined) return;
      if (v === null) {
        if (name.endsWith("Principal")) out = new PartialList<T>([]);
        return;
      }
      out = parse(v, `Statement[${this.index}].${name}`, this.problems);
    });
    return out;
  }

  get sid(): string | undefined {
    return this.get("Sid", this._sid);
  }
  /** The Sid as written, even when it is not a string (for messages); undefined when empty. */
  get sidAsWritten(): string | undefined {
    return this.get("Sid", this._sidAsWritten);
  }
  /** `undefined` when the statement's Effect is malformed (see `problems`). */
  get effect(): Effect | undefined {
    return this.get("Effect", this._effect);
  }
  /**
   * True when the statement says Deny in any spelling: "Deny", or a malformed "deny"/" Deny " that
   * AWS rejects (the Effect value is case sensitive). For rules asking "can this statement grant
   * anything" (no reading turns such a statement into a grant); never for "does this statement
   * deny anything", which only an exact `effect === "Deny"` in a valid document does
   * (./deny-override.ts).
   */
  get saysDeny(): boolean {
    return this.get("Effect", this._effect === "Deny" || this._denyMiscased);
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
  /** The statement has a `Condition` element (even an empty one), whatever it says. */
  get hasCondition(): boolean {
    return this.get("Condition", this._hasCondition);
  }
  /** The statement writes a `Condition` key at all, even `null` (for readings that must be sure). */
  get conditionWritten(): boolean {
    return this.get("Condition", this._conditionWritten);
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

  /** The Sid, or `#<0-based index>` when the statement has none: the short form resource policies print. */
  get sidOrIndex(): string {
    return this.sid || `#${this.index}`;
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
    /** The position of the first unknown Statement entry (0 when the whole list is unknown). */
    readonly unknownIndex?: number,
    /** The document is empty, not JSON or not a JSON object (AWS would reject it). */
    readonly malformed = false,
    /** For a string that is not JSON: the JSON parser's message. */
    readonly jsonError?: string,
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
   * Runs `fn` for each statement in document order until it returns true (then returns true).
   * The first value unknown at preview met on the way throws at once: a field `fn` reads, or an
   * unknown Statement entry at its position. For checks that read a document front to back.
   */
  walk(fn: (s: IamStatement) => boolean | void): boolean {
    for (const s of this.statements) {
      if (this.unknown && s.index > (this.unknownIndex ?? Infinity)) throw this.unknown;
      if (fn(s)) return true;
    }
    if (this.unknown) throw this.unknown;
    return false;
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

/**
 * Parses a policy document given as an object or a JSON string. Throws `UnknownValueError` only
 * when the document as a whole is unknown; unknown parts surface when a check touches them.
 */
export function parsePolicyDocument(value: unknown, path = "policy"): IamDocument {
  if (value === undefined || value === null || value === "") {
    // An empty string is also not JSON: keep the parser's words for checks that quote them.
    const jsonError = value === "" ? (parseJson("") as { error: string }).error : undefined;
    return new IamDocument([], ["document is empty"], undefined, undefined, true, jsonError);
  }
  if (typeof value === "string") {
    if (value === UNKNOWN) {
      throw unknownError(`value at ${path} can't be known during preview`, path.split("."));
    }
    // Every IAM policy parses the same JSON strings: parse each once. Only fully known strings
    // are cached (a parsed document is immutable).
    const cached = parsedStrings.get(value);
    if (cached) return cached;
    const json = parseJson(value);
    if (!json.ok) {
      const problems = ["document is not valid JSON"];
      return new IamDocument([], problems, undefined, undefined, true, json.error);
    }
    // A JSON string never carries unknowns in practice (a document built from unknown values is
    // unknown as a whole), but if one does, treat it exactly like an object input.
    if (containsUnknown(json.value)) return parseObject(unknownCheckingProxy(json.value));
    const parsed = parseObject(json.value);
    if (parsedStrings.size >= PARSE_CACHE_SIZE) parsedStrings.clear();
    parsedStrings.set(value, parsed);
    return parsed;
  }
  return parseObject(value);
}

/**
 * Parses a document that must be known as a whole: an unknown value anywhere in it throws at once
 * (the check then becomes a preview note), for checks that judge the document only complete.
 */
export function parseKnownPolicyDocument(value: unknown): IamDocument {
  return parsePolicyDocument(knownCopy(value, "policy document"));
}

const PARSE_CACHE_SIZE = 20_000;
const parsedStrings = new Map<string, IamDocument>();

function parseObject(doc: any): IamDocument {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    return new IamDocument([], ["document must be a JSON object"], undefined, undefined, true);
  }
  const problems: string[] = [];
  let rawStatements: any;
  try {
    rawStatements = doc.Statement;
  } catch (e) {
    if (!isUnknownError(e)) throw e;
    return new IamDocument([], [], e, 0);
  }
  if (rawStatements === undefined || rawStatements === null) {
    return new IamDocument([], ["document has no Statement"]);
  }
  const statements: IamStatement[] = [];
  const add = (raw: any, i: number) => {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      problems.push(`Statement[${i}] must be an object`);
      return;
    }
    statements.push(new IamStatement(i, raw));
  };
  // An unknown entry is left out; its error is kept for checks that need every statement.
  let unknownIndex: number | undefined;
  const unknown = Array.isArray(rawStatements)
    ? eachElement(rawStatements, add, (i) => (unknownIndex ??= i))
    : (add(rawStatements, 0), undefined);
  // A document AWS refuses denies nothing: its Allows are judged as written.
  if (problems.length === 0) {
    for (const s of overriddenAllows(statements)) s.overriddenByDeny = true;
    const denied = deniedEverywhere(statements);
    for (const s of statements) s.deniedByDocument = denied;
  }
  return new IamDocument(statements, problems, unknown, unknownIndex);
}

// ---------------------------------------------------------------------------------------------
// Questions the policies ask of a statement.

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

/**
 * A principal that is everyone in AWS's own terms: `"*"` or `{"AWS": "*"}` (IAM User Guide,
 * Principal element: the two are equivalent). Trust policies judge other types on their own terms.
 */
export function isAnyone(p: PrincipalRef): boolean {
  return p.type === "*" || (p.type === "AWS" && p.id === "*");
}

/**
 * The strict reading for resource policies: `"*"` under any principal type (`{"AWS": "*"}`, and
 * malformed spellings such as `{"Service": "*"}` or `["*"]`) counts as everyone.
 */
export function isWildcardPrincipal(p: PrincipalRef): boolean {
  return p.id === "*";
}
