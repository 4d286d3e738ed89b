// The waiver report. The engine has no "waived" diagnostic, so two stack policies keep the
// exception mechanism (../../lib/waivers.ts) visible in `pulumi preview` itself, not only offline:
//
// - `policy-waivers` (advisory) lists every waiver in use: each `waiver:<policy>` tag with a valid
//   reason (resource, policy, reason), and each waiver in a policy's `waivers` config that withheld
//   a finding, each with the findings it withheld in this evaluation (../../lib/waiver-report.ts: the
//   offline check reads its waived findings back from these messages).
// - `policy-waiver-valid` (mandatory) rejects a waiver tag that would quietly do nothing: one that
//   names no policy of this pack (a typo leaves the finding in place and the author believing it
//   is waived) or whose reason is shorter than the minimum.
// Neither can be waived by tag (a waiver must not hide or validate itself).
//
// Policy names are read from `policyCatalog` when the check runs (not when this module loads), so
// every policy of the pack is known whatever the import order of ../index.ts.
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { policyCatalog, stackPolicy, withheldFindings, WithheldFinding } from "../../lib/define";
import { waiverListing } from "../../lib/waiver-report";
import { MIN_REASON, WAIVER_TAG_PREFIX } from "../../lib/waivers";

const WAIVERS = "policy-waivers";
const WAIVER_VALID = "policy-waiver-valid";
/** The two policies that keep waivers honest cannot themselves be waived by tag. */
const NOT_WAIVABLE = new Set([WAIVERS, WAIVER_VALID]);

/** A view of the resource without its tags, so that a waiver tag cannot waive the report. */
function untagged(r: PolicyResource): PolicyResource {
  return { ...r, props: {} } as PolicyResource;
}

/** Withheld findings grouped by `key`, in the order first seen. */
function groupBy(
  findings: readonly WithheldFinding[],
  key: (f: WithheldFinding) => string,
): Map<string, WithheldFinding[]> {
  const out = new Map<string, WithheldFinding[]>();
  for (const f of findings) {
    const k = key(f);
    const list = out.get(k);
    if (list) list.push(f);
    else out.set(k, [f]);
  }
  return out;
}

/**
 * The resource's waiver tags: policy → reason. Reading `tags` may throw an UnknownValueError at
 * preview; callers run this inside `ctx.each`, so an unknown tag becomes a preview note.
 */
function waiverTagsOf(r: PolicyResource): [string, unknown][] {
  const tags = r.props.tags;
  if (!tags || typeof tags !== "object") return [];
  // CloudFormation-shaped tags, as @pulumi/aws-native takes them: [{ key, value }].
  const entries: [unknown, unknown][] = Array.isArray(tags)
    ? tags.map((e: any) => [e?.key, e?.value])
    : Object.keys(tags).map((k) => [k, tags[k]]);
  const out: [string, unknown][] = [];
  for (const [key, value] of entries) {
    if (typeof key === "string" && key.startsWith(WAIVER_TAG_PREFIX))
      out.push([key.slice(WAIVER_TAG_PREFIX.length), value]);
  }
  return out;
}

function reasonOf(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

/** Edit distance, for "did you mean" hints on a misspelt policy name. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

function closestPolicy(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of policyCatalog.keys()) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(3, Math.floor(name.length / 4))
    ? best
    : undefined;
}

const policyWaivers = stackPolicy({
  name: WAIVERS,
  description:
    "Lists every waiver in use (resource, waived policy, written reason), so each exception to the " +
    "pack stays visible in every preview.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Nothing to fix by itself: review each listed waiver. Keep it only while the exception holds and " +
    "its reason is still true; remove the `waiver:<policy>` tag (or the entry in the policy's " +
    "`waivers` config) as soon as the resource can comply.",
  references: [],
  types: [],
  check: (ctx, args) => {
    const withheld = withheldFindings(args.stackTags);
    // Tag waivers by the resource carrying the tag, config waivers by the resource they name.
    const byTag = groupBy(
      withheld.filter((f) => f.waiver.via === "tag"),
      (f) => `${f.carrier ?? f.urn}\0${f.policy}`,
    );
    const byConfig = groupBy(
      withheld.filter((f) => f.waiver.via === "config"),
      (f) => `${f.urn}\0${f.policy}`,
    );
    const listed = new Set<string>();
    for (const r of args.resources) {
      ctx.each(r, () => {
        for (const [policy, value] of waiverTagsOf(r)) {
          const reason = reasonOf(value);
          if (
            !policyCatalog.has(policy) ||
            NOT_WAIVABLE.has(policy) ||
            reason.length < MIN_REASON
          ) {
            continue; // not a waiver: policy-waiver-valid reports it
          }
          const key = `${r.urn}\0${policy}`;
          listed.add(key);
          ctx.report(
            untagged(r),
            waiverListing({ policy, via: "tag", reason, withheld: byTag.get(key) ?? [] }),
          );
        }
      });
    }
    const byUrn = ctx.index.byUrn;
    // A finding withheld by a tag this view could not list (the carrier's tags unknown in its
    // outputs, or the carrier not in the stack): listed on its own, never dropped.
    for (const [key, findings] of byTag) {
      if (listed.has(key)) continue;
      const [first] = findings;
      const r = byUrn.get(first.carrier ?? first.urn) ?? byUrn.get(first.urn);
      if (!r) continue;
      ctx.report(
        untagged(r),
        waiverListing({
          policy: first.policy,
          via: "tag",
          reason: first.waiver.reason,
          withheld: findings,
        }),
      );
    }
    const configListings = [...byConfig.values()].sort(
      (a, b) => a[0].policy.localeCompare(b[0].policy) || a[0].urn.localeCompare(b[0].urn),
    );
    for (const findings of configListings) {
      const [first] = findings;
      const r = byUrn.get(first.urn);
      if (!r) continue;
      ctx.report(
        untagged(r),
        waiverListing({
          policy: first.policy,
          via: "config",
          reason: first.waiver.reason,
          withheld: findings,
        }),
      );
    }
  },
});

const policyWaiverValid = stackPolicy({
  name: WAIVER_VALID,
  description:
    "Every waiver tag names a policy of this pack and gives a written reason; a waiver that would " +
    "quietly do nothing is an error.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    `Spell the tag \`${WAIVER_TAG_PREFIX}<policy-name>\` with the exact name of a policy of this pack, and ` +
    `give as value a reason of at least ${MIN_REASON} characters (why the exception is needed, who ` +
    "accepted it, until when). Remove waiver tags that are no longer needed.",
  references: [],
  types: [],
  check: (ctx, args) => {
    for (const r of args.resources) {
      ctx.each(r, () => {
        const problems: string[] = [];
        for (const [policy, value] of waiverTagsOf(r)) {
          const tag = `${WAIVER_TAG_PREFIX}${policy}`;
          const reason = reasonOf(value);
          if (NOT_WAIVABLE.has(policy)) {
            problems.push(`tag '${tag}': this policy cannot be waived`);
          } else if (!policyCatalog.has(policy)) {
            const hint = closestPolicy(policy);
            problems.push(
              `tag '${tag}' names no policy of this pack, so it waives nothing` +
                (hint ? ` (did you mean '${WAIVER_TAG_PREFIX}${hint}'?)` : ""),
            );
          } else if (reason.length < MIN_REASON) {
            problems.push(
              `tag '${tag}' has ${reason.length ? `a ${reason.length}-character reason` : "no reason"}; ` +
                `a waiver needs a written reason of at least ${MIN_REASON} characters, so '${policy}' still applies`,
            );
          }
        }
        for (const p of problems) ctx.report(untagged(r), p);
      });
    }
  },
});

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  policyWaivers,
  policyWaiverValid,
];
