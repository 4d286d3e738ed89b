// Our prod program as `pulumi up` sees it before creating each resource: with the fake's
// outputs, every IAM policy document the program builds from other resources' ARNs is complete.
import { expect } from "chai";
import { UNKNOWN } from "../../../tools/lib/fake-aws";
import type { RecordedResource } from "../../../tools/lib/recorder";
import { runStack } from "../../helpers";

/** Every string under a `...policy` / `...Policies` key, at any depth, with its path. */
function policyStrings(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (Array.isArray(value)) value.forEach((v, i) => policyStrings(v, `${path}[${i}]`, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === "string" && /polic(y|ies)$/i.test(k)) out.push([`${path}.${k}`, v]);
      else policyStrings(v, `${path}.${k}`, out);
    }
  }
  return out;
}

describe("fake AWS: the prod stack in the apply phase", () => {
  let resources: RecordedResource[];
  before(async () => {
    resources = (await runStack("prod", { preview: false })).resources;
  });

  it("leaves no IAM policy document unknown, and every one is JSON", () => {
    let documents = 0;
    for (const r of resources) {
      for (const [where, text] of [
        ...policyStrings(r.inputs, `${r.name}.inputs`, []),
        ...policyStrings(r.outputs, `${r.name}.outputs`, []),
      ]) {
        expect(text.includes(UNKNOWN), `${r.type} ${where} holds an unknown value`).to.equal(false);
        // Other "policies" are not documents (a Content-Security-Policy header value).
        if (!text.trimStart().startsWith("{")) continue;
        let doc: any;
        expect(() => (doc = JSON.parse(text)), `${r.type} ${where} is not JSON`).to.not.throw();
        if (doc && doc.Statement) documents++;
      }
    }
    expect(documents).to.be.greaterThan(20);
  });

  it("gives every resource the program creates a known id and its ARN", () => {
    for (const r of resources.filter((x) => x.custom)) {
      expect(JSON.stringify(r.outputs).includes(UNKNOWN), `${r.type} ${r.name}`).to.equal(false);
      if (r.outputs.arn !== undefined)
        expect(r.outputs.arn, `${r.type} ${r.name}`).to.match(/^arn:aws:/);
    }
  });
});
