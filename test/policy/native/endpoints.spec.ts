// Data services written with @pulumi/aws-native, judged by the endpoint-exposure rules through their
// classic twins (policy-pack/lib/native/twins-workloads.ts): a Redshift cluster, an Amazon MQ broker
// and a DMS replication instance (publiclyAccessible) and an MSK cluster (brokerNodeGroupInfo
// connectivityInfo.publicAccess.type), a Transfer Family server (endpointType) and a SageMaker
// notebook instance (directInternetAccess, which SageMaker enables when it is left out, and its
// IMDS version). Each private resource passes; each is then made public.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const msk = (type: string) => ({
  brokerNodeGroupInfo: {
    clientSubnets: ["subnet-0abc", "subnet-0def"],
    instanceType: "kafka.m5.large",
    connectivityInfo: { publicAccess: { type } },
  },
});
const cases: [string, string, Record<string, unknown>, Record<string, unknown>, string][] = [
  [
    "redshift-cluster-not-public",
    n.NATIVE_REDSHIFT_CLUSTER,
    { nodeType: "ra3.xlplus", publiclyAccessible: false },
    { publiclyAccessible: true },
    "publiclyAccessible is true.",
  ],
  [
    "mq-broker-not-public",
    n.NATIVE_AMAZONMQ_BROKER,
    { engineType: "ACTIVEMQ", publiclyAccessible: false },
    { publiclyAccessible: true },
    "publiclyAccessible is true.",
  ],
  [
    "dms-replication-instance-not-public",
    n.NATIVE_DMS_REPLICATION_INSTANCE,
    { replicationInstanceClass: "dms.t3.medium", publiclyAccessible: false },
    { publiclyAccessible: undefined },
    "publiclyAccessible is left out, and DMS then makes the instance public.",
  ],
  [
    "msk-cluster-not-public",
    n.NATIVE_MSK_CLUSTER,
    { clusterName: "events", ...msk("DISABLED") },
    msk("SERVICE_PROVIDED_EIPS"),
    "brokerNodeGroupInfo.connectivityInfo.publicAccess.type is SERVICE_PROVIDED_EIPS",
  ],
  [
    "transfer-server-not-public",
    n.NATIVE_TRANSFER_SERVER,
    { endpointType: "VPC", endpointDetails: { vpcId: "vpc-0abc", subnetIds: ["subnet-0abc"] } },
    { endpointType: undefined, endpointDetails: undefined },
    "endpointType is left out (PUBLIC)",
  ],
  [
    "sagemaker-notebook-no-direct-internet-access",
    n.NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE,
    { instanceType: "ml.t3.medium", subnetId: "subnet-0abc", directInternetAccess: "Disabled" },
    { directInternetAccess: undefined },
    "directInternetAccess is left out",
  ],
  [
    "sagemaker-notebook-imdsv2",
    n.NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE,
    {
      instanceType: "ml.t3.medium",
      instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" },
    },
    { instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "1" } },
    'minimumInstanceMetadataServiceVersion is "1"',
  ],
];

describe("aws-native data services: the endpoint-exposure rules", () => {
  for (const [rule, type, inputs, broken, fragment] of cases) {
    describe(`${type} (${rule})`, () => {
      it("private: passes", async () => {
        await expectClean(policy(rule), [res(type, "s", inputs)]);
      });
      it(`${Object.keys(broken).join(", ")}: reported`, async () => {
        const found = await violationsOf(rule, [res(type, "s", { ...inputs, ...broken })]);
        expect(found).to.have.length(1);
        expect(found[0]).to.match(/^s: /);
        expect(found[0]).to.contain(fragment);
      });
    });
  }
  it("publiclyAccessible unknown at preview is a preview note", async () => {
    const sg = res(n.NATIVE_EC2_SECURITY_GROUP, "sg", {});
    const cluster = res(
      n.NATIVE_REDSHIFT_CLUSTER,
      "s",
      { nodeType: "ra3.xlplus", publiclyAccessible: UNKNOWN },
      { refs: { publiclyAccessible: [sg] } },
    );
    expect(await previewNotes(policy("redshift-cluster-not-public"), [sg, cluster])).to.have.length(
      1,
    );
  });
});
