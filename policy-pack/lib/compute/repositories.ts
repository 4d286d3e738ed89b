// Verdicts on an ECR repository's settings, shared by the rule on `aws.ecr.Repository` and the one
// on the awsx ECR component (which passes its inputs to the repository unchanged), so both give
// the same answer for the same settings.
import { asList } from "../values";

/**
 * Why the repository's image tags can be overwritten, or undefined when they cannot: MUTABLE (the
 * provider's default), or IMMUTABLE_WITH_EXCLUSION with a filter that exempts every tag.
 */
export function mutableTagsReason(props: any): string | undefined {
  const mode = props.imageTagMutability ?? "MUTABLE";
  if (mode === "IMMUTABLE") return undefined;
  if (mode === "IMMUTABLE_WITH_EXCLUSION") {
    const all = asList(props.imageTagMutabilityExclusionFilters).some((f: any) =>
      /^\*+$/.test(String(f?.filter)),
    );
    return all ? "The immutability exclusion filter '*' makes every tag mutable." : undefined;
  }
  return `imageTagMutability is '${mode}': tags can be overwritten.`;
}
