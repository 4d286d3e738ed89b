// Reads a Pulumi project and its stacks the way the CLI does before it runs a program:
// `Pulumi.yaml` (name, runtime, main, stackConfigDir, project-level config) and
// `Pulumi.<stack>.yaml` (`config:`), then applies the project's config defaults and values to the
// stack's config and validates the stack's values against the declared types, with the CLI's
// messages. Secrets cannot be decrypted offline: they become placeholders and are reported, and
// `--config key=value` can supply them for a run.
//
// These files are inputs a pull request can change, so reading them must not hurt: a file over
// `MAX_INPUT_BYTES` is refused before it is read, YAML aliases are bounded (a "billion laughs"
// document of a few kilobytes would otherwise expand to gigabytes), integers keep their exact
// value or are refused, and every error is one line naming the file, the line and the key.
import * as fs from "fs";
import * as path from "path";
import { isMap, isPair, isScalar, LineCounter, parseDocument, visit } from "yaml";
import type { Document } from "yaml";
import { UsageError } from "../lib/cli";

export { UsageError };

/** Largest Pulumi.yaml, stack file or policy config the check reads (1 MiB). */
export const MAX_INPUT_BYTES = 1024 * 1024;

/**
 * Alias expansion allowed in a YAML input, in the `yaml` package's measure (`maxAliasCount`, its
 * default: each use of an anchor counts the aliases inside it). The CLI's parser refuses such
 * documents too (go-yaml v3 `allowedAliasRatio`: "document contains excessive aliasing").
 */
export const MAX_YAML_ALIAS_COUNT = 100;

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
  /**
   * Secrets the check could not decrypt, by full key: the placeholder the program got instead. A
   * key given with `--config` is not here.
   */
  readonly placeholders: Record<string, string>;
  /** Line of each key in the stack file, by full key (for messages). */
  readonly lines: Record<string, number>;
  /** What the offline run could not reproduce (secrets, ESC environments), for the report. */
  readonly notes: string[];
}

/** What a program gets for a secret that cannot be decrypted offline (policies see it unknown). */
export const SECRET_PLACEHOLDER = "offline-secret-placeholder";

/** A path for messages: relative to the working directory when inside it. */
export function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  if (rel === "") return ".";
  return !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/**
 * Reads a text input: refuses what is not a regular file or is larger than `MAX_INPUT_BYTES`
 * (checked before reading), and drops a UTF-8 byte order mark.
 */
export function readInputFile(file: string, what: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${shownPath(file)}: ${(e as Error).message}`);
  }
  if (!stat.isFile()) {
    throw new UsageError(`${what} ${shownPath(file)} is not a regular file`);
  }
  if (stat.size > MAX_INPUT_BYTES) {
    throw new UsageError(
      `${what} ${shownPath(file)} is ${stat.size} bytes; the check reads at most ${MAX_INPUT_BYTES} (1 MiB)`,
    );
  }
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${shownPath(file)}: ${(e as Error).message}`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A parsed YAML input: its value, and where its nodes are. */
interface YamlInput {
  readonly file: string;
  readonly value: any;
  readonly doc: Document;
  readonly lines: LineCounter;
}

/** `file:line:` for messages. */
function at(input: { readonly file: string }, line?: number): string {
  return line ? `${shownPath(input.file)}:${line}:` : `${shownPath(input.file)}:`;
}

function lineAt(lines: LineCounter, offset: number | undefined): number | undefined {
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

/**
 * Parses a YAML input (YAML 1.2 core schema, as the CLI's go-yaml v3 reads it), refusing
 * excessive alias expansion and integers a program could not read exactly.
 */
function readYaml(file: string, what: string): YamlInput {
  const text = readInputFile(file, what);
  const lines = new LineCounter();
  // `merge`: `<<` merge keys, which go-yaml v3 supports too. Dates stay strings, as go-yaml v3
  // decodes them into an untyped value.
  const doc = parseDocument(text, {
    lineCounter: lines,
    intAsBigInt: true,
    merge: true,
    prettyErrors: false,
  });
  const error = doc.errors[0];
  if (error) {
    const line = lineAt(lines, error.pos?.[0]);
    throw new UsageError(
      `${at({ file }, line)} not valid YAML: ${error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`,
    );
  }
  // Integers beyond 2^53 lose digits as JavaScript numbers ("1e+23"): refuse them, with the key.
  visit(doc, {
    Scalar(_key, node, ancestors) {
      if (typeof node.value !== "bigint") return;
      const n = node.value;
      if (n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)) return;
      const parent = ancestors[ancestors.length - 1];
      const key =
        isPair(parent) && isScalar(parent.key) && parent.value === node
          ? `'${String(parent.key.value)}': `
          : "";
      throw new UsageError(
        `${at({ file }, lineAt(lines, node.range?.[0]))} ${key}${n} is too large for an integer ` +
          `(a program reads config numbers as JavaScript numbers, exact only up to ±${Number.MAX_SAFE_INTEGER}); ` +
          "quote it to pass it as a string",
      );
    },
  });
  let value: any;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      throw new UsageError(
        `${at({ file })} its YAML aliases expand too far (more than ${MAX_YAML_ALIAS_COUNT} aliased nodes, ` +
          'the pattern of a "billion laughs" document); the Pulumi CLI refuses it too ' +
          '("document contains excessive aliasing")',
      );
    }
    throw new UsageError(`${at({ file })} not valid YAML: ${(e as Error).message}`);
  }
  return { file, value: safeNumbers(value, new WeakSet()) ?? {}, doc, lines };
}

/** BigInt integers (already range-checked) as numbers; shared (aliased) objects once. */
function safeNumbers(v: any, seen: WeakSet<object>): any {
  if (typeof v === "bigint") return Number(v);
  if (v && typeof v === "object") {
    if (seen.has(v)) return v;
    seen.add(v);
    for (const k of Object.keys(v)) v[k] = safeNumbers(v[k], seen);
  }
  return v;
}

/** Line of the key at `keys` (a path of mapping keys) in a YAML input, if it is there. */
function keyLine(input: YamlInput, keys: readonly string[]): number | undefined {
  let node: unknown = input.doc.contents;
  let line: number | undefined;
  for (const k of keys) {
    if (!isMap(node)) return line;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === k);
    if (!pair) return line;
    line = lineAt(input.lines, (pair.key as { range?: [number, number, number] }).range?.[0]);
    node = pair.value;
  }
  return line;
}

/** What a YAML value is, for messages: "a number", "a list" … */
function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `a ${typeof v} (${JSON.stringify(v)})`;
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
  if (!fs.existsSync(dir)) {
    throw new UsageError(`program directory ${dir} does not exist`);
  }
  if (!fs.statSync(dir).isDirectory()) {
    throw new UsageError(
      `--program ${shownPath(dir)} is a file, not a directory: give the directory that holds ` +
        `the program's Pulumi.yaml` +
        (/^Pulumi\.ya?ml$/.test(path.basename(dir)) ? ` (${shownPath(path.dirname(dir))})` : ""),
    );
  }
  const file = ["Pulumi.yaml", "Pulumi.yml"]
    .map((f) => path.join(dir, f))
    .find((f) => fs.existsSync(f));
  if (!file) throw new UsageError(`${dir} is not a Pulumi project: it has no Pulumi.yaml`);
  const input = readYaml(file, "project file");
  const doc: any = input.value;
  if (!isPlainObject(doc)) {
    throw new UsageError(`${at(input)} expected a mapping, not ${kindOf(doc)}`);
  }
  const line = (...keys: string[]) => at(input, keyLine(input, keys));
  if (typeof doc.name !== "string" || !doc.name) {
    throw new UsageError(`${line("name")} project is missing a non-empty string 'name' attribute`);
  }
  const name: string = doc.name;
  const runtime = typeof doc.runtime === "string" ? doc.runtime : doc.runtime?.name;
  if (!runtime) throw new UsageError(`${at(input)} project is missing a 'runtime' attribute`);
  if (runtime !== "nodejs") {
    throw new UsageError(
      `${line("runtime")} runtime '${runtime}' is not supported; this check runs Node.js (TypeScript) programs`,
    );
  }
  // `config: <dir>` is the old spelling of stackConfigDir.
  let stackConfigDir = typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : undefined;
  let rawConfig = doc.config;
  if (typeof rawConfig === "string") {
    if (stackConfigDir) {
      throw new UsageError(
        `${line("config")} Should not use both config and stackConfigDir to define the stack directory`,
      );
    }
    stackConfigDir = rawConfig;
    rawConfig = undefined;
  } else if (rawConfig !== undefined && rawConfig !== null && !isPlainObject(rawConfig)) {
    throw new UsageError(
      `${line("config")} 'config' must be a mapping of config keys to their declarations, not ${kindOf(rawConfig)}`,
    );
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
        `${line("config", key)} project config '${key}' cannot have both a 'default' and 'value' attribute`,
      );
    }
    if (namespacedByProject(name, key)) {
      if (t.type === "array" && !t.items) {
        throw new UsageError(
          `${line("config", key)} The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`,
        );
      }
      if (t.type && t.default !== undefined && !validValue(t.type, t.items, t.default)) {
        throw new UsageError(
          `${line("config", key)} The default value specified for configuration key '${key}' is not of the expected type '${typeName(t)}'`,
        );
      }
    } else {
      if (t.type) {
        throw new UsageError(
          `${line("config", key)} Configuration key '${key}' is not namespaced by the project and should not define a type`,
        );
      }
      if (t.default !== undefined) {
        throw new UsageError(
          `${line("config", key)} Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`,
        );
      }
      if (t.value === undefined) {
        throw new UsageError(
          `${line("config", key)} Configuration key '${key}' is namespaced and must provide an attribute 'value'`,
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
    entry: checkMain(dir, main, shownPath(file)),
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

/** Edit distance (Damerau–Levenshtein, adjacent swaps count one) between two keys. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
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
  const input = readYaml(file, "stack file");
  const doc: any = input.value;
  if (!isPlainObject(doc)) {
    throw new UsageError(`${at(input)} expected a mapping, not ${kindOf(doc)}`);
  }
  const notes: string[] = [];
  if (doc.config !== undefined && doc.config !== null && !isPlainObject(doc.config)) {
    throw new UsageError(
      `${at(input, keyLine(input, ["config"]))} 'config' must be a mapping of '<namespace>:<name>' keys to values, not ${kindOf(doc.config)}`,
    );
  }
  const raw: Record<string, unknown> = isPlainObject(doc.config) ? doc.config : {};
  const lines: Record<string, number> = {};
  const lineOf = (key: string) => at(input, keyLine(input, ["config", key]));
  const values: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  const secureKeys = new Set<string>();
  for (const [key, v] of Object.entries(raw)) {
    if (!/^[^:]+:[^:]/.test(key) || key.split(":").length > 3) {
      throw new UsageError(
        `${lineOf(key)} could not parse '${key}' as a configuration key (configuration keys should be of the form '<namespace>:<name>')`,
      );
    }
    const { value, secret } = stripSecure(v);
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
    if (secret) {
      secretKeys.add(k);
      secureKeys.add(k);
    }
  }
  const overridden = applyOverrides(project, values, opts.overrides ?? {});
  for (const k of overridden) secureKeys.delete(k);
  if (overridden.length > 0) {
    notes.push(
      `config ${overridden.join(", ")} given with --config for this run (values not shown)`,
    );
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
    throw new UsageError(
      `Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${quotedList(missing)} (${shownPath(file)})`,
    );
  }
  // Validate the stack's values against the project's types.
  const placeholders: Record<string, string> = {};
  for (const k of secureKeys) placeholders[k] = SECRET_PLACEHOLDER;
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
      throw new UsageError(
        `${given} Stack '${stack}' with configuration key '${key}' must be of type '${typeName(t)}'`,
      );
    }
  }
  if (secureKeys.size > 0) {
    notes.push(
      `secret config ${[...secureKeys].sort().join(", ")} cannot be decrypted offline: the program got a placeholder ` +
        `(${[...secureKeys]
          .sort()
          .map((k) => JSON.stringify(placeholders[k]))
          .join(", ")}, marked secret); give a value for this run with --config <key>=<value>`,
    );
  }
  const wired: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) wired[k] = wire(v);
  return {
    stack,
    file,
    values: wired,
    secretKeys: [...secretKeys].sort(),
    placeholders,
    lines,
    notes,
  };
}

/** Applies `--config` values (full or bare keys) to `values`; returns the full keys set. */
function applyOverrides(
  project: Project,
  values: Record<string, unknown>,
  overrides: Readonly<Record<string, string>>,
): string[] {
  const set: string[] = [];
  for (const [key, v] of Object.entries(overrides)) {
    const k = fullKey(project.name, key);
    values[k] = v;
    set.push(k);
  }
  return set.sort();
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
  const overridden = applyOverrides(project, values, overrides);
  const missing: string[] = [];
  const secretKeys: string[] = [];
  for (const key of Object.keys(project.config).sort()) {
    const t = project.config[key];
    const k = fullKey(project.name, key);
    if (t.secret) secretKeys.push(k);
    if (k in values) {
      if (t.type && !validValue(t.type, t.items, values[k])) {
        throw new UsageError(
          `--config: Stack '${stack}' with configuration key '${key}' must be of type '${typeName(t)}'`,
        );
      }
      continue;
    }
    const v = t.value !== undefined ? t.value : t.default;
    if (v === undefined) {
      if (k.startsWith(`${project.name}:`)) missing.push(key);
      continue;
    }
    values[k] = v;
  }
  if (missing.length > 0) {
    throw new UsageError(
      `Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${quotedList(missing)} ` +
        `(it has no Pulumi.${stack}.yaml; set them with \`pulumi config set\`, or for this run with --config)`,
    );
  }
  const wired: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) wired[k] = wire(v);
  return {
    stack,
    values: wired,
    secretKeys,
    placeholders: {},
    lines: {},
    notes: [
      `no Pulumi.${stack}.yaml: the stack ran on the project's config defaults, as a new stack ` +
        "(`pulumi stack init`) would",
      ...(overridden.length
        ? [`config ${overridden.join(", ")} given with --config for this run (values not shown)`]
        : []),
    ],
  };
}
