// WebFirewall: arguments AWS would refuse are refused before anything registers; the log group is
// kept on destroy only when asked (prod).
import { expect } from "chai";
import { WebFirewall, WebFirewallArgs } from "../../components/waf";
import { findAll, recordComponent } from "../helpers";

const ARGS: WebFirewallArgs = {
  resourceArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/lb/0123",
  rateLimit: 2000,
  logKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-4000-8000-000000000000",
  logRetentionDays: 365,
  tags: { environment: "test" },
};

describe("WebFirewall: arguments", () => {
  it("builds the web ACL with a rate limit at either end of WAF's range", async () => {
    for (const rateLimit of [10, 2_000_000_000]) {
      const rec = await recordComponent(() => new WebFirewall("waf", { ...ARGS, rateLimit }));
      expect(findAll(rec, "aws:wafv2/webAcl:WebAcl")).to.have.length(1);
    }
  });

  it("refuses a rate limit WAF does not take and a retention CloudWatch Logs does not offer, in one error", () => {
    expect(() => new WebFirewall("waf", { ...ARGS, rateLimit: 9, logRetentionDays: 100 })).to.throw(
      /^WebFirewall waf: invalid arguments:\n {2}- rateLimit: 9 is not an integer from 10 to 2000000000\n {2}- logRetentionDays: 100 is not a CloudWatch Logs retention \(1, 3, 5,/,
    );
    for (const rateLimit of [10.5, 2_000_000_001]) {
      expect(() => new WebFirewall("waf", { ...ARGS, rateLimit })).to.throw(
        new RegExp(`rateLimit: ${rateLimit} is not an integer`),
      );
    }
  });
});

describe("WebFirewall: the log group on destroy", () => {
  // retainLogs is what the runtime passes as its `protect` (prod): the log group of blocked
  // requests is kept on destroy there, and goes with the stack when retainLogs is false or unset.
  const cases: { retainLogs: boolean | undefined; retainOnDelete: boolean }[] = [
    { retainLogs: true, retainOnDelete: true },
    { retainLogs: false, retainOnDelete: false },
    { retainLogs: undefined, retainOnDelete: false },
  ];
  for (const c of cases) {
    it(`retainLogs ${c.retainLogs === undefined ? "left unset" : c.retainLogs}: retainOnDelete ${c.retainOnDelete}`, async () => {
      // "Left unset": the key is absent, as a caller that does not pass it leaves it.
      const args: WebFirewallArgs =
        c.retainLogs === undefined ? { ...ARGS } : { ...ARGS, retainLogs: c.retainLogs };
      const rec = await recordComponent(() => new WebFirewall("waf", args));
      const groups = findAll(rec, "aws:cloudwatch/logGroup:LogGroup");
      expect(groups.map((g) => g.name)).to.deep.equal(["waf-logs"]);
      expect(groups[0].options.retainOnDelete).to.equal(c.retainOnDelete);
    });
  }
});
