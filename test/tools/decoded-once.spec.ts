// A `GetAnalyzerInfo` answer decoded once and read back from disk (tools/lib/engine/decoded-once.ts)
// is the decoding itself: the same values, `undefined` properties and key order, for an answer
// built with the SDK's own generated classes (config schemas, an initial config, empty optional
// fields). That the check's reports do not change is shown by the check's own tests, which start
// the pack's process (analyzer.spec.ts, check.spec.ts).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isDeepStrictEqual } from "util";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { decodedOnce } from "../../tools/lib/engine/decoded-once";
import { AnalyzerInfo, decodeAnalyzerInfo } from "../../tools/lib/engine/protocol";
import { structpb } from "../../tools/lib/engine/proto";

function answer(description: string): Uint8Array {
  const info = new analyzerpb.AnalyzerInfo();
  info.setName("pack");
  info.setVersion("1.2.3");
  info.setDescription(description);
  info.setSupportsconfig(true);
  const policies = [
    ["s3-bucket-encrypted", "mandatory", { waivers: { type: "array", default: [] } }],
    [
      "iam-no-wildcards",
      "advisory",
      { max: { type: "number", default: 3 }, on: { type: "boolean" } },
    ],
  ] as const;
  for (const [name, , props] of policies) {
    const p = new analyzerpb.PolicyInfo();
    p.setName(name);
    p.setDescription(`${name} description`);
    p.setEnforcementlevel(analyzerpb.EnforcementLevel.MANDATORY);
    p.setPolicyType(analyzerpb.PolicyType.POLICY_TYPE_RESOURCE);
    p.setSeverity(analyzerpb.PolicySeverity.POLICY_SEVERITY_HIGH);
    p.setTagsList(["Checkov:CKV_AWS_19"]);
    const schema = new analyzerpb.PolicyConfigSchema();
    schema.setProperties(structpb.Struct.fromJavaScript(props as never));
    if (name === "iam-no-wildcards") schema.setRequiredList(["max"]);
    p.setConfigschema(schema);
    info.addPolicies(p);
  }
  const initial = new analyzerpb.PolicyConfig();
  initial.setEnforcementlevel(analyzerpb.EnforcementLevel.ADVISORY);
  initial.setProperties(structpb.Struct.fromJavaScript({ max: 5, names: ["a", "b"], z: null }));
  info.getInitialconfigMap().set("iam-no-wildcards", initial);
  return info.serializeBinary();
}

describe("a GetAnalyzerInfo answer decoded once", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "decoded-once-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const description of ["a pack", ""]) {
    it(`reads back exactly what the decoding gives (description ${JSON.stringify(description)})`, () => {
      const bytes = answer(description);
      const direct = decodeAnalyzerInfo(bytes);
      const first = decodedOnce(bytes, dir, "f", decodeAnalyzerInfo);
      const kept = decodedOnce<AnalyzerInfo>(bytes, dir, "f", () => {
        throw new Error("decoded again");
      });
      for (const got of [first, kept]) {
        expect(isDeepStrictEqual(got, direct)).to.equal(true);
        expect(got).to.deep.equal(direct);
        expect(JSON.stringify(got)).to.equal(JSON.stringify(direct)); // key order too
      }
      expect(kept.displayName).to.equal(undefined);
      expect(Object.keys(kept)).to.include("displayName");
      expect(kept.policies[1].configSchema?.required).to.deep.equal(["max"]);
      expect(kept.initialConfig["iam-no-wildcards"]).to.deep.equal({
        enforcementLevel: "advisory",
        properties: { max: 5, names: ["a", "b"], z: null },
      });
    });
  }

  it("decodes other bytes, or another decoding, anew; keeps nothing that fails to decode", () => {
    const seen: string[] = [];
    const decode = (tag: string) => (b: Uint8Array) => (seen.push(tag), b.length);
    decodedOnce(answer("one"), dir, "f", decode("one"));
    decodedOnce(answer("two"), dir, "f", decode("two"));
    decodedOnce(answer("one"), dir, "g", decode("other decoding"));
    decodedOnce(answer("one"), dir, "f", decode("kept"));
    expect(seen).to.deep.equal(["one", "two", "other decoding"]);

    const bad = new Uint8Array([0xff, 0xff]);
    expect(() => decodedOnce(bad, dir, "f", decodeAnalyzerInfo)).to.throw();
    expect(fs.readdirSync(dir)).to.have.length(3);
  });

  it("keeps the 32 entries used last, and none unused for 30 days", () => {
    const decode = (b: Uint8Array) => b.length;
    const ancient = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    decodedOnce(answer("old"), dir, "f", decode);
    for (const f of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, f), ancient, ancient);
    decodedOnce(answer("new"), dir, "f", decode);
    expect(fs.readdirSync(dir)).to.have.length(1); // the ancient one is gone

    const used = new Date(Date.now() - 10 * 60_000);
    for (let i = 0; i < 40; i++) {
      decodedOnce(answer(`pack ${i}`), dir, "f", decode);
      // entry i, just written, is dated i seconds after the first (all ten minutes ago)
      const when = new Date(used.getTime() + i * 1000);
      for (const f of fs.readdirSync(dir)) {
        const st = fs.statSync(path.join(dir, f));
        if (Date.now() - st.mtimeMs < 5 * 60_000) fs.utimesSync(path.join(dir, f), when, when);
      }
    }
    expect(fs.readdirSync(dir)).to.have.length(32);
    let decodes = 0;
    decodedOnce(answer("pack 39"), dir, "f", () => ++decodes); // the last one used is kept
    decodedOnce(answer("pack 0"), dir, "f", () => ++decodes); // the first one is not
    expect(decodes).to.equal(1);
  });

  it("decodes every time without a folder, and where the folder cannot be written", () => {
    let decodes = 0;
    const decode = () => ++decodes;
    decodedOnce(answer("x"), undefined, "f", decode);
    decodedOnce(answer("x"), undefined, "f", decode);
    const file = path.join(dir, "not-a-folder");
    fs.writeFileSync(file, "");
    expect(decodedOnce(answer("x"), file, "f", decode)).to.equal(3);
    expect(decodedOnce(answer("x"), file, "f", decode)).to.equal(4);
  });
});
