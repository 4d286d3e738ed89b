// The waiver report: `policy-waivers` lists every waiver in use, `policy-waiver-valid` rejects a
// waiver tag that would quietly do nothing, and neither can be waived by tag.
import { expect } from "chai";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../../../policy-pack/policies";
import { policies as waiverPolicies } from "../../../policy-pack/policies/waivers";
import { KMS_KEY } from "../../../policy-pack/lib/types";
import { evaluate, policy, previewNotes, res, UNKNOWN, violations } from "../fixture";

const waiversInUse = policy("policy-waivers");
const waiverValid = policy("policy-waiver-valid");
const rotation = policy("kms-key-rotation-enabled");
const REASON = "Partner integration pins key material; ticket SEC-1234.";

/** A key that passes the rotation policy, with extra tags. */
function key(
  name: string,
  tags: Record<string, unknown> = {},
  inputs: Record<string, unknown> = {},
) {
  return res(KMS_KEY, name, { enableKeyRotation: true, tags: { Name: name, ...tags }, ...inputs });
}

describe("policy-waivers", () => {
  it("both waiver policies are in the pack, after every other policy", () => {
    const names = allPolicies.map((p) => p.name);
    expect(names.slice(-2)).to.deep.equal(["policy-waivers", "policy-waiver-valid"]);
    expect(waiverPolicies.map((p) => p.enforcementLevel)).to.deep.equal(["advisory", "mandatory"]);
  });

  describe("Noncompliance", () => {
    it("lists a waiver tag with its policy and reason", async () => {
      const found = await violations(waiversInUse, [
        key("legacy", { "waiver:kms-key-rotation-enabled": REASON }),
      ]);
      expect(found).to.deep.equal([
        `legacy: waives 'kms-key-rotation-enabled' (tag waiver:kms-key-rotation-enabled): ${REASON}`,
      ]);
    });
    it("the waived finding itself is withheld from violations and reported as waived", async () => {
      const legacy = key(
        "legacy",
        { "waiver:kms-key-rotation-enabled": REASON },
        { enableKeyRotation: false },
      );
      const report = await evaluate([rotation, waiversInUse], [legacy]);
      expect(
        report.violations.filter((v) => v.policy === "kms-key-rotation-enabled"),
      ).to.deep.equal([]);
      expect(
        report.waived.map((w) => [w.policy, w.name, w.waiver.reason, w.waiver.via]),
      ).to.deep.equal([["kms-key-rotation-enabled", "legacy", REASON, "tag"]]);
      expect(report.violations.map((v) => v.policy)).to.deep.equal(["policy-waivers"]);
    });
    it("lists a waiver given in a policy's `waivers` config, for resources that carry no tags", async () => {
      const legacy = res(KMS_KEY, "legacy", { enableKeyRotation: false });
      const config = {
        "kms-key-rotation-enabled": { waivers: [{ resource: "legacy", reason: REASON }] },
      };
      const found = await violations([rotation, waiversInUse], [legacy], config);
      expect(found).to.deep.equal([
        `legacy: waives 'kms-key-rotation-enabled' (policy config \`waivers\`): ${REASON}\n` +
          `  withheld "automatic key rotation is off (enableKeyRotation is not true)." on ${legacy.urn}`,
      ]);
    });
    it("cannot be waived by tag: a waiver must not hide the list of waivers", async () => {
      const found = await violations(waiversInUse, [
        key("legacy", {
          "waiver:kms-key-rotation-enabled": REASON,
          "waiver:policy-waivers": REASON,
        }),
      ]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("waives 'kms-key-rotation-enabled'");
    });
    it("tags unknown at preview become a preview note, not a silent pass", async () => {
      const notes = await previewNotes(waiversInUse, [
        res(KMS_KEY, "later", { enableKeyRotation: true, tags: UNKNOWN }),
      ]);
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain(
        "can't run policy 'policy-waivers' from policy pack 'platform-guardrails@v0.1.0' during preview",
      );
    });
  });

  describe("Compliance", () => {
    it("reports nothing for resources without waiver tags", async () => {
      expect(
        await violations(waiversInUse, [key("plain"), key("other", { team: "data" })]),
      ).to.deep.equal([]);
    });
    it("does not list a tag that is no waiver (unknown policy, short reason)", async () => {
      const found = await violations(waiversInUse, [
        key("typo", { "waiver:kms-key-rotaton-enabled": REASON }),
        key("short", { "waiver:kms-key-rotation-enabled": "legacy" }),
      ]);
      expect(found).to.deep.equal([]);
    });
  });
});

describe("policy-waiver-valid", () => {
  const validOf = (...resources: ReturnType<typeof key>[]) =>
    violations(waiverValid as ResourceValidationPolicy | StackValidationPolicy, resources);

  describe("Noncompliance", () => {
    it("rejects a tag naming no policy of the pack, with a hint", async () => {
      const found = await validOf(key("typo", { "waiver:kms-key-rotaton-enabled": REASON }));
      expect(found).to.deep.equal([
        "typo: tag 'waiver:kms-key-rotaton-enabled' names no policy of this pack, so it waives nothing (did you mean 'waiver:kms-key-rotation-enabled'?)",
      ]);
    });
    it("rejects a tag whose reason is shorter than the minimum", async () => {
      const found = await validOf(key("short", { "waiver:kms-key-rotation-enabled": "legacy" }));
      expect(found).to.have.length(1);
      expect(found[0]).to.contain(
        "a 6-character reason; a waiver needs a written reason of at least 10 characters",
      );
      const empty = await validOf(key("empty", { "waiver:kms-key-rotation-enabled": "  " }));
      expect(empty[0]).to.contain("has no reason");
    });
    it("cannot be waived, not even by a waiver of itself", async () => {
      const found = await validOf(
        key("sneaky", {
          "waiver:kms-key-rotaton-enabled": REASON,
          "waiver:policy-waiver-valid": REASON,
        }),
      );
      expect(found).to.have.length(2);
      expect(
        found.some((f) => f.includes("'waiver:policy-waiver-valid': this policy cannot be waived")),
      ).to.equal(true);
      expect(found.some((f) => f.includes("names no policy of this pack"))).to.equal(true);
    });
    it("a waiver reason unknown at preview becomes a preview note", async () => {
      const notes = await previewNotes(waiverValid, [
        key("later", { "waiver:kms-key-rotation-enabled": UNKNOWN }),
      ]);
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain(
        "can't run policy 'policy-waiver-valid' from policy pack 'platform-guardrails@v0.1.0' during preview",
      );
    });
  });

  describe("Compliance", () => {
    it("accepts valid waivers and resources without waiver tags", async () => {
      expect(
        await validOf(key("plain"), key("legacy", { "waiver:kms-key-rotation-enabled": REASON })),
      ).to.deep.equal([]);
    });
  });
});
