// iam-no-privilege-escalation on iam:PassRole paths: one finding per escalation, however many of
// the lists' methods name it.
import { expect } from "chai";
import { noPrivilegeEscalation } from "../../../policy-pack/policies/iam/escalation";
import { compliantPolicy, findingsOf, Stmt } from "../fixtures/iam";

const allow = (Action: string | string[], Resource: string | string[] = "*"): Stmt => ({
  Effect: "Allow",
  Action,
  Resource,
});

/** The findings of one document with the given statements. */
const judge = async (...statements: Stmt[]) =>
  (await findingsOf(noPrivilegeEscalation, [compliantPolicy(statements)])).join("\n");

describe("iam-no-privilege-escalation: iam:PassRole narrowed to services", () => {
  it("reports a task run with a passed role once, with or without a new task definition", async () => {
    const found = await judge(allow(["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"]));
    expect(found.match(/PassRole\w*EcsTask\w* \(/g)).to.deep.equal(["PassRoleToEcsTask ("]);
  });
});
