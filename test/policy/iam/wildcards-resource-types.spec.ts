// iam-no-resource-wildcard and the resource types of each action (Service Authorization
// Reference): a wildcard ARN counts for an action only when it can name a resource of a type the
// action acts on, in the ARN format the action's own service lists for it (another service's for
// ssm:SendCommand on EC2 instances); IAM's own examples (reference_policies_examples_iam_mfa-selfmanage)
// and Trivy AWS-0057's log-group cases (checks/cloud/aws/iam/no_policy_wildcards_test.rego).
import { expect } from "chai";
import { isUnscopedResource } from "../../../policy-pack/lib/iam/resource-scope";
import { noResourceWildcard } from "../../../policy-pack/policies/iam/wildcards";
import { passRoleScoped } from "../../../policy-pack/policies/iam/passrole";
import { ACCOUNT, compliantPolicy, findingsOf, of, roleWith, run, UNKNOWN } from "../fixtures/iam";

describe("iam-no-resource-wildcard: the resource types each action acts on", () => {
  describe("Noncompliance", () => {
    it("a log-group glob that covers every group's streams (arn:aws:logs:*:*:log-group:*) for the log-stream actions", async () => {
      for (const Resource of [
        "arn:aws:logs:*:*:log-group:*",
        `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:*`,
        `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:*:log-stream:*`,
      ]) {
        const s = { Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: [Resource] };
        const f = await findingsOf(noResourceWildcard, [compliantPolicy([s])]);
        expect(f, Resource).to.have.length(1);
        expect(f[0]).to.contain(`"${Resource}"`).and.contain("logs:PutLogEvents");
      }
    });
    it("IAM User Guide reference_policies_elements_resource: a short ARN glob ending in * spans the segments it leaves out (arn:aws:iam::*, arn:aws:*, arn:*)", async () => {
      // "If the * wildcard is the last character of a resource ARN segment, it can expand to
      // match beyond the colon boundaries": arn:aws:iam::* names every IAM resource.
      for (const [action, Resource] of [
        ["iam:GetRole", "arn:aws:iam::*"],
        ["iam:GetRole", `arn:aws:iam::${ACCOUNT}*`],
        ["s3:PutObject", "arn:aws:s3::*"],
        ["s3:PutObject", "arn:aws:*"],
        ["sqs:SendMessage", "arn:*"],
      ]) {
        const s = { Effect: "Allow", Action: [action], Resource: [Resource] };
        const f = await findingsOf(noResourceWildcard, [compliantPolicy([s])]);
        expect(f, `${action} ${Resource}`).to.have.length(1);
        expect(f[0]).to.contain(`"${Resource}"`).and.contain(action);
      }
    });
    it("a qualified Lambda ARN glob (function:*:*, every alias and version) for the function actions: Lambda Developer Guide, lambda-api-permissions-ref", async () => {
      // "Actions that operate on a function can be restricted to a specific function by function,
      // version, or alias ARN": a qualified ARN is authorized as the function itself.
      for (const Resource of [
        "arn:aws:lambda:*:*:function:*:*",
        `arn:aws:lambda:*:${ACCOUNT}:function:*:*`,
      ]) {
        for (const action of ["lambda:InvokeFunction", "lambda:GetFunction"]) {
          const s = { Effect: "Allow", Action: [action], Resource: [Resource] };
          const f = await findingsOf(noResourceWildcard, [compliantPolicy([s])]);
          expect(f, `${action} ${Resource}`).to.have.length(1);
          expect(f[0]).to.contain(`"${Resource}"`).and.contain(action);
        }
      }
    });
    it("KICS lambda_iam_invokefunction_misconfigured (Checkmarx/kics assets/queries/terraform/aws/lambda_iam_invokefunction_misconfigured/test/postive.4.tf): lambda:InvokeFunction on arn:aws:lambda:*:*:function:*:* alone", async () => {
      const s = {
        Effect: "Allow",
        Action: ["lambda:InvokeFunction"],
        Resource: ["arn:aws:lambda:*:*:function:*:*"],
      };
      const f = await of("iam-no-resource-wildcard", [roleWith(s)]);
      expect(f).to.have.length(1);
      expect(f[0])
        .to.contain('"arn:aws:lambda:*:*:function:*:*"')
        .and.contain("lambda:InvokeFunction");
    });
    it("a type's prefix followed by wildcards only is unscoped: arn:aws:iam::<account>:role/*/* names every role under a path", async () => {
      const Resource = "arn:aws:iam::123456789012:role/*/*";
      expect(isUnscopedResource(Resource)).to.equal(true);
      expect(isUnscopedResource("arn:aws:iam::123456789012:role/service-role/*")).to.equal(false);
      expect(isUnscopedResource("arn:aws:iam::123456789012:role/?")).to.equal(false);
      const s = { Effect: "Allow", Action: ["iam:PassRole"], Resource: [Resource] };
      const f = await findingsOf(noResourceWildcard, [compliantPolicy([s])]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain(`"${Resource}"`).and.contain("iam:PassRole");
    });
    it("a * that ends the account segment spans colons (IAM User Guide, reference_policies_elements_resource, Using wildcards in resource ARNs): arn:aws:logs:*:*:log-stream:* covers every stream", async () => {
      // "If the * wildcard is the last character of a resource ARN segment, it can expand to
      // match beyond the colon boundaries": the account * covers `123456789012:log-group:g`.
      const Resource = "arn:aws:logs:*:*:log-stream:*";
      expect(isUnscopedResource(Resource)).to.equal(true);
      const s = { Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: [Resource] };
      const f = await findingsOf(noResourceWildcard, [compliantPolicy([s])]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain(`"${Resource}"`).and.contain("logs:PutLogEvents");
    });
    it("an action whose resource type is another service's resource (ssm:SendCommand, ec2-instance-connect:SendSSHPublicKey on EC2 instances) on a wildcard instance ARN", async () => {
      for (const s of [
        { Effect: "Allow", Action: "ssm:SendCommand", Resource: "arn:aws:ec2:*:*:instance/*" },
        {
          Effect: "Allow",
          Action: "ec2-instance-connect:SendSSHPublicKey",
          Resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`,
        },
        { Effect: "Allow", Action: "ssm:StartSession", Resource: "arn:aws:ec2:*:*:*" },
      ]) {
        const f = await of("iam-no-resource-wildcard", [roleWith(s)]);
        expect(f, JSON.stringify(s)).to.have.length(1);
        expect(f[0]).to.contain(s.Action);
      }
      const one = {
        Effect: "Allow",
        Action: "ssm:SendCommand",
        Resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`,
      };
      expect(await of("iam-no-resource-wildcard", [roleWith(one)])).to.deep.equal([]);
      const otherType = { ...one, Resource: "arn:aws:ec2:*:*:volume/*" };
      expect(await of("iam-no-resource-wildcard", [roleWith(otherType)])).to.deep.equal([]);
    });
  });
  describe("NotResource (every resource but its entries)", () => {
    const pass = (NotResource: string | string[]) =>
      compliantPolicy([{ Effect: "Allow", Action: ["iam:PassRole"], NotResource }]);
    it("is reported while an action's resources are left in: all but one role, or all but another type", async () => {
      for (const nr of [
        `arn:aws:iam::${ACCOUNT}:role/one`,
        "arn:aws:iam::*:user/*",
        "arn:aws:s3:::*",
      ]) {
        expect(await findingsOf(noResourceWildcard, [pass(nr)]), nr).to.have.length(1);
      }
    });
    it("grants nothing when an entry leaves out every resource the action acts on, as iam-passrole-scoped reads it", async () => {
      for (const nr of [
        "arn:aws:iam::*:role/*",
        ["arn:aws:s3:::*", "arn:aws:iam::*:role/*"],
        "*",
      ]) {
        expect(await findingsOf(noResourceWildcard, [pass(nr)]), String(nr)).to.deep.equal([]);
      }
    });
    it("an entry unknown at preview beside entries that leave the roles in: a preview note, as iam-passrole-scoped gives; the apply phase judges the known value", async () => {
      // The unknown entry may be arn:aws:iam::*:role/* once known (then no role is granted).
      const { findings, notes } = await run(noResourceWildcard, [
        pass(["arn:aws:s3:::*", UNKNOWN]),
      ]);
      expect(findings).to.deep.equal([]);
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain("'iam-no-resource-wildcard'").and.contain(".NotResource.1");
      const passRole = await run(passRoleScoped, [pass(["arn:aws:s3:::*", UNKNOWN])]);
      expect(passRole.findings).to.deep.equal([]);
      expect(
        passRole.notes.map((n) => n.replace("iam-passrole-scoped", "iam-no-resource-wildcard")),
      ).to.deep.equal(notes);
      // At apply the entry is known: every role left out grants nothing; one role left out, a finding.
      const allRoles = pass(["arn:aws:s3:::*", `arn:aws:iam::${ACCOUNT}:role/*`]);
      expect(await run(noResourceWildcard, [allRoles])).to.deep.include({
        findings: [],
        notes: [],
      });
      const oneRole = pass(["arn:aws:s3:::*", `arn:aws:iam::${ACCOUNT}:role/one`]);
      const f = await findingsOf(noResourceWildcard, [oneRole]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain("NotResource").and.contain("iam:PassRole");
    });
    it("an entry unknown at preview beside a known entry that already leaves out every role: judged now, no note", async () => {
      const r = pass([`arn:aws:iam::${ACCOUNT}:role/*`, UNKNOWN]);
      expect(await run(noResourceWildcard, [r])).to.deep.include({ findings: [], notes: [] });
    });
  });
  describe("Compliance", () => {
    it("a short ARN glob of another service (arn:aws:iam::*) names no resource of the action's types", async () => {
      const s = { Effect: "Allow", Action: ["s3:PutObject"], Resource: ["arn:aws:iam::*"] };
      expect(await findingsOf(noResourceWildcard, [compliantPolicy([s])])).to.deep.equal([]);
      // Not ending in *: the glob names one ARN prefix only, and AWS accepts no ARN this short.
      expect(isUnscopedResource("arn:aws:iam::123456789012")).to.equal(false);
    });
    it("IAM User Guide reference_policies_examples_iam_mfa-selfmanage: iam:ListMFADevices on arn:aws:iam::*:mfa/* and the user's own ARN acts on the user only (an ARN of another resource type or service grants the action nothing)", async () => {
      const list = {
        Effect: "Allow",
        Action: ["iam:ListMFADevices"],
        Resource: ["arn:aws:iam::*:mfa/*", "arn:aws:iam::*:user/${aws:username}"],
      };
      const otherService = {
        Effect: "Allow",
        Action: ["s3:GetObject"],
        Resource: "arn:aws:iam::*:role/*",
      };
      expect(
        await findingsOf(noResourceWildcard, [compliantPolicy([list, otherService])]),
      ).to.deep.equal([]);
      const users = { ...list, Resource: ["arn:aws:iam::*:mfa/*", "arn:aws:iam::*:user/*"] };
      const f = await findingsOf(noResourceWildcard, [compliantPolicy([users])]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain('Resource "arn:aws:iam::*:user/*" for 1 action(s)');
    });
    it("IAM User Guide reference_policies_examples_iam_mfa-selfmanage: iam:CreateVirtualMFADevice on arn:aws:iam::*:mfa/* (the user names the new device); deleting any device is still reported", async () => {
      const create = {
        Effect: "Allow",
        Action: ["iam:CreateVirtualMFADevice"],
        Resource: "arn:aws:iam::*:mfa/*",
      };
      expect(await findingsOf(noResourceWildcard, [compliantPolicy([create])])).to.deep.equal([]);
      const remove = {
        ...create,
        Action: ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"],
      };
      const f = await findingsOf(noResourceWildcard, [compliantPolicy([remove])]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain("1 action(s)").and.contain("iam:DeleteVirtualMFADevice");
    });
    it("logs:PutLogEvents on one group's streams (log-group:<name>:*, scoped, as Trivy AWS-0057 allows for CreateLogStream) and on every destination of the account (unscoped, but no log stream)", async () => {
      const oneGroup = `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:SampleLogGroupName:*`;
      // Service Authorization Reference, CloudWatch Logs: PutLogEvents acts on log-stream only.
      const destinations = `arn:aws:logs:*:${ACCOUNT}:destination:*`;
      for (const Resource of [oneGroup, destinations]) {
        const s = { Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: [Resource] };
        const f = await findingsOf(noResourceWildcard, [compliantPolicy([s])]);
        expect(f, Resource).to.deep.equal([]);
      }
      expect(isUnscopedResource(oneGroup)).to.equal(false);
      expect(isUnscopedResource(destinations)).to.equal(true);
    });
    it("a wildcard ARN that names only resources of a type the action does not act on (it grants the action nothing)", async () => {
      for (const s of [
        // Every object: no bucket and no access point, so ListBucket is granted nothing.
        { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::*/*"] },
        // Every layer of an account: InvokeFunction acts on functions only.
        {
          Effect: "Allow",
          Action: ["lambda:InvokeFunction"],
          Resource: [`arn:aws:lambda:*:${ACCOUNT}:layer:*`],
        },
      ]) {
        expect(isUnscopedResource(s.Resource[0]), s.Resource[0]).to.equal(true);
        const f = await findingsOf(noResourceWildcard, [compliantPolicy([s])]);
        expect(f, JSON.stringify(s)).to.deep.equal([]);
      }
    });
    it("Step Functions: StartExecution on every version and alias (stateMachine:*:*) grants nothing, as IAM authorizes them on the unqualified state machine ARN (Step Functions Developer Guide, auth-version-alias)", async () => {
      const s = {
        Effect: "Allow",
        Action: ["states:StartExecution"],
        Resource: ["arn:aws:states:*:*:stateMachine:*:*"],
      };
      expect(await findingsOf(noResourceWildcard, [compliantPolicy([s])])).to.deep.equal([]);
    });
  });
});
