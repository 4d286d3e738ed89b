// AWS Backup plans: every rule and copy action lets its recovery points expire.
import { expect } from "chai";
import { BACKUP_PLAN } from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";

const rule = (over: Record<string, unknown> = {}) => ({
  ruleName: "daily",
  targetVaultName: "platform-vault",
  schedule: "cron(0 3 * * ? *)",
  lifecycle: { deleteAfter: 35 },
  ...over,
});
const plan = (rules: unknown[]) => res(BACKUP_PLAN, "plan", { name: "platform", rules });

describe("backup-plan-lifecycle", () => {
  describe("Noncompliance", () => {
    it("catches rules and copy actions without deleteAfter", async () => {
      const name = "backup-plan-lifecycle";
      expect(await one(name, [plan([rule()])])).to.deep.equal([]);
      expect(await one(name, [plan([rule({ lifecycle: undefined })])])).to.deep.equal([
        "plan: Rule 'daily' keeps recovery points forever (no lifecycle.deleteAfter).",
      ]);
      expect(
        await one(name, [plan([rule({ copyActions: [{ destinationVaultArn: UNKNOWN }] })])]),
      ).to.have.length(1);
      expect(await one(name, [plan([])])).to.have.length(1);
      expect(
        await previewNotes(policy(name), [plan(UNKNOWN as unknown as unknown[])]),
      ).to.have.length(1);
    });
  });
});
