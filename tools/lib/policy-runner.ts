// Evaluates CrossGuard policies over recorded resources the way the policy SDK's analyzer does:
// resource policies get each resource's inputs, stack policies get every resource's outputs with
// parent, dependencies and property dependencies resolved to resource objects; props are wrapped in
// `unknownCheckingProxy`, an UnknownValueError becomes an advisory "can't run during preview" note,
// and `notApplicable` is honoured. Built on the SDK's public API only.
import {
  EnforcementLevel,
  PolicyResource,
  ResourceValidationPolicy,
  Severity,
  StackValidationPolicy,
  unknownCheckingProxy,
  UnknownValueError,
} from "@pulumi/policy";
import { WaivedFinding, waivedFindingListeners } from "../../policy-pack/lib/define";
import type { RecordedResource } from "./recorder";

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
}

export interface PolicyReport {
  readonly violations: Violation[];
  readonly waived: (WaivedFinding & { type: string; name: string })[];
}

/** Per-policy config as `--policy-pack-config` gives it: `{ "<policy>": { ... } }` or a level. */
export type PackConfig = Record<string, EnforcementLevel | Record<string, unknown>>;

/** Wire form of a secret: `{ [SIG_KEY]: SECRET_SIG, value }`. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Unwraps secrets the way the policy SDK's deserializer does; unknown sentinels stay as they are. */
export function plain(v: any): any {
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") {
    if (v[SIG_KEY] === SECRET_SIG) return plain(v.value);
    const out: Record<string, any> = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  return v;
}

class NotApplicableError extends Error {}
const throwNotApplicable = (reason?: string): never => {
  throw new NotApplicableError(reason);
};

function isStack(p: AnyPolicy): p is StackValidationPolicy {
  return typeof (p as StackValidationPolicy).validateStack === "function";
}

function levelOf(p: AnyPolicy, config: PackConfig): EnforcementLevel {
  const c = config[p.name];
  if (typeof c === "string") return c;
  const l = (c?.enforcementLevel as EnforcementLevel | undefined) ?? p.enforcementLevel ?? "advisory";
  return l === "remediate" ? "mandatory" : l;
}

function configOf(p: AnyPolicy, config: PackConfig): Record<string, unknown> {
  const c = config[p.name];
  if (!c || typeof c === "string") return {};
  const { enforcementLevel: _drop, ...rest } = c;
  return rest;
}

/** `isType(cls)` as the SDK does it: by the class's `__pulumiType` token. */
function typeMatcher(type: string) {
  return (cls: any) => cls?.__pulumiType === type;
}

function resourceOptions(r: RecordedResource) {
  return {
    protect: r.options.protect,
    ignoreChanges: r.options.ignoreChanges,
    deleteBeforeReplace: r.options.deleteBeforeReplace,
    aliases: r.options.aliases,
    customTimeouts: r.options.customTimeouts,
    additionalSecretOutputs: r.options.additionalSecretOutputs,
    parent: r.parent,
  };
}

/**
 * Runs every policy over the recorded resources and returns violations (including preview notes)
 * and waived findings. Policy errors other than unknown values propagate, as the engine fails the
 * preview on them.
 */
export async function runPolicies(
  policies: readonly AnyPolicy[],
  resources: readonly RecordedResource[],
  config: PackConfig = {},
): Promise<PolicyReport> {
  const violations: Violation[] = [];
  const waived: PolicyReport["waived"] = [];
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const listener = (f: WaivedFinding) => {
    const r = byUrn.get(f.urn);
    waived.push({ ...f, type: r?.type ?? "", name: r?.name ?? "" });
  };
  waivedFindingListeners.add(listener);
  try {
    const stackResources = buildStackResources(resources);
    for (const p of policies) {
      const level = levelOf(p, config);
      if (level === "disabled") continue;
      const policyConfig = configOf(p, config);
      const push = (r: { urn: string; type: string; name: string }, detail: string, note = false) =>
        violations.push({
          policy: p.name,
          enforcementLevel: note ? "advisory" : level,
          severity: p.severity,
          urn: r.urn,
          type: r.type,
          name: r.name,
          message: note ? detail : `${p.description}\n${detail}`,
          detail,
          remediationSteps: p.remediationSteps,
          previewNote: note || undefined,
        });
      const failed = (e: unknown, r: { urn: string; type: string; name: string }) => {
        if (e instanceof UnknownValueError) {
          push(r, `can't run policy '${p.name}' during preview: ${e.message}`, true);
        } else if (!(e instanceof NotApplicableError)) {
          throw new Error(`Error validating ${r.urn} with policy '${p.name}': ${(e as Error)?.stack ?? e}`);
        }
      };
      if (isStack(p)) {
        const stackTarget = { urn: "", type: "pulumi:pulumi:Stack", name: "stack" };
        try {
          await p.validateStack(
            {
              resources: stackResources,
              getConfig: <T extends object>() => policyConfig as T,
              stackTags: new Map(),
              notApplicable: throwNotApplicable,
            } as any,
            (message: string, urn?: string) => {
              const r = urn ? byUrn.get(urn) : undefined;
              push(r ?? { ...stackTarget, urn: urn ?? "" }, message);
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
      for (const r of resources) {
        if (!r.custom) continue;
        const props = unknownCheckingProxy(plain(r.inputs));
        const isType = typeMatcher(r.type);
        for (const validate of validations) {
          try {
            await validate(
              {
                type: r.type,
                props,
                urn: r.urn,
                name: r.name,
                opts: resourceOptions(r),
                stackTags: new Map(),
                isType,
                asType: (cls: any) => (isType(cls) ? props : undefined),
                getConfig: <T extends object>() => policyConfig as T,
                notApplicable: throwNotApplicable,
              } as any,
              (message: string) => push(r, message),
            );
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

/** Stack-policy view of the recorded resources: outputs as props, references resolved. */
function buildStackResources(resources: readonly RecordedResource[]): PolicyResource[] {
  const made = new Map<string, PolicyResource>();
  const list: PolicyResource[] = resources.map((r) => {
    const props = unknownCheckingProxy(plain(r.outputs));
    const isType = typeMatcher(r.type);
    const pr: PolicyResource = {
      type: r.type,
      props,
      urn: r.urn,
      name: r.name,
      opts: resourceOptions(r),
      dependencies: [],
      propertyDependencies: {},
      isType,
      asType: (cls: any) => (isType(cls) ? props : undefined),
    } as any;
    made.set(r.urn, pr);
    return pr;
  });
  for (const r of resources) {
    const pr = made.get(r.urn)!;
    if (r.parent && made.has(r.parent)) pr.parent = made.get(r.parent);
    pr.dependencies = r.dependencies.map((d) => made.get(d)).filter((d): d is PolicyResource => !!d);
    for (const [k, urns] of Object.entries(r.propertyDependencies)) {
      pr.propertyDependencies[k] = urns
        .map((d) => made.get(d))
        .filter((d): d is PolicyResource => !!d);
    }
  }
  return list;
}
