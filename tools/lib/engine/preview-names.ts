// What a program sees of a resource being created at preview besides its own inputs: the name the
// provider's Check fills in when the program gives none. Provider-side preview (pulumi/pulumi#5443,
// on for pulumi-aws since pulumi/pulumi-aws#1179) returns the checked inputs as known outputs, so
// `bucket.bucket` of an auto-named bucket is known at preview while every computed output (its
// `arn`, `id`) stays unknown. The name is the fake's own preview answer, the one the apply phase
// gives the same resource.
import { autoNameRule } from "../fake-aws/naming";
import { typeSchema } from "../fake-aws/schema";
import { UNKNOWN } from "./wire";
import type { EngineAnswers, ResourceStateArgs } from "./answers";

/** `{ <name property>: <auto-name> }` when the provider would fill one in, else `{}`. */
export function previewAutoName(
  answers: EngineAnswers,
  args: ResourceStateArgs,
): Record<string, string> {
  const rule = args.type.startsWith("aws:")
    ? autoNameRule(args.type, typeSchema(args.type))
    : undefined;
  const given = rule && args.inputs[rule.prop];
  if (!rule || (given !== undefined && given !== "")) return {};
  try {
    const name = answers.resourceState(args, "preview").state[rule.prop];
    return typeof name === "string" && name !== UNKNOWN && name !== "" ? { [rule.prop]: name } : {};
  } catch {
    // A name that cannot fit is the provider checks' to report; the program goes on without one.
    return {};
  }
}
