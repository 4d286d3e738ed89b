// EKS written with @pulumi/aws-native: a Cluster's resourcesVpcConfig (the classic vpcConfig) and a
// Nodegroup's remoteAccess { ec2SshKey, sourceSecurityGroups } (the classic sourceSecurityGroupIds),
// judged by eks-cluster-endpoint-not-public and eks-node-group-remote-access-restricted through the
// classic twins (policy-pack/lib/native/twins-network.ts). Compliant fixtures pass; each is then
// broken one field at a time.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const cluster = (vpc: Record<string, unknown>) =>
  res(n.NATIVE_EKS_CLUSTER, "eks", {
    roleArn: "arn:aws:iam::123456789012:role/eks",
    resourcesVpcConfig: { subnetIds: ["subnet-0abc", "subnet-0def"], ...vpc },
  });
const nodegroup = (remoteAccess: unknown) =>
  res(n.NATIVE_EKS_NODEGROUP, "nodes", {
    clusterName: "eks",
    nodeRole: "arn:aws:iam::123456789012:role/nodes",
    subnets: ["subnet-0abc"],
    remoteAccess,
  });

describe("aws-native EKS: eks-cluster-endpoint-not-public", () => {
  const rule = "eks-cluster-endpoint-not-public";
  it("a private endpoint passes", async () => {
    await expectClean(policy(rule), [
      cluster({ endpointPublicAccess: false, endpointPrivateAccess: true }),
    ]);
  });
  it("a public endpoint limited to the operators' range passes", async () => {
    await expectClean(policy(rule), [
      cluster({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }),
    ]);
  });
  it("endpointPublicAccess unset (EKS defaults it to true, open to 0.0.0.0/0)", async () => {
    const found = await violationsOf(rule, [cluster({})]);
    expect(found).to.deep.equal([
      "eks: the public API endpoint is open to 0.0.0.0/0 (the default).",
    ]);
  });
  it("publicAccessCidrs with 0.0.0.0/0", async () => {
    const found = await violationsOf(rule, [
      cluster({ endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }),
    ]);
    expect(found).to.deep.equal(["eks: the public API endpoint is open to 0.0.0.0/0."]);
  });
  it("resourcesVpcConfig unknown at preview is a preview note", async () => {
    const vpc = res(n.NATIVE_EC2_VPC, "vpc", {});
    const c = res(
      n.NATIVE_EKS_CLUSTER,
      "eks",
      { resourcesVpcConfig: UNKNOWN },
      { refs: { resourcesVpcConfig: [vpc] } },
    );
    expect(await previewNotes(policy(rule), [vpc, c])).to.have.length(1);
  });
});

describe("aws-native EKS: eks-node-group-remote-access-restricted", () => {
  const rule = "eks-node-group-remote-access-restricted";
  it("no remoteAccess passes", async () => {
    await expectClean(policy(rule), [nodegroup(undefined)]);
  });
  it("an SSH key with source security groups passes", async () => {
    await expectClean(policy(rule), [
      nodegroup({ ec2SshKey: "ops", sourceSecurityGroups: ["sg-0bastion"] }),
    ]);
  });
  it("source security groups unknown at preview pass (they will be ids)", async () => {
    await expectClean(policy(rule), [
      nodegroup({ ec2SshKey: "ops", sourceSecurityGroups: UNKNOWN }),
    ]);
  });
  it("an SSH key without sourceSecurityGroups, named as the program wrote it", async () => {
    const found = await violationsOf(rule, [nodegroup({ ec2SshKey: "ops" })]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("remoteAccess sets ec2SshKey without sourceSecurityGroups:");
  });
  it("an empty sourceSecurityGroups list", async () => {
    const found = await violationsOf(rule, [
      nodegroup({ ec2SshKey: "ops", sourceSecurityGroups: [] }),
    ]);
    expect(found).to.have.length(1);
  });
});
