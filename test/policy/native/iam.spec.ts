// The least-privilege IAM rules on @pulumi/aws-native resources (judged as their classic twins,
// policy-pack/lib/native/twins.ts): a compliant role, policies, user and group, each broken one
// field at a time, documents given as objects (as aws-native programs write them) and as JSON.
import { expect } from "chai";
import {
  NATIVE_IAM_GROUP,
  NATIVE_IAM_GROUP_POLICY,
  NATIVE_IAM_MANAGED_POLICY,
  NATIVE_IAM_POLICY,
  NATIVE_IAM_ROLE,
  NATIVE_IAM_ROLE_POLICY,
  NATIVE_IAM_USER,
  NATIVE_IAM_USER_POLICY,
} from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const BUCKET = "arn:aws:s3:::reports-123456789012";
const read = { Effect: "Allow", Action: ["s3:GetObject"], Resource: [`${BUCKET}/*`] };
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const trust = doc({
  Effect: "Allow",
  Principal: { Service: "lambda.amazonaws.com" },
  Action: "sts:AssumeRole",
  Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
});

/** A compliant aws-native role: a service trust, one scoped inline policy. */
const role = (over: Record<string, unknown> = {}) =>
  res(NATIVE_IAM_ROLE, "fn-role", {
    assumeRolePolicyDocument: trust,
    policies: [{ policyName: "read-reports", policyDocument: doc(read) }],
    ...over,
  });

const IAM_RULES = [
  "iam-no-wildcard-actions",
  "iam-no-resource-wildcard",
  "iam-trust-policy-specific-principals",
  "iam-managed-policy-allowlist",
  "iam-no-user-policies",
];

describe("aws-native IAM: least privilege", () => {
  it("a compliant role passes every IAM rule", async () => {
    await expectClean(IAM_RULES.map(policy), [role()]);
  });

  it('iam-no-wildcard-actions: an inline policy allowing "*" on "*"', async () => {
    const found = await violationsOf("iam-no-wildcard-actions", [
      role({
        policies: [
          {
            policyName: "admin",
            policyDocument: doc({ Effect: "Allow", Action: "*", Resource: "*" }),
          },
        ],
      }),
    ]);
    expect(found).to.deep.equal([
      'fn-role: inline policy "admin" statement 1: Action "*" grants every action of every service on all resources: full administrator access.',
    ]);
  });

  it("iam-no-wildcard-actions: a document given as a JSON string", async () => {
    const json = JSON.stringify(doc({ Effect: "Allow", Action: "s3:*", Resource: BUCKET }));
    const found = await violationsOf("iam-no-wildcard-actions", [
      role({ policies: [{ policyName: "s3", policyDocument: json }] }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain('Action "s3:*" grants every s3 action');
  });

  it('iam-no-resource-wildcard: a scoped action on Resource "*"', async () => {
    const found = await violationsOf("iam-no-resource-wildcard", [
      role({
        policies: [{ policyName: "read", policyDocument: doc({ ...read, Resource: "*" }) }],
      }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^fn-role: inline policy "read" .*Resource "\*".*s3:GetObject/);
  });

  it("iam-trust-policy-specific-principals: a trust policy open to everyone", async () => {
    const open = doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" });
    const found = await violationsOf("iam-trust-policy-specific-principals", [
      role({ assumeRolePolicyDocument: open }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^fn-role: assumeRolePolicyDocument statement 1/);
  });

  it("iam-managed-policy-allowlist: AdministratorAccess in managedPolicyArns", async () => {
    const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    const found = await violationsOf("iam-managed-policy-allowlist", [
      role({ managedPolicyArns: [admin] }),
    ]);
    expect(found).to.deep.equal([
      `fn-role: managedPolicyArns: AWS-managed policy ${admin} is not in allowedManagedPolicies; attach a least-privilege customer policy instead.`,
    ]);
  });

  it("an inline policy unknown at preview is a preview note, not a pass", async () => {
    const notes = await previewNotes(policy("iam-no-wildcard-actions"), [
      role({ policies: [{ policyName: "later", policyDocument: UNKNOWN }] }),
    ]);
    expect(notes).to.have.length(1);
  });

  describe("iam-no-user-policies: a ManagedPolicy or Policy attached to users (CloudFormation Users)", () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        NATIVE_IAM_MANAGED_POLICY,
        { managedPolicyName: "p", roles: ["r"], groups: ["devs"] },
        "p: the managed policy is attached to users.",
      ],
      [
        NATIVE_IAM_POLICY,
        { policyName: "p", roles: ["r"], groups: ["devs"] },
        "p: the inline policy is embedded in users.",
      ],
    ];
    for (const [type, extra, message] of cases) {
      const attached = (users: unknown) =>
        res(type, "p", { ...extra, users, policyDocument: doc(read) });
      it(`${type}: attached to roles and a group only (users empty or blank) passes`, async () => {
        await expectClean(policy("iam-no-user-policies"), [res(type, "p", { ...extra })]);
        for (const users of [[], [""]]) {
          await expectClean(policy("iam-no-user-policies"), [attached(users)]);
        }
      });
      it(`${type}: a user among the users is reported, beside an unknown one too`, async () => {
        for (const users of [["alice"], ["", "alice"], [UNKNOWN, "alice"], ["alice", UNKNOWN]]) {
          expect(
            await violationsOf("iam-no-user-policies", [attached(users)]),
            JSON.stringify(users),
          ).to.deep.equal([message]);
        }
      });
      it(`${type}: users unknown at preview are a preview note, not a pass`, async () => {
        for (const users of [UNKNOWN, [UNKNOWN], ["", UNKNOWN]]) {
          const notes = await previewNotes(policy("iam-no-user-policies"), [attached(users)]);
          expect(notes, JSON.stringify(users)).to.have.length(1);
        }
      });
    }
  });

  describe("the standalone policy types", () => {
    const admin = doc({ Effect: "Allow", Action: "*", Resource: "*" });
    const cases: [string, Record<string, unknown>][] = [
      [NATIVE_IAM_MANAGED_POLICY, { managedPolicyName: "p", roles: ["r"] }],
      [NATIVE_IAM_ROLE_POLICY, { policyName: "p", roleName: "r" }],
      [NATIVE_IAM_GROUP_POLICY, { policyName: "p", groupName: "g" }],
      [NATIVE_IAM_POLICY, { policyName: "p", roles: ["r"] }],
    ];
    for (const [type, extra] of cases) {
      it(`${type}: a scoped policyDocument passes, "*" on "*" is reported`, async () => {
        const scoped = res(type, "p", { ...extra, policyDocument: doc(read) });
        await expectClean(
          [policy("iam-no-wildcard-actions"), policy("iam-no-resource-wildcard")],
          [scoped],
        );
        const found = await violationsOf("iam-no-wildcard-actions", [
          res(type, "p", { ...extra, policyDocument: admin }),
        ]);
        expect(found).to.have.length(1);
        expect(found[0]).to.match(/^p: policy statement 1: Action "\*"/);
      });
    }
  });

  describe("users and groups", () => {
    const group = (over: Record<string, unknown> = {}) =>
      res(NATIVE_IAM_GROUP, "readers", {
        policies: [{ policyName: "read", policyDocument: doc(read) }],
        ...over,
      });
    it("a group with a scoped inline policy passes; a wildcard one is reported", async () => {
      await expectClean(IAM_RULES.map(policy), [group()]);
      const wild = { Effect: "Allow", Action: "s3:*", Resource: "*" };
      const found = await violationsOf("iam-no-wildcard-actions", [
        group({ policies: [{ policyName: "all", policyDocument: doc(wild) }] }),
      ]);
      expect(found).to.have.length(1);
    });
    it("iam-no-user-policies: a user without policies passes; inline or managed ones are reported", async () => {
      await expectClean(policy("iam-no-user-policies"), [res(NATIVE_IAM_USER, "u", {})]);
      const inline = res(NATIVE_IAM_USER, "u", {
        policies: [{ policyName: "read", policyDocument: doc(read) }],
      });
      expect(await violationsOf("iam-no-user-policies", [inline])).to.deep.equal([
        "u: the user has inline policies (policies).",
      ]);
      const managed = res(NATIVE_IAM_USER, "u", {
        managedPolicyArns: ["arn:aws:iam::123456789012:policy/read"],
      });
      expect(await violationsOf("iam-no-user-policies", [managed])).to.deep.equal([
        "u: the user has managed policies attached (managedPolicyArns).",
      ]);
      const userPolicy = res(NATIVE_IAM_USER_POLICY, "up", {
        policyName: "p",
        userName: "u",
        policyDocument: doc(read),
      });
      expect(await violationsOf("iam-no-user-policies", [userPolicy])).to.deep.equal([
        "up: an inline policy is attached directly to a user.",
      ]);
    });
  });
});
