// The pack's exception mechanism, in the spirit of cdk-nag's suppressions: a resource waives a named
// policy only with a written reason, and every waiver stays visible in every report.
//
// Two ways to write one:
// - a tag on the resource (or on the resource a policy names as its carrier, e.g. the route table
//   of an untaggable route): key `waiver:<policy-name>`, value the reason (AWS allows tag keys of
//   128 and values of 256 characters, with `:` permitted);
// - for resources that carry no tags, the policy's `waivers` config: `{ resource, reason }` where
//   `resource` is the logical name or the URN.
// A reason shorter than MIN_REASON characters is no waiver: the finding is reported as usual.

/** Tag key prefix for a waiver. */
export const WAIVER_TAG_PREFIX = "waiver:";
/** The shortest reason accepted; "ok" or "n/a" is not a reason. */
export const MIN_REASON = 10;

export interface WaiverSource {
  readonly resource: string;
  readonly reason: string;
}

export interface Waiver {
  readonly reason: string;
  /** Where the waiver was written: `tag` on a resource or the policy's `config`. */
  readonly via: "tag" | "config";
}

/**
 * Reads the `tags` map of a props object without tripping over unknown values. CloudFormation-shaped
 * tags (`[{ key, value }]`, as @pulumi/aws-native takes them) read as a map too.
 */
function tagsOf(props: any): Record<string, unknown> {
  try {
    const t = props?.tags;
    if (Array.isArray(t)) {
      const map: Record<string, unknown> = {};
      for (const e of t) if (typeof e?.key === "string") map[e.key] = e.value;
      return map;
    }
    return t && typeof t === "object" ? (t as Record<string, unknown>) : {};
  } catch {
    return {}; // tags unknown at preview: no waiver can be read from them
  }
}

/** A waiver found for a finding, and which of the props objects carried it (tag waivers). */
export interface FoundWaiver {
  readonly waiver: Waiver;
  /** Index into `propsList` of the props whose tag waived the finding; undefined for config. */
  readonly carrier?: number;
}

/** The waiver for `policy` on a resource, from its (or its carriers') tags or from config. */
export function findWaiver(
  policy: string,
  urn: string,
  name: string,
  propsList: readonly any[],
  configured: readonly WaiverSource[] | undefined,
): FoundWaiver | undefined {
  const key = WAIVER_TAG_PREFIX + policy;
  for (let i = 0; i < propsList.length; i++) {
    let reason: unknown;
    try {
      reason = tagsOf(propsList[i])[key];
    } catch {
      reason = undefined;
    }
    if (typeof reason === "string" && reason.trim().length >= MIN_REASON) {
      return { waiver: { reason: reason.trim(), via: "tag" }, carrier: i };
    }
  }
  for (const w of configured ?? []) {
    if ((w.resource === name || w.resource === urn) && w.reason?.trim().length >= MIN_REASON) {
      return { waiver: { reason: w.reason.trim(), via: "config" } };
    }
  }
  return undefined;
}

/** Every waiver tag on a props object: policy name → reason (possibly too short). */
export function waiverTags(props: any): Map<string, string> {
  const out = new Map<string, string>();
  const tags = tagsOf(props);
  for (const k of Object.keys(tags)) {
    if (!k.startsWith(WAIVER_TAG_PREFIX)) continue;
    try {
      out.set(k.slice(WAIVER_TAG_PREFIX.length), String(tags[k]));
    } catch {
      out.set(k.slice(WAIVER_TAG_PREFIX.length), ""); // reason unknown at preview
    }
  }
  return out;
}
