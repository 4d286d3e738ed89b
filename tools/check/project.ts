// Reads a Pulumi project the way the CLI does before it runs a program: `Pulumi.yaml` (name,
// runtime, main, stackConfigDir, project-level config declarations). The stacks' config is read
// by ./stack-config.ts, the files themselves through ./inputs.ts.
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "../lib/cli";
import { unbuiltOutputHint } from "../lib/engine/hints";
import { ProjectConfigType, namespacedByProject, typeName, validValue } from "./config-values";
import { shownPath, at, readYaml, keyLine, kindOf, isPlainObject, unusablePath } from "./inputs";
import { notAProjectHint } from "./not-a-project";
import type { ProgramRunOptions } from "../lib/engine/language-host";
import type { StackConfig } from "./stack-config";

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
  /** The runtime Pulumi.yaml names: `nodejs`, or `bun`, which the check runs on Node.js. */
  readonly runtime: "nodejs" | "bun";
  /** What runs, for reports: `main` (a file or directory) or the project directory. */
  readonly entry: string;
  /** Where Pulumi.<stack>.yaml files live. */
  readonly stackConfigDir: string;
  readonly config: Record<string, ProjectConfigType>;
  /** Line in Pulumi.yaml of each config key's `default` or `value` (the key's, for a plain value). */
  readonly configLines?: Readonly<Record<string, number>>;
}

export { UsageError };
export { MAX_INPUT_BYTES, MAX_YAML_ALIAS_COUNT, readInputFile, shownPath } from "./inputs";
export type { ProjectConfigType } from "./config-values";
export { listStacks, loadStackConfig, nearestDeclaredKey, requireStacks } from "./stack-config";
export { SECRET_PLACEHOLDER } from "./secret-placeholders";
export type { StackConfig, StackConfigOptions } from "./stack-config";

/**
 * What the language host runs for a project's stack: the project's entry point, the stack's
 * config. The check and the recordings the cost estimate and the diagram read run it alike.
 */
export function stackProgram(
  project: Project,
  stack: string,
  config: Pick<StackConfig, "values" | "secretKeys">,
): Pick<
  ProgramRunOptions,
  "rootDir" | "project" | "main" | "runtimeOptions" | "stack" | "config" | "secretKeys"
> {
  return {
    rootDir: project.dir,
    project: project.name,
    main: project.main,
    runtimeOptions: project.runtimeOptions,
    stack,
    config: config.values,
    secretKeys: config.secretKeys,
  };
}

/**
 * The project's `main` as the CLI checks it before a run (pulumi/pulumi `getPwdMain`): a relative
 * path inside the project that exists. Which file runs is the language host's business (its
 * package.json `main`/`exports` rules and fallback); this returns what to show in reports.
 */
function checkMain(
  projectDir: string,
  main: string | undefined,
  file: string,
  tsconfigOption: unknown,
): string {
  if (main === undefined) return projectDir;
  if (path.isAbsolute(main))
    throw new UsageError(`${file}: project 'main' must be a relative path`);
  const p = path.resolve(projectDir, main);
  if (p !== projectDir && !p.startsWith(projectDir + path.sep)) {
    throw new UsageError(`${file}: project 'main' must be a subfolder (${main})`);
  }
  if (!fs.existsSync(p)) {
    throw new UsageError(
      `${file}: project 'main' could not be read: ${p} does not exist` +
        unbuiltOutputHint(p, projectDir, tsconfigOption),
    );
  }
  return p;
}

/**
 * The types a project config declaration may name: `simpleConfigType` of the CLI's project schema
 * (pulumi/pulumi sdk/go/common/workspace/project.json: string, integer, boolean, array), with
 * `object` since pulumi/pulumi#20129 and #20132 (2025; the `l1-config-types-object` conformance
 * test of the language SDKs), which a stack value must then be a mapping for.
 */
const CONFIG_TYPES: readonly string[] = ["string", "integer", "boolean", "array", "object"];

/**
 * The CLI's check of a project name (pulumi/pulumi sdk/go/common/tokens, `ValidateProjectName`:
 * `IsName`, at most 100 characters): `pulumi preview` refuses any other name when it makes the
 * stack's reference. A template folder keeps `${PROJECT}`, which `pulumi new` substitutes.
 */
export function projectNameError(name: string): string | undefined {
  const template = /\$\{(PROJECT|DESCRIPTION)\}/.test(name)
    ? "; this is a template's placeholder, which `pulumi new` replaces: create the project with " +
      "`pulumi new <this folder>`, or write the project's name in its place"
    : "";
  if (name.length > 100)
    return `project name "${name}": project names are limited to 100 characters`;
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
    return (
      `project name "${name}": project names may only contain alphanumerics, hyphens, ` +
      `underscores, and periods (\`pulumi preview\` stops on it)${template}`
    );
  }
  return undefined;
}

/** A JSON schema type name of a YAML value, as the CLI's schema errors name it. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (typeof v === "object") return "object";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** Loads and validates Pulumi.yaml in `dir`. */
export function loadProject(dir: string): Project {
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch (e) {
    throw new UsageError(`program directory ${dir} ${unusablePath(dir, e)}`);
  }
  if (!dirStat.isDirectory()) {
    throw new UsageError(
      `--program ${shownPath(dir)} is a file, not a directory: give the directory that holds ` +
        `the program's Pulumi.yaml` +
        (/^Pulumi\.ya?ml$/.test(path.basename(dir)) ? ` (${shownPath(path.dirname(dir))})` : ""),
    );
  }
  const file = ["Pulumi.yaml", "Pulumi.yml"]
    .map((f) => path.join(dir, f))
    .find((f) => fs.existsSync(f));
  if (!file) {
    throw new UsageError(
      `${dir} is not a Pulumi project: it has no Pulumi.yaml${notAProjectHint(dir)}`,
    );
  }
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
  const nameError = projectNameError(name);
  if (nameError) throw new UsageError(`${line("name")} ${nameError}`);
  if (doc.runtime === undefined || doc.runtime === null || doc.runtime === "") {
    throw new UsageError(`${at(input)} project is missing a 'runtime' attribute`);
  }
  const runtime = typeof doc.runtime === "string" ? doc.runtime : doc.runtime?.name;
  if (typeof runtime !== "string" || !runtime) {
    throw new UsageError(
      `${line("runtime")} 'runtime' must be a name (runtime: nodejs) or a mapping with a string ` +
        `'name' (runtime: { name: nodejs, options: {...} }), not ${kindOf(doc.runtime)}`,
    );
  }
  if (runtime !== "nodejs" && runtime !== "bun") {
    throw new UsageError(
      `${line("runtime")} runtime '${runtime}' is not supported; this check runs Node.js (TypeScript) programs`,
    );
  }
  // The CLI validates the rest of Pulumi.yaml against its project schema (pulumi/pulumi
  // sdk/go/common/workspace/project.go `ValidateProject`, schema project.json): a field of the
  // wrong type stops `pulumi preview` ("<field>: expected string, but got number"), so it is
  // refused here rather than silently ignored.
  for (const field of ["main", "stackConfigDir", "description"]) {
    const v = doc[field];
    if (v !== undefined && v !== null && typeof v !== "string") {
      throw new UsageError(
        `${line(field)} ${field}: expected string, but got ${jsonKind(v)} (write it as ${field}: <text>)`,
      );
    }
  }
  if (isPlainObject(doc.runtime)) {
    const options = doc.runtime.options;
    if (options !== undefined && options !== null && !isPlainObject(options)) {
      throw new UsageError(
        `${line("runtime", "options")} runtime.options: expected object, but got ${jsonKind(options)} ` +
          "(runtime: { name: nodejs, options: { typescript: true } })",
      );
    }
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
  const configLines: Record<string, number> = {};
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
      // The CLI's project schema (`simpleConfigType`): a type it does not know, such as `map`,
      // is refused with the project file, never later as a stack value of that type.
      for (const [where, type] of [
        [["config", key, "type"], t.type],
        [["config", key, "items", "type"], t.items?.type],
      ] as const) {
        if (type !== undefined && !CONFIG_TYPES.includes(type)) {
          throw new UsageError(
            `${line(...where)} project config '${key}': type ${JSON.stringify(type)} is not one of ${CONFIG_TYPES.join(", ")}`,
          );
        }
      }
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
    const valueLine = keyLine(input, ["config", key, t.value !== undefined ? "value" : "default"]);
    if (valueLine) configLines[key] = valueLine;
  }
  const main = typeof doc.main === "string" ? doc.main : undefined;
  // Bun takes no runtime options ("No additional runtime options are available for the Bun
  // runtime": https://www.pulumi.com/docs/iac/languages-sdks/javascript/); on Node.js the
  // program is compiled as the nodejs runtime compiles TypeScript.
  const options =
    isPlainObject(doc.runtime) && runtime === "nodejs" ? doc.runtime.options : undefined;
  return {
    dir,
    file,
    name,
    main,
    runtime,
    runtimeOptions: isPlainObject(options) ? options : {},
    entry: checkMain(
      dir,
      main,
      shownPath(file),
      isPlainObject(options) ? options.tsconfig : undefined,
    ),
    // Joined to the project's directory even when absolute, as the CLI joins it (pulumi/pulumi
    // sdk/go/common/workspace/paths.go `DetectProjectStackPath`: filepath.Join(dir of
    // Pulumi.yaml, StackConfigDir, file)): `stackConfigDir: /etc` is <project>/etc, never /etc.
    stackConfigDir: path.join(dir, stackConfigDir ?? "."),
    config,
    configLines,
  };
}

/**
 * What the report says of a program whose Pulumi.yaml names the Bun runtime (Pulumi 3.227 and
 * later run it with Bun, which compiles TypeScript itself). The check has no Bun: it runs the
 * same language host (`cmd/run`, which both runtimes load) on Node.js, and says where Bun differs.
 */
export function runtimeNote(project: Project): string | undefined {
  if (project.runtime !== "bun") return undefined;
  return (
    "Pulumi.yaml names the Bun runtime: `pulumi preview` runs the program with Bun, the check " +
    "runs it on Node.js with the same language host. Bun does not support function " +
    "serialization (aws.lambda.CallbackFunction, bucket.onObjectCreated …) or dynamic providers " +
    '(Pulumi docs, "TypeScript (Node.js)", Bun runtime): a program that uses them runs here ' +
    "but not under Bun"
  );
}
