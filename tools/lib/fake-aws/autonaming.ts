// How a stack's `pulumi:autonaming` config names the AWS resources a program leaves unnamed
// (https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming-configuration): a `mode`
// (`default`: the provider's own `<name>-<7 hex>`; `verbatim`: the logical name as it is;
// `disabled`: no name at all) or a `pattern` (`${name}`, `${hex(n)}`, `${alphanum(n)}`,
// `${string(n)}`, `${num(n)}`, `${uuid}`, `${organization}`, `${project}`, `${stack}`),
// optionally with `enforce: true`, for every provider, for one
// (`providers.aws`) or for one resource type (`providers.aws.resources`), the narrowest given
// winning. Anything but the default is a name the engine proposes (pulumi/pulumi#16188), which
// the bridge takes as pulumi/pulumi-terraform-bridge pkg/tfbridge/info/autonaming.go
// `ComputeAutoNameDefault` does:
// - propose (a pattern, verbatim): the proposed name, transformed as the type's auto-name is
//   (lower case for a bucket), refused past the type's maximum length with "calculated name '<n>'
//   exceeds maximum length of <max>"; the provider's own validators then judge it;
// - enforce (`enforce: true`): exactly the proposed name; only the validators judge it;
// - disabled: refused with "automatic naming is disabled but no explicit name was provided".
// The default keeps the bridge's "plus 7 random chars is longer than maximum length" refusal.
import { chars, hex, LOWER } from "./hash";

/** How a resource type is auto-named under the stack's config. */
export type Autonaming =
  | { readonly mode: "default" | "disabled" }
  | { readonly mode: "propose" | "enforce"; readonly pattern: string }
  /** A config value the check cannot read: the engine's, neither made nor refused here. */
  | { readonly mode: "unreadable" };

/** What a pattern's non-random tokens read. */
export interface PatternContext {
  readonly project: string;
  readonly stack: string;
  /** A stack without a Pulumi Cloud organization (a local backend) is in `organization`. */
  readonly organization?: string;
}

/** Each AWS resource type's autonaming under one stack's config (see `autonamingOf`). */
export type AutonamingByType = (type: string) => Autonaming;

const DEFAULT: Autonaming = { mode: "default" };

/** The naming one level of the config gives (a bare string is a mode); undefined when silent. */
function levelOf(level: unknown): Autonaming | undefined {
  const o = (typeof level === "string" ? { mode: level } : level) as Record<string, unknown>;
  if (!o || typeof o !== "object") return undefined;
  const how = o.enforce === true ? "enforce" : "propose";
  if (typeof o.pattern === "string") return { mode: how, pattern: o.pattern };
  if (o.mode === "verbatim") return { mode: how, pattern: "${name}" };
  if (o.mode === "disabled") return { mode: "disabled" };
  if (o.mode === "default") return DEFAULT;
  if (o.mode !== undefined) return { mode: "unreadable" };
  return undefined;
}

/**
 * The autonaming of each AWS resource type under the stack's `pulumi:autonaming` value (its JSON
 * text, as config values are held); undefined without one.
 */
export function autonamingOf(value: string | undefined): AutonamingByType | undefined {
  if (value === undefined) return undefined;
  let config: Record<string, any>;
  try {
    config = JSON.parse(value);
  } catch {
    return () => ({ mode: "unreadable" });
  }
  if (!config || typeof config !== "object") return () => ({ mode: "unreadable" });
  const aws = config.providers?.aws as Record<string, any> | undefined;
  return (type) => levelOf(aws?.resources?.[type]) ?? levelOf(aws) ?? levelOf(config) ?? DEFAULT;
}

const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const RANDOM: Record<string, string> = { alphanum: ALNUM, string: LOWER, num: "0123456789" };

/** The project and stack a resource URN (`urn:pulumi:<stack>::<project>::…`) names. */
export function urnContext(urn: string): PatternContext {
  const [head, project = ""] = urn.split("::");
  return { stack: head.replace(/^urn:pulumi:/, ""), project };
}

/**
 * A pattern with its tokens filled in: the random ones from `seed` (fixed, so each phase proposes
 * the same name), the others from the stack. A token the engine does not know is left as written.
 */
export function expandPattern(
  pattern: string,
  name: string,
  seed: string,
  ctx: PatternContext,
): string {
  let i = 0;
  return pattern.replace(/\$\{([^}]*)\}/g, (whole, token: string) => {
    const s = `${seed}#${i++}`;
    if (token === "name") return name;
    if (token === "project") return ctx.project;
    if (token === "stack") return ctx.stack;
    if (token === "organization") return ctx.organization ?? "organization";
    if (token === "uuid") {
      const h = hex(s, 32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
    }
    const random = /^(hex|alphanum|string|num)\((\d+)\)$/.exec(token);
    if (!random) return whole;
    const n = Number(random[2]);
    return random[1] === "hex" ? hex(s, n) : chars(s, n, RANDOM[random[1]]);
  });
}
