// iam-no-privilege-escalation, iam-no-credentials-exposure, iam-no-data-exfiltration and
// iam-kms-decrypt-scoped on the third parties' own fixtures: Checkov CloudSplaining* data checks
// (CKV_AWS_107/108/110) and their resource twins (CKV_AWS_286/287/288), Trivy AWS-0347..0353
// escalation checks, KICS *_with_privilege_escalation_by_actions_* queries.
import { expect } from "chai";
import {
  kmsDecryptScoped,
  noCredentialsExposure,
  noDataExfiltration,
  noPrivilegeEscalation,
} from "../../../policy-pack/policies/iam/escalation";
import {
  ACCOUNT,
  EMBEDDED_ARN_STATEMENT,
  findingsOf,
  KEY_ARN,
  of,
  rolePolicy,
  roleWith,
  run,
  STACK_ARN_STATEMENT,
  Stmt,
  compliantPolicy,
} from "../fixtures/iam";

const allow = (Action: string | string[], Resource: string | string[] = "*"): Stmt => ({
  Effect: "Allow",
  Action,
  Resource,
});

describe("iam-no-privilege-escalation", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_110 / CKV_AWS_286 fail: iam:PassRole + lambda:CreateFunction + CreateEventSourceMapping on *", async () => {
      const s = allow([
        "iam:PassRole",
        "lambda:CreateFunction",
        "lambda:CreateEventSourceMapping",
        "dynamodb:CreateTable",
        "dynamodb:PutItem",
      ]);
      const f = await findingsOf(noPrivilegeEscalation, [compliantPolicy([s])]);
      expect(f.join()).to.contain("PassRoleToNewLambdaThenTrigger");
    });
    it("CKV_AWS_286 example_IAMPrivilegeEscalation: iam:UpdateLoginProfile on *", async () => {
      const f = await findingsOf(noPrivilegeEscalation, [
        compliantPolicy([allow(["iam:UpdateLoginProfile"])]),
      ]);
      expect(f.join()).to.contain("UpdateLoginProfile");
    });
    it("KICS single-action queries (group/role/user): each action on *", async () => {
      for (const a of [
        "iam:CreateAccessKey",
        "iam:AddUserToGroup",
        "iam:AttachUserPolicy",
        "iam:AttachGroupPolicy",
        "iam:AttachRolePolicy",
        "iam:PutUserPolicy",
        "iam:PutGroupPolicy",
        "iam:PutRolePolicy",
        "iam:CreatePolicyVersion",
        "iam:SetDefaultPolicyVersion",
        "iam:CreateLoginProfile",
        "iam:UpdateAssumeRolePolicy",
        "lambda:UpdateFunctionCode",
        "glue:UpdateDevEndpoint",
      ]) {
        expect(
          await findingsOf(noPrivilegeEscalation, [compliantPolicy([allow(a)])]),
          a,
        ).to.have.length(1);
      }
    });
    it("Trivy AWS-0350 / AWS-0348: PassRole with ec2:RunInstances, and with Lambda create + invoke, in separate statements", async () => {
      expect(
        await findingsOf(noPrivilegeEscalation, [
          compliantPolicy([allow("iam:PassRole"), allow("ec2:RunInstances")]),
        ]),
      ).to.have.length(1);
      expect(
        await findingsOf(noPrivilegeEscalation, [
          compliantPolicy([
            allow("iam:PassRole"),
            allow(["lambda:CreateFunction", "lambda:InvokeFunction"]),
          ]),
        ]),
      ).to.have.length(1);
    });
    it("Trivy AWS-0350 test_deny_with_wildcards: iam:* and ec2:* on *", async () => {
      const f = await findingsOf(noPrivilegeEscalation, [
        compliantPolicy([allow(["iam:*", "ec2:*"])]),
      ]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain("allows privilege escalation");
      // ec2:* with iam:PassRole only (the EC2 path alone).
      const ec2 = await findingsOf(noPrivilegeEscalation, [
        compliantPolicy([allow(["iam:PassRole", "ec2:*"])]),
      ]);
      expect(ec2.join()).to.contain("CreateEC2WithExistingRole");
    });
    it("Trivy AWS-0353: Delete*PermissionsBoundary on *, and on one named user", async () => {
      for (const [a, r] of [
        ["iam:DeleteUserPermissionsBoundary", "*"],
        ["iam:DeleteRolePermissionsBoundary", "*"],
        ["iam:DeleteUserPermissionsBoundary", `arn:aws:iam::${ACCOUNT}:user/specific-user`],
      ]) {
        expect(
          await findingsOf(noPrivilegeEscalation, [compliantPolicy([allow(a, r)])]),
          `${a} ${r}`,
        ).to.have.length(1);
      }
    });
    it("reports the known-bad statement of a document that also names a stack ARN unknown at preview", async () => {
      for (const r of [
        rolePolicy([allow("iam:PutRolePolicy"), STACK_ARN_STATEMENT]),
        rolePolicy([allow("iam:PutRolePolicy"), EMBEDDED_ARN_STATEMENT]),
      ]) {
        expect(await findingsOf(noPrivilegeEscalation, [r])).to.have.length(1);
      }
    });

    it("reports a single-action escalation path on unscoped resources", async () => {
      const f = await of("iam-no-privilege-escalation", [
        roleWith({ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "*" }),
      ]);
      expect(f.join("\n")).to.contain("PutRolePolicy (iam:PutRolePolicy)");
    });
    it("reports PassRole on all roles combined with lambda:CreateFunction + InvokeFunction, across statements", async () => {
      const f = await of("iam-no-privilege-escalation", [
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
    it('reports Action "*" on "*" as every path', async () => {
      const f = await of("iam-no-privilege-escalation", [
        roleWith({ Effect: "Allow", Action: "*", Resource: "*" }),
      ]);
      expect(f.join("\n")).to.contain("CreateNewPolicyVersion").and.contain("CreateAccessKey");
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture", async () => {
      expect(await findingsOf(noPrivilegeEscalation, [compliantPolicy()])).to.deep.equal([]);
    });
    it("CKV_AWS_110 pass: Lambda and DynamoDB creation without PassRole", async () => {
      const s = allow([
        "lambda:CreateFunction",
        "lambda:CreateEventSourceMapping",
        "dynamodb:CreateTable",
      ]);
      expect(await findingsOf(noPrivilegeEscalation, [compliantPolicy([s])])).to.deep.equal([]);
    });
    it("s3:* on * is too broad (other rules' finding), not escalation", async () => {
      expect(
        await findingsOf(noPrivilegeEscalation, [compliantPolicy([allow("s3:*")])]),
      ).to.deep.equal([]);
    });
    it("Trivy AWS-0353 test_allow_safe_action (iam:CreateUser) and test_allow_deny_effect", async () => {
      expect(
        await findingsOf(noPrivilegeEscalation, [compliantPolicy([allow("iam:CreateUser")])]),
      ).to.deep.equal([]);
      const deny = { Effect: "Deny", Action: "iam:DeleteUserPermissionsBoundary", Resource: "*" };
      expect(await findingsOf(noPrivilegeEscalation, [compliantPolicy([deny])])).to.deep.equal([]);
    });
    it("PassRole scoped to one role with function creation (Trivy AWS-0348's fix)", async () => {
      const r = compliantPolicy([
        allow("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/fn`),
        allow(
          ["lambda:CreateFunction", "lambda:InvokeFunction"],
          `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:app-*`,
        ),
      ]);
      expect(await findingsOf(noPrivilegeEscalation, [r])).to.deep.equal([]);
    });

    it("judges each action's own resources: a build on one project beside logs on every log stream", async () => {
      const s = allow(
        ["codebuild:StartBuild", "logs:CreateLogStream"],
        [`arn:aws:codebuild:eu-west-1:${ACCOUNT}:project/app-build`, "arn:aws:logs:*:*:*"],
      );
      expect(await findingsOf(noPrivilegeEscalation, [compliantPolicy([s])])).to.deep.equal([]);
      // The same build start on every project is the path.
      const all = allow(["codebuild:StartBuild", "logs:CreateLogStream"], "*");
      expect(await findingsOf(noPrivilegeEscalation, [compliantPolicy([all])])).to.have.length(1);
    });

    it("does not report PassRole scoped to one role with function creation", async () => {
      const f = await of("iam-no-privilege-escalation", [
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
    it("accepts IAM writes scoped to a specific role", async () => {
      const r = roleWith({
        Effect: "Allow",
        Action: "iam:PutRolePolicy",
        Resource: `arn:aws:iam::${ACCOUNT}:role/app-deploy`,
      });
      expect(await of("iam-no-privilege-escalation", [r])).to.deep.equal([]);
    });
  });
});

describe("iam-no-credentials-exposure", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_107 / CKV_AWS_287 fail: s3:GetObject + iam:CreateAccessKey on *", async () => {
      const f = await findingsOf(noCredentialsExposure, [
        compliantPolicy([allow(["s3:GetObject", "iam:CreateAccessKey"])]),
      ]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain("iam:CreateAccessKey");
    });
    it("sts:AssumeRole on all roles", async () => {
      expect(
        await findingsOf(noCredentialsExposure, [compliantPolicy([allow("sts:AssumeRole")])]),
      ).to.have.length(1);
    });

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
  });
  describe("Compliance", () => {
    it("the untouched fixture", async () => {
      expect(await findingsOf(noCredentialsExposure, [compliantPolicy()])).to.deep.equal([]);
    });
    it("CKV_AWS_107 allowed_action / allowed_action_ecr_public / deny / pass", async () => {
      for (const s of [
        allow("ecr:GetAuthorizationToken"),
        allow("ecr-public:GetAuthorizationToken"),
        {
          Effect: "Deny",
          Action: ["*"],
          Resource: ["*"],
          Condition: { NotIpAddress: { "aws:SourceIp": ["1.2.3.4/16"] } },
        },
        allow(["lambda:CreateFunction", "lambda:CreateEventSourceMapping", "dynamodb:CreateTable"]),
        // The former name acts on the instance, as the new one does: one named instance passes.
        allow("connect:GetFederationTokens", `arn:aws:connect:us-east-1:${ACCOUNT}:instance/abc`),
      ]) {
        expect(
          await findingsOf(noCredentialsExposure, [compliantPolicy([s])]),
          JSON.stringify(s),
        ).to.deep.equal([]);
      }
    });
  });
});

describe("iam-no-data-exfiltration", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_108 / CKV_AWS_288 fail: parameter, secret and object reads on *", async () => {
      const s = allow([
        "iam:PassRole",
        "ssm:GetParameter",
        "s3:GetObject",
        "ssm:GetParameters",
        "ssm:GetParametersByPath",
        "secretsmanager:GetSecretValue",
        "s3:PutObject",
        "ec2:CreateTags",
      ]);
      const f = await findingsOf(noDataExfiltration, [compliantPolicy([s])]);
      expect(f).to.have.length(1);
      expect(f[0])
        .to.contain("secretsmanager:GetSecretValue")
        .and.contain("ssm:GetParametersByPath");
    });
    it("reports the known-bad statement of a document that also names a stack ARN unknown at preview", async () => {
      const r = rolePolicy([allow("secretsmanager:GetSecretValue"), STACK_ARN_STATEMENT]);
      const { findings } = await run(noDataExfiltration, [r]);
      expect(findings).to.have.length(1);
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
  describe("Compliance", () => {
    it("the untouched fixture, and CKV_AWS_108 pass", async () => {
      expect(await findingsOf(noDataExfiltration, [compliantPolicy()])).to.deep.equal([]);
      const s = allow([
        "lambda:CreateFunction",
        "lambda:CreateEventSourceMapping",
        "dynamodb:CreateTable",
      ]);
      expect(await findingsOf(noDataExfiltration, [compliantPolicy([s])])).to.deep.equal([]);
    });
  });
});

describe("iam-kms-decrypt-scoped", () => {
  describe("Noncompliance", () => {
    it("FSBP KMS.1/KMS.2: kms:Decrypt on all keys", async () => {
      expect(
        await findingsOf(kmsDecryptScoped, [compliantPolicy([allow("kms:Decrypt")])]),
      ).to.have.length(1);
    });

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
        expect(await of("iam-kms-decrypt-scoped", [r]), Resource).to.have.length(1);
      }
      expect(
        await of("iam-kms-decrypt-scoped", [
          roleWith({ Effect: "Allow", Action: "kms:ReEncrypt*", Resource: "*" }),
        ]),
      ).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture and a key ARN", async () => {
      expect(
        await findingsOf(kmsDecryptScoped, [compliantPolicy([allow("kms:Decrypt", KEY_ARN)])]),
      ).to.deep.equal([]);
    });

    it("accepts a key ARN", async () => {
      expect(
        await of("iam-kms-decrypt-scoped", [
          roleWith({ Effect: "Allow", Action: "kms:Decrypt", Resource: KEY_ARN }),
        ]),
      ).to.deep.equal([]);
    });
  });
});
