// Typed reads of `secure:` config values the check cannot decrypt (test/fixtures/programs/
// secret-typed-reads and secret-getters, tools/lib/engine/secret-config-reads.js). `pulumi preview`
// decrypts them; offline, a boolean declared in Pulumi.yaml used to read "false" without a word,
// and an undeclared key read as a boolean or a number stopped the program with ConfigTypeError on
// its placeholder. Now a plain getter's read refuses the stack (exit 2), every such read named at
// once; a secret getter's value is unknown, its checks listed with the key named, and the key is
// one mandatory "not evaluated" entry (what an `apply` on it builds never runs).
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { checkProgram, cli, FIXTURES, lineOf, ROOT } from "./program-runs";
import type { StackResult } from "../../tools/check/run";
import { frameOf } from "../../tools/lib/engine/frame-of";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { standInSecretReads } = require("../../tools/lib/engine/secret-config-reads");

/** The getters the spec calls, as the SDK's config.js has them. */
interface ConfigGetters {
  requireNumber(key: string): number;
  getNumber(key: string): number | undefined;
  getBoolean(key: string): boolean | undefined;
  getObject(key: string): unknown;
  requireObject(key: string): unknown;
  getSecretObject(key: string): { isKnown: Promise<boolean> };
  getSecretBoolean(key: string): {
    isKnown: Promise<boolean>;
    isSecret: Promise<boolean>;
    allResources(): Promise<Set<{ urn: { promise(): Promise<string> } }>>;
  };
}

const FIXTURE = path.join(FIXTURES, "secret-typed-reads");
const GETTERS = path.join(FIXTURES, "secret-getters");
const KEY = (k: string) => `fixture-secret-typed-reads:${k}`;
const SSH = "fixture-secret-getters:openSsh";
const STACK = "fixture-secret-getters-dev";

describe("typed reads of secrets the check cannot decrypt", function () {
  this.timeout(300_000);

  it("refuses a plain typed getter's read (exit 2), naming every key, getter and line at once", async () => {
    const file = "secret-typed-reads/index.ts";
    const [text, json] = await Promise.all([
      cli("--program", FIXTURE),
      cli("--program", FIXTURE, "--format", "json"),
    ]);
    const publicSite = lineOf(file, 'cfg.getBoolean("publicSite")');
    const retention = lineOf(file, 'cfg.requireNumber("retentionDays")');
    const message =
      "2 secret config values the check cannot decrypt offline read with a plain typed getter, " +
      "which returns a plain value the program may build on (`pulumi preview` reads the stack's " +
      "value): no offline value can stand for them, so the stack is not judged:\n" +
      `  ${KEY("publicSite")} (getBoolean at index.ts:${publicSite}): read it with ` +
      "getSecretBoolean (an unknown secret offline, whose checks are listed as not evaluated), " +
      `or give the value the stack uses with --config ${KEY("publicSite")}=<value>\n` +
      `  ${KEY("retentionDays")} (requireNumber at index.ts:${retention}): read it with ` +
      "requireSecretNumber (an unknown secret offline, whose checks are listed as not " +
      `evaluated), or give the value the stack uses with --config ${KEY("retentionDays")}=<value>`;
    // The check refused the stack: the program did not fail, and its JSON kind says so.
    expect([text.code, json.code]).to.deep.equal([2, 2]);
    expect(JSON.parse(json.stdout)).to.deep.equal({
      error: {
        kind: "undecryptable-config-read",
        message,
        file: path.relative(ROOT, path.join(FIXTURE, "index.ts")),
        line: publicSite,
      },
    });
    const head = `error: the check refused the stack (stack dev, preview phase): ${message}\n`;
    expect(text.stderr.trimStart().startsWith(head), text.stderr).to.equal(true);
    expect(text.stderr).to.not.contain("the program failed");
    // The secret getter's key is no refusal.
    expect(text.stderr).to.not.contain(`${KEY("openSsh")} (`);
  });

  describe("a secret getter's read, run in both phases", () => {
    let r: StackResult;
    before(async () => {
      r = await checkProgram(GETTERS, { phases: ["preview", "apply"] });
    });

    it("runs to the end: the checks on the input built from it not evaluated, the key named", () => {
      expect(r.phases.map((p) => p.phase)).to.deep.equal(["preview", "apply"]);
      const checks = r.unevaluated.filter((u) => u.urn.startsWith("urn:"));
      expect(checks.map((u) => `${u.enforcementLevel} ${u.policy} ${u.name}`).sort()).to.deep.equal(
        [
          `mandatory ec2-security-group-no-admin-ports-public ${STACK}`,
          `mandatory ec2-security-group-no-public-ingress ${STACK}`,
        ],
      );
      for (const u of checks) {
        expect(u.reason).to.contain(
          "(a secret config value that cannot be decrypted offline " +
            `(${SSH}: give it for this run with --config ${SSH}=<value>))`,
        );
        expect(u.reason).to.contain("bastion: string value at .ingress.0.cidrBlocks");
      }
    });

    it("lists the key as one mandatory entry: the getter, the read's and the callbacks' lines", () => {
      const entries = r.unevaluated.filter((u) => u.type === "(secret config, unknown)");
      const file = "secret-getters/index.ts";
      const read = lineOf(file, 'cfg.requireSecretBoolean("openSsh")');
      // The two `apply` calls on it: the bastion's CIDR blocks and the callback creating a group.
      const callbacks = [
        lineOf(file, "cidrBlocks: openSsh.apply("),
        lineOf(file, "openSsh.apply((open) => {"),
      ];
      expect(entries).to.deep.equal([
        {
          policy: "(every policy, on what the program builds from it)",
          enforcementLevel: "mandatory",
          urn: `config:${SSH}`,
          type: "(secret config, unknown)",
          name: SSH,
          reason:
            `${SSH} is a secret config value that cannot be decrypted offline, read with ` +
            `requireSecretBoolean at index.ts:${read}: its value is unknown to the check, so ` +
            "everything built from it was not evaluated (the inputs built from it, and the " +
            `callbacks of the \`apply\` calls on it at index.ts:${callbacks[0]}, ` +
            `index.ts:${callbacks[1]} with any resources they would create, which never run); ` +
            `give the value the stack uses for this run with --config ${SSH}=<value>`,
        },
      ]);
      // The group the callback creates is in no phase: the entry stands for it.
      expect(r.resources.map((x) => x.name)).to.not.include("admin");
    });

    it("fails the stack with --fail-on-unevaluated: two checks and the key", async () => {
      const run = await cli("--program", GETTERS, "--fail-on-unevaluated", "--format", "json");
      expect(run.code, run.stderr).to.equal(1);
      expect(JSON.parse(run.stdout).summary.unevaluatedMandatory).to.equal(3);
    });

    it("with the value given for the run, nothing is left unevaluated and both groups are judged", async () => {
      const run = await cli("--program", GETTERS, "--format", "json", "--config", `${SSH}=true`);
      const stack = JSON.parse(run.stdout);
      expect(stack.summary.unevaluatedMandatory, run.stderr).to.equal(0);
      // The group the callback creates is judged: SSH open to the world.
      expect(JSON.stringify(stack.violations)).to.contain("SecurityGroup::admin");
    });
  });

  it("with the three values given for the run, nothing is left unevaluated and SSH is judged", async () => {
    const run = await cli(
      "--program",
      FIXTURE,
      "--format",
      "json",
      "--config",
      `${KEY("publicSite")}=false`,
      "--config",
      `${KEY("openSsh")}=true`,
      "--config",
      `${KEY("retentionDays")}=30`,
    );
    const stack = JSON.parse(run.stdout);
    expect(stack.summary.unevaluatedMandatory, run.stderr).to.equal(0);
    const policies = stack.violations.map((v: { policy: string }) => v.policy);
    expect(policies).to.include("ec2-security-group-no-public-ingress");
  });

  describe("the getters, on the SDK's own Config", () => {
    const records: Record<string, unknown>[] = [];
    // The SDK's getters over values of the test's own (no change to the runtime's config).
    const values: Record<string, string> = {
      "demo:flag": "false",
      "demo:count": "offline-secret-placeholder-2",
      "demo:plain": "true",
      "demo:nested": '{"password":"offline-secret-placeholder-3"}',
    };
    const SdkConfig = pulumi.Config as unknown as new (name: string) => {
      fullKey(key: string): string;
    };
    class Config extends SdkConfig {
      getImpl(key: string): string | undefined {
        return values[this.fullKey(key)];
      }
    }
    // The SDK's Output class, whose `apply` the first secret read wraps in this process (as in the
    // program's): put back after, so no later spec runs its callbacks through the wrapper.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Output } = require("@pulumi/pulumi/output.js");
    const sdkApply = Output.prototype.apply;
    after(() => {
      Output.prototype.apply = sdkApply;
    });
    before(() => {
      standInSecretReads(
        { Config },
        require.resolve("@pulumi/pulumi/config.js"),
        {
          "demo:flag": "false",
          "demo:count": "offline-secret-placeholder-2",
          "demo:nested": '{"password":"offline-secret-placeholder-3"}',
        },
        (r: Record<string, unknown>) => records.push(r),
        // This spec stands for the program: its first frame in a stack.
        (stack: string) =>
          stack
            .split("\n")
            .map(frameOf)
            .find((f) => f?.file === __filename),
      );
    });

    it("a plain getter records the read once, for the refusal; other keys are untouched", () => {
      const cfg = new Config("demo") as unknown as ConfigGetters;
      expect(cfg.requireNumber("count")).to.equal(0);
      expect(cfg.getNumber("count")).to.equal(0);
      expect(cfg.requireNumber("count")).to.equal(0);
      expect(cfg.getObject("count")).to.equal(undefined);
      expect(cfg.getBoolean("plain")).to.equal(true);
      // A key declared boolean gets the placeholder "false", which parses, but is no object or list.
      expect(cfg.requireObject("flag")).to.equal(undefined);
      expect(cfg.getObject("nested")).to.deep.equal({ password: "offline-secret-placeholder-3" });
      expect(records.map((r) => [r.token, r.getter, r.unknown])).to.deep.equal([
        ["config-undecryptable:demo:count", "requireNumber", undefined],
        ["config-undecryptable:demo:count", "getNumber", undefined],
        ["config-undecryptable:demo:count", "getObject", undefined],
        ["config-undecryptable:demo:flag", "requireObject", undefined],
      ]);
    });

    it("a secret getter returns an unknown secret carrying a stand-in that names the key", async () => {
      const out = (new Config("demo") as unknown as ConfigGetters).getSecretBoolean("flag");
      expect(await out.isKnown).to.equal(false);
      expect(await out.isSecret).to.equal(true);
      const urns = await Promise.all([...(await out.allResources())].map((d) => d.urn.promise()));
      expect(urns).to.deep.equal(["urn:offline-check:secret-config:demo:flag"]);
    });

    it("an apply the program calls on it, or on what it derives, is recorded at its line", async () => {
      const cfg = new Config("demo") as unknown as ConfigGetters;
      // The read itself was recorded by the test before (once per key and getter).
      const from = records.length;
      const secret = cfg.getSecretBoolean("flag") as unknown as pulumi.Output<boolean>;
      const derived = secret.apply((v) => !v); // callback A
      pulumi.all([derived, pulumi.output(1)]).apply(([v]) => v); // callback B
      pulumi.interpolate`${derived}`.apply((t) => t.length); // callback C
      // Not the program's: the SDK's lifted property (its own apply), and an Output of no secret.
      void (derived as unknown as { length: pulumi.Output<number> }).length;
      pulumi.output(2).apply((n) => n + 1);
      const lines = fs.readFileSync(__filename, "utf8").split("\n");
      const at = (mark: string) => lines.findIndex((l) => l.includes(`// ${mark}`)) + 1;
      expect(
        records.slice(from).map((r) => [r.token, r.getter, r.unknown, r.callback, r.line]),
      ).to.deep.equal([
        ["config-undecryptable:demo:flag", "apply", true, true, at("callback A")],
        ["config-undecryptable:demo:flag", "apply", true, true, at("callback B")],
        ["config-undecryptable:demo:flag", "apply", true, true, at("callback C")],
      ]);
    });

    it("a whole secret read as an object is unknown even when its placeholder parses", async () => {
      const out = (new Config("demo") as unknown as ConfigGetters).getSecretObject("flag");
      expect(await out.isKnown).to.equal(false);
      const nested = (new Config("demo") as unknown as ConfigGetters).getSecretObject("nested");
      expect(await nested.isKnown).to.equal(true);
    });
  });

  // A suite of its own: mocha runs a suite's tests before its inner suites.
  describe("once the getters' suite is done", () => {
    it("leaves the SDK's Output.prototype.apply in this process as it found it", () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Output } = require("@pulumi/pulumi/output.js");
      expect(Output.prototype.apply.name).to.equal("apply");
    });
  });
});
