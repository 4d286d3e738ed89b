// The engine's wire form of property values, as the Pulumi SDKs send them to the resource monitor
// (`sdk/nodejs/runtime/rpc.ts`, `sdk/go/common/resource/plugin/rpc.go`): unknowns are a sentinel
// string, and secrets, resource references, output values, assets and archives are objects tagged
// with a signature key. Defined once here for the engine, the recorder and the policy runner.

/** An unknown value (computed during a preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key that tags a special object with its signature. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

export function isSecret(v: unknown): v is { value: unknown } {
  return !!v && typeof v === "object" && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

export function secret(value: unknown): Record<string, unknown> {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** True when `v` holds an unknown anywhere (inside strings too: ARNs built from unknown ids). */
export function containsUnknown(v: unknown): boolean {
  if (typeof v === "string") return v.includes(UNKNOWN);
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/**
 * Output values in the inputs of a custom resource, downgraded as the engine does before a
 * provider sees them (`sdk/go/common/resource/plugin/rpc.go`, output values without
 * `KeepOutputValues`): a known value becomes itself (wrapped as a secret when the output is
 * secret), an unknown one the unknown sentinel. Their dependencies are returned so the caller can
 * add them to the resource's dependencies, as the engine does.
 */
export function downgradeOutputValues(v: unknown, deps: Set<string>): unknown {
  if (Array.isArray(v)) return v.map((x) => downgradeOutputValues(x, deps));
  if (!v || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  if (o[SIG_KEY] === OUTPUT_SIG) {
    for (const d of Array.isArray(o.dependencies) ? o.dependencies : []) deps.add(String(d));
    const inner = "value" in o ? downgradeOutputValues(o.value, deps) : UNKNOWN;
    return o.secret === true ? secret(inner) : inner;
  }
  if (o[SIG_KEY] !== undefined) {
    // Secrets keep their shape; their value may hold output values too.
    if (o[SIG_KEY] === SECRET_SIG) return secret(downgradeOutputValues(o.value, deps));
    return v;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = downgradeOutputValues(x, deps);
  return out;
}

/**
 * The plain value a provider or the mock answers work with: secrets unwrapped, resource
 * references reduced to their id (custom resources) or URN (components), as the SDK's own
 * deserializer does when it cannot rehydrate a resource. Unknowns stay the sentinel.
 */
export function plainValue(v: unknown): any {
  if (Array.isArray(v)) return v.map(plainValue);
  if (!v || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  switch (o[SIG_KEY]) {
    case SECRET_SIG:
      return plainValue(o.value);
    case RESOURCE_SIG:
      return typeof o.id === "string" ? (o.id === "" ? UNKNOWN : o.id) : o.urn;
    case OUTPUT_SIG:
      return "value" in o ? plainValue(o.value) : UNKNOWN;
    case ASSET_SIG:
    case ARCHIVE_SIG:
      return v;
    default: {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o)) out[k] = plainValue(x);
      return out;
    }
  }
}

/** Wraps in secrets the top-level keys named by `keys` (`additionalSecretOutputs`). */
export function markSecret(state: Record<string, unknown>, keys: readonly string[]): void {
  for (const k of keys) {
    if (k in state && !isSecret(state[k])) state[k] = secret(state[k]);
  }
}
