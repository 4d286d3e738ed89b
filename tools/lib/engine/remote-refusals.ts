// Inputs a remote component's own code refuses: its provider plugin fails the registration, in
// `pulumi preview` already when the inputs are known then (the plugin constructs the component in
// a preview too), and the program fails at the line that created it. Offline the plugin never
// runs: the refusals its source states are answered here, with its own message, so such a program
// stops as it would (exit 2) instead of passing with the component's children unseen.
import { resolveEnv } from "../fake-aws/env";
import type { FakeAwsEnv } from "../fake-aws";
import type { Inputs } from "./remote-child";
import { awsxVpcRefusal } from "./remote-children-vpc";
import { defaultSubnetStrategy } from "./remote-children-vpc-layout";

/**
 * The message the plugin of remote component `type` (of package `version`) named `name` fails with
 * for plain `inputs` (wire sentinel for unknowns), or undefined when it accepts them or they are
 * not known yet.
 */
export function remoteRefusal(
  type: string,
  name: string,
  inputs: Inputs,
  env: FakeAwsEnv,
  version?: string,
): string | undefined {
  if (type !== "awsx:ec2:Vpc") return undefined;
  const zones = resolveEnv(env).region.zones.map((z) => z.name);
  const strategy = inputs.subnetStrategy ?? defaultSubnetStrategy(version);
  const refused = awsxVpcRefusal(inputs, zones, strategy, name, version);
  if (!refused) return undefined;
  return (
    `awsx refuses ${type} ${name} (input ${refused.prop}) and creates nothing: ` +
    `${refused.says} (pulumi/pulumi-awsx awsx/ec2/vpc.ts)`
  );
}
