// Names the rules of rules-secret-names.ts and rules-create-parameter-names.ts must let through,
// each beside the nearest one refused, and the names Pulumi makes from a logical name, which both
// judge (the refused ones are in provider-inputs-cases-names.ts).
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { refusedInputs } from "../../tools/lib/provider-checks";
import { levels } from "./provider-inputs-cases-names";

const META = { stack: "dev", project: "app", outputs: {} };
const SECRET = "aws:secretsmanager/secret:Secret";
const PARAMETER = "aws:ssm/parameter:Parameter";

const refused = (type: string, name: string, inputs: Record<string, unknown>) =>
  refusedInputs(handBuiltResource(type, name, inputs, META));
const parameter = (name: string) => refused(PARAMETER, "p", { name, type: "String", value: "v" });

describe("provider inputs: SSM parameter names AWS takes", () => {
  it("lets through what PutParameter takes, and refuses one step past it", () => {
    for (const ok of [
      "/app/db/url",
      "Param_1.v-2",
      levels(15), // 15 levels above the name, 16 parts: the most a hierarchy has
      " /app/db/url ", // spaces at either end are removed by AWS
      "\t/app/db/url\n", // other white space at either end: how AWS trims is not documented
      "/app/awsConfig",
      "/app/aws/url", // only the first level is a prefix
      "Configs-for-ssm",
      "/my-aws/url", // "aws" inside the first level, not at its start
    ])
      expect(parameter(ok), ok).to.deep.equal([]);
    expect(parameter(levels(16))).to.have.length(1);
  });

  it("judges the name Pulumi makes from the logical name, marked as such", () => {
    expect(refused(PARAMETER, "app-config", { type: "String", value: "v" })).to.deep.equal([]);
    const [r, ...more] = refused(PARAMETER, "awsRegion", { type: "String", value: "v" });
    expect(more).to.deep.equal([]);
    expect([r.prop, r.by, r.autoNamed]).to.deep.equal(["name", "aws", true]);
    expect(r.says[0]).to.match(/^name "awsRegion-[0-9a-f]{7}": a parameter name may not begin/);
  });
});

describe("provider inputs: Secrets Manager names the provider takes", () => {
  it("lets a name of 512 characters and a prefix of 486 through", () => {
    expect(refused(SECRET, "s", { name: "s".repeat(512) })).to.deep.equal([]);
    expect(refused(SECRET, "s", { namePrefix: "p".repeat(486) })).to.deep.equal([]);
  });

  it("refuses the name Pulumi makes from a logical name with a space, at preview", () => {
    expect(refused(SECRET, "db-password", {})).to.deep.equal([]);
    const [r, ...more] = refused(SECRET, "db password", {});
    expect(more).to.deep.equal([]);
    expect([r.prop, r.by, r.autoNamed]).to.deep.equal(["name", "provider", true]);
    expect(r.says[0]).to.include("special characters are allowed");
  });
});
