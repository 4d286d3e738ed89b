// iam-trust-policy-specific-principals on Checkov CKV_AWS_60 (IAMRoleAllowsPublicAssume),
// CKV_AWS_61 (IAMRoleAllowAssumeFromAccount), CKV_AWS_358/393 (GitHub Actions OIDC) and KICS
// iam_role_allows_all_principals_to_assume, iam_policy_grants_assumerole_permission_across_all_services,
// iam_role_with_full_privileges fixtures.
import { expect } from "chai";
import { trustSpecificPrincipals } from "../../../policy-pack/policies/iam/trust";
import {
  ACCOUNT,
  doc,
  ecsTrust,
  findingsOf,
  of,
  run,
  runIam,
  Stmt,
  trustingRole,
  trustRole,
  UNKNOWN,
} from "../fixtures/iam";

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

/** An sts:AssumeRole statement trusting `principal`, with `condition` when given. */
const assumeWhen = (principal: unknown, condition?: unknown): Stmt => ({
  Effect: "Allow",
  Principal: principal,
  Action: "sts:AssumeRole",
  ...(condition ? { Condition: condition } : {}),
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

    it('reports Principal "*" and {"AWS": "*"} without a narrowing condition', async () => {
      expect(
        await of("iam-trust-policy-specific-principals", [trustRole(doc(assumeWhen("*")))]),
      ).to.have.length(1);
      expect(
        await of("iam-trust-policy-specific-principals", [
          trustRole(doc(assumeWhen({ AWS: "*" }, { StringLike: { "aws:PrincipalOrgID": "*" } }))),
        ]),
      ).to.have.length(1);
      expect(
        await of("iam-trust-policy-specific-principals", [
          trustRole(
            doc(
              assumeWhen({ AWS: "*" }, { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } }),
            ),
          ),
        ]),
      ).to.deep.equal([]);
    });
    it("reports NotPrincipal with Allow", async () => {
      const t = doc({
        Effect: "Allow",
        NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:role/x` },
        Action: "sts:AssumeRole",
      });
      expect(await of("iam-trust-policy-specific-principals", [trustRole(t)])).to.have.length(1);
    });
    it("reports a whole foreign account without sts:ExternalId; accepts ExternalId or a trusted account", async () => {
      const foreign = doc(assumeWhen({ AWS: "arn:aws:iam::210987654321:root" }));
      expect(await of("iam-trust-policy-specific-principals", [trustRole(foreign)])).to.have.length(
        1,
      );
      expect(
        await of("iam-trust-policy-specific-principals", [
          trustRole(doc(assumeWhen({ AWS: "210987654321" }))),
        ]),
      ).to.have.length(1);
      const withId = doc(
        assumeWhen(
          { AWS: "arn:aws:iam::210987654321:root" },
          { StringEquals: { "sts:ExternalId": "vendor-7f3a" } },
        ),
      );
      expect(await of("iam-trust-policy-specific-principals", [trustRole(withId)])).to.deep.equal(
        [],
      );
      expect(
        await of("iam-trust-policy-specific-principals", [trustRole(foreign)], {
          "iam-trust-policy-specific-principals": { trustedAccounts: ["210987654321"] },
        }),
      ).to.deep.equal([]);
      expect(
        await of("iam-trust-policy-specific-principals", [
          trustRole(doc(assumeWhen({ AWS: "arn:aws:iam::210987654321:role/deployer" }))),
        ]),
      ).to.deep.equal([]);
    });
    it("KICS cross_account_iam_assume_role_policy_without_external_id_or_mfa positive2/positive3: MFA false, an empty ExternalId, MFA only if present", async () => {
      const root = { AWS: "arn:aws:iam::987654321145:root" };
      for (const condition of [
        { Bool: { "aws:MultiFactorAuthPresent": "false" } },
        { StringEquals: { "sts:ExternalId": "" } },
        { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } },
        { NumericLessThanIfExists: { "aws:MultiFactorAuthAge": "3600" } },
      ]) {
        const found = await of("iam-trust-policy-specific-principals", [
          trustRole({ Version: "2012-10-17", Statement: assumeWhen(root, condition) }),
        ]);
        expect(found, JSON.stringify(condition)).to.have.length(1);
        expect(found[0]).to.contain("account 987654321145 without an sts:ExternalId");
      }
    });
    it('a wildcard service principal ({"Service": "*"}) stands for every service', async () => {
      const found = await of("iam-trust-policy-specific-principals", [
        trustRole(doc(assumeWhen({ Service: "*" }))),
      ]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain('service principal "*" is a wildcard');
    });
    it("leaves confused-deputy conditions to the advisory rule (Checkov CKV_AWS_61 passing fixture: ecs-tasks without them)", async () => {
      expect(
        await of("iam-trust-policy-specific-principals", [
          trustRole(doc(assumeWhen({ Service: "ecs-tasks.amazonaws.com" }))),
        ]),
      ).to.deep.equal([]);
    });
    it("reports GitHub OIDC trust without a subject pinned to an owner", async () => {
      const oidc = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
      const gh = (cond?: unknown) =>
        trustRole(
          doc({
            Effect: "Allow",
            Principal: { Federated: oidc },
            Action: "sts:AssumeRoleWithWebIdentity",
            ...(cond ? { Condition: cond } : {}),
          }),
        );
      const aud = { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" };
      expect(
        await of("iam-trust-policy-specific-principals", [gh({ StringEquals: aud })]),
      ).to.have.length(1);
      expect(
        await of("iam-trust-policy-specific-principals", [
          gh({
            StringEquals: aud,
            StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" },
          }),
        ]),
      ).to.have.length(1);
      expect(
        await of("iam-trust-policy-specific-principals", [
          gh({
            StringEquals: aud,
            StringLike: {
              "token.actions.githubusercontent.com:sub": "repo:acme/platform:ref:refs/heads/main",
            },
          }),
        ]),
      ).to.deep.equal([]);
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
    it("KICS cross_account_iam_assume_role_policy_without_external_id_or_mfa negative2: a whole account that must sign in with MFA (IAM User Guide, MFA-protected cross-account delegation)", async () => {
      const root = { AWS: "arn:aws:iam::987654321145:root" };
      for (const condition of [
        { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        { Bool: { "aws:MultiFactorAuthPresent": true } },
        { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } },
      ]) {
        const s = assumeWhen(root, condition);
        expect(
          await findingsOf(trustSpecificPrincipals, [compliant([s])]),
          JSON.stringify(condition),
        ).to.deep.equal([]);
      }
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

    it("does not require the condition where AWS does not support it (EC2, Lambda), nor report it as unverified", async () => {
      const r = trustRole(
        doc(assumeWhen({ Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] })),
      );
      expect((await runIam([r])).all).to.deep.equal([]);
    });
  });
});

describe("iam-trust-policy-confused-deputy", () => {
  describe("Noncompliance", () => {
    it("advises on a documented service principal without aws:SourceAccount/SourceArn (IfExists does not count)", async () => {
      expect(
        await of("iam-trust-policy-confused-deputy", [
          trustRole(doc(assumeWhen({ Service: "ecs-tasks.amazonaws.com" }))),
        ]),
      ).to.have.length(1);
      const ifExists = doc(
        assumeWhen(
          { Service: "vpc-flow-logs.amazonaws.com" },
          { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } },
        ),
      );
      expect(await of("iam-trust-policy-confused-deputy", [trustRole(ifExists)])).to.have.length(1);
      expect(await of("iam-trust-policy-confused-deputy", [trustRole(ecsTrust)])).to.deep.equal([]);
    });

    it("judges a regional or China service principal as its service (states.<region>.amazonaws.com)", async () => {
      for (const service of [
        "states.us-west-2.amazonaws.com",
        "states.amazonaws.com.cn",
        "states.cn-north-1.amazonaws.com.cn",
        "STATES.eu-south-1.amazonaws.com",
      ]) {
        const f = await runIam([trustRole(doc(assumeWhen({ Service: service })))]);
        expect(f.all, service).to.have.length(1);
        expect(f.all[0], service).to.match(/^iam-trust-policy-confused-deputy: /);
        expect(f.all[0], service).to.include(`service principal ${service} without`);
      }
      // Pinned, the regional principal passes as the global one does.
      const pinned = assumeWhen(
        { Service: "states.us-west-2.amazonaws.com" },
        { StringEquals: { "aws:SourceAccount": ACCOUNT } },
      );
      expect((await runIam([trustRole(doc(pinned))])).all).to.deep.equal([]);
    });
  });
});

describe("iam-trust-policy-confused-deputy-unverified", () => {
  describe("Noncompliance", () => {
    it("advises (only) on service principals whose support is not recorded", async () => {
      const f = await runIam([trustRole(doc(assumeWhen({ Service: "codebuild.amazonaws.com" })))]);
      expect(f.mandatory).to.deep.equal([]);
      expect(f.all).to.have.length(1);
      expect(f.all[0]).to.match(
        /^iam-trust-policy-confused-deputy-unverified: .*codebuild\.amazonaws\.com/,
      );
      // A regional principal of a service not recorded is still unverified; EC2's regional one
      // is not applicable, as its global one is not.
      const regional = await runIam([
        trustRole(doc(assumeWhen({ Service: "codebuild.eu-west-1.amazonaws.com" }))),
      ]);
      expect(regional.all).to.have.length(1);
      expect(regional.all[0]).to.match(/^iam-trust-policy-confused-deputy-unverified: /);
      const ec2 = trustRole(doc(assumeWhen({ Service: "ec2.ap-east-1.amazonaws.com" })));
      expect((await runIam([ec2])).all).to.deep.equal([]);
    });
  });
});
