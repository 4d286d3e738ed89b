// iam-no-privilege-escalation on pivots authorized on more resources than the one whose role the
// caller gains (policy-pack/lib/iam/catalog.ts ESCALATION_TARGET_TYPES): ssm:SendCommand and
// ssm:StartSession name the documents they run beside the instances they run on, and only the
// instances decide whose role a command runs as.
import { expect } from "chai";
import { noPrivilegeEscalation } from "../../../policy-pack/policies/iam/escalation";
import { ACCOUNT, compliantPolicy, findingsOf, Stmt } from "../fixtures/iam";

const INSTANCE = `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0123456789abcdef0`;
const EVERY_INSTANCE = `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/*`;
const EVERY_DOCUMENT = "arn:aws:ssm:eu-west-1::document/*";
const SHELL = "arn:aws:ssm:eu-west-1::document/AWS-RunShellScript";
const SESSION_SHELL = `arn:aws:ssm:eu-west-1:${ACCOUNT}:document/SSM-SessionManagerRunShell`;

const allow = (Action: string, Resource: string | string[]): Stmt => ({
  Effect: "Allow",
  Action,
  Resource,
});

/** The findings of one document with the given statement. */
const judge = async (s: Stmt) =>
  (await findingsOf(noPrivilegeEscalation, [compliantPolicy([s])])).join("\n");

describe("iam-no-privilege-escalation: a command or session judged on its target instances", () => {
  it("one named instance, whatever documents it may run", async () => {
    for (const docs of [EVERY_DOCUMENT, SHELL, "arn:aws:s3:::*"]) {
      expect(await judge(allow("ssm:SendCommand", [INSTANCE, docs])), docs).to.equal("");
    }
    expect(await judge(allow("ssm:StartSession", [INSTANCE, SESSION_SHELL]))).to.equal("");
    expect(
      await judge(allow("ssm:StartSession", [INSTANCE, `arn:aws:ssm:*:${ACCOUNT}:document/*`])),
    ).to.equal("");
  });

  it("every instance, whatever document it names", async () => {
    for (const docs of [EVERY_DOCUMENT, SHELL]) {
      expect(await judge(allow("ssm:SendCommand", [EVERY_INSTANCE, docs])), docs).to.contain(
        "SsmSendCommandToInstance",
      );
    }
    expect(await judge(allow("ssm:SendCommand", "*"))).to.contain("SsmSendCommandToInstance");
    expect(await judge(allow("ssm:StartSession", [EVERY_INSTANCE, SESSION_SHELL]))).to.contain(
      "SsmStartSessionOnInstance",
    );
  });

  it("every instance written as a wildcard after the prefix every id of the type has", async () => {
    const everyId = [
      `arn:aws:ec2:*:${ACCOUNT}:instance/i-*`,
      `arn:aws:ssm:eu-west-1:${ACCOUNT}:managed-instance/mi-*`,
    ];
    for (const targets of everyId) {
      expect(await judge(allow("ssm:SendCommand", [targets, SHELL])), targets).to.contain(
        "SsmSendCommandToInstance",
      );
      expect(await judge(allow("ssm:StartSession", [targets, SESSION_SHELL])), targets).to.contain(
        "SsmStartSessionOnInstance",
      );
    }
    // Some ids only, or one managed node: scoped.
    for (const targets of [
      `arn:aws:ec2:*:${ACCOUNT}:instance/i-0*`,
      `arn:aws:ssm:eu-west-1:${ACCOUNT}:managed-instance/mi-0123456789abcdef0`,
    ]) {
      expect(await judge(allow("ssm:SendCommand", [targets, SHELL])), targets).to.equal("");
    }
  });
});
