// The rules that judge an action on an unscoped Resource (iam-no-resource-wildcard,
// iam-no-data-exfiltration, iam-no-credentials-exposure, iam-kms-decrypt-scoped,
// iam-no-unscoped-permissions-management) count it only on an entry that names every resource of a
// type the action acts on (Service Authorization Reference, "Resource types" column). An ARN glob
// unscoped for another type (every CloudWatch Logs destination, every KMS alias, every queue)
// grants the action on few or no resources of its own types.
import { expect } from "chai";
import { noResourceWildcard } from "../../../policy-pack/policies/iam/wildcards";
import {
  kmsDecryptScoped,
  noCredentialsExposure,
  noDataExfiltration,
} from "../../../policy-pack/policies/iam/escalation";
import { noUnscopedPermissionsManagement } from "../../../policy-pack/policies/iam/permissions-management";
import { lookupAction, preloadIamData } from "../../../policy-pack/lib/iam/actions";
import { unscopedFor } from "../../../policy-pack/lib/iam/resource-scope";
import { ACCOUNT, compliantPolicy, findingsOf, run, UNKNOWN } from "../fixtures/iam";

type Policy = Parameters<typeof findingsOf>[0];
/** A rule, the action a statement grants and its Resource (or NotResource); the title names the rule. */
type Case = [Policy, string, string];
const grant = (Action: string, Resource: string | string[]) =>
  compliantPolicy([{ Effect: "Allow", Action: [Action], Resource }]);

/** Every destination of every account: `*` ending the account segment spans colons. */
const DESTINATIONS = "arn:aws:logs:*:*:destination:*";

describe("unscoped Resource judged per action (the action's resource types)", () => {
  describe("Noncompliance", () => {
    const cases: Case[] = [
      [noResourceWildcard, "logs:PutDestinationPolicy", DESTINATIONS],
      [noResourceWildcard, "logs:PutLogEvents", "arn:aws:logs:*:*:*"],
      [noDataExfiltration, "s3:GetObject", "arn:aws:s3:::*/*"],
      [noCredentialsExposure, "sts:AssumeRole", "arn:aws:iam::*:role/*"],
      [kmsDecryptScoped, "kms:Decrypt", "arn:aws:kms:*:*:key/*"],
      [noUnscopedPermissionsManagement, "s3:PutBucketPolicy", "arn:aws:s3:::*"],
    ];
    for (const [policy, action, resource] of cases) {
      it(`${policy.name}: ${action} on ${resource}, every resource of a type it acts on`, async () => {
        const f = await findingsOf(policy, [grant(action, resource)]);
        expect(f).to.have.length(1);
        expect(f[0]).to.contain(`"${resource}"`).and.contain(action);
      });
    }
    // A name holds at least one character: a run of wildcards with a `*` names every one of them.
    const runs: Case[] = [
      ...["*?", "*/*?", "*??", "???*", "*?/*?", "*?/*", "?*"].map((g): Case => [
        noDataExfiltration,
        "s3:GetObject",
        `arn:aws:s3:::${g}`,
      ]),
      [noDataExfiltration, "s3:Get*", "arn:aws:s3:::*?"],
      [noDataExfiltration, "s3:*Object", "arn:aws:s3:::*?"],
      [noResourceWildcard, "s3:*Object", "arn:aws:s3:::*?"],
      [kmsDecryptScoped, "kms:Decrypt", "arn:aws:kms:*:*:*?"],
      [kmsDecryptScoped, "kms:Decrypt", "arn:aws:kms:*:*:key/*?"],
      [noDataExfiltration, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:*?"],
      [noDataExfiltration, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:secret:*?"],
      [noResourceWildcard, "iam:PutRolePolicy", "arn:aws:iam::*:*?"],
      [noResourceWildcard, "iam:PutRolePolicy", "arn:aws:iam::*:role/*?"],
      [noCredentialsExposure, "sts:AssumeRole", "arn:aws:iam::*:role/*?"],
      [noDataExfiltration, "ssm:GetParameter", "arn:aws:ssm:*:*:*?"],
      [noDataExfiltration, "ssm:GetParameter", "arn:aws:ssm:*:*:parameter/*?"],
      [noResourceWildcard, "logs:PutLogEvents", "arn:aws:logs:*:*:*?"],
      [noResourceWildcard, "dynamodb:GetItem", "arn:aws:dynamodb:*:*:table/*?"],
      [noUnscopedPermissionsManagement, "s3:PutObjectAcl", "arn:aws:s3:::*?"],
    ];
    for (const [policy, action, resource] of runs) {
      it(`${policy.name}: ${action} on ${resource}, a run of wildcards that takes every name`, async () => {
        const f = await findingsOf(policy, [grant(action, resource)]);
        expect(f).to.have.length(1);
        // A wildcard action is reported by the actions it expands to.
        expect(f[0])
          .to.contain(`"${resource}"`)
          .and.contain(action.includes("*") ? "s3:" : action);
      });
    }
    it("an entry unscoped for the action beside one unscoped for another type: reported on the first", async () => {
      const f = await findingsOf(noResourceWildcard, [
        grant("logs:PutLogEvents", [DESTINATIONS, "arn:aws:logs:*:*:log-group:*"]),
      ]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain('"arn:aws:logs:*:*:log-group:*"').and.contain("logs:PutLogEvents");
    });
  });
  describe("NotResource of one region, one account or another partition leaves the rest granted", () => {
    const cases: Case[] = [
      [kmsDecryptScoped, "kms:Decrypt", "arn:aws:kms:us-east-1:*:key/*"],
      [kmsDecryptScoped, "kms:Decrypt", `arn:aws:kms:*:${ACCOUNT}:key/*`],
      [noResourceWildcard, "kms:Decrypt", "arn:aws:kms:us-east-1:*:key/*"],
      [noCredentialsExposure, "sts:AssumeRole", `arn:aws:iam::${ACCOUNT}:role/*`],
      [noDataExfiltration, "s3:GetObject", "arn:aws-cn:s3:::*/*"],
    ];
    for (const [policy, action, notResource] of cases) {
      it(`${policy.name}: ${action} beside NotResource ${notResource}`, async () => {
        const doc = compliantPolicy([
          { Effect: "Allow", Action: [action], NotResource: notResource },
        ]);
        expect(await findingsOf(policy, [doc]), notResource).to.have.length.greaterThan(0);
      });
    }
    it("a NotResource of every region and account still leaves out every target", async () => {
      const doc = compliantPolicy([
        { Effect: "Allow", Action: ["kms:Decrypt"], NotResource: "arn:aws:kms:*:*:key/*" },
      ]);
      expect(await findingsOf(kmsDecryptScoped, [doc])).to.deep.equal([]);
    });
  });

  describe("a policy variable is never empty", () => {
    it("iam-no-credentials-exposure: sts:AssumeRole on role/${aws:username}* names one user's roles", async () => {
      for (const r of [
        "arn:aws:iam::*:role/${aws:username}*",
        "arn:aws:iam::*:role/${aws:PrincipalTag/team}*",
      ])
        expect(
          await findingsOf(noCredentialsExposure, [grant("sts:AssumeRole", r)]),
          r,
        ).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    // Each entry names every resource of another type, and at most a few of the action's own.
    const cases: Case[] = [
      // Log streams only of a log group named "destination": one group, not every stream.
      [noResourceWildcard, "logs:PutLogEvents", DESTINATIONS],
      [noResourceWildcard, "logs:CreateLogStream", DESTINATIONS],
      [noResourceWildcard, "logs:GetLogEvents", DESTINATIONS],
      [noDataExfiltration, "s3:GetObject", DESTINATIONS],
      [noDataExfiltration, "secretsmanager:GetSecretValue", "arn:aws:sqs:*:*:*"],
      [noCredentialsExposure, "sts:AssumeRole", "arn:aws:s3:::*"],
      // An alias ARN in Resource grants no key (kms:Decrypt acts on the key resource type only).
      [kmsDecryptScoped, "kms:Decrypt", "arn:aws:kms:*:*:alias/*"],
      [noUnscopedPermissionsManagement, "s3:PutBucketPolicy", "arn:aws:sqs:*:*:*"],
    ];
    for (const [policy, action, resource] of cases) {
      it(`${policy.name}: ${action} on ${resource} names no resource, or a few, of its types`, async () => {
        expect(await run(policy, [grant(action, resource)])).to.deep.include({
          findings: [],
          notes: [],
        });
      });
    }
    it("the destinations of one account name no log stream at all; every account's, the streams of one group only", async () => {
      await preloadIamData(["logs"]);
      const put = lookupAction("logs:PutLogEvents")!;
      expect(unscopedFor(`arn:aws:logs:*:${ACCOUNT}:destination:*`, put)).to.equal(false);
      expect(unscopedFor(DESTINATIONS, put)).to.equal(false);
      expect(unscopedFor(DESTINATIONS, lookupAction("logs:PutDestination")!)).to.equal(true);
    });
    it("an entry unknown at preview beside one unscoped for another type: a preview note, judged at apply", async () => {
      for (const policy of [noResourceWildcard, noDataExfiltration, kmsDecryptScoped]) {
        const action = policy === kmsDecryptScoped ? "kms:Decrypt" : "s3:GetObject";
        const { findings, notes } = await run(policy, [grant(action, [DESTINATIONS, UNKNOWN])]);
        expect(findings, action).to.deep.equal([]);
        expect(notes, action).to.have.length(1);
      }
    });
  });
});
