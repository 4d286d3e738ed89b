// Policy definition helpers: every policy in this pack is built through `resourcePolicy` or
// `stackPolicy`, which add the shared metadata (severity, control references, remediation), the
// waiver mechanism and preview-safe handling of unknown values. Policies never construct the pack.
import {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
  UnknownValueError,
} from "@pulumi/policy";
import { gateOnTypes, orderStackPolicies, sawStack } from "./applies-to";
import { gateResourceTypes } from "./resource-gate";
import { StackIndex } from "./stack-index";
import {
  classicArgs,
  classicResources,
  listsNative,
  nativeTypeOf,
  nativePropsOf,
  nativeWording,
} from "./native/view";
import { UNKNOWN, flagOn, flagValue } from "./values";
import { findWaiver, Waiver, WaiverSource } from "./waivers";

/** A control a policy mirrors, e.g. `{ source: "cdk-nag", id: "AwsSolutions-S2" }`. */
export interface ControlReference {
  readonly source:
    | "AWSGuard"
    | "compliance-policies"
    | "cdk-nag"
    | "Checkov"
    | "KICS"
    | "Trivy"
    | "KICS"
    | "Security Hub FSBP"
    | "AWS docs";
  readonly id: string;
}

/** Metadata every policy in the pack carries. */
export interface PolicyMeta {
  /** kebab-case `<service>-<rule>`, unique in the pack. */
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: Severity;
  readonly remediationSteps: string;
  /** Controls this policy mirrors; empty only for rules no known pack has. */
  readonly references: readonly ControlReference[];
  /** Extra config properties (JSON schema), with defaults that fit this project's stacks. */
  readonly config?: PolicyConfigSchema["properties"];
  /**
   * Why the rule judges no @pulumi/aws-native type, when it lists none and judges resources
   * (CloudFormation has no type for what it judges, ...): the pack README's table says so.
   */
  readonly noNativeTwin?: string;
}

/** What a check receives besides the resource. */
export interface CheckContext<C> {
  /** Policy config with the schema's defaults applied. */
  readonly config: C;
  /** Report a finding against the resource being checked. */
  report(message: string): void;
}

export interface StackCheckContext<C> {
  readonly config: C;
  /** The stack's resources, indexed once (see `StackIndex`). */
  readonly index: StackIndex;
  /**
   * Report a finding against `resource`. `waiverCarriers` are further resources whose waiver tags
   * also count (for example a route table for an untaggable route).
   */
  report(resource: PolicyResource, message: string, waiverCarriers?: PolicyResource[]): void;
  /**
   * Evaluate one resource's part of the check. An unknown value (preview) stops only this part;
   * the policy goes on with the other resources and, at the end, the engine is told which parts
   * could not run (an advisory "can't run during preview" note), so nothing unknown passes silently.
   */
  each(resource: PolicyResource, fn: () => void): void;
}

/** A finding withheld because a resource waives the policy; still reported by `policy-waivers`. */
export interface WaivedFinding {
  readonly policy: string;
  readonly urn: string;
  readonly message: string;
  readonly waiver: Waiver;
}

/** A withheld finding as the pack records it: for a tag waiver, also the resource carrying the tag. */
export interface WithheldFinding extends WaivedFinding {
  /** URN of the resource whose `waiver:<policy>` tag waived the finding (tag waivers only). */
  readonly carrier?: string;
}

/**
 * Listeners for waived findings, called with the finding and the evaluation it belongs to. The
 * real engine has no "waived" diagnostic: the pack's `policy-waivers` policy reports every waiver
 * in use with the findings it withheld (see `withheldFindings`); in-process tools may also listen.
 */
export const waivedFindingListeners = new Set<(f: WithheldFinding, evaluation: unknown) => void>();

/**
 * The findings withheld in the current evaluation. An evaluation is one stack configuration of
 * the engine: the SDK hands every policy of it the same `stackTags` object (replaced on each
 * `ConfigureStack`), so that object identifies it; findings of an earlier evaluation are dropped.
 */
const withheld: { evaluation: unknown; findings: WithheldFinding[] } = {
  evaluation: undefined,
  findings: [],
};

/** Findings withheld so far in the evaluation whose policies receive `stackTags`. */
export function withheldFindings(stackTags: unknown): readonly WithheldFinding[] {
  return withheld.evaluation === stackTags ? withheld.findings : [];
}

/** A policy's metadata as docs and tools read it. */
export type CatalogEntry = PolicyMeta & { kind: "resource" | "stack"; types: readonly string[] };

/**
 * The pack's catalogue: every policy's metadata, in the pack's order, for docs and tools. Built
 * by `catalogue()` from the rule arrays (../policies/index.ts), so the order modules load in does
 * not matter.
 */
export const policyCatalog = new Map<string, CatalogEntry>();

/** Every policy defined so far, by name: what `catalogue()` picks from. */
const definitions = new Map<string, CatalogEntry>();

/** Fills `policyCatalog` from `policies`, in their order, and returns them. */
export function catalogue<P extends { readonly name: string }>(policies: P[]): P[] {
  policyCatalog.clear();
  for (const p of policies) {
    const entry = definitions.get(p.name);
    if (entry) policyCatalog.set(p.name, entry);
  }
  // The SDK runs the stack policies in the pack's order (see ./applies-to.ts).
  orderStackPolicies(policies.filter((p) => "validateStack" in p).map((p) => p.name));
  return policies;
}

const waiverSchema: PolicyConfigSchema["properties"] = {
  waivers: {
    type: "array",
    description:
      "Waivers for resources that cannot carry a waiver tag: each names a resource (logical name or URN) and the reason.",
    items: {
      type: "object",
      properties: { resource: { type: "string" }, reason: { type: "string", minLength: 10 } },
      required: ["resource", "reason"],
    },
    default: [],
  },
};

function schemaFor(meta: PolicyMeta): PolicyConfigSchema {
  return { properties: { ...waiverSchema, ...(meta.config ?? {}) } };
}

/**
 * Reads a policy's config with the schema's defaults applied (the engine passes only what the user
 * set). The defaults are collected once per policy, not on every call.
 */
function configReader<C>(meta: PolicyMeta): (raw: object) => C & { waivers: WaiverSource[] } {
  const defaults: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schemaFor(meta).properties)) {
    if (v.default !== undefined) defaults[k] = v.default;
  }
  return (raw) =>
    ({ ...defaults, ...(raw as Record<string, unknown>) }) as C & {
      waivers: WaiverSource[];
    };
}

function basePolicy(meta: PolicyMeta) {
  return {
    name: meta.name,
    description: meta.description,
    enforcementLevel: meta.enforcementLevel,
    severity: meta.severity,
    remediationSteps: meta.remediationSteps,
    tags: meta.references.map((r) => `${r.source}:${r.id}`),
    configSchema: schemaFor(meta),
  };
}

function emitWaived(f: WithheldFinding, stackTags: unknown): void {
  if (withheld.evaluation !== stackTags) {
    withheld.evaluation = stackTags;
    withheld.findings = [];
  }
  withheld.findings.push(f);
  for (const l of waivedFindingListeners) l(f, stackTags);
}

/** Collects unknown-value errors so a policy finishes its other work first. */
class UnknownCollector {
  private readonly parts: string[] = [];
  run(label: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof UnknownValueError) this.parts.push(`${label}: ${(e as Error).message}`);
      else throw e;
    }
  }
  /** Re-throws one UnknownValueError naming every part that could not run. */
  finish(): void {
    if (this.parts.length === 0) return;
    const err = new UnknownValueError(UNKNOWN, []);
    err.message = `${this.parts.length} check(s) depend on values unknown until apply: ${this.parts.join("; ")}`;
    throw err;
  }
}

/** `<what>.`, or `<what>: <why>.` when the rule says what the setting costs. */
const finding = (what: string, why: string | undefined): string =>
  why === undefined ? `${what}.` : `${what}: ${why}.`;

/**
 * The check of a rule that judges one boolean input: the finding `<prop> is <value>.` (with `why`,
 * `<prop> is <value>: <why>.`) when the input reads as `value`, written as a boolean or as a string
 * the provider parses to it ("true", "False", "1": values.ts, flagValue), a setting that must not
 * be on, or not be turned off; left out (or a string that is no boolean), it passes (the
 * provider's default is the safe one).
 */
export function reportIf(prop: string, value: boolean, why?: string) {
  const message = finding(`${prop} is ${value}`, why);
  return (props: any, ctx: { report(message: string): void }): void => {
    if (flagValue(props[prop]) === value) ctx.report(message);
  };
}

/**
 * The check of a rule that requires a boolean input to be on: the finding `<prop> is not true.`
 * (with `why`, `<prop> is not true: <why>.`) unless it reads as true, written as `true` or as a
 * string the provider parses to true ("true", "True", "1": values.ts, flagOn); left out is a
 * finding too (the provider's default is off).
 */
export function requireTrue(prop: string, why?: string) {
  const message = finding(`${prop} is not true`, why);
  return (props: any, ctx: { report(message: string): void }): void => {
    if (!flagOn(props[prop])) ctx.report(message);
  };
}

/**
 * A policy over single resources of the given type tokens (for example both
 * `aws:s3/bucket:Bucket` and `aws:s3/bucketV2:BucketV2`). `check` receives the resource inputs,
 * wrapped so an unknown value throws; it may report several findings.
 */
export function resourcePolicy<C = Record<string, never>>(
  meta: PolicyMeta & {
    readonly types: readonly string[];
    check(props: any, ctx: CheckContext<C>, args: ResourceValidationArgs): void;
  },
): ResourceValidationPolicy {
  definitions.set(meta.name, { ...meta, kind: "resource", types: meta.types });
  const types = new Set(meta.types);
  const readConfig = configReader<C>(meta);
  const validateResource = (raw: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (!types.has(raw.type)) return;
    // An aws-native type the rule lists is judged as its classic twin (./native/twins.ts).
    const args = classicArgs(raw);
    const config = readConfig(args.getConfig());
    const unknowns = new UnknownCollector();
    // A finding on an aws-native resource names the native properties (./native/view.ts).
    const say = args === raw ? undefined : (m: string) => nativeWording(raw.type, m, raw.props);
    const ctx: CheckContext<C> = {
      config,
      report: (text) => {
        const message = say ? say(text) : text;
        const found = findWaiver(meta.name, args.urn, args.name, [args.props], config.waivers);
        if (found) {
          const { waiver, carrier } = found;
          const f = { policy: meta.name, urn: args.urn, message, waiver };
          emitWaived(carrier === undefined ? f : { ...f, carrier: args.urn }, args.stackTags);
        } else reportViolation(message);
      },
    };
    unknowns.run(args.name, () => meta.check(args.props, ctx, args));
    unknowns.finish();
  };
  // A policy of one type says so the way `validateResourceOfType` does: the SDK's analyzer then
  // skips every other type without decoding its properties (server.js, `getPulumiType`). A policy
  // of several types (a classic type and its aws-native twin) names the one being analyzed, when
  // it lists it, for the same skip (./resource-gate.ts).
  if (meta.types.length === 1) {
    (validateResource as { __pulumiType?: string }).__pulumiType = meta.types[0];
  } else if (meta.types.length > 1) {
    gateResourceTypes(validateResource, meta.types);
  }
  return { ...basePolicy(meta), validateResource };
}

/**
 * A policy over the whole stack, for rules that span resources. Gets a `StackIndex` built once per
 * evaluation (maps by URN, type, and reverse property dependencies), never nested scans.
 */
export function stackPolicy<C = Record<string, never>>(
  meta: PolicyMeta & {
    /** Resource types the rule is about (for docs and the catalog). */
    readonly types: readonly string[];
    /**
     * The type, or the few types, every finding of the rule is reported on, when the rule judges
     * nothing else: it looks at other resources only on behalf of a resource of these types (no
     * finding, no preview note, without one). A stack without a resource of them then has
     * nothing to judge, and the SDK's analyzer skips the rule there instead of decoding every
     * resource for it (server.js, `getPulumiType`, the mark that `validateStackResourcesOfType`
     * sets; for several types see ./applies-to.ts). A finding on a resource of another type is a
     * defect of the rule, and fails the evaluation. Default: none, the rule runs on every stack.
     */
    readonly appliesTo?: string | readonly string[];
    check(ctx: StackCheckContext<C>, args: StackValidationArgs): void;
  },
): StackValidationPolicy {
  definitions.set(meta.name, { ...meta, kind: "stack", types: meta.types });
  const readConfig = configReader<C>(meta);
  const appliesTo = meta.appliesTo === undefined ? undefined : [meta.appliesTo].flat();
  const native = listsNative(meta.types);
  const validateStack = (raw: StackValidationArgs, reportViolation: ReportViolation) => {
    let args = raw;
    const config = readConfig(args.getConfig());
    const unknowns = new UnknownCollector();
    // A rule that lists aws-native types sees every native resource as its classic twin.
    const resources = native ? classicResources(args.resources) : args.resources;
    if (resources !== args.resources) args = { ...args, resources };
    const index = StackIndex.of(resources);
    sawStack(meta.name, index, resources !== raw.resources ? rawTypes(raw) : undefined);
    const ctx: StackCheckContext<C> = {
      config,
      index,
      report: (resource, text, carriers = []) => {
        const nativeType = native ? nativeTypeOf(resource) : undefined;
        const message = nativeType
          ? nativeWording(nativeType, text, nativePropsOf(resource))
          : text;
        const listed = (t: string | undefined) => t !== undefined && appliesTo?.includes(t);
        if (appliesTo !== undefined && !listed(resource.type) && !listed(nativeType)) {
          throw new Error(
            `policy ${meta.name} applies to ${appliesTo.join(", ")} only, but reported ${resource.urn}`,
          );
        }
        const found = findWaiver(
          meta.name,
          resource.urn,
          resource.name,
          [resource.props, ...carriers.map((c) => c.props)],
          config.waivers,
        );
        if (found) {
          const { waiver, carrier } = found;
          const f = { policy: meta.name, urn: resource.urn, message, waiver };
          const carrierUrn =
            carrier === undefined
              ? undefined
              : carrier === 0
                ? resource.urn
                : carriers[carrier - 1].urn;
          emitWaived(carrierUrn === undefined ? f : { ...f, carrier: carrierUrn }, args.stackTags);
        } else reportViolation(message, resource.urn);
      },
      each: (resource, fn) => unknowns.run(resource.name, fn),
    };
    meta.check(ctx, args);
    unknowns.finish();
  };
  if (appliesTo?.length === 1) {
    (validateStack as { __pulumiType?: string }).__pulumiType = appliesTo[0];
  } else if (appliesTo !== undefined && appliesTo.length > 1) {
    gateOnTypes(meta.name, validateStack, appliesTo);
  }
  return { ...basePolicy(meta), validateStack };
}

/** The types of the stack as the engine gave them (before native views), for ./applies-to.ts. */
function rawTypes(args: StackValidationArgs): ReadonlySet<string> {
  return new Set(args.resources.map((r) => r.type));
}

export { StackIndex } from "./stack-index";
