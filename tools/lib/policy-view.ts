// What a policy is handed for a recorded resource, as the engine sends it and the policy SDK's
// analyzer server decodes it: property values (secrets unwrapped, assets as asset objects), the
// resource options, `isType`, the provider resource, and the stack policy's view of every resource
// with its parent and dependencies resolved. Shared by the in-process runner (./policy-runner.ts).
import { PolicyResource, unknownCheckingProxy } from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import {
  ARCHIVE_SIG,
  ASSET_SIG,
  effectivePropertyDependencies,
  engineProperties,
  providerUrn,
  SECRET_SIG,
  SIG_KEY,
  urnName,
} from "./engine/marshal";
import type { RecordedResource } from "./recorder";

/**
 * A value as the SDK's `deserializeProperty` gives it to a policy (proxySecrets false): secrets
 * unwrapped, assets and archives as the SDK's asset objects; unknown sentinels stay as they are.
 */
function decoded(v: any): any {
  if (Array.isArray(v)) return v.map(decoded);
  if (v && typeof v === "object") {
    switch (v[SIG_KEY]) {
      case SECRET_SIG:
        return decoded(v.value);
      case ASSET_SIG:
        if (v.path) return new pulumi.asset.FileAsset(v.path);
        if (v.text) return new pulumi.asset.StringAsset(v.text);
        if (v.uri) return new pulumi.asset.RemoteAsset(v.uri);
        throw new Error("Invalid asset encountered when unmarshaling resource property");
      case ARCHIVE_SIG: {
        if (v.assets) {
          const assets: Record<string, any> = {};
          for (const k of Object.keys(v.assets)) assets[k] = decoded(v.assets[k]);
          return new pulumi.asset.AssetArchive(assets);
        }
        if (v.path) return new pulumi.asset.FileArchive(v.path);
        if (v.uri) return new pulumi.asset.RemoteArchive(v.uri);
        throw new Error("Invalid archive encountered when unmarshaling resource property");
      }
    }
    const out: Record<string, any> = {};
    for (const [k, x] of Object.entries(v)) out[k] = decoded(x);
    return out;
  }
  return v;
}

/** A recorded property map as a policy sees it: sent as the engine sends it, decoded by the SDK. */
export function plain(props: Record<string, any> | undefined): any {
  return decoded(engineProperties(props));
}

/** `isType(cls)` as the SDK does it: by the class's `__pulumiType` token. */
export function typeMatcher(type: string) {
  return (cls: any) => cls?.__pulumiType === type;
}

/** `getResourceOptions` of the SDK over what the engine sends (./engine/marshal.ts). */
export function resourceOptions(r: RecordedResource) {
  return {
    protect: r.options.protect,
    ignoreChanges: r.options.ignoreChanges,
    // The engine sends the old state's alias URNs: none offline.
    aliases: [],
    customTimeouts: r.options.customTimeouts,
    additionalSecretOutputs: r.options.additionalSecretOutputs,
    ...(r.options.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
    ...(r.parent ? { parent: r.parent } : {}),
  };
}

/**
 * The provider resource of a resource, as the engine passes it (`args.provider`): type, URN, name
 * and the provider's inputs. A reference is `<provider URN>::<provider id>`.
 */
export function providerResolver(byUrn: ReadonlyMap<string, RecordedResource>) {
  const made = new Map<string, any>();
  return (r: RecordedResource): any => {
    if (!r.provider) return undefined;
    const urn = providerUrn(r.provider);
    let p = made.get(urn);
    if (p === undefined) {
      const res = byUrn.get(urn);
      p = res
        ? {
            type: res.type,
            urn: res.urn,
            name: urnName(res.urn),
            props: unknownCheckingProxy(plain(res.inputs)),
          }
        : null;
      made.set(urn, p);
    }
    return p ?? undefined;
  };
}

/**
 * Stack-policy view of the recorded resources: outputs as props, references resolved. Reads of
 * existing resources are left out, as the engine leaves them out of AnalyzeStack (marshal.ts,
 * `analyzeStackRequest`); a reference to one resolves to nothing, as in the SDK.
 */
export function buildStackResources(all: readonly RecordedResource[]): PolicyResource[] {
  const made = new Map<string, PolicyResource>();
  const providerOf = providerResolver(new Map(all.map((r) => [r.urn, r])));
  const resources = all.filter((r) => !r.external);
  const list: PolicyResource[] = resources.map((r) => {
    const props = unknownCheckingProxy(plain(r.outputs));
    const isType = typeMatcher(r.type);
    const pr: PolicyResource = {
      type: r.type,
      props,
      urn: r.urn,
      name: urnName(r.urn),
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
    for (const [k, urns] of Object.entries(effectivePropertyDependencies(r))) {
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
