// Policy pack configuration as `pulumi preview --policy-pack <dir> --policy-pack-config <file>`
// handles it: read the file, reconcile it with the defaults of the pack's own config schemas (from
// GetAnalyzerInfo), validate the result against those schemas, then send it with `Configure`.
//
// Mirrored from pulumi/pulumi:
// - pkg/resource/analyzer/config.go: `parsePolicyPackConfig` (a JSON object of `"<policy>": level`
//   or `"<policy>": { "enforcementLevel"?, ...properties }`, empty entries dropped, an empty file
//   is no config), `extractEnforcementLevel`, `createConfigWithDefaults` (every policy with its
//   level and its schema defaults), `applyConfig` ("all" first, then each entry, unknown names
//   included), `validatePolicyPackConfig` / `validatePolicyConfig` (gojsonschema against
//   `{type: object, properties, required}`, "(root): " trimmed, "<policy>: " prefixed);
// - pkg/engine/plugins.go, `installAndLoadPolicyPlugins`: each error is reported as
//   "validating policy config: <pack> <version>  <error>", sorted, and the run fails;
// - sdk/go/common/resource/plugin/analyzer_plugin.go: `GetAnalyzerInfo` adds `enforcementLevel`
//   (a string, one of the four levels) to every schema of a pack that supports config;
//   `Configure` rejects an entry without a valid level ("invalid enforcement level %q").
import type { EnforcementLevel } from "@pulumi/policy";

export const LEVELS: readonly EnforcementLevel[] = [
  "advisory",
  "mandatory",
  "remediate",
  "disabled",
];

/** One policy's config, as the engine holds it (`plugin.AnalyzerPolicyConfig`). */
export interface PolicyConfigEntry {
  /** "" when the file gave none (only possible for names that are no policy of the pack). */
  readonly enforcementLevel: EnforcementLevel | "";
  readonly properties?: Record<string, unknown>;
}

export type PolicyPackConfig = Record<string, PolicyConfigEntry>;

/** What reconciliation needs of a policy (from GetAnalyzerInfo). */
export interface PolicyConfigInfo {
  readonly name: string;
  readonly enforcementLevel: EnforcementLevel;
  /** JSON schema of the config properties (with `enforcementLevel` added), if the pack has config. */
  readonly configSchema?: {
    readonly properties: Record<string, any>;
    readonly required?: readonly string[];
  };
}

export class PolicyConfigError extends Error {
  constructor(
    message: string,
    /** One line per problem, as the CLI prints them (each an `error:`). */
    readonly lines: readonly string[] = [message],
  ) {
    super(message);
  }
}

function isLevel(v: unknown): v is EnforcementLevel {
  return typeof v === "string" && (LEVELS as readonly string[]).includes(v);
}

/** Go's `%q` of a string. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** The longest `goValue` shown whole; a longer one is cut there, with "…". */
const GO_VALUE_SHOWN = 200;

/** Text already rendered, on `goValue`'s work list. */
class Piece {
  constructor(readonly text: string) {}
}

/** Pushes `parts` last first, one by one: a spread of a 150,000-element array overflows the stack. */
function pushReversed(todo: unknown[], parts: readonly unknown[]): void {
  for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i]);
}

/**
 * Go's `%v` of a decoded JSON value, cut after `GO_VALUE_SHOWN` characters. Rendered from a work
 * list, not by recursion, so a value nested as deep as Go's reader accepts (10,000) gives the
 * same message on any stack size.
 */
export function goValue(v: unknown): string {
  let out = "";
  const todo: unknown[] = [v];
  while (todo.length > 0 && out.length <= GO_VALUE_SHOWN) {
    const x = todo.pop();
    if (x instanceof Piece) out += x.text;
    else if (x === null || x === undefined) out += "<nil>";
    else if (Array.isArray(x)) {
      const parts: unknown[] = [new Piece("[")];
      x.forEach((e, i) => parts.push(...(i > 0 ? [new Piece(" ")] : []), e));
      parts.push(new Piece("]"));
      pushReversed(todo, parts);
    } else if (typeof x === "object") {
      const o = x as Record<string, unknown>;
      const parts: unknown[] = [new Piece("map[")];
      Object.keys(o)
        .sort()
        .forEach((k, i) => parts.push(new Piece(`${i > 0 ? " " : ""}${k}:`), o[k]));
      parts.push(new Piece("]"));
      pushReversed(todo, parts);
    } else out += String(x);
  }
  return out.length > GO_VALUE_SHOWN || todo.length > 0 ? `${out.slice(0, GO_VALUE_SHOWN)}…` : out;
}

/** `extractEnforcementLevel`: takes `enforcementLevel` out of the map, checking it. */
function extractEnforcementLevel(props: Record<string, unknown>): EnforcementLevel | "" {
  if (!("enforcementLevel" in props)) return "";
  const v = props.enforcementLevel;
  if (typeof v !== "string") {
    throw new PolicyConfigError(`${goValue(v)} is not a valid enforcement level; must be a string`);
  }
  if (!isLevel(v)) throw new PolicyConfigError(`${goQuote(v)} is not a valid enforcement level`);
  delete props.enforcementLevel;
  return v;
}

/** `parsePolicyPackConfig`: the text of a `--policy-pack-config` file. */
export function parsePolicyPackConfig(text: string): PolicyPackConfig | undefined {
  if (text.trim() === "") return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new PolicyConfigError((e as Error).message);
  }
  if (doc === null) return {};
  if (typeof doc !== "object" || Array.isArray(doc)) {
    const kind = Array.isArray(doc) ? "array" : typeof doc === "boolean" ? "bool" : typeof doc;
    throw new PolicyConfigError(
      `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`,
    );
  }
  const out: PolicyPackConfig = {};
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    let enforcementLevel: EnforcementLevel | "" = "";
    let properties: Record<string, unknown> | undefined;
    if (typeof v === "string") {
      if (!isLevel(v)) {
        throw new PolicyConfigError(
          `parsing enforcement level for ${goQuote(k)}: ${goQuote(v)} is not a valid enforcement level`,
        );
      }
      enforcementLevel = v;
    } else if (v && typeof v === "object" && !Array.isArray(v)) {
      const props = { ...(v as Record<string, unknown>) };
      try {
        enforcementLevel = extractEnforcementLevel(props);
      } catch (e) {
        throw new PolicyConfigError(
          `parsing enforcement level for ${goQuote(k)}: ${(e as Error).message}`,
        );
      }
      if (Object.keys(props).length > 0) properties = props;
    } else {
      throw new PolicyConfigError(
        `parsing ${goQuote(k)}: ${goValue(v)} is not a valid value; must be a string or object`,
      );
    }
    // "Don't bother including empty configs."
    if (enforcementLevel === "" && !properties) continue;
    out[k] = properties ? { enforcementLevel, properties } : { enforcementLevel };
  }
  return out;
}

/** `createConfigWithDefaults`: every policy with its level and its schema's defaults. */
function configWithDefaults(policies: readonly PolicyConfigInfo[]): PolicyPackConfig {
  const out: PolicyPackConfig = {};
  for (const p of policies) {
    let properties: Record<string, unknown> | undefined;
    for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
      if (s && typeof s === "object" && "default" in s) {
        properties ??= {};
        properties[k] = structuredClone(s.default);
      }
    }
    out[p.name] = properties
      ? { enforcementLevel: p.enforcementLevel, properties }
      : { enforcementLevel: p.enforcementLevel };
  }
  return out;
}

/** `applyConfig`. */
function applyConfig(result: PolicyPackConfig, given: PolicyPackConfig): PolicyPackConfig {
  const all = given.all;
  if (all && isLevel(all.enforcementLevel)) {
    for (const k of Object.keys(result)) {
      result[k] = { ...result[k], enforcementLevel: all.enforcementLevel };
    }
  }
  for (const [policy, g] of Object.entries(given)) {
    const current = result[policy];
    const enforcementLevel = isLevel(g.enforcementLevel)
      ? g.enforcementLevel
      : (current?.enforcementLevel ?? "");
    let properties = current?.properties;
    if (g.properties && Object.keys(g.properties).length > 0) {
      properties = { ...(properties ?? {}), ...g.properties };
    }
    result[policy] = properties ? { enforcementLevel, properties } : { enforcementLevel };
  }
  return result;
}

export interface ReconciledConfig {
  /** What `Configure` receives: every policy, plus every other name the config gave. */
  readonly config: PolicyPackConfig;
  /** Names the config gave that are no policy of the pack (the CLI passes them on silently). */
  readonly unknownPolicies: readonly string[];
}

/**
 * `ReconcilePolicyPackConfig` followed by the validation report of `installAndLoadPolicyPlugins`:
 * throws PolicyConfigError with the CLI's lines when the result does not fit the schemas.
 */
export function reconcilePolicyPackConfig(
  pack: { readonly name: string; readonly version: string },
  policies: readonly PolicyConfigInfo[],
  initialConfig: PolicyPackConfig | undefined,
  given: PolicyPackConfig | undefined,
): ReconciledConfig {
  let result = configWithDefaults(policies);
  if (initialConfig) result = applyConfig(result, initialConfig);
  if (given) result = applyConfig(result, given);
  const errors: string[] = [];
  for (const p of policies) {
    if (!p.configSchema) continue;
    const schema: Record<string, unknown> = { type: "object" };
    if (Object.keys(p.configSchema.properties).length > 0) {
      schema.properties = p.configSchema.properties;
    }
    if (p.configSchema.required?.length) schema.required = p.configSchema.required;
    for (const e of validateJsonSchema(schema, result[p.name]?.properties ?? {}, "")) {
      errors.push(`validating policy config: ${pack.name} ${pack.version}  ${p.name}: ${e}`);
    }
  }
  if (errors.length > 0) {
    errors.sort();
    throw new PolicyConfigError(errors.join("\n"), errors);
  }
  const names = new Set(policies.map((p) => p.name));
  return {
    config: result,
    unknownPolicies: Object.keys(given ?? {}).filter((n) => n !== "all" && !names.has(n)),
  };
}

/** The type name gojsonschema reports for a decoded JSON value. */
function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/**
 * The subset of JSON schema that policy config schemas use, with gojsonschema's messages
 * (`<field>: <description>`, the field "(root)" trimmed as the CLI trims it).
 */
export function validateJsonSchema(schema: any, value: unknown, at: string): string[] {
  if (!schema || typeof schema !== "object") return [];
  const field = at || "(root)";
  const say = (d: string) => (at ? `${at}: ${d}` : d);
  const errors: string[] = [];
  const types: string[] | undefined =
    schema.type === undefined ? undefined : [].concat(schema.type);
  if (types) {
    const actual = jsonType(value);
    const ok = types.some((t) => t === actual || (t === "number" && actual === "integer"));
    if (!ok) return [say(`Invalid type. Expected: ${types.join(", ")}, given: ${actual}`)];
  }
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))
  ) {
    errors.push(
      say(
        `${field} must be one of the following: ${schema.enum.map((e: unknown) => JSON.stringify(e)).join(", ")}`,
      ),
    );
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) {
      errors.push(say(`String length must be greater than or equal to ${schema.minLength}`));
    }
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      errors.push(say(`String length must be less than or equal to ${schema.maxLength}`));
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
      errors.push(say(`Does not match pattern '${schema.pattern}'`));
    }
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) {
      errors.push(say(`Must be greater than or equal to ${schema.minimum}`));
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      errors.push(say(`Must be less than or equal to ${schema.maximum}`));
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      errors.push(say(`Array must have at least ${schema.minItems} items`));
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      errors.push(say(`Array must have at most ${schema.maxItems} items`));
    }
    if (schema.items) {
      value.forEach((v, i) =>
        errors.push(...validateJsonSchema(schema.items, v, at ? `${at}.${i}` : String(i))),
      );
    }
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) {
      if (!(r in obj)) errors.push(say(`${r} is required`));
    }
    const props: Record<string, unknown> = schema.properties ?? {};
    for (const [k, v] of Object.entries(obj)) {
      const sub = at ? `${at}.${k}` : k;
      if (k in props) errors.push(...validateJsonSchema(props[k], v, sub));
      else if (schema.additionalProperties === false) {
        errors.push(say(`Additional property ${k} is not allowed`));
      } else if (typeof schema.additionalProperties === "object") {
        errors.push(...validateJsonSchema(schema.additionalProperties, v, sub));
      }
    }
  }
  return errors;
}
