// The CLI's rules for config keys and values shared by the project file and the stack files:
// namespaces, full keys, declared types and their validation.
export interface ConfigItemsType {
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

/** `config` keys without a namespace, or with the project's, belong to the project. */
export function namespacedByProject(project: string, key: string): boolean {
  return !key.includes(":") || key.startsWith(`${project}:`);
}

export function fullKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

export function typeName(t: ProjectConfigType | ConfigItemsType): string {
  return t.items ? `array<${typeName(t.items)}>` : (t.type ?? "string");
}

/** The CLI's `ValidateConfigValue`: string, integer, boolean, object, and arrays of those. */
export function validValue(
  type: string,
  items: ConfigItemsType | undefined,
  value: unknown,
): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      if (typeof value === "number") return Number.isInteger(value);
      return typeof value === "string" && /^[+-]?\d+$/.test(value.trim());
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "object":
      // A mapping, whatever its keys and values (no schema of its members is declared).
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return (
        Array.isArray(value) &&
        !!items &&
        value.every((v) => validValue(items.type, items.items, v))
      );
  }
}
