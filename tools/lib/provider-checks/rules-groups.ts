// Auto Scaling groups: the attribute validators and checks across attributes of the provider's
// schema (internal/service/autoscaling/group.go), which its Check runs at `pulumi preview`:
// exactly one of a launch configuration, a launch template or a mixed instances policy
// (`ExactlyOneOf` on all three); availability zones or subnets (`vpc_zone_identifier`
// `ConflictsWith` `availability_zones`), not both; a launch template named by its id or its name,
// not both (`ConflictsWith` on each), the id of the form `lt-…` and the name of 3 to 125 letters,
// digits and `()./_-` (verify.ValidLaunchTemplateID and ValidLaunchTemplateName,
// internal/verify/validate.go), a version of 1 to 255 characters; the instance maintenance policy's
// healthy percentages (minimum -1 to 100, maximum 100 to 200 or -1, -1 removing the policy); an
// initial lifecycle hook's heartbeat of 30 to 7200 seconds; an instance refresh's healthy
// percentages (minimum 0 to 100, maximum 100 to 200); a mixed instances policy's on-demand share
// above base of 0 to 100. The AWS limit on the desired capacity is in ./rules-create-fleet.ts.
import type { CrossRule, InputRule } from "./rule";
import { conflictsWith, exactlyOneOf } from "./rule";
import { any, intBetween, lenBetween, type Validator } from "./validators";

const GROUP = "aws:autoscaling/group:Group";
const SOURCE = "internal/service/autoscaling/group.go";

/** verify.ValidLaunchTemplateID: 1 to 255 characters, then `^lt\-[0-9a-z]+$`, in that order. */
const launchTemplateId: Validator = (v, k) => {
  if (typeof v !== "string") return [];
  if (v.length < 1) return [`"${k}" cannot be shorter than 1 character`];
  if (v.length > 255) return [`"${k}" cannot be longer than 255 characters`];
  return /^lt-[0-9a-z]+$/.test(v)
    ? []
    : [`"${k}" must begin with 'lt-' and be comprised of only alphanumeric characters: ${v}`];
};

/** verify.ValidLaunchTemplateName of a name (not a prefix): 3 to 125 of `0-9A-Za-z()./_-`. */
const launchTemplateName: Validator = (v, k) => {
  if (typeof v !== "string") return [];
  if (v.length < 3) return [`"${k}" cannot be less than 3 characters`];
  if (v.length > 125) return [`"${k}" cannot be longer than 125 characters`];
  return /^[0-9A-Za-z()./_-]+$/.test(v)
    ? []
    : [`"${k}" can only alphanumeric characters and ()./_- symbols`];
};

/** Each `[Pulumi path, provider attribute, validator, fix]`. */
const INPUTS: [string, string, Validator, string][] = [
  [
    "launchTemplate.id",
    "launch_template.0.id",
    launchTemplateId,
    "the launch template's `id` output (lt-…), not its name or ARN",
  ],
  [
    "launchTemplate.name",
    "launch_template.0.name",
    launchTemplateName,
    "the launch template's `name`: 3 to 125 letters, digits and ()./_-",
  ],
  [
    "launchTemplate.version",
    "launch_template.0.version",
    lenBetween(1, 255),
    'a version number, "$Latest" or "$Default"',
  ],
  [
    "instanceMaintenancePolicy.minHealthyPercentage",
    "instance_maintenance_policy.0.min_healthy_percentage",
    intBetween(-1, 100),
    "a percentage from 0 to 100 (-1 removes the policy)",
  ],
  [
    "instanceMaintenancePolicy.maxHealthyPercentage",
    "instance_maintenance_policy.0.max_healthy_percentage",
    any(intBetween(100, 200), intBetween(-1, -1)),
    "a percentage from 100 to 200 (-1 removes the policy)",
  ],
  [
    "initialLifecycleHooks.heartbeatTimeout",
    "initial_lifecycle_hook.heartbeat_timeout",
    intBetween(30, 7200),
    "a heartbeat of 30 to 7200 seconds",
  ],
  [
    "instanceRefresh.preferences.minHealthyPercentage",
    "instance_refresh.0.preferences.0.min_healthy_percentage",
    intBetween(0, 100),
    "a percentage from 0 to 100",
  ],
  [
    "instanceRefresh.preferences.maxHealthyPercentage",
    "instance_refresh.0.preferences.0.max_healthy_percentage",
    intBetween(100, 200),
    "a percentage from 100 to 200",
  ],
  [
    "mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity",
    "mixed_instances_policy.0.instances_distribution.0.on_demand_percentage_above_base_capacity",
    intBetween(0, 100),
    "a percentage from 0 (all Spot) to 100 (all on-demand) above the base capacity",
  ],
];

export const GROUP_RULES: readonly InputRule[] = INPUTS.map(([prop, attr, validate, fix]) => ({
  type: GROUP,
  prop,
  attr,
  validate,
  fix,
  source: SOURCE,
}));

/** `launch_template.0.id` and `.name` conflict: both given in the one-item block is refused. */
const templateIdOrName: CrossRule = {
  type: GROUP,
  what: "a launch template by id or by name, not both",
  reads: ["launchTemplate"],
  check: (inputs) => {
    const t = inputs.launchTemplate as Record<string, unknown> | undefined;
    const given = (v: unknown) => typeof v === "string" && v !== "";
    return t && given(t.id) && given(t.name)
      ? [
          {
            prop: "launchTemplate.id",
            value: t.id,
            says: '"launch_template.0.id": conflicts with launch_template.0.name',
          },
        ]
      : [];
  },
  fix: "launchTemplate { id: template.id } or { name: template.name }, with a version",
  source: SOURCE,
};

export const GROUP_CROSS_RULES: readonly CrossRule[] = [
  exactlyOneOf(
    GROUP,
    [
      ["launchConfiguration", "launch_configuration"],
      ["launchTemplate", "launch_template"],
      ["mixedInstancesPolicy", "mixed_instances_policy"],
    ],
    SOURCE,
  ),
  conflictsWith(
    GROUP,
    ["availabilityZones", "availability_zones"],
    ["vpcZoneIdentifiers", "vpc_zone_identifier"],
    SOURCE,
  ),
  templateIdOrName,
];
