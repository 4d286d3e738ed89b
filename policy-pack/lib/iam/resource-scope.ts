// Whether an IAM `Resource` (or `NotResource`) entry names every resource of a type, or any
// resource an action acts on: ARN globs against the ARN formats of the Service Authorization
// Reference (./arn-globs), over the data set ./actions.ts preloads.
import { ActionInfo, arnMatchersOf, ArnMatcher } from "./actions";
import { globCovers, globElements, globsIntersect } from "./arn-globs";
import { hasWildcard } from "../policy-elements";

/** A preloaded service's ARN formats, undefined when unknown or not preloaded. */
function dataOf(service: string): { arnMatchers: readonly ArnMatcher[] } | undefined {
  const arnMatchers = arnMatchersOf(service);
  return arnMatchers ? { arnMatchers } : undefined;
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
    if (!service || arnMatchersOf(service) !== undefined) {
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
  const data = dataOf(info.service);
  if (!data) return sameService;
  const glob = globElements(resource);
  const types = authorizedTypes(info);
  const applies = data.arnMatchers.filter(
    (matcher) => types.has(matcher.type) && globsIntersect(glob, matcher.elements),
  );
  if (applies.length > 0) return true;
  if (info.targetsOnly) return false;
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
  const data = dataOf(info.service);
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
 * ({@link globCovers}) the ARN format of each resource type the action is authorized on, in every
 * region and account ({@link everyPlace}), so `NotResource: "arn:aws:iam::*:role/*"` lets `iam:PassRole`
 * (resource type `role` only) act on nothing. `"*"` leaves out everything; an action with no
 * resource type, or one whose format the data set lacks, is never left out. The action's service
 * must be preloaded.
 */
export function excludesEveryTarget(entry: string, info: ActionInfo): boolean {
  if (entry === "*") return true;
  const data = dataOf(info.service);
  const types = authorizedTypes(info);
  if (!data || types.size === 0) return false;
  const spanned = spanRemainingSegments(entry);
  if (!everyPlace(spanned, info.service === "iam")) return false;
  const glob = globElements(spanned);
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

/**
 * Resource types every id of which starts with a fixed text, by the ARN format's service and type
 * prefix: a wildcard after that text names every resource of the type, as `instance/*` does. EC2
 * instance ids are `i-` and 8 or 17 hex digits (Amazon EC2 API Reference, Instance: "InstanceId ...
 * i-1234567890abcdef0"; EC2 User Guide, "Resource IDs"); the ids of the nodes of a hybrid
 * environment that Systems Manager manages are `mi-` and 17 (Systems Manager User Guide, "Managing
 * nodes in hybrid and multicloud environments": "mi-" prefixed managed node IDs). So
 * `arn:aws:ec2:*:*:instance/i-*` with ssm:SendCommand sends to every instance.
 */
const ID_PREFIXES: ReadonlyMap<string, string> = new Map([
  ["ec2 instance/", "i-"],
  ["ssm managed-instance/", "mi-"],
]);

/**
 * Whether an ARN's resource part is a type's literal prefix followed by runs only (`role/*`), or by
 * the fixed start of every id of the type and runs only (`instance/i-*`, {@link ID_PREFIXES}).
 */
function afterTypePrefix(rest: string, matcher: ArnMatcher): boolean {
  if (matcher.typePrefix === "" || !rest.startsWith(matcher.typePrefix)) return false;
  const id = rest.slice(matcher.typePrefix.length);
  if (/^\*[*/:]*$/.test(id)) return true;
  const idPrefix = ID_PREFIXES.get(`${matcher.arnService} ${matcher.typePrefix}`);
  return !!idPrefix && id.startsWith(idPrefix) && /^\*[*/:]*$/.test(id.slice(idPrefix.length));
}

function computeUnscoped(entry: string): boolean {
  if (WILDCARD_ONLY.test(entry)) return true;
  const resource = spanRemainingSegments(entry);
  const m = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/.exec(resource);
  if (!m) return false; // not an ARN: AWS rejects it; nothing to widen
  const [, , service, , , rest] = m;
  if (WILDCARD_ONLY.test(rest) || hasWildcard(service)) return true;
  const data = dataOf(service);
  if (!data) return false;
  // A type's prefix followed by runs only (`role/*/*`: every role under any path but `/`) is
  // counted as unscoped, though it leaves out the names at the default path; a `?` (`role/?`) is
  // left to `globCovers`.
  if (data.arnMatchers.some((matcher) => afterTypePrefix(rest, matcher))) return true;
  const glob = globElements(resource);
  return data.arnMatchers.some((matcher) => globCovers(glob, matcher.elements));
}

/**
 * Whether a `NotResource` entry's region and account segments leave out every region and account:
 * each is empty (the format has none there, as IAM and S3 ARNs) or wildcards only; its partition is
 * `aws` or wildcards only. An entry of one region or one account leaves the others' resources to
 * the action (`NotResource: "arn:aws:kms:us-east-1:*:key/*"` with `kms:Decrypt` decrypts with
 * every key of every other region; `sts:AssumeRole` and KMS act across accounts), and an entry of
 * another partition leaves out nothing a principal of the `aws` partition reaches. IAM's own
 * actions (`sameAccount`) act only in the caller's account (a role passed with `iam:PassRole` is
 * one of its own), so there an entry of one account is enough.
 */
function everyPlace(spanned: string, sameAccount: boolean): boolean {
  const m = /^arn:([^:]*):[^:]*:([^:]*):([^:]*):/.exec(spanned);
  if (!m) return false;
  const wild = (segment: string) => /^\*+$/.test(segment);
  const everywhere = (segment: string) => segment === "" || wild(segment);
  return (m[1] === "aws" || wild(m[1])) && everywhere(m[2]) && (sameAccount || everywhere(m[3]));
}
