// How a provider-input rule finds its values and names the item it judges (input-paths.ts): every
// item of every list on the way, each under the provider's key with its own index.
import { expect } from "chai";
import { attrAt, valuesAt } from "../../tools/lib/provider-checks/input-paths";

describe("provider inputs: the item a rule judges, named by its index", () => {
  it("walks every list on the way and at the end, with each item's index", () => {
    const inputs = {
      actions: [
        { forward: { groups: [{ weight: 1 }, { weight: 2 }] } },
        { forward: { groups: [{ weight: 3 }] } },
      ],
      tags: ["a", "b"],
      one: { block: { value: "v" } },
    };
    expect(valuesAt(inputs, ["actions", "forward", "groups", "weight"])).to.deep.equal([
      { value: 1, indices: [0, undefined, 0, undefined] },
      { value: 2, indices: [0, undefined, 1, undefined] },
      { value: 3, indices: [1, undefined, 0, undefined] },
    ]);
    expect(valuesAt(inputs, ["tags"]).map((v) => v.value)).to.deep.equal(["a", "b"]);
    expect(valuesAt(inputs, ["one", "block", "value"])).to.deep.equal([
      { value: "v", indices: [undefined, undefined, undefined] },
    ]);
    expect(valuesAt(inputs, ["missing", "value"])).to.deep.equal([]);
    expect(valuesAt({ x: [null, { y: null }] }, ["x", "y"])).to.deep.equal([]);
  });

  it("puts each list item's index in the provider's key, a one-item block keeping its 0", () => {
    const attr = "default_action.0.forward.0.target_group.0.weight";
    expect(attrAt(attr, [2, undefined, 1, undefined])).to.equal(
      "default_action.2.forward.0.target_group.1.weight",
    );
    expect(attrAt(attr, [0, undefined, 0, undefined])).to.equal(attr);
    // A key whose attributes do not pair with the path is left as the rule gives it.
    expect(attrAt("a.0.b", [3])).to.equal("a.0.b");
    expect(attrAt("name", [undefined])).to.equal("name");
    // A list at the end (each value judged on its own) keeps the attribute's name.
    expect(attrAt("child_healthchecks", [1])).to.equal("child_healthchecks");
  });
});
