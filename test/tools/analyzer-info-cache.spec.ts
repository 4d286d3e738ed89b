// The pack's kept `GetAnalyzerInfo` answer (tools/lib/engine/analyzer-info-cache.js): the bytes
// it answers with are the bytes the policy SDK builds and encodes, whether built or read back, and
// any change to what the SDK builds them from is a new key, never a stale answer.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { allPolicies } from "../../policy-pack/policies";

/* eslint-disable @typescript-eslint/no-require-imports */
const {
  analyzerInfoKey,
  cachedAnalyzerInfo,
} = require("../../tools/lib/engine/analyzer-info-cache.js");
// The SDK's builder, as the pack's server calls it.
const { makeAnalyzerInfo } = require("@pulumi/policy/protoutil");
/* eslint-enable @typescript-eslint/no-require-imports */

type Args = [string, string, string, { policies: unknown[] }, Record<string, unknown>];

const VERSIONS = ["policy 1.21.0", "pulumi 3.248.0", "jspb 3.21.4"];
/** A pack call as the server makes it, with this project's policies. */
const packCall = (): Args => [
  "platform",
  "0.1.0",
  "advisory",
  { policies: allPolicies },
  { "s3-bucket-public-access-blocked": "mandatory" },
];
const bytesOf = (info: analyzerpb.AnalyzerInfo) => Buffer.from(info.serializeBinary());
const sdkBytes = (args: Args) => bytesOf(makeAnalyzerInfo(...args));

describe("pack preload: the kept GetAnalyzerInfo answer", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "analyzer-info-cache-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("answers with the SDK's bytes when it builds them and when it reads them back", () => {
    const expected = sdkBytes(packCall());
    const cached = cachedAnalyzerInfo(makeAnalyzerInfo, analyzerpb.AnalyzerInfo, dir, VERSIONS);
    const built = cached(...packCall());
    expect(built).to.be.instanceOf(analyzerpb.AnalyzerInfo);
    expect(bytesOf(built).equals(expected)).to.equal(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".bin"))).to.have.length(1);

    let calls = 0;
    const counted = (...a: Args) => (calls++, makeAnalyzerInfo(...a));
    const again = cachedAnalyzerInfo(counted, analyzerpb.AnalyzerInfo, dir, VERSIONS);
    const read = again(...packCall());
    expect(calls, "read back, not built").to.equal(0);
    expect(read).to.be.instanceOf(analyzerpb.AnalyzerInfo);
    expect(bytesOf(read).equals(expected)).to.equal(true);
    // What the engine decodes is the SDK's answer, policy for policy.
    const decoded = analyzerpb.AnalyzerInfo.deserializeBinary(bytesOf(read));
    expect(decoded.getPoliciesList().map((p) => p.getName())).to.deep.equal(
      allPolicies.map((p) => p.name),
    );
  });

  it("gives every change to what the SDK builds from a new key", () => {
    const base = analyzerInfoKey(VERSIONS, packCall());
    expect(base).to.match(/^[0-9a-f]{64}$/);
    expect(analyzerInfoKey(VERSIONS, packCall()), "stable").to.equal(base);
    const first = allPolicies[0] as unknown as Record<string, unknown>;
    const withArg = (i: number, value: unknown): Args => {
      const args = packCall();
      (args as unknown[])[i] = value;
      return args;
    };
    const withFirst = (change: Record<string, unknown>): Args =>
      withArg(3, { policies: [{ ...first, ...change }, ...allPolicies.slice(1)] });
    const changed: [string, Args | undefined, string[]?][] = [
      ["a description", withFirst({ description: `${String(first.description)}.` })],
      ["an enforcement level", withFirst({ enforcementLevel: "disabled" })],
      ["a config schema", withFirst({ configSchema: { properties: { x: { type: "string" } } } })],
      [
        "a resource policy made a stack policy",
        withFirst({ validateResource: undefined, validateStack: () => undefined }),
      ],
      [
        "one validation made a list of two",
        withFirst({ validateResource: [() => undefined, () => undefined] }),
      ],
      ["the pack's version", withArg(1, "0.1.1")],
      ["the initial config", withArg(4, { "s3-bucket-public-access-blocked": "advisory" })],
      [
        "0 and -0 (the encoder tells them apart)",
        withFirst({ configSchema: { properties: { x: { default: -0 } } } }),
      ],
      ["an SDK version", undefined, ["policy 1.21.1", ...VERSIONS.slice(1)]],
    ];
    const zero = analyzerInfoKey(
      VERSIONS,
      withFirst({ configSchema: { properties: { x: { default: 0 } } } }),
    );
    for (const [what, args, versions] of changed) {
      const key = analyzerInfoKey(versions ?? VERSIONS, args ?? packCall());
      expect(key, what).to.be.a("string");
      expect(key, what).not.to.equal(base);
      if (what.startsWith("0 and -0")) expect(key, what).not.to.equal(zero);
    }
    // Through the cache, in one folder: the unchanged pack's answer is kept first, and each
    // changed call still answers with the SDK's bytes for its own inputs.
    cachedAnalyzerInfo(makeAnalyzerInfo, analyzerpb.AnalyzerInfo, dir, VERSIONS)(...packCall());
    for (const [what, args, versions] of changed.slice(0, 3)) {
      const call = args ?? packCall();
      const expected = sdkBytes(call);
      const cached = cachedAnalyzerInfo(
        makeAnalyzerInfo,
        analyzerpb.AnalyzerInfo,
        dir,
        versions ?? VERSIONS,
      );
      expect(bytesOf(cached(...call)).equals(expected), `${what}, built`).to.equal(true);
      expect(bytesOf(cached(...call)).equals(expected), `${what}, read back`).to.equal(true);
    }
  });

  it("builds the answer again when a kept file is damaged, and keeps it whole", () => {
    const expected = sdkBytes(packCall());
    const cached = cachedAnalyzerInfo(makeAnalyzerInfo, analyzerpb.AnalyzerInfo, dir, VERSIONS);
    cached(...packCall());
    const [name] = fs.readdirSync(dir).filter((f) => f.endsWith(".bin"));
    const file = path.join(dir, name);
    const whole = fs.readFileSync(file);
    const damaged: [string, Buffer][] = [
      ["emptied", Buffer.alloc(0)],
      ["cut short", whole.subarray(0, 1000)],
      ["one byte changed", Buffer.from(whole.map((b, i) => (i === whole.length - 1 ? b ^ 1 : b)))],
    ];
    for (const [what, bytes] of damaged) {
      fs.writeFileSync(file, bytes);
      let calls = 0;
      const counted = (...a: Args) => (calls++, makeAnalyzerInfo(...a));
      const again = cachedAnalyzerInfo(counted, analyzerpb.AnalyzerInfo, dir, VERSIONS);
      expect(bytesOf(again(...packCall())).equals(expected), what).to.equal(true);
      expect(calls, `${what}: built again`).to.equal(1);
      expect(fs.readFileSync(file).equals(whole), `${what}: rewritten whole`).to.equal(true);
    }
  });

  it("builds the answer as the SDK does, keeping nothing, when an input cannot be keyed exactly", () => {
    class Named {
      name = "p";
    }
    const accessor = Object.defineProperty({}, "description", { get: () => "d", enumerable: true });
    const hidden = Object.defineProperty({ name: "p" }, "description", { value: "d" });
    const cases: [string, unknown][] = [
      ["an accessor", accessor],
      ["a property that is not enumerable", hidden],
      ["a class instance", new Named()],
      ["a Map", { name: "p", configSchema: { properties: new Map() } }],
      ["a symbol key", { name: "p", [Symbol("s")]: 1 }],
      ["a non-finite number", { name: "p", configSchema: { properties: { x: { maximum: NaN } } } }],
      ["an array hole", { name: "p", tags: new Array(2).fill("t", 1) }],
      ["a Proxy", new Proxy({ name: "p", description: "d" }, { get: () => "other" })],
    ];
    for (const [what, policy] of cases) {
      const args: Args = ["platform", "0.1.0", "advisory", { policies: [policy] }, {}];
      expect(analyzerInfoKey(VERSIONS, args), what).to.equal(undefined);
      let calls = 0;
      const counted = () => (calls++, new analyzerpb.AnalyzerInfo());
      cachedAnalyzerInfo(counted, analyzerpb.AnalyzerInfo, dir, VERSIONS)(...args);
      expect(calls, what).to.equal(1);
    }
    expect(fs.readdirSync(dir), "nothing kept").to.deep.equal([]);
  });
});
