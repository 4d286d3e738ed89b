// Every aws-native type the pack reads as a classic twin is listed by a rule that reads it. The
// check judges aws-native resources type by type (tools/check/combine.ts, unjudgedResources): a
// type no rule lists is reported "judged by no policy" even when a rule reads it through a
// resource that names it (an aws-native PrefixList through the security-group rule naming it).
import { expect } from "chai";
import { allPolicies } from "../../../policy-pack/policies";
import { policyCatalog } from "../../../policy-pack/lib/define";
import { TWINS } from "../../../policy-pack/lib/native/twins";

describe("aws-native types read as twins", () => {
  it("are each listed by a rule, so the check counts them as judged", () => {
    expect(policyCatalog.size).to.equal(allPolicies.length);
    const listed = new Set([...policyCatalog.values()].flatMap((e) => e.types));
    expect([...TWINS.keys()].filter((t) => !listed.has(t))).to.deep.equal([]);
  });
});
