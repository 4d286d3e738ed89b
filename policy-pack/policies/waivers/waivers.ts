// The waiver report. The engine has no "waived" diagnostic, so two stack policies keep the
// exception mechanism (../../lib/waivers.ts) visible in `pulumi preview` itself, not only offline:
//
// - `policy-waivers` (advisory) lists every waiver in use: each `waiver:<policy>` tag with a valid
//   reason (resource, policy, reason), and each finding a policy withheld because of a waiver in
//   its `waivers` config.
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
import {
  policyCatalog,
  stackPolicy,
  WaivedFinding,
  waivedFindingListeners,
} from "../../lib/define";
import { MIN_REASON, WAIVER_TAG_PREFIX } from "../../lib/waivers";

const WAIVERS = "policy-waivers";
const WAIVER_VALID = "policy-waiver-valid";
/** The two policies that keep waivers honest cannot themselves be waived by tag. */
const NOT_WAIVABLE = new Set([WAIVERS, WAIVER_VALID]);

/** A view of the resource without its tags, so that a waiver tag cannot waive the report. */
function untagged(r: PolicyResource): PolicyResource {
  return { ...r, props: {} } as PolicyResource;
}

/** Findings withheld through a policy's `waivers` config in the current evaluation. */
const configWaivers = new Map<string, WaivedFinding>();
waivedFindingListeners.add((f) => {
  if (f.waiver.via === "config") configWaivers.set(`${f.policy}\0${f.urn}`, f);
});

/**
 * The resource's waiver tags: policy → reason. Reading `tags` may throw an UnknownValueError at
 * preview; callers run this inside `ctx.each`, so an unknown tag becomes a preview note.
 */
function waiverTagsOf(r: PolicyResource): [string, unknown][] {
  const tags = r.props.tags;
  if (!tags || typeof tags !== "object") return [];
  const out: [string, unknown][] = [];
  for (const key of Object.keys(tags)) {
    if (key.startsWith(WAIVER_TAG_PREFIX))
      out.push([key.slice(WAIVER_TAG_PREFIX.length), tags[key]]);
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
    const present = new Set<string>();
    for (const r of args.resources) {
      present.add(r.urn);
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
          ctx.report(
            untagged(r),
            `waives '${policy}' (tag ${WAIVER_TAG_PREFIX}${policy}): ${reason}`,
          );
        }
      });
    }
    const byUrn = ctx.index.byUrn;
    for (const f of [...configWaivers.values()].sort((a, b) => a.policy.localeCompare(b.policy))) {
      const r = byUrn.get(f.urn);
      if (!r || !present.has(f.urn)) continue;
      ctx.report(
        untagged(r),
        `waives '${f.policy}' (policy config \`waivers\`): ${f.waiver.reason}`,
      );
    }
    configWaivers.clear(); // this evaluation is reported; the next one starts afresh
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
