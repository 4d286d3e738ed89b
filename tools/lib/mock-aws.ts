// Mock AWS for the SDK's mock runtime (`pulumi.runtime.setMocks`), on top of the fake AWS
// (tools/lib/fake-aws): at preview a resource being created reports its inputs and leaves its
// computed id and ARN unknown, as the engine does; in an `up`-style run it gets the fake's
// realistic id and outputs. Invokes answer from the fake; the AZs are the region's real ones.
import type { MockCallArgs, MockResourceArgs } from "@pulumi/pulumi/runtime";
import { invoke, region as regionInfo, resourceState, UNKNOWN } from "./fake-aws";

export interface MockEnv {
  readonly accountId: string;
  readonly region: string;
  /** AZ suffixes the region offers, e.g. ["a", "b", "c"] (see `azNamesOf`). */
  readonly azNames: string[];
  /**
   * Per instance type, the only AZ IDs that offer it (getInstanceTypeOfferings); a type not
   * listed is offered in every zone. Defaults to none.
   */
  readonly instanceTypeZones?: Readonly<Record<string, readonly string[]>>;
}

/** The AZ suffixes a region offers (from the fake's region table; an unknown region throws). */
export function azNamesOf(region: string): string[] {
  return regionInfo(region).zones.map((z) => z.name.slice(region.length));
}

/** `newResource` for the mock monitor. */
export function mockState(
  args: MockResourceArgs,
  env: MockEnv,
  preview: boolean,
): { id: string | undefined; state: Record<string, any> } {
  const inputs = args.inputs ?? {};
  if (!args.custom) return { id: undefined, state: inputs };
  const r = resourceState(
    { type: args.type, name: args.name, inputs, id: args.id || undefined },
    { accountId: env.accountId, region: env.region },
    preview ? "preview" : "apply",
  );
  if (preview && !args.id) {
    // Being created: the engine knows the inputs, not the id or the ARN.
    return { id: undefined, state: { ...r.state, arn: inputs.arn ?? UNKNOWN } };
  }
  return { id: r.id || undefined, state: r.state };
}

/** Invokes the program may make; one the fake cannot answer fails loudly, naming the token. */
export function mockCall(args: MockCallArgs, env: MockEnv): Record<string, any> {
  const result = invoke(args.token, args.inputs ?? {}, {
    accountId: env.accountId,
    region: env.region,
  });
  if (args.token === "aws:index/getAvailabilityZones:getAvailabilityZones") {
    // A test may narrow the zones (env.azNames); names and ids stay paired.
    const region = String(args.inputs?.region ?? env.region);
    const keep = (name: string) => env.azNames.includes(name.slice(region.length));
    const pairs = (result.names as string[])
      .map((n, i) => [n, result.zoneIds[i]] as const)
      .filter(([n]) => keep(n));
    return { ...result, names: pairs.map(([n]) => n), zoneIds: pairs.map(([, z]) => z) };
  }
  if (
    args.token === "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings" &&
    args.inputs?.locationType === "availability-zone-id" &&
    env.instanceTypeZones
  ) {
    // A test may take a type out of some zones; the three lists stay parallel.
    const only = env.instanceTypeZones;
    const keep = (result.locations as string[]).map(
      (z, i) => !only[result.instanceTypes[i]] || only[result.instanceTypes[i]].includes(z),
    );
    const pick = (list: string[]) => list.filter((_, i) => keep[i]);
    return {
      ...result,
      instanceTypes: pick(result.instanceTypes),
      locations: pick(result.locations),
      locationTypes: pick(result.locationTypes),
    };
  }
  return result;
}
