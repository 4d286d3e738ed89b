// Views of @pulumi/aws-native resources as their classic twins (./twins.ts), for the rules that list
// a native type. A view reads the native properties lazily, through the engine's preview proxy, so a
// value unknown at preview throws when the rule reads it, exactly as the classic property would
// (never a pass, never a crash). CloudFormation tags (`[{ key, value }]`) read as a classic tag map,
// so `waiver:<policy>` tags and tier tags work on native resources too.
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { Twin, TWINS } from "./twins";
import { classicProps } from "./classic-props";

/** The native type a view was made from, by the view (resource views and resource-policy args). */
const nativeTypes = new WeakMap<object, string>();

/** The aws-native type token a rule sees through a classic view, if `r` is one. */
export function nativeTypeOf(r: object): string | undefined {
  return nativeTypes.get(r);
}

/** Whether any of `types` is a native type with a twin. */
export function listsNative(types: readonly string[]): boolean {
  return types.some((t) => TWINS.has(t));
}

/**
 * The resources of `types` in a stack whose native resources are views (`classicResources`): a
 * classic type's resources, native views included, and for a native type whose twin's type is not
 * listed (a backup vault, seen as its vault policy), the views made from that native type.
 */
export function ofTypes(
  index: { ofType(...types: string[]): PolicyResource[] },
  types: readonly string[],
): PolicyResource[] {
  const out = index.ofType(...types.filter((t) => !TWINS.has(t)));
  for (const t of types) {
    const classic = TWINS.get(t)?.classic;
    if (classic === undefined || types.includes(classic)) continue;
    out.push(...index.ofType(classic).filter((r) => nativeTypes.get(r) === t));
  }
  return out;
}

/** A classic property named in a finding: a whole identifier or dotted path, not part of one. */
const wordings = new Map<string, [RegExp, string][]>();

/** The native word for each classic one: ./twins.ts `says`, then its camelCase renames. */
function pairsOf(twin: Twin | undefined): Map<string, string> {
  const pairs = new Map<string, string>(Object.entries(twin?.says ?? {}));
  for (const [classic, native] of Object.entries(twin?.rename ?? {})) {
    if (/[A-Z]/.test(classic) && !pairs.has(classic)) pairs.set(classic, native);
  }
  return pairs;
}

/** Regular expressions for word pairs, longer phrases first (a dotted path wins over a key in it). */
function compile(pairs: Map<string, string>): [RegExp, string][] {
  return [...pairs]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([classic, native]) => {
      const quoted = classic.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return [new RegExp(`(?<![\\w.\\[])${quoted}(?![\\w])`, "g"), native];
    });
}

/** The wording pairs of a native type (cached). */
function wordingOf(nativeType: string): [RegExp, string][] {
  let out = wordings.get(nativeType);
  if (!out) wordings.set(nativeType, (out = compile(pairsOf(TWINS.get(nativeType)))));
  return out;
}

/**
 * The classic properties a resource's program wrote in an older SDK's spelling (a derived
 * property's `legacy`, ./spelling.ts), each with that spelling (`targetGroupARNs` on 0.67.0), and
 * the paths through them that `says` names (`serverSideEncryption.kmsKeyArn` as
 * `sSESpecification.kMSMasterKeyId`), each field in the older spelling (`legacyFields`).
 */
function legacySpellings(twin: Twin | undefined, props: object | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (twin === undefined || props === undefined || props === null) return out;
  const wrote = (k: string) => Reflect.getOwnPropertyDescriptor(props, k)?.value !== undefined;
  for (const [classic, d] of Object.entries(twin.derive ?? {})) {
    if (d.legacy === undefined || wrote(d.from) || !wrote(d.legacy)) continue;
    out.set(classic, d.legacy);
    const older: Record<string, string> = { [d.from]: d.legacy, ...d.legacyFields };
    for (const [phrase, native] of Object.entries(twin.says ?? {})) {
      if (!phrase.startsWith(`${classic}.`)) continue;
      out.set(
        phrase,
        native.replace(/[A-Za-z]\w*/g, (w) => older[w] ?? w),
      );
    }
  }
  return out;
}

/**
 * A finding's text as the user of an aws-native resource reads it: the classic properties a rule
 * names (`assumeRolePolicy`, `associatePublicIpAddress`) as the native ones the program sets
 * (`assumeRolePolicyDocument`, `networkInterfaces[].associatePublicIpAddress`), in the spelling
 * its SDK gave them when `props` (the native resource's) show an older one. Other text as is.
 */
export function nativeWording(nativeType: string, message: string, props?: object): string {
  const twin = TWINS.get(nativeType);
  const legacy = legacySpellings(twin, props);
  let rules = wordingOf(nativeType);
  if (legacy.size > 0) rules = compile(new Map([...pairsOf(twin), ...legacy]));
  let out = message;
  for (const [re, native] of rules) out = out.replace(re, native);
  return out;
}

/** The native props a view was made from, by the view (for `nativeWording`). */
export function nativePropsOf(r: object): object | undefined {
  return nativeProps.get(r);
}
const nativeProps = new WeakMap<object, object>();

/** The native properties a classic property is read from (for property dependencies). */
function sourcesOf(twin: Twin): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const [c, from] of Object.entries(twin.rename ?? {})) out.set(c, [from]);
  for (const [c, d] of Object.entries(twin.derive ?? {})) out.set(c, [d.deps ?? d.from].flat());
  return out;
}

/**
 * Resource-policy args for a native resource, as the twin's rule reads them (`nativeTypeOf` gives
 * the native type back, for what only the native type has); others unchanged.
 */
export function classicArgs(args: ResourceValidationArgs): ResourceValidationArgs {
  const twin = TWINS.get(args.type);
  if (!twin) return args;
  const view = { ...args, type: twin.classic, props: classicProps(twin, args.props) };
  nativeTypes.set(view, args.type);
  return view;
}

/**
 * The stack's resources with every native resource that has a twin replaced by its classic view
 * (same URN and name), and every parent, dependency and property dependency pointing at a view
 * where it pointed at a native resource, so references resolve by the twin types. Returns the
 * array itself when the stack has no such resource.
 */
export function classicResources(resources: readonly PolicyResource[]): PolicyResource[] {
  if (!resources.some((r) => TWINS.has(r.type))) return resources as PolicyResource[];
  const views = new Map<string, PolicyResource>(); // by URN
  const out: PolicyResource[] = resources.map((r) => {
    const twin = TWINS.get(r.type);
    if (!twin) return r;
    const view = { ...r, type: twin.classic, props: classicProps(twin, r.props) };
    nativeTypes.set(view, r.type);
    nativeProps.set(view, r.props);
    views.set(r.urn, view);
    return view;
  });
  const swap = (d: PolicyResource) => views.get(d.urn) ?? d;
  for (let i = 0; i < out.length; i++) {
    const r = out[i];
    const twin = TWINS.get(resources[i].type);
    const pd = r.propertyDependencies ?? {};
    const touches =
      twin !== undefined ||
      (r.parent !== undefined && views.has(r.parent.urn)) ||
      Object.values(pd).some((ds) => ds.some((d) => views.has(d.urn)));
    if (!touches) continue;
    const deps: Record<string, PolicyResource[]> = {};
    for (const [prop, ds] of Object.entries(pd)) deps[prop] = ds.map(swap);
    if (twin) {
      for (const [c, from] of sourcesOf(twin)) {
        if (from.some((f) => pd[f])) deps[c] = from.flatMap((f) => deps[f] ?? []);
      }
    }
    const links = {
      parent: r.parent === undefined ? undefined : swap(r.parent),
      dependencies: (r.dependencies ?? []).map(swap),
      propertyDependencies: deps,
    };
    // A view is this module's own object: linked in place, so every reference to it sees the links.
    if (twin) Object.assign(r, links);
    else out[i] = { ...r, ...links };
  }
  return out;
}
