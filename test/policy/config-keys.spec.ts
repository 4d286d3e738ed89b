// The list-valued config keys the pack's rules take (EKS version lists, RDS certificate
// authorities): a value of the wrong shape is refused by the pack's own schema, as the CLI
// validates `--policy-pack-config`, naming the policy and the key; a good one is taken.
import { expect } from "chai";
import { allPolicies } from "../../policy-pack/policies";
import {
  parsePolicyPackConfig,
  reconcilePolicyPackConfig,
} from "../../tools/lib/engine/policy-config";

const pack = { name: "platform-guardrails", version: "0.1.0" };

/** The lines a config is refused with, or [] when it is taken. */
function refusal(json: string): string[] {
  try {
    reconcilePolicyPackConfig(pack, allPolicies as any, undefined, parsePolicyPackConfig(json));
    return [];
  } catch (e) {
    return (e as { lines?: string[] }).lines ?? [(e as Error).message];
  }
}

describe("list-valued config keys of the pack's rules", () => {
  const keys: [policy: string, key: string, good: string[]][] = [
    ["eks-cluster-supported-version", "supportedVersions", ["1.35", "1.36"]],
    ["eks-cluster-standard-support-version", "standardSupportVersions", ["1.36"]],
    ["rds-instance-ca-certificate", "currentCertificateAuthorities", ["rds-ca-rsa4096-g1"]],
  ];

  for (const [policy, key, good] of keys) {
    it(`${policy}: ${key} must be a list of strings`, () => {
      for (const bad of ['"1.36"', "[1.36]", "{}"]) {
        const lines = refusal(`{"${policy}": {"${key}": ${bad}}}`);
        expect(lines, bad).to.have.length(1);
        expect(lines[0], bad).to.match(
          new RegExp(`^validating policy config: platform-guardrails 0\\.1\\.0  ${policy}: ${key}`),
        );
      }
      expect(refusal(`{"${policy}": {"${key}": ${JSON.stringify(good)}}}`)).to.deep.equal([]);
    });
  }
});

describe("allowedManagedPolicies, the one schema two rules take", () => {
  // aws-apigateway-restapi-static-route-role judges the role a localPath route makes with the IAM
  // allow-list rule's schema: each rule reads only its own config, so each refuses a bad entry.
  for (const policy of [
    "iam-managed-policy-allowlist",
    "aws-apigateway-restapi-static-route-role",
  ]) {
    it(`${policy}: an entry needs an ARN and a reason of 10 characters or more`, () => {
      const arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess";
      const bad: [string, string][] = [
        [JSON.stringify([arn]), "allowedManagedPolicies.0"],
        [JSON.stringify([{ arn, reason: "" }]), "allowedManagedPolicies.0.reason"],
        [JSON.stringify([{ reason: "static pages of a demo API" }]), "allowedManagedPolicies.0"],
      ];
      for (const [value, key] of bad) {
        const lines = refusal(`{"${policy}": {"allowedManagedPolicies": ${value}}}`);
        expect(lines, value).to.have.length(1);
        expect(lines[0], value).to.contain(
          `validating policy config: platform-guardrails 0.1.0  ${policy}: ${key}`,
        );
      }
      const good = [{ arn, reason: "static pages of a demo API, no other bucket" }];
      expect(
        refusal(`{"${policy}": {"allowedManagedPolicies": ${JSON.stringify(good)}}}`),
      ).to.deep.equal([]);
    });
  }
});
