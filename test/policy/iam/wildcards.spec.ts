// iam-no-wildcard-actions and iam-no-resource-wildcard, on the third parties' own fixtures:
// Checkov AdminPolicyDocument/StarActionPolicyDocument/ResourcePolicyDocument/CloudsplainingIAMWrite
// (tests/terraform/checks/data/aws/example_*), Trivy AWS-0057 (checks/cloud/aws/iam/
// no_policy_wildcards_test.rego) and KICS iam_policies_with_full_privileges.
import { expect } from "chai";
import { noResourceWildcard, noWildcardActions } from "../../../policy-pack/policies/iam/wildcards";
import {
  ACCOUNT,
  BUCKET,
  compliantPolicy,
  doc,
  EMBEDDED_ARN_STATEMENT,
  everyHolder,
  findingsOf,
  of,
  rolePolicy,
  roleWith,
  run,
  STACK_ARN_STATEMENT,
} from "../fixtures/iam";
import {
  IAM_GROUP_POLICY,
  IAM_POLICY,
  IAM_ROLE_POLICY,
  IAM_USER_POLICY,
} from "../../../policy-pack/lib/types";
import { res } from "../fixture";

describe("iam-no-wildcard-actions", () => {
  describe("Noncompliance", () => {
    it('CKV_AWS_1 / CKV_AWS_62 / KICS iam_policies_with_full_privileges: Action "*" on "*", with and without Effect', async () => {
      for (const s of [
        { Effect: "Allow", Action: ["*"], Resource: ["*"] },
        { Action: ["*"], Resource: ["*"] },
      ]) {
        const f = await findingsOf(noWildcardActions, [compliantPolicy([s])]);
        expect(f, JSON.stringify(s)).to.have.length(1);
        expect(f[0]).to.contain("full administrator access");
      }
    });
    it('CKV_AWS_49: Action "*" on one bucket', async () => {
      const s = {
        Effect: "Allow",
        Action: ["*"],
        Resource: ["arn:aws:s3:::my_corporate_bucket/*"],
      };
      expect(await findingsOf(noWildcardActions, [compliantPolicy([s])])).to.have.length(1);
    });
    it('CKV_AWS_63 / Trivy AWS-0057 test_deny_wildcard_action: "s3:*" on a named bucket', async () => {
      const s = { Effect: "Allow", Action: ["s3:*"], Resource: ["arn:aws:s3:::bucket-name"] };
      const f = await findingsOf(noWildcardActions, [compliantPolicy([s])]);
      expect(f).to.deep.equal(['policy statement 2: Action "s3:*" grants every s3 action.']);
    });
    it('Trivy AWS-0345 test_with_allow_s3_full_access: "s3:*" on "*" in a document with empty Principal, null NotAction and {} Condition', async () => {
      const d = JSON.stringify({
        Version: "2012-10-17",
        Id: "",
        Statement: [
          {
            Sid: "",
            Effect: "Allow",
            Principal: {},
            NotPrincipal: {},
            Action: ["s3:*"],
            NotAction: null,
            Resource: ["*"],
            NotResource: null,
            Condition: {},
          },
        ],
      });
      const r = res(IAM_POLICY, "subject", { policy: d });
      expect(await findingsOf(noWildcardActions, [r])).to.deep.equal([
        'policy statement 1: Action "s3:*" grants every s3 action.',
      ]);
    });
    it('Trivy AWS-0346 test_deny_policy_with_s3_get_and_put_wildcards: "s3:get*" and "s3:put*" on "*"', async () => {
      const s = { Effect: "Allow", Action: ["s3:get*", "s3:put*"], Resource: "*" };
      const f = await findingsOf(noWildcardActions, [rolePolicy([s])]);
      expect(f).to.have.length(2);
      expect(f.join()).to.contain('"s3:put*"');
    });
    it('CKV2_AWS_40: "iam:*" (full IAM privileges)', async () => {
      const s = { Effect: "Allow", Action: "iam:*", Resource: "*" };
      expect(await findingsOf(noWildcardActions, [compliantPolicy([s])])).to.have.length(1);
    });
    it("Allow with NotAction", async () => {
      const s = { Effect: "Allow", NotAction: "iam:*", Resource: "*" };
      const f = await findingsOf(noWildcardActions, [compliantPolicy([s])]);
      expect(f[0]).to.contain("Allow with NotAction");
    });
    it('ec2:Describe*-style read-only wildcard on "*" broader than maxWildcardExpansion: reported once, here', async () => {
      const s = { Effect: "Allow", Action: "ec2:Describe*", Resource: "*" };
      const f = await findingsOf(noWildcardActions, [compliantPolicy([s])]);
      expect(f).to.have.length(1);
      expect(f[0]).to.match(/"ec2:Describe\*" expands to \d+ actions/);
      expect(await findingsOf(noResourceWildcard, [compliantPolicy([s])])).to.deep.equal([]);
    });
    it("every resource type that carries an identity document, SSO permission sets included (KICS aws_ssoadmin_permission_set_inline_policy)", async () => {
      const { byResource } = await run(
        noWildcardActions,
        everyHolder([{ Effect: "Allow", Action: "*", Resource: "*" }]),
      );
      expect([...byResource.keys()].sort()).to.deep.equal([
        "group-policy",
        "permission-set",
        "policy",
        "role",
        "role-policy",
        "user-policy",
      ]);
    });
    it("reports the known-bad statement of a document that also names a stack ARN unknown at preview", async () => {
      for (const [label, r] of [
        [
          "JSON string, sentinel",
          rolePolicy([{ Effect: "Allow", Action: "*", Resource: "*" }, STACK_ARN_STATEMENT]),
        ],
        [
          "JSON string, sentinel inside an ARN",
          rolePolicy([{ Effect: "Allow", Action: "*", Resource: "*" }, EMBEDDED_ARN_STATEMENT]),
        ],
        [
          "object",
          rolePolicy([{ Effect: "Allow", Action: "*", Resource: "*" }, STACK_ARN_STATEMENT], true),
        ],
      ] as const) {
        expect(await findingsOf(noWildcardActions, [r]), label).to.have.length(1);
      }
    });

    it('reports Action "*" (full administrator with Resource "*")', async () => {
      const f = await of("iam-no-wildcard-actions", [
        roleWith({ Effect: "Allow", Action: "*", Resource: "*" }),
      ]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain('"*" grants every action of every service on all resources');
    });
    it('reports "service:*"', async () => {
      const f = await of("iam-no-wildcard-actions", [
        roleWith({ Effect: "Allow", Action: "s3:*", Resource: `arn:aws:s3:::${BUCKET}/*` }),
      ]);
      expect(f).to.deep.equal([
        `iam-no-wildcard-actions: inline policy "subject" statement 1: Action "s3:*" grants every s3 action.`,
      ]);
    });
    it("reports Allow with NotAction", async () => {
      const f = await of("iam-no-wildcard-actions", [
        roleWith({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
      ]);
      expect(f[0]).to.contain("Allow with NotAction");
    });
    it("reports a partial wildcard that includes write actions", async () => {
      const f = await of("iam-no-wildcard-actions", [
        roleWith({ Effect: "Allow", Action: "s3:Put*", Resource: `arn:aws:s3:::${BUCKET}/*` }),
      ]);
      expect(f).to.have.length(1);
      expect(f[0]).to.match(/"s3:Put\*" expands to \d+ non-read action/);
    });
    it("reports a read-only wildcard that expands to more than maxWildcardExpansion actions", async () => {
      const f = await of("iam-no-wildcard-actions", [
        roleWith({ Effect: "Allow", Action: "logs:Describe*", Resource: "*" }),
      ]);
      expect(f[0]).to.match(/"logs:Describe\*" expands to \d+ actions \(more than 10\)/);
    });
    it("checks every attachment point", async () => {
      const bad = doc({ Effect: "Allow", Action: "*", Resource: "*" });
      for (const [type, inputs] of [
        [IAM_ROLE_POLICY, { role: "r", policy: bad }],
        [IAM_POLICY, { policy: JSON.stringify(bad) }],
        [IAM_USER_POLICY, { user: "u", policy: bad }],
        [IAM_GROUP_POLICY, { group: "g", policy: JSON.stringify(bad) }],
      ] as const) {
        expect(await of("iam-no-wildcard-actions", [res(type, "x", inputs)]), type).to.have.length(
          1,
        );
      }
    });
    it("a reason shorter than 10 characters is no waiver", async () => {
      const r = roleWith(
        { Effect: "Allow", Action: "*", Resource: "*" },
        { tags: { "waiver:iam-no-wildcard-actions": "ok" } },
      );
      expect(await of("iam-no-wildcard-actions", [r])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture", async () => {
      expect(await findingsOf(noWildcardActions, [compliantPolicy()])).to.deep.equal([]);
    });
    it("Checkov CKV_AWS_1 pass: s3:Describe* expands to two read actions (its resource is the other rule's)", async () => {
      const s = { Effect: "Allow", Action: ["s3:Describe*"], Resource: ["*"] };
      expect(await findingsOf(noWildcardActions, [compliantPolicy([s])])).to.deep.equal([]);
    });
    it("Trivy AWS-0346 test_allow_s3_get_and_put_limited_resource and test_allow_policy_with_denied_actions_on_s3_wildcards", async () => {
      const limited = {
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject"],
        Resource: ["arn:aws:s3:::specificbucket/*"],
      };
      const denied = { Effect: "Deny", Action: ["s3:get*", "s3:put*"], Resource: "*" };
      for (const rules of [noWildcardActions, noResourceWildcard]) {
        expect(await findingsOf(rules, [rolePolicy([limited, denied])])).to.deep.equal([]);
      }
    });
    it("a Deny statement (Checkov CKV_AWS_107 'deny', Trivy test_allow_deny_effect)", async () => {
      const s = { Sid: "DenyOutsideCallers", Effect: "Deny", Action: ["*"], Resource: ["*"] };
      expect(await findingsOf(noWildcardActions, [compliantPolicy([s])])).to.deep.equal([]);
    });
    it('a Deny in the wrong case ("deny", which AWS rejects) grants nothing; validity reports it', async () => {
      const s = { Effect: "deny", Action: ["*"], Resource: ["*"] };
      expect(await findingsOf(noWildcardActions, [compliantPolicy([s])])).to.deep.equal([]);
      expect(await findingsOf(noResourceWildcard, [compliantPolicy([s])])).to.deep.equal([]);
      const valid = await of("iam-policy-document-valid", [compliantPolicy([s])]);
      expect(valid.join("\n")).to.match(/Effect must be "Allow" or "Deny", got "deny"/);
      // Any other misspelling is read as Allow: a broken document never hides a grant.
      const allow = { ...s, Effect: "allow" };
      expect(await findingsOf(noWildcardActions, [compliantPolicy([allow])])).to.have.length(1);
    });

    it("accepts a pattern listed in allowedActionPatterns, and a small read-only one", async () => {
      const r = roleWith([
        { Effect: "Allow", Action: "logs:Describe*", Resource: "*" },
        { Effect: "Allow", Action: "cloudwatch:GetMetric*", Resource: "*" },
      ]);
      expect(
        await of("iam-no-wildcard-actions", [r], {
          "iam-no-wildcard-actions": { allowedActionPatterns: ["logs:describe*"] },
        }),
      ).to.deep.equal([]);
    });
    it("never reports a Deny statement", async () => {
      expect(
        await of("iam-no-wildcard-actions", [
          roleWith({ Effect: "Deny", Action: "*", Resource: "*" }),
        ]),
      ).to.deep.equal([]);
    });
  });
});

describe("iam-no-resource-wildcard", () => {
  describe("Noncompliance", () => {
    it('CKV_AWS_356 fail: s3:Describe* on "*"', async () => {
      const s = { Effect: "Allow", Action: ["s3:Describe*"], Resource: ["*"] };
      const f = await findingsOf(noResourceWildcard, [compliantPolicy([s])]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain("s3:DescribeJob");
    });
    it('CKV_AWS_111 / CKV_AWS_290 fail: "s3:*" on "*"', async () => {
      const s = { Effect: "Allow", Action: ["s3:*"], Resource: ["*"] };
      expect(await findingsOf(noResourceWildcard, [compliantPolicy([s])])).to.have.length(1);
    });
    it('CKV_AWS_355 / CKV_AWS_111: write actions on "*" (the CKV_AWS_107/108/110 "pass" fixture)', async () => {
      const s = {
        Effect: "Allow",
        Action: [
          "lambda:CreateFunction",
          "lambda:CreateEventSourceMapping",
          "dynamodb:CreateTable",
        ],
        Resource: ["*"],
      };
      const f = await findingsOf(noResourceWildcard, [compliantPolicy([s])]);
      expect(f[0]).to.contain("lambda:CreateFunction").and.contain("dynamodb:CreateTable");
    });
    it("Trivy AWS-0057 test_deny_wildcard_resource: s3:ListBucket on arn:aws:s3:::*", async () => {
      const s = { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::*"] };
      expect(await findingsOf(noResourceWildcard, [compliantPolicy([s])])).to.have.length(1);
    });
    it('Trivy AWS-0057 test_deny_wildcard_resource_for_cloudwatch_log_stream: logs:CreateLogStream on "*"', async () => {
      const s = { Effect: "Allow", Action: ["logs:CreateLogStream"], Resource: ["*"] };
      expect(await findingsOf(noResourceWildcard, [compliantPolicy([s])])).to.have.length(1);
    });
    it("reports the known-bad statement and notes the statement whose Resource is unknown at preview", async () => {
      const bad = { Effect: "Allow", Action: "s3:PutObject", Resource: "*" };
      for (const r of [
        rolePolicy([bad, STACK_ARN_STATEMENT]),
        rolePolicy([bad, EMBEDDED_ARN_STATEMENT]),
        rolePolicy([bad, STACK_ARN_STATEMENT], true),
      ]) {
        const { findings, notes } = await run(noResourceWildcard, [r]);
        expect(findings).to.have.length(1);
        expect(findings[0]).to.contain("statement 1");
        expect(notes).to.have.length(1);
      }
    });

    it('reports "*" for an action that supports resource-level permissions', async () => {
      const f = await of("iam-no-resource-wildcard", [
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
        expect(
          await of("iam-no-resource-wildcard", [roleWith(s)]),
          JSON.stringify(s),
        ).to.have.length(1);
      }
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture", async () => {
      expect(await findingsOf(noResourceWildcard, [compliantPolicy()])).to.deep.equal([]);
    });
    it('Checkov CKV_AWS_356 pass_unrestrictable / CKV_AWS_111 unrestrictable / CKV_AWS_107 allowed_action: actions without resource types on "*"', async () => {
      const s = {
        Effect: "Allow",
        Action: [
          "s3:ListAllMyBuckets",
          "xray:PutTelemetryRecords",
          "xray:PutTraceSegments",
          "ecr:GetAuthorizationToken",
        ],
        Resource: ["*"],
      };
      expect(await findingsOf(noResourceWildcard, [compliantPolicy([s])])).to.deep.equal([]);
    });
    it("Trivy AWS-0057 test_allow_wildcard_resource_for_cloudwatch_log_group: a log group's streams", async () => {
      const s = {
        Effect: "Allow",
        Action: ["logs:CreateLogStream"],
        Resource: [`arn:aws:logs:us-west-2:${ACCOUNT}:log-group:SampleLogGroupName:*`],
      };
      expect(await findingsOf(noResourceWildcard, [compliantPolicy([s])])).to.deep.equal([]);
    });
    it("Checkov CKV_AWS_356 pass2: a Deny statement", async () => {
      const s = { Effect: "Deny", Action: ["s3:Describe*"], Resource: ["*"] };
      expect(await findingsOf(noResourceWildcard, [compliantPolicy([s])])).to.deep.equal([]);
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
      expect(await of("iam-no-resource-wildcard", [r])).to.deep.equal([]);
    });
    it("accepts a positive aws:ResourceTag condition the action supports, not an IfExists one", async () => {
      const tagged = (op: string) =>
        roleWith({
          Effect: "Allow",
          Action: "secretsmanager:GetSecretValue",
          Resource: "*",
          Condition: { [op]: { "aws:ResourceTag/team": "platform" } },
        });
      expect(await of("iam-no-resource-wildcard", [tagged("StringEquals")])).to.deep.equal([]);
      expect(await of("iam-no-resource-wildcard", [tagged("StringEqualsIfExists")])).to.have.length(
        1,
      );
      expect(
        await of("iam-no-resource-wildcard", [tagged("StringEquals")], {
          "iam-no-resource-wildcard": { allowResourceTagConditions: false },
        }),
      ).to.have.length(1);
    });
    it("accepts an action listed in allowedActions", async () => {
      const r = roleWith({ Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" });
      expect(await of("iam-no-resource-wildcard", [r])).to.have.length(1);
      expect(
        await of("iam-no-resource-wildcard", [r], {
          "iam-no-resource-wildcard": { allowedActions: ["cloudwatch:PutMetricData"] },
        }),
      ).to.deep.equal([]);
    });
  });
});
