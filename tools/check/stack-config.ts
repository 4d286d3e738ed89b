// A stack's effective config, as the CLI computes it before a run: the stack file's `config:` over
// the project's defaults and values, validated against the declared types with the CLI's
// messages. Secrets cannot be decrypted offline: they become placeholders and are reported, and
// `--config key=value` can supply them for a run.
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "../lib/cli";
import { editDistance } from "../lib/edit-distance";
import { namespacedByProject, fullKey, typeName, validValue } from "./config-values";
import { shownPath, at, readYaml, keyLine, kindOf, isPlainObject } from "./inputs";
import type { Project } from "./project";
import { unknownStackFileKeys } from "./stack-file-keys";
import { applyOverrides, ConfigSource, fillFromProject } from "./config-sources";
import { secretPlaceholder, stripSecure } from "./secret-placeholders";
import { refuseUndecryptableSecure, secretsManagerOf } from "./secure-values";

export interface StackConfig {
  readonly stack: string;
  /** Path of Pulumi.<stack>.yaml; undefined when the stack has none (project defaults only). */
  readonly file?: string;
  /** Full keys → values as the program receives them (strings; structured values as JSON). */
  readonly values: Record<string, string>;
  /** Keys whose value is secret (`secure:` in the stack file or `secret: true` in the project). */
  readonly secretKeys: string[];
  /**
   * Secrets the check could not decrypt, by full key: the placeholder the program got instead. A
   * key given with `--config` is not here.
   */
  readonly placeholders: Record<string, string>;
  /** Line of each key in the stack file, by full key (for messages). */
  readonly lines: Record<string, number>;
  /** Where each value came from, by full key: the stack file, Pulumi.yaml or `--config`. */
  readonly sources: Record<string, ConfigSource>;
  /** What the offline run could not reproduce (secrets, ESC environments), for the report. */
  readonly notes: string[];
  /** Pulumi ESC environments the stack file imports (their values are not available offline). */
  readonly environments?: string[];
}

function stackFile(project: Project, stack: string): string | undefined {
  return ["yaml", "yml"]
    .map((e) => path.join(project.stackConfigDir, `Pulumi.${stack}.${e}`))
    .find((f) => fs.existsSync(f));
}

/** A config value as the program receives it: strings as they are, everything else as JSON. */
function wire(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** Every config value as the program receives it (`wire`). */
function wired(values: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) out[k] = wire(v);
  return out;
}

/**
 * The CLI's error for a value that is not of its key's declared type; `given` says where the
 * value was given (`Pulumi.dev.yaml:3:`, `--config:`).
 */
function notOfType(given: string, stack: string, key: string, t: Parameters<typeof typeName>[0]) {
  return new UsageError(
    `${given} Stack '${stack}' with configuration key '${key}' must be of type '${typeName(t)}'`,
  );
}

/** Options of `loadStackConfig`. */
export interface StackConfigOptions {
  /** A stack without a stack file runs on the project's defaults (as after `pulumi stack init`). */
  readonly allowMissing?: boolean;
  /**
   * `--config key=value`: plaintext values for this run, over the stack file's (a bare key is the
   * project's). Like `pulumi up --config`, without saving them anywhere.
   */
  readonly overrides?: Readonly<Record<string, string>>;
}

/**
 * The declared project key a stack key was probably meant to be: the nearest declared name at
 * most two edits away (one for short names), when the key itself is not declared. Projects may
 * leave optional keys undeclared, so a key far from every declared one is accepted as it is.
 */
export function nearestDeclaredKey(project: Project, key: string): string | undefined {
  const name = key.slice(project.name.length + 1);
  const declared = Object.keys(project.config)
    .filter((k) => namespacedByProject(project.name, k))
    .map((k) => (k.includes(":") ? k.slice(project.name.length + 1) : k));
  if (declared.length === 0 || declared.includes(name)) return undefined;
  let best: { name: string; d: number } | undefined;
  for (const candidate of declared) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    const limit = Math.min(2, Math.floor(candidate.length / 4));
    const caseOnly = name.toLowerCase() === candidate.toLowerCase();
    if ((caseOnly || (d > 0 && d <= limit)) && (!best || d < best.d)) {
      best = { name: candidate, d: caseOnly ? 0 : d };
    }
  }
  return best && `${project.name}:${best.name}`;
}

/** `'a', 'b' and 'c'`, as the CLI lists missing keys. */
function quotedList(items: readonly string[]): string {
  const quoted = items.map((m) => `'${m}'`);
  return quoted.length === 1
    ? quoted[0]
    : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

/**
 * The stack's effective config: the stack file's `config:` plus the project's defaults and values
 * for keys the stack does not set, validated against the project's declared types.
 */
export function loadStackConfig(
  project: Project,
  stack: string,
  opts: StackConfigOptions = {},
): StackConfig {
  const file = stackFile(project, stack);
  if (!file && opts.allowMissing) return defaultsOnly(project, stack, opts.overrides ?? {});
  if (!file) throw noStackFile(project, stack, listStacks(project));
  const input = readYaml(file, "stack file");
  const doc: any = input.value;
  if (!isPlainObject(doc)) {
    throw new UsageError(`${at(input)} expected a mapping, not ${kindOf(doc)}`);
  }
  const notes: string[] = [];
  notes.push(...unknownStackFileKeys(input, doc));
  if (doc.config !== undefined && doc.config !== null && !isPlainObject(doc.config)) {
    throw new UsageError(
      `${at(input, keyLine(input, ["config"]))} 'config' must be a mapping of '<namespace>:<name>' keys to values, not ${kindOf(doc.config)}`,
    );
  }
  const raw: Record<string, unknown> = isPlainObject(doc.config) ? doc.config : {};
  const lines: Record<string, number> = {};
  const lineOf = (key: string) => at(input, keyLine(input, ["config", key]));
  const values: Record<string, unknown> = {};
  const sources: Record<string, ConfigSource> = {};
  const secretKeys = new Set<string>();
  const secureKeys = new Set<string>();
  const ownPlaceholders: Record<string, string> = {};
  for (const [key, v] of Object.entries(raw)) {
    const parts = key.split(":");
    if (parts.length === 3 && parts[1] !== "config" && parts.every((p) => p !== "")) {
      // Three parts are the legacy `<namespace>:config:<name>` only; the CLI parses any other as a
      // module member and refuses it (pulumi/pulumi sdk/go/common/resource/config/key.go,
      // `ParseKey` → `fromModuleMember`: "... is not in config module").
      throw new UsageError(
        `${lineOf(key)} could not parse '${key}' as a configuration key: a key has one ':' ` +
          `('<namespace>:<name>', e.g. '${parts[0]}:${parts[2]}'); three parts must read '<namespace>:config:<name>'`,
      );
    }
    if (!/^[^:]+:[^:]/.test(key) || parts.length > 3) {
      // A bare key is what `pulumi config set <key>` takes; it writes the key under the project's
      // namespace (pulumi/pulumi#1841), and the stack file needs that form.
      const bare = !key.includes(":")
        ? `; \`pulumi config set ${key} <value>\` writes it as '${project.name}:${key}', the form the stack file needs`
        : "";
      throw new UsageError(
        `${lineOf(key)} could not parse '${key}' as a configuration key (configuration keys should be of the form '<namespace>:<name>')${bare}`,
      );
    }
    const placeholder = secretPlaceholder(secureKeys.size + 1);
    const { value, secret } = stripSecure(v, placeholder);
    const k = key.split(":").length === 3 ? key.replace(/:config:/, ":") : key;
    const line = keyLine(input, ["config", key]);
    if (line) lines[k] = line;
    if (k.startsWith(`${project.name}:`)) {
      const meant = nearestDeclaredKey(project, k);
      if (meant) {
        throw new UsageError(
          `${lineOf(key)} '${k}' is not a config key of project ${project.name}; did you mean '${meant}'? ` +
            `(declare '${k.slice(project.name.length + 1)}' in ${path.basename(project.file)} if it is new)`,
        );
      }
    }
    values[k] = value;
    sources[k] = { from: "stack", file, line };
    if (secret) {
      secretKeys.add(k);
      secureKeys.add(k);
      ownPlaceholders[k] = placeholder;
    }
  }
  notes.push(...plainCredentials(raw, secretKeys, lineOf));
  const overridden = applyOverrides(project, values, sources, opts.overrides ?? {});
  // A `secure:` value that is no ciphertext fails `pulumi preview` before the program starts.
  refuseUndecryptableSecure(raw, secretsManagerOf(doc), lineOf, (key) =>
    overridden.includes(key.split(":").length === 3 ? key.replace(/:config:/, ":") : key),
  );
  for (const k of overridden) secureKeys.delete(k);
  if (overridden.length > 0) {
    notes.push(
      `config ${overridden.join(", ")} given with --config for this run (values not shown)`,
    );
  }
  let environments: string[] | undefined;
  if (doc.environment !== undefined) {
    const envs = Array.isArray(doc.environment)
      ? doc.environment
      : Array.isArray(doc.environment?.imports)
        ? doc.environment.imports
        : [doc.environment];
    notes.push(
      `${path.basename(file)} imports Pulumi ESC environment(s) ${envs.map((e: unknown) => JSON.stringify(e)).join(", ")}; their values are not available offline`,
    );
    environments = envs.map((e: unknown) => (typeof e === "string" ? e : JSON.stringify(e)));
  }
  // Project config, in the CLI's order (sorted keys).
  const missing: string[] = [];
  for (const key of Object.keys(project.config).sort()) {
    const k = fullKey(project.name, key);
    if (!(k in values)) fillFromProject(project, key, k, { values, sources }, missing);
  }
  if (missing.length > 0) throw missingValues(stack, missing, shownPath(file));
  // Validate the stack's values against the project's types.
  const placeholders: Record<string, string> = {};
  for (const k of secureKeys) placeholders[k] = ownPlaceholders[k];
  for (const key of Object.keys(project.config).sort()) {
    const t = project.config[key];
    const k = fullKey(project.name, key);
    if (t.secret) {
      if (k in raw || key in raw) {
        if (!secretKeys.has(k)) {
          throw new UsageError(
            `${lineOf(k in raw ? k : key)} Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret`,
          );
        }
      }
      secretKeys.add(k);
    }
    if (!t.type || !(k in values)) continue;
    if (secureKeys.has(k)) {
      // Cannot be decrypted here: use a placeholder of the declared type.
      values[k] = t.type === "integer" ? "0" : t.type === "boolean" ? "false" : values[k];
      placeholders[k] = wire(values[k]);
      continue;
    }
    if (!validValue(t.type, t.items, values[k])) {
      const given = overridden.includes(k) ? "--config:" : lineOf(k in raw ? k : key);
      throw notOfType(given, stack, key, t);
    }
  }
  if (secureKeys.size > 0) {
    // A `secure:` nested in an object or a list leaves the rest as written: the program gets the
    // whole value with the placeholder in its place, and --config takes it whole, as JSON.
    const nested = [...secureKeys].filter((k) => typeof values[k] !== "string");
    const got = (k: string) =>
      nested.includes(k) ? wire(values[k]) : JSON.stringify(placeholders[k]);
    // What each read gets: ../lib/engine/secret-config-reads.js, ./undecryptable-reads.ts.
    notes.push(
      `secret config ${[...secureKeys].sort().join(", ")} cannot be decrypted offline: read as text ` +
        `(get, getSecret) the program gets a placeholder (${[...secureKeys].sort().map(got).join(", ")}, marked ` +
        "secret), with a secret typed getter (getSecretBoolean, ...) an unknown secret (its checks not " +
        "evaluated), and a plain typed getter (getBoolean, getNumber, getObject, ...) is refused; " +
        "give a value for this run with --config <key>=<value>" +
        (nested.length > 0
          ? ` (for ${nested.sort().join(", ")}, the whole ${nested.length > 1 ? "values" : "value"} as JSON)`
          : ""),
    );
  }
  return {
    stack,
    file,
    values: wired(values),
    secretKeys: [...secretKeys].sort(),
    placeholders,
    lines,
    sources,
    notes,
    environments,
  };
}

/** The CLI's error for required keys the stack leaves unset; `where` ends it in parentheses. */
function missingValues(stack: string, missing: readonly string[], where: string): UsageError {
  return new UsageError(
    `Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${quotedList(missing)} (${where})`,
  );
}

/**
 * A stack without a settings file, as after `pulumi stack init`: the project's config defaults and
 * values only. A required key without a default is reported as the CLI reports it.
 */
function defaultsOnly(
  project: Project,
  stack: string,
  overrides: Readonly<Record<string, string>>,
): StackConfig {
  const values: Record<string, unknown> = {};
  const sources: Record<string, ConfigSource> = {};
  const overridden = applyOverrides(project, values, sources, overrides);
  const missing: string[] = [];
  const secretKeys: string[] = [];
  for (const key of Object.keys(project.config).sort()) {
    const t = project.config[key];
    const k = fullKey(project.name, key);
    if (t.secret) secretKeys.push(k);
    if (k in values) {
      if (t.type && !validValue(t.type, t.items, values[k])) {
        throw notOfType("--config:", stack, key, t);
      }
      continue;
    }
    fillFromProject(project, key, k, { values, sources }, missing);
  }
  if (missing.length > 0) {
    // A misspelled --stack (`prdo`) lands here: name the stacks that do have a file.
    const others = listStacks(project);
    const near = others.filter((o) => editDistance(o.toLowerCase(), stack.toLowerCase()) <= 2);
    throw missingValues(
      stack,
      missing,
      `it has no Pulumi.${stack}.yaml; set them with \`pulumi config set\`, or for this run with --config` +
        (near.length
          ? `; did you mean --stack ${near.join(" or ")}?`
          : others.length
            ? `; the stacks with a file are ${others.join(", ")}`
            : ""),
    );
  }
  return {
    stack,
    values: wired(values),
    secretKeys,
    placeholders: {},
    lines: {},
    sources,
    notes: [
      `no Pulumi.${stack}.yaml: the stack ran on the project's config defaults, as a new stack ` +
        "(`pulumi stack init`) would",
      ...(overridden.length
        ? [`config ${overridden.join(", ")} given with --config for this run (values not shown)`]
        : []),
    ],
  };
}

/** The refusal of a stack with no stack file, naming the file and the stacks there are. */
function noStackFile(project: Project, stack: string, known: readonly string[]): UsageError {
  const where = path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
  return new UsageError(
    `no stack file ${where} for stack '${stack}'; ` +
      (known.length
        ? `stacks of ${project.name}: ${known.join(", ")}`
        : `${project.name} has no Pulumi.<stack>.yaml at all`),
  );
}

/** The project's stacks (`listStacks`), after refusing any of `named` without a stack file. */
export function requireStacks(project: Project, named: readonly string[]): string[] {
  const known = listStacks(project);
  const missing = named.find((s) => !known.includes(s));
  if (missing !== undefined) throw noStackFile(project, missing, known);
  return known;
}

/** Stacks that have a settings file, sorted. */
export function listStacks(project: Project): string[] {
  if (!fs.existsSync(project.stackConfigDir)) return [];
  return fs
    .readdirSync(project.stackConfigDir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();
}

/** The AWS provider's credential keys (`pulumi config set aws:secretKey --secret` in its docs). */
const AWS_CREDENTIAL_KEYS = ["aws:accessKey", "aws:secretKey", "aws:token"];

/**
 * A note per AWS credential kept in the stack file as plain text (Checkov CKV_AWS_41 flags
 * credentials written into the provider's configuration). No policy can see it: the provider
 * marks these inputs secret whether or not the stack file encrypts them, and the policy SDK hands
 * secrets to policies as plain values. Only the stack file tells the two apart.
 */
function plainCredentials(
  raw: Readonly<Record<string, unknown>>,
  secretKeys: ReadonlySet<string>,
  lineOf: (key: string) => string,
): string[] {
  const notes: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const k = key.replace(/^aws:config:/, "aws:");
    if (!AWS_CREDENTIAL_KEYS.includes(k) || secretKeys.has(k) || !value) continue;
    notes.push(
      `${lineOf(key)} ${k} is stored in plain text: anyone who can read the stack file has it ` +
        `(Checkov CKV_AWS_41). Encrypt it with \`pulumi config set --secret ${k} <value>\`, or ` +
        `better, leave credentials out and let the provider use a role (profile, SSO or OIDC)`,
    );
  }
  return notes;
}
