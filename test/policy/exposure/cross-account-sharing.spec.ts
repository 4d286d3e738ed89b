// Images, snapshots and documents shared with named accounts (advisory): Checkov CKV_AWS_205
// (AMILaunchIsShared) and KICS 'AMI Shared With Multiple Accounts', whose fixtures share an AMI
// with one or more accounts; the stack's own account and configured trusted accounts pass.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/exposure";
import * as T from "../../../policy-pack/lib/types";
import { evaluate, res } from "../fixture";

const NAME = "image-snapshot-sharing-trusted-accounts";
const p = policies.find((x) => x.name === NAME)!;
const PARTNER = "210987654321";
const OWN = "123456789012";
/** A resource of the stack whose ARN names its own account. */
const own = res(T.KMS_KEY, "key", { arn: `arn:aws:kms:eu-west-1:${OWN}:key/1` });

async function findings(resources: ReturnType<typeof res>[], trusted: string[] = []) {
  const report = await evaluate(p, [own, ...resources], { [NAME]: { trustedAccountIds: trusted } });
  return report.violations.map((v) => `${v.enforcementLevel} ${v.name}: ${v.detail}`);
}
const permission = (name: string, accountId: string) =>
  res(T.EC2_AMI_LAUNCH_PERMISSION, name, { imageId: "ami-2345678", accountId });

describe(NAME, () => {
  describe("Compliance", () => {
    it("a launch permission for the stack's own account", async () => {
      expect(await findings([permission("self", OWN)])).to.deep.equal([]);
    });
    it("a partner's account listed in trustedAccountIds", async () => {
      expect(await findings([permission("partner", PARTNER)], [PARTNER])).to.deep.equal([]);
    });
    it('the public group "all" and organization shares are left to the other rules', async () => {
      const group = res(T.EC2_AMI_LAUNCH_PERMISSION, "all", { imageId: "ami-1", group: "all" });
      const org = res(T.EC2_AMI_LAUNCH_PERMISSION, "org", {
        imageId: "ami-1",
        organizationArn: `arn:aws:organizations::${OWN}:organization/o-abc`,
      });
      const snapshot = res(T.RDS_SNAPSHOT, "snap", {
        dbInstanceIdentifier: "db",
        dbSnapshotIdentifier: "snap",
        sharedAccounts: ["all"],
      });
      expect(await findings([group, org, snapshot])).to.deep.equal([]);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_205 failing fixture: a launch permission for another account", async () => {
      expect(await findings([permission("fail", "987654321")])).to.deep.equal([
        'advisory fail: "fail" shares image ami-2345678 with account(s) 987654321, neither this stack\'s nor trusted.',
      ]);
    });
    it("KICS 'AMI Shared With Multiple Accounts' positive: one image, two accounts", async () => {
      const found = await findings([permission("a", PARTNER), permission("b", "111122223333")]);
      expect(found).to.have.length(2);
      expect(found[0]).to.match(/^advisory a: .* account\(s\) 210987654321,/);
    });
    it("RDS snapshots, SSM documents, EBS volume permissions and Image Builder distributions", async () => {
      const found = await findings([
        res(T.RDS_CLUSTER_SNAPSHOT, "cluster-snap", {
          dbClusterIdentifier: "c",
          dbClusterSnapshotIdentifier: "s",
          sharedAccounts: [OWN, PARTNER],
        }),
        res(T.SSM_DOCUMENT, "doc", {
          name: "doc",
          documentType: "Command",
          content: "{}",
          permissions: { type: "Share", account_ids: `${OWN},${PARTNER}` },
        }),
        res(T.EC2_SNAPSHOT_CREATE_VOLUME_PERMISSION, "volume", {
          snapshotId: "snap-1",
          accountId: PARTNER,
        }),
        res(T.IMAGEBUILDER_DISTRIBUTION_CONFIGURATION, "dist", {
          name: "dist",
          distributions: [
            { region: "eu-west-1", amiDistributionConfiguration: { targetAccountIds: [PARTNER] } },
          ],
        }),
      ]);
      expect(found).to.have.members([
        `advisory cluster-snap: "cluster-snap" shares the snapshot with account(s) ${PARTNER}, neither this stack's nor trusted.`,
        `advisory doc: "doc" shares the document with account(s) ${PARTNER}, neither this stack's nor trusted.`,
        `advisory volume: "volume" shares snapshot snap-1 with account(s) ${PARTNER}, neither this stack's nor trusted.`,
        `advisory dist: "dist" shares the AMIs distributed to eu-west-1 with account(s) ${PARTNER}, neither this stack's nor trusted.`,
      ]);
    });
  });
});
