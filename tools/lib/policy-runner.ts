// The in-process fast path of policy evaluation. The check's verdicts come from the pack itself,
// run as `pulumi preview` runs it (./engine/analyzer.ts); this runner gives the same report without
// a process, for unit tests, and test/tools/analyzer-differential.spec.ts proves the two identical
// (same policies, levels, URNs, messages and waived findings) on both committed stacks, both
// phases, every policy fixture and the 10k-resource benchmark stack.
//
// What it imitates, from the engine and the policy SDK's analyzer server: resource policies get
// every registered resource's inputs (components, providers and the root stack included, reads
// not) with its provider resource, stack policies get every resource's outputs with parent,
// dependencies and property dependencies resolved to resource objects; values as the engine sends
// them (./engine/marshal.ts) and the SDK decodes them (secrets unwrapped, assets as asset objects);
// props wrapped in `unknownCheckingProxy`; an UnknownValueError becomes the SDK's advisory "can't
// run policy ... during preview" note; `notApplicable` is honoured; one `stackTags` object per
// evaluation, as the SDK hands every policy of one configured stack; a stack policy's finding
// without a resource of the stack goes to the default root stack URN. Built on the SDK's public
// API only.
import {
  EnforcementLevel,
  ResourceValidationPolicy,
  Severity,
  StackValidationPolicy,
  unknownCheckingProxy,
  UnknownValueError,
} from "@pulumi/policy";
import { stackPolicyTypes } from "../../policy-pack/lib/applies-to";
import { policyCatalog, WaivedFinding, waivedFindingListeners } from "../../policy-pack/lib/define";
import { PACK_NAME } from "../../policy-pack/policies";
import packageJson from "../../policy-pack/package.json";
import { defaultRootStackUrn, urnName } from "./engine/marshal";
import {
  parsePolicyPackConfig,
  PolicyPackConfig,
  reconcilePolicyPackConfig,
} from "./engine/policy-config";
import type { RecordedResource } from "./recorder";
import {
  buildStackResources,
  plain,
  providerResolver,
  resourceOptions,
  typeMatcher,
} from "./policy-view";

export type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

export interface Violation {
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: Severity | undefined;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** As the engine prints it: `<description>\n<reported message>`. */
  readonly message: string;
  /** The message the policy reported (or the preview note). */
  readonly detail: string;
  readonly remediationSteps?: string;
  /** True for "can't run during preview" notes. */
  readonly previewNote?: boolean;
  /** A stack policy's note on an apply phase that stopped (../check/stopped-stack-policies.ts). */
  readonly atStop?: boolean;
  /** A stack policy's preview note kept for a stopped apply phase that ran no stack policy. */
  readonly notRunAtStop?: boolean;
}

export interface PolicyReport {
  readonly violations: Violation[];
  readonly waived: (WaivedFinding & { type: string; name: string })[];
}

/** Per-policy config as `--policy-pack-config` gives it: `{ "<policy>": { ... } }` or a level. */
export type PackConfig = Record<string, EnforcementLevel | Record<string, unknown>>;

/** The pack whose policies these are: its name and version appear in preview notes. */
export interface PackIdentity {
  readonly name: string;
  readonly version: string;
}

const THIS_PACK: PackIdentity = { name: PACK_NAME, version: packageJson.version };

class NotApplicableError extends Error {}
const throwNotApplicable = (reason?: string): never => {
  throw new NotApplicableError(reason);
};

function isStack(p: AnyPolicy): p is StackValidationPolicy {
  return typeof (p as StackValidationPolicy).validateStack === "function";
}

/**
 * The config the SDK's analyzer holds, as the CLI builds it (./engine/policy-config.ts): the
 * given config reconciled with every policy's level and schema defaults, and validated against
 * the schemas; a config the CLI rejects is rejected here with the CLI's message.
 */
function reconcile(
  policies: readonly AnyPolicy[],
  config: PackConfig,
  pack: PackIdentity,
): PolicyPackConfig {
  const infos = policies.map((p) => ({
    name: p.name,
    enforcementLevel: p.enforcementLevel ?? "advisory",
    configSchema: {
      properties: { ...(p.configSchema?.properties ?? {}), enforcementLevel: LEVEL_SCHEMA },
      required: p.configSchema?.required,
    },
  }));
  const given = parsePolicyPackConfig(JSON.stringify(config));
  return reconcilePolicyPackConfig(pack, infos, undefined, given).config;
}

const LEVEL_SCHEMA = { type: "string", enum: ["advisory", "mandatory", "remediate", "disabled"] };

/** `policyPackConfig[p.name]?.enforcementLevel || p.enforcementLevel || <pack level>`. */
function levelOf(p: AnyPolicy, config: PolicyPackConfig): EnforcementLevel {
  const l = config[p.name]?.enforcementLevel || p.enforcementLevel || "advisory";
  // "If we ran a remediation, but we are still somehow triggering a violation, downgrade..."
  return l === "remediate" ? "mandatory" : l;
}

/** `getConfig()`: the policy's config properties. */
function configOf(p: AnyPolicy, config: PolicyPackConfig): Record<string, unknown> {
  return { ...(config[p.name]?.properties ?? {}) };
}

/** The types a pack policy applies to (from its definition), or undefined: every type. */
function policyTypes(p: AnyPolicy): ReadonlySet<string> | undefined {
  const meta = policyCatalog.get(p.name);
  // The catalog is keyed by name: use it only if this very definition is the one it holds.
  if (!meta || meta.kind !== "resource" || meta.types.length === 0) return undefined;
  if (meta.description !== p.description || meta.remediationSteps !== p.remediationSteps)
    return undefined;
  let set = typeSets.get(meta.types);
  if (!set) typeSets.set(meta.types, (set = new Set(meta.types)));
  return set;
}
const typeSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * Runs every policy over the recorded resources and returns violations (including preview notes)
 * and waived findings. Policy errors other than unknown values propagate, as the engine fails the
 * preview on them.
 */
export async function runPolicies(
  policies: readonly AnyPolicy[],
  resources: readonly RecordedResource[],
  config: PackConfig = {},
  pack: PackIdentity = THIS_PACK,
): Promise<PolicyReport> {
  const violations: Violation[] = [];
  const waived: PolicyReport["waived"] = [];
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  // `resource.DefaultRootStackURN` of the stack the resources belong to.
  const [stack, project] = (resources[0]?.urn ?? "").replace(/^urn:pulumi:/, "").split("::");
  const rootUrn = resources.length ? defaultRootStackUrn(stack, project) : "";
  const rootStack = byUrn.get(rootUrn);
  const providerOf = providerResolver(byUrn);
  // One configured stack: every policy of this evaluation gets the same `stackTags` object.
  const stackTags: ReadonlyMap<string, string> = new Map();
  const listener = (f: WaivedFinding, evaluation: unknown) => {
    if (evaluation !== stackTags) return;
    const r = byUrn.get(f.urn);
    waived.push({
      policy: f.policy,
      urn: f.urn,
      message: f.message,
      waiver: f.waiver,
      type: r?.type ?? "",
      name: r?.name ?? "",
    });
  };
  const effective = reconcile(policies, config, pack);
  waivedFindingListeners.add(listener);
  // Inputs as the SDK deserializes them, once per resource (policies only read them).
  const plainInputs = new Map<RecordedResource, any>();
  try {
    const stackResources = buildStackResources(resources);
    for (const p of policies) {
      const level = levelOf(p, effective);
      if (level === "disabled") continue;
      const policyConfig = configOf(p, effective);
      const push = (r: { urn: string; type: string; name: string }, detail: string, note = false) =>
        violations.push({
          policy: p.name,
          enforcementLevel: note ? "advisory" : level,
          severity: p.severity,
          urn: r.urn,
          type: r.type,
          name: r.name,
          // The SDK's report: `<description>\n<message>`, the description alone for no message.
          message: note ? detail : detail ? `${p.description}\n${detail}` : p.description,
          detail,
          remediationSteps: p.remediationSteps,
          previewNote: note || undefined,
        });
      const failed = (e: unknown, r: { urn: string; type: string; name: string }) => {
        if (e instanceof UnknownValueError) {
          const from = `policy '${p.name}' from policy pack '${pack.name}@v${pack.version}'`;
          push(r, `can't run ${from} during preview: ${(e as Error).message}`, true);
        } else if (!(e instanceof NotApplicableError)) {
          throw new Error(
            `Error validating ${r.urn} with policy '${p.name}': ${(e as Error)?.stack ?? e}`,
          );
        }
      };
      if (isStack(p)) {
        // The SDK skips a stack policy whose function names one type when the stack has no
        // resource of it (server.js, makeAnalyzeStackRpcFun, `getPulumiType`); a rule of the
        // pack over several types names the one it finds in the stack being judged, or else one
        // it lacks (policy-pack/lib/applies-to.ts): skipped when the stack has none of them.
        const gate = stackPolicyTypes(p.validateStack) ?? [
          (p.validateStack as { __pulumiType?: string }).__pulumiType,
        ];
        if (gate[0] && !resources.some((r) => gate.includes(r.type))) continue;
        const stackTarget = rootStack ?? {
          urn: rootUrn,
          type: "pulumi:pulumi:Stack",
          name: urnName(rootUrn),
        };
        try {
          await p.validateStack(
            {
              resources: stackResources,
              getConfig: <T extends object>() => policyConfig as T,
              stackTags,
              notApplicable: throwNotApplicable,
            } as any,
            (message: string, urn?: string) => {
              // The engine attributes a finding without a (known) resource to the root stack.
              const r = urn ? byUrn.get(urn) : undefined;
              push(r ?? stackTarget, message);
            },
          );
        } catch (e) {
          failed(e, stackTarget);
        }
        continue;
      }
      const validations = Array.isArray(p.validateResource)
        ? p.validateResource
        : p.validateResource
          ? [p.validateResource]
          : [];
      // A policy built with `resourcePolicy` ignores every type but its own: calling it for the
      // others would do nothing, so only its types are visited (linear in the stack size).
      const types = policyTypes(p);
      for (const r of resources) {
        // The engine analyzes registrations, not reads of existing resources.
        if (r.external || (types && !types.has(r.type))) continue;
        let inputs = plainInputs.get(r);
        if (!inputs) plainInputs.set(r, (inputs = plain(r.inputs)));
        const props = unknownCheckingProxy(inputs);
        const isType = typeMatcher(r.type);
        const provider = providerOf(r);
        for (const validate of validations) {
          try {
            const result: unknown = validate(
              {
                type: r.type,
                props,
                urn: r.urn,
                name: urnName(r.urn),
                opts: resourceOptions(r),
                stackTags,
                isType,
                asType: (cls: any) => (isType(cls) ? props : undefined),
                getConfig: <T extends object>() => policyConfig as T,
                notApplicable: throwNotApplicable,
                ...(provider ? { provider } : {}),
              } as any,
              (message: string) => push(r, message),
            );
            if (result && typeof (result as Promise<void>).then === "function") await result;
          } catch (e) {
            failed(e, r);
          }
        }
      }
    }
  } finally {
    waivedFindingListeners.delete(listener);
  }
  return { violations, waived };
}
