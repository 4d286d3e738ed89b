// The launch templates an Auto Scaling group launches from, found the way the engine lets a policy
// see them: property dependencies (a template of the stack, its id unknown at preview) and literal
// ids or names (`launchTemplate.id`/`name`, and the mixed instances policy's template and its
// per-override templates).
import type { PolicyResource } from "@pulumi/policy";
import type { StackIndex } from "../define";
import { literalId, perStack } from "../references";
import {
  EC2_INSTANCE,
  EC2_LAUNCH_CONFIGURATION,
  EC2_LAUNCH_TEMPLATE,
  EC2_SPOT_FLEET_REQUEST,
  EC2_SPOT_INSTANCE_REQUEST,
} from "../types";
import { asList, collect, stringProp, unknownError } from "../values";

/**
 * What launches EC2 instances from settings of its own (volumes, network, profile, user data):
 * instances, Spot instance requests and fleets, launch templates and configurations. The instance
 * rules judge each of them alike; groups and fleets that launch from a template are judged
 * through it.
 */
export const INSTANCE_LAUNCHERS: readonly string[] = [
  EC2_INSTANCE,
  EC2_SPOT_INSTANCE_REQUEST,
  EC2_SPOT_FLEET_REQUEST,
  EC2_LAUNCH_TEMPLATE,
  EC2_LAUNCH_CONFIGURATION,
];

/** Where a group names a launch template (top-level property first). */
const TEMPLATE_PATHS: readonly (readonly string[])[] = [
  ["launchTemplate", "id"],
  ["launchTemplate", "name"],
  ["mixedInstancesPolicy", "launchTemplate", "launchTemplateSpecification", "launchTemplateId"],
  ["mixedInstancesPolicy", "launchTemplate", "launchTemplateSpecification", "launchTemplateName"],
  [
    "mixedInstancesPolicy",
    "launchTemplate",
    "overrides",
    "*",
    "launchTemplateSpecification",
    "launchTemplateId",
  ],
  [
    "mixedInstancesPolicy",
    "launchTemplate",
    "overrides",
    "*",
    "launchTemplateSpecification",
    "launchTemplateName",
  ],
];

/** The stack's launch templates by literal id and by name. */
const templatesByKey = perStack((index: StackIndex) => {
  const out = new Map<string, PolicyResource>();
  for (const t of index.ofType(EC2_LAUNCH_TEMPLATE)) {
    const id = literalId(t);
    if (id) out.set(id, t);
    const name = stringProp(t.props, "name");
    if (name) out.set(name, t);
  }
  return out;
});

export interface GroupTemplates {
  /** Launch templates of the stack the group launches from. */
  readonly templates: PolicyResource[];
  /** Literal ids or names of templates that are not in the stack. */
  readonly outside: string[];
}

/**
 * The launch templates `group` launches from. Throws an unknown-value error when a reference is
 * unknown (preview) and no property dependency accounts for it.
 */
export function groupLaunchTemplates(index: StackIndex, group: PolicyResource): GroupTemplates {
  const deps = new Set<PolicyResource>();
  for (const prop of ["launchTemplate", "mixedInstancesPolicy"]) {
    for (const d of index.referenced(group, prop, EC2_LAUNCH_TEMPLATE)) deps.add(d);
  }
  const literals: string[] = [];
  let unknown = 0;
  for (const path of TEMPLATE_PATHS) {
    const found = collect(group.props, path);
    unknown += found.unknown;
    for (const v of found.values) if (typeof v === "string" && v !== "") literals.push(v);
  }
  // After apply a reference built from a template is that template's literal id: when there are
  // at least as many dependencies as references, every reference is one of them.
  if (deps.size >= literals.length + unknown) return { templates: [...deps], outside: [] };
  if (unknown > deps.size) throw unknownError("the group's launch template is unknown until apply");
  const byKey = templatesByKey(index);
  const templates = new Set(deps);
  const outside: string[] = [];
  for (const key of literals) {
    const t = byKey.get(key);
    if (t) templates.add(t);
    else outside.push(key);
  }
  return { templates: [...templates], outside };
}

/**
 * Whether the launch template tags the instances launched from it: a tag specification for
 * `instance` with at least one tag. Reading an unknown specification throws (preview note).
 */
export function templateTagsInstances(template: PolicyResource): boolean {
  return asList<Record<string, unknown>>(template.props.tagSpecifications).some(
    (spec) =>
      spec?.resourceType === "instance" &&
      spec.tags !== null &&
      typeof spec.tags === "object" &&
      Object.keys(spec.tags).length > 0,
  );
}
