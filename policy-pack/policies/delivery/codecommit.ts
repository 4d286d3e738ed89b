// CodeCommit repositories: an approval rule template that requires reviews on pull requests.
import { stackPolicy } from "../../lib/define";
import { eachWithReferrers } from "../../lib/references";
import { asList, jsonDocument } from "../../lib/values";
import {
  CODECOMMIT_APPROVAL_RULE_TEMPLATE,
  CODECOMMIT_APPROVAL_RULE_TEMPLATE_ASSOCIATION,
  CODECOMMIT_REPOSITORY,
} from "../../lib/types";
import { checkov } from "../../lib/controls";

export const codecommitApprovalRule = stackPolicy<{ minApprovals: number }>({
  name: "codecommit-repository-approval-rule",
  description:
    "CodeCommit repositories should have an approval rule template associated that requires at least `minApprovals` " +
    "approvals on pull requests. Advisory: two-person review is a process control the platform can only encourage.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Create an `aws.codecommit.ApprovalRuleTemplate` (content: NumberOfApprovalsNeeded ≥ minApprovals) and an " +
    "`aws.codecommit.ApprovalRuleTemplateAssociation` for the repository.",
  references: [checkov("CKV2_AWS_37"), checkov("CKV_AWS_257")],
  config: {
    minApprovals: {
      type: "number",
      description: "Approvals an associated template must require.",
      default: 1,
    },
  },
  noNativeTwin:
    "CloudFormation has no type for approval rule templates or their associations; an aws-native Repository associated through classic ones is not matched yet, so native repositories are not judged.",
  types: [
    CODECOMMIT_REPOSITORY,
    CODECOMMIT_APPROVAL_RULE_TEMPLATE,
    CODECOMMIT_APPROVAL_RULE_TEMPLATE_ASSOCIATION,
  ],
  appliesTo: CODECOMMIT_REPOSITORY,
  check: (ctx) => {
    const min = ctx.config.minApprovals;
    // Template URN and literal name → the approvals it requires (undefined: unreadable).
    const approvalsByUrn = new Map<string, number>();
    const approvalsByName = new Map<string, number>();
    for (const t of ctx.index.ofType(CODECOMMIT_APPROVAL_RULE_TEMPLATE)) {
      ctx.each(t, () => {
        const doc = jsonDocument(t.props.content);
        const needed = Math.max(
          0,
          ...asList(doc?.Statements).map((s: any) => Number(s?.NumberOfApprovalsNeeded ?? 0)),
        );
        approvalsByUrn.set(t.urn, needed);
        if (typeof t.props.name === "string") approvalsByName.set(t.props.name, needed);
      });
    }
    // Associations given a literal repository name correlate by that name.
    const link = {
      type: CODECOMMIT_APPROVAL_RULE_TEMPLATE_ASSOCIATION,
      prop: "repositoryName",
      keys: ["repositoryName"],
    };
    eachWithReferrers(ctx, CODECOMMIT_REPOSITORY, link, (repo, mine) => {
      if (mine.length === 0) {
        ctx.report(repo, "No approval rule template is associated with this repository.");
        return;
      }
      let best = 0;
      for (const a of mine) {
        const byRef = ctx.index.referenced(
          a,
          "approvalRuleTemplateName",
          CODECOMMIT_APPROVAL_RULE_TEMPLATE,
        );
        const counts = byRef.length
          ? byRef.map((t) => approvalsByUrn.get(t.urn) ?? 0)
          : [approvalsByName.get(a.props.approvalRuleTemplateName) ?? Infinity]; // external template: trust it
        best = Math.max(best, ...counts);
      }
      if (best < min) {
        ctx.report(
          repo,
          `Associated approval rule templates require ${best} approval(s), fewer than ${min}.`,
        );
      }
    });
  },
});
