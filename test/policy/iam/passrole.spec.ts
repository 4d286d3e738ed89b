// iam-passrole-scoped and iam-passrole-passed-to-service on Trivy AWS-0342 (filter_iam_pass_role)
// and KICS iam_role_policy_passrole_allows_all fixtures.
import { expect } from "chai";
import {
  passRolePassedToService,
  passRoleScoped,
} from "../../../policy-pack/policies/iam/passrole";
import { noResourceWildcard } from "../../../policy-pack/policies/iam/wildcards";
import {
  ACCOUNT,
  EMBEDDED_ARN_STATEMENT,
  findingsOf,
  of,
  run,
  rolePolicy,
  roleWith,
  SCOPED,
  STACK_ARN_STATEMENT,
  Stmt,
  UNKNOWN,
} from "../fixtures/iam";

const PASS_ONE: Stmt = {
  Sid: "PassTaskRole",
  Effect: "Allow",
  Action: "iam:PassRole",
  Resource: `arn:aws:iam::${ACCOUNT}:role/api-task`,
  Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
};
const compliant = (over: Partial<Stmt> = {}) => rolePolicy([SCOPED, { ...PASS_ONE, ...over }]);
/** The fixture without its iam:PassedToService condition, as the KICS and Trivy fixtures write it. */
const unconditioned = (over: Partial<Stmt> = {}) => compliant({ Condition: undefined, ...over });

describe("iam-passrole-scoped", () => {
  describe("Noncompliance", () => {
    it('KICS iam_role_policy_passrole_allows_all / Trivy AWS-0342: "iam:passrole" (any case) on "*"', async () => {
      for (const Action of ["iam:passrole", "iam:PassRole", "iam:*", "iam:Pass*"]) {
        expect(
          await findingsOf(passRoleScoped, [unconditioned({ Action, Resource: "*" })]),
          Action,
        ).to.have.length(1);
      }
    });
    it('all roles with an iam:PassedToService clause that names no service exactly: "*", a glob, IfExists, negated', async () => {
      for (const Condition of [
        { StringEquals: { "iam:PassedToService": "*" } },
        { StringLike: { "iam:PassedToService": "ec2*" } },
        { StringLike: { "iam:PassedToService": ["lambda.amazonaws.com", "*.amazonaws.com"] } },
        { StringEqualsIfExists: { "iam:PassedToService": "lambda.amazonaws.com" } },
        { StringNotEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
      ]) {
        const f = await findingsOf(passRoleScoped, [compliant({ Resource: "*", Condition })]);
        expect(f, JSON.stringify(Condition)).to.have.length(1);
      }
    });
    it("all roles of an account (arn:aws:iam::<account>:role/*), and NotResource", async () => {
      expect(
        await findingsOf(passRoleScoped, [
          unconditioned({ Resource: `arn:aws:iam::${ACCOUNT}:role/*` }),
        ]),
      ).to.have.length(1);
      const notResource = {
        ...PASS_ONE,
        Condition: undefined,
        Resource: undefined,
        NotResource: `arn:aws:iam::${ACCOUNT}:role/admin`,
      };
      expect(await findingsOf(passRoleScoped, [rolePolicy([notResource])])).to.have.length(1);
    });
    it("every glob that can name a role: of IAM, of any service, of any partition", async () => {
      for (const Resource of [
        "arn:aws:iam::*:*",
        "arn:aws:iam::*:role*",
        "arn:aws:*:*:*:*",
        "arn:*:iam::*:role/*",
        ["arn:aws:s3:::*", "*"],
        // IAM User Guide reference_policies_elements_resource: a `*` ending a segment matches
        // beyond the colons, so a short glob spans the segments it leaves out.
        "arn:aws:iam::*",
        "arn:aws:iam:*",
        "arn:aws:*",
        "arn:*",
        `arn:aws:iam::${ACCOUNT}*`,
      ]) {
        expect(
          await findingsOf(passRoleScoped, [unconditioned({ Resource })]),
          JSON.stringify(Resource),
        ).to.have.length(1);
      }
    });
    it("NotResource whose entries leave some role in: one role, other services' or other types' ARNs, a path", async () => {
      for (const NotResource of [
        `arn:aws:iam::${ACCOUNT}:role/admin`,
        "arn:aws:s3:::*",
        ["arn:aws:iam::*:user/*", "arn:aws:iam::*:policy/*"],
        "arn:aws:iam::*:role/service-role/*",
      ]) {
        const r = rolePolicy([
          { ...PASS_ONE, Condition: undefined, Resource: undefined, NotResource },
        ]);
        const f = await findingsOf(passRoleScoped, [r]);
        expect(f, JSON.stringify(NotResource)).to.have.length(1);
        expect(f[0]).to.contain("NotResource");
      }
    });
    it("reports the known-bad statement of a document that also names a stack ARN unknown at preview", async () => {
      for (const other of [STACK_ARN_STATEMENT, EMBEDDED_ARN_STATEMENT]) {
        const r = rolePolicy([{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }, other]);
        expect(await findingsOf(passRoleScoped, [r])).to.have.length(1);
      }
    });

    it("reports iam:PassRole on all roles, directly or through iam:*", async () => {
      for (const Action of ["iam:PassRole", "iam:*", "iam:Pass*"]) {
        const f = await of("iam-passrole-scoped", [
          roleWith({ Effect: "Allow", Action, Resource: "*" }),
        ]);
        expect(f, Action).to.have.length(1);
      }
      const f = await of("iam-passrole-scoped", [
        roleWith({
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: `arn:aws:iam::${ACCOUNT}:role/*`,
        }),
      ]);
      expect(f).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture: one named role", async () => {
      expect(await findingsOf(passRoleScoped, [compliant()])).to.deep.equal([]);
    });
    it("all roles, passed only to the services iam:PassedToService names exactly (IAM Access Analyzer's fix; AWSLambda_FullAccess)", async () => {
      for (const [Resource, services] of [
        ["*", "lambda.amazonaws.com"],
        ["*", ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"]],
        [`arn:aws:iam::${ACCOUNT}:role/*`, "ec2.amazonaws.com"],
      ]) {
        const Condition = { StringEquals: { "iam:PassedToService": services } };
        const r = compliant({ Resource, Condition });
        expect(await findingsOf(passRoleScoped, [r]), JSON.stringify(services)).to.deep.equal([]);
      }
    });
    it("KICS negative: iam:passrole on a non-role ARN grants nothing to pass", async () => {
      const r = unconditioned({
        Action: "iam:passrole",
        Resource: "arn:aws:sqs:us-east-2:123456789012:queue1",
      });
      expect(await findingsOf(passRoleScoped, [r])).to.deep.equal([]);
    });
    it("NotResource that leaves out every role grants no role to pass", async () => {
      for (const NotResource of [
        "arn:aws:iam::*:role/*",
        `arn:aws:iam::${ACCOUNT}:role/*`,
        "arn:aws:iam::*:*",
        "arn:aws:iam::*",
        "*",
        ["arn:aws:s3:::*", "arn:aws:iam::*:role*"],
      ]) {
        const r = rolePolicy([
          { ...PASS_ONE, Condition: undefined, Resource: undefined, NotResource },
        ]);
        expect(await findingsOf(passRoleScoped, [r]), JSON.stringify(NotResource)).to.deep.equal(
          [],
        );
      }
    });
    it("a glob of another service's ARNs beside an entry unknown at preview: a preview note, not a pass", async () => {
      // The unknown entry may be "*" once known: judged at `pulumi up`.
      const r = unconditioned({ Resource: ["arn:aws:s3:::*", UNKNOWN] });
      const { findings, notes } = await run(passRoleScoped, [r]);
      expect(findings).to.deep.equal([]);
      expect(notes).to.have.length(1);
      const known = unconditioned({
        Resource: ["arn:aws:s3:::*", `arn:aws:iam::${ACCOUNT}:role/x`],
      });
      expect(await run(passRoleScoped, [known])).to.deep.include({ findings: [], notes: [] });
    });

    it("cfn_nag iam_role_passrole_resource_wildcard_pass.yml: a glob of another service's ARNs names no role", async () => {
      for (const Resource of ["arn:aws:s3:::*", "arn:aws:sqs:*:*:*", "arn:aws:iam::*:user/*"]) {
        const r = unconditioned({ Resource });
        expect(await findingsOf(passRoleScoped, [r]), Resource).to.deep.equal([]);
      }
    });
  });
});

describe("iam-passrole-passed-to-service", () => {
  describe("Noncompliance", () => {
    it("Trivy AWS-0342: iam:PassRole without iam:PassedToService", async () => {
      expect(
        await findingsOf(passRolePassedToService, [compliant({ Condition: undefined })]),
      ).to.have.length(1);
    });

    it("accepts a specific role; advises iam:PassedToService when missing", async () => {
      const r = roleWith({
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: `arn:aws:iam::${ACCOUNT}:role/api-task`,
      });
      expect(await of("iam-passrole-scoped", [r])).to.deep.equal([]);
      const advice = await of("iam-passrole-passed-to-service", [r]);
      expect(advice).to.have.length(1);
      expect(advice[0]).to.contain("without an iam:PassedToService condition");
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture", async () => {
      expect(await findingsOf(passRolePassedToService, [compliant()])).to.deep.equal([]);
    });
  });
});

describe("iam-no-resource-wildcard: iam:PassRole on all roles narrowed by iam:PassedToService", () => {
  const onAll = (services: unknown, operator = "StringEquals") =>
    compliant({ Resource: "*", Condition: { [operator]: { "iam:PassedToService": services } } });
  it("accepts it when the clause names the services exactly, as iam-passrole-scoped does", async () => {
    expect(await findingsOf(noResourceWildcard, [onAll("lambda.amazonaws.com")])).to.deep.equal([]);
  });
  it('reports it when a value is a wildcard ("*", "ec2*") or the operator lets a missing key through', async () => {
    for (const r of [
      onAll("*"),
      onAll("ec2*", "StringLike"),
      onAll("lambda.amazonaws.com", "StringEqualsIfExists"),
    ]) {
      const f = await findingsOf(noResourceWildcard, [r]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain("iam:PassRole");
    }
  });
});
