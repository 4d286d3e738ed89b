// Why a resource's inputs hold unknowns in the apply phase, where every resource the program
// creates has its outputs: what the offline engine cannot give (an undecryptable secret, another
// stack's outputs, a remote component's outputs, a resource of a package it does not model),
// traced through the property dependencies the SDK sends with each registration.
import type { EngineResource } from "./monitor";
import { STACK_REFERENCE_TYPE } from "./stack-references";
import { containsUnknown, UNKNOWN } from "./wire";

/** What an unknown built from `dep` comes from, or undefined when `dep` gives none. */
function sourceOf(dep: EngineResource): string[] | undefined {
  if (dep.type === STACK_REFERENCE_TYPE) return [`an output of stack reference ${dep.name}`];
  if (dep.remote) return [`an output of remote component ${dep.type} ${dep.name}`];
  if (dep.unknownSources) return dep.unknownSources;
  if (dep.custom && (dep.unmodeled || containsUnknown(dep.outputs)))
    return [`an output of ${dep.type} ${dep.name} the offline engine does not model`];
  return undefined;
}

/** Why `r`'s inputs hold unknowns although every created resource is known; undefined if none. */
export function unknownSources(
  r: EngineResource,
  opaque: boolean,
  byUrn: ReadonlyMap<string, EngineResource>,
  resources: readonly EngineResource[],
): string[] | undefined {
  if (!opaque && !containsUnknown(r.inputs)) return undefined;
  const out = new Set<string>();
  if (opaque) out.add("a secret config value that cannot be decrypted offline");
  // The resources each unknown input property was built from.
  const suspects = new Set<string>();
  for (const [prop, value] of Object.entries(r.inputs)) {
    if (containsUnknown(value)) for (const d of r.propertyDependencies[prop] ?? []) suspects.add(d);
  }
  for (const d of suspects.size ? suspects : r.dependencies) {
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
        : "a value the program leaves unknown",
    );
  }
  return [...out];
}
