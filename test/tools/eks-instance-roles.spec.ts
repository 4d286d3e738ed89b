// The `instanceRoles` an eks Cluster reports in the apply phase (tools/lib/engine/remote-children.ts),
// per major of @pulumi/eks: eks 2 makes the default instance role unless the program gives roles
// (pulumi/pulumi-eks#1176), eks 3 and 4 only with the default node group or when asked
// (`createInstanceRole`; pulumi/pulumi-eks#1411, #1511). A version whose behaviour is not known
// leaves the list unknown, never a made-up value.
import { expect } from "chai";
import { UNKNOWN } from "../../tools/lib/fake-aws";
import { remoteReferences } from "../../tools/lib/engine/remote-references";

const env = { accountId: "123456789012", region: "eu-west-1" };
const STACK = "urn:pulumi:dev::proj::";
const ROLE_URN = `${STACK}eks:index:Cluster$eks:index:ServiceRole$aws:iam/role:Role::k-instanceRole-role`;

const eks = (inputs: Record<string, any>, version?: string) =>
  remoteReferences(`${STACK}eks:index:Cluster::k`, "eks:index:Cluster", "k", inputs, env, version);
const label = (inputs: Record<string, any>, version?: string) =>
  `${version ?? "no version"} ${JSON.stringify(inputs)}`;

/** The role eks makes: one reference, to `<name>-instanceRole-role`, made as a child. */
function expectRole(inputs: Record<string, any>, version?: string) {
  const made = eks(inputs, version);
  const roles = made.outputs.instanceRoles;
  expect(roles, label(inputs, version)).to.have.length(1);
  expect(roles[0].urn, label(inputs, version)).to.equal(ROLE_URN);
  expect(made.outputs.core?.instanceRoles, label(inputs, version)).to.deep.equal(roles);
  return made;
}

/** No role: `[]`, known, in the output and in `core`. */
function expectNone(inputs: Record<string, any>, version?: string) {
  const made = eks(inputs, version);
  expect(made.outputs.instanceRoles, label(inputs, version)).to.deep.equal([]);
  expect(made.outputs.core?.instanceRoles, label(inputs, version)).to.deep.equal([]);
  expect(
    made.children.map((c) => c.urn),
    label(inputs, version),
  ).to.not.include(ROLE_URN);
}

/** Not derived: the output absent (unknown to the program), `core.instanceRoles` unknown. */
function expectUnknown(inputs: Record<string, any>, version?: string) {
  const made = eks(inputs, version);
  expect(made.outputs, label(inputs, version)).to.not.have.property("instanceRoles");
  if (made.outputs.core) expect(made.outputs.core.instanceRoles).to.equal(UNKNOWN);
}

describe("eks Cluster instanceRoles by @pulumi/eks version (apply phase)", () => {
  it("eks 4: the default node group's role, trusted by EC2, made with the node group or when asked", () => {
    const made = expectRole({}, "4.3.0");
    const role = made.children.find((c) => c.urn === ROLE_URN)!;
    expect(role.state.name).to.match(/^k-instanceRole-role-[0-9a-f]{7}$/);
    expect(role.state.arn).to.equal(`arn:aws:iam::123456789012:role/${role.state.name}`);
    expect(JSON.parse(role.state.assumeRolePolicy).Statement[0]).to.deep.include({
      Action: ["sts:AssumeRole"],
      Effect: "Allow",
      Principal: { Service: ["ec2.amazonaws.com"] },
    });
    // `createInstanceRole || (!skipDefaultNodeGroup && createInstanceRole === undefined)`: Fargate
    // and Auto Mode skip the node group, not the role; an unknown skip does not matter when asked.
    for (const inputs of [
      { skipDefaultNodeGroup: true, createInstanceRole: true },
      { skipDefaultNodeGroup: false },
      { fargate: true },
      { autoMode: { enabled: true } },
      { skipDefaultNodeGroup: UNKNOWN, createInstanceRole: true },
    ])
      expectRole(inputs, "4.3.0");
    for (const inputs of [
      { skipDefaultNodeGroup: true },
      { createInstanceRole: false },
      { skipDefaultNodeGroup: false, createInstanceRole: false },
      { skipDefaultNodeGroup: true, createInstanceRole: false },
    ])
      expectNone(inputs, "4.3.0");
  });

  it("eks 3 from 3.8 (createInstanceRole declared): as eks 4", () => {
    expectRole({}, "3.8.1");
    expectRole({ skipDefaultNodeGroup: true, createInstanceRole: true }, "3.9.1");
    expectNone({ skipDefaultNodeGroup: true }, "3.8.1");
    expectNone({ createInstanceRole: false }, "3.8.1");
  });

  it("eks 3 before 3.8: the node group decides; a createInstanceRole it may not know leaves the list unknown", () => {
    expectRole({}, "3.0.0");
    expectNone({ skipDefaultNodeGroup: true }, "3.2.0");
    expectUnknown({ skipDefaultNodeGroup: true, createInstanceRole: true }, "3.2.0");
    expectUnknown({ createInstanceRole: false }, "3.0.0");
  });

  it("eks 2: the role whether or not the default node group is skipped (pulumi/pulumi-eks#1176)", () => {
    for (const inputs of [
      {},
      { skipDefaultNodeGroup: true },
      { skipDefaultNodeGroup: UNKNOWN },
      { fargate: true },
      // Not an input of eks 2 (2.8.1's ClusterArgs): ignored.
      { skipDefaultNodeGroup: true, createInstanceRole: false },
    ])
      expectRole(inputs, "2.8.1");
  });

  it("the program's own roles are not derived; a deciding flag unknown, no version or another major: unknown", () => {
    for (const version of ["2.8.1", "4.3.0"])
      for (const inputs of [{ instanceRole: { urn: "urn:x", id: "r" } }, { instanceRoles: [] }])
        expectUnknown(inputs, version);
    for (const inputs of [
      { skipDefaultNodeGroup: UNKNOWN },
      { createInstanceRole: UNKNOWN },
      { skipDefaultNodeGroup: true, createInstanceRole: UNKNOWN },
    ])
      expectUnknown(inputs, "4.3.0");
    for (const version of [undefined, "5.0.0", "1.0.4"]) expectUnknown({}, version);
  });
});
