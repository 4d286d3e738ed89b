// synced-folder-objects-no-public-acl: the canned ACL an @pulumi/synced-folder S3BucketFolder gives
// every object it uploads, with the verdict of s3-bucket-no-public-acl (Checkov CKV_AWS_20,
// Trivy AWS-0092, FSBP S3.2).
import { expect } from "chai";
import {
  SYNCED_FOLDER_S3,
  syncedFolderNoPublicAcl,
} from "../../../policy-pack/policies/components/synced-folder";
import { res } from "../fixture";
import { findingsOf, run, UNKNOWN } from "../fixtures/iam";

const folder = (over: Record<string, unknown> = {}) =>
  res(
    SYNCED_FOLDER_S3,
    "synced-folder",
    { path: "./www", bucketName: "site-bucket-1234", acl: "private", ...over },
    { custom: false },
  );

describe("synced-folder-objects-no-public-acl", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_20 / AWS-0092: a public canned ACL, managed objects or aws s3 sync", async () => {
      for (const acl of ["public-read", "public-read-write", "authenticated-read"]) {
        const f = await findingsOf(syncedFolderNoPublicAcl, [folder({ acl })]);
        expect(f, acl).to.have.length(1);
        expect(f[0]).to.contain(`canned ACL "${acl}" is public`);
      }
      const sync = await findingsOf(syncedFolderNoPublicAcl, [
        folder({ acl: "public-read", managedObjects: false }),
      ]);
      expect(sync).to.have.length(1);
      expect(sync[0]).to.contain("aws s3 sync --acl");
    });
    it("a managedObjects unknown at preview changes the wording only: still a finding, no note", async () => {
      const { findings, notes } = await run(syncedFolderNoPublicAcl, [
        folder({ acl: "public-read", managedObjects: UNKNOWN }),
      ]);
      expect(findings).to.have.length(1);
      expect(findings[0]).to.contain('canned ACL "public-read" is public');
      expect(findings[0]).to.not.contain("aws s3 sync");
      expect(notes).to.deep.equal([]);
    });
    it("an ACL unknown at preview is a preview note, not a pass", async () => {
      const { findings, notes } = await run(syncedFolderNoPublicAcl, [folder({ acl: UNKNOWN })]);
      expect(findings).to.deep.equal([]);
      expect(notes).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture, and the other private canned ACLs", async () => {
      for (const acl of ["private", "bucket-owner-full-control", "bucket-owner-read"]) {
        expect(await findingsOf(syncedFolderNoPublicAcl, [folder({ acl })]), acl).to.deep.equal([]);
      }
    });
  });
});
