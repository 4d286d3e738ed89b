// Resources a later phase of the check registered under another name than the first phase did
// (a name the program computes anew in each run), paired with the first phase's resource so their
// findings are reported once, under the preview's URN and name.
import type { ProgramRun } from "../lib/engine/language-host";
import type { EngineResource } from "../lib/engine/monitor";
import { namesAlike } from "./computed-names";

/** A resource of a later phase that is a preview resource under another name. */
export interface Renamed {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly laterName: string;
}

/**
 * The resources a later phase registered under another name than the first phase did, by their
 * later URN. A name the program computes anew in each run (`logs-${Date.now()}`, a random suffix)
 * differs between the two runs; the resource is the same one, not one created inside `apply`,
 * and its findings are the preview resource's. Paired only when nothing else can be meant: for
 * one type constructed at one line of one file, exactly one first-phase resource is missing from
 * the later phase and exactly one later resource is missing from the first, and their names are
 * alike once the computed parts are set aside (namesAlike). A shared helper line (`const bucket =
 * (n) => new aws.s3.Bucket(n)`) registers many resources from one line: one created inside
 * `apply` there is not the renamed one, so there the resources stay apart (preview-only and
 * apply-only) rather than be paired by registration order.
 */
export function renamedInLaterPhases(
  runs: readonly Pick<ProgramRun, "resources">[],
): ReadonlyMap<string, Renamed> {
  const out = new Map<string, Renamed>();
  const [first, ...later] = runs;
  if (!first) return out;
  const at = (r: EngineResource) =>
    r.source ? `${r.type}\0${r.source.uri}\0${r.source.line}` : undefined;
  const byLine = (resources: readonly EngineResource[], others: ReadonlySet<string>) => {
    const m = new Map<string, EngineResource[]>();
    for (const r of resources) {
      const k = at(r);
      if (k && !others.has(r.urn)) m.set(k, [...(m.get(k) ?? []), r]);
    }
    return m;
  };
  const firstUrns = new Set(first.resources.map((r) => r.urn));
  for (const run of later) {
    const gone = byLine(first.resources, new Set(run.resources.map((r) => r.urn)));
    const added = byLine(run.resources, firstUrns);
    for (const [k, laterOnes] of added) {
      const firstOnes = gone.get(k) ?? [];
      if (firstOnes.length !== 1 || laterOnes.length !== 1) continue;
      const [p] = firstOnes;
      const [r] = laterOnes;
      if (!namesAlike(p.name, r.name)) continue;
      out.set(r.urn, { urn: p.urn, type: p.type, name: p.name, laterName: r.name });
    }
  }
  return out;
}

/** A finding on a renamed resource, as on the preview's: its URN, name and the name in its text. */
export function asPreviewed<
  T extends { urn: string; name: string; detail?: string; message?: string },
>(v: T, renamed: ReadonlyMap<string, Renamed>): T {
  const r = renamed.get(v.urn);
  if (!r) return v;
  const swap = (t: string | undefined) => t?.split(r.laterName).join(r.name);
  return {
    ...v,
    urn: r.urn,
    name: r.name,
    ...(v.detail !== undefined ? { detail: swap(v.detail) } : {}),
    ...(v.message !== undefined ? { message: swap(v.message) } : {}),
  };
}
