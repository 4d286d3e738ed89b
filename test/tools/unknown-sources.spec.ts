// Why a value stays unknown once every created resource is known (tools/lib/engine/unknown-sources.ts):
// an unknown that came through a data source call names no resource, so the run's unread stack
// references and remote components are the suspects; a stack reference whose outputs were given
// is none.
import { expect } from "chai";
import type { EngineResource } from "../../tools/lib/engine/monitor";
import { STACK_REFERENCE_TYPE } from "../../tools/lib/engine/stack-references";
import { unknownSources } from "../../tools/lib/engine/unknown-sources";
import { UNKNOWN } from "../../tools/lib/engine/wire";

const resource = (r: Partial<EngineResource>): EngineResource =>
  ({
    urn: `urn:${r.name}`,
    inputs: {},
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    custom: true,
    ...r,
  }) as EngineResource;

describe("where an unknown that names no resource probably came from", () => {
  const role = resource({
    type: "aws:iam/role:Role",
    name: "irsa",
    inputs: { assumeRolePolicy: UNKNOWN },
  });
  const run = (refs: EngineResource[]) =>
    unknownSources(role, false, new Map([...refs, role].map((r) => [r.urn, r])), [...refs, role]);

  it("names a stack reference whose outputs were not given", () => {
    const unread = resource({
      type: STACK_REFERENCE_TYPE,
      name: "net",
      outputs: { name: "o/net/prod", outputs: UNKNOWN },
    });
    expect(run([unread])!.join("\n")).to.contain("probably an output of stack reference net");
  });

  it("does not name a stack reference whose outputs were given", () => {
    const answered = resource({
      type: STACK_REFERENCE_TYPE,
      name: "net",
      outputs: { name: "o/net/prod", outputs: { vpcId: "vpc-1" } },
    });
    expect(run([answered])).to.deep.equal(["a value the program leaves unknown"]);
  });
});
