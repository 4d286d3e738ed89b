// Typed reads of `secure:` config values the check cannot decrypt (test/fixtures/programs/
// secret-typed-reads, tools/lib/engine/secret-config-reads.js). `pulumi preview` decrypts them;
// offline, a boolean declared in Pulumi.yaml used to read "false" without a word, and an
// undeclared key read as a boolean or a number stopped the program with ConfigTypeError on its
// placeholder. Now a secret getter's value is unknown, its checks listed with the key named; a
// plain getter's stand-in is listed as one mandatory "not evaluated" entry per key.
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
  getSecretBoolean(key: string): {
    isKnown: Promise<boolean>;
    isSecret: Promise<boolean>;
    allResources(): Promise<Set<{ urn: { promise(): Promise<string> } }>>;
  };
}

const FIXTURE = path.join(FIXTURES, "secret-typed-reads");
const KEY = (k: string) => `fixture-secret-typed-reads:${k}`;
const STACK = "fixture-secret-typed-reads-dev";

describe("typed reads of secrets the check cannot decrypt", function () {
  this.timeout(300_000);

  describe("the fixture, run in both phases", () => {
    let r: StackResult;
    before(async () => {
      r = await checkProgram(FIXTURE, { phases: ["preview", "apply"] });
    });

    it("runs to the end: the secret boolean's checks not evaluated, the key named", () => {
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
            `(${KEY("openSsh")}: give it for this run with --config ${KEY("openSsh")}=<value>))`,
        );
        expect(u.reason).to.contain("bastion: string value at .ingress.0.cidrBlocks");
      }
    });

    it("lists each key a plain getter read as one mandatory entry, with the getter, line and stand-in", () => {
      const file = "secret-typed-reads/index.ts";
      const entries = r.unevaluated
        .filter((u) => u.type === "(secret config read)")
        .map((u) => [
          u.enforcementLevel,
          u.name,
          /\(([^()]*)\): `pulumi preview`/.exec(u.reason)?.[1],
        ]);
      expect(entries).to.deep.equal([
        [
          "mandatory",
          KEY("publicSite"),
          `getBoolean at index.ts:${lineOf(file, 'cfg.getBoolean("publicSite")')}, which got false`,
        ],
        [
          "mandatory",
          KEY("retentionDays"),
          `requireNumber at index.ts:${lineOf(file, 'cfg.requireNumber("retentionDays")')}, which got 0`,
        ],
      ]);
      const [site] = r.unevaluated.filter((u) => u.name === KEY("publicSite"));
      expect(site.reason).to.contain(`--config ${KEY("publicSite")}=<value>`);
      expect(site.reason).to.contain("judged on a value nobody set");
    });

    it("fails the stack with --fail-on-unevaluated: two checks and two keys", async () => {
      const run = await cli("--program", FIXTURE, "--fail-on-unevaluated", "--format", "json");
      expect(run.code, run.stderr).to.equal(1);
      expect(JSON.parse(run.stdout).summary.unevaluatedMandatory).to.equal(4);
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

    it("a plain getter returns the stand-in and records the read once; other keys are untouched", () => {
      const cfg = new Config("demo") as unknown as ConfigGetters;
      expect(cfg.requireNumber("count")).to.equal(0);
      expect(cfg.getNumber("count")).to.equal(0);
      expect(cfg.requireNumber("count")).to.equal(0);
      expect(cfg.getBoolean("plain")).to.equal(true);
      expect(records.map((r) => [r.token, r.getter, r.value])).to.deep.equal([
        ["config-undecryptable:demo:count", "requireNumber", 0],
        ["config-undecryptable:demo:count", "getNumber", 0],
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
