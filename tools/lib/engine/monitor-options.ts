// What the offline engine (./monitor.ts) is given and what it records: its options, the log
// entries a program writes and each resource as the engine knows it.
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { RecordedResource } from "../recorder";
import type { EngineAnswers, Phase } from "./answers";

export interface LogEntry {
  /** `debug`, `info`, `warning` or `error`, as `pulumi preview` prints diagnostics. */
  readonly severity: "debug" | "info" | "warning" | "error";
  readonly message: string;
  readonly urn?: string;
}

export interface MonitorOptions {
  readonly project: string;
  readonly stack: string;
  readonly phase: Phase;
  /** The stack's config (full keys): the default providers take their package's keys. */
  readonly config: Readonly<Record<string, string>>;
  readonly answers: EngineAnswers;
  /**
   * Strings that stand for values the check cannot know (undecryptable secrets): a recorded input
   * containing one is recorded as unknown, so no policy judges a placeholder.
   */
  readonly opaque?: readonly string[];
  /**
   * The project's directory: a resource whose SDK-reported position is not in the program's own
   * files is placed at the first frame of its registration's stack trace that is.
   */
  readonly programDir?: string;
  /**
   * The language host's working directory: a file asset or archive path is read from there (or
   * from the project's directory); one that exists in neither fails its registration.
   */
  readonly programPwd?: string;
}

export function js(s: Struct | undefined): Record<string, any> {
  return s ? (s.toJavaScript() as Record<string, any>) : {};
}

/** A recorded resource with what the run learned about the unknowns in its inputs. */
export interface EngineResource extends RecordedResource {
  /** Why inputs are unknown even in the apply phase (secret, stack reference, remote component). */
  unknownSources?: string[];
  /**
   * The input paths (`.a.b.0.c`, as the policy SDK names a property) that hold a value the check
   * could not give (an undecryptable secret) and were made unknown (./recorded-inputs.ts).
   */
  opaquePaths?: string[];
  /** The string hidden at each of `opaquePaths` (same index): which placeholder made it unknown. */
  opaqueValues?: string[];
  /**
   * Per input property, the stand-ins (URNs starting `urn:offline-check:`) of the failures the
   * apply phase left unknown (./apply-unknowns.js) and of the undecryptable secrets read typed
   * (./secret-config-reads.js) that the property was built from: kept out of `dependencies` and
   * `propertyDependencies`, which the pack sees.
   */
  leftUnknownRefs?: Record<string, string[]>;
  /** A custom resource of a type the offline answers do not model: its computed outputs stay unknown. */
  unmodeled?: boolean;
}

/**
 * How the URN of every stand-in dependency the program's preload makes starts (./apply-unknowns.js,
 * ./secret-config-reads.js): no resource, kept out of every dependency list the pack or a
 * transform sees.
 */
export const STAND_IN_PREFIX = "urn:offline-check:";

/** `urns` without the stand-ins. */
export function withoutStandIns(urns: readonly string[]): string[] {
  return urns.filter((u) => !u.startsWith(STAND_IN_PREFIX));
}

/**
 * A registration's dependencies without the stand-ins, all and per property, and the stand-ins
 * each property was built from (kept apart to name where an unknown came from).
 */
export function registrationDependencies(req: {
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(f: (v: { getUrnsList(): string[] }, k: string) => void): void;
  };
}): {
  deps: Set<string>;
  propertyDependencies: Record<string, string[]>;
  leftUnknownRefs: Record<string, string[]>;
} {
  const leftUnknownRefs: Record<string, string[]> = {};
  const deps = new Set<string>(withoutStandIns(req.getDependenciesList()));
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((v, k) => {
    const urns = v.getUrnsList();
    propertyDependencies[k] = withoutStandIns(urns);
    const refs = urns.filter((u) => !propertyDependencies[k].includes(u));
    if (refs.length > 0) leftUnknownRefs[k] = refs;
    for (const u of propertyDependencies[k]) deps.add(u);
  });
  return { deps, propertyDependencies, leftUnknownRefs };
}
