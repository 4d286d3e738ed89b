// iam-group-has-users on Checkov CKV2_AWS_14 (IAMGroupHasAtLeastOneUser) and KICS
// iam_group_without_users.
import { expect } from "chai";
import { groupHasUsers } from "../../../policy-pack/policies/iam/groups";
import {
  IAM_GROUP,
  IAM_GROUP_MEMBERSHIP,
  IAM_USER_GROUP_MEMBERSHIP,
} from "../../../policy-pack/lib/types";
import { res, UNKNOWN } from "../fixture";
import { findingsOf, run } from "../fixtures/iam";

const group = () => res(IAM_GROUP, "devs", { name: "devs" });
const membership = (g = group()) =>
  res(
    IAM_GROUP_MEMBERSHIP,
    "devs-members",
    { group: UNKNOWN, users: ["alice"] },
    { refs: { group: [g] } },
  );

describe("iam-group-has-users", () => {
  describe("Noncompliance", () => {
    it("CKV2_AWS_14 / KICS iam_group_without_users: a group no membership names", async () => {
      expect(await findingsOf(groupHasUsers, [group()])).to.have.length(1);
    });
    it("a GroupMembership with no users", async () => {
      const g = group();
      const empty = res(IAM_GROUP_MEMBERSHIP, "none", { group: "devs", users: [] });
      expect(await findingsOf(groupHasUsers, [g, empty])).to.have.length(1);
    });
    it("a membership whose group is unknown and names no resource: a preview note, not a pass", async () => {
      const g = group();
      const unknown = res(IAM_USER_GROUP_MEMBERSHIP, "m", { user: "alice", groups: UNKNOWN });
      const { findings, notes } = await run(groupHasUsers, [g, unknown]);
      expect(findings).to.deep.equal([]);
      expect(notes).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture: a GroupMembership built from the group", async () => {
      const g = group();
      expect(await findingsOf(groupHasUsers, [g, membership(g)])).to.deep.equal([]);
    });
    it("a UserGroupMembership naming the group by name", async () => {
      const m = res(IAM_USER_GROUP_MEMBERSHIP, "m", { user: "alice", groups: ["devs"] });
      expect(await findingsOf(groupHasUsers, [group(), m])).to.deep.equal([]);
    });
  });
});
