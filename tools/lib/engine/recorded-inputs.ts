// A registration's inputs as the offline engine records them: output values downgraded to plain
// values for a custom resource (as the engine does for providers that do not accept them), and
// every string that holds a value the check could not give (the placeholder of a `secure:` config
// value it cannot decrypt) made unknown, so that policies see it as `pulumi preview` would not:
// unknown, never the placeholder. The paths of the values so hidden are kept, in the form the
// policy SDK names a property it could not read (`.taskDefinitionArgs.container.environment.0.value`,
// @pulumi/policy proxy.ts `UnknownValueError`: "value at .<path> can't be known during preview"),
// so that the reason a check was left unevaluated names the secret only where it was the cause.
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
  /** The string hidden at each of `opaquePaths` (the same index): which placeholder it held. */
  readonly opaqueValues: string[];
}

/** A secret or output value wraps its value without a property of its own in the policy's view. */
function wrapped(v: Record<string, any>): boolean {
  return v[SIG_KEY] === SECRET_SIG || v[SIG_KEY] === OUTPUT_SIG;
}

/**
 * Records `raw` for a resource (`custom`: a custom resource, not a component), hiding each string
 * that contains one of `opaque` (the placeholders of values the check could not give).
 */
export function recordInputs(
  raw: Record<string, any>,
  custom: boolean,
  deps: Set<string>,
  opaque: readonly string[] = [],
): RecordedInputs {
  const sent = custom ? (downgradeOutputValues(raw, deps) as Record<string, any>) : raw;
  if (opaque.length === 0) {
    return { sent, inputs: sent, opaque: false, opaquePaths: [], opaqueValues: [] };
  }
  const opaquePaths: string[] = [];
  const opaqueValues: string[] = [];
  const hide = (v: any, at: string): any => {
    if (typeof v === "string") {
      if (!opaque.some((p) => v.includes(p))) return v;
      opaquePaths.push(at);
      opaqueValues.push(v);
      return UNKNOWN;
    }
    if (Array.isArray(v)) return v.map((x, i) => hide(x, `${at}.${i}`));
    if (v && typeof v === "object") {
      const out: Record<string, any> = {};
      const inner = wrapped(v);
      for (const [k, x] of Object.entries(v))
        out[k] = hide(x, inner && k === "value" ? at : `${at}.${k}`);
      return out;
    }
    return v;
  };
  const inputs = hide(sent, "");
  return { sent, inputs, opaque: opaquePaths.length > 0, opaquePaths, opaqueValues };
}
