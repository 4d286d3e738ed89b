// Reads a Pulumi project's stack config the way the CLI does: the stack file's `config:` over the
// project file's declared defaults, keys without a namespace belonging to the project.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

export interface ProjectFile {
  readonly name: string;
  /** Program entry, relative to the project directory (Pulumi.yaml `main`, default "."). */
  readonly main: string;
  readonly config: Record<string, { type?: string; default?: unknown; secret?: boolean }>;
}

export interface StackFile {
  readonly stack: string;
  readonly file: string;
  /** Full keys (`project:key`, `aws:region`) → values (strings, numbers, booleans, lists, objects). */
  readonly config: Record<string, unknown>;
  /** Keys whose value is a `secure:` ciphertext (offline runs see a placeholder). */
  readonly secureKeys: string[];
}

/** A problem with a project or stack file, naming the file. */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

function readYaml(file: string): any {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new StackFileError(`${file}: cannot be read`);
  }
  try {
    return yaml.load(text) ?? {};
  } catch (e) {
    throw new StackFileError(`${file}: is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
}

export function readProject(dir: string): ProjectFile {
  const file = ["Pulumi.yaml", "Pulumi.yml"]
    .map((f) => path.join(dir, f))
    .find((f) => fs.existsSync(f));
  if (!file)
    throw new StackFileError(
      `${path.join(dir, "Pulumi.yaml")}: not found; is ${dir} a Pulumi project?`,
    );
  const doc = readYaml(file);
  if (typeof doc.name !== "string" || !doc.name)
    throw new StackFileError(`${file}: has no project "name"`);
  const config: ProjectFile["config"] = {};
  for (const [k, v] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) {
    config[k] = v && typeof v === "object" && !Array.isArray(v) ? (v as any) : { default: v };
  }
  return { name: doc.name, main: typeof doc.main === "string" ? doc.main : ".", config };
}

/** Stack names that have a `Pulumi.<stack>.yaml` next to the project file. */
export function listStacks(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();
}

function fullKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

/** The effective config of one stack, with project defaults applied. */
export function readStack(dir: string, stack: string): StackFile {
  const project = readProject(dir);
  const file = ["yaml", "yml"]
    .map((e) => path.join(dir, `Pulumi.${stack}.${e}`))
    .find((f) => fs.existsSync(f));
  if (!file) {
    const known = listStacks(dir);
    throw new StackFileError(
      `${path.join(dir, `Pulumi.${stack}.yaml`)}: not found; stacks here: ${known.length ? known.join(", ") : "none"}`,
    );
  }
  const doc = readYaml(file);
  const config: Record<string, unknown> = {};
  const secureKeys: string[] = [];
  for (const [k, spec] of Object.entries(project.config)) {
    if (spec.default !== undefined) config[fullKey(project.name, k)] = spec.default;
  }
  for (const [k, v] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) {
    const key = fullKey(project.name, k);
    if (v && typeof v === "object" && !Array.isArray(v) && "secure" in (v as object)) {
      secureKeys.push(key);
      config[key] = "offline-placeholder-secret";
    } else config[key] = v;
  }
  return { stack, file, config, secureKeys };
}
