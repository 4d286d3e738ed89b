// A required input the program gives only once values are known: absent at `pulumi preview`,
// given at `pulumi up`. The provider's Check refuses a resource without a required argument
// ("Missing required argument: The argument "policy" is required, but no definition was found.",
// hashicorp/terraform-plugin-sdk helper/schema/schema.go; a bridged provider reports it at
// preview, webiny/webiny-js#3046), so such a program stops at preview.
//
// The usual cause is the Promise form of a data source call given a value unknown at preview:
// `aws.iam.getPolicyDocument({ statements: [{ resources: [bucket.arn] }] })` does not ask the
// provider at all; the SDK resolves it to an empty result (@pulumi/pulumi runtime/invoke.ts,
// `invokeAsync`: "if any of the input properties are unknown, make sure the entire response is
// marked as unknown", `result: {}`), and the plain `invoke` drops the unknown mark, so `.json` is
// undefined and the input it feeds is left out of the registration. The Output form
// (`getPolicyDocumentOutput`) keeps the mark, and the input is unknown instead: accepted.
//
// Only an input absent in the preview phase and given in the apply phase is judged: one the
// program never gives is the SDK's own error ("Missing required property"), or an answer the
// offline engine lacks, not this.
import type { Phase } from "../engine/answers";
import type { EngineResource } from "../engine/monitor";
import { typeSchema } from "../fake-aws/schema";
import type { Refusal } from "./refusal";
import { snake } from "./rule";

const given = (v: unknown) => v !== undefined && v !== null;

/** The required inputs `preview` lacks that `apply`, the same resource, gives. */
export function missingAtPreview(
  preview: EngineResource,
  apply: EngineResource | undefined,
): Refusal[] {
  if (!apply || !preview.custom || preview.external || !preview.type.startsWith("aws:")) return [];
  const schema = typeSchema(preview.type);
  if (!schema) return [];
  const before = preview.inputs as Record<string, unknown>;
  const after = apply.inputs as Record<string, unknown>;
  return schema.props
    .filter((p) => p.input === "required" && !given(before[p.name]) && given(after[p.name]))
    .map((p) => ({
      resource: preview,
      prop: p.name,
      value: undefined,
      says: [
        `Missing required argument: The argument "${snake(p.name)}" is required, but no definition was found.`,
      ],
      fix:
        "the value is left out at preview: build it from Outputs (a data source's Output form, " +
        "e.g. aws.iam.getPolicyDocumentOutput(...).json, or .apply on the unknown value), not " +
        "from the Promise form given an unknown value, whose result is empty at preview",
      source: "hashicorp/terraform-plugin-sdk helper/schema/schema.go",
      by: "provider",
      autoNamed: false,
    }));
}

/** Every such input of a run's preview phase, by the apply phase's resources of the same URN. */
export function missingAcrossPhases(
  runs: readonly { phase: Phase; resources: readonly EngineResource[] }[],
): Refusal[] {
  const preview = runs.find((r) => r.phase === "preview");
  const apply = runs.find((r) => r.phase === "apply");
  if (!preview || !apply) return [];
  const later = new Map(apply.resources.map((r) => [r.urn, r]));
  return preview.resources.flatMap((r) => missingAtPreview(r, later.get(r.urn)));
}
