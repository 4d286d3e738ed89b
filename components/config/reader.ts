// The generic config reader: parses a stack's raw config against the sections of keys the layers
// declare (components/keys.ts) and reports every problem at once, each by its full key
// (`platform:vpcCidr: "10.0.0.0/33" has a prefix length above 32; use …`). It knows no layer: the
// stack (./index.ts) hands it the sections in order.
import type {
  AnyKeyDeclaration,
  KeyContext,
  KeyDeclaration,
  KeyDeclarations,
  Kind,
  Section,
} from "../keys";

/** Raised with every problem of a stack's config, one per line, each naming its full key. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${p}`).join("\n") +
        `\nFix the values with \`pulumi config set <key> <value>\` or in Pulumi.<stack>.yaml.`,
    );
    this.name = "ConfigError";
  }
}

/** How a stack's config is read. */
export interface ReadOptions {
  /** The project's namespace: keys without one are `<namespace>:<key>`. */
  readonly namespace: string;
  /** The stack's name (`pulumi.getStack()`), when known. */
  readonly stack?: string;
  /** True for `pulumi up`, false (the default) for a preview. */
  readonly deploying?: boolean;
  /** The environment whose rules apply, from the values read so far (asked after each section). */
  readonly environment?: (ctx: KeyContext) => string | undefined;
}

/** What a read returns: the settings of every section by title, and the warnings. */
export interface ReadResult {
  readonly settings: Readonly<Record<string, unknown>>;
  readonly warnings: readonly string[];
}

type Raw = Readonly<Record<string, unknown>>;

/**
 * Reads `raw` (keys as in Pulumi.<stack>.yaml) against `sections`, in order: each key's type,
 * range, allowed values, checks and environment rules, then the section's rules, then its
 * settings. Unknown keys of the namespace are problems too. Throws one {@link ConfigError} with
 * every problem; returns the settings otherwise.
 */
export function readConfig(
  raw: Raw,
  sections: readonly Section<any, any>[],
  options: ReadOptions,
): ReadResult {
  const problems: string[] = [];
  const warnings: string[] = [];
  const values = new Map<string, unknown>();
  const built = new Map<string, unknown>();
  const full = (k: string) => (k.includes(":") ? k : `${options.namespace}:${k}`);
  let environment: string | undefined;
  const ctx: KeyContext = {
    stack: options.stack,
    deploying: options.deploying ?? false,
    get environment() {
      return environment;
    },
    key: full,
    has: (k) => raw[full(k)] !== undefined,
    value: <T>(k: string) => values.get(full(k)) as T | undefined,
    section: <T>(title: string) => built.get(title) as T | undefined,
    fail: (k, message) => void problems.push(`${full(k)}: ${message}`),
    problem: (text) => void problems.push(text),
    warn: (k, message) => void warnings.push(`${full(k)}: ${message}`),
    setCommand: (k, value) => {
      const stack = options.stack ? ` --stack ${options.stack}` : "";
      return `\`pulumi config set ${full(k)} ${value}${stack}\``;
    },
  };

  const keysOf = (s: Section<any, any>) => Object.values(s.keys as KeyDeclarations);
  const declared = sections.flatMap((s) => keysOf(s).map((d) => full(d.key)));
  const known = sections.flatMap((s) =>
    keysOf(s)
      .map((d) => d.key)
      .filter((k) => !k.includes(":")),
  );
  for (const key of Object.keys(raw)) {
    if (key.startsWith(`${options.namespace}:`) && !declared.includes(key)) {
      problems.push(`${key}: is not a known key; known keys: ${known.join(", ")}`);
    }
  }

  for (const s of sections) {
    const sectionValues: Record<string, unknown> = {};
    for (const [name, decl] of Object.entries(s.keys as KeyDeclarations)) {
      const v = readKey(decl, raw[full(decl.key)], ctx);
      if (v !== undefined) values.set(full(decl.key), v);
      sectionValues[name] = v;
    }
    s.rules?.(sectionValues, ctx);
    // Settings are built only while the read has no problem at all: a build may then rely on
    // every value and every earlier section's settings. Once a problem is reported the read
    // throws, and no settings are used; the rules still run, so every problem is reported.
    if (problems.length === 0) {
      built.set(s.title, s.build ? s.build(sectionValues, ctx) : sectionValues);
    }
    if (options.environment) environment = options.environment(ctx);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return { settings: Object.fromEntries(built), warnings };
}

/**
 * Reads one key: whether it applies at all; its raw value (type, range, allowed values) or, unset,
 * its default; then its checks and its environment's rules. A set but invalid value is reported
 * once and read as unknown.
 */
function readKey(d: AnyKeyDeclaration, raw: unknown, ctx: KeyContext): unknown {
  // One kind at a time is all a declaration holds; its checks take that kind's values.
  const decl = d as KeyDeclaration<Kind, unknown>;
  const k = decl.key;
  if (raw !== undefined && decl.appliesWhen?.holds(ctx) === false) {
    ctx.fail(k, `applies only when ${decl.appliesWhen.text}`);
  }
  let value: unknown;
  if (raw === undefined) {
    const required = typeof decl.required === "function" ? decl.required(ctx) : decl.required;
    if (required) ctx.fail(k, `is required; set it to ${decl.allowed ?? "a value"}`);
    value = decl.default ?? decl.derivedDefault?.value(ctx);
  } else {
    value = parseKind(decl, raw, ctx);
    if (value === undefined) return undefined;
  }
  if (value !== undefined && decl.check?.(value, ctx) === false) return undefined;
  for (const rule of decl.rules ?? []) {
    if (rule.environment !== ctx.environment) continue;
    const problem = rule.check(value, ctx);
    if (problem !== undefined) ctx.fail(k, problem);
  }
  return value;
}

function parseKind(decl: KeyDeclaration<Kind, unknown>, raw: unknown, ctx: KeyContext): unknown {
  const k = decl.key;
  const got = JSON.stringify(raw);
  switch (decl.kind) {
    case "string": {
      if (typeof raw !== "string" || raw.trim() === "") {
        ctx.fail(k, `must be ${decl.allowed ?? "a non-empty string"}, got ${got}`);
        return undefined;
      }
      const v = raw.trim();
      if (decl.oneOf && !(decl.oneOf as readonly string[]).includes(v)) {
        ctx.fail(k, `"${v}" is not allowed; use ${decl.oneOf.map((a) => `"${a}"`).join(" or ")}`);
        return undefined;
      }
      return v;
    }
    case "integer":
    case "number": {
      const pattern = decl.kind === "integer" ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
      const n =
        typeof raw === "number"
          ? raw
          : typeof raw === "string" && pattern.test(raw.trim())
            ? Number(raw)
            : NaN;
      if (decl.kind === "integer" ? !Number.isInteger(n) : !Number.isFinite(n)) {
        ctx.fail(k, `must be ${decl.kind === "integer" ? "an integer" : "a number"}, got ${got}`);
        return undefined;
      }
      const min = decl.min ?? -Infinity;
      const max = decl.max ?? Infinity;
      if (n < min || n > max) {
        ctx.fail(k, `${n} is out of range; use ${decl.allowed ?? `${min} to ${max}`}`);
        return undefined;
      }
      return n;
    }
    case "boolean":
      if (raw === true || raw === "true") return true;
      if (raw === false || raw === "false") return false;
      ctx.fail(k, `must be true or false, got ${got}`);
      return undefined;
    case "strings":
    case "integers": {
      let v = raw;
      if (typeof v === "string") {
        try {
          v = JSON.parse(v);
        } catch {
          ctx.fail(k, `must be a list (YAML list or JSON array), got ${got}`);
          return undefined;
        }
      }
      if (decl.kind === "strings") {
        if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
          ctx.fail(k, `must be a list of strings, got ${JSON.stringify(v)}`);
          return undefined;
        }
        return v as string[];
      }
      const items = Array.isArray(v) ? v.map((x) => (typeof x === "string" ? Number(x) : x)) : [];
      if (!Array.isArray(v) || items.some((x) => typeof x !== "number" || !Number.isInteger(x))) {
        ctx.fail(k, `must be a list of integers, got ${JSON.stringify(v)}`);
        return undefined;
      }
      return items as number[];
    }
  }
}
