// Network Firewall's encryptionConfiguration { type, keyId } (policy-pack/lib/kms/stores.ts): type
// AWS_OWNED_KMS_KEY encrypts with a key AWS owns whatever keyId says, CUSTOMER_KMS with the key
// keyId names (Network Firewall API Reference, EncryptionConfiguration). Each of the four types
// passes with CUSTOMER_KMS and the stack's key; each case breaks one field.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import {
  NETWORKFIREWALL_FIREWALL,
  NETWORKFIREWALL_FIREWALL_POLICY,
  NETWORKFIREWALL_RULE_GROUP,
  NETWORKFIREWALL_TLS_INSPECTION_CONFIGURATION,
} from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { KEY_ARN, policyNamed, run, UNKNOWN, withStackKey } from "../fixtures/kms";

const p = policyNamed(policies, "data-store-kms-cmk");
const customer = { type: "CUSTOMER_KMS", keyId: UNKNOWN };

/** Each type with its block property, its noun, and the rest of a compliant resource. */
const TYPES: [string, string, string, Record<string, unknown>][] = [
  [
    NETWORKFIREWALL_FIREWALL,
    "encryptionConfiguration",
    "Network Firewall firewall",
    { firewallPolicyArn: "arn:aws:network-firewall:eu-west-1:123456789012:firewall-policy/fp" },
  ],
  [
    NETWORKFIREWALL_FIREWALL_POLICY,
    "encryptionConfiguration",
    "Network Firewall policy",
    {
      firewallPolicy: {
        statelessDefaultActions: ["aws:pass"],
        statelessFragmentDefaultActions: ["aws:drop"],
      },
    },
  ],
  [NETWORKFIREWALL_RULE_GROUP, "encryptionConfiguration", "Network Firewall rule group", {}],
  [
    NETWORKFIREWALL_TLS_INSPECTION_CONFIGURATION,
    "encryptionConfigurations",
    "Network Firewall TLS inspection configuration",
    {},
  ],
];

for (const [type, block, noun, rest] of TYPES) {
  const make = (config: unknown) =>
    withStackKey(type, "fw", { name: "fw", ...rest, [block]: config }, [block]);
  const owned = `fw: ${noun} "fw" ${block}.type: it uses an AWS-owned key (AWS_OWNED_KMS_KEY), not a customer-managed key.`;

  describe(`data-store-kms-cmk: ${type} ${block}.type`, () => {
    it("CUSTOMER_KMS with the stack's key passes", async () => {
      expect(await run(p, make(customer))).to.deep.equal(clean);
    });
    it("CUSTOMER_KMS with a literal customer key passes", async () => {
      expect(
        await run(p, [res(type, "fw", { ...rest, [block]: { ...customer, keyId: KEY_ARN } })]),
      ).to.deep.equal(clean);
    });
    it("AWS_OWNED_KMS_KEY is reported, even with the stack's key as keyId (it passed)", async () => {
      const withKey = await run(p, make({ ...customer, type: "AWS_OWNED_KMS_KEY" }));
      expect(withKey.violations).to.deep.equal([owned]);
      const literal = { type: "AWS_OWNED_KMS_KEY", keyId: KEY_ARN };
      expect(
        (await run(p, [res(type, "fw", { ...rest, [block]: literal })])).violations,
      ).to.deep.equal([owned]);
    });
    it("no block is reported as the AWS-owned default", async () => {
      expect((await run(p, [res(type, "fw", rest)])).violations).to.deep.equal([
        `fw: ${noun} "fw" ${block}.keyId: no KMS key is set (a key AWS owns or manages), not a customer-managed key.`,
      ]);
    });
    it("a type unknown at preview is a preview note", async () => {
      const r = await run(p, make({ ...customer, type: UNKNOWN }));
      expect(r.violations).to.deep.equal([]);
      expect(r.notes).to.have.length(1);
    });
  });
}

describe("data-store-kms-cmk: a TLS inspection configuration's encryptionConfigurations list", () => {
  const T = NETWORKFIREWALL_TLS_INSPECTION_CONFIGURATION;
  it("each block is judged: an AWS-owned one beside a customer one is reported", async () => {
    const list = [
      { type: "CUSTOMER_KMS", keyId: KEY_ARN },
      { type: "AWS_OWNED_KMS_KEY", keyId: KEY_ARN },
    ];
    expect(
      (await run(p, [res(T, "tls", { encryptionConfigurations: list })])).violations,
    ).to.deep.equal([
      'tls: Network Firewall TLS inspection configuration "tls" encryptionConfigurations[1].type: it uses an AWS-owned key (AWS_OWNED_KMS_KEY), not a customer-managed key.',
    ]);
    expect(await run(p, [res(T, "tls", { encryptionConfigurations: [list[0]] })])).to.deep.equal(
      clean,
    );
  });

  it("a block unknown at preview built from the stack's key stays a preview note", async () => {
    // Its type may still be AWS_OWNED_KMS_KEY: the dependency on the key does not make it one.
    const out = await run(
      p,
      withStackKey(T, "tls", { encryptionConfigurations: [UNKNOWN] }, ["encryptionConfigurations"]),
    );
    expect(out.violations).to.deep.equal([]);
    expect(out.notes).to.have.length(1);
    expect(out.notes[0]).to.include("encryptionConfigurations.0 can't be known during preview");
  });
});
