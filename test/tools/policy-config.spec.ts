// The policy config as the offline check reads and validates it (tools/lib/engine/policy-config.ts),
// as the Pulumi CLI does for `--policy-pack-config`: its refusals, defaults and schema messages.
import { expect } from "chai";
import {
  parsePolicyPackConfig,
  reconcilePolicyPackConfig,
} from "../../tools/lib/engine/policy-config";
import { accountIdListSchema } from "../../policy-pack/lib/config-schema";

describe("policy pack config (tools/lib/engine)", () => {
  describe("policy config, as the CLI reads and validates it", () => {
    const policies = [
      {
        name: "a",
        enforcementLevel: "advisory" as const,
        configSchema: {
          properties: {
            limit: { type: "integer", minimum: 1, default: 3 },
            level: { type: "string", enum: ["low", "high"] },
            enforcementLevel: { type: "string", enum: ["advisory", "mandatory"] },
          },
          required: ["limit"],
        },
      },
      { name: "b", enforcementLevel: "mandatory" as const },
    ];
    const pack = { name: "p", version: "1.0.0" };

    it("rejects what `--policy-pack-config` rejects, with the CLI's words", () => {
      expect(() => parsePolicyPackConfig('{"a": "sometimes"}')).to.throw(
        'parsing enforcement level for "a": "sometimes" is not a valid enforcement level',
      );
      expect(() => parsePolicyPackConfig('{"a": {"enforcementLevel": 3}}')).to.throw(
        'parsing enforcement level for "a": 3 is not a valid enforcement level; must be a string',
      );
      expect(() => parsePolicyPackConfig('{"a": [1, 2]}')).to.throw(
        'parsing "a": [1 2] is not a valid value; must be a string or object',
      );
      expect(() => parsePolicyPackConfig("[]")).to.throw(
        "json: cannot unmarshal array into Go value of type map[string]interface {}",
      );
      expect(parsePolicyPackConfig("  \n")).to.equal(undefined);
      expect(parsePolicyPackConfig('{"a": {}, "b": "disabled"}')).to.deep.equal({
        b: { enforcementLevel: "disabled" },
      });
    });

    it("fills defaults, applies `all` then each policy, and passes unknown names on", () => {
      const given = parsePolicyPackConfig(
        '{"all": "mandatory", "b": "advisory", "zz": "disabled"}',
      );
      const { config, unknownPolicies } = reconcilePolicyPackConfig(
        pack,
        policies,
        undefined,
        given,
      );
      expect(config).to.deep.equal({
        a: { enforcementLevel: "mandatory", properties: { limit: 3 } },
        b: { enforcementLevel: "advisory" },
        all: { enforcementLevel: "mandatory" },
        zz: { enforcementLevel: "disabled" },
      });
      expect(unknownPolicies).to.deep.equal(["zz"]);
    });

    it("validates against the schemas and reports every problem as the CLI does, sorted", () => {
      const given = parsePolicyPackConfig('{"a": {"limit": 0, "level": "mid", "extra": true}}');
      const e = (() => {
        try {
          reconcilePolicyPackConfig(pack, policies, undefined, given);
        } catch (err) {
          return err as Error & { lines: string[] };
        }
        throw new Error("expected a rejection");
      })();
      expect(e.lines).to.deep.equal([
        'validating policy config: p 1.0.0  a: level: level must be one of the following: "low", "high"',
        "validating policy config: p 1.0.0  a: limit: Must be greater than or equal to 1",
      ]);
    });

    it("refuses an account id that is not 12 digits in an account list (accountIdListSchema)", () => {
      const lists = [
        {
          name: "t",
          enforcementLevel: "mandatory" as const,
          configSchema: { properties: { trustedAccounts: accountIdListSchema("accounts") } },
        },
      ];
      const ok = parsePolicyPackConfig('{"t": {"trustedAccounts": ["123456789012"]}}');
      expect(() => reconcilePolicyPackConfig(pack, lists, undefined, ok)).to.not.throw();
      const bad = parsePolicyPackConfig('{"t": {"trustedAccounts": ["123456789012", "12345"]}}');
      let lines: string[] = [];
      try {
        reconcilePolicyPackConfig(pack, lists, undefined, bad);
      } catch (err) {
        lines = (err as Error & { lines: string[] }).lines;
      }
      expect(lines).to.have.length(1);
      expect(lines[0]).to.contain("t: trustedAccounts.1");
    });
  });
});
