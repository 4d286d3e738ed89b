// What every component looks up or spells the same way: the account it deploys into, the
// standard `${name}-<role>` Name tag over the caller's tags, and the stack-scoped key alias.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** A tags builder: the caller's tags, then `extra`, then `Name: <component>-<role>`. */
export type TagsOf = (role: string, extra?: Record<string, string>) => Record<string, string>;

/** The tags builder of component `name` over its `args.tags`. */
export function tagsOf(name: string, base: Record<string, string>): TagsOf {
  return (role, extra = {}) => ({ ...base, ...extra, Name: `${name}-${role}` });
}

/** The account a component deploys into, looked up as the component (`{ parent }`). */
export interface AccountContext {
  readonly accountId: pulumi.Output<string>;
  readonly partition: pulumi.Output<string>;
  /** The account principal, `arn:<partition>:iam::<account>:root`. */
  readonly accountRoot: pulumi.Output<string>;
}

export function accountContext(opts: pulumi.InvokeOptions): AccountContext {
  const accountId = aws.getCallerIdentityOutput({}, opts).accountId;
  const partition = aws.getPartitionOutput({}, opts).partition;
  return {
    accountId,
    partition,
    accountRoot: pulumi.interpolate`arn:${partition}:iam::${accountId}:root`,
  };
}

/** The alias of a component's key: unique per project, stack and component. */
export function keyAliasName(name: string): string {
  return `alias/${pulumi.getProject()}/${pulumi.getStack()}/${name}`;
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
