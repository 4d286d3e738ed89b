// The outputs of a remote component that are resource references (awsx `ApplicationLoadBalancer.
// loadBalancer`, `FargateService.service`, eks `Cluster.eksCluster`, ...), answered in the apply
// phase the way `pulumi up` answers them: the provider plugin returns a reference (the child's URN
// and id, pulumi/pulumi sdk/nodejs/runtime/rpc.ts `specialResourceSig`), the program's SDK
// rehydrates it as the child's class (`resourceModule.construct(name, type, urn)`, i.e.
// `new aws.lb.LoadBalancer(name, undefined, { urn })`), and that constructor reads the child's
// state with the `pulumi:pulumi:getResource` invoke (sdk/nodejs/runtime/resource.ts `getResource`),
// which the engine answers from the state the plugin registered. Offline the plugin never runs: the
// children come from ./remote-children.ts, derived from the component's name and inputs exactly as
// the component's own code names them, each with the state (ARN, id, name in AWS format) the fake
// AWS gives it as if the program had created it. The children are not registered resources:
// policies never see them (the component stays "not evaluated" for its children); only the values
// the program reads from them become known, so checks on the resources fed by them are evaluated
// as at `pulumi up`.
import { makeChildren } from "./remote-children";
import type { FakeAwsEnv } from "../fake-aws";
import { wire, type Inputs, type MadeChild } from "./remote-child";
import { eksCore } from "./remote-eks-core";

/** The state `pulumi:pulumi:getResource` answers for a derived child. */
export type ChildState = MadeChild;

/**
 * The resource-reference outputs of remote component `type` (of package `version`, as
 * registered) named `name` at `urn` (wire form,
 * ready for the RegisterResource response), and the state of each child made for the
 * `getResource` invoke. An output naming a child whose id the inputs leave unknown (an array
 * naming one) is left out: it stays unknown. Only for the apply phase.
 */
export function remoteReferences(
  urn: string,
  type: string,
  name: string,
  inputs: Inputs,
  env: FakeAwsEnv,
  version?: string,
): { outputs: Inputs; children: ChildState[] } {
  const outputs: Inputs = {};
  const children = new Map<string, ChildState>();
  const made = makeChildren(urn, type, name, inputs, env, version);
  for (const [key, value] of Object.entries(made)) {
    for (const c of [value].flat()) if (c) children.set(c.urn, c);
    if (key.includes(".")) continue;
    if (Array.isArray(value)) {
      if (value.every((c) => c !== undefined)) outputs[key] = value.map((c) => wire(c!));
    } else if (value) outputs[key] = wire(value);
  }
  if (type === "eks:index:Cluster") {
    const core = eksCore(made, inputs ?? {}, version);
    if (core) outputs.core = core;
  }
  return { outputs, children: [...children.values()] };
}
