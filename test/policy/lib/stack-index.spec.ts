// The stack index every stack policy gets. The engine's analyzer decodes the stack again for each
// policy, so each policy has its own resource objects; the index reuses what it learnt from an
// earlier array of the same stack, and must still answer with this array's objects, and never with
// what an earlier array (another request, another phase) depended on.
import type { PolicyResource } from "@pulumi/policy";
import { expect } from "chai";
import { StackIndex } from "../../../policy-pack/lib/define";

const BUCKET = "aws:s3/bucket:Bucket";
const BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const urn = (type: string, name: string) => `urn:pulumi:test::platform::${type}::${name}`;

/** A stack as the SDK hands it to one policy: new objects, property dependencies resolved. */
function stack(blockDependsOn: string | undefined, props: Record<string, unknown> = {}) {
  const make = (type: string, name: string): PolicyResource =>
    ({
      type,
      name,
      urn: urn(type, name),
      props,
      dependencies: [],
      propertyDependencies: {},
    }) as any;
  const a = make(BUCKET, "a");
  const b = make(BUCKET, "b");
  const block = make(BLOCK, "a-block");
  const resources = [a, b, block];
  const target = resources.find((r) => r.name === blockDependsOn);
  if (target) block.propertyDependencies.bucket = [target];
  return resources;
}

describe("StackIndex", () => {
  it("answers with the objects of the array it indexes, when an earlier array had the same stack", () => {
    const first = stack("a");
    const second = stack("a");
    StackIndex.of(first);
    const index = StackIndex.of(second);
    expect(index.byUrn.get(urn(BUCKET, "b"))).to.equal(second[1]);
    expect(index.ofType(BUCKET)).to.have.ordered.members([second[0], second[1]]);
    expect(index.referrers(second[0], "bucket")).to.have.ordered.members([second[2]]);
    expect([...index.byUrn.values()]).to.have.ordered.members(second);
    expect([...index.byUrn.keys()]).to.deep.equal(second.map((r) => r.urn));
    expect(index.byUrn.size).to.equal(3);
  });

  it("follows the property dependencies of this array, not those of an earlier one with the same URNs", () => {
    StackIndex.of(stack("a"));
    const moved = stack("b");
    const index = StackIndex.of(moved);
    expect(index.referrers(moved[0], "bucket")).to.deep.equal([]);
    expect(index.referrers(moved[1], "bucket")).to.have.ordered.members([moved[2]]);
    const none = stack(undefined);
    expect(StackIndex.of(none).referrers(none[1], "bucket")).to.deep.equal([]);
  });

  it("indexes a reordered or smaller stack afresh", () => {
    StackIndex.of(stack("a"));
    const reordered = stack("a").reverse();
    const index = StackIndex.of(reordered);
    expect(index.ofType(BUCKET).map((r) => r.name)).to.deep.equal(["b", "a"]);
    expect(index.byUrn.get(urn(BLOCK, "a-block"))).to.equal(reordered[0]);
    const smaller = stack("a").slice(1);
    expect(StackIndex.of(smaller).ofType(BUCKET)).to.have.ordered.members([smaller[0]]);
    expect(StackIndex.of(smaller).byUrn.get(urn(BUCKET, "a"))).to.equal(undefined);
  });

  it("returns a fresh list each time, so a policy sorting one changes no other's", () => {
    const resources = stack("a");
    const index = StackIndex.of(resources);
    index.ofType(BUCKET).reverse();
    expect(index.ofType(BUCKET)).to.have.ordered.members([resources[0], resources[1]]);
    expect(index.ofType(BUCKET, BLOCK)).to.have.ordered.members(resources);
  });
});
