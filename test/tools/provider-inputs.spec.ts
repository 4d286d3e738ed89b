// The table of provider-input validators (tools/lib/provider-checks): for each resource type a
// compliant resource the provider accepts, then one input broken at a time (and each bound
// crossed by one), each refused alone with the provider's wording; every rule naming an input the
// installed @pulumi/aws declares; a required input given only once values are known. How the
// engine's recorded resources are judged (auto-names, unknowns, secrets, phases) is in
// provider-inputs-recorded.spec.ts.
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import type { EngineResource } from "../../tools/lib/engine/monitor";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { inputPathsNamed } from "../../tools/lib/provider-inputs";
import { BROKEN, COMPLIANT } from "./provider-inputs-cases";
import { missingAcrossPhases } from "../../tools/lib/provider-checks/missing-required";
import {
  CROSS_RULES,
  INPUT_RULES,
  refusedAcrossPhases,
  refusedInputs,
} from "../../tools/lib/provider-checks";

function resource(type: string, name: string, inputs: Record<string, unknown>): EngineResource {
  return handBuiltResource(type, name, inputs, { stack: "dev", project: "p", outputs: {} });
}

describe("provider-input validators", () => {
  for (const [type, inputs] of Object.entries(COMPLIANT)) {
    it(`accepts a compliant ${type}`, () => {
      expect(refusedInputs(resource(type, "ok", inputs))).to.deep.equal([]);
    });
  }

  it("covers every type of the tables with a compliant resource and a broken input", () => {
    const types = new Set([...INPUT_RULES, ...CROSS_RULES].map((r) => r.type));
    expect([...types].sort()).to.deep.equal(Object.keys(COMPLIANT).sort());
    for (const r of INPUT_RULES) {
      const top = r.prop.split(".")[0];
      expect(
        BROKEN.some(([t, p]) => t === r.type && (p === r.prop || p === top)),
        `${r.type} ${r.prop}`,
      ).to.equal(true);
    }
  });

  for (const [type, prop, value, says, variant] of BROKEN) {
    it(`refuses ${type} ${prop} = ${JSON.stringify(value)?.slice(0, 40)}`, () => {
      const inputs: Record<string, unknown> = { ...COMPLIANT[type], ...variant, [prop]: value };
      for (const [k, v] of Object.entries(inputs)) if (v === undefined) delete inputs[k];
      if (variant) {
        const base: Record<string, unknown> = { ...COMPLIANT[type], ...variant };
        for (const [k, v] of Object.entries(base)) if (v === undefined) delete base[k];
        expect(refusedInputs(resource(type, "variant", base)), "the variant").to.deep.equal([]);
      }
      const refused = refusedInputs(resource(type, "broken", inputs));
      expect(refused, JSON.stringify(refused.map((r) => r.says))).to.have.length(1);
      expect(refused[0].says.join("\n")).to.include(says);
      // The provider file that declares the check, or the AWS page of a limit AWS enforces.
      expect(refused[0].source).to.match(
        refused[0].by === "aws"
          ? /^https:\/\/docs\.aws\.amazon\.com\/[\w./-]+\.html$/
          : /^hashicorp\/terraform-provider-aws internal\/service\/[a-z0-9]+\/[a-z0-9_]+\.go$/,
      );
    });
  }

  it("names only inputs the installed @pulumi/aws declares", function () {
    this.timeout(120_000); // parses the provider's declarations
    const declared = inputPathsNamed(() => true);
    for (const r of [...INPUT_RULES, ...CROSS_RULES]) {
      const paths = declared.get(r.type);
      expect(paths, r.type).to.not.equal(undefined);
      for (const p of "prop" in r ? [r.prop] : r.reads) {
        expect(paths, `${r.type} ${p}`).to.include(p);
      }
    }
  });
});

describe("a required input given only once values are known", () => {
  const DOC = JSON.stringify({ Version: "2012-10-17", Statement: [] });
  const runs = (before: Record<string, unknown>, after: Record<string, unknown>) => [
    {
      phase: "preview" as const,
      resources: [resource("aws:s3/bucketPolicy:BucketPolicy", "p", before)],
    },
    {
      phase: "apply" as const,
      resources: [resource("aws:s3/bucketPolicy:BucketPolicy", "p", after)],
    },
  ];

  it("is refused at preview when the preview leaves it out (a Promise-form call's empty result)", () => {
    const refused = refusedAcrossPhases(runs({ bucket: "b" }, { bucket: "b", policy: DOC }));
    expect(refused.map((r) => [r.prop, r.phases, r.value])).to.deep.equal([
      ["policy", ["preview"], undefined],
    ]);
    expect(refused[0].says).to.deep.equal([
      'Missing required argument: The argument "policy" is required, but no definition was found.',
    ]);
  });

  it("is not refused when unknown at preview (the Output form), nor when the program never gives it", () => {
    expect(
      missingAcrossPhases(runs({ bucket: "b", policy: UNKNOWN }, { bucket: "b", policy: DOC })),
    ).to.deep.equal([]);
    expect(missingAcrossPhases(runs({ bucket: "b" }, { bucket: "b" }))).to.deep.equal([]);
    expect(
      missingAcrossPhases(runs({ bucket: "b", policy: DOC }, { bucket: "b", policy: DOC })),
    ).to.deep.equal([]);
    // An optional input left out at preview is no refusal; nor is a run of one phase.
    const role = (inputs: Record<string, unknown>) => resource("aws:iam/role:Role", "r", inputs);
    expect(
      missingAcrossPhases([
        { phase: "preview", resources: [role({ assumeRolePolicy: DOC })] },
        { phase: "apply", resources: [role({ assumeRolePolicy: DOC, description: "d" })] },
      ]),
    ).to.deep.equal([]);
    expect(
      missingAcrossPhases(runs({ bucket: "b" }, { bucket: "b", policy: DOC }).slice(0, 1)),
    ).to.deep.equal([]);
  });
});
