// CodeCommit repositories: an approval rule template requiring enough approvals is associated.
import { expect } from "chai";
import {
  CODECOMMIT_APPROVAL_RULE_TEMPLATE,
  CODECOMMIT_APPROVAL_RULE_TEMPLATE_ASSOCIATION,
  CODECOMMIT_REPOSITORY,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";

const repo = res(CODECOMMIT_REPOSITORY, "app-repo", { repositoryName: "platform-app" });
const template = (approvals: number) =>
  res(CODECOMMIT_APPROVAL_RULE_TEMPLATE, "two-eyes", {
    name: "platform-two-eyes",
    content: JSON.stringify({
      Version: "2018-11-08",
      DestinationReferences: ["refs/heads/main"],
      Statements: [{ Type: "Approvers", NumberOfApprovalsNeeded: approvals }],
    }),
  });

describe("codecommit-repository-approval-rule", () => {
  const name = "codecommit-repository-approval-rule";

  describe("Noncompliance", () => {
    it("catches a repository without an association", async () => {
      expect(await one(name, [repo])).to.deep.equal([
        "app-repo: No approval rule template is associated with this repository.",
      ]);
    });
    it("catches a template that requires fewer approvals than configured", async () => {
      const t = template(1);
      const a = res(
        CODECOMMIT_APPROVAL_RULE_TEMPLATE_ASSOCIATION,
        "app-approval",
        { approvalRuleTemplateName: "platform-two-eyes", repositoryName: "platform-app" },
        { refs: { approvalRuleTemplateName: [t] } },
      );
      expect(await one(name, [repo, t, a])).to.deep.equal([]);
      const v = await one(name, [repo, t, a], { [name]: { minApprovals: 2 } });
      expect(v).to.have.length(1);
      expect(v[0]).to.include("fewer than 2");
    });
    it("an association whose repository name is unknown gives a note, not a finding", async () => {
      const a = res(CODECOMMIT_APPROVAL_RULE_TEMPLATE_ASSOCIATION, "a", {
        approvalRuleTemplateName: "x",
        repositoryName: UNKNOWN,
      });
      expect(await one(name, [repo, a])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [repo, a])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts a repository with an associated template (names unknown at preview)", async () => {
      const t = template(1);
      const a = res(
        CODECOMMIT_APPROVAL_RULE_TEMPLATE_ASSOCIATION,
        "app-approval",
        { approvalRuleTemplateName: UNKNOWN, repositoryName: UNKNOWN },
        { refs: { approvalRuleTemplateName: [t], repositoryName: [repo] } },
      );
      expect(await one(name, [repo, t, a])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [repo, t, a])).to.deep.equal([]);
    });
  });
});
