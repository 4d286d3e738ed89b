// Names and tags, spelled one way for every component: the stack's name prefix and the standard
// `${name}-<role>` Name tag over the caller's tags. Pure (no SDK): the config reader uses it too.
import { createHash } from "node:crypto";

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

/**
 * The characters every service takes in a tag key or value: Unicode letters, digits and spaces,
 * and `_ . : / = + - @`. IAM (API Reference, Tag: value pattern `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`, at
 * most 256 characters) and CodeBuild (https://docs.aws.amazon.com/codebuild/latest/APIReference/API_Tag.html:
 * the same pattern, values at most 255 characters, keys 127) refuse the request otherwise; S3 answers `InvalidTag: The TagValue you have provided is invalid` (e.g. for
 * parentheses: alphagov/govuk-infrastructure#1175). No comma, semicolon, apostrophe or asterisk.
 */
const TAG_VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** The longest tag value every service takes (CodeBuild's limit, the lowest). */
export const TAG_VALUE_MAX_LENGTH = 255;

/** Why `value` cannot be a tag value on every service, or undefined when it can. */
export function tagValueProblem(value: string): string | undefined {
  if (value.length > TAG_VALUE_MAX_LENGTH) {
    return `is ${value.length} characters, more than the ${TAG_VALUE_MAX_LENGTH} a tag value may have`;
  }
  const bad = [...new Set([...value].filter((c) => !TAG_VALUE_PATTERN.test(c)))];
  if (bad.length > 0) {
    return `contains ${bad.map((c) => JSON.stringify(c)).join(" ")}, which tag values may not (letters, digits, spaces and _ . : / = + - @ only)`;
  }
  return undefined;
}

/**
 * What a security group's or a security group rule's description may hold (EC2 API Reference,
 * CreateSecurityGroup `Description` and IpRange/UserIdGroupPair `Description`): up to 255 of
 * a-z, A-Z, 0-9, spaces and `._-:/()#,@[]+=&;{}!$*`. No apostrophe: EC2 refuses the request.
 */
export const SECURITY_GROUP_DESCRIPTION_PATTERN = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{0,255}$/;

/** How the composition root names a layer's component, and the alias that keeps its resources. */
export interface LayerNaming {
  /** `<prefix>-<layer>`. */
  readonly named: (layer: string) => string;
  /** No options when the prefix is the environment; else an alias to `<environment>-<layer>`. */
  readonly renamed: (layer: string) => { aliases?: { name: string }[] };
}

/**
 * Layers are named `<stack prefix>-<layer>`, so two stacks in one account never spell the same
 * account-unique name (log groups, key aliases: docs/first-deploy.md). The committed stacks are
 * named after their environment, so their names and URNs stay `<environment>-<layer>`; a stack
 * named otherwise keeps its resources through an alias to its former environment-based name
 * (children, named after their component, inherit it).
 */
export function layerNaming(prefix: string, environment: string): LayerNaming {
  return {
    named: (layer) => `${prefix}-${layer}`,
    renamed: (layer) =>
      prefix === environment ? {} : { aliases: [{ name: `${environment}-${layer}` }] },
  };
}

/** `<project>-<stack>` in the characters AWS resource names accept (lowercase, digits, hyphens). */
export function projectStackName(project: string, stack: string): string {
  return `${project}-${stack}`.toLowerCase().replace(/[^a-z0-9-]/g, "-");
}

/**
 * What Pulumi appends to a logical name to auto-name a resource: a hyphen and 7 random
 * characters. The provider refuses an auto-name over the type's limit before anything is created
 * (pulumi/pulumi-cdk#62: `"name" cannot be longer than 32 characters: "<logical name>-403d9b7"`).
 */
export const AUTONAME_SUFFIX_LENGTH = 8;

/**
 * `name` itself when it has at most `maxLength` characters (so the names that fit never change),
 * else its start, cut at a hyphen-free end, and 6 hex characters of its SHA-256, so two long names
 * that share their start still differ. For names the program spells in full (a backup vault's,
 * a selection's); `name` is in the characters of `projectStackName`.
 */
export function nameWithin(name: string, maxLength: number): string {
  if (name.length <= maxLength) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 6);
  const head = name.slice(0, maxLength - hash.length - 1).replace(/-+$/, "");
  return `${head}-${hash}`;
}

/**
 * A logical name whose auto-name fits `maxLength` characters: `logicalName` itself when
 * `<logicalName>-<7 random>` fits (so the names and URNs of the stacks that fit never change),
 * else shortened as `nameWithin` does to leave room for the random suffix.
 */
export function logicalNameWithin(logicalName: string, maxLength: number): string {
  return nameWithin(logicalName, maxLength - AUTONAME_SUFFIX_LENGTH);
}
