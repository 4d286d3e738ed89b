// One index over a recording, shared by the cost estimate, the diagram and the tests: resources
// by URN and type, who references whom through property dependencies, component chains, and the
// graph queries more than one tool asks (task roles, the buckets a role may use, endpoint services).
import type { RecordedResource, Recording } from "./recorder";
import { UNKNOWN } from "./engine/wire";
import { ROOT_STACK_TYPE } from "./engine/urns";

/** True for a value the engine does not know at preview. */
export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN;
}

/** Fast lookups over one recording. */
export class ResourceIndex {
  readonly byUrn = new Map<string, RecordedResource>();
  private readonly byTypeMap = new Map<string, RecordedResource[]>();
  /** target URN → [referring resource, property] */
  private readonly refs = new Map<string, { from: RecordedResource; prop: string }[]>();

  constructor(readonly resources: readonly RecordedResource[]) {
    for (const r of resources) {
      this.byUrn.set(r.urn, r);
      const list = this.byTypeMap.get(r.type) ?? [];
      list.push(r);
      this.byTypeMap.set(r.type, list);
    }
    for (const r of resources) {
      for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
        for (const urn of urns) {
          const list = this.refs.get(urn) ?? [];
          list.push({ from: r, prop });
          this.refs.set(urn, list);
        }
      }
    }
  }

  ofType(...types: string[]): RecordedResource[] {
    return types.flatMap((t) => this.byTypeMap.get(t) ?? []);
  }

  /** Resources whose property `prop` (any property when omitted) was built from `target`. */
  referrers(target: RecordedResource, prop?: string, ...types: string[]): RecordedResource[] {
    return (this.refs.get(target.urn) ?? [])
      .filter(
        (e) =>
          (prop === undefined || e.prop === prop) &&
          (types.length === 0 || types.includes(e.from.type)),
      )
      .map((e) => e.from);
  }

  /** Resources that `source`'s property `prop` (any when omitted) was built from. */
  referenced(source: RecordedResource, prop?: string, ...types: string[]): RecordedResource[] {
    const urns =
      prop === undefined
        ? Object.values(source.propertyDependencies).flat()
        : (source.propertyDependencies[prop] ?? []);
    const out: RecordedResource[] = [];
    for (const urn of new Set(urns)) {
      const r = this.byUrn.get(urn);
      if (r && (types.length === 0 || types.includes(r.type))) out.push(r);
    }
    return out;
  }

  /** The component chain of a resource, outermost first (the root stack left out). */
  componentChain(r: RecordedResource): RecordedResource[] {
    const chain: RecordedResource[] = [];
    let parent = r.parent ? this.byUrn.get(r.parent) : undefined;
    while (parent && parent.type !== "pulumi:pulumi:Stack") {
      chain.unshift(parent);
      parent = parent.parent ? this.byUrn.get(parent.parent) : undefined;
    }
    return chain;
  }

  /** The components of the program (`custom: false`, the root stack excluded). */
  components(): RecordedResource[] {
    return this.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack");
  }
}

/** "Runtime staging-runtime › PublicLoadBalancer staging-runtime-lb" */
export function componentLabel(chain: readonly RecordedResource[]): string {
  if (chain.length === 0) return "(stack)";
  return chain.map((c) => `${c.type.split(":").pop()} ${c.name}`).join(" › ");
}

/** The AWS region the program targets: the default aws provider's region input. */
export function regionOf(rec: Recording): string | undefined {
  const provider = rec.resources.find((r) => r.type === "pulumi:providers:aws");
  const region = provider?.inputs.region;
  return typeof region === "string" && !isUnknown(region) ? region : undefined;
}

// ---- graph queries shared by the tools ---------------------------------------------------------

/** Roles ECS tasks run as (task definitions' taskRoleArn). */
export function taskRoles(index: ResourceIndex): Set<string> {
  const roles = new Set<string>();
  for (const td of index.ofType("aws:ecs/taskDefinition:TaskDefinition")) {
    for (const role of index.referenced(td, "taskRoleArn", "aws:iam/role:Role"))
      roles.add(role.urn);
  }
  return roles;
}

/** Buckets named in the inline policies of a role (RolePolicy documents built from them). */
export function bucketsOfRole(role: RecordedResource, index: ResourceIndex): RecordedResource[] {
  const out = new Map<string, RecordedResource>();
  for (const policy of index.referrers(role, "role", "aws:iam/rolePolicy:RolePolicy")) {
    for (const b of index.referenced(
      policy,
      "policy",
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketV2:BucketV2",
    ))
      out.set(b.urn, b);
  }
  return [...out.values()];
}

/** Short service name of an endpoint: com.amazonaws.eu-west-1.ecr.api → ecr.api */
export function endpointService(r: RecordedResource): string {
  const name = String(r.inputs.serviceName ?? "");
  return isUnknown(name) ? "(unknown)" : name.replace(/^com\.amazonaws\.[a-z0-9-]+\./, "");
}

/**
 * Where a resource's source sorts: engine-made resources (no source, or the root stack, which the
 * SDK registers from its own files) first, then the user's own files by path, then installed
 * packages by their path inside node_modules. The path of an installed package is taken from its
 * last `node_modules/` on: where node_modules lives (a linked folder, another checkout) must not
 * move a resource.
 */
function sourceKey(r: RecordedResource): [number, string] {
  const uri = r.source?.uri;
  if (!uri || (r.type === ROOT_STACK_TYPE && !r.parent)) return [0, ""];
  const i = uri.lastIndexOf("/node_modules/");
  return i < 0 ? [1, uri] : [2, uri.slice(i + "/node_modules/".length)];
}

/**
 * Registrations arrive in the order their inputs resolve, which varies from run to run; tools
 * that render or judge a recording need one order. Program order is stable: where the program
 * made each resource (`sourceKey`: the file, then line and column the SDK reports), then the URN.
 */
export function byProgramOrder(a: RecordedResource, b: RecordedResource): number {
  const [ca, fa] = sourceKey(a);
  const [cb, fb] = sourceKey(b);
  return (
    ca - cb ||
    fa.localeCompare(fb) ||
    (a.source?.line ?? 0) - (b.source?.line ?? 0) ||
    (a.source?.column ?? 0) - (b.source?.column ?? 0) ||
    a.urn.localeCompare(b.urn)
  );
}

/** The resources in program order (see `byProgramOrder`). */
export function inProgramOrder<T extends RecordedResource>(resources: readonly T[]): T[] {
  return [...resources].sort(byProgramOrder);
}
