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

/**
 * A Cluster whose default node group names AL2 and requires IMDSv2 in its nodeGroupOptions, remote
 * as eks 3 and later register it (`local`: as eks 2's Node.js SDK does, a component of the program).
 */
const cluster = (
  options: Record<string, unknown> = {},
  over: Record<string, unknown> = {},
  local = false,
) =>
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
    { custom: false, remote: !local },
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
    it("a Cluster's default node group: nodeGroupOptions name AL2 and leave the metadata options out, or pass httpTokens optional", async () => {
      for (const [group, says] of [
        [cluster({ metadataOptions: undefined }), 'with operatingSystem "AL2"'],
        [
          cluster({
            metadataOptions: undefined,
            operatingSystem: undefined,
            amiType: "AL2_x86_64",
          }),
          'with amiType "AL2_x86_64"',
        ],
        [cluster({ metadataOptions: { httpTokens: "optional" } }), "goes as given"],
      ] as const) {
        const f = await findingsOf(policy, [group]);
        expect(f, says).to.have.length(1);
        expect(f[0]).to.contain("the default node group: nodeGroupOptions.").and.contain(says);
      }
    });
    it("an input unknown at preview that decides it is a preview note, not a pass", async () => {
      for (const group of [
        managed({ enableIMDSv2: UNKNOWN }),
        managed({ enableIMDSv2: undefined, operatingSystem: UNKNOWN }),
        v2({ metadataOptions: { httpTokens: UNKNOWN } }),
        cluster({ metadataOptions: undefined, operatingSystem: UNKNOWN }),
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
    it("a Cluster without a default node group, or whose default node group AL2 does not run", async () => {
      const noMetadata = { metadataOptions: undefined };
      for (const [label, c] of [
        ["untouched", cluster()],
        ["skipDefaultNodeGroup", cluster(noMetadata, { skipDefaultNodeGroup: true })],
        ["fargate", cluster(noMetadata, { fargate: true })],
        ["autoMode", cluster(noMetadata, { autoMode: { enabled: true } })],
        ["AL2023 named", cluster({ ...noMetadata, operatingSystem: "AL2023" })],
        [
          "no OS named: the recommended AL2023",
          cluster({ ...noMetadata, operatingSystem: undefined }),
        ],
        ["an AMI of the program", cluster({ ...noMetadata, amiId: "ami-0123456789abcdef0" })],
        // The cluster's own node settings: eks builds nodeGroupOptions naming no OS from them.
        [
          "the cluster's own settings",
          cluster(noMetadata, { nodeGroupOptions: undefined, instanceType: "t3.medium" }),
        ],
        [
          "no arguments at all",
          res(EKS_COMPONENT_CLUSTER, "bare", {}, { custom: false, remote: true }),
        ],
        // eks 2's Cluster is a local component: its default node group is a NodeGroup (v1,
        // CloudFormation) whose children the program registers and the pack judges themselves.
        ["eks 2, local", cluster({ metadataOptions: { httpTokens: "optional" } }, {}, true)],
      ] as const) {
        expect(await findingsOf(policy, [c]), label).to.deep.equal([]);
      }
    });
    it("a NodeGroupV2 with the metadata endpoint disabled", async () => {
      const off = v2({ metadataOptions: { httpEndpoint: "disabled", httpTokens: "optional" } });
      expect(await findingsOf(policy, [off])).to.deep.equal([]);
    });
  });
});
