// Least-privilege IAM policies: a compliant fixture of every resource type that carries or attaches
// a policy passes; each way of breaking a rule is caught one field at a time; documents work as
// objects and JSON strings with Statement as object or array; unknown values become preview notes,
// never passes; a waiver tag on a role withholds the finding and lists it as waived.
import { expect } from "chai";
import type { RecordedResource } from "../../tools/lib/recorder";
import type { PackConfig } from "../../tools/lib/policy-runner";
import { policies } from "../../policy-pack/policies/iam";
import { evaluate, res, UNKNOWN } from "./fixture";
import {
  IAM_GROUP_POLICY,
  IAM_GROUP_POLICY_ATTACHMENT,
  IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE,
  IAM_POLICY,
  IAM_POLICY_ATTACHMENT,
  IAM_ROLE,
  IAM_ROLE_POLICIES_EXCLUSIVE,
  IAM_ROLE_POLICY,
  IAM_ROLE_POLICY_ATTACHMENT,
  IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
  IAM_USER_POLICIES_EXCLUSIVE,
  IAM_USER_POLICY,
  IAM_USER_POLICY_ATTACHMENT,
  IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE,
  SSM_PARAMETER,
} from "../../policy-pack/lib/types";

const ACCOUNT = "123456789012";
const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
const BUCKET = "platform-staging-api-uploads";

type Stmt = Record<string, unknown>;
const doc = (...statements: Stmt[]) => ({ Version: "2012-10-17", Statement: statements });

/** A realistic least-privilege permissions document. */
const goodStatements: Stmt[] = [
  {
    Sid: "Objects",
    Effect: "Allow",
    Action: ["s3:PutObject", "s3:GetObject"],
    Resource: `arn:aws:s3:::${BUCKET}/*`,
  },
  {
    Sid: "KeyViaS3",
    Effect: "Allow",
    Action: ["kms:GenerateDataKey", "kms:Decrypt"],
    Resource: KEY_ARN,
    Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
  },
  // ecr:GetAuthorizationToken has no resource types: "*" is the only possible resource.
  { Sid: "EcrToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
  {
    Sid: "Logs",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/platform/api:*`,
  },
  {
    Sid: "QueueReads",
    Effect: "Allow",
    Action: "sqs:GetQueue*",
    Resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`,
  },
  {
    Sid: "PassTaskRole",
    Effect: "Allow",
    Action: "iam:PassRole",
    Resource: `arn:aws:iam::${ACCOUNT}:role/api-task`,
    Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
  },
  {
    Sid: "NoPlainHttp",
    Effect: "Deny",
    Action: "*",
    Resource: "*",
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  },
];
const goodDoc = doc(...goodStatements);

const ecsTrust = doc({
  Effect: "Allow",
  Principal: { Service: "ecs-tasks.amazonaws.com" },
  Action: "sts:AssumeRole",
  Condition: {
    StringEquals: { "aws:SourceAccount": ACCOUNT },
    ArnLike: { "aws:SourceArn": `arn:aws:ecs:eu-west-1:${ACCOUNT}:*` },
  },
});

const role = (name: string, inputs: Record<string, unknown> = {}) =>
  res(IAM_ROLE, name, {
    assumeRolePolicy: JSON.stringify(ecsTrust),
    inlinePolicies: [{ name: "app", policy: JSON.stringify(goodDoc) }],
    tags: { Name: name },
    ...inputs,
  });

/** A role whose only inline policy is `statements` (as a JSON string unless `asObject`). */
const roleWith = (
  statements: Stmt[] | Stmt,
  opts: { asObject?: boolean; tags?: Record<string, string> } = {},
) => {
  const d = { Version: "2012-10-17", Statement: statements };
  return role("subject", {
    inlinePolicies: [{ name: "subject", policy: opts.asObject ? d : JSON.stringify(d) }],
    ...(opts.tags ? { tags: opts.tags } : {}),
  });
};

const trustRole = (trust: unknown) =>
  role("trusting", { assumeRolePolicy: JSON.stringify(trust), inlinePolicies: [] });

interface Findings {
  /** `<policy>: <message>` for real findings. */
  all: string[];
  mandatory: string[];
  notes: string[];
  waived: string[];
}

async function run(resources: RecordedResource[], config: PackConfig = {}): Promise<Findings> {
  const report = await evaluate(policies, resources, config);
  const real = report.violations.filter((v) => !v.previewNote);
  return {
    all: real.map((v) => `${v.policy}: ${v.detail}`),
    mandatory: real
      .filter((v) => v.enforcementLevel === "mandatory")
      .map((v) => `${v.policy}: ${v.detail}`),
    notes: report.violations.filter((v) => v.previewNote).map((v) => `${v.policy}: ${v.detail}`),
    waived: report.waived.map((w) => `${w.policy}: ${w.message}`),
  };
}

/** Findings of one policy. */
async function of(
  policy: string,
  resources: RecordedResource[],
  config: PackConfig = {},
): Promise<string[]> {
  return (await run(resources, config)).all.filter((f) => f.startsWith(`${policy}: `));
}

/** A compliant resource of every type that carries or attaches an identity policy. */
function compliantStack(): RecordedResource[] {
  const r = role("api");
  // A role managed with separate resources: at preview its optional computed inline arguments are
  // unknown outputs, as the engine reports them.
  const worker = res(
    IAM_ROLE,
    "worker",
    { assumeRolePolicy: ecsTrust },
    {
      outputs: { assumeRolePolicy: ecsTrust, inlinePolicies: UNKNOWN, managedPolicyArns: UNKNOWN },
    },
  );
  const customer = res(IAM_POLICY, "api-extra", {
    policy: JSON.stringify(goodDoc),
    description: "extra",
  });
  return [
    r,
    worker,
    customer,
    res(
      IAM_ROLE_POLICY,
      "worker-inline",
      { role: UNKNOWN, policy: goodDoc },
      { refs: { role: [worker] } },
    ),
    res(IAM_USER_POLICY, "ci-user-inline", { user: "ci", policy: JSON.stringify(goodDoc) }),
    res(IAM_GROUP_POLICY, "devs-inline", { group: "devs", policy: doc(goodStatements[0]) }),
    res(
      IAM_ROLE_POLICY_ATTACHMENT,
      "api-extra-attach",
      { role: UNKNOWN, policyArn: UNKNOWN },
      { refs: { role: [worker], policyArn: [customer] } },
    ),
    res(IAM_ROLE_POLICY_ATTACHMENT, "worker-literal-attach", {
      role: "worker",
      policyArn: `arn:aws:iam::${ACCOUNT}:policy/existing-app-policy`,
    }),
    res(IAM_GROUP_POLICY_ATTACHMENT, "devs-attach", {
      group: "devs",
      policyArn: `arn:aws:iam::${ACCOUNT}:policy/existing-app-policy`,
    }),
    res(
      IAM_POLICY_ATTACHMENT,
      "shared-attach",
      { roles: [UNKNOWN], policyArn: UNKNOWN },
      { refs: { roles: [worker], policyArn: [customer] } },
    ),
    res(
      IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
      "api-exclusive",
      {
        roleName: UNKNOWN,
        policyArns: [UNKNOWN],
      },
      { refs: { roleName: [worker], policyArns: [customer] } },
    ),
    res(IAM_ROLE_POLICIES_EXCLUSIVE, "worker-inline-exclusive", {
      roleName: "worker",
      policyNames: ["worker-inline"],
    }),
    res(IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE, "devs-exclusive", {
      groupName: "devs",
      policyArns: [],
    }),
  ];
}

describe("policy: least-privilege IAM", () => {
  describe("compliant fixtures", () => {
    it("pass every IAM policy, with no preview notes", async () => {
      const f = await run(compliantStack());
      expect(f.notes).to.deep.equal([]);
      // The only findings are the advisory ones about user policies, which the stack has on purpose.
      expect(f.all).to.deep.equal([
        "iam-no-user-policies: an inline policy is attached directly to a user.",
      ]);
    });

    it("pass with the document as an object, a JSON string, and Statement as a single object", async () => {
      for (const policy of [
        goodDoc,
        JSON.stringify(goodDoc),
        { Version: "2012-10-17", Statement: goodStatements[0] },
      ]) {
        const f = await run([res(IAM_ROLE_POLICY, "p", { role: "api", policy })]);
        expect(f.all, JSON.stringify(policy).slice(0, 40)).to.deep.equal([]);
      }
    });

    it("every policy carries metadata: description, level, severity, remediation, references", () => {
      for (const p of policies) {
        expect(p.name).to.match(/^iam-[a-z-]+$/);
        expect(p.description ?? "", p.name).to.have.length.above(20);
        expect(p.enforcementLevel, p.name).to.be.oneOf(["advisory", "mandatory"]);
        expect(p.severity, p.name).to.be.oneOf(["low", "medium", "high", "critical"]);
        expect(p.remediationSteps ?? "", p.name).to.have.length.above(20);
        expect((p as { tags?: string[] }).tags ?? [], p.name).to.have.length.above(0);
      }
    });
  });

  describe("iam-no-wildcard-actions", () => {
    const P = "iam-no-wildcard-actions";
    it('reports Action "*" (full administrator with Resource "*")', async () => {
      const f = await of(P, [roleWith({ Effect: "Allow", Action: "*", Resource: "*" })]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain('"*" grants every action of every service on all resources');
    });
    it('reports "service:*"', async () => {
      const f = await of(P, [
        roleWith({ Effect: "Allow", Action: "s3:*", Resource: `arn:aws:s3:::${BUCKET}/*` }),
      ]);
      expect(f).to.deep.equal([
        `${P}: inline policy "subject" statement 1: Action "s3:*" grants every s3 action.`,
      ]);
    });
    it("reports Allow with NotAction", async () => {
      const f = await of(P, [roleWith({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })]);
      expect(f[0]).to.contain("Allow with NotAction");
    });
    it("reports a partial wildcard that includes write actions", async () => {
      const f = await of(P, [
        roleWith({ Effect: "Allow", Action: "s3:Put*", Resource: `arn:aws:s3:::${BUCKET}/*` }),
      ]);
      expect(f).to.have.length(1);
      expect(f[0]).to.match(/"s3:Put\*" expands to \d+ non-read action/);
    });
    it("reports a read-only wildcard that expands to more than maxWildcardExpansion actions", async () => {
      const f = await of(P, [
        roleWith({ Effect: "Allow", Action: "logs:Describe*", Resource: "*" }),
      ]);
      expect(f[0]).to.match(/"logs:Describe\*" expands to \d+ actions \(more than 10\)/);
    });
    it("accepts a pattern listed in allowedActionPatterns, and a small read-only one", async () => {
      const r = roleWith([
        { Effect: "Allow", Action: "logs:Describe*", Resource: "*" },
        { Effect: "Allow", Action: "cloudwatch:GetMetric*", Resource: "*" },
      ]);
      expect(
        await of(P, [r], { [P]: { allowedActionPatterns: ["logs:describe*"] } }),
      ).to.deep.equal([]);
    });
    it("never reports a Deny statement", async () => {
      expect(await of(P, [roleWith({ Effect: "Deny", Action: "*", Resource: "*" })])).to.deep.equal(
        [],
      );
    });
    it("checks every attachment point", async () => {
      const bad = doc({ Effect: "Allow", Action: "*", Resource: "*" });
      for (const [type, inputs] of [
        [IAM_ROLE_POLICY, { role: "r", policy: bad }],
        [IAM_POLICY, { policy: JSON.stringify(bad) }],
        [IAM_USER_POLICY, { user: "u", policy: bad }],
        [IAM_GROUP_POLICY, { group: "g", policy: JSON.stringify(bad) }],
      ] as const) {
        expect(await of(P, [res(type, "x", inputs)]), type).to.have.length(1);
      }
    });
  });

  describe("iam-no-resource-wildcard", () => {
    const P = "iam-no-resource-wildcard";
    it('reports "*" for an action that supports resource-level permissions', async () => {
      const f = await of(P, [
        roleWith({
          Effect: "Allow",
          Action: ["s3:GetObject", "ecr:GetAuthorizationToken"],
          Resource: "*",
        }),
      ]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain('Resource "*" for 1 action(s)').and.contain("s3:GetObject");
      expect(f[0]).to.not.contain("ecr:GetAuthorizationToken");
    });
    it("reports all-wildcard ARNs and NotResource", async () => {
      for (const s of [
        { Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::*/*" },
        { Effect: "Allow", Action: "iam:GetRole", Resource: `arn:aws:iam::${ACCOUNT}:role/*` },
        { Effect: "Allow", Action: "s3:PutObject", NotResource: `arn:aws:s3:::${BUCKET}/*` },
      ]) {
        expect(await of(P, [roleWith(s)]), JSON.stringify(s)).to.have.length(1);
      }
    });
    it('accepts actions without resource types on "*" and specific ARNs or prefixes', async () => {
      const r = roleWith([
        {
          Effect: "Allow",
          Action: ["logs:DescribeLogGroups", "sts:GetCallerIdentity", "ecr:GetAuthorizationToken"],
          Resource: "*",
        },
        { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/reports/*` },
        {
          Effect: "Allow",
          Action: "iam:GetRole",
          Resource: `arn:aws:iam::${ACCOUNT}:role/platform-*`,
        },
      ]);
      expect(await of(P, [r])).to.deep.equal([]);
    });
    it("accepts a positive aws:ResourceTag condition the action supports, not an IfExists one", async () => {
      const tagged = (op: string) =>
        roleWith({
          Effect: "Allow",
          Action: "secretsmanager:GetSecretValue",
          Resource: "*",
          Condition: { [op]: { "aws:ResourceTag/team": "platform" } },
        });
      expect(await of(P, [tagged("StringEquals")])).to.deep.equal([]);
      expect(await of(P, [tagged("StringEqualsIfExists")])).to.have.length(1);
      expect(
        await of(P, [tagged("StringEquals")], { [P]: { allowResourceTagConditions: false } }),
      ).to.have.length(1);
    });
    it("accepts an action listed in allowedActions", async () => {
      const r = roleWith({ Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" });
      expect(await of(P, [r])).to.have.length(1);
      expect(
        await of(P, [r], { [P]: { allowedActions: ["cloudwatch:PutMetricData"] } }),
      ).to.deep.equal([]);
    });
  });

  describe("iam-passrole-scoped / iam-passrole-passed-to-service", () => {
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

  describe("iam-no-privilege-escalation", () => {
    const P = "iam-no-privilege-escalation";
    it("reports a single-action escalation path on unscoped resources", async () => {
      const f = await of(P, [
        roleWith({ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" }),
      ]);
      expect(f.join("\n")).to.contain("PutRolePolicy (iam:PutRolePolicy)");
    });
    it("reports PassRole on all roles combined with lambda:CreateFunction + InvokeFunction, across statements", async () => {
      const f = await of(P, [
        roleWith([
          { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
          {
            Effect: "Allow",
            Action: ["lambda:CreateFunction", "lambda:InvokeFunction"],
            Resource: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:app-*`,
          },
        ]),
      ]);
      expect(f.join("\n")).to.contain("PassRoleToNewLambdaThenInvoke");
    });
    it("does not report PassRole scoped to one role with function creation", async () => {
      const f = await of(P, [
        roleWith([
          { Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/fn` },
          {
            Effect: "Allow",
            Action: ["lambda:CreateFunction", "lambda:InvokeFunction"],
            Resource: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:app-*`,
          },
        ]),
      ]);
      expect(f).to.deep.equal([]);
    });
    // Permissions management on unscoped resources moved to its own rule (it exposes resources; it
    // does not escalate the principal's own privileges), iam-no-unscoped-permissions-management.
    it("reports permissions-management actions on all resources (from the data set's access levels)", async () => {
      const f = await of("iam-no-unscoped-permissions-management", [
        roleWith({ Effect: "Allow", Action: "s3:PutBucketPolicy", Resource: "arn:aws:s3:::*" }),
      ]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain("permissions-management action(s)").and.contain("s3:PutBucketPolicy");
    });
    it("accepts IAM writes scoped to a specific role", async () => {
      const r = roleWith({
        Effect: "Allow",
        Action: "iam:PutRolePolicy",
        Resource: `arn:aws:iam::${ACCOUNT}:role/app-deploy`,
      });
      expect(await of(P, [r])).to.deep.equal([]);
    });
    it('reports Action "*" on "*" as every path', async () => {
      const f = await of(P, [roleWith({ Effect: "Allow", Action: "*", Resource: "*" })]);
      expect(f.join("\n")).to.contain("CreateNewPolicyVersion").and.contain("CreateAccessKey");
    });
  });

  describe("iam-no-credentials-exposure / iam-no-data-exfiltration", () => {
    it("reports sts:AssumeRole on all roles; accepts a named role and unscopable token actions", async () => {
      const P = "iam-no-credentials-exposure";
      expect(
        await of(P, [roleWith({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" })]),
      ).to.have.length(1);
      expect(
        await of(P, [
          roleWith([
            {
              Effect: "Allow",
              Action: "sts:AssumeRole",
              Resource: `arn:aws:iam::${ACCOUNT}:role/reader`,
            },
            {
              Effect: "Allow",
              Action: ["ecr:GetAuthorizationToken", "sts:GetSessionToken"],
              Resource: "*",
            },
          ]),
        ]),
      ).to.deep.equal([]);
    });
    it("reports secret and object reads on unscoped resources", async () => {
      const P = "iam-no-data-exfiltration";
      expect(
        await of(P, [
          roleWith({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }),
        ]),
      ).to.have.length(1);
      expect(
        await of(P, [
          roleWith({ Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::*/*" }),
        ]),
      ).to.have.length(1);
      expect(
        await of(P, [
          roleWith({
            Effect: "Allow",
            Action: "ssm:GetParameter",
            Resource: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/platform/*`,
          }),
        ]),
      ).to.deep.equal([]);
    });
  });

  describe("iam-kms-decrypt-scoped (FSBP KMS.1/KMS.2)", () => {
    const P = "iam-kms-decrypt-scoped";
    it("reports kms:Decrypt on all keys, even with a kms:ViaService condition", async () => {
      for (const Resource of [
        "*",
        "arn:aws:kms:*:*:key/*",
        `arn:aws:kms:eu-west-1:${ACCOUNT}:key/*`,
      ]) {
        const r = roleWith({
          Effect: "Allow",
          Action: "kms:Decrypt",
          Resource,
          Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
        });
        expect(await of(P, [r]), Resource).to.have.length(1);
      }
      expect(
        await of(P, [roleWith({ Effect: "Allow", Action: "kms:ReEncrypt*", Resource: "*" })]),
      ).to.have.length(1);
    });
    it("accepts a key ARN", async () => {
      expect(
        await of(P, [roleWith({ Effect: "Allow", Action: "kms:Decrypt", Resource: KEY_ARN })]),
      ).to.deep.equal([]);
    });
  });

  describe("iam-trust-policy-specific-principals", () => {
    const P = "iam-trust-policy-specific-principals";
    const assume = (principal: unknown, condition?: unknown): Stmt => ({
      Effect: "Allow",
      Principal: principal,
      Action: "sts:AssumeRole",
      ...(condition ? { Condition: condition } : {}),
    });
    it('reports Principal "*" and {"AWS": "*"} without a narrowing condition', async () => {
      expect(await of(P, [trustRole(doc(assume("*")))])).to.have.length(1);
      expect(
        await of(P, [
          trustRole(doc(assume({ AWS: "*" }, { StringLike: { "aws:PrincipalOrgID": "*" } }))),
        ]),
      ).to.have.length(1);
      expect(
        await of(P, [
          trustRole(
            doc(assume({ AWS: "*" }, { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } })),
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
      expect(await of(P, [trustRole(t)])).to.have.length(1);
    });
    it("reports a whole foreign account without sts:ExternalId; accepts ExternalId or a trusted account", async () => {
      const foreign = doc(assume({ AWS: "arn:aws:iam::210987654321:root" }));
      expect(await of(P, [trustRole(foreign)])).to.have.length(1);
      expect(await of(P, [trustRole(doc(assume({ AWS: "210987654321" })))])).to.have.length(1);
      const withId = doc(
        assume(
          { AWS: "arn:aws:iam::210987654321:root" },
          { StringEquals: { "sts:ExternalId": "vendor-7f3a" } },
        ),
      );
      expect(await of(P, [trustRole(withId)])).to.deep.equal([]);
      expect(
        await of(P, [trustRole(foreign)], { [P]: { trustedAccounts: ["210987654321"] } }),
      ).to.deep.equal([]);
      expect(
        await of(P, [trustRole(doc(assume({ AWS: "arn:aws:iam::210987654321:role/deployer" })))]),
      ).to.deep.equal([]);
    });
    it("reports a documented service principal without aws:SourceAccount/SourceArn (IfExists does not count)", async () => {
      expect(
        await of(P, [trustRole(doc(assume({ Service: "ecs-tasks.amazonaws.com" })))]),
      ).to.have.length(1);
      const ifExists = doc(
        assume(
          { Service: "vpc-flow-logs.amazonaws.com" },
          { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } },
        ),
      );
      expect(await of(P, [trustRole(ifExists)])).to.have.length(1);
      expect(await of(P, [trustRole(ecsTrust)])).to.deep.equal([]);
    });
    it("does not require the condition where AWS does not support it (EC2, Lambda), nor report it as unverified", async () => {
      const r = trustRole(doc(assume({ Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] })));
      expect((await run([r])).all).to.deep.equal([]);
    });
    it("advises (only) on service principals whose support is not recorded", async () => {
      const f = await run([trustRole(doc(assume({ Service: "codebuild.amazonaws.com" })))]);
      expect(f.mandatory).to.deep.equal([]);
      expect(f.all).to.have.length(1);
      expect(f.all[0]).to.match(
        /^iam-trust-policy-confused-deputy-unverified: .*codebuild\.amazonaws\.com/,
      );
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
      expect(await of(P, [gh({ StringEquals: aud })])).to.have.length(1);
      expect(
        await of(P, [
          gh({
            StringEquals: aud,
            StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" },
          }),
        ]),
      ).to.have.length(1);
      expect(
        await of(P, [
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

  describe("iam-managed-policy-allowlist", () => {
    const P = "iam-managed-policy-allowlist";
    const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    it("reports AWS-managed policies on every attachment type", async () => {
      const r = role("api");
      const cases: RecordedResource[] = [
        res(IAM_ROLE_POLICY_ATTACHMENT, "a1", { role: "api", policyArn: ADMIN }),
        res(IAM_USER_POLICY_ATTACHMENT, "a2", { user: "u", policyArn: ADMIN }),
        res(IAM_GROUP_POLICY_ATTACHMENT, "a3", { group: "g", policyArn: ADMIN }),
        res(IAM_POLICY_ATTACHMENT, "a4", { roles: ["api"], policyArn: ADMIN }),
        role("managed", { managedPolicyArns: [ADMIN] }),
        res(IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE, "a6", {
          roleName: "api",
          policyArns: [ADMIN],
        }),
        res(IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE, "a7", { userName: "u", policyArns: [ADMIN] }),
        res(IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE, "a8", {
          groupName: "g",
          policyArns: [ADMIN],
        }),
      ];
      for (const c of cases) expect(await of(P, [r, c]), c.type).to.have.length(1);
    });
    it("accepts an allow-listed policy with a reason, not one without", async () => {
      const attach = res(IAM_ROLE_POLICY_ATTACHMENT, "a", {
        role: "api",
        policyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
      });
      const ok = {
        allowedManagedPolicies: [
          {
            arn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
            reason: "AWS maintains the ECR/Logs pull permissions",
          },
        ],
      };
      expect(await of(P, [attach], { [P]: ok })).to.deep.equal([]);
      const noReason = {
        allowedManagedPolicies: [
          {
            arn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
            reason: "",
          },
        ],
      };
      expect(await of(P, [attach], { [P]: noReason })).to.have.length(1);
    });
    it("a policy ARN unknown at preview: fine when built from a customer Policy, a preview note otherwise", async () => {
      const customer = res(IAM_POLICY, "custom", { policy: JSON.stringify(goodDoc) });
      const other = res(SSM_PARAMETER, "arn-param", { value: UNKNOWN });
      const viaPolicy = res(
        IAM_ROLE_POLICY_ATTACHMENT,
        "a",
        { role: "api", policyArn: UNKNOWN },
        { refs: { policyArn: [customer] } },
      );
      const viaOther = res(
        IAM_ROLE_POLICY_ATTACHMENT,
        "b",
        { role: "api", policyArn: UNKNOWN },
        { refs: { policyArn: [other] } },
      );
      const f = await run([customer, other, viaPolicy, viaOther]);
      expect(f.all.filter((x) => x.startsWith(P))).to.deep.equal([]);
      expect(f.notes.filter((x) => x.startsWith(P))).to.have.length(1);
    });
    it("a waiver tag on the attached role withholds the finding and lists it as waived", async () => {
      const r = role("admin", {
        tags: { [`waiver:${P}`]: "Break-glass role, reviewed in SEC-142 every quarter" },
      });
      const attach = res(
        IAM_ROLE_POLICY_ATTACHMENT,
        "admin-attach",
        { role: UNKNOWN, policyArn: ADMIN },
        { refs: { role: [r] } },
      );
      const f = await run([r, attach]);
      expect(f.all.filter((x) => x.startsWith(P))).to.deep.equal([]);
      expect(f.waived).to.have.length(1);
      expect(f.waived[0]).to.contain("AdministratorAccess");
    });
  });

  describe("iam-no-user-policies (advisory)", () => {
    const P = "iam-no-user-policies";
    it("reports every way of attaching permissions to a user", async () => {
      const cases: RecordedResource[] = [
        res(IAM_USER_POLICY, "u1", { user: "u", policy: JSON.stringify(goodDoc) }),
        res(IAM_USER_POLICY_ATTACHMENT, "u2", {
          user: "u",
          policyArn: `arn:aws:iam::${ACCOUNT}:policy/p`,
        }),
        res(IAM_POLICY_ATTACHMENT, "u3", {
          users: ["u"],
          policyArn: `arn:aws:iam::${ACCOUNT}:policy/p`,
        }),
        res(IAM_USER_POLICIES_EXCLUSIVE, "u4", { userName: "u", policyNames: ["p"] }),
        res(IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE, "u5", {
          userName: "u",
          policyArns: [`arn:aws:iam::${ACCOUNT}:policy/p`],
        }),
      ];
      for (const c of cases) {
        const f = await run([c]);
        expect(f.all, c.type).to.have.length(1);
        expect(f.mandatory, c.type).to.deep.equal([]);
        expect(f.all[0]).to.match(new RegExp(`^${P}: `));
      }
      expect(
        await of(P, [
          res(IAM_POLICY_ATTACHMENT, "g", {
            groups: ["g"],
            users: [],
            policyArn: `arn:aws:iam::${ACCOUNT}:policy/p`,
          }),
        ]),
      ).to.deep.equal([]);
    });
  });

  describe("iam-role-no-policy-management-conflicts", () => {
    const P = "iam-role-no-policy-management-conflicts";
    it("reports inlinePolicies together with a RolePolicy, and managedPolicyArns with an attachment", async () => {
      const r = role("api", { managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/base`] });
      const inline = res(
        IAM_ROLE_POLICY,
        "extra",
        { role: UNKNOWN, policy: goodDoc },
        { refs: { role: [r] } },
      );
      const attach = res(IAM_ROLE_POLICY_ATTACHMENT, "extra-attach", {
        role: "api",
        policyArn: `arn:aws:iam::${ACCOUNT}:policy/p`,
      });
      const f = await of(P, [
        { ...r, inputs: { ...r.inputs, name: "api" }, outputs: { ...r.outputs, name: "api" } },
        inline,
        attach,
      ]);
      expect(f).to.have.length(2);
      expect(f.join("\n")).to.contain("inlinePolicies").and.contain("managedPolicyArns");
    });
    it("accepts a role whose computed outputs only reflect its separate resources (after a refresh)", async () => {
      const arn = `arn:aws:iam::${ACCOUNT}:policy/p`;
      const r = res(
        IAM_ROLE,
        "api",
        { assumeRolePolicy: JSON.stringify(ecsTrust), name: "api" },
        {
          outputs: {
            name: "api",
            assumeRolePolicy: JSON.stringify(ecsTrust),
            inlinePolicies: [{ name: "extra", policy: JSON.stringify(goodDoc) }],
            managedPolicyArns: [arn],
          },
        },
      );
      const inline = res(IAM_ROLE_POLICY, "extra", {
        name: "extra",
        role: "api",
        policy: goodDoc,
      });
      const attach = res(IAM_ROLE_POLICY_ATTACHMENT, "extra-attach", {
        role: "api",
        policyArn: arn,
      });
      expect(await of(P, [r, inline, attach])).to.deep.equal([]);
    });
    it("accepts separate resources when the role does not set the inline arguments", async () => {
      const r = res(
        IAM_ROLE,
        "api",
        { assumeRolePolicy: JSON.stringify(ecsTrust) },
        {
          outputs: {
            assumeRolePolicy: JSON.stringify(ecsTrust),
            inlinePolicies: UNKNOWN,
            managedPolicyArns: UNKNOWN,
          },
        },
      );
      const inline = res(
        IAM_ROLE_POLICY,
        "p",
        { role: UNKNOWN, policy: goodDoc },
        { refs: { role: [r] } },
      );
      expect(await of(P, [r, inline])).to.deep.equal([]);
    });
  });

  describe("iam-policy-document-valid (advisory)", () => {
    const P = "iam-policy-document-valid";
    it("reports misspelt actions, unknown services and malformed documents", async () => {
      expect(
        await of(P, [
          roleWith({
            Effect: "Allow",
            Action: "s3:GetObjcet",
            Resource: `arn:aws:s3:::${BUCKET}/*`,
          }),
        ]),
      ).to.deep.equal([
        `${P}: inline policy "subject" statement 1: "s3:GetObjcet" matches no s3 action.`,
      ]);
      expect(
        await of(P, [roleWith({ Effect: "Allow", Action: "s4:GetObject", Resource: "*" })]),
      ).to.have.length(1);
      expect(await of(P, [res(IAM_POLICY, "p", { policy: "{not json" })])).to.deep.equal([
        `${P}: policy: document is not valid JSON.`,
      ]);
      expect(
        await of(P, [roleWith({ Effect: "Permit", Action: "s3:GetObject", Resource: "*" })]),
      ).to.have.length(1);
    });
  });

  describe("values unknown at preview", () => {
    it("a document unknown as a whole is a preview note for each document policy, never a pass", async () => {
      const f = await run([res(IAM_ROLE_POLICY, "p", { role: "api", policy: UNKNOWN })]);
      expect(f.all).to.deep.equal([]);
      expect(f.notes.map((n) => n.split(":")[0])).to.include.members([
        "iam-no-wildcard-actions",
        "iam-no-resource-wildcard",
        "iam-passrole-scoped",
        "iam-no-privilege-escalation",
        "iam-kms-decrypt-scoped",
      ]);
      expect(f.notes[0]).to.contain("can't run policy");
    });
    it("a partly known document reports what is known and notes the unknown part", async () => {
      const r = role("api", {
        inlinePolicies: [
          {
            name: "known-bad",
            policy: JSON.stringify(doc({ Effect: "Allow", Action: "*", Resource: "*" })),
          },
          { name: "pending", policy: UNKNOWN },
          { name: "half", policy: doc({ Effect: "Allow", Action: "s3:*", Resource: UNKNOWN }) },
        ],
      });
      const f = await run([r]);
      const wild = f.all.filter((x) => x.startsWith("iam-no-wildcard-actions"));
      expect(wild).to.have.length(2); // "*" in known-bad and "s3:*" in half (its Resource is unknown)
      expect(f.notes.some((n) => n.startsWith("iam-no-wildcard-actions"))).to.equal(true);
      expect(f.notes.some((n) => n.startsWith("iam-no-resource-wildcard"))).to.equal(true);
    });
    it('an unknown Resource element still lets a known "*" be reported', async () => {
      const r = roleWith(
        { Effect: "Allow", Action: "kms:Decrypt", Resource: ["*", UNKNOWN] },
        { asObject: true },
      );
      const f = await run([r]);
      expect(f.all.filter((x) => x.startsWith("iam-kms-decrypt-scoped"))).to.have.length(1);
    });
    it("an unknown trust policy is a preview note", async () => {
      const f = await run([role("api", { assumeRolePolicy: UNKNOWN })]);
      expect(f.all).to.deep.equal([]);
      expect(f.notes.map((n) => n.split(":")[0])).to.include(
        "iam-trust-policy-specific-principals",
      );
    });
  });

  describe("waivers", () => {
    it("a waiver tag on a Role withholds its finding and reports it as waived", async () => {
      const tags = {
        Name: "break-glass",
        "waiver:iam-no-wildcard-actions":
          "Break-glass administrator role, reviewed quarterly (SEC-142)",
      };
      const r = roleWith({ Effect: "Allow", Action: "*", Resource: "*" }, { tags });
      const f = await run([r]);
      expect(f.all.filter((x) => x.startsWith("iam-no-wildcard-actions"))).to.deep.equal([]);
      expect(f.waived.filter((x) => x.startsWith("iam-no-wildcard-actions"))).to.have.length(1);
      // Other policies are not waived by it.
      expect(f.all.some((x) => x.startsWith("iam-no-privilege-escalation"))).to.equal(true);
    });
    it("a reason shorter than 10 characters is no waiver", async () => {
      const r = roleWith(
        { Effect: "Allow", Action: "*", Resource: "*" },
        { tags: { "waiver:iam-no-wildcard-actions": "ok" } },
      );
      expect(await of("iam-no-wildcard-actions", [r])).to.have.length(1);
    });
  });
});
