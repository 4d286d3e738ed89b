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

/**
 * A Kubernetes object's `metadata` as the program sent it (secrets and unknowns kept), with the
 * name and `pulumi.com/autonamed` mark the provider's Check fills in (../fake-aws/other-packages.ts),
 * or undefined when the fake filled in none.
 */
export function kubernetesNamed(
  sent: Record<string, any>,
  filled: Record<string, any>,
): { metadata: Record<string, any> } | undefined {
  const name: unknown = filled.metadata?.name;
  const given = sent.metadata ?? {};
  if (typeof name !== "string" || typeof given !== "object" || given === null) return undefined;
  if (given.name !== undefined) return undefined;
  const annotations =
    given.annotations === undefined
      ? filled.metadata.annotations
      : typeof given.annotations === "object" && given.annotations !== null
        ? { ...filled.metadata.annotations, ...given.annotations }
        : given.annotations;
  return { metadata: { ...given, name, annotations } };
}

/**
 * `{ <name property>: <auto-name> }` when the provider would fill one in, else `{}`; for a
 * Kubernetes object, its `metadata` with the name.
 */
export function previewAutoName(
  answers: EngineAnswers,
  args: ResourceStateArgs,
  sent: Record<string, any> = args.inputs,
): Record<string, unknown> {
  if (args.type.startsWith("kubernetes:"))
    return kubernetesNamed(sent, answers.resourceState(args, "preview").state) ?? {};
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
