// Typed reads of `secure:` config values the check cannot decrypt (test/fixtures/programs/
// secret-typed-reads and secret-getters, tools/lib/engine/secret-config-reads.js). `pulumi preview`
// decrypts them; offline, a boolean declared in Pulumi.yaml used to read "false" without a word,
// and an undeclared key read as a boolean or a number stopped the program with ConfigTypeError on
// its placeholder. Now a plain getter's read refuses the stack (exit 2), every such read named at
// once; a secret getter's value is unknown, its checks listed with the key named, and the key is
// one mandatory "not evaluated" entry (what an `apply` on it builds never runs).
import { expect } from "chai";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { checkProgram, cli, FIXTURES, lineOf } from "./program-runs";
import type { StackResult } from "../../tools/check/run";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { standInSecretReads } = require("../../tools/lib/engine/secret-config-reads");

/** The getters the spec calls, as the SDK's config.js has them. */
interface ConfigGetters {
  requireNumber(key: string): number;
  getNumber(key: string): number | undefined;
  getBoolean(key: string): boolean | undefined;
  getObject(key: string): unknown;
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
    const run = await cli("--program", FIXTURE);
    expect(run.code, run.stdout).to.equal(2);
    const out = `${run.stdout}\n${run.stderr}`;
    expect(out).to.contain(
      "2 secret config values the check cannot decrypt offline read with a plain typed getter",
    );
    expect(out).to.contain(
      `${KEY("publicSite")} (getBoolean at index.ts:${lineOf(file, 'cfg.getBoolean("publicSite")')}): ` +
        `give the value the stack uses with --config ${KEY("publicSite")}=<value>`,
    );
    expect(out).to.contain(
      `${KEY("retentionDays")} (requireNumber at index.ts:${lineOf(file, 'cfg.requireNumber("retentionDays")')}): ` +
        `give the value the stack uses with --config ${KEY("retentionDays")}=<value>`,
    );
    // The secret getter's key is no refusal.
    expect(out).to.not.contain(`${KEY("openSsh")} (`);
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

    it("lists the key as one mandatory entry: the getter, the line, what was not evaluated", () => {
      const entries = r.unevaluated.filter((u) => u.type === "(secret config, unknown)");
      expect(entries.map((u) => [u.enforcementLevel, u.name])).to.deep.equal([["mandatory", SSH]]);
      const line = lineOf("secret-getters/index.ts", 'cfg.requireSecretBoolean("openSsh")');
      expect(entries[0].reason).to.contain(`read with requireSecretBoolean at index.ts:${line}:`);
      expect(entries[0].reason).to.contain("any callback of an `apply` on it");
      expect(entries[0].reason).to.contain(`--config ${SSH}=<value>`);
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
    };
    const SdkConfig = pulumi.Config as unknown as new (name: string) => {
      fullKey(key: string): string;
    };
    class Config extends SdkConfig {
      getImpl(key: string): string | undefined {
        return values[this.fullKey(key)];
      }
    }
    before(() => {
      standInSecretReads(
        { Config },
        require.resolve("@pulumi/pulumi/config.js"),
        { "demo:flag": "false", "demo:count": "offline-secret-placeholder-2" },
        (r: Record<string, unknown>) => records.push(r),
        () => ({ file: "index.ts", line: 7, column: 1 }),
      );
    });

    it("a plain getter records the read once, for the refusal; other keys are untouched", () => {
      const cfg = new Config("demo") as unknown as ConfigGetters;
      expect(cfg.requireNumber("count")).to.equal(0);
      expect(cfg.getNumber("count")).to.equal(0);
      expect(cfg.requireNumber("count")).to.equal(0);
      expect(cfg.getObject("count")).to.equal(undefined);
      expect(cfg.getBoolean("plain")).to.equal(true);
      expect(records.map((r) => [r.token, r.getter, r.unknown])).to.deep.equal([
        ["config-undecryptable:demo:count", "requireNumber", undefined],
        ["config-undecryptable:demo:count", "getNumber", undefined],
        ["config-undecryptable:demo:count", "getObject", undefined],
      ]);
    });

    it("a secret getter returns an unknown secret carrying a stand-in that names the key", async () => {
      const out = (new Config("demo") as unknown as ConfigGetters).getSecretBoolean("flag");
      expect(await out.isKnown).to.equal(false);
      expect(await out.isSecret).to.equal(true);
      const urns = await Promise.all([...(await out.allResources())].map((d) => d.urn.promise()));
      expect(urns).to.deep.equal(["urn:offline-check:secret-config:demo:flag"]);
    });
  });
});
