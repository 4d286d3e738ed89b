// Shared by the remote-children specs (awsx 3's Vpc and task definitions as the apply phase
// answers them, tools/lib/engine/remote-children*.ts): the stack, the account and awsx's version,
// and a Vpc's reference arrays and children by name.
import { remoteReferences } from "../../tools/lib/engine/remote-references";

export const env = { accountId: "123456789012", region: "eu-west-1" };
export const STACK = "urn:pulumi:dev::proj::";
export const VPC_CHAIN = `${STACK}awsx:ec2:Vpc$aws:ec2/vpc:Vpc`;

/** awsx's version as the program's SDK sends it with the registration (its package.json). */
export const AWSX = "3.9.0";

/** The children awsx's Vpc `net` makes for `inputs`, its outputs, and readers of both. */
export function vpc(
  inputs: Record<string, any>,
  { version }: { version?: string } = { version: AWSX },
) {
  const { outputs, children } = remoteReferences(
    `${STACK}awsx:ec2:Vpc::net`,
    "awsx:ec2:Vpc",
    "net",
    inputs,
    env,
    version,
  );
  const state = (r: any) => children.find((c) => c.urn === r.urn)!.state;
  const names = (key: string) => (outputs[key] ?? []).map((r: any) => r.urn.split("::").pop());
  return { outputs, children, state, names };
}
