// The account a program's provider is pinned to or assumes a role in, as the offline check answers
// for it: `aws:allowedAccountIds` with one account, the last role of `aws:assumeRoles` or
// `aws:assumeRole`. Driven through the engine (`checkStack`), queued up front.
import { expect } from "chai";
import { providerAccount } from "../../tools/check/stack-provider";
import { findings, QueuedRuns, stackOutputs } from "./program-runs";

const runs = new QueuedRuns();
const check = runs.check.bind(runs);

describe("the account a stack's provider names, offline", function () {
  this.timeout(300_000);

  before(() => {
    runs.queueCheck("pinned-account", ["preview", "apply"]);
  });

  it("a stack pinned to one account (aws:allowedAccountIds) is answered for that account, so naming it from config is no cross-account grant", async () => {
    const r = await check("pinned-account", ["preview", "apply"]);
    // The provider refuses every other account (pulumi-aws config allowedAccountIds): a real
    // run's getCallerIdentity and ARNs name this one. In the apply phase the topic's ARN names
    // it too, so the policy's grant to a role of it is no grant to another account.
    expect(stackOutputs(r).callerAccount).to.equal("111122223333");
    expect(findings(r, "s3-bucket-cross-account-restricted")).to.deep.equal([]);
    // An explicit provider pinned to another account answers for that one: its getCallerIdentity,
    // and (apply phase) its topic's ARN, so the audit bucket's grant to a role of its own account
    // is no grant to another account either.
    expect(stackOutputs(r).auditCaller).to.equal("444455556666");
    expect(providerAccount({ "aws:allowedAccountIds": '["111122223333"]' })).to.equal(
      "111122223333",
    );
    // Several allowed accounts, or none: which one a run uses is not known, the default stays.
    const several = { "aws:allowedAccountIds": '["111122223333","444455556666"]' };
    expect(providerAccount(several)).to.equal(undefined);
    expect(providerAccount({})).to.equal(undefined);
    // A provider that assumes a role works with the last role's credentials: its account.
    const chain = JSON.stringify([
      { roleArn: "arn:aws:iam::444455556666:role/hub" },
      { roleArn: "arn:aws:iam::777788889999:role/deployer", externalId: "x" },
    ]);
    expect(providerAccount({ "aws:assumeRoles": chain })).to.equal("777788889999");
    expect(
      providerAccount({ "aws:assumeRole": '{"roleArn":"arn:aws:iam::444455556666:role/ci"}' }),
    ).to.equal("444455556666");
  });
});

describe("the account a stack's provider names, from its config", () => {
  it("several allowed accounts and an assumed role in one of them: the provider runs in the role's account (pulumi-aws allowedAccountIds, assumeRoles)", () => {
    const chain = JSON.stringify([{ roleArn: "arn:aws:iam::444455556666:role/ops/deployer" }]);
    const allowed = '["111122223333","444455556666"]';
    expect(
      providerAccount({ "aws:allowedAccountIds": allowed, "aws:assumeRoles": chain }),
    ).to.equal("444455556666");
    // A role outside the allowed accounts: the provider refuses to run, no account is known.
    const outside = JSON.stringify([{ roleArn: "arn:aws:iam::777788889999:role/deployer" }]);
    expect(
      providerAccount({ "aws:allowedAccountIds": allowed, "aws:assumeRoles": outside }),
    ).to.equal(undefined);
    // A role with a path, in another partition.
    const gov = JSON.stringify([{ roleArn: "arn:aws-us-gov:iam::444455556666:role/a/b/deployer" }]);
    expect(providerAccount({ "aws:assumeRoles": gov })).to.equal("444455556666");
  });
});
