// Compute a service default opens to the internet: EKS node groups with SSH open to 0.0.0.0/0
// (Checkov CKV_AWS_100, KICS "EKS node group remote access disabled") and SageMaker notebooks with
// direct internet access (Checkov CKV_AWS_122, Security Hub SageMaker.1), and SageMaker Studio
// domains whose apps reach the internet outside the VPC (appNetworkAccessType). Fixtures translate the
// third parties' own positive and negative cases.
import { expect } from "chai";
import { policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import {
  EKS_NODE_GROUP,
  SAGEMAKER_DOMAIN,
  SAGEMAKER_NOTEBOOK_INSTANCE,
  TRANSFER_SERVER,
} from "../../../policy-pack/lib/types";

const nodeGroup = (extra: Record<string, unknown> = {}) =>
  res(EKS_NODE_GROUP, "ng", {
    clusterName: "example",
    nodeGroupName: "example",
    nodeRoleArn: "arn:aws:iam::123456789012:role/nodes",
    subnetIds: ["subnet-1", "subnet-2"],
    scalingConfig: { desiredSize: 1, maxSize: 1, minSize: 1 },
    ...extra,
  });

describe("eks-node-group-remote-access-restricted", () => {
  const p = policy("eks-node-group-remote-access-restricted");
  describe("Noncompliance", () => {
    it("CKV_AWS_100 / KICS positive.tf: an SSH key without source security groups", async () => {
      const found = await violations(p, [nodeGroup({ remoteAccess: { ec2SshKey: "my-rsa-key" } })]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("0.0.0.0/0");
    });
    it("an SSH key with an empty list of source security groups", async () => {
      expect(
        await violations(p, [
          nodeGroup({ remoteAccess: { ec2SshKey: "my-rsa-key", sourceSecurityGroupIds: [] } }),
        ]),
      ).to.have.length(1);
    });
    it("an SSH key unknown until apply (a key pair created with the stack) still opens SSH", async () => {
      expect(await violations(p, [nodeGroup({ remoteAccess: { ec2SshKey: U } })])).to.have.length(
        1,
      );
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_100 / KICS negative.tf: an SSH key limited to source security groups", async () => {
      expect(
        await violations(p, [
          nodeGroup({
            remoteAccess: { ec2SshKey: "my-rsa-key", sourceSecurityGroupIds: ["sg-0123"] },
          }),
          nodeGroup({ remoteAccess: { ec2SshKey: "my-rsa-key", sourceSecurityGroupIds: U } }),
          nodeGroup({ remoteAccess: { ec2SshKey: "my-rsa-key", sourceSecurityGroupIds: [U] } }),
        ]),
      ).to.deep.equal([]);
    });
    it("security groups created with the stack (ids unknown at preview) need no preview note", async () => {
      const ng = nodeGroup({
        remoteAccess: { ec2SshKey: "my-rsa-key", sourceSecurityGroupIds: [U] },
      });
      expect(await previewNotes(p, [ng])).to.deep.equal([]);
    });
    it("no remote access at all", async () => {
      expect(await violations(p, [nodeGroup(), nodeGroup({ remoteAccess: {} })])).to.deep.equal([]);
    });
  });
});

const notebook = (extra: Record<string, unknown> = {}) =>
  res(SAGEMAKER_NOTEBOOK_INSTANCE, "nb", {
    name: "my-notebook-instance",
    roleArn: "arn:aws:iam::123456789012:role/notebook",
    instanceType: "ml.t2.medium",
    tags: { Name: "foo" },
    ...extra,
  });

describe("sagemaker-notebook-no-direct-internet-access", () => {
  const p = policy("sagemaker-notebook-no-direct-internet-access");
  describe("Noncompliance", () => {
    it('CKV_AWS_122 failure: directInternetAccess "Enabled" (also written "enabled")', async () => {
      expect(
        await violations(p, [
          notebook({ directInternetAccess: "Enabled" }),
          notebook({ directInternetAccess: "enabled" }),
        ]),
      ).to.have.length(2);
    });
    it("directInternetAccess left out: SageMaker's documented default is Enabled (SageMaker.1)", async () => {
      expect(await violations(p, [notebook()])).to.deep.equal([
        'nb: directInternetAccess is left out, and SageMaker defaults it to "Enabled": the notebook reaches the internet outside the VPC.',
      ]);
    });
    it("an unknown setting is a preview note, not a pass", async () => {
      expect(await previewNotes(p, [notebook({ directInternetAccess: U })])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it('CKV_AWS_122 success: directInternetAccess "Disabled" in a subnet', async () => {
      expect(
        await violations(p, [
          notebook({
            directInternetAccess: "Disabled",
            subnetId: "subnet-1",
            securityGroups: ["sg-1"],
          }),
        ]),
      ).to.deep.equal([]);
    });
  });
});

describe("sagemaker-domain-vpc-only", () => {
  const p = policy("sagemaker-domain-vpc-only");
  const domain = (extra: Record<string, unknown>) =>
    res(SAGEMAKER_DOMAIN, "studio", {
      domainName: "studio",
      authMode: "IAM",
      vpcId: "vpc-0123",
      subnetIds: ["subnet-0123"],
      defaultUserSettings: { executionRole: "arn:aws:iam::123456789012:role/studio" },
      ...extra,
    });
  it("Compliance: VpcOnly", async () => {
    expect(await violations(p, [domain({ appNetworkAccessType: "VpcOnly" })])).to.deep.equal([]);
  });
  it("Noncompliance: an explicit PublicInternetOnly", async () => {
    expect(
      await violations(p, [domain({ appNetworkAccessType: "PublicInternetOnly" })]),
    ).to.deep.equal([
      'studio: appNetworkAccessType is "PublicInternetOnly": Studio apps reach the internet outside the VPC.',
    ]);
  });
  it("Noncompliance: left out, SageMaker's default is PublicInternetOnly (CreateDomain)", async () => {
    expect(await violations(p, [domain({})])).to.deep.equal([
      'studio: appNetworkAccessType is left out, and SageMaker defaults it to "PublicInternetOnly": Studio apps reach the internet outside the VPC.',
    ]);
  });
});

describe("transfer-server-not-public", () => {
  const p = policy("transfer-server-not-public");
  // Checkov's example_TransferServerIsPublic/main.tf, server by server.
  const server = (extra: Record<string, unknown> = {}) =>
    res(TRANSFER_SERVER, "sftp", { protocols: ["SFTP"], ...extra });
  const vpc = { vpcId: "vpc-1", subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] };

  describe("Compliance", () => {
    it('CKV_AWS_164 pass "example_vpc": endpointType VPC without Elastic IPs', async () => {
      expect(await violations(p, [server({ endpointType: "VPC" })])).to.deep.equal([]);
      expect(
        await violations(p, [server({ endpointType: "VPC", endpointDetails: vpc })]),
      ).to.deep.equal([]);
    });
    it("a VPC_ENDPOINT server is reached through the VPC's interface endpoint only", async () => {
      expect(await violations(p, [server({ endpointType: "VPC_ENDPOINT" })])).to.deep.equal([]);
    });
  });

  describe("Noncompliance", () => {
    it('CKV_AWS_164 fail "example_public": endpointType PUBLIC', async () => {
      const found = await violations(p, [server({ endpointType: "PUBLIC" })]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain('"PUBLIC"');
    });
    it('CKV_AWS_164 fail "example": endpointType left out is PUBLIC', async () => {
      const found = await violations(p, [server()]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("left out (PUBLIC)");
    });
    it("a VPC endpoint with Elastic IPs (addressAllocationIds) is internet-facing", async () => {
      const found = await violations(p, [
        server({
          endpointType: "VPC",
          endpointDetails: { ...vpc, addressAllocationIds: ["eipalloc-1"] },
        }),
      ]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("addressAllocationIds");
    });
    it("an endpoint type unknown at preview is a preview note, not a pass", async () => {
      expect(await previewNotes(p, [server({ endpointType: U })])).to.have.length(1);
    });
  });
});
