// The aws-native coverage the pack's coverage document (policy-pack/docs/coverage.md) states in
// numbers ("N rules list aws-native types (M of the T mandatory)", the mandatory rules that list
// none, by name, and the advisory rules left), counted from the pack's catalogue, so a rule that
// gains or loses a native type updates the text.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { allPolicies } from "../../../policy-pack/policies";
import { policyCatalog } from "../../../policy-pack/lib/define";

const COVERAGE = path.resolve(__dirname, "..", "..", "..", "policy-pack", "docs", "coverage.md");

/** The document's prose with line breaks as spaces, so a sentence matches wherever it wraps. */
const prose = () => fs.readFileSync(COVERAGE, "utf8").replace(/\s+/g, " ");
/** The pack's generated catalogue, whose table says why a rule has no aws-native twin. */
const CATALOGUE = path.resolve(__dirname, "..", "..", "..", "policy-pack", "docs", "policies.md");

/** A number the document states, from the first group of `re`; fails naming the sentence if absent. */
function stated(text: string, re: RegExp, what: string): number {
  const m = re.exec(text);
  expect(m, `policy-pack/docs/coverage.md no longer states ${what}`).to.not.equal(null);
  return Number(m![1]);
}

describe("the pack's aws-native counts, as its coverage document states them", () => {
  const entries = () => {
    expect(policyCatalog.size).to.equal(allPolicies.length);
    return [...policyCatalog.values()];
  };
  const listsNative = (types: readonly string[]) => types.some((t) => t.startsWith("aws-native:"));

  it("the rules that list aws-native types, and the mandatory ones among them", () => {
    const text = prose();
    const all = entries();
    const mandatory = all.filter((e) => e.enforcementLevel === "mandatory");
    expect(stated(text, /(\d+) rules list aws-native types/, "how many rules")).to.equal(
      all.filter((e) => listsNative(e.types)).length,
    );
    expect(stated(text, /\((\d+) of the \d+ mandatory\)/, "the mandatory ones")).to.equal(
      mandatory.filter((e) => listsNative(e.types)).length,
    );
    expect(stated(text, /\(\d+ of the (\d+) mandatory\)/, "every mandatory rule")).to.equal(
      mandatory.length,
    );
  });

  it("the mandatory rules that list none: their count, and each by name", () => {
    const text = prose();
    const none = entries().filter(
      (e) => e.enforcementLevel === "mandatory" && !listsNative(e.types),
    );
    const count = /The (\d+) mandatory rules that list none/;
    expect(stated(text, count, "the mandatory rules that list none")).to.equal(none.length);
    // Named one by one, or (the awsx component rules) by their count and prefix.
    const awsx = none.filter((e) => e.name.startsWith("awsx-"));
    expect(stated(text, /the (\d+) `awsx-\*` rules/, "the awsx rules")).to.equal(awsx.length);
    // The sentences between this count and the advisory one (the policy catalogue
    // names every rule).
    const from = count.exec(text)!.index;
    const paragraph = text.slice(from, text.indexOf("advisory rules left", from));
    for (const e of none.filter((x) => !x.name.startsWith("awsx-"))) {
      expect(paragraph, e.name).to.contain(`\`${e.name}\``);
    }
  });

  it("each advisory rule that lists none and judges resources says why, in the catalogue's table", () => {
    const judgesOnlyComponents = (types: readonly string[]) =>
      types.length === 0 || types.every((t) => /^(awsx|eks):/.test(t));
    const silent = entries()
      .filter((e) => e.enforcementLevel !== "mandatory" && !listsNative(e.types))
      .filter((e) => !judgesOnlyComponents(e.types) && !e.noNativeTwin)
      .map((e) => e.name);
    expect(silent, "advisory rules with no aws-native type and no noNativeTwin").to.deep.equal([]);
    const text = fs.readFileSync(CATALOGUE, "utf8");
    for (const e of entries().filter((x) => x.noNativeTwin)) {
      expect(listsNative(e.types), `${e.name} lists an aws-native type`).to.equal(false);
      expect(text, e.name).to.contain(`No aws-native twin: ${e.noNativeTwin}`);
    }
  });

  it("the advisory rules left that list none", () => {
    const left = entries().filter(
      (e) => e.enforcementLevel !== "mandatory" && !listsNative(e.types),
    );
    expect(
      stated(prose(), /The (\d+) advisory rules left list none/, "the advisory rules left"),
    ).to.equal(left.length);
  });
});
