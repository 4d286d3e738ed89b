// iam-trust-policy-specific-principals on Checkov CKV_AWS_60 (IAMRoleAllowsPublicAssume),
// CKV_AWS_61 (IAMRoleAllowAssumeFromAccount), CKV_AWS_358/393 (GitHub Actions OIDC) and KICS
// iam_role_allows_all_principals_to_assume, iam_policy_grants_assumerole_permission_across_all_services,
// iam_role_with_full_privileges fixtures.
import { expect } from "chai";
import { trustSpecificPrincipals } from "../../../policy-pack/policies/iam/trust";
import { ACCOUNT, findingsOf, run, Stmt, trustingRole, UNKNOWN } from "../fixtures/iam";

const LAMBDA: Stmt = {
  Action: "sts:AssumeRole",
  Principal: { Service: "lambda.amazonaws.com" },
  Effect: "Allow",
};
const compliant = (extra: Stmt[] = []) => trustingRole([LAMBDA, ...extra]);
const assume = (Principal: unknown, extra: Stmt = {}): Stmt => ({
  Action: "sts:AssumeRole",
  Principal,
  Effect: "Allow",
  ...extra,
});
const GH = `arn:aws:iam::123456123456:oidc-provider/token.actions.githubusercontent.com`;
const github = (Condition?: unknown): Stmt => ({
  Effect: "Allow",
  Action: "sts:AssumeRoleWithWebIdentity",
  Principal: { Federated: GH },
  ...(Condition ? { Condition } : {}),
});

describe("iam-trust-policy-specific-principals", () => {
  describe("Noncompliance", () => {
    it('CKV_AWS_60 test_failure / test_failure_array: {"AWS": "*"} among service statements', async () => {
      for (const AWS of ["*", ["*"]]) {
        const r = compliant([
          assume({ AWS }),
          assume(
            { Service: "events.amazonaws.com" },
            { Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } },
          ),
        ]);
        expect(await findingsOf(trustSpecificPrincipals, [r]), JSON.stringify(AWS)).to.have.length(
          1,
        );
      }
    });
    it('KICS iam_policy_grants_assumerole_permission_across_all_services: {"Service": ..., "AWS": "*"}, with and without Effect', async () => {
      const withEffect = assume({ Service: "ec2.amazonaws.com", AWS: "*" });
      const noEffect: Stmt = { ...withEffect };
      delete noEffect.Effect;
      for (const s of [withEffect, noEffect]) {
        expect(
          await findingsOf(trustSpecificPrincipals, [trustingRole([s])]),
          JSON.stringify(s),
        ).to.have.length(1);
      }
    });
    it("CKV_AWS_61 test_failure_1/2: a whole account, bare id or :root ARN", async () => {
      for (const AWS of ["123123123123", "arn:aws:iam::123123123123:root"]) {
        expect(
          await findingsOf(trustSpecificPrincipals, [compliant([assume({ AWS })])]),
          AWS,
        ).to.have.length(1);
      }
    });
    it('KICS iam_role_allows_all_principals_to_assume positive2: "arn:aws:iam::root"', async () => {
      const s = assume({ AWS: "arn:aws:iam::root" }, { Action: ["logs:CreateLogGroup"] });
      expect(await findingsOf(trustSpecificPrincipals, [trustingRole([s])])).to.have.length(1);
    });
    it('KICS iam_role_with_full_privileges: Action "*" (string and list) in a trust policy', async () => {
      for (const Action of ["*", ["*"]]) {
        const s = assume({ Service: "ec2.amazonaws.com" }, { Action, Resource: "*" });
        const f = await findingsOf(trustSpecificPrincipals, [trustingRole([s])]);
        expect(f, JSON.stringify(Action)).to.have.length(1);
        expect(f[0]).to.contain("in a trust policy");
      }
    });
    it("CKV_AWS_358 / CKV_AWS_393 fail1, fail2, fail-wildcard, fail-abusable, fail-wildcard-assertion, fail-misused-repo, fail-service-first", async () => {
      const sub = (v: string) => ({
        StringEquals: { "token.actions.githubusercontent.com:sub": v },
      });
      for (const s of [
        github(),
        github(sub("invalid")),
        github(sub("*")),
        github(sub("workflow:github-actions:repo:myOrg/myRepo:ref:refs/heads/MyBranch")),
        github(sub("repo:*")),
        github(sub("repo:myOrg*")),
      ]) {
        expect(
          await findingsOf(trustSpecificPrincipals, [trustingRole([s])]),
          JSON.stringify(s),
        ).to.have.length(1);
      }
      const serviceFirst = trustingRole([assume({ Service: "ec2.amazonaws.com" }), github()]);
      expect(await findingsOf(trustSpecificPrincipals, [serviceFirst])).to.have.length(1);
    });
    it("reports the known-bad statement of a trust policy that also names a stack role unknown at preview", async () => {
      for (const principal of [UNKNOWN, `arn:aws:iam::${ACCOUNT}:role/${UNKNOWN}`]) {
        const r = trustingRole([assume({ AWS: "*" }), assume({ AWS: principal })]);
        const { findings, notes } = await run(trustSpecificPrincipals, [r]);
        expect(findings, principal).to.have.length(1);
        expect(notes, principal).to.have.length(1);
      }
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture (CKV_AWS_60 test_success)", async () => {
      expect(await findingsOf(trustSpecificPrincipals, [compliant()])).to.deep.equal([]);
    });
    it('CKV_AWS_60 test_success_deny: {"AWS": "*"} in a Deny statement', async () => {
      const s = assume({ AWS: "*" }, { Effect: "Deny" });
      expect(await findingsOf(trustSpecificPrincipals, [compliant([s])])).to.deep.equal([]);
    });
    it("CKV_AWS_61: a whole account with sts:ExternalId, and a named role (KICS negative)", async () => {
      const withId = assume(
        { AWS: "arn:aws:iam::123123123123:root" },
        { Condition: { StringEquals: { "sts:ExternalId": "vendor-7f3a" } } },
      );
      expect(await findingsOf(trustSpecificPrincipals, [compliant([withId])])).to.deep.equal([]);
      const role = assume({ AWS: "arn:aws:iam::123123123123:role/deployer" });
      expect(await findingsOf(trustSpecificPrincipals, [compliant([role])])).to.deep.equal([]);
    });
    it("CKV_AWS_358 pass_aud_first, pass2, pass3, pass-org-only, pass-gh-org (issuer slug), pass-service-first", async () => {
      const aud = { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" };
      for (const s of [
        github({
          StringEquals: aud,
          StringLike: { "token.actions.githubusercontent.com:sub": "repo:org/our-repo-name:*" },
        }),
        github({
          StringLike: { "token.actions.githubusercontent.com:sub": "repo:myOrg/myRepo:*" },
          StringEquals: aud,
        }),
        github({
          StringEquals: {
            ...aud,
            "token.actions.githubusercontent.com:sub": "repo:myOrg/myRepo:ref:refs/heads/MyBranch",
          },
        }),
        github({ StringEquals: { "token.actions.githubusercontent.com:sub": "repo:myOrg/*" } }),
        github({
          StringEquals: {
            ...aud,
            "token.actions.githubusercontent.com/github-org:sub":
              "repo:myOrg/myRepo:ref:refs/heads/MyBranch",
          },
        }),
      ]) {
        expect(
          await findingsOf(trustSpecificPrincipals, [trustingRole([s])]),
          JSON.stringify(s),
        ).to.deep.equal([]);
      }
      const serviceFirst = trustingRole([
        assume({ Service: "ec2.amazonaws.com" }),
        github({
          StringEquals: {
            "token.actions.githubusercontent.com:sub": "repo:myOrg/myRepo:ref:refs/heads/main",
          },
        }),
      ]);
      expect(await findingsOf(trustSpecificPrincipals, [serviceFirst])).to.deep.equal([]);
    });
  });
});
