// Policy pack configuration as `pulumi preview --policy-pack-config <file>` reads it: a JSON object
// of `"<policy>": "<level>"` or `"<policy>": { "enforcementLevel"?: ..., ...properties }`, plus
// `"all"` for the level of every policy. Like the CLI, the effective config starts from each
// policy's schema defaults, applies "all", then the per-policy entries, and is validated against
// each policy's config schema before anything runs. The file is read like the check's other
// inputs (`readInputFile`: a regular file of at most 1 MiB; a UTF-8 byte order mark, which editors
// on Windows write and JSON.parse rejects, is dropped).
import type { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";
import type { AnyPolicy, PackConfig } from "../lib/policy-runner";
import { readInputFile, shownPath, UsageError } from "./project";

const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];

interface GivenConfig {
  enforcementLevel?: EnforcementLevel;
  properties: Record<string, unknown>;
}

export interface ResolvedPolicyConfig {
  /** Per-policy config for the runner: level and properties (schema defaults filled in). */
  readonly config: PackConfig;
  /** Names in the file that are not policies of the pack (ignored, as the CLI ignores them). */
  readonly unknownPolicies: string[];
}

function parseLevel(where: string, v: unknown): EnforcementLevel {
  if (typeof v !== "string" || !LEVELS.includes(v)) {
    throw new UsageError(
      `${where}: ${JSON.stringify(v)} is not a valid enforcement level (${LEVELS.join(", ")})`,
    );
  }
  return v as EnforcementLevel;
}

/** Reads a policy config file; a missing or malformed file is a usage error. */
export function readPolicyConfigFile(file: string): Record<string, GivenConfig> {
  const text = readInputFile(file, "policy config");
  const shown = shownPath(file);
  if (!text.trim()) return {};
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    // V8 says "... at position N" (Node 20) or "(line L column C)" (Node 22): give the line.
    const message = (e as Error).message;
    const pos = /at position (\d+)/.exec(message);
    const line = pos ? text.slice(0, Number(pos[1])).split("\n").length : undefined;
    throw new UsageError(
      `policy config ${shown}${line ? `:${line}` : ""} is not valid JSON: ${message}`,
    );
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    throw new UsageError(`policy config ${shown} must be a JSON object of policy names`);
  }
  const out: Record<string, GivenConfig> = {};
  for (const [name, v] of Object.entries(doc as Record<string, unknown>)) {
    const where = `${shown}: parsing enforcement level for "${name}"`;
    if (typeof v === "string") {
      out[name] = { enforcementLevel: parseLevel(where, v), properties: {} };
    } else if (v && typeof v === "object" && !Array.isArray(v)) {
      const { enforcementLevel, ...properties } = v as Record<string, unknown>;
      out[name] = {
        enforcementLevel:
          enforcementLevel === undefined ? undefined : parseLevel(where, enforcementLevel),
        properties,
      };
    } else {
      throw new UsageError(
        `${shown}: parsing "${name}": ${JSON.stringify(v)} is not a valid value; must be a string or object`,
      );
    }
  }
  return out;
}

/** The effective config of every policy, validated against its schema (errors name the policy). */
export function resolvePolicyConfig(
  policies: readonly AnyPolicy[],
  given: Record<string, GivenConfig>,
  file = "policy config",
): ResolvedPolicyConfig {
  const names = new Set(policies.map((p) => p.name));
  const all = given.all?.enforcementLevel;
  const config: PackConfig = {};
  const errors: string[] = [];
  for (const p of policies) {
    const schema: PolicyConfigSchema | undefined = p.configSchema;
    const properties: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(schema?.properties ?? {})) {
      if (s.default !== undefined) properties[k] = structuredClone(s.default);
    }
    const mine = given[p.name];
    Object.assign(properties, mine?.properties ?? {});
    const level = mine?.enforcementLevel ?? all ?? p.enforcementLevel ?? "advisory";
    if (schema) {
      for (const e of validate(
        { type: "object", properties: schema.properties, required: schema.required },
        properties,
        "",
      )) {
        errors.push(`${p.name}: ${e}`);
      }
    }
    config[p.name] = { ...properties, enforcementLevel: level };
  }
  if (errors.length > 0) {
    throw new UsageError(`${file} is invalid for this policy pack:\n  ${errors.join("\n  ")}`);
  }
  const unknownPolicies = Object.keys(given).filter((n) => n !== "all" && !names.has(n));
  return { config, unknownPolicies };
}

/** A small JSON-schema validator covering what policy config schemas use. */
export function validate(schema: any, value: unknown, at: string): string[] {
  if (!schema || typeof schema !== "object") return [];
  const where = at || "(root)";
  const errors: string[] = [];
  const types: string[] | undefined =
    schema.type === undefined ? undefined : [].concat(schema.type);
  if (types) {
    const actual =
      value === null
        ? "null"
        : Array.isArray(value)
          ? "array"
          : typeof value === "number" && Number.isInteger(value)
            ? "integer"
            : typeof value;
    const ok = types.some((t) => t === actual || (t === "number" && actual === "integer"));
    if (!ok) return [`${where}: Invalid type. Expected: ${types.join(", ")}, given: ${actual}`];
  }
  if (
    schema.enum &&
    !schema.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))
  ) {
    errors.push(
      `${where}: must be one of ${schema.enum.map((e: unknown) => JSON.stringify(e)).join(", ")}`,
    );
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      errors.push(`${where}: String length must be greater than or equal to ${schema.minLength}`);
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      errors.push(`${where}: String length must be less than or equal to ${schema.maxLength}`);
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
      errors.push(`${where}: Does not match pattern '${schema.pattern}'`);
    }
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) {
      errors.push(`${where}: Must be greater than or equal to ${schema.minimum}`);
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      errors.push(`${where}: Must be less than or equal to ${schema.maximum}`);
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      errors.push(`${where}: Array must have at least ${schema.minItems} items`);
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      errors.push(`${where}: Array must have at most ${schema.maxItems} items`);
    }
    if (schema.items)
      value.forEach((v, i) => errors.push(...validate(schema.items, v, `${at}.${i}`)));
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) {
      if (!(r in obj)) errors.push(`${where}: ${r} is required`);
    }
    const props: Record<string, unknown> = schema.properties ?? {};
    for (const [k, v] of Object.entries(obj)) {
      const sub = at ? `${at}.${k}` : k;
      if (k in props) errors.push(...validate(props[k], v, sub));
      else if (schema.additionalProperties === false)
        errors.push(`${sub}: Additional property ${k} is not allowed`);
      else if (typeof schema.additionalProperties === "object") {
        errors.push(...validate(schema.additionalProperties, v, sub));
      }
    }
  }
  return errors;
}
