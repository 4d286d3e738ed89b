// What the apply phase left unknown, as at preview, because an `apply` callback failed on what an
// offline run lacks (./apply-unknowns.js records each): a data source nothing answers, or a
// dependency's command (docker-classic's `docker build` with no Docker daemon). Each is named with
// the program's line: where the program asked for the invoke, or the resource the error named.
import type { Site } from "./sites-file";
import type { SourceLocation } from "./language-host";
import type { OfflineEngine } from "./monitor";
import { stripAnsi } from "../ansi";
import { dockerDaemonMissing } from "./hints-runtime";
import { invokeSite, sourceOfUrn, type Invoker } from "./invoke-sites";
import { withoutWrapping } from "./other-errors";

/** The token of what ./apply-unknowns.js records in OFFLINE_INVOKE_SITES. */
export const APPLY_UNKNOWN_SITE = "apply-unknown";
/** The token of the failure that ended the apply phase outside any `apply` (`recordStop`). */
export const APPLY_STOPPED_SITE = "apply-stopped";

/**
 * An `apply` callback of the apply phase that failed on what an offline run lacks, as recorded:
 * the invoke nothing answered, or the error of a command or dependency and the resource it named.
 */
export type ApplyUnknown = {
  readonly invoke?: string;
  /** A host this machine cannot reach (the error's code, or its cause's). */
  readonly network?: boolean;
  readonly message: string;
  /**
   * The first line of the error the program threw in place of this failure, which it caught (with
   * it as the `cause`, or among an AggregateError's `errors`); undefined when it threw this one.
   */
  readonly thrown?: string;
  /** What the failed child process printed on stderr, when its error carries it. */
  readonly output?: string;
  readonly urn?: string;
  readonly location?: SourceLocation;
  /** The URN of the stand-in dependency its unknown carries (./apply-unknowns.js `refFor`). */
  readonly ref?: string;
};

/** One record as ./apply-unknowns.js wrote it (a parsed JSON line). */
export function applyUnknownOf(s: Record<string, unknown>): ApplyUnknown {
  return {
    ...(typeof s.invoke === "string" ? { invoke: s.invoke } : {}),
    ...(s.network === true ? { network: true } : {}),
    message: String(s.message ?? ""),
    ...(typeof s.thrown === "string" ? { thrown: s.thrown } : {}),
    ...(typeof s.output === "string" ? { output: s.output } : {}),
    ...(typeof s.urn === "string" ? { urn: s.urn } : {}),
    ...(typeof s.ref === "string" ? { ref: s.ref } : {}),
    ...(typeof s.file === "string" && typeof s.line === "number"
      ? { location: { file: s.file, line: s.line, column: Number(s.column ?? 0) } }
      : {}),
  };
}

/** One `apply` result the apply phase left unknown. */
export interface LeftUnknown {
  /** The invoke nothing answered; undefined for a command's or dependency's failure. */
  readonly invoke?: string;
  /** What failed, in a few words (the Docker CLI's own sentence when no daemon answers). */
  readonly what: string;
  /** Where in the program: the invoke's call, or the line of the resource the error named. */
  readonly location?: SourceLocation;
  /**
   * The stand-ins its unknowns carry (one per failure recorded under it), as a resource's
   * `leftUnknownRefs` and unknown sources name them.
   */
  readonly refs: readonly string[];
}

/**
 * `, caught by the program, which threw "<its error>" instead`, when it did: its message as the
 * program wrote it, without what the SDK writes into it (an error thrown inside an input).
 */
function rethrown(r: ApplyUnknown): string {
  return r.thrown === undefined
    ? ""
    : `, caught by the program, which threw ${JSON.stringify(withoutWrapping(r.thrown))} instead`;
}

/** The run's records, one per invoke token or failure message, each placed in the program. */
export function leftUnknownAtApply(
  records: readonly ApplyUnknown[],
  engine: OfflineEngine,
  sites: ReadonlyMap<string, Site>,
  invokers: ReadonlyMap<string, readonly Invoker[]>,
): LeftUnknown[] {
  const out = new Map<string, LeftUnknown>();
  // Every stand-in recorded under one key: a failure recorded again replaces the entry, not them.
  const refsOf = new Map<string, Set<string>>();
  const set = (key: string, u: Omit<LeftUnknown, "refs">, ref: string | undefined) => {
    const refs = refsOf.get(key) ?? new Set<string>();
    refsOf.set(key, refs);
    if (ref !== undefined) refs.add(ref);
    out.set(key, { ...u, refs: [...refs] });
  };
  for (const r of records) {
    if (r.invoke !== undefined) {
      const site = sites.get(r.invoke);
      const at = invokeSite(engine, r.invoke, site && { ...site }, invokers) ?? r.location;
      set(
        `invoke\0${r.invoke}`,
        {
          invoke: r.invoke,
          what: `the invoke ${r.invoke}, which the check cannot answer offline${rethrown(r)}`,
          ...(at ? { location: at } : {}),
        },
        r.ref,
      );
      continue;
    }
    // A dependency logs its command's output on the resource before it throws (docker-classic's
    // runCommandThatCanFail): the Docker CLI's sentence is there, not in the error.
    const logged = engine.logs
      .filter((l) => l.severity === "error" && r.urn !== undefined && l.urn === r.urn)
      .map((l) => stripAnsi(l.message));
    const daemon = [r.message, r.output ?? "", ...logged]
      .map(dockerDaemonMissing)
      .find((d) => d !== undefined);
    const what =
      (r.network
        ? `a network request, which failed: ${r.message}`
        : `a command run on this machine, which failed: ${daemon ?? r.message}`) + rethrown(r);
    const at = sourceOfUrn(engine, r.urn) ?? r.location;
    // A record written again with the resource's URN replaces the first (./apply-unknowns.js).
    set(`command\0${r.message}`, { what, ...(at ? { location: at } : {}) }, r.ref);
  }
  return mergedAlike([...out.values()]);
}

/**
 * One entry per failure as the report shows it: failures that read the same at the same line are
 * one (awsx classic's `repository.buildAndPushImage` names the repository in its error, so two
 * builds with no Docker daemon read alike at the repository's line), their stand-ins together.
 */
function mergedAlike(entries: readonly LeftUnknown[]): LeftUnknown[] {
  const merged = new Map<string, LeftUnknown>();
  for (const u of entries) {
    const at = u.location ? `${u.location.file}:${u.location.line}` : "";
    const key = `${u.invoke ?? ""}\0${u.what}\0${at}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, refs: [...new Set([...seen.refs, ...u.refs])] } : u);
  }
  return [...merged.values()];
}
