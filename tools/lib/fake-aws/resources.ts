// The state the engine sees for a resource the program registers.
//
// Preview (as `pulumi preview`): a resource being created reports its inputs; its id and computed
// outputs are unknown (the SDK treats outputs it is not given as unknown in a dry run). Apply (as
// `pulumi up` sees each resource before creating it): the id and every output the type declares
// get a value — the inputs where the property is an input, else the type's hand-written value
// (specials-*.ts), else the ARN from the Service Authorization Reference's format, the physical
// name (naming.ts), or a value by property name and type (values.ts). A read (`Resource.get`,
// an id given) reports its state in both phases; an auto-named type whose id is its name takes
// that name from the id it was read with.
import { fillArn, genericArn, EC2_ID_PREFIX, ec2Id } from "./arns";
import { FakeAwsEnv, hasUnknown, resolveEnv, UNKNOWN } from "./env";
import { hex, uuid } from "./hash";
import { autoNameRule, physicalName, providerDefault } from "./naming";
import { otherPackageState } from "./other-packages";
import { nativeState } from "./native";
import { typeSchema } from "./schema";
import { cloudFormationStack } from "./specials-cloudformation";
import { DATA_SPECIALS } from "./specials-data";
import { NETWORK_SPECIALS } from "./specials-network";
import type { Base, Special } from "./special";
import { fillValue, ValueContext } from "./values";

export interface ResourceArgs {
  /** Type token, e.g. `aws:s3/bucket:Bucket`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** Inputs in plain JS; unknowns are the sentinel `UNKNOWN`, at any depth. */
  readonly inputs: Record<string, any>;
  /** The id of a resource read with `get` (not created). */
  readonly id?: string;
}

export interface ResourceState {
  /** `""` when unknown. */
  readonly id: string;
  readonly state: Record<string, any>;
  /**
   * `false` for a type the fake does not model: the state is the inputs alone, so every output
   * the provider would compute stays unknown to the program, even in the apply phase.
   */
  readonly modeled?: false;
  /**
   * Outputs the provider reads back from the API after create that differ from the inputs given
   * (already in `state`): an engine that echoes the inputs over the state applies these last.
   */
  readonly readBack?: Record<string, unknown>;
}

export type Phase = "preview" | "apply";

const SPECIALS: Record<string, Special> = {
  ...NETWORK_SPECIALS,
  ...DATA_SPECIALS,
  "aws:cloudformation/stack:Stack": cloudFormationStack,
};

/** Type `aws:<module>/<x>:<Class>` → `<module>`. */
function moduleOf(type: string): string {
  return type.split(":")[1]?.split("/")[0] ?? "unknown";
}

function serviceOf(type: string, arnTemplate: string | undefined): string {
  return arnTemplate ? arnTemplate.split(":")[2] : moduleOf(type);
}

/**
 * The name a program must give itself (no auto-name): `name`, `<class>Name`, or the input the
 * ARN format's own placeholder names (`${AnalyzerName}` → `analyzerName`).
 */
function namedBy(
  type: string,
  arn: string | undefined,
  inputs: Record<string, any>,
): string | undefined {
  const cls = type.split(":")[2] ?? "";
  const own = arn ? [...arn.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].pop()?.[1] : undefined;
  const keys = ["name", `${cls[0]?.toLowerCase()}${cls.slice(1)}Name`];
  if (own?.endsWith("Name")) keys.push(`${own[0].toLowerCase()}${own.slice(1)}`);
  for (const k of keys) {
    const v = inputs[k];
    if (v === UNKNOWN || (typeof v === "string" && v)) return v;
  }
  return undefined;
}

function defaultId(b: Base): string {
  const prefix = EC2_ID_PREFIX[b.type];
  if (prefix) return ec2Id(prefix, b.seed);
  return b.physical ?? uuid(b.seed);
}

/** `tags` → `tagsAll` (no provider default tags offline). */
function tagsAll(inputs: Record<string, any>): Record<string, any> {
  return inputs.tags && typeof inputs.tags === "object" ? { ...inputs.tags } : {};
}

function awsState(args: ResourceArgs, env: FakeAwsEnv): ResourceState {
  const { type, inputs } = args;
  const regionInput =
    typeof inputs.region === "string" && inputs.region !== UNKNOWN ? inputs.region : undefined;
  const r = resolveEnv(env, regionInput);
  const schema = typeSchema(type);
  const seed = `${type}::${args.name}`;
  const rule = autoNameRule(type, schema);
  const special = SPECIALS[type];
  // A read (`Resource.get`) of an auto-named type whose id is its physical name (no own id form):
  // the name is the id it was read with (`aws.s3.BucketV2.get("b", "acme-assets")` is bucket
  // acme-assets, with ARN arn:aws:s3:::acme-assets), not an auto-name of the logical name.
  const readByName =
    !!args.id &&
    !!rule &&
    !special?.id &&
    !EC2_ID_PREFIX[type] &&
    !/^(arn:|https?:\/\/)/.test(args.id);
  const physical = readByName
    ? args.id
    : rule
      ? physicalName(type, args.name, inputs, rule, seed, env.autonaming?.(type), env.naming)
      : namedBy(type, schema?.arn, inputs);
  const b: Base = {
    type,
    logicalName: args.name,
    inputs,
    region: r.region,
    partition: r.partition,
    account: r.accountId,
    seed,
    physical,
    schema,
  };
  const id = args.id || (physical === UNKNOWN ? UNKNOWN : (special?.id?.(b) ?? defaultId(b)));
  const hasArn = schema?.byName.get("arn");
  let arn: string | undefined;
  if (hasArn && !("arn" in inputs)) {
    const ctx = {
      partition: r.partition.partition,
      region: r.region.code,
      account: r.accountId,
      seed,
      inputs,
      name: physical,
      id,
    };
    arn =
      special?.arn?.(b, id) ??
      (schema?.arn
        ? fillArn(schema.arn, ctx)
        : genericArn(moduleOf(type), type.split(":")[2].toLowerCase(), ctx));
    if (hasUnknown(id) || hasUnknown(physical)) arn = UNKNOWN;
  }
  const vc: ValueContext = {
    partition: r.partition,
    region: r.region,
    account: r.accountId,
    seed,
    service: serviceOf(type, schema?.arn),
    label: (physical !== UNKNOWN ? physical : undefined) ?? hex(seed, 8),
  };
  const state: Record<string, any> = {};
  for (const p of schema?.props ?? []) {
    if (p.name in inputs) continue;
    let v: unknown;
    if (p.name === "arn") v = arn;
    else if (p.name === "tagsAll") v = tagsAll(inputs);
    else if (rule && p.name === rule.prop) v = physical;
    else if (p.optional) continue;
    else v = fillValue(p, vc, p.input ? "neutral" : "fabricate", p.name);
    if (v !== undefined) state[p.name] = v;
  }
  const managed = providerDefault(type);
  if (managed && !(managed[0] in inputs)) state[managed[0]] = managed[1];
  if (special?.state && id !== UNKNOWN) Object.assign(state, special.state(b, id, arn));
  Object.assign(state, inputs);
  const readBack = special?.readBack && id !== UNKNOWN ? special.readBack(b, state) : {};
  Object.assign(state, readBack);
  return {
    id: id === UNKNOWN ? "" : id,
    state,
    ...(Object.keys(readBack).length ? { readBack } : {}),
  };
}

/**
 * The id and state of a resource, as the engine reports them in `phase`. Throws for an unknown
 * region (naming the nearest ones) and for an auto-name the provider cannot fit (as it does).
 */
export function resourceState(args: ResourceArgs, env: FakeAwsEnv, phase: Phase): ResourceState {
  const inputs = args.inputs ?? {};
  const pkg = args.type.split(":")[0];
  const other = otherPackageState({ ...args, inputs }, env, phase);
  if (other) return other;
  if (phase === "preview" && !args.id) {
    // Being created: the engine knows the inputs; the checks the provider runs at preview
    // (its auto-name fitting the limit, the region existing) run all the same.
    if (pkg === "aws") {
      const regionInput =
        typeof inputs.region === "string" && inputs.region !== UNKNOWN ? inputs.region : undefined;
      resolveEnv(env, regionInput);
      const rule = autoNameRule(args.type, typeSchema(args.type));
      if (rule) {
        // The auto-name the provider's Check fills in is known at preview (provider-side preview,
        // pulumi/pulumi#5443, on for pulumi-aws since pulumi/pulumi-aws#1179).
        const name = physicalName(
          args.type,
          args.name,
          inputs,
          rule,
          `${args.type}::${args.name}`,
          env.autonaming?.(args.type),
          env.naming,
        );
        if (name !== UNKNOWN) return { id: "", state: { ...inputs, [rule.prop]: name } };
      }
    }
    return { id: "", state: { ...inputs } };
  }
  if (pkg === "aws") return awsState({ ...args, inputs }, env);
  if (pkg === "aws-native") {
    const made = nativeState(args.type, args.name, inputs, resolveEnv(env));
    if (made) return { ...made, id: args.id || made.id };
  }
  // A package the fake does not model: its inputs, and an id once created.
  return {
    id: args.id || uuid(`${args.type}::${args.name}`),
    state: { ...inputs },
    modeled: false,
  };
}
