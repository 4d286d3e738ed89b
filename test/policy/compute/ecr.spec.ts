// ECR repositories: immutable tags, scan on push (repository or registry level), a lifecycle
// policy, and no repository or registry policy open to everyone.
import { expect } from "chai";
import {
  ECR_LIFECYCLE_POLICY,
  ECR_REGISTRY_POLICY,
  ECR_REGISTRY_SCANNING_CONFIGURATION,
  ECR_REPOSITORY,
  ECR_REPOSITORY_POLICY,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";

const repo = (over: Record<string, unknown> = {}) =>
  res(ECR_REPOSITORY, "app-repo", {
    name: "platform-app",
    imageTagMutability: "IMMUTABLE",
    imageScanningConfiguration: { scanOnPush: true },
    ...over,
  });

describe("ecr-repository-tag-immutability", () => {
  const name = "ecr-repository-tag-immutability";

  describe("Noncompliance", () => {
    it("catches MUTABLE, the default, and an exclusion of every tag", async () => {
      expect(await one(name, [repo({ imageTagMutability: "MUTABLE" })])).to.have.length(1);
      expect(await one(name, [repo({ imageTagMutability: undefined })])).to.have.length(1);
      const all = repo({
        imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
        imageTagMutabilityExclusionFilters: [{ filter: "*", filterType: "WILDCARD" }],
      });
      expect(await one(name, [all])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts IMMUTABLE and named exclusions", async () => {
      expect(await one(name, [repo()])).to.deep.equal([]);
      const excl = repo({
        imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
        imageTagMutabilityExclusionFilters: [{ filter: "latest", filterType: "WILDCARD" }],
      });
      expect(await one(name, [excl])).to.deep.equal([]);
    });
  });
});

describe("ecr-repository-scan-on-push", () => {
  const name = "ecr-repository-scan-on-push";
  const registry = (rules: unknown) =>
    res(ECR_REGISTRY_SCANNING_CONFIGURATION, "scanning", { scanType: "ENHANCED", rules });

  describe("Noncompliance", () => {
    it("catches scanOnPush off", async () => {
      const v = await one(name, [repo({ imageScanningConfiguration: { scanOnPush: false } })]);
      expect(v).to.have.length(1);
    });
    it("catches a registry configuration whose rules miss the repository (its own scanOnPush no longer counts)", async () => {
      const r = registry([
        {
          scanFrequency: "SCAN_ON_PUSH",
          repositoryFilters: [{ filter: "other-*", filterType: "WILDCARD" }],
        },
      ]);
      const v = await one(name, [r, repo()]);
      expect(v).to.have.length(1);
      expect(v[0]).to.include("overridden");
    });
    it("catches a matching rule that only scans manually", async () => {
      const r = registry([
        { scanFrequency: "MANUAL", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] },
      ]);
      expect(await one(name, [r, repo()])).to.have.length(1);
    });
    it("registry rules unknown at preview give a note, not a finding", async () => {
      const r = registry(UNKNOWN);
      expect(await one(name, [r, repo()])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [r, repo()])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts repository-level scanOnPush when no registry configuration is managed", async () => {
      expect(await one(name, [repo()])).to.deep.equal([]);
    });
    it("accepts a registry rule covering every repository even when the repository setting is off", async () => {
      const r = registry([
        {
          scanFrequency: "CONTINUOUS_SCAN",
          repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }],
        },
      ]);
      expect(await one(name, [r, repo({ imageScanningConfiguration: undefined })])).to.deep.equal(
        [],
      );
    });
    it("matches filters the way ECR does (substring without '*', wildcard with it)", async () => {
      for (const filter of ["platform", "platform-*", "*app"]) {
        const r = registry([
          {
            scanFrequency: "SCAN_ON_PUSH",
            repositoryFilters: [{ filter, filterType: "WILDCARD" }],
          },
        ]);
        expect(await one(name, [r, repo()]), filter).to.deep.equal([]);
      }
    });
  });
});

describe("ecr-repository-lifecycle-policy", () => {
  const name = "ecr-repository-lifecycle-policy";
  const lifecycle = '{"rules":[]}';

  describe("Noncompliance", () => {
    it("catches a repository without a lifecycle policy", async () => {
      expect(await one(name, [repo()])).to.deep.equal([
        "app-repo: The repository has no lifecycle policy.",
      ]);
    });
    it("a literal-name policy whose repository is unknown gives a preview note, not a finding", async () => {
      const lp = res(ECR_LIFECYCLE_POLICY, "lp", { repository: UNKNOWN, policy: lifecycle });
      expect(await one(name, [repo(), lp])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [repo(), lp])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts a lifecycle policy built from the repository (name unknown at preview)", async () => {
      const r = repo({ name: UNKNOWN });
      const lp = res(
        ECR_LIFECYCLE_POLICY,
        "app-lifecycle",
        { repository: UNKNOWN, policy: lifecycle },
        { refs: { repository: [r] } },
      );
      expect(await one(name, [r, lp])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [r, lp])).to.deep.equal([]);
    });
    it("correlates a lifecycle policy given the repository's literal name", async () => {
      const lp = res(ECR_LIFECYCLE_POLICY, "lp", { repository: "platform-app", policy: lifecycle });
      expect(await one(name, [repo(), lp])).to.deep.equal([]);
      const other = res(ECR_LIFECYCLE_POLICY, "lp", {
        repository: "someone-else",
        policy: lifecycle,
      });
      expect(await one(name, [repo(), other])).to.have.length(1);
    });
  });
});

describe("ecr-repository-policy-not-public", () => {
  const name = "ecr-repository-policy-not-public";
  const doc = (statement: Record<string, unknown>) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Sid: "Pull", Effect: "Allow", Action: ["ecr:BatchGetImage"], ...statement }],
    });
  const rp = (policyDoc: unknown, type = ECR_REPOSITORY_POLICY) =>
    res(type, "repo-policy", { repository: "platform-app", policy: policyDoc });

  describe("Noncompliance", () => {
    it("catches Principal '*' and {AWS: '*'} without a condition", async () => {
      for (const principal of [
        "*",
        { AWS: "*" },
        { AWS: ["arn:aws:iam::210987654321:root", "*"] },
      ]) {
        const v = await one(name, [rp(doc({ Principal: principal }))]);
        expect(v).to.deep.equal([
          'repo-policy: statement Pull (ecr:BatchGetImage): Allow to Principal "*" without a narrowing condition.',
        ]);
      }
    });
    it("does not count a wildcard condition value or a non-narrowing key", async () => {
      const wild = doc({
        Principal: "*",
        Condition: { StringLike: { "aws:PrincipalOrgID": "*" } },
      });
      expect(await one(name, [rp(wild)])).to.have.length(1);
      const agent = doc({
        Principal: "*",
        Condition: { StringEquals: { "aws:UserAgent": "docker" } },
      });
      expect(await one(name, [rp(agent)])).to.have.length(1);
    });
    it("Trivy AWS-0032 test_deny_with_public_access_all: a statement without Effect is read as Allow", async () => {
      const noEffect = JSON.stringify({
        Version: "2008-10-17",
        Statement: [{ Action: ["ecr:*"], Principal: "*" }],
      });
      expect(await one(name, [rp(noEffect)])).to.deep.equal([
        'repo-policy: statement #0 (ecr:*): a statement without a valid Effect (read as Allow) to Principal "*" without a narrowing condition.',
      ]);
    });
    it("catches NotPrincipal in an Allow", async () => {
      expect(
        await one(name, [rp(doc({ NotPrincipal: { AWS: "arn:aws:iam::1:root" } }))]),
      ).to.have.length(1);
    });
    it("reports an invalid document and notes an unknown one", async () => {
      expect(await one(name, [rp("{oops")])).to.have.length(1);
      expect(await one(name, [rp(UNKNOWN)])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [rp(UNKNOWN)])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts named principals and wildcard principals narrowed to the organisation", async () => {
      expect(
        await one(name, [rp(doc({ Principal: { AWS: "arn:aws:iam::210987654321:root" } }))]),
      ).to.deep.equal([]);
      const org = doc({
        Principal: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
      });
      expect(await one(name, [rp(org)])).to.deep.equal([]);
    });
    it("ignores Deny statements, reads object documents and registry policies", async () => {
      const deny = JSON.stringify({
        Statement: [{ Effect: "Deny", Principal: "*", Action: "ecr:*" }],
      });
      expect(await one(name, [rp(deny)])).to.deep.equal([]);
      const obj = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "ecr:*" }],
      };
      expect(await one(name, [rp(obj)])).to.have.length(1);
      expect(await one(name, [rp(obj, ECR_REGISTRY_POLICY)])).to.have.length(1);
    });
  });
});
