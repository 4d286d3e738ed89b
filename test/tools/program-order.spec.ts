// The order the check judges and reports a stack's resources in (`byProgramOrder`): the program's
// own order, the same wherever the program and its dependencies live on disk. A checkout whose
// node_modules is a link to another folder, or a program copied elsewhere, reports its resources
// in the same order.
import { expect } from "chai";
import type { RecordedResource } from "../../tools/lib/recorder";
import { inProgramOrder } from "../../tools/lib/resource-index";

/** A stack as the engine records it, the program at `program`, its SDK at `sdk`. */
function recording(program: string, sdk: string): RecordedResource[] {
  const at = (file: string, line: number) => ({ uri: `file://${file}`, line, column: 5 });
  const r = (type: string, name: string, source?: ReturnType<typeof at>, parent?: string) =>
    ({
      urn: `urn:pulumi:dev::p::${type}::${name}`,
      type,
      name,
      custom: true,
      inputs: {},
      source,
      parent,
    }) as unknown as RecordedResource;
  return [
    r("aws:s3/bucket:Bucket", "logs", at(`${program}/index.ts`, 12)),
    r("pulumi:pulumi:Stack", "p-dev", at(`${sdk}/@pulumi/pulumi/runtime/stack.js`, 40)),
    r("aws:iam/role:Role", "lib-role", at(`${program}/node_modules/lib/role.js`, 3), "x"),
    r("aws:s3/bucket:Bucket", "data", at(`${program}/index.ts`, 4)),
    r("aws:kms/key:Key", "key", at(`${program}/lib/key.ts`, 7)),
    r("pulumi:providers:aws", "default_7_48_0"),
  ];
}

describe("program order of a stack's resources", () => {
  const names = (rs: RecordedResource[]) => inProgramOrder(rs).map((r) => r.name);

  it("is the same whether the dependencies' folder sorts before or after the program's", () => {
    const here = names(recording("/home/dev/checkout", "/home/dev/another/node_modules"));
    const there = names(recording("/home/dev/copy", "/srv/another/node_modules"));
    const linked = names(recording("/srv/b", "/srv/a/node_modules"));
    expect(there).to.deep.equal(here);
    expect(linked).to.deep.equal(here);
  });

  it("puts engine-made resources (the root stack, default providers) first (by URN), then the program's files, then installed packages", () => {
    expect(names(recording("/home/dev/copy", "/srv/another/node_modules"))).to.deep.equal([
      "default_7_48_0",
      "p-dev",
      "data",
      "logs",
      "key",
      "lib-role",
    ]);
  });
});
