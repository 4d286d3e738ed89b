// iam-group-has-users on aws-native IAM: a native User joins its groups through its own `groups`
// (group names), by reference or by literal name, where the classic program declares a
// membership resource. A group some user joins passes; a group no one joins is reported; a user's
// groups unknown at preview, built from nothing the rule can follow, is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const rule = "iam-group-has-users";
const group = res(n.NATIVE_IAM_GROUP, "admins", { groupName: "admins" });
const user = (groups: unknown, refs = {}) =>
  res(n.NATIVE_IAM_USER, "alice", { userName: "alice", groups }, { refs });

describe("aws-native IAM groups and the users that join them", () => {
  it("compliant: a user joins the group by reference", async () => {
    await expectClean(policy(rule), [group, user(["admins"], { groups: [group] })]);
  });
  it("compliant: a user joins the group by its literal groupName", async () => {
    await expectClean(policy(rule), [group, user(["admins"])]);
  });
  it("no user joins it: reported", async () => {
    expect(await violationsOf(rule, [group, user(["auditors"])])).to.deep.equal([
      "admins: The group has no users (no user's groups, GroupMembership or UserGroupMembership names it).",
    ]);
  });
  it("a user without groups: reported", async () => {
    expect(await violationsOf(rule, [group, user(undefined)])).to.have.length(1);
  });
  it("a classic UserGroupMembership naming the native group passes", async () => {
    const membership = res(
      "aws:iam/userGroupMembership:UserGroupMembership",
      "alice-admins",
      { user: "alice", groups: ["admins"] },
      { refs: { groups: [group] } },
    );
    await expectClean(policy(rule), [group, membership]);
  });
  it("a user's groups unknown at preview (from another resource): a preview note", async () => {
    const other = res(n.NATIVE_SQS_QUEUE, "names", {});
    const u = user(UNKNOWN, { groups: [other] });
    expect(await violationsOf(rule, [group, other, u])).to.deep.equal([]);
    expect(await previewNotes(policy(rule), [group, other, u])).to.have.length(1);
  });
});
