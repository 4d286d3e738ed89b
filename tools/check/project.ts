// Reads a Pulumi project and its stacks the way the CLI does before it runs a program:
// `Pulumi.yaml` (name, runtime, main, stackConfigDir, project-level config) and
// `Pulumi.<stack>.yaml` (`config:`), then applies the project's config defaults and values to the
// stack's config and validates the stack's values against the declared types, with the CLI's
// messages. Secrets cannot be decrypted offline: they become placeholders and are reported.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { UsageError } from "../lib/cli";

export { UsageError };

interface ConfigItemsType {
  readonly type: string;
  readonly items?: ConfigItemsType;
}

/** One entry of Pulumi.yaml `config:` after the CLI's shorthand rewrite. */
export interface ProjectConfigType {
  readonly type?: string;
  readonly description?: string;
  readonly items?: ConfigItemsType;
  readonly default?: unknown;
  readonly value?: unknown;
  readonly secret?: boolean;
}

export interface Project {
  /** Directory holding Pulumi.yaml. */
  readonly dir: string;
  /** Path of Pulumi.yaml (or .yml). */
  readonly file: string;
  readonly name: string;
  /** Pulumi.yaml `main`, if set. */
  readonly main?: string;
  /** Pulumi.yaml `runtime.options` (typescript, tsconfig, nodeargs). */
  readonly runtimeOptions: Record<string, unknown>;
  /** What runs, for reports: `main` (a file or directory) or the project directory. */
  readonly entry: string;
  /** Where Pulumi.<stack>.yaml files live. */
  readonly stackConfigDir: string;
  readonly config: Record<string, ProjectConfigType>;
}

export interface StackConfig {
  readonly stack: string;
  /** Path of Pulumi.<stack>.yaml; undefined when the stack has none (project defaults only). */
  readonly file?: string;
  /** Full keys → values as the program receives them (strings; structured values as JSON). */
  readonly values: Record<string, string>;
  /** Keys whose value is secret (`secure:` in the stack file or `secret: true` in the project). */
  readonly secretKeys: string[];
  /** What the offline run could not reproduce (secrets, ESC environments), for the report. */
  readonly notes: string[];
}

/** What a program gets for a secret that cannot be decrypted offline (policies see it unknown). */
export const SECRET_PLACEHOLDER = "offline-secret-placeholder";

function readYaml(file: string): any {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return yaml.load(text, { filename: file }) ?? {};
  } catch (e) {
    throw new UsageError(`${file} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
}

function isPlainObject(v: unknown): v is Record<string, any> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/** `config` keys without a namespace, or with the project's, belong to the project. */
function namespacedByProject(project: string, key: string): boolean {
  return !key.includes(":") || key.startsWith(`${project}:`);
}

function fullKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

function typeName(t: ProjectConfigType | ConfigItemsType): string {
  return t.items ? `array<${typeName(t.items)}>` : (t.type ?? "string");
}

/** The CLI's `ValidateConfigValue`: string, integer, boolean, and arrays of those. */
function validValue(type: string, items: ConfigItemsType | undefined, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      if (typeof value === "number") return Number.isInteger(value);
      return typeof value === "string" && /^[+-]?\d+$/.test(value.trim());
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    default:
      return (
        Array.isArray(value) &&
        !!items &&
        value.every((v) => validValue(items.type, items.items, v))
      );
  }
}

/**
 * The project's `main` as the CLI checks it before a run (pulumi/pulumi `getPwdMain`): a relative
 * path inside the project that exists. Which file runs is the language host's business (its
 * package.json `main`/`exports` rules and fallback); this returns what to show in reports.
 */
function checkMain(projectDir: string, main: string | undefined, file: string): string {
  if (main === undefined) return projectDir;
  if (path.isAbsolute(main))
    throw new UsageError(`${file}: project 'main' must be a relative path`);
  const p = path.resolve(projectDir, main);
  if (p !== projectDir && !p.startsWith(projectDir + path.sep)) {
    throw new UsageError(`${file}: project 'main' must be a subfolder (${main})`);
  }
  if (!fs.existsSync(p)) {
    throw new UsageError(`${file}: project 'main' could not be read: ${p} does not exist`);
  }
  return p;
}

/** Loads and validates Pulumi.yaml in `dir`. */
export function loadProject(dir: string): Project {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UsageError(`program directory ${dir} does not exist`);
  }
  const file = ["Pulumi.yaml", "Pulumi.yml"]
    .map((f) => path.join(dir, f))
    .find((f) => fs.existsSync(f));
  if (!file) throw new UsageError(`${dir} is not a Pulumi project: it has no Pulumi.yaml`);
  const doc: any = readYaml(file);
  if (!isPlainObject(doc)) throw new UsageError(`${file}: expected a mapping`);
  if (typeof doc.name !== "string" || !doc.name) {
    throw new UsageError(`${file}: project is missing a non-empty string 'name' attribute`);
  }
  const name: string = doc.name;
  const runtime = typeof doc.runtime === "string" ? doc.runtime : doc.runtime?.name;
  if (!runtime) throw new UsageError(`${file}: project is missing a 'runtime' attribute`);
  if (runtime !== "nodejs") {
    throw new UsageError(
      `${file}: runtime '${runtime}' is not supported; this check runs Node.js (TypeScript) programs`,
    );
  }
  // `config: <dir>` is the old spelling of stackConfigDir.
  let stackConfigDir = typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : undefined;
  let rawConfig = doc.config;
  if (typeof rawConfig === "string") {
    if (stackConfigDir) {
      throw new UsageError(
        `${file}: Should not use both config and stackConfigDir to define the stack directory`,
      );
    }
    stackConfigDir = rawConfig;
    rawConfig = undefined;
  }
  const config: Record<string, ProjectConfigType> = {};
  for (const [key, raw] of Object.entries(isPlainObject(rawConfig) ? rawConfig : {})) {
    // Shorthand: a plain value is a default for the project's keys and a value for others.
    const t: ProjectConfigType = isPlainObject(raw)
      ? (raw as ProjectConfigType)
      : namespacedByProject(name, key)
        ? { default: raw }
        : { value: raw };
    if (t.default !== undefined && t.value !== undefined) {
      throw new UsageError(
        `${file}: project config '${key}' cannot have both a 'default' and 'value' attribute`,
      );
    }
    if (namespacedByProject(name, key)) {
      if (t.type === "array" && !t.items) {
        throw new UsageError(
          `${file}: The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`,
        );
      }
      if (t.type && t.default !== undefined && !validValue(t.type, t.items, t.default)) {
        throw new UsageError(
          `${file}: The default value specified for configuration key '${key}' is not of the expected type '${typeName(t)}'`,
        );
      }
    } else {
      if (t.type) {
        throw new UsageError(
          `${file}: Configuration key '${key}' is not namespaced by the project and should not define a type`,
        );
      }
      if (t.default !== undefined) {
        throw new UsageError(
          `${file}: Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`,
        );
      }
      if (t.value === undefined) {
        throw new UsageError(
          `${file}: Configuration key '${key}' is namespaced and must provide an attribute 'value'`,
        );
      }
    }
    config[key] = t;
  }
  const main = typeof doc.main === "string" ? doc.main : undefined;
  const options = isPlainObject(doc.runtime) ? doc.runtime.options : undefined;
  return {
    dir,
    file,
    name,
    main,
    runtimeOptions: isPlainObject(options) ? options : {},
    entry: checkMain(dir, main, file),
    stackConfigDir: path.resolve(dir, stackConfigDir ?? "."),
    config,
  };
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

function stackFile(project: Project, stack: string): string | undefined {
  return ["yaml", "yml"]
    .map((e) => path.join(project.stackConfigDir, `Pulumi.${stack}.${e}`))
    .find((f) => fs.existsSync(f));
}

/** Replaces `secure:` leaves by a placeholder; true when any was found. */
function stripSecure(v: unknown): { value: unknown; secret: boolean } {
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "secure" && typeof v.secure === "string") {
      return { value: SECRET_PLACEHOLDER, secret: true };
    }
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const r = stripSecure(x);
      out[k] = r.value;
      secret ||= r.secret;
    }
    return { value: out, secret };
  }
  if (Array.isArray(v)) {
    let secret = false;
    const out = v.map((x) => {
      const r = stripSecure(x);
      secret ||= r.secret;
      return r.value;
    });
    return { value: out, secret };
  }
  return { value: v, secret: false };
}

/** A config value as the program receives it: strings as they are, everything else as JSON. */
function wire(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * The stack's effective config: the stack file's `config:` plus the project's defaults and values
 * for keys the stack does not set, validated against the project's declared types.
 */
export function loadStackConfig(
  project: Project,
  stack: string,
  opts: { readonly allowMissing?: boolean } = {},
): StackConfig {
  const file = stackFile(project, stack);
  if (!file && opts.allowMissing) return defaultsOnly(project, stack);
  if (!file) {
    const known = listStacks(project);
    const where = path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
    throw new UsageError(
      `no stack file ${where} for stack '${stack}'; ` +
        (known.length
          ? `stacks of ${project.name}: ${known.join(", ")}`
          : `${project.name} has no Pulumi.<stack>.yaml at all`),
    );
  }
  const doc: any = readYaml(file);
  if (!isPlainObject(doc)) throw new UsageError(`${file}: expected a mapping`);
  const notes: string[] = [];
  const raw = isPlainObject(doc.config) ? doc.config : {};
  const values: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  const secureKeys = new Set<string>();
  for (const [key, v] of Object.entries(raw)) {
    if (!/^[^:]+:[^:]/.test(key) || key.split(":").length > 3) {
      throw new UsageError(
        `${file}: could not parse '${key}' as a configuration key (configuration keys should be of the form '<namespace>:<name>')`,
      );
    }
    const { value, secret } = stripSecure(v);
    const k = key.split(":").length === 3 ? key.replace(/:config:/, ":") : key;
    values[k] = value;
    if (secret) {
      secretKeys.add(k);
      secureKeys.add(k);
    }
  }
  if (doc.environment !== undefined) {
    const envs = Array.isArray(doc.environment)
      ? doc.environment
      : Array.isArray(doc.environment?.imports)
        ? doc.environment.imports
        : [doc.environment];
    notes.push(
      `${path.basename(file)} imports Pulumi ESC environment(s) ${envs.map((e: unknown) => JSON.stringify(e)).join(", ")}; their values are not available offline`,
    );
  }
  // Project config, in the CLI's order (sorted keys).
  const missing: string[] = [];
  for (const key of Object.keys(project.config).sort()) {
    const t = project.config[key];
    const k = fullKey(project.name, key);
    if (k in values) continue;
    const fallback = t.value !== undefined ? t.value : t.default;
    if (fallback === undefined) {
      if (k.startsWith(`${project.name}:`)) missing.push(key);
      continue;
    }
    values[k] = fallback;
  }
  if (missing.length > 0) {
    // The CLI's wording: 'a', 'b' and 'c'.
    const quoted = missing.map((m) => `'${m}'`);
    const list =
      quoted.length === 1
        ? quoted[0]
        : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
    throw new UsageError(
      `Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${list} (${path.basename(file)})`,
    );
  }
  // Validate the stack's values against the project's types.
  for (const key of Object.keys(project.config).sort()) {
    const t = project.config[key];
    const k = fullKey(project.name, key);
    if (t.secret) {
      if (k in raw || key in raw) {
        if (!secureKeys.has(k)) {
          throw new UsageError(
            `${file}: Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret`,
          );
        }
      }
      secretKeys.add(k);
    }
    if (!t.type || !(k in values)) continue;
    if (secureKeys.has(k)) {
      // Cannot be decrypted here: use a placeholder of the declared type.
      values[k] = t.type === "integer" ? "0" : t.type === "boolean" ? "false" : values[k];
      continue;
    }
    if (!validValue(t.type, t.items, values[k])) {
      throw new UsageError(
        `${file}: Stack '${stack}' with configuration key '${key}' must be of type '${typeName(t)}'`,
      );
    }
  }
  if (secureKeys.size > 0) {
    notes.push(
      `secret config ${[...secureKeys].sort().join(", ")} cannot be decrypted offline: the program got the placeholder "${SECRET_PLACEHOLDER}" (marked secret)`,
    );
  }
  const wired: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) wired[k] = wire(v);
  return { stack, file, values: wired, secretKeys: [...secretKeys].sort(), notes };
}

/**
 * A stack without a settings file, as after `pulumi stack init`: the project's config defaults and
 * values only. A required key without a default is reported as the CLI reports it.
 */
function defaultsOnly(project: Project, stack: string): StackConfig {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  const secretKeys: string[] = [];
  for (const key of Object.keys(project.config).sort()) {
    const t = project.config[key];
    const k = fullKey(project.name, key);
    const v = t.value !== undefined ? t.value : t.default;
    if (t.secret) secretKeys.push(k);
    if (v === undefined) {
      if (k.startsWith(`${project.name}:`)) missing.push(key);
      continue;
    }
    values[k] = wire(v);
  }
  if (missing.length > 0) {
    const quoted = missing.map((m) => `'${m}'`);
    const list =
      quoted.length === 1
        ? quoted[0]
        : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
    throw new UsageError(
      `Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${list} ` +
        `(it has no Pulumi.${stack}.yaml; set them with \`pulumi config set\`)`,
    );
  }
  return {
    stack,
    values,
    secretKeys,
    notes: [
      `no Pulumi.${stack}.yaml: the stack ran on the project's config defaults, as a new stack ` +
        "(`pulumi stack init`) would",
    ],
  };
}
