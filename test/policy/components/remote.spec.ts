// stack-remote-components-unexpanded: remote (awsx v3) components whose children are not recorded.
import { expect } from "chai";
import { remoteComponentsUnexpanded } from "../../../policy-pack/policies/components/remote";
import {
  AWSX_CLASSIC_VPC,
  AWSX_ECR_REPOSITORY,
  AWSX_VPC,
  EC2_VPC,
  PULUMI_STACK,
} from "../../../policy-pack/lib/types";
import { res } from "../fixture";
import { findingsOf } from "../fixtures/iam";

const stack = () => res(PULUMI_STACK, "app-dev", {}, { custom: false });

describe("stack-remote-components-unexpanded", () => {
  describe("Noncompliance", () => {
    it("lists each awsx component without recorded children, with the count, on the root stack", async () => {
      const root = stack();
      const vpc = res(AWSX_VPC, "vpc", {}, { custom: false, parent: root });
      const repo = res(AWSX_ECR_REPOSITORY, "repo", {}, { custom: false, parent: root });
      const f = await findingsOf(remoteComponentsUnexpanded, [root, vpc, repo]);
      expect(f).to.have.length(1);
      expect(f[0])
        .to.match(/^2 remote component\(s\)/)
        .and.contain("vpc (awsx:ec2:Vpc)")
        .and.contain("repo (awsx:ecr:Repository)");
    });
    it("counts an eks v2+ cluster next to an awsx Vpc, as the report's remote-component list does", async () => {
      const root = stack();
      const vpc = res(AWSX_VPC, "eks-vpc", {}, { custom: false, parent: root });
      const cluster = res("eks:index:Cluster", "eks-cluster", {}, { custom: false, parent: root });
      const f = await findingsOf(remoteComponentsUnexpanded, [root, vpc, cluster]);
      expect(f).to.have.length(1);
      expect(f[0])
        .to.match(/^2 remote component\(s\)/)
        .and.contain("1 awsx:ec2:Vpc, 1 eks:index:Cluster")
        .and.contain("eks-cluster (eks:index:Cluster)");
    });
    it("counts the synced-folder folders (remote in its schema) next to a static website", async () => {
      const root = stack();
      const folder = res(
        "synced-folder:index:S3BucketFolder",
        "folder",
        {},
        {
          custom: false,
          parent: root,
        },
      );
      const azure = res(
        "synced-folder:index:AzureBlobFolder",
        "blobs",
        {},
        {
          custom: false,
          parent: root,
        },
      );
      const site = res(
        "aws-static-website:index:Website",
        "site",
        {},
        {
          custom: false,
          parent: root,
        },
      );
      const f = await findingsOf(remoteComponentsUnexpanded, [root, folder, azure, site]);
      expect(f).to.have.length(1);
      expect(f[0])
        .to.match(/^3 remote component\(s\)/)
        .and.contain("folder (synced-folder:index:S3BucketFolder)")
        .and.contain("blobs (synced-folder:index:AzureBlobFolder)")
        .and.contain("site (aws-static-website:index:Website)");
    });
  });
  describe("Compliance", () => {
    it("no remote component; awsx classic (awsx:x:...) and a component whose children were recorded", async () => {
      const root = stack();
      const classic = res(AWSX_CLASSIC_VPC, "classic", {}, { custom: false, parent: root });
      const expanded = res(AWSX_VPC, "expanded", {}, { custom: false, parent: root });
      const child = res(EC2_VPC, "expanded", { cidrBlock: "10.0.0.0/16" }, { parent: expanded });
      expect(
        await findingsOf(remoteComponentsUnexpanded, [root, classic, expanded, child]),
      ).to.deep.equal([]);
    });
  });
});
