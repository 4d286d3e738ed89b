// Advisory rules given an aws-native twin: a compliant native fixture, broken one field at a time.
// - iam-user-access-keys on AWS::IAM::AccessKey (UserName, Status; shipped by aws-native 0.67.0):
//   a key is Active unless Status says Inactive, as CloudFormation documents
//   (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-accesskey.html);
// - ec2-default-security-group-no-rules on AWS::EC2::VPC: AWS gives a native VPC the same default
//   group, which CloudFormation cannot manage; a classic aws.ec2.DefaultSecurityGroup given the
//   native VPC's id strips it.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { EC2_DEFAULT_SECURITY_GROUP } from "../../../policy-pack/lib/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

describe("aws-native twins of advisory rules", () => {
  describe("iam-user-access-keys on aws-native:iam:AccessKey", () => {
    const rule = "iam-user-access-keys";
    const user = res(n.NATIVE_IAM_USER, "ci", { userName: "ci" });
    const key = (inputs: Record<string, unknown>, name = "ci-key") =>
      res(
        n.NATIVE_IAM_ACCESS_KEY,
        name,
        { userName: "ci", ...inputs },
        { refs: { userName: [user] } },
      );

    it("compliant: an Inactive key", async () => {
      await expectClean(policy(rule), [user, key({ status: "Inactive" })]);
    });
    it("status Active: reported, naming the native user", async () => {
      expect(await violationsOf(rule, [user, key({ status: "Active" })])).to.deep.equal([
        'ci-key: access key "ci-key" gives IAM user "ci" long-lived credentials.',
      ]);
    });
    it("status left out (CloudFormation's default is Active): reported", async () => {
      expect(await violationsOf(rule, [user, key({})])).to.have.length(1);
    });
    it("two active keys for one native user: each reported with the count", async () => {
      const found = await violationsOf(rule, [user, key({}, "a"), key({}, "b")]);
      expect(found).to.have.length(2);
      for (const f of found) expect(f).to.contain("(the user has 2 active keys)");
    });
    it("status unknown at preview: a preview note, not a pass", async () => {
      const k = key({ status: UNKNOWN });
      expect(await violationsOf(rule, [user, k])).to.deep.equal([]);
      expect(await previewNotes(policy(rule), [user, k])).to.have.length(1);
    });
  });

  describe("ec2-default-security-group-no-rules on aws-native:ec2:Vpc", () => {
    const rule = "ec2-default-security-group-no-rules";
    const vpc = res(n.NATIVE_EC2_VPC, "main", { cidrBlock: "10.0.0.0/16" });
    const dsg = (inputs: Record<string, unknown>) =>
      res(
        EC2_DEFAULT_SECURITY_GROUP,
        "main-default",
        { vpcId: UNKNOWN, ...inputs },
        {
          refs: { vpcId: [vpc] },
        },
      );

    it("compliant: a classic DefaultSecurityGroup with no rules adopts the native VPC's group", async () => {
      await expectClean(policy(rule), [vpc, dsg({})]);
    });
    it("no DefaultSecurityGroup: the native VPC keeps AWS's default rules, reported", async () => {
      const found = await violationsOf(rule, [vpc]);
      expect(found).to.have.length(1);
      expect(found[0]).to.match(/^main: .*does not manage its default security group/);
    });
    it("the DefaultSecurityGroup keeps an inbound rule: reported on it", async () => {
      const open = dsg({
        ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }],
      });
      const found = await violationsOf(rule, [vpc, open]);
      expect(found).to.have.length(1);
      expect(found[0]).to.match(/^main-default: .*1 inline rule\(s\) \(ingress\)/);
    });
  });
});
