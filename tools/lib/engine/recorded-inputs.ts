// A registration's inputs as the offline engine records them: output values downgraded to plain
// values for a custom resource (as the engine does for providers that do not accept them), and
// every string that holds a value the check could not give (the placeholder of a `secure:` config
// value it cannot decrypt) made unknown, so that policies see it as `pulumi preview` would not:
// unknown, never the placeholder. The paths of the values so hidden are kept, in the form the
// policy SDK names a property it could not read (`.taskDefinitionArgs.container.environment.0.value`,
// @pulumi/policy proxy.ts `UnknownValueError`: "value at .<path> can't be known during preview"),
// so that the reason a check was left unevaluated names the secret only where it was the cause.
//
// A secure boolean or integer key gets `false` or `0` (./../../check/stack-config.ts), a value any
// program writes: it is hidden only where it arrives as a secret (`requireSecretBoolean`,
// `requireSecretNumber`, a secret output), never where the program wrote it plainly.
import { downgradeOutputValues, OUTPUT_SIG, SECRET_SIG, SIG_KEY, UNKNOWN } from "./wire";

export interface RecordedInputs {
  /** What the program sent (output values downgraded for a custom resource). */
  readonly sent: Record<string, any>;
  /** What the engine records and policies see: undecryptable values unknown. */
  readonly inputs: Record<string, any>;
  /** Whether any value was made unknown. */
  readonly opaque: boolean;
  /** The paths made unknown, as the policy SDK writes them (`.a.b.0.c`). */
  readonly opaquePaths: string[];
  /** The value hidden at each of `opaquePaths` (the same index, as text): which placeholder it held. */
  readonly opaqueValues: string[];
}

/** A secret or output value wraps its value without a property of its own in the policy's view. */
function wrapped(v: Record<string, any>): boolean {
  return v[SIG_KEY] === SECRET_SIG || v[SIG_KEY] === OUTPUT_SIG;
}

/**
 * Records `raw` for a resource (`custom`: a custom resource, not a component), hiding each string
 * that contains one of `opaque` (the placeholders of values the check could not give) and each
 * secret boolean or number that is one of `secretScalars`.
 */
export function recordInputs(
  raw: Record<string, any>,
  custom: boolean,
  deps: Set<string>,
  opaque: readonly string[] = [],
  secretScalars: readonly (boolean | number)[] = [],
): RecordedInputs {
  const sent = custom ? (downgradeOutputValues(raw, deps) as Record<string, any>) : raw;
  if (opaque.length === 0 && secretScalars.length === 0) {
    return { sent, inputs: sent, opaque: false, opaquePaths: [], opaqueValues: [] };
  }
  const opaquePaths: string[] = [];
  const opaqueValues: string[] = [];
  const hidden = (v: unknown, at: string) => {
    opaquePaths.push(at);
    opaqueValues.push(String(v));
    return UNKNOWN;
  };
  const hide = (v: any, at: string, secret: boolean): any => {
    if (typeof v === "string") return opaque.some((p) => v.includes(p)) ? hidden(v, at) : v;
    if (typeof v === "boolean" || typeof v === "number") {
      return secret && secretScalars.includes(v) ? hidden(v, at) : v;
    }
    if (Array.isArray(v)) return v.map((x, i) => hide(x, `${at}.${i}`, secret));
    if (v && typeof v === "object") {
      const out: Record<string, any> = {};
      const inner = wrapped(v);
      const isSecret = secret || v[SIG_KEY] === SECRET_SIG || (inner && v.secret === true);
      for (const [k, x] of Object.entries(v))
        out[k] = hide(x, inner && k === "value" ? at : `${at}.${k}`, isSecret);
      return out;
    }
    return v;
  };
  const inputs = hide(sent, "", false);
  return { sent, inputs, opaque: opaquePaths.length > 0, opaquePaths, opaqueValues };
}
