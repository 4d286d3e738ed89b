// Made-up values a program may name resources after stay distinct within one run
// (tools/lib/fake-aws/invented.ts), as the random provider's draws practically always are.
import { expect } from "chai";
import { resourceState } from "../../../tools/lib/fake-aws";
import { distinctValue, Invented } from "../../../tools/lib/fake-aws/invented";
import { PET_ADJECTIVES, PET_NAMES } from "../../../tools/lib/fake-aws/pet-words";

const PET = "random:index/randomPet:RandomPet";

describe("fake AWS: made-up values stay distinct within a run", () => {
  it("draws again for a seed whose value another seed of the run already has", () => {
    const invented: Invented = new Map();
    // Every seed draws "same" first, then a value of its own.
    const make = (seed: string) => (seed.includes("~") ? `v-${seed}` : "same");
    expect(distinctValue(invented, "k", "a", make)).to.equal("same");
    expect(distinctValue(invented, "k", "b", make)).to.equal("v-b~1");
    expect(distinctValue(invented, "k", "c", make)).to.equal("v-c~1");
    // The same seed asking again gets the same value, whichever draw gave it.
    expect(distinctValue(invented, "k", "a", make)).to.equal("same");
    expect(distinctValue(invented, "k", "b", make)).to.equal("v-b~1");
    // Kinds are apart: another kind may have the value.
    expect(distinctValue(invented, "other", "b", make)).to.equal("same");
    // Outside a run, the seed's own value.
    expect(distinctValue(undefined, "k", "b", make)).to.equal("same");
  });

  it("keeps a repeat only where the values run out", () => {
    const invented: Invented = new Map();
    expect(distinctValue(invented, "k", "a", () => "only")).to.equal("only");
    expect(distinctValue(invented, "k", "b", () => "only")).to.equal("only");
  });

  it("gives every pet of a run its own name, more pets than one-word names could hold apart by chance", () => {
    const env = { accountId: "123456789012", region: "eu-west-1", invented: new Map() };
    const pet = (name: string, inputs: Record<string, unknown>) =>
      resourceState({ type: PET, name, inputs }, env, "apply").id;
    // One word: 150 draws from the names list repeat by chance; the run keeps them apart.
    const one = Array.from({ length: 150 }, (_, i) => pet(`one-${i}`, { length: 1 }));
    expect(new Set(one).size).to.equal(150);
    for (const p of one) expect(PET_NAMES).to.include(p);
    // Two words, as the provider's default: an adjective and a name, joined by a dash.
    const two = Array.from({ length: 200 }, (_, i) => pet(`two-${i}`, {}));
    expect(new Set(two).size).to.equal(200);
    for (const p of two) {
      const [adjective, name] = p.split("-");
      expect(PET_ADJECTIVES).to.include(adjective);
      expect(PET_NAMES).to.include(name);
    }
    // The same resource asked again (preview names, then apply) keeps its name.
    expect(pet("one-7", { length: 1 })).to.equal(one[7]);
    // A prefix and a separator as the program gives them.
    expect(pet("prefixed", { prefix: "team", separator: "_", length: 2 })).to.match(
      /^team_[a-z]+_[a-z]+$/,
    );
  });

  it("keeps a run's random strings apart too; a second run draws as the first did", () => {
    const run = () => ({ accountId: "123456789012", region: "eu-west-1", invented: new Map() });
    const env = run();
    // One lower-case letter: 20 strings of 26 values, which repeat by chance; each distinct here.
    const letters = Array.from(
      { length: 20 },
      (_, i) =>
        resourceState(
          {
            type: "random:index/randomString:RandomString",
            name: `s-${i}`,
            inputs: { length: 1, upper: false, numeric: false, special: false },
          },
          env,
          "apply",
        ).state.result,
    );
    expect(new Set(letters).size).to.equal(20);
    // A second run draws afresh: the same resource gets the same value as in the first.
    const again = resourceState(
      {
        type: "random:index/randomString:RandomString",
        name: "s-0",
        inputs: { length: 1, upper: false, numeric: false, special: false },
      },
      run(),
      "apply",
    ).state.result;
    expect(again).to.equal(letters[0]);
  });
});
