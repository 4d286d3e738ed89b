// The children a remote component (served by a provider plugin, `remote: true`) creates, derived
// from its name and inputs exactly as the component's own code names and builds them, each made
// with the id and state the fake AWS gives it as if the program had created it. One table for
// both answers of the apply phase: the plain outputs awsx derives from its children
// (./remote-outputs.ts: `vpcId`, `publicSubnetIds`, an ECR `url`, ...) and the outputs that are
// references to them (./remote-references.ts: `vpc`, `subnets`, `routeTables`, `taskRole`, ...).
// Children are never registered resources: policies never see them.
import { resourceState, FakeAwsEnv, hasUnknown, UNKNOWN } from "../fake-aws";
import { resolveEnv } from "../fake-aws/env";
import { Child, Derive, Inputs, LOOKED_UP, Made, MadeChild, given, omit } from "./remote-child";
import { loadBalancer } from "./remote-children-lb";
import { ecsService, ecsTaskDefinition } from "./remote-children-ecs";
import { awsxVpc } from "./remote-children-vpc";

const CHILDREN: Record<string, Derive> = {
  "awsx:lb:ApplicationLoadBalancer": loadBalancer("application"),
  "awsx:lb:NetworkLoadBalancer": loadBalancer("network"),
  "awsx:ecs:FargateService": ecsService("awsx:ecs:FargateTaskDefinition", false),
  "awsx:ecs:EC2Service": ecsService("awsx:ecs:EC2TaskDefinition", true),
  "awsx:ecs:FargateTaskDefinition": ecsTaskDefinition(false),
  "awsx:ecs:EC2TaskDefinition": ecsTaskDefinition(true),
  "awsx:ec2:Vpc": awsxVpc,
  // awsx/ecr/repository.ts: `new aws.ecr.Repository(<name in lower case>, <args but
  // lifecyclePolicy>)`.
  "awsx:ecr:Repository": (name, inputs) => ({
    repository: {
      type: "aws:ecr/repository:Repository",
      name: name.toLowerCase(),
      inputs: omit(inputs, "lifecyclePolicy"),
    },
  }),
  // pulumi/pulumi-eks nodejs/eks/cluster/cluster.ts `createCore`: `<name>-eksCluster`, the
  // role of the default node group (`instanceRoles`, below) and, when `createOidcProvider` is
  // truthy, `new aws.iam.OpenIdConnectProvider(`${name}-oidcProvider`, { clientIdLists:
  // ["sts.amazonaws.com"], url: eksCluster.identities[0].oidcs[0].issuer, thumbprintLists:
  // [<the issuer CA's fingerprint, fetched over the network>] })`, which `core.oidcProvider`
  // names (./remote-eks-core.ts).
  "eks:index:Cluster": (name, inputs, { env, version }) => ({
    eksCluster: {
      type: "aws:eks/cluster:Cluster",
      name: `${name}-eksCluster`,
      inputs: { name: inputs.name },
    },
    ...eksInstanceRoles(name, inputs, env, version),
    ...(inputs.createOidcProvider && !hasUnknown(inputs.createOidcProvider)
      ? { "core.oidcProvider": eksOidcProvider(name) }
      : {}),
  }),
};

function eksOidcProvider(name: string): Child {
  return {
    type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    name: `${name}-oidcProvider`,
    inputs: (made) => ({
      clientIdLists: ["sts.amazonaws.com"],
      // No cluster made (its name unknown): no issuer, so no provider either.
      url:
        (made.eksCluster as MadeChild | undefined)?.state.identities?.[0]?.oidcs?.[0]?.issuer ??
        UNKNOWN,
      thumbprintLists: LOOKED_UP,
    }),
  };
}

/**
 * The `instanceRoles` of an eks Cluster the program gives no roles for (neither `instanceRole` nor
 * `instanceRoles`: those are the program's own resources, not derived here), as `createCore`
 * decides in the component package's major `version` (pulumi/pulumi-eks
 * nodejs/eks/cluster/cluster.ts). When it makes one, it is
 * `new ServiceRole(`${name}-instanceRole`, { service: `ec2.${dnsSuffix}`, ... })`, a component of
 * eks whose `aws.iam.Role` is `<its name>-role`, trusted by that service (nodejs/eks/servicerole.ts).
 * - eks 2: always (`if (args.instanceRoles) ... else if (args.instanceRole) ... else new
 *   ServiceRole(...)`, read by truthiness), `skipDefaultNodeGroup` or not: pulumi/pulumi-eks#1176;
 *   2.8.1's ClusterArgs (cluster.d.ts) has no `createInstanceRole`.
 * - eks 3 and 4: when `createInstanceRole || (!skipDefaultNodeGroup && createInstanceRole ===
 *   undefined)`, else `[]`: pulumi/pulumi-eks#1411 (v3: no role without the default node group)
 *   and #1511 (the `createInstanceRole` flag, added during v3; 3.8.1's and 4.3.0's ClusterArgs
 *   declare it). That test reads `skipDefaultNodeGroup` alone: `fargate` or Auto Mode skip the
 *   default node group but not its role. Before 3.8 the flag may not exist: given there, the list
 *   stays unknown.
 * Either flag unknown, no version sent or another major: the list stays unknown.
 */
function eksInstanceRoles(
  name: string,
  inputs: Inputs,
  env: FakeAwsEnv,
  version?: string,
): Record<string, Child[]> {
  if (given(inputs.instanceRole) || given(inputs.instanceRoles)) return {};
  const makes = eksMakesInstanceRole(inputs, version);
  if (makes === undefined) return {};
  if (!makes) return { instanceRoles: [] };
  const service = `ec2.${resolveEnv(env).partition.dnsSuffix}`;
  const trust = {
    Version: "2012-10-17",
    Statement: [{ Action: ["sts:AssumeRole"], Effect: "Allow", Principal: { Service: [service] } }],
  };
  const role: Child = {
    type: "aws:iam/role:Role",
    name: `${name}-instanceRole-role`,
    inputs: { assumeRolePolicy: JSON.stringify(trust) },
    via: ["eks:index:ServiceRole"],
  };
  return { instanceRoles: [role] };
}

/** Whether eks `version` makes the default instance role (see above); undefined when unknown. */
function eksMakesInstanceRole(inputs: Inputs, version?: string): boolean | undefined {
  const [, m, minor] = (/^\D*(\d+)\.(\d+)/.exec(version ?? "") ?? []).map(Number);
  if (m === 2) return true;
  if (m !== 3 && m !== 4) return undefined;
  const { createInstanceRole: create, skipDefaultNodeGroup: skip } = inputs;
  if (hasUnknown(create)) return undefined;
  if (given(create) && m === 3 && !(minor >= 8)) return undefined;
  // Both read as eks reads them, by JavaScript truthiness; given and falsy, `createInstanceRole`
  // decides alone.
  return create ? true : given(create) ? false : hasUnknown(skip) ? undefined : !skip;
}

/** The URN of a child of the component at `parentUrn` (pulumi/pulumi `resource.NewURN`). */
function childUrn(parentUrn: string, child: Child): string {
  const parts = parentUrn.split("::");
  const chain = [parts[2], ...(child.via ?? []), child.type].join("$");
  return `${parts[0]}::${parts[1]}::${chain}::${child.name}`;
}

/**
 * The children of remote component `type` at `urn` (named `name`, with plain `inputs`: wire
 * sentinel for unknowns, secrets unwrapped; `version` the component package's, as registered), made
 * by output key; a key holding `.` names children made for others' inputs, not an output. A child
 * whose id the inputs leave unknown is not made. {} for a type not modeled. Only for the apply
 * phase.
 */
export function makeChildren(
  urn: string,
  type: string,
  name: string,
  inputs: Inputs,
  env: FakeAwsEnv,
  version?: string,
): Made {
  const derive = CHILDREN[type];
  const made: Made = {};
  if (!derive) return made;
  const stack = urn.split("::")[0].replace(/^urn:pulumi:/, "");
  const once = new Map<Child, MadeChild | undefined>();
  const make = (c: Child): MadeChild | undefined => {
    if (once.has(c)) return once.get(c);
    const m = makeOne(urn, c, made, env);
    once.set(c, m);
    return m;
  };
  for (const [key, value] of Object.entries(derive(name, inputs ?? {}, { stack, env, version })))
    made[key] = Array.isArray(value) ? value.map(make) : make(value);
  return made;
}

function makeOne(urn: string, c: Child, made: Made, env: FakeAwsEnv): MadeChild | undefined {
  if (hasUnknown(c.name)) return undefined;
  const inputs = typeof c.inputs === "function" ? c.inputs(made) : c.inputs;
  // An input the program leaves out is absent, not `undefined`: the fake AWS fills in only the
  // properties the inputs lack (the auto-name among them), as the provider does. One the
  // component looks up stays out of the state too, so the program reads it as unknown.
  const present = Object.fromEntries(
    Object.entries(inputs).filter(([, v]) => v !== undefined && v !== LOOKED_UP),
  );
  const got = resourceState({ type: c.type, name: c.name, inputs: present }, env, "apply");
  if (!got.id || hasUnknown(got.id)) return undefined;
  for (const [k, v] of Object.entries(inputs)) if (v === LOOKED_UP) delete got.state[k];
  // Plain JSON, as state crosses the wire.
  return { urn: childUrn(urn, c), id: got.id, state: JSON.parse(JSON.stringify(got.state)) };
}
