// iam-no-credentials-exposure on an action AWS renamed but still honours under its former name
// (policy-pack/lib/iam/catalog.ts RENAMED_ACTIONS): Amazon Connect's emergency admin login,
// connect:AdminGetEmergencyAccessToken, formerly connect:GetFederationTokens.
import { expect } from "chai";
import { noCredentialsExposure } from "../../../policy-pack/policies/iam/escalation";
import { compliantPolicy, findingsOf, Stmt } from "../fixtures/iam";

const allow = (Action: string | string[], Resource: string | string[] = "*"): Stmt => ({
  Effect: "Allow",
  Action,
  Resource,
});

const NEW_NAME = "connect:AdminGetEmergencyAccessToken";
const FORMER_NAME = "connect:GetFederationTokens";

/** The one finding of a document with the given statement. */
async function finding(s: Stmt): Promise<string> {
  const f = await findingsOf(noCredentialsExposure, [compliantPolicy([s])]);
  expect(f, JSON.stringify(s.Action)).to.have.length(1);
  return f[0];
}

describe("iam-no-credentials-exposure: an action under its new and its former name", () => {
  it("reports the emergency admin login on every instance under either name", async () => {
    for (const action of [NEW_NAME, FORMER_NAME]) {
      expect(await finding(allow(action)), action).to.contain(action);
    }
  });

  it("lists the action once, by its new name, where a pattern grants both names", async () => {
    for (const action of ["connect:*", [NEW_NAME, FORMER_NAME], "connect:*Token*"]) {
      const f = await finding(allow(action));
      expect(f.split(NEW_NAME).length - 1, f).to.equal(1);
      expect(f, f).not.to.contain(FORMER_NAME);
    }
  });

  it("keeps the former name where only it is granted, beside the other Connect token", async () => {
    const f = await finding(allow("connect:GetFederationToken*"));
    expect(f).to.contain(FORMER_NAME).and.contain("connect:GetFederationToken,");
  });
});
