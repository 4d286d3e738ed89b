// The outputs `pulumi up` would report for a remote component (served by a provider plugin,
// `remote: true`), as far as they follow from its name, its inputs and the stack's account and
// region: the offline engine never runs the plugin, so it answers, in the apply phase only, the
// plain outputs awsx's own code derives from the children it creates (./remote-children.ts, the
// table the resource references use too), each child's value taken from the fake AWS exactly as
// if the program had created that child itself. Outputs that are
// resource references (awsx `vpc`, `loadBalancer`, `repository`, …) are answered by
// ./remote-references.ts; outputs the plugin computes from lookups it makes stay unknown, and the
// run still names the component as the source of each unknown built from it (./unknown-sources.ts).
import { createHash } from "crypto";
import { FakeAwsEnv, hasUnknown } from "../fake-aws";
import { resolveEnv } from "../fake-aws/env";
import { defaultVpc } from "../fake-aws/invokes-ec2";
import { idOf, Inputs, Made, MadeChild } from "./remote-child";
import { makeChildren } from "./remote-children";

export { awsxVpcSubnets } from "./remote-children-vpc-layout";
/** Outputs from the children made (./remote-children.ts), the name, inputs and account/region. */
type Derive = (made: Made, name: string, inputs: Inputs, env: FakeAwsEnv) => Inputs;

const known = (v: unknown): boolean => v !== undefined && !hasUnknown(v);

const DERIVE: Record<string, Derive> = {
  // pulumi/pulumi-awsx awsx/ec2/vpc.ts: `vpcId: vpc.id` of its `aws.ec2.Vpc`, and the ids of
  // the `aws.ec2.Subnet`s it creates, by type.
  "awsx:ec2:Vpc"(made) {
    const ids = (key: string) => {
      const subnets = made[key];
      return Array.isArray(subnets) && subnets.every((c) => c)
        ? subnets.map((c) => c!.id)
        : undefined;
    };
    if (!made.subnets) return { vpcId: idOf(made, "vpc") };
    return {
      vpcId: idOf(made, "vpc"),
      publicSubnetIds: ids("publicSubnets"),
      privateSubnetIds: ids("privateSubnets"),
      isolatedSubnetIds: ids("isolatedSubnets"),
    };
  },
  // awsx/ec2/defaultVpc.ts, getDefaultVpc.ts: `aws.ec2.getVpc({ default: true })`, its subnets
  // split by `mapPublicIpOnLaunch`; a default VPC's default subnets all map public IPs (VPC User
  // Guide, "Default subnets"), as the fake's own `getVpc` / `getSubnets` answers say.
  "awsx:ec2:DefaultVpc"(_made, _name, _inputs, env) {
    const def = defaultVpc(resolveEnv(env));
    return {
      vpcId: def.id,
      publicSubnetIds: def.subnets.map((s) => s.id),
      privateSubnetIds: [],
    };
  },
  // awsx/ecr/repository.ts: `url` is the `repositoryUrl` of its `aws.ecr.Repository`.
  "awsx:ecr:Repository"(made) {
    const url = (made.repository as MadeChild | undefined)?.state.repositoryUrl;
    return typeof url === "string" && !hasUnknown(url) ? { url } : {};
  },
  // awsx/ecr/image.ts `computeImageFromAsset`: `${repositoryUrl}@${digest}` of the pushed image
  // (the digest of a `docker-build` image, `sha256:` and 64 hex digits).
  "awsx:ecr:Image"(_made, name, inputs) {
    const url = inputs.repositoryUrl;
    if (typeof url !== "string" || hasUnknown(url)) return {};
    const digest = createHash("sha256").update(`awsx:ecr:Image::${name}|${url}`).digest("hex");
    return { imageUri: `${url}@sha256:${digest}` };
  },
  // pulumi/pulumi-eks nodejs/eks/cluster/cluster.ts (`createCluster`, `createCore`): the issuer
  // of the `aws.eks.Cluster` named `<name>-eksCluster` is `oidcProviderUrl`, without its scheme
  // `oidcIssuer`; `oidcProviderArn` is the ARN of the `aws.iam.OpenIdConnectProvider`
  // `<name>-oidcProvider` made for that issuer when `createOidcProvider` is truthy, else "".
  "eks:index:Cluster"(made, _name, inputs) {
    const cluster = made.eksCluster as MadeChild | undefined;
    const issuer = cluster?.state.identities?.[0]?.oidcs?.[0]?.issuer;
    if (typeof issuer !== "string" || hasUnknown(issuer)) return {};
    const out: Inputs = { oidcProviderUrl: issuer, oidcIssuer: issuer.replace("https://", "") };
    const create = inputs.createOidcProvider;
    if (create !== undefined && !known(create)) return out;
    if (!create) return { ...out, oidcProviderArn: "" };
    return { ...out, oidcProviderArn: idOf(made, "core.oidcProvider") };
  },
};

/**
 * The outputs of remote component `type` (of package `version`, as registered) named `name` that
 * follow from its plain `inputs` (wire
 * sentinel for unknowns, secrets unwrapped) and the stack's account and region; {} for a type not
 * modeled. Only for the apply phase: at preview a component's outputs are unknown.
 */
export function remoteOutputs(
  type: string,
  name: string,
  inputs: Inputs,
  env: FakeAwsEnv,
  version?: string,
): Inputs {
  const derive = DERIVE[type];
  if (!derive) return {};
  // The children's URNs do not matter here: a placeholder stack and project.
  const urn = `urn:pulumi:stack::project::${type}::${name}`;
  const made = makeChildren(urn, type, name, inputs, env, version);
  const out = derive(made, name, inputs ?? {}, env);
  for (const [k, v] of Object.entries(out)) if (v === undefined || hasUnknown(v)) delete out[k];
  return out;
}
