// How the composition root names its layers: `<stack prefix>-<layer>`, and, for a stack not named
// after its environment, an alias to the `<environment>-<layer>` name its resources had before.
import { expect } from "chai";
import { layerNaming, stackResourcePrefix } from "../../components/naming";

describe("layer naming", () => {
  it("names a layer after the stack and adds no alias when the stack is named after its environment", () => {
    const { named, renamed } = layerNaming(stackResourcePrefix("staging"), "staging");
    expect(named("network")).to.equal("staging-network");
    expect(renamed("network")).to.deep.equal({});
  });

  it("keeps a stack named otherwise on its environment's names through an alias", () => {
    const { named, renamed } = layerNaming(stackResourcePrefix("Team.Prod"), "prod");
    expect(named("runtime")).to.equal("team-prod-runtime");
    expect(renamed("runtime")).to.deep.equal({ aliases: [{ name: "prod-runtime" }] });
  });
});
