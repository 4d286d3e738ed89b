// Builds the analyzer protocol's requests from recorded resources the way the Pulumi engine builds
// them, so the policy pack sees exactly what `pulumi preview` / `pulumi up` would show it.
//
// Mirrored from pulumi/pulumi:
// - pkg/resource/deploy/source_eval.go, `resmon.RegisterResource`: the program's inputs are
//   unmarshalled with KeepUnknowns, KeepSecrets, KeepResources and (for non-remote resources)
//   without KeepOutputValues, so an output value becomes its plain value (unknown when it has none,
//   secret when it is secret); when a registration carries no property dependencies, every property
//   depends on every dependency of the request.
// - sdk/go/common/resource/plugin/analyzer_plugin.go, `analyzer.Analyze` / `AnalyzeStack` /
//   `marshalProvider` / `marshalResourceOptions`: properties are marshalled with
//   `MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipInternalKeys: true}` (resource
//   references are not kept), property dependencies without URNs are left out of AnalyzeStack.
// - sdk/go/common/resource/plugin/rpc.go, `MarshalProperties` / `MarshalPropertyValue`: an
//   unknown stays the unknown sentinel of its type, a secret becomes
//   `{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": ...}`, a
//   resource reference becomes its ID (unknown when the ID is unknown) or, for a component, its
//   URN; internal keys (`__` prefix) are skipped at the top level only.
// - pkg/resource/deploy/step_generator.go, `continueStepsFromImport` (Analyze) and
//   `AnalyzeResources` (AnalyzeStack): name = the URN's name, options = protect, ignoreChanges,
//   deleteBeforeReplace (when the program set it), additionalSecretOutputs, aliases of the old
//   state, customTimeouts, parent; provider = the provider resource's URN, type, name and inputs.
// - pkg/resource/deploy/step.go, `CreateStep.Apply`, and `resource.NewState`: a component's
//   outputs are empty until it registers outputs (the recorder keeps what it registered); a custom
//   resource's outputs are the provider's. No request carries a resource's ID; a provider reference
//   `<urn>::<id>` is resolved by its URN alone (`providers.ParseReference`), so an ID unknown at
//   preview changes nothing but the references built from it.
//
// Not modelled: the provider's Check (inputs are the program's, without provider defaults), the
// asset hashes the engine computes on registration (`ComputeAssetHashes`), and whether the program
// set deleteBeforeReplace to false (the recording keeps only the flag).
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import type { RecordedResource } from "../recorder";
import {
  encoded,
  OptionsView,
  ProtoWriter,
  ProviderView,
  resourceFields,
  ResourceView,
  stackResource,
  StackResourceView,
} from "./encode";
import {
  ARCHIVE_SIG,
  ASSET_SIG,
  OUTPUT_SIG,
  RESOURCE_SIG,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN,
} from "./wire";

/** The wire's signatures and unknown sentinel, defined once in ./wire.ts. */
export { ARCHIVE_SIG, ASSET_SIG, OUTPUT_SIG, RESOURCE_SIG, SECRET_SIG, SIG_KEY, UNKNOWN };

export class MarshalError extends Error {}

/**
 * One wire-form value as the engine stores it and marshals it again for the analyzer, in the
 * JavaScript form of a `google.protobuf.Value` (what `Struct.toJavaScript` gives the pack).
 * Returns undefined for a value the wire never carries (an `undefined` property).
 */
export function engineValue(v: unknown, at: string): unknown {
  if (v === undefined || v === null) return v;
  switch (typeof v) {
    case "string":
      // Unknowns of every type keep their sentinel: `marshalUnknownProperty` writes the sentinel
      // of the element type the engine unmarshalled.
      return v;
    case "number":
    case "boolean":
      return v;
    case "object":
      break;
    default:
      throw new MarshalError(`${at}: a ${typeof v} is not a property value`);
  }
  if (Array.isArray(v)) {
    return v.map((e, i) => engineValue(e, `${at}[${i}]`) ?? null);
  }
  const o = v as Record<string, unknown>;
  const sig = o[SIG_KEY];
  if (sig !== undefined) {
    switch (sig) {
      case SECRET_SIG: {
        if (!("value" in o)) throw new MarshalError(`${at}: malformed RPC secret: missing value`);
        return { [SIG_KEY]: SECRET_SIG, value: engineValue(o.value, `${at}.value`) ?? null };
      }
      case RESOURCE_SIG: {
        if (typeof o.urn !== "string") {
          throw new MarshalError(`${at}: malformed resource reference: urn not a string`);
        }
        // KeepResources is false: a custom resource's reference is its ID (unknown while the ID
        // is), a component's is its URN.
        if (!("id" in o)) return o.urn;
        const id = o.id;
        if (id === "" || id === UNKNOWN || id === undefined || id === null) return UNKNOWN;
        if (typeof id !== "string") {
          throw new MarshalError(`${at}: malformed resource reference: id not a string`);
        }
        return id;
      }
      case OUTPUT_SIG: {
        // Not kept for a non-remote registration: the plain value, or unknown.
        const plain = "value" in o ? (engineValue(o.value, `${at}.value`) ?? UNKNOWN) : UNKNOWN;
        return o.secret === true ? { [SIG_KEY]: SECRET_SIG, value: plain } : plain;
      }
      case ASSET_SIG:
      case ARCHIVE_SIG:
        // Serialized as the engine serializes an asset or archive: the same object.
        return engineObject(o, at, false);
      default:
        throw new MarshalError(`${at}: unrecognized signature '${String(sig)}' in property map`);
    }
  }
  return engineObject(o, at, false);
}

function engineObject(
  o: Record<string, unknown>,
  at: string,
  topLevel: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    // SkipInternalKeys applies to the top level only.
    if (topLevel && k.startsWith("__")) continue;
    const m = engineValue(o[k], at ? `${at}.${k}` : k);
    if (m !== undefined) out[k] = m;
  }
  return out;
}

/** A property map (inputs or outputs) as the analyzer receives it, in JavaScript form. */
export function engineProperties(
  props: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return engineObject(props ?? {}, "", true);
}

/** The name part of a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`), as `URN.Name()`. */
export function urnName(urn: string): string {
  const parts = urn.split("::");
  return parts.length >= 4 ? parts.slice(3).join("::") : urn;
}

/** The type part of a URN (the last segment of the qualified type). */
export function urnType(urn: string): string {
  const parts = urn.split("::");
  if (parts.length < 4) return "";
  const qualified = parts[2];
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

/** `resource.DefaultRootStackURN(stack, project)`. */
export function defaultRootStackUrn(stack: string, project: string): string {
  return `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
}

/** The URN of a provider reference `<urn>::<id>` (`providers.ParseReference`). */
export function providerUrn(ref: string): string {
  const i = ref.lastIndexOf("::");
  return i < 0 ? ref : ref.slice(0, i);
}

/** `marshalResourceOptions` of what the engine knows of a registration. */
function optionsView(r: RecordedResource): OptionsView {
  return {
    protect: r.options.protect,
    ignoreChanges: r.options.ignoreChanges,
    // The recorder keeps the flag, not whether the program set it: only `true` was surely set.
    deleteBeforeReplace: r.options.deleteBeforeReplace ? true : undefined,
    additionalSecretOutputs: r.options.additionalSecretOutputs,
    // `new.GetAliases()` holds the old state's URN an alias matched; offline there is no old state.
    aliases: [],
    customTimeouts: {
      create: r.options.customTimeouts.createSeconds,
      update: r.options.customTimeouts.updateSeconds,
      delete: r.options.customTimeouts.deleteSeconds,
    },
    parent: r.parent ?? "",
  };
}

/** Builds the requests of one engine run over a stack's resources. */
export class RequestBuilder {
  private readonly byUrn: Map<string, RecordedResource>;
  private readonly providers = new Map<string, ProviderView | null>();

  constructor(private readonly resources: readonly RecordedResource[]) {
    this.byUrn = new Map(resources.map((r) => [r.urn, r]));
  }

  /**
   * A registration made since the builder was made (a run analyzed while its program runs): its
   * provider, registered before it, is looked up as in a builder made from every resource.
   */
  add(r: RecordedResource): void {
    this.byUrn.set(r.urn, r);
  }

  /** `sg.getProviderResource`: the provider resource registered in this deployment, if any. */
  private provider(r: RecordedResource): ProviderView | undefined {
    if (!r.provider) return undefined;
    const urn = providerUrn(r.provider);
    let p = this.providers.get(urn);
    if (p === undefined) {
      const res = this.byUrn.get(urn);
      p = res
        ? {
            urn: res.urn,
            type: res.type,
            name: urnName(res.urn),
            properties: engineProperties(res.inputs),
          }
        : null;
      this.providers.set(urn, p);
    }
    return p ?? undefined;
  }

  /** What Analyze (and Remediate) carries for one registration: its inputs. */
  analyzeView(r: RecordedResource, inputs?: Record<string, unknown>): ResourceView {
    return {
      urn: r.urn,
      type: r.type,
      name: urnName(r.urn),
      properties: inputs ?? engineProperties(r.inputs),
      options: optionsView(r),
      provider: this.provider(r),
    };
  }

  /** What AnalyzeStack carries for one resource: its outputs and its relations. */
  stackView(r: RecordedResource): StackResourceView {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [k, urns] of Object.entries(effectivePropertyDependencies(r))) {
      // "Skip properties that have no dependencies."
      if (urns.length > 0) propertyDependencies[k] = urns;
    }
    return {
      urn: r.urn,
      type: r.type,
      name: urnName(r.urn),
      properties: engineProperties(r.outputs),
      options: optionsView(r),
      provider: this.provider(r),
      parent: r.parent ?? "",
      dependencies: r.dependencies,
      propertyDependencies,
    };
  }

  /** The Analyze request of one registration (`inputs`: remediated inputs, engine form). */
  analyzeRequest(r: RecordedResource, inputs?: Record<string, unknown>): analyzerpb.AnalyzeRequest {
    const w = new ProtoWriter();
    resourceFields(w, this.analyzeView(r, inputs));
    return encoded(analyzerpb.AnalyzeRequest, w.bytes());
  }

  /**
   * The AnalyzeStack request: every resource the deployment manages. A read (`Resource.get`, a
   * stack reference) is left out as the engine leaves it out: AnalyzeStack walks `news`, and the
   * step executor puts a resource there only when it has a goal, which only a registration sets
   * ("If this is not a resource that is managed by Pulumi, then we can ignore it", pulumi/pulumi
   * pkg/resource/deploy/step_executor.go).
   */
  analyzeStackRequest(): analyzerpb.AnalyzeStackRequest {
    const w = new ProtoWriter();
    for (const r of this.resources) if (!r.external) stackResource(w, 1, this.stackView(r));
    return encoded(analyzerpb.AnalyzeStackRequest, w.bytes());
  }
}

/**
 * The property dependencies the engine stores: the registration's own, or, when it sent none,
 * every input property depending on every dependency (`resmon.RegisterResource`).
 */
export function effectivePropertyDependencies(r: RecordedResource): Record<string, string[]> {
  // A read (`Resource.get`) goes through `ReadResource`, which has no such rule.
  if (r.external || Object.keys(r.propertyDependencies).length > 0 || r.dependencies.length === 0) {
    return r.propertyDependencies;
  }
  const out: Record<string, string[]> = {};
  for (const k of Object.keys(r.inputs)) {
    if (r.inputs[k] !== undefined) out[k] = [...r.dependencies];
  }
  return out;
}
