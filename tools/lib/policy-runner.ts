// Evaluates CrossGuard policies over recorded resources the way the engine and the policy SDK's
// analyzer do: resource policies get every registered resource's inputs (components, providers and
// the root stack included, as the engine analyzes every registration) with its provider resource,
// stack policies get every resource's outputs with parent, dependencies and property dependencies
// resolved to resource objects; props are wrapped in `unknownCheckingProxy`, an UnknownValueError
// becomes an advisory "can't run during preview" note, and `notApplicable` is honoured. A stack
// policy's finding without a resource is attributed to the root stack, as the engine does. Built
// on the SDK's public API only.
import {
  EnforcementLevel,
  PolicyResource,
  ResourceValidationPolicy,
  Severity,
  StackValidationPolicy,
  unknownCheckingProxy,
  UnknownValueError,
} from "@pulumi/policy";
import { policyCatalog, WaivedFinding, waivedFindingListeners } from "../../policy-pack/lib/define";
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

import { SECRET_SIG, SIG_KEY } from "./engine/wire";

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

export function levelOf(p: AnyPolicy, config: PackConfig): EnforcementLevel {
  const c = config[p.name];
  if (typeof c === "string") return c;
  const l =
    (c?.enforcementLevel as EnforcementLevel | undefined) ?? p.enforcementLevel ?? "advisory";
  return l === "remediate" ? "mandatory" : l;
}

function configOf(p: AnyPolicy, config: PackConfig): Record<string, unknown> {
  const c = config[p.name];
  if (!c || typeof c === "string") return {};
  const rest: Record<string, unknown> = { ...c };
  delete rest.enforcementLevel;
  return rest;
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
  const rootStack = resources.find((r) => r.type === "pulumi:pulumi:Stack" && !r.parent);
  const providerOf = providerResolver(byUrn);
  const listener = (f: WaivedFinding) => {
    const r = byUrn.get(f.urn);
    waived.push({ ...f, type: r?.type ?? "", name: r?.name ?? "" });
  };
  waivedFindingListeners.add(listener);
  // Inputs as the SDK deserializes them, once per resource (policies only read them).
  const plainInputs = new Map<RecordedResource, any>();
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
          push(r, `can't run policy '${p.name}' during preview: ${(e as Error).message}`, true);
        } else if (!(e instanceof NotApplicableError)) {
          throw new Error(
            `Error validating ${r.urn} with policy '${p.name}': ${(e as Error)?.stack ?? e}`,
          );
        }
      };
      if (isStack(p)) {
        const stackTarget = rootStack ?? { urn: "", type: "pulumi:pulumi:Stack", name: "stack" };
        try {
          await p.validateStack(
            {
              resources: stackResources,
              getConfig: <T extends object>() => policyConfig as T,
              stackTags: new Map(),
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
                name: r.name,
                opts: resourceOptions(r),
                stackTags: new Map(),
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

/**
 * The provider resource of a resource, as the engine passes it (`args.provider`): type, URN, name
 * and the provider's inputs. A reference is `<provider URN>::<provider id>`.
 */
function providerResolver(byUrn: ReadonlyMap<string, RecordedResource>) {
  const made = new Map<string, any>();
  return (r: RecordedResource): any => {
    if (!r.provider) return undefined;
    const urn = r.provider.slice(0, r.provider.lastIndexOf("::"));
    let p = made.get(urn);
    if (p === undefined) {
      const res = byUrn.get(urn);
      p = res
        ? {
            type: res.type,
            urn: res.urn,
            name: res.name,
            props: unknownCheckingProxy(plain(res.inputs)),
          }
        : null;
      made.set(urn, p);
    }
    return p ?? undefined;
  };
}

/** Stack-policy view of the recorded resources: outputs as props, references resolved. */
function buildStackResources(resources: readonly RecordedResource[]): PolicyResource[] {
  const made = new Map<string, PolicyResource>();
  const providerOf = providerResolver(new Map(resources.map((r) => [r.urn, r])));
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
    const provider = providerOf(r);
    if (provider) (pr as any).provider = provider;
    made.set(r.urn, pr);
    return pr;
  });
  for (const r of resources) {
    const pr = made.get(r.urn)!;
    if (r.parent && made.has(r.parent)) pr.parent = made.get(r.parent);
    pr.dependencies = r.dependencies
      .map((d) => made.get(d))
      .filter((d): d is PolicyResource => !!d);
    for (const [k, urns] of Object.entries(r.propertyDependencies)) {
      // The engine leaves out properties without dependencies when it calls AnalyzeStack (the SDK
      // registers an entry, possibly empty, for every input it sets).
      if (urns.length === 0) continue;
      pr.propertyDependencies[k] = urns
        .map((d) => made.get(d))
        .filter((d): d is PolicyResource => !!d);
    }
  }
  return list;
}
