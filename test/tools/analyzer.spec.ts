// The policy pack as the offline check runs it (tools/lib/engine): values as the engine sends
// them, requests encoded as the generated classes encode them, the pack's own process (start,
// failures, cleanup). Its compile cache: ./analyzer-compile-cache.spec.ts. The policy config:
// ./policy-config.spec.ts.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { allPolicies } from "../../policy-pack/policies";
import type { RecordedResource } from "../../tools/lib/recorder";
import { Analyzer, AnalyzerError, toPolicyReport } from "../../tools/lib/engine/analyzer";
import {
  effectivePropertyDependencies,
  engineProperties,
  RequestBuilder,
  UNKNOWN,
} from "../../tools/lib/engine/marshal";
import type { StackResourceView } from "../../tools/lib/engine/encode";
import { structpb } from "../../tools/lib/engine/proto";
import { contextOf, rejection, sharedAnalyzer } from "../analyzer";
import { res } from "../policy/fixture";

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURE_PACKS = path.join(ROOT, "test", "fixtures", "policy-packs");
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

describe("policy pack analyzer (tools/lib/engine)", function () {
  this.timeout(120_000);

  describe("values as the engine sends them", () => {
    it("keeps unknowns and secrets, and drops what the wire never carries", () => {
      expect(
        engineProperties({
          arn: UNKNOWN,
          password: { [SIG]: SECRET, value: "hunter2" },
          nested: { deep: [1, undefined, { [SIG]: SECRET, value: UNKNOWN }] },
          gone: undefined,
          empty: null,
        }),
      ).to.deep.equal({
        arn: UNKNOWN,
        password: { [SIG]: SECRET, value: "hunter2" },
        nested: { deep: [1, null, { [SIG]: SECRET, value: UNKNOWN }] },
        empty: null,
      });
    });

    it("sends a resource reference as its ID (unknown while it is), a component's as its URN", () => {
      const urn = "urn:pulumi:s::p::aws:kms/key:Key::k";
      expect(
        engineProperties({
          known: { [SIG]: RESOURCE, urn, id: "key-123", packageVersion: "7.0.0" },
          unknownId: { [SIG]: RESOURCE, urn, id: UNKNOWN },
          emptyId: { [SIG]: RESOURCE, urn, id: "" },
          component: { [SIG]: RESOURCE, urn: "urn:pulumi:s::p::my:Thing::t" },
        }),
      ).to.deep.equal({
        known: "key-123",
        unknownId: UNKNOWN,
        emptyId: UNKNOWN,
        component: "urn:pulumi:s::p::my:Thing::t",
      });
    });

    it("sends an output value as its value, unknown without one, secret when it is", () => {
      expect(
        engineProperties({
          known: { [SIG]: OUTPUT, value: "v", dependencies: ["urn:x"] },
          unknown: { [SIG]: OUTPUT },
          secret: { [SIG]: OUTPUT, value: "s", secret: true },
        }),
      ).to.deep.equal({
        known: "v",
        unknown: UNKNOWN,
        secret: { [SIG]: SECRET, value: "s" },
      });
    });

    it("skips internal keys at the top level only, and rejects an unknown signature", () => {
      expect(engineProperties({ __defaults: [], a: { __inner: 1 } })).to.deep.equal({
        a: { __inner: 1 },
      });
      expect(() => engineProperties({ x: { [SIG]: "nope" } })).to.throw(
        "x: unrecognized signature 'nope' in property map",
      );
    });

    it("makes every input depend on every dependency when a registration names none per property", () => {
      const dep = res("aws:kms/key:Key", "k", {});
      const r = { ...res("aws:s3/bucket:Bucket", "b", { a: 1, b: 2 }), dependencies: [dep.urn] };
      expect(effectivePropertyDependencies(r)).to.deep.equal({ a: [dep.urn], b: [dep.urn] });
      const read = { ...r, external: true };
      expect(effectivePropertyDependencies(read)).to.deep.equal({});
    });
  });

  describe("request encoding", () => {
    const key = res("aws:kms/key:Key", "k", { enableKeyRotation: true });
    const provider: RecordedResource = {
      ...res("pulumi:providers:aws", "default_7_0_0", { region: "eu-west-1", __internal: 1 }),
      custom: true,
    };
    const values = {
      zero: 0,
      negative: -1.5,
      big: 2 ** 40,
      no: false,
      empty: "",
      unicode: "ünïcödé ✓",
      long: "x".repeat(20_000),
      list: [],
      object: {},
      nothing: null,
      nested: { a: [1, "two", { three: [true] }] },
      secret: { [SIG]: SECRET, value: UNKNOWN },
    };
    const bucket: RecordedResource = {
      ...res("aws:s3/bucket:Bucket", "b", values, { refs: { kmsKey: [key] }, protect: true }),
      provider: `${provider.urn}::${UNKNOWN}`,
      options: {
        protect: true,
        retainOnDelete: false,
        deleteBeforeReplace: true,
        ignoreChanges: ["tags", ""],
        additionalSecretOutputs: ["arn"],
        aliases: ["urn:pulumi:s::p::aws:s3/bucket:Bucket::old"],
        customTimeouts: { createSeconds: 60, updateSeconds: 0, deleteSeconds: 1.5 },
      },
    };
    const resources = [provider, key, bucket];

    /** The same request built with the generated classes. */
    function reference(r: RecordedResource, stack: boolean) {
      const b = new RequestBuilder(resources);
      const view = stack ? b.stackView(r) : b.analyzeView(r);
      const msg = stack ? new analyzerpb.AnalyzerResource() : new analyzerpb.AnalyzeRequest();
      msg.setType(view.type);
      msg.setUrn(view.urn);
      msg.setName(view.name);
      msg.setProperties(structpb.Struct.fromJavaScript(view.properties as any));
      const o = new analyzerpb.AnalyzerResourceOptions();
      o.setProtect(view.options.protect);
      o.setIgnorechangesList([...view.options.ignoreChanges]);
      if (view.options.deleteBeforeReplace !== undefined) {
        o.setDeletebeforereplace(view.options.deleteBeforeReplace);
        o.setDeletebeforereplacedefined(true);
      }
      o.setAdditionalsecretoutputsList([...view.options.additionalSecretOutputs]);
      o.setAliasesList([...view.options.aliases]);
      const ct = new analyzerpb.AnalyzerResourceOptions.CustomTimeouts();
      ct.setCreate(view.options.customTimeouts.create);
      ct.setUpdate(view.options.customTimeouts.update);
      ct.setDelete(view.options.customTimeouts.delete);
      o.setCustomtimeouts(ct);
      o.setParent(view.options.parent);
      msg.setOptions(o);
      if (view.provider) {
        const p = new analyzerpb.AnalyzerProviderResource();
        p.setUrn(view.provider.urn);
        p.setType(view.provider.type);
        p.setName(view.provider.name);
        p.setProperties(structpb.Struct.fromJavaScript(view.provider.properties as any));
        msg.setProvider(p);
      }
      if (stack) {
        const m = msg as analyzerpb.AnalyzerResource;
        const s = view as StackResourceView;
        m.setParent(s.parent);
        m.setDependenciesList([...s.dependencies]);
        for (const [k, urns] of Object.entries(s.propertyDependencies)) {
          const pd = new analyzerpb.AnalyzerPropertyDependencies();
          pd.setUrnsList([...urns]);
          m.getPropertydependenciesMap().set(k, pd);
        }
      }
      return msg;
    }

    it("writes an Analyze request as the generated classes do", () => {
      const bytes = new RequestBuilder(resources).analyzeRequest(bucket).serializeBinary();
      const decoded = analyzerpb.AnalyzeRequest.deserializeBinary(bytes);
      const expected = reference(bucket, false);
      expect(decoded.toObject()).to.deep.equal(expected.toObject());
      expect(decoded.getProperties()!.toJavaScript()).to.deep.equal(engineProperties(values));
      expect(decoded.getOptions()!.getAliasesList()).to.deep.equal([]); // no old state offline
      expect(decoded.getProvider()!.getProperties()!.toJavaScript()).to.deep.equal({
        region: "eu-west-1",
      });
    });

    it("writes an AnalyzeStack request as the generated classes do", () => {
      const bytes = new RequestBuilder(resources).analyzeStackRequest().serializeBinary();
      const decoded = analyzerpb.AnalyzeStackRequest.deserializeBinary(bytes);
      expect(decoded.getResourcesList().map((r) => r.toObject())).to.deep.equal(
        resources.map((r) => reference(r, true).toObject()),
      );
      expect(
        decoded.getResourcesList()[2].getPropertydependenciesMap().get("kmsKey")!.getUrnsList(),
      ).to.deep.equal([key.urn]);
    });
  });

  describe("the pack's own process", () => {
    it("describes the pack as it is: name, version, every policy in order, config schemas", async () => {
      const analyzer = await sharedAnalyzer();
      expect(analyzer.info.name).to.equal("platform-guardrails");
      expect(analyzer.info.version).to.equal("0.1.0");
      expect(analyzer.info.policies.map((p) => p.name)).to.deep.equal(
        allPolicies.map((p) => p.name),
      );
      for (const p of analyzer.info.policies) {
        expect(p.configSchema?.properties.enforcementLevel, p.name).to.deep.equal({
          type: "string",
          enum: ["advisory", "mandatory", "remediate", "disabled"],
        });
        expect(p.severity, p.name).to.be.a("string");
      }
    });

    it("analyzes registrations, not reads; stack findings without a resource go to the root stack", async () => {
      const analyzer = await sharedAnalyzer();
      const registered = res("aws:kms/key:Key", "made", { enableKeyRotation: false });
      // Reads (`Key.get`, `Bucket.get`) are judged by no policy, resource or stack.
      const readOf = (r: ReturnType<typeof res>) => ({ ...r, external: true });
      const read = readOf(res("aws:kms/key:Key", "read", { enableKeyRotation: false }));
      const bucket = res("aws:s3/bucket:Bucket", "b", { bucket: "b" });
      const readBucket = readOf(res("aws:s3/bucket:Bucket", "existing", { bucket: "existing" }));
      const resources = [registered, read, bucket, readBucket];
      const report = toPolicyReport(
        await analyzer.analyze(contextOf(resources), resources, { policyConfig: {} }),
        resources,
      );
      const rotation = report.violations.filter((v) => v.policy === "kms-key-rotation-enabled");
      expect(rotation.map((v) => v.name)).to.deep.equal(["made"]);
      const pab = report.violations.filter((v) => v.policy === "s3-bucket-public-access-block");
      expect(pab.map((v) => v.name)).to.deep.equal(["b"]);
      const account = report.violations.find((v) => v.policy === "s3-account-public-access-block");
      expect(account).to.include({
        urn: "urn:pulumi:test::platform::pulumi:pulumi:Stack::platform-test",
        type: "pulumi:pulumi:Stack",
        name: "platform-test",
      });
    });

    it("judges registrations as they are made exactly as a finished run, after an abandoned run", async () => {
      const analyzer = await sharedAnalyzer();
      // The shared process also replays policy fixtures, each with its own config: every run
      // here brings the default config in its own turn.
      const policyConfig = {};
      const key = res("aws:kms/key:Key", "made", { enableKeyRotation: false });
      const bucket = res("aws:s3/bucket:Bucket", "b", { bucket: "b" });
      const topic = res("aws:sns/topic:Topic", "t", { name: "t" });
      const read = {
        ...res("aws:kms/key:Key", "read", { enableKeyRotation: false }),
        external: true,
      };
      const resources = [key, read, bucket, topic];
      const ctx = contextOf(resources);
      const whole = await analyzer.analyze(ctx, resources, { policyConfig });
      // A run whose program failed holds the turn until it is abandoned; the next run's
      // registrations, made meanwhile and in another order than reported, wait for it.
      const failed = analyzer.begin(ctx, { policyConfig });
      failed.add(key);
      const streamed = analyzer.begin(ctx, { policyConfig });
      for (const r of [topic, bucket, read]) streamed.add(r);
      failed.abandon();
      // `key` was never given: the run analyzes it when it ends, as `analyze` would.
      const diagnostics = await streamed.finish(resources);
      expect(diagnostics).to.deep.equal(whole);
      const rotation = diagnostics.filter((d) => d.policyName === "kms-key-rotation-enabled");
      expect(rotation.map((d) => d.urn)).to.deep.equal([key.urn]);
    });

    it("rejects a config its schemas reject, with the CLI's lines, and keeps the one it had", async () => {
      const analyzer = await sharedAnalyzer();
      const e = await rejection(
        analyzer.reconfigure({
          "kms-key-rotation-enabled": { waivers: [{ resource: "k", reason: "short" }] },
        }),
      );
      expect(e).to.be.instanceOf(AnalyzerError);
      expect((e as AnalyzerError).lines).to.deep.equal([
        "validating policy config: platform-guardrails 0.1.0  kms-key-rotation-enabled: waivers.0.reason: String length must be greater than or equal to 10",
      ]);
      const key = res("aws:kms/key:Key", "k", { enableKeyRotation: false });
      const report = toPolicyReport(
        await analyzer.analyze(contextOf([key]), [key], { policyConfig: {} }),
        [key],
      );
      expect(report.violations.map((v) => v.policy)).to.include("kms-key-rotation-enabled");
    });

    it("a folder without PulumiPolicy.yaml is no policy pack", async () => {
      const e = await rejection(Analyzer.start({ packDir: path.join(ROOT, "tools") }));
      expect(e.message).to.equal(
        `failed to load Pulumi policy project located at "${path.join(ROOT, "tools")}": ` +
          `open ${path.join(ROOT, "tools", "PulumiPolicy.yaml")}: no such file or directory`,
      );
    });

    it("a pack whose dependencies are not installed says so", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-without-deps-"));
      fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
      fs.writeFileSync(path.join(dir, "package.json"), '{"name":"x","version":"1.0.0"}');
      const e = await rejection(Analyzer.start({ packDir: dir }));
      expect(e.message).to.equal(
        `it looks like the policy pack's dependencies are not installed; try running npm install or yarn install in "${dir}"`,
      );
    });

    it("a pack that fails to load is named, with what it printed", async () => {
      const dir = path.join(FIXTURE_PACKS, "throws-on-load");
      const e = (await rejection(Analyzer.start({ packDir: dir }))) as AnalyzerError;
      expect(e).to.be.instanceOf(AnalyzerError);
      expect(e.lines[0]).to.match(
        new RegExp(
          `^policy pack "${dir}" failed to start: could not read plugin \\[.*run-policy-pack.*\\] stdout: EOF$`,
        ),
      );
      expect(e.output.join("\n")).to.contain("fixture pack: cannot load the policy catalogue");
      // The stack names the pack's own line first, and none of the check's loaders that run in
      // the pack's process (the code cache and the other preloads under tools/).
      const frames = e.output.filter((l) => /^\s*at /.test(l));
      expect(frames[0], e.output.join("\n")).to.contain(`${path.join(dir, "index.js")}:2:`);
      const tools = path.join(ROOT, "tools") + path.sep;
      expect(frames.filter((l) => l.includes(tools))).to.deep.equal([]);
      // The JSON error report's file and line: the pack's frame that threw.
      expect(e.location).to.deep.equal({ file: path.join(dir, "index.js"), line: 2 });
    });
  });
});
