// Long-lived access keys for IAM users, from KICS's own fixtures translated to Pulumi inputs.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/iam";
import { IAM_ACCESS_KEY, IAM_USER } from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { policyNamed, run, UNKNOWN } from "../fixtures/kms";

describe("iam-user-access-keys", () => {
  const p = policyNamed(policies, "iam-user-access-keys");
  const key = (name: string, inputs: Record<string, unknown>) => res(IAM_ACCESS_KEY, name, inputs);

  describe("Compliance", () => {
    it("no access key at all (users sign in through roles)", async () => {
      expect(
        await run(p, [res(IAM_USER, "lb", { name: "loadbalancer", path: "/system/" })]),
      ).to.deep.equal(clean);
    });
    it("KICS 'IAM Access Key Is Exposed' negative: an Inactive key", async () => {
      const r = [key("user-example", { user: "some-user", status: "Inactive" })];
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("KICS 'IAM Access Key Is Exposed' positive: status Active, and status unset (defaults to Active)", async () => {
      const r = await run(p, [
        key("user-active", { user: "some-user", status: "Active" }),
        key("user-default", { user: "other-user" }),
      ]);
      expect(r.violations).to.deep.equal([
        'user-active: access key "user-active" gives IAM user "some-user" long-lived credentials.',
        'user-default: access key "user-default" gives IAM user "other-user" long-lived credentials.',
      ]);
    });
    it("KICS 'Root Account Has Active Access Keys', and the root-example-1/-2 negatives of 'IAM Access Key Is Exposed' (left to that query): a key for the user named root", async () => {
      const r = await run(p, [
        key("root-example-1", { user: "root" }),
        key("root-example-2", { user: "root", status: "Active" }),
      ]);
      expect(r.violations).to.have.length(2);
    });
    it("KICS 'IAM User Has Too Many Access Keys': two keys for one user of the stack", async () => {
      const user = res(IAM_USER, "lb", { name: "loadbalancer", path: "/system/" });
      const k = (name: string) =>
        res(
          IAM_ACCESS_KEY,
          name,
          { user: UNKNOWN, pgpKey: "keybase:some_person_that_exists" },
          {
            refs: { user: [user] },
          },
        );
      const r = await run(p, [user, k("positive1"), k("positive2")]);
      expect(r.violations).to.deep.equal([
        'positive1: access key "positive1" gives IAM user "lb" long-lived credentials (the user has 2 active keys).',
        'positive2: access key "positive2" gives IAM user "lb" long-lived credentials (the user has 2 active keys).',
      ]);
    });
    it("a key whose user is unknown at preview is still reported", async () => {
      expect((await run(p, [key("k", { user: UNKNOWN })])).violations).to.have.length(1);
    });
  });
});
