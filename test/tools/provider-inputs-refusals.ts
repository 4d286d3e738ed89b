// The refusals the provider-input tables draw from one resource of the cases (provider-inputs-cases.ts)
// with one change: what the specs of the values each rule accepts compare against.
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { refusedInputs } from "../../tools/lib/provider-checks";
import { COMPLIANT } from "./provider-inputs-cases";

/** The refusals of the compliant resource of `type` with `change` applied (undefined removes). */
export function refusalsWith(type: string, change: Record<string, unknown>) {
  const inputs: Record<string, unknown> = { ...COMPLIANT[type], ...change };
  for (const [k, v] of Object.entries(inputs)) if (v === undefined) delete inputs[k];
  const meta = { stack: "dev", project: "p", outputs: {} };
  return refusedInputs(handBuiltResource(type, "r", inputs, meta));
}
