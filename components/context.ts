// What every component sets up the same way once `super()` has registered it: the options of its
// children, its tags builder, its protection, and the account it deploys into
// ({@link componentScope}); plus the stack-scoped key alias and the one error format of invalid
// arguments ({@link invalidArguments}).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { projectStackName, TagsOf, tagsOf } from "./naming";

export { stackResourcePrefix, tagsOf } from "./naming";
export type { TagsOf } from "./naming";

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

/** What {@link componentScope} reads from a component's arguments. */
export interface ScopeArgs {
  /** Protect data-bearing children (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

/** The preamble of a component's constructor, set up once. */
export interface ComponentScope {
  /** `{ parent: component }`: the options of a child. */
  readonly parent: { readonly parent: pulumi.Resource };
  /** Tags of a child: the caller's tags, extras, `Name: <component>-<role>`. */
  readonly tags: TagsOf;
  /** `args.protect ?? false`. */
  readonly protect: boolean;
  /** Options of a child holding data that must survive: protect and retainOnDelete when protected. */
  readonly dataOpts: pulumi.CustomResourceOptions;
  /** The account, looked up as the component on first use. */
  readonly account: AccountContext;
  /** `<project>-<stack>` in the characters AWS names accept. */
  readonly stackName: string;
}

/**
 * The preamble of component `name`: call right after `super(...)`. Every component spells its
 * children's options, tags, protection and account look-up the same way through it.
 */
export function componentScope(
  component: pulumi.ComponentResource,
  name: string,
  args: ScopeArgs,
): ComponentScope {
  const parent = { parent: component };
  const protect = args.protect ?? false;
  let account: AccountContext | undefined;
  return {
    parent,
    tags: tagsOf(name, args.tags),
    protect,
    dataOpts: protect ? { parent: component, protect: true, retainOnDelete: true } : parent,
    get account() {
      account ??= accountContext(parent);
      return account;
    },
    stackName: projectStackName(pulumi.getProject(), pulumi.getStack()),
  };
}

/** What the builder functions of one component share: its scope, its name, arguments and itself. */
export type Builder<A, X = unknown> = ComponentScope &
  X & {
    readonly name: string;
    readonly args: A;
    /** The component: the parent of what its builders create. */
    readonly self: pulumi.ComponentResource;
  };

/**
 * The preamble of a component whose constructor calls builder functions: its scope (see
 * {@link componentScope}, protected as `protect` says, by default as `args.protect`), its name and
 * arguments, and what `extra` adds from the scope (settings, names, the account...).
 */
export function builder<A extends ScopeArgs, X extends object>(
  component: pulumi.ComponentResource,
  name: string,
  args: A,
  extra: (scope: ComponentScope) => X,
  protect: boolean | undefined = args.protect,
): Builder<A, X> {
  const scope = componentScope(component, name, { tags: args.tags, protect });
  const b = {
    ...extra(scope),
    name,
    args,
    self: component,
    parent: scope.parent,
    tags: scope.tags,
    protect: scope.protect,
    dataOpts: scope.dataOpts,
    stackName: scope.stackName,
  };
  // The account stays a look-up made on first use.
  Object.defineProperty(b, "account", { get: () => scope.account, enumerable: true });
  return b as unknown as Builder<A, X>;
}

/** What a component validated before `super()` and deploys into one region. */
export interface RegionalScopeArgs extends ScopeArgs {
  readonly region: string;
}

/**
 * What the builders of a component with validated settings in one region share: the account,
 * the settings `s`, the region, and what the component adds (`X`).
 */
export type SettingsBuilder<A, S, X = unknown> = Builder<
  A,
  AccountContext & { readonly s: S; readonly region: string } & X
>;

/**
 * The {@link builder} of a component that validated its arguments into settings `s` before
 * `super()`: protected as `s.protect` says, with the account, `s` and `args.region` beside what
 * `extra` adds.
 */
export function settingsBuilder<
  A extends RegionalScopeArgs,
  S extends { readonly protect: boolean },
  X extends object,
>(
  component: pulumi.ComponentResource,
  name: string,
  args: A,
  s: S,
  extra: (scope: ComponentScope) => X,
): SettingsBuilder<A, S, X> {
  return builder(
    component,
    name,
    args,
    (scope) => ({ ...scope.account, s, region: args.region, ...extra(scope) }),
    s.protect,
  );
}

/**
 * Throws the one error of a component's invalid arguments, `<Type> <name>: invalid arguments:`
 * and a line per problem, when there is any. Components validate before `super()`, so invalid
 * arguments register nothing.
 */
export function invalidArguments(type: string, name: string, problems: readonly string[]): void {
  if (problems.length > 0) {
    throw new Error(`${type} ${name}: invalid arguments:\n  - ${problems.join("\n  - ")}`);
  }
}

/**
 * The alias of a component's key: unique per project, stack and component, in the characters an
 * alias name takes (KMS API, CreateAlias `AliasName`: letters, digits, /, _ and -), any other
 * character spelled "-".
 */
export function keyAliasName(name: string): string {
  return `alias/${pulumi.getProject()}/${pulumi.getStack()}/${name}`.replace(
    /[^A-Za-z0-9/_-]/g,
    "-",
  );
}
