// Why a resource's inputs hold unknowns in the apply phase, where every resource the program
// creates has its outputs: what the offline engine cannot give (an undecryptable secret, another
// stack's outputs, a remote component's outputs, a resource of a package it does not model),
// traced through the property dependencies the SDK sends with each registration.
import type { EngineResource } from "./monitor";
import { STACK_REFERENCE_TYPE } from "./stack-references";
import { containsUnknown, UNKNOWN } from "./wire";
import { SECRET_REF_PREFIX } from "./secret-config-reads";

const REMOTE_OUTPUT = "an output of remote component";
/**
 * Why a remote component's output can stay unknown even at apply: its provider plugin computes it
 * (an eks kubeconfig, an awsx subnet's CIDR block), and the offline engine answers only what follows
 * from the component's name and inputs (./remote-outputs.ts, ./remote-eks-core.ts).
 */
const REMOTE_WHY =
  " (its plugin computes it; offline, only what follows from the component's name and inputs is known)";

/** What an unknown built from `dep` comes from, or undefined when `dep` gives none. */
function sourceOf(dep: EngineResource): string[] | undefined {
  if (dep.type === STACK_REFERENCE_TYPE) return [`an output of stack reference ${dep.name}`];
  if (dep.remote) return [`${REMOTE_OUTPUT} ${dep.type} ${dep.name}${REMOTE_WHY}`];
  if (dep.unknownSources) return dep.unknownSources;
  if (dep.custom && (dep.unmodeled || containsUnknown(dep.outputs)))
    return [`an output of ${dep.type} ${dep.name} the offline engine does not model`];
  return undefined;
}

/**
 * What a stand-in dependency stands for: an undecryptable secret read typed names its key (as the
 * report names one: ../../check/combine.ts); a failure left unknown at apply stays its URN, which
 * the report names with the failure (../../check/left-unknown-note.ts).
 */
function standInSource(ref: string): string {
  if (!ref.startsWith(SECRET_REF_PREFIX)) return ref;
  const key = ref.slice(SECRET_REF_PREFIX.length);
  return `${UNDECRYPTABLE_SECRET} (${key}: give it for this run with --config ${key}=<value>)`;
}

/** The reason given for an unknown no resource, secret or data source explains. */
export const LEFT_UNKNOWN_BY_PROGRAM = "a value the program leaves unknown";

/** The reason given for a value made unknown because it holds an undecryptable secret. */
export const UNDECRYPTABLE_SECRET = "a secret config value that cannot be decrypted offline";

/**
 * Why `r`'s inputs hold unknowns although every created resource is known; undefined if none.
 * With `only`, why that one top-level input property does (the property a policy could not read):
 * its own dependencies, not every input's.
 */
export function unknownSources(
  r: EngineResource,
  opaque: boolean,
  byUrn: ReadonlyMap<string, EngineResource>,
  resources: readonly EngineResource[],
  only?: string,
): string[] | undefined {
  const props = only === undefined ? Object.entries(r.inputs) : [[only, r.inputs[only]] as const];
  if (!opaque && !props.some(([, v]) => containsUnknown(v))) return undefined;
  const out = new Set<string>();
  if (opaque) out.add(UNDECRYPTABLE_SECRET);
  // The resources each unknown input property was built from, and the failures left unknown at
  // apply it was built from (their stand-ins' URNs, which the report names: ./left-unknown.ts).
  const suspects = new Set<string>();
  for (const [prop, value] of props) {
    if (!containsUnknown(value)) continue;
    for (const d of r.propertyDependencies[prop] ?? []) suspects.add(d);
    for (const ref of r.leftUnknownRefs?.[prop] ?? []) out.add(standInSource(ref));
  }
  for (const d of suspects.size || only !== undefined ? suspects : r.dependencies) {
    const dep = byUrn.get(d);
    for (const s of (dep && sourceOf(dep)) ?? []) out.add(s);
  }
  if (out.size === 0) {
    // A data source given an unknown input returns an unknown result with no dependencies
    // (@pulumi/pulumi runtime/invoke.ts, `invokeAsync`: "if any of the input properties are
    // unknown, make sure the entire response is marked as unknown", `dependencies: []`), so an
    // unknown that went through `getPolicyDocumentOutput` (an IRSA trust policy built from an
    // EKS cluster's OIDC provider) names no resource: the run's unknown outputs are the suspects.
    const through = resources
      // A stack reference whose outputs were given (--invoke-answers) is no suspect.
      .filter(
        (x) => (x.type === STACK_REFERENCE_TYPE && x.outputs?.outputs === UNKNOWN) || x.remote,
      )
      .map((x) => sourceOf(x)![0]);
    out.add(
      through.length > 0
        ? `probably ${through.slice(0, 3).join(", ")}${through.length > 3 ? ", ..." : ""}, ` +
            "passed through a data source call (given an unknown input, a call's result is " +
            "unknown and names no resource it came from)"
        : LEFT_UNKNOWN_BY_PROGRAM,
    );
  }
  return [...out];
}

/**
 * The input path a policy could not read, from the policy SDK's note: "<kind> value at .<path>
 * can't be known during preview" (@pulumi/policy proxy.ts, `UnknownValueError`).
 */
export function unknownPathOf(detail: string): string | undefined {
  return /\bvalue at (\.\S*) can't be known during preview/.exec(detail)?.[1];
}

/**
 * Why the input at `path` (as `unknownPathOf` reads it) is unknown in the apply phase: the
 * undecryptable secret (`secret`, the reason naming it, or made from the string hidden there, to
 * name the key whose placeholder it held) when the value there is one the check hid, else the dependencies of that one top-level property. Undefined when the path is not an
 * input path of `r`.
 */
export function unknownSourcesAt(
  r: EngineResource,
  path: string,
  secret: string | ((held: string) => string),
  byUrn: ReadonlyMap<string, EngineResource>,
  resources: readonly EngineResource[],
): string[] | undefined {
  const at = r.opaquePaths?.findIndex((p) => path === p || path.startsWith(`${p}.`)) ?? -1;
  if (at >= 0) {
    return [typeof secret === "string" ? secret : secret(r.opaqueValues?.[at] ?? "")];
  }
  const prop = path.split(".")[1];
  if (!prop || !(prop in r.inputs)) return undefined;
  return unknownSources(r, false, byUrn, resources, prop);
}
