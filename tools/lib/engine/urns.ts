// Names the engine gives: resource URNs (pulumi/pulumi `resource.NewURN`: the parent's qualified
// type joined by `$`, the root stack left out), alias URNs resolved from alias specs, and the AWS
// provider's check of its region.
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { nearestRegions, REGIONS } from "../fake-aws";
import { UNKNOWN } from "./wire";

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export function urnOf(
  stack: string,
  project: string,
  parent: string,
  type: string,
  name: string,
): string {
  let qualified = type;
  if (parent) {
    const parentType = parent.split("::")[2] ?? "";
    if (parentType.split("$").pop() !== ROOT_STACK_TYPE) qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/**
 * Alias URNs, as the engine resolves alias specs (`resource_monitor.go`, `alias.Spec`): an unset
 * name, type, stack or project is the resource's own; the parent is the spec's parent URN, none
 * with `noParent`, else the resource's parent.
 */
export function aliasUrns(
  req: resproto.RegisterResourceRequest,
  type: string,
  name: string,
  parent: string,
  stack: string,
  project: string,
): string[] {
  const out = [...req.getAliasurnsList()];
  for (const a of req.getAliasesList()) {
    if (a.hasUrn()) {
      out.push(a.getUrn());
      continue;
    }
    const spec = a.getSpec();
    if (!spec) continue;
    const aliasParent = spec.hasParenturn()
      ? spec.getParenturn()
      : spec.getNoparent()
        ? ""
        : parent;
    out.push(
      urnOf(
        spec.getStack() || stack,
        spec.getProject() || project,
        aliasParent,
        spec.getType() || type,
        spec.getName() || name,
      ),
    );
  }
  return out;
}

/**
 * The AWS provider refuses a region it does not know unless `skipRegionValidation` is set
 * (terraform-provider-aws: "Invalid AWS Region: <region>"); offline, the region table decides.
 */
export function checkProviderRegion(
  type: string,
  inputs: Record<string, any>,
  where: string,
): void {
  if (type !== "pulumi:providers:aws") return;
  const region = inputs.region;
  const skip = inputs.skipRegionValidation === true || inputs.skipRegionValidation === "true";
  if (typeof region !== "string" || region === UNKNOWN || skip || REGIONS.has(region)) return;
  const nearest = nearestRegions(region);
  throw new Error(
    `Invalid AWS Region: ${region} (${where})` +
      (nearest.length ? `; did you mean ${nearest.join(", ")}?` : ""),
  );
}
