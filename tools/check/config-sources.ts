// Where each value of a stack's effective config came from, as the CLI layers them: the stack
// file's `config:`, over it `--config` for the run, and under both the project's `default` or
// `value` in Pulumi.yaml for a key the stack leaves unset. Messages that trace a value back to
// config say which of the three to change.
import { fullKey } from "./config-values";
import { shownPath } from "./inputs";
import type { Project } from "./project";

export type ConfigSource =
  /** The stack file's `config:` (Pulumi.<stack>.yaml), at the key's line. */
  | { readonly from: "stack"; readonly file: string; readonly line?: number }
  /** Pulumi.yaml's `default` (a project key) or `value` (another namespace's key). */
  | {
      readonly from: "project";
      readonly file: string;
      readonly line?: number;
      readonly kind: "default" | "value";
    }
  /** `--config key=value` of this run. */
  | { readonly from: "--config" };

/** `Pulumi.dev.yaml:3`, `default in Pulumi.yaml:7`, `--config of this run`. */
export function sourceText(source: ConfigSource): string {
  if (source.from === "--config") return "--config of this run";
  const file = `${shownPath(source.file)}${source.line ? `:${source.line}` : ""}`;
  return source.from === "project" ? `${source.kind} in ${file}` : file;
}

/** Applies `--config` values (full or bare keys) to `values`; returns the full keys set. */
export function applyOverrides(
  project: Project,
  values: Record<string, unknown>,
  sources: Record<string, ConfigSource>,
  overrides: Readonly<Record<string, string>>,
): string[] {
  const set: string[] = [];
  for (const [key, v] of Object.entries(overrides)) {
    const k = fullKey(project.name, key);
    values[k] = v;
    sources[k] = { from: "--config" };
    set.push(k);
  }
  return set.sort();
}

/**
 * Sets project key `key` (full key `k`), which the stack leaves unset, to the project's `value`
 * or else its `default`, recording Pulumi.yaml as its source; a key of the project's namespace
 * with neither is required, and is added to `missing`.
 */
export function fillFromProject(
  project: Project,
  key: string,
  k: string,
  into: { values: Record<string, unknown>; sources: Record<string, ConfigSource> },
  missing: string[],
): void {
  const t = project.config[key];
  const kind = t.value !== undefined ? "value" : "default";
  const fallback = t.value !== undefined ? t.value : t.default;
  if (fallback !== undefined) {
    into.values[k] = fallback;
    into.sources[k] = {
      from: "project",
      file: project.file,
      line: project.configLines?.[key],
      kind,
    };
  } else if (k.startsWith(`${project.name}:`)) missing.push(key);
}
