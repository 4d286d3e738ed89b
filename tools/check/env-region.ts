// The region a stack without `aws:region` gets from the environment, checked before anything runs.
import { nearestRegions, REGIONS } from "../lib/fake-aws/regions";

/**
 * Without `aws:region` the AWS provider takes AWS_REGION, then AWS_DEFAULT_REGION, and validates
 * that name as it validates `aws:region` unless `aws:skipRegionValidation` is set ("Skip static
 * validation of region name", https://www.pulumi.com/registry/packages/aws/api-docs/provider/):
 * the problem with the variable's value, naming the variable, or undefined.
 */
export function envRegionProblem(
  config: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (config["aws:region"] !== undefined || config["aws:skipRegionValidation"] === "true") {
    return undefined;
  }
  const variable = (["AWS_REGION", "AWS_DEFAULT_REGION"] as const).find((v) => env[v]);
  const value = variable && env[variable];
  if (!variable || !value || REGIONS.has(value)) return undefined;
  const nearest = nearestRegions(value);
  return (
    `${variable}="${value}" (the region of stacks without aws:region) is not an AWS region` +
    (nearest.length ? `; did you mean ${nearest.join(", ")}?` : "") +
    "; set it to a region or unset it"
  );
}
