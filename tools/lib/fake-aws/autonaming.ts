// How a stack's `pulumi:autonaming` config names the AWS resources a program leaves unnamed
// (https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming-configuration): a `mode`
// (`default`, `verbatim`: the logical name as it is, `disabled`) or a `pattern`, for every
// provider, for one (`providers.aws`) or for one resource type (`providers.aws.resources`), the
// narrowest given winning. With anything but the default, the engine proposes the name and the
// provider takes it (pulumi/pulumi#16188): the bridge's own `<name>-<7 hex>` is not made, and its
// "plus 7 random chars is longer than maximum length" refusal does not happen.

/** How a resource type is auto-named: as the bridge does, or as the stack's config says. */
export type AutonamingMode = "default" | "verbatim" | "configured";

type Level = Record<string, unknown> | string | undefined;

/** The mode one level of the config gives (a bare string is a mode); undefined when it is silent. */
function modeOf(level: Level): AutonamingMode | undefined {
  const o = typeof level === "string" ? { mode: level } : level;
  if (!o || typeof o !== "object") return undefined;
  if (o.mode === "verbatim") return "verbatim";
  if (o.mode === "default") return o.pattern === undefined ? "default" : "configured";
  if (o.mode !== undefined || o.pattern !== undefined) return "configured";
  return undefined;
}

/**
 * The autonaming of each AWS resource type under the stack's `pulumi:autonaming` value (its JSON
 * text, as config values are held); undefined without one. A value that cannot be read is taken
 * as configured: the name is then the engine's, which the check does not guess.
 */
export function autonamingOf(
  value: string | undefined,
): ((type: string) => AutonamingMode) | undefined {
  if (value === undefined) return undefined;
  let config: Record<string, any>;
  try {
    config = JSON.parse(value);
  } catch {
    return () => "configured";
  }
  if (!config || typeof config !== "object") return () => "configured";
  const aws = config.providers?.aws as Record<string, any> | undefined;
  return (type) => modeOf(aws?.resources?.[type]) ?? modeOf(aws) ?? modeOf(config) ?? "default";
}
