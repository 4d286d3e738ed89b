// Provider-input validation, offline: what the AWS provider's Check refuses at `pulumi preview`.
//
// `pulumi preview` sends each resource's inputs to the provider's Check. pulumi-aws is bridged
// from terraform-provider-aws: Check first fills in defaults, the auto-name among them (a logical
// name plus a random suffix, pulumi/pulumi-terraform-bridge `tfbridge.AutoName`), then runs every
// attribute validator of the Terraform schema (`ValidateFunc`, `ConflictsWith`, `ExactlyOneOf`)
// and, planning the create, the resource's `CustomizeDiff`. A failure stops the preview with the
// provider's message. The offline engine's fake provider accepts anything, so this module runs
// the validators of the rules-*.ts tables on what the engine recorded: in each phase, on every
// value that phase knows (an unknown value is not judged), with the auto-name as Pulumi makes it.
import type { EngineResource } from "../engine/monitor";
import type { Phase } from "../engine/answers";
import { AutoName, autoName, autoNameRule } from "../fake-aws/naming";
import { Autonaming, urnContext } from "../fake-aws/autonaming";
import { typeSchema } from "../fake-aws/schema";
import { operationOf } from "../operations";
import { containsUnknown, plainValue } from "../engine/wire";
import { COMPUTE_CROSS_RULES, COMPUTE_RULES } from "./rules-compute";
import { DATA_CROSS_RULES, DATA_RULES } from "./rules-data";
import { COGNITO_CROSS_RULES, COGNITO_RULES } from "./rules-cognito";
import { CONTAINER_RULES } from "./rules-containers";
import { DNS_CROSS_RULES, DNS_RULES } from "./rules-dns";
import { EVENT_CROSS_RULES, EVENT_RULE_INPUTS, EVENT_RULES } from "./rules-events";
import { TABLE_CROSS_RULES, TABLE_RULES } from "./rules-tables";
import { WORKFLOW_CROSS_RULES, WORKFLOW_RULES } from "./rules-workflow";
import { IAM_CROSS_RULES, IAM_RULES, ROLE_POLICY_RULES } from "./rules-iam";
import { API_RULES } from "./rules-api";
import { NETWORK_CROSS_RULES, NETWORK_RULES } from "./rules-network";
import { BUILD_RULES, REPOSITORY_RULES } from "./rules-build";
import { ALARM_CROSS_RULES, ALARM_RULES, SUBSCRIPTION_RULES } from "./rules-alarms";
import { CACHE_CROSS_RULES, CACHE_RULES } from "./rules-cache";
import { POLICY_CROSS_RULES, POLICY_RULES } from "./rules-policies";
import { LAMBDA_ACCOUNT_RULES } from "./rules-lambda-accounts";
import { EDGE_CROSS_RULES, EDGE_RULES } from "./rules-edge";
import { STREAM_CROSS_RULES, STREAM_RULES } from "./rules-streams";
import { SERVICE_RULES } from "./rules-services";
import { BATCH_CROSS_RULES, BATCH_RULES } from "./rules-batch";
import { FIREWALL_CROSS_RULES, FIREWALL_RULES } from "./rules-firewall";
import { FIREHOSE_CROSS_RULES, FIREHOSE_RULES } from "./rules-firehose";
import { ANALYTICS_RULES } from "./rules-analytics";
import { GLUE_CROSS_RULES, GLUE_RULES } from "./rules-glue";
import { WAREHOUSE_RULES } from "./rules-warehouse";
import { SCHEDULE_RULES } from "./rules-schedules";
import { LOG_RULES } from "./rules-logs";
import { FUNCTION_URL_RULES } from "./rules-function-url";
import { COGNITO_CLIENT_CROSS_RULES, COGNITO_CLIENT_RULES } from "./rules-cognito-client";
import { SCHEDULER_CROSS_RULES, SCHEDULER_RULES } from "./rules-scheduler";
import { CLASS_RULES } from "./rules-classes";
import { LIFECYCLE_RULES } from "./rules-lifecycle";
import { APPSYNC_RULES } from "./rules-appsync";
import { VPC_CROSS_RULES, VPC_RULES } from "./rules-vpc";
import { CREATE_COMPUTE_CROSS_RULES, CREATE_COMPUTE_RULES } from "./rules-create-compute";
import { CREATE_DATA_CROSS_RULES, CREATE_DATA_RULES } from "./rules-create-data";
import { CREATE_NETWORK_CROSS_RULES, CREATE_NETWORK_RULES } from "./rules-create-network";
import { CREATE_SERVICE_CROSS_RULES, CREATE_SERVICE_RULES } from "./rules-create-services";
import { CREATE_STORAGE_CROSS_RULES, CREATE_STORAGE_RULES } from "./rules-create-storage";
import { CREATE_BUCKET_POLICY_CROSS_RULES } from "./rules-create-bucket-policy";
import { BALANCER_CROSS_RULES, BALANCER_RULES } from "./rules-balancers";
import { CREATE_FLEET_CROSS_RULES } from "./rules-create-fleet";
import { CREATE_NAME_RULES } from "./rules-create-names";
import { CREATE_TASK_CROSS_RULES } from "./rules-create-tasks";
import { CREATE_DB_CROSS_RULES } from "./rules-create-db";
import { CREATE_DEFINITION_CROSS_RULES } from "./rules-create-definitions";
import { CREATE_WINDOW_CROSS_RULES, CREATE_WINDOW_RULES } from "./rules-create-windows";
import { CREATE_SUBSCRIPTION_CROSS_RULES } from "./rules-create-subscriptions";
import { CREATE_DISTRIBUTION_CROSS_RULES } from "./rules-create-distribution";
import { GROUP_CROSS_RULES, GROUP_RULES } from "./rules-groups";
import { LAUNCH_TEMPLATE_RULES } from "./rules-launch-templates";
import { CREATE_TABLE_CROSS_RULES } from "./rules-create-tables";
import { HEALTH_CHECK_CROSS_RULES, HEALTH_CHECK_RULES } from "./rules-health-checks";
import { CREATE_IAM_CROSS_RULES, CREATE_IAM_RULES } from "./rules-create-iam";
import { CREATE_EC2_CROSS_RULES, CREATE_EC2_RULES } from "./rules-create-ec2";
import { CREATE_LAMBDA_ENV_RULES } from "./rules-create-lambda-env";
import { CREATE_IAM_GRAMMAR_RULES } from "./rules-create-iam-grammar";
import { FUNCTION_PACKAGE_CROSS_RULES } from "./rules-function-package";
import { CREATE_DNS_VALUE_CROSS_RULES } from "./rules-create-dns-values";
import { CLUSTER_RULES } from "./rules-clusters";
import { AUTHORIZER_CROSS_RULES, AUTHORIZER_RULES } from "./rules-authorizers";
import { INVOKE_CONFIG_RULES } from "./rules-invoke-config";
import { COMPOSITE_ALARM_CROSS_RULES, COMPOSITE_ALARM_RULES } from "./rules-composite-alarms";
import { SECRET_NAME_RULES } from "./rules-secret-names";
import { CREATE_PARAMETER_NAME_RULES } from "./rules-create-parameter-names";
import { FLOW_LOG_CROSS_RULES, FLOW_LOG_RULES } from "./rules-flow-logs";
import { BUCKET_SETTING_RULES } from "./rules-bucket-settings";
import { missingAcrossPhases } from "./missing-required";
import { attrAt, valuesAt } from "./input-paths";
import { refusedAcrossResources } from "./across-resources";
import { containsSecret, mask, shown } from "./secret-masking";
import { CrossRule, InputRule, PROVIDER_REPO } from "./rule";
import type { Refusal, StackNaming } from "./refusal";

export { PROVIDER_REPO } from "./rule";
export type { CrossRule, InputRule, RefusedBy } from "./rule";
export type { Refusal, StackNaming } from "./refusal";

/** Every attribute rule, and every cross-attribute rule, of the tables. */
export const INPUT_RULES: readonly InputRule[] = [
  ...IAM_RULES,
  ...ROLE_POLICY_RULES,
  ...COMPUTE_RULES,
  ...DATA_RULES,
  ...EVENT_RULES,
  ...EVENT_RULE_INPUTS,
  ...WORKFLOW_RULES,
  ...TABLE_RULES,
  ...DNS_RULES,
  ...CONTAINER_RULES,
  ...COGNITO_RULES,
  ...API_RULES,
  ...NETWORK_RULES,
  ...BUILD_RULES,
  ...REPOSITORY_RULES,
  ...ALARM_RULES,
  ...SUBSCRIPTION_RULES,
  ...CACHE_RULES,
  ...POLICY_RULES,
  ...LAMBDA_ACCOUNT_RULES,
  ...EDGE_RULES,
  ...STREAM_RULES,
  ...SERVICE_RULES,
  ...BATCH_RULES,
  ...FIREWALL_RULES,
  ...FIREHOSE_RULES,
  ...ANALYTICS_RULES,
  ...GLUE_RULES,
  ...WAREHOUSE_RULES,
  ...SCHEDULE_RULES,
  ...SCHEDULER_RULES,
  ...LOG_RULES,
  ...COGNITO_CLIENT_RULES,
  ...FUNCTION_URL_RULES,
  ...CLASS_RULES,
  ...LIFECYCLE_RULES,
  ...APPSYNC_RULES,
  ...VPC_RULES,
  ...CREATE_COMPUTE_RULES,
  ...CREATE_DATA_RULES,
  ...CREATE_SERVICE_RULES,
  ...BALANCER_RULES,
  ...CREATE_STORAGE_RULES,
  ...CREATE_NETWORK_RULES,
  ...CREATE_NAME_RULES,
  ...CREATE_WINDOW_RULES,
  ...HEALTH_CHECK_RULES,
  ...LAUNCH_TEMPLATE_RULES,
  ...CREATE_IAM_RULES,
  ...CREATE_EC2_RULES,
  ...CREATE_LAMBDA_ENV_RULES,
  ...CREATE_IAM_GRAMMAR_RULES,
  ...CLUSTER_RULES,
  ...AUTHORIZER_RULES,
  ...INVOKE_CONFIG_RULES,
  ...COMPOSITE_ALARM_RULES,
  ...SECRET_NAME_RULES,
  ...CREATE_PARAMETER_NAME_RULES,
  ...FLOW_LOG_RULES,
  ...BUCKET_SETTING_RULES,
  ...GROUP_RULES,
];
export const CROSS_RULES: readonly CrossRule[] = [
  ...IAM_CROSS_RULES,
  ...COMPUTE_CROSS_RULES,
  ...DATA_CROSS_RULES,
  ...EVENT_CROSS_RULES,
  ...WORKFLOW_CROSS_RULES,
  ...TABLE_CROSS_RULES,
  ...DNS_CROSS_RULES,
  ...NETWORK_CROSS_RULES,
  ...ALARM_CROSS_RULES,
  ...COGNITO_CROSS_RULES,
  ...CACHE_CROSS_RULES,
  ...POLICY_CROSS_RULES,
  ...EDGE_CROSS_RULES,
  ...STREAM_CROSS_RULES,
  ...BATCH_CROSS_RULES,
  ...FIREWALL_CROSS_RULES,
  ...FIREHOSE_CROSS_RULES,
  ...VPC_CROSS_RULES,
  ...GLUE_CROSS_RULES,
  ...CREATE_COMPUTE_CROSS_RULES,
  ...CREATE_DATA_CROSS_RULES,
  ...CREATE_NETWORK_CROSS_RULES,
  ...CREATE_STORAGE_CROSS_RULES,
  ...CREATE_BUCKET_POLICY_CROSS_RULES,
  ...BALANCER_CROSS_RULES,
  ...CREATE_FLEET_CROSS_RULES,
  ...CREATE_TASK_CROSS_RULES,
  ...CREATE_DB_CROSS_RULES,
  ...FUNCTION_PACKAGE_CROSS_RULES,
  ...CREATE_DNS_VALUE_CROSS_RULES,
  ...CREATE_DEFINITION_CROSS_RULES,
  ...CREATE_SERVICE_CROSS_RULES,
  ...SCHEDULER_CROSS_RULES,
  ...COGNITO_CLIENT_CROSS_RULES,
  ...CREATE_WINDOW_CROSS_RULES,
  ...CREATE_SUBSCRIPTION_CROSS_RULES,
  ...CREATE_DISTRIBUTION_CROSS_RULES,
  ...GROUP_CROSS_RULES,
  ...HEALTH_CHECK_CROSS_RULES,
  ...CREATE_TABLE_CROSS_RULES,
  ...CREATE_IAM_CROSS_RULES,
  ...CREATE_EC2_CROSS_RULES,
  ...COMPOSITE_ALARM_CROSS_RULES,
  ...FLOW_LOG_CROSS_RULES,
  ...AUTHORIZER_CROSS_RULES,
];

const byType = new Map<string, { inputs: InputRule[]; cross: CrossRule[] }>();
for (const r of INPUT_RULES) entry(r.type).inputs.push(r);
for (const r of CROSS_RULES) entry(r.type).cross.push(r);
function entry(type: string) {
  let e = byType.get(type);
  if (!e) byType.set(type, (e = { inputs: [], cross: [] }));
  return e;
}

/**
 * The inputs as the provider's validators see them: plain values, and the auto-name Pulumi puts
 * in the name input when the program gives neither it nor a prefix (the provider names such a
 * resource from the prefix itself, after validation). An auto-name too long for its limit is not
 * filled in: it is a refusal of its own (`overflow`), the bridge's, at the provider's Check.
 */
function providerView(
  r: EngineResource,
  naming: StackNaming,
): {
  inputs: Record<string, any>;
  autoNamed?: string;
  /** The name is the stack's autonaming pattern's, exactly known: every validator judges it. */
  proposed?: boolean;
  overflow?: Refusal;
} {
  const inputs = plainValue(r.inputs) as Record<string, any>;
  const rule = autoNameRule(r.type, typeSchema(r.type));
  if (!rule) return { inputs };
  const given = inputs[rule.prop];
  const prefix = inputs[`${rule.prop}Prefix`] ?? inputs.namePrefix;
  // A name or prefix given as "" is not auto-named: the bridge fills in a name only for an absent
  // input (pulumi/pulumi-terraform-bridge pkg/tfbridge/schema.go), and the provider then makes
  // its own (an SQS queue's `terraform-…`); the "" itself is not judged (see below).
  if ((given !== undefined && given !== null) || (prefix !== undefined && prefix !== null)) {
    return { inputs };
  }
  const how = naming.autonaming?.(r.type) ?? { mode: "default" };
  // A config value the check cannot read: the engine's name, not guessed (and not judged).
  if (how.mode === "unreadable") return { inputs };
  const ctx = { ...urnContext(r.urn), organization: naming.organization };
  try {
    const seed = `${r.type}::${r.name}`;
    inputs[rule.prop] = autoName(r.type, r.name, rule, seed, how, ctx, inputs);
    return { inputs, autoNamed: rule.prop, proposed: how.mode !== "default" };
  } catch (e) {
    return { inputs, overflow: autoNameRefusal(r, rule, how, (e as Error).message) };
  }
}

/** The bridge's refusal to make a name (ComputeAutoNameDefault, see ../fake-aws/autonaming.ts). */
function autoNameRefusal(
  r: EngineResource,
  rule: AutoName,
  how: Autonaming,
  says: string,
): Refusal {
  const maxlen = rule.maxlen ?? 255;
  const own = `set \`${rule.prop}\` (or \`${rule.prop}Prefix\`) yourself`;
  const fix =
    how.mode === "disabled"
      ? `The stack's pulumi:autonaming disables automatic naming for ${r.type}: ${own}, or give ` +
        "this type a mode or pattern in pulumi:autonaming"
      : how.mode === "default"
        ? `Give the resource a logical name of at most ` +
          `${maxlen - (rule.randlen ?? 7) - (rule.separator ?? "-").length} characters, or ${own}`
        : `Make the name the stack's pulumi:autonaming pattern gives fit ${maxlen} characters ` +
          `(a shorter pattern or logical name), or ${own}`;
  return {
    resource: r,
    prop: rule.prop,
    // With naming disabled there is no name at all; otherwise the logical name it is made from.
    value: how.mode === "disabled" ? undefined : r.name,
    says: [says],
    fix,
    source:
      how.mode === "default"
        ? "pulumi/pulumi-terraform-bridge pkg/tfbridge AutoName, through pulumi/pulumi " +
          "sdk/go/common/resource NewUniqueHex"
        : "pulumi/pulumi-terraform-bridge pkg/tfbridge/info/autonaming.go ComputeAutoNameDefault",
    autoNamed: true,
    // The bridge makes (or refuses) the name at preview, as the provider's Check.
    by: "provider",
  };
}

/** Where a rule is declared, as a refusal names it. */
function sourceOf(rule: InputRule | CrossRule): string {
  return rule.by === "aws" ? rule.source : `${PROVIDER_REPO} ${rule.source}`;
}

/** What the provider refuses of one resource's inputs (none for a type without rules). */
export function refusedInputs(r: EngineResource, naming: StackNaming = {}): Refusal[] {
  if (!r.custom || r.external) return [];
  const rules = byType.get(r.type);
  const { inputs, autoNamed, proposed, overflow } = providerView(r, naming);
  const out: Refusal[] = overflow ? [overflow] : [];
  if (!rules) return out;
  const raw = r.inputs as Record<string, unknown>;
  // An imported resource is adopted, not created: AWS's create-time limits (`by: "aws"`) are the
  // Create call's, which `pulumi up` does not make for it (../operations.ts).
  const created = operationOf(r) === "create";
  for (const rule of rules.inputs) {
    if (!created && rule.by === "aws") continue;
    const isAuto = autoNamed === rule.prop;
    if (isAuto && !proposed && rule.skipAutoName) continue;
    for (const { value, indices } of valuesAt(inputs, rule.prop.split("."))) {
      // An empty string is not judged by any validator. Bridges differ: current ones hand `""` to
      // the provider as it is (pulumi/pulumi-terraform-bridge pkg/tfbridge/schema.go,
      // MakeTerraformInput; its cross-test TestInputsEmptyString runs since
      // pulumi/pulumi-terraform-bridge#1916, filed because empty strings were "misrepresented"),
      // older ones treated it as an absent value (pulumi/pulumi-kubernetes#1723, citing
      // pulumi/pulumi-aws#1046). The check cannot tell which bridge a program's pulumi-aws
      // carries, so it keeps the lenient reading, as wherever provider versions differ. The cross
      // checks read `""` leniently too: as given where one input is required, as absent where
      // two conflict (./rule.ts).
      if (value === "" || containsUnknown(value)) continue;
      // Each item under its own key, as the provider names it (./input-paths.ts).
      const says = rule.validate(value, attrAt(rule.attr, indices));
      if (says.length === 0) continue;
      const v = shown(raw, rule.prop, value);
      out.push({
        resource: r,
        prop: rule.prop,
        value: v,
        says: says.map((s) => mask(s, [raw[rule.prop.split(".")[0]]])),
        fix: rule.fix,
        source: sourceOf(rule),
        by: rule.by ?? "provider",
        autoNamed: isAuto,
      });
    }
  }
  for (const rule of rules.cross) {
    if (!created && rule.by === "aws") continue;
    if (rule.reads.some((p) => containsUnknown(inputs[p]))) continue;
    // The check's words may quote any input it reads: a secret among them hides the value too.
    const read = rule.reads.map((p) => raw[p]);
    for (const p of rule.check(inputs)) {
      const v = read.some(containsSecret) ? "[secret]" : p.value;
      out.push({
        resource: r,
        prop: p.prop,
        value: v,
        says: [mask(p.says, read)],
        fix: rule.fix,
        source: sourceOf(rule),
        by: rule.by ?? "provider",
        autoNamed: autoNamed === p.prop,
      });
    }
  }
  return out;
}

/** A refusal with the phases that showed it. */
export type PhasedRefusal = Refusal & { readonly phases: readonly Phase[] };

/**
 * The refusals of every phase's resources, each once (by resource, input and message), in the
 * order of the first phase that showed it, with every phase that did.
 */
export function refusedAcrossPhases(
  runs: readonly { phase: Phase; resources: readonly EngineResource[] }[],
  naming: StackNaming = {},
): PhasedRefusal[] {
  const seen = new Map<string, { refusal: Refusal; phases: Phase[] }>();
  for (const run of runs) {
    // Each resource's inputs, then the checks across resources (./across-resources.ts).
    const refusals = [
      ...run.resources.flatMap((r) => refusedInputs(r, naming)),
      // AWS's create-time limits judged across resources hold, as each resource's own, only for
      // a resource `pulumi up` creates (an imported one is adopted: see refusedInputs).
      ...refusedAcrossResources(run.resources, naming).filter(
        (r) => r.by !== "aws" || operationOf(r.resource) === "create",
      ),
    ];
    for (const refusal of refusals) {
      const key = `${refusal.resource.urn}\u0000${refusal.prop}\u0000${refusal.says.join("\n")}`;
      const known = seen.get(key);
      if (known) known.phases.push(run.phase);
      else seen.set(key, { refusal, phases: [run.phase] });
    }
  }
  // A required input left out at preview only (./missing-required.ts): preview stops there.
  const missing = missingAcrossPhases(runs).map((refusal) => ({
    refusal,
    phases: ["preview" as Phase],
  }));
  return [...seen.values(), ...missing].map(({ refusal, phases }) => ({ ...refusal, phases }));
}
