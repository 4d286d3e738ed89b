// How a layer declares its config keys: one declaration per key (type, default, per-environment
// rule, description, check), grouped in a section beside the component that uses them. The
// stack's reader (components/config) reads a stack file against every section; components derive
// their arguments from the same declarations ({@link ConfigValues}, {@link ConfigArgs}) and take
// their defaults from them ({@link withDefaults}). Types and pure helpers only: no layer, no SDK.

/** Value kinds a key can have, as the CLI stores them (strings) or as native YAML values. */
export type Kind = "string" | "integer" | "number" | "boolean" | "strings" | "integers";

type KindValue<K extends Kind> = K extends "string"
  ? string
  : K extends "integer" | "number"
    ? number
    : K extends "boolean"
      ? boolean
      : K extends "strings"
        ? readonly string[]
        : readonly number[];

/** What checks and rules may ask while a stack's config is read. */
export interface KeyContext {
  /** The stack's name, when known (a bare parse has none). */
  readonly stack: string | undefined;
  /** True for `pulumi up`, false for a preview. */
  readonly deploying: boolean;
  /** The environment whose rules the stack is held to, once known. */
  readonly environment: string | undefined;
  /** The full key: `vpcCidr` → `platform:vpcCidr`; keys with a namespace stay as they are. */
  key(key: string): string;
  /** Whether the stack sets `key` at all (valid or not). */
  has(key: string): boolean;
  /** The value read for `key`: undefined when unset without default, invalid, or not read yet. */
  value<T = unknown>(key: string): T | undefined;
  /**
   * The settings an earlier section built; undefined once any problem is reported (sections
   * build only while the read has none), and when the section builds none (a feature left off).
   * Rules that must report beside other problems read values (`value`), not settings.
   */
  section<T = unknown>(title: string): T | undefined;
  /** Reports a problem of `key`: `<full key>: <message>`. */
  fail(key: string, message: string): void;
  /** Reports a problem as written (e.g. one naming an item, `platform:dataSubnetCidrs[0]: …`). */
  problem(text: string): void;
  /** Reports what a preview accepts but `pulumi up` refuses, as a warning of `key`. */
  warn(key: string, message: string): void;
  /** `pulumi config set <full key> <value> [--stack <stack>]`, in backquotes: the fix to name. */
  setCommand(key: string, value: string): string;
}

/** A rule a key must meet in one environment, e.g. prod: at least 2 AZs. */
export interface EnvironmentRule<V> {
  readonly environment: string;
  /** What the environment requires, for the reference: "at least 2". */
  readonly text: string;
  /**
   * The problem, or undefined when the rule holds. `value` is undefined when the key is unset and
   * has no default (a rule may require the key); a set but invalid value is never checked.
   */
  readonly check: (value: V | undefined, ctx: KeyContext) => string | undefined;
}

/** The rule that a boolean key be true in `environment`; `message` says why, and how to fix it. */
export function mustBeTrue(
  environment: string,
  message: (ctx: KeyContext) => string,
): EnvironmentRule<boolean> {
  return {
    environment,
    text: "true",
    check: (on, ctx) => (on === false ? message(ctx) : undefined),
  };
}

/**
 * The `appliesWhen` of a key of an opt-in feature: it applies only when the boolean key `flag` is
 * true (unknown while `flag` is).
 */
export function whenEnabled(flag: string): NonNullable<KeyDeclaration["appliesWhen"]> {
  return { text: `platform:${flag} is true`, holds: (ctx) => ctx.value<boolean>(flag) };
}

/** One config key: everything the reader, the reference and `Pulumi.yaml` know about it. */
export interface KeyDeclaration<K extends Kind = Kind, V = KindValue<K>> {
  /** The key without the project namespace (`vpcCidr`), or with another namespace (`aws:region`). */
  readonly key: string;
  readonly kind: K;
  /** What the key does, in one line (Pulumi.yaml `description`, docs/config.md). */
  readonly description: string;
  /** What a valid value is, in words; messages say "use <allowed>". */
  readonly allowed?: string;
  /** The allowed values of a string key. */
  readonly oneOf?: readonly V[];
  /** Range of a number or an integer. */
  readonly min?: number;
  readonly max?: number;
  /** The value when the key is unset (also the `Pulumi.yaml` default: {@link inProjectFile}). */
  readonly default?: V;
  /** A default computed from other keys, with the words the reference shows for it. */
  readonly derivedDefault?: {
    readonly text: string;
    readonly value: (ctx: KeyContext) => V | undefined;
  };
  /** Whether the key must be set; a function when that depends on other keys. */
  readonly required?: boolean | ((ctx: KeyContext) => boolean);
  /**
   * Further checks of a well-typed value (also a default): report with `ctx.fail`. Returning false
   * drops the value (later rules and defaults see it as unknown); otherwise it is kept.
   */
  readonly check?: (value: V, ctx: KeyContext) => boolean | void;
  /** Rules per environment. */
  readonly rules?: readonly EnvironmentRule<V>[];
  /**
   * The key applies only with another setting: `holds` answers whether it does (undefined when
   * that is unknown); `text` completes "applies only when …".
   */
  readonly appliesWhen?: {
    readonly text: string;
    readonly holds: (ctx: KeyContext) => boolean | undefined;
  };
}

/**
 * Whether `Pulumi.yaml` declares the key (with its default). The CLI treats a declared key
 * without default as required in every stack, and merges a declared default into every stack's
 * config; so the file declares the required keys and the keys with a plain, unconditional scalar
 * default, and leaves out optional keys, lists, derived defaults, keys that apply only with
 * another setting, and keys of other namespaces (`aws:region`).
 */
export function inProjectFile(d: AnyKeyDeclaration): boolean {
  if (d.key.includes(":") || d.appliesWhen) return false;
  if (d.required === true) return true;
  return d.default !== undefined && !Array.isArray(d.default) && d.derivedDefault === undefined;
}

/** A declaration of any kind (its checks see the kind's value type). */
export type AnyKeyDeclaration =
  | KeyDeclaration<"string", string>
  | KeyDeclaration<"integer", number>
  | KeyDeclaration<"number", number>
  | KeyDeclaration<"boolean", boolean>
  | KeyDeclaration<"strings", readonly string[]>
  | KeyDeclaration<"integers", readonly number[]>;

/** The keys of one section, by the name the layer's settings use for them. */
export type KeyDeclarations = Readonly<Record<string, AnyKeyDeclaration>>;

/** The value type a declaration yields. */
export type ValueOf<D> = D extends { readonly oneOf: readonly (infer E)[] }
  ? E
  : D extends { readonly kind: infer K extends Kind }
    ? KindValue<K>
    : never;

/** Whether a declaration's value is always there once read: a default, derived, or required. */
type Always<D> = D extends { readonly default: unknown }
  ? true
  : D extends { readonly derivedDefault: unknown }
    ? true
    : D extends { readonly required: true }
      ? true
      : false;

/** Whether a declaration has a plain default (which a component applies with {@link withDefaults}). */
type Defaulted<D> = D extends { readonly default: unknown } ? true : false;

/** The declarations of `S` whose `Test` is true, as values; the others as optional values. */
type Split<S extends KeyDeclarations, Test extends { [K in keyof S]: boolean }> = {
  readonly [K in keyof S as Test[K] extends true ? K : never]: ValueOf<S[K]>;
} & {
  readonly [K in keyof S as Test[K] extends true ? never : K]?: ValueOf<S[K]>;
};

/** The values a section's keys yield, by setting name (optional keys may be absent). */
export type ConfigValues<S extends KeyDeclarations> = Split<S, { [K in keyof S]: Always<S[K]> }>;

/**
 * Component arguments derived from the same declarations: a key with a plain default is optional
 * (the component applies the declared default with {@link withDefaults}); the others as in
 * {@link ConfigValues}.
 */
export type ConfigArgs<S extends KeyDeclarations> = Split<
  S,
  { [K in keyof S]: Defaulted<S[K]> extends true ? false : Always<S[K]> }
>;

/** Arguments with every declared plain default filled in. */
export type WithDefaults<S extends KeyDeclarations, A> = A & {
  readonly [K in keyof S as S[K] extends { readonly default: unknown } ? K : never]-?: ValueOf<
    S[K]
  >;
};

/** `args` with each of `keys`' plain defaults where the argument is undefined. */
export function withDefaults<S extends KeyDeclarations, A extends object>(
  keys: S,
  args: A,
): WithDefaults<S, A> {
  const out: Record<string, unknown> = { ...(args as Record<string, unknown>) };
  for (const [name, decl] of Object.entries(keys)) {
    if (out[name] === undefined && decl.default !== undefined) out[name] = decl.default;
  }
  return out as WithDefaults<S, A>;
}

/** A group of keys read together, with the rules across them and the settings they build. */
export interface Section<S extends KeyDeclarations = KeyDeclarations, T = ConfigValues<S>> {
  /** Heading in the reference, and the name later sections ask for with `ctx.section`. */
  readonly title: string;
  /** One line under the heading: which component uses the keys. */
  readonly summary: string;
  readonly keys: S;
  /** Rules across the section's keys (and earlier sections), after each key is read. */
  readonly rules?: (values: Partial<ConfigValues<S>>, ctx: KeyContext) => void;
  /** The settings the section yields; runs only while the read has no problem (in any section). */
  readonly build?: (values: ConfigValues<S>, ctx: KeyContext) => T;
}

/** Declares a section, keeping its key types for {@link ConfigValues}. */
export function section<S extends KeyDeclarations, T = ConfigValues<S>>(
  s: Section<S, T>,
): Section<S, T> {
  return s;
}
