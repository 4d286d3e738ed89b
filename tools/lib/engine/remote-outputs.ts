// The outputs `pulumi up` would report for a remote component (served by a provider plugin,
// `remote: true`), as far as they follow from its name, its inputs and the stack's account and
// region: the offline engine never runs the plugin, so it answers, in the apply phase only, the
// plain outputs awsx's own code derives from the children it creates, each child's value taken
// from the fake AWS exactly as if the program had created that child itself. Outputs that are
// resource references (awsx `vpc`, `loadBalancer`, `repository`, …) are answered by
// ./remote-references.ts; outputs the plugin computes from lookups it makes stay unknown, and the
// run still names the component as the source of each unknown built from it (./unknown-sources.ts).
import { createHash } from "crypto";
import { resourceState, FakeAwsEnv, hasUnknown } from "../fake-aws";
import { resolveEnv } from "../fake-aws/env";
import { defaultVpc } from "../fake-aws/invokes-ec2";

type Inputs = Record<string, any>;
type Derive = (name: string, inputs: Inputs, env: FakeAwsEnv) => Inputs;

const known = (v: unknown): boolean => v !== undefined && !hasUnknown(v);

/** The id (or an output) the fake AWS gives a child `awsx` creates as `new <type>(name, inputs)`. */
function child(type: string, name: string, inputs: Inputs, env: FakeAwsEnv) {
  return resourceState({ type, name, inputs }, env, "apply");
}

/**
 * The subnets of an awsx `ec2.Vpc`, by type, in the order awsx pushes their ids: per availability
 * zone, then Public, Private, Isolated (pulumi/pulumi-awsx awsx/ec2/vpc.ts: the loop over
 * `availabilityZones` with `compareSubnetSpecs`; `Unused` specs make no subnet). Names are
 * `<vpc>-<spec name or type>-<az index + 1>` (awsx/ec2/subnetDistributorLegacy.ts). Undefined when
 * the inputs that decide them are unknown, or when the real run would fail (awsx throws when both
 * `availabilityZoneNames` and `numberOfAvailabilityZones` are given, or the region has fewer zones
 * than asked for: `getDefaultAzs`, 3 by default).
 */
export function awsxVpcSubnets(
  name: string,
  inputs: Inputs,
  zonesInRegion: number,
): Record<"Public" | "Private" | "Isolated", string[]> | undefined {
  const { availabilityZoneNames: names, numberOfAvailabilityZones: count, subnetSpecs } = inputs;
  if (names !== undefined && count !== undefined) return undefined;
  if (names !== undefined && (!known(names) || !Array.isArray(names))) return undefined;
  if (count !== undefined && (!known(count) || typeof count !== "number")) return undefined;
  const azs = Array.isArray(names) ? names.length : (count ?? 3);
  if (!Array.isArray(names) && azs > zonesInRegion) return undefined;
  // awsx/ec2/subnetDistributorLegacy.ts `generateDefaultSubnets`: one private, one public per AZ.
  const specs: { type: string; name?: string }[] =
    subnetSpecs === undefined ? [{ type: "Private" }, { type: "Public" }] : subnetSpecs;
  if (!Array.isArray(specs)) return undefined;
  for (const s of specs)
    if (!s || !known(s.type) || (s.name !== undefined && !known(s.name))) {
      return undefined;
    }
  const out = { Public: [] as string[], Private: [] as string[], Isolated: [] as string[] };
  for (let i = 0; i < azs; i++) {
    for (const type of ["Public", "Private", "Isolated"] as const) {
      for (const s of specs.filter((x) => String(x.type).toLowerCase() === type.toLowerCase())) {
        out[type].push(`${name}-${s.name ?? type.toLowerCase()}-${i + 1}`);
      }
    }
  }
  return out;
}

const DERIVE: Record<string, Derive> = {
  // pulumi/pulumi-awsx awsx/ec2/vpc.ts: `vpcId: vpc.id` of `new aws.ec2.Vpc(name, …)`, and the
  // ids of the `aws.ec2.Subnet`s it creates, by type.
  "awsx:ec2:Vpc"(name, inputs, env) {
    const vpc = child("aws:ec2/vpc:Vpc", name, { cidrBlock: "10.0.0.0/16" }, env);
    const subnets = awsxVpcSubnets(name, inputs, resolveEnv(env).region.zones.length);
    if (!subnets) return { vpcId: vpc.id };
    const ids = (names: string[]) =>
      names.map((n) => child("aws:ec2/subnet:Subnet", n, { vpcId: vpc.id }, env).id);
    return {
      vpcId: vpc.id,
      publicSubnetIds: ids(subnets.Public),
      privateSubnetIds: ids(subnets.Private),
      isolatedSubnetIds: ids(subnets.Isolated),
    };
  },
  // awsx/ec2/defaultVpc.ts, getDefaultVpc.ts: `aws.ec2.getVpc({ default: true })`, its subnets
  // split by `mapPublicIpOnLaunch`; a default VPC's default subnets all map public IPs (VPC User
  // Guide, "Default subnets"), as the fake's own `getVpc` / `getSubnets` answers say.
  "awsx:ec2:DefaultVpc"(_name, _inputs, env) {
    const def = defaultVpc(resolveEnv(env));
    return {
      vpcId: def.id,
      publicSubnetIds: def.subnets.map((s) => s.id),
      privateSubnetIds: [],
    };
  },
  // awsx/ecr/repository.ts: `url` is the `repositoryUrl` of `new aws.ecr.Repository(<name in
  // lower case>, <args but lifecyclePolicy>)`.
  "awsx:ecr:Repository"(name, inputs, env) {
    const args = { ...inputs };
    delete args.lifecyclePolicy;
    if (args.name !== undefined && !known(args.name)) return {};
    const repo = child("aws:ecr/repository:Repository", name.toLowerCase(), args, env);
    const url = repo.state.repositoryUrl;
    return typeof url === "string" && !hasUnknown(url) ? { url } : {};
  },
  // awsx/ecr/image.ts `computeImageFromAsset`: `${repositoryUrl}@${digest}` of the pushed image
  // (the digest of a `docker-build` image, `sha256:` and 64 hex digits).
  "awsx:ecr:Image"(name, inputs) {
    const url = inputs.repositoryUrl;
    if (typeof url !== "string" || hasUnknown(url)) return {};
    const digest = createHash("sha256").update(`awsx:ecr:Image::${name}|${url}`).digest("hex");
    return { imageUri: `${url}@sha256:${digest}` };
  },
  // pulumi/pulumi-eks nodejs/eks/cluster/cluster.ts (`createCluster`, `createCore`): the issuer
  // of the `aws.eks.Cluster` named `<name>-eksCluster` is `oidcProviderUrl`, without its scheme
  // `oidcIssuer`; `oidcProviderArn` is the ARN of the `aws.iam.OpenIdConnectProvider`
  // `<name>-oidcProvider` made for that issuer when `createOidcProvider` is true, else "".
  "eks:index:Cluster"(name, inputs, env) {
    if (inputs.name !== undefined && !known(inputs.name)) return {};
    const cluster = child(
      "aws:eks/cluster:Cluster",
      `${name}-eksCluster`,
      { name: inputs.name },
      env,
    );
    const issuer = cluster.state.identities?.[0]?.oidcs?.[0]?.issuer;
    if (typeof issuer !== "string" || hasUnknown(issuer)) return {};
    const out: Inputs = { oidcProviderUrl: issuer, oidcIssuer: issuer.replace("https://", "") };
    const create = inputs.createOidcProvider;
    if (create !== undefined && !known(create)) return out;
    if (create !== true) return { ...out, oidcProviderArn: "" };
    const provider = child(
      "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
      `${name}-oidcProvider`,
      { url: issuer, clientIdLists: ["sts.amazonaws.com"] },
      env,
    );
    return { ...out, oidcProviderArn: provider.id };
  },
};

/**
 * The outputs of remote component `type` named `name` that follow from its plain `inputs` (wire
 * sentinel for unknowns, secrets unwrapped) and the stack's account and region; {} for a type not
 * modeled. Only for the apply phase: at preview a component's outputs are unknown.
 */
export function remoteOutputs(type: string, name: string, inputs: Inputs, env: FakeAwsEnv): Inputs {
  const derive = DERIVE[type];
  if (!derive) return {};
  const out = derive(name, inputs ?? {}, env);
  for (const [k, v] of Object.entries(out)) if (hasUnknown(v)) delete out[k];
  return out;
}
