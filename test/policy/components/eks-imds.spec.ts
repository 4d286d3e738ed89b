// eks-component-nodes-imdsv2: an @pulumi/eks ManagedNodeGroup's `enableIMDSv2` and a NodeGroupV2's
// `metadataOptions`, which eks writes into the launch template it creates, and the AMI family the
// inputs name when they leave both out, with the verdict of ec2-instance-imdsv2 (Checkov
// CKV_AWS_79, Trivy AWS-0130, FSBP EC2.8).
import { expect } from "chai";
import {
  EKS_COMPONENT_MANAGED_NODE_GROUP,
  eksComponentNodesImdsV2 as policy,
} from "../../../policy-pack/policies/components/eks-imds";
import {
  EKS_COMPONENT_CLUSTER,
  EKS_COMPONENT_NODE_GROUP_V2,
} from "../../../policy-pack/policies/components/eks";
import { res } from "../fixture";
import { findingsOf, run, UNKNOWN } from "../fixtures/iam";

const managed = (over: Record<string, unknown> = {}) =>
  res(
    EKS_COMPONENT_MANAGED_NODE_GROUP,
    "workers",
    {
      cluster: "demo-eksCluster",
      nodeRoleArn: "arn:aws:iam::123456789012:role/workers",
      operatingSystem: "AL2",
      enableIMDSv2: true,
      ...over,
    },
    { custom: false },
  );

const v2 = (over: Record<string, unknown> = {}) =>
  res(
    EKS_COMPONENT_NODE_GROUP_V2,
    "self-managed",
    {
      cluster: "demo-eksCluster",
      instanceType: "t3.medium",
      operatingSystem: "AL2",
      metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
      ...over,
    },
    { custom: false },
  );

/** A Cluster whose default node group names AL2 and requires IMDSv2 in its nodeGroupOptions. */
const cluster = (options: Record<string, unknown> = {}, over: Record<string, unknown> = {}) =>
  res(
    EKS_COMPONENT_CLUSTER,
    "demo",
    {
      endpointPublicAccess: false,
      nodeGroupOptions: {
        instanceType: "t3.medium",
        operatingSystem: "AL2",
        metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
        ...options,
      },
      ...over,
    },
    { custom: false },
  );

describe("eks-component-nodes-imdsv2", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_79 / AWS-0130: a ManagedNodeGroup with enableIMDSv2 false", async () => {
      const f = await findingsOf(policy, [managed({ enableIMDSv2: false })]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain('httpTokens "optional"');
    });
    it("a NodeGroupV2 passing metadataOptions.httpTokens optional", async () => {
      const f = await findingsOf(policy, [
        v2({ metadataOptions: { httpTokens: "optional", httpEndpoint: "enabled" } }),
      ]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain('metadataOptions.httpTokens "optional" goes as given');
    });
    it("left out on Amazon Linux 2 the inputs name: eks sets nothing, the AL2 AMI allows IMDSv1", async () => {
      for (const [group, named] of [
        [managed({ enableIMDSv2: undefined }), 'operatingSystem "AL2"'],
        [
          managed({ enableIMDSv2: undefined, operatingSystem: undefined, amiType: "AL2_ARM_64" }),
          'amiType "AL2_ARM_64"',
        ],
        [v2({ metadataOptions: undefined }), 'operatingSystem "AL2"'],
        [v2({ metadataOptions: { httpEndpoint: "enabled" } }), 'operatingSystem "AL2"'],
        [
          v2({ metadataOptions: undefined, operatingSystem: undefined, amiType: "amazon-linux-2" }),
          'amiType "amazon-linux-2"',
        ],
      ] as const) {
        const f = await findingsOf(policy, [group]);
        expect(f, named).to.have.length(1);
        expect(f[0]).to.contain(named).and.contain("AL2 defaults to off");
      }
    });
    it("an input unknown at preview that decides it is a preview note, not a pass", async () => {
      for (const group of [
        managed({ enableIMDSv2: UNKNOWN }),
        managed({ enableIMDSv2: undefined, operatingSystem: UNKNOWN }),
        v2({ metadataOptions: { httpTokens: UNKNOWN } }),
      ]) {
        const { findings, notes } = await run(policy, [group]);
        expect(findings).to.deep.equal([]);
        expect(notes).to.have.length(1);
      }
    });
  });
  describe("Compliance", () => {
    it("the untouched fixtures", async () => {
      expect(await findingsOf(policy, [managed(), v2()])).to.deep.equal([]);
    });
    it("left out where the inputs do not name AL2, or an AMI or template of the program decides", async () => {
      for (const over of [
        { operatingSystem: "AL2023" },
        { operatingSystem: "Bottlerocket" },
        { operatingSystem: undefined },
        { operatingSystem: undefined, amiType: "AL2023_x86_64_STANDARD" },
        { amiId: "ami-0123456789abcdef0" },
        { launchTemplate: { id: "lt-0123456789abcdef0", version: "1" } },
      ]) {
        const label = JSON.stringify(over);
        expect(
          await findingsOf(policy, [managed({ enableIMDSv2: undefined, ...over })]),
          label,
        ).to.deep.equal([]);
        expect(
          await findingsOf(policy, [v2({ metadataOptions: undefined, ...over })]),
          label,
        ).to.deep.equal([]);
      }
    });
    it("a Cluster's default node group is not judged: a real preview shows its launch template, offline it is unseen", async () => {
      // In a real preview the eks plugin registers the Cluster policies see (no provider of the
      // program's) and its children, whose launch template ec2-instance-imdsv2 judges; eks 2's
      // local Cluster registers them from the program: judged here too, they would count twice.
      for (const [label, c] of [
        [
          "nodeGroupOptions on AL2, metadata options left out",
          cluster({ metadataOptions: undefined }),
        ],
        [
          "nodeGroupOptions passing httpTokens optional",
          cluster({ metadataOptions: { httpTokens: "optional" } }),
        ],
        [
          "an AL2 amiType",
          cluster({
            metadataOptions: undefined,
            operatingSystem: undefined,
            amiType: "AL2_x86_64",
          }),
        ],
        ["unknown at preview", cluster({ metadataOptions: undefined, operatingSystem: UNKNOWN })],
        ["no arguments at all", res(EKS_COMPONENT_CLUSTER, "bare", {}, { custom: false })],
      ] as const) {
        const { findings, notes } = await run(policy, [c]);
        expect({ findings, notes }, label).to.deep.equal({ findings: [], notes: [] });
      }
    });
    it("a NodeGroupV2 with the metadata endpoint disabled", async () => {
      const off = v2({ metadataOptions: { httpEndpoint: "disabled", httpTokens: "optional" } });
      expect(await findingsOf(policy, [off])).to.deep.equal([]);
    });
  });
});
