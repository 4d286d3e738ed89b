// Names and tags, spelled one way for every component: the stack's name prefix and the standard
// `${name}-<role>` Name tag over the caller's tags. Pure (no SDK): the config reader uses it too.

/** A tags builder: the caller's tags, then `extra`, then `Name: <component>-<role>`. */
export type TagsOf = (role: string, extra?: Record<string, string>) => Record<string, string>;

/** The tags builder of component `name` over its `args.tags`. */
export function tagsOf(name: string, base: Readonly<Record<string, string>>): TagsOf {
  return (role, extra = {}) => ({ ...base, ...extra, Name: `${name}-${role}` });
}

/**
 * The prefix of a stack's component names: the stack's name in the characters every AWS name
 * accepts (lowercase letters, digits, hyphens), so the names the components derive from it (log
 * groups, key aliases, bucket auto-names) are valid and unique per stack.
 */
export function stackResourcePrefix(stack: string): string {
  const safe = stack
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  return safe || "stack";
}

/** `<project>-<stack>` in the characters AWS resource names accept (lowercase, digits, hyphens). */
export function projectStackName(project: string, stack: string): string {
  return `${project}-${stack}`.toLowerCase().replace(/[^a-z0-9-]/g, "-");
}
