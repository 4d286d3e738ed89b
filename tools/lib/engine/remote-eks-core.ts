// The `core` output of an `@pulumi/eks` Cluster (a remote component since eks 2), answered in the
// apply phase as far as it follows from the component's name and inputs. `core` is one object
// (eks's `CoreData`): the SDK's lifted property access (`cluster.core.oidcProvider`) reads one key
// of it even while others are unknown (@pulumi/pulumi output.ts, the Output proxy's `get`, which
// applies with `runWithUnknowns`), and an `apply` on the whole object runs only once every key is
// known. So every key eks fills from what it computes or looks up is sent as unknown, never left
// out: a program that reads it sees what `pulumi preview` shows, never an `undefined` where
// `pulumi up` gives a value. Known (pulumi/pulumi-eks nodejs/eks/cluster/cluster.ts `createCore`,
// its returned object):
// - `cluster`: the `aws.eks.Cluster` `<name>-eksCluster`; `endpoint`: that cluster's `endpoint`
//   output (`const endpoint = eksCluster.endpoint.apply(async (clusterEndpoint) => { ...wait for
//   /healthz...; return clusterEndpoint; })`); `instanceRoles`: as the top-level output
//   (./remote-children.ts); `oidcProvider`: the `aws.iam.OpenIdConnectProvider`
//   `<name>-oidcProvider` when `createOidcProvider` is truthy, else left out (eks sets it only
//   then), so an IRSA role's trust built from `core.oidcProvider.arn` and `.url` is evaluated;
// - `vpcId` (`args.vpcId`, else the default VPC eks looks up) and `subnetIds` (`args.subnetIds`,
//   else subnets it computes) when the inputs give them; `publicSubnetIds`, `privateSubnetIds`,
//   `tags` and `nodeSecurityGroupTags` are the inputs as given, left out when not given
//   (`args.publicSubnetIds ? pulumi.output(args.publicSubnetIds) : undefined`, `tags: args.tags`).
// `kubeconfig` (and the top-level output) stays unknown: eks builds it from the cluster's
// certificate and its own authentication options (`generateKubeconfig`), which the offline engine
// does not model; no policy of the pack reads it (it configures a Kubernetes provider, not an AWS
// resource), and a check of a resource built from it is listed as not evaluated, naming the
// component. The keys are those of `CoreData` in eks 4.3.0 (types/output.d.ts); for another major, or when the
// program's SDK sends no version, `core` stays unknown as a whole.
import { hasUnknown, UNKNOWN } from "../fake-aws";
import { given, wire, type Inputs, type Made, type MadeChild } from "./remote-child";
import { major } from "./versions";

const CORE_KEYS = [
  "accessEntries",
  "awsProvider",
  "cluster",
  "clusterIamRole",
  "clusterSecurityGroup",
  "eksNodeAccess",
  "encryptionConfig",
  "endpoint",
  "fargateProfile",
  "instanceRoles",
  "kubeconfig",
  "nodeGroupOptions",
  "nodeSecurityGroupTags",
  "oidcProvider",
  "privateSubnetIds",
  "provider",
  "publicSubnetIds",
  "storageClasses",
  "subnetIds",
  "tags",
  "vpcCni",
  "vpcId",
] as const;

/** Majors of @pulumi/eks whose `core` has the keys above (remote components: 2 and later). */
const READ_MAJORS = new Set([2, 3, 4]);

/** Inputs eks passes through when given, and computes or looks up when not. */
const GIVEN_OR_COMPUTED = ["vpcId", "subnetIds"] as const;
/** Inputs eks passes through when given, and leaves undefined when not. */
const GIVEN_OR_ABSENT = [
  "publicSubnetIds",
  "privateSubnetIds",
  "tags",
  "nodeSecurityGroupTags",
] as const;

const known = (v: unknown): boolean => given(v) && !hasUnknown(v);

/**
 * The `core` of the eks Cluster with the children `made` (./remote-children.ts) and plain `inputs`,
 * in wire form (references as signatures, the rest unknown); undefined when nothing of it is known.
 */
export function eksCore(made: Made, inputs: Inputs, version?: string): Inputs | undefined {
  const m = version === undefined ? undefined : major(version);
  const cluster = made.eksCluster as MadeChild | undefined;
  if (m === undefined || !READ_MAJORS.has(m) || !cluster) return undefined;
  const core: Inputs = Object.fromEntries(CORE_KEYS.map((k) => [k, UNKNOWN]));
  core.cluster = wire(cluster);
  // `endpoint`: the cluster's own `endpoint` output, once eks has polled its /healthz
  // (`eksCluster.endpoint.apply(...)` returns `clusterEndpoint` unchanged), known once it exists.
  const endpoint = cluster.state.endpoint;
  if (typeof endpoint === "string" && !hasUnknown(endpoint)) core.endpoint = endpoint;
  for (const k of GIVEN_OR_COMPUTED) if (known(inputs[k])) core[k] = inputs[k];
  for (const k of GIVEN_OR_ABSENT) {
    if (!given(inputs[k])) delete core[k];
    else if (!hasUnknown(inputs[k])) core[k] = inputs[k];
  }
  const roles = made.instanceRoles;
  if (Array.isArray(roles) && roles.every((r) => r))
    core.instanceRoles = roles.map((r) => wire(r!));
  const create = inputs.createOidcProvider;
  const provider = made["core.oidcProvider"] as MadeChild | undefined;
  if (!hasUnknown(create)) {
    if (!create) delete core.oidcProvider;
    else if (provider) core.oidcProvider = wire(provider);
  }
  return core;
}
