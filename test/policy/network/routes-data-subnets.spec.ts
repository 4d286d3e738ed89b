// Data subnets: the subnets a data store (database, cache and broker subnet groups, file-system
// mount targets, search domains, directories) or a managed workload (EKS control plane, EMR,
// SageMaker, MWAA, Glue, App Runner, MSK Connect, Transfer Family, WorkSpaces) is placed in count
// as compute subnets, untagged or not, so a default route there is a mandatory finding. Each case
// puts one such resource in an untagged subnet of the compliant network whose route table sends
// 0.0.0.0/0 and ::/0 to the internet gateway.
import { expect } from "chai";
import type { RecordedResource } from "../../../tools/lib/recorder";
import { policy, res, UNKNOWN as U, violations } from "../fixture";
import { compliant, expectPlacementJudged, hostIn } from "../fixtures/network";
import * as T from "../../../policy-pack/lib/types";

const core = policy("ec2-compute-subnet-no-default-route");

const ids = { subnetIds: [U] };

const CASES: readonly (readonly [string, (s: RecordedResource) => RecordedResource])[] = [
  ["an RDS DB subnet group", hostIn(T.RDS_SUBNET_GROUP, "db", "subnetIds", ids)],
  ["a DocumentDB subnet group", hostIn(T.DOCDB_SUBNET_GROUP, "docs", "subnetIds", ids)],
  ["a Neptune subnet group", hostIn(T.NEPTUNE_SUBNET_GROUP, "graph", "subnetIds", ids)],
  ["an ElastiCache subnet group", hostIn(T.ELASTICACHE_SUBNET_GROUP, "cache", "subnetIds", ids)],
  [
    "an ElastiCache serverless cache",
    hostIn(T.ELASTICACHE_SERVERLESS_CACHE, "cache", "subnetIds", { engine: "valkey", ...ids }),
  ],
  ["a MemoryDB subnet group", hostIn(T.MEMORYDB_SUBNET_GROUP, "mem", "subnetIds", ids)],
  ["a DAX subnet group", hostIn(T.DAX_SUBNET_GROUP, "dax", "subnetIds", ids)],
  ["a Redshift subnet group", hostIn(T.REDSHIFT_SUBNET_GROUP, "dw", "subnetIds", ids)],
  [
    "a DMS replication subnet group",
    hostIn(T.DMS_REPLICATION_SUBNET_GROUP, "dms", "subnetIds", {
      replicationSubnetGroupDescription: "replication",
      replicationSubnetGroupId: "dms",
      ...ids,
    }),
  ],
  [
    "an EFS mount target",
    hostIn(T.EFS_MOUNT_TARGET, "mt", "subnetId", { fileSystemId: "fs-1", subnetId: U }),
  ],
  [
    "an FSx for Lustre file system",
    hostIn(T.FSX_LUSTRE_FILE_SYSTEM, "lustre", "subnetIds", { storageCapacity: 1200, ...ids }),
  ],
  [
    "an FSx for Windows file system",
    hostIn(T.FSX_WINDOWS_FILE_SYSTEM, "win", "subnetIds", { throughputCapacity: 32, ...ids }),
  ],
  [
    "an FSx for ONTAP file system",
    hostIn(T.FSX_ONTAP_FILE_SYSTEM, "ontap", "subnetIds", {
      deploymentType: "SINGLE_AZ_1",
      ...ids,
    }),
  ],
  [
    "an FSx for OpenZFS file system",
    hostIn(T.FSX_OPENZFS_FILE_SYSTEM, "zfs", "subnetIds", {
      deploymentType: "SINGLE_AZ_1",
      ...ids,
    }),
  ],
  [
    "an MSK cluster's brokers",
    hostIn(T.MSK_CLUSTER, "kafka", "brokerNodeGroupInfo", {
      kafkaVersion: "3.6.0",
      numberOfBrokerNodes: 2,
      brokerNodeGroupInfo: { instanceType: "kafka.m5.large", clientSubnets: [U] },
    }),
  ],
  [
    "an MSK Serverless cluster",
    hostIn(T.MSK_SERVERLESS_CLUSTER, "kafka", "vpcConfigs", { vpcConfigs: [{ subnetIds: [U] }] }),
  ],
  [
    "an Amazon MQ broker",
    hostIn(T.MQ_BROKER, "mq", "subnetIds", { engineType: "RabbitMQ", ...ids }),
  ],
  [
    "an OpenSearch domain",
    hostIn(T.OPENSEARCH_DOMAIN, "search", "vpcOptions", { vpcOptions: { subnetIds: [U] } }),
  ],
  [
    "an Elasticsearch domain",
    hostIn(T.ELASTICSEARCH_DOMAIN, "es", "vpcOptions", { vpcOptions: { subnetIds: [U] } }),
  ],
  [
    "a Directory Service directory",
    hostIn(T.DIRECTORYSERVICE_DIRECTORY, "ad", "vpcSettings", {
      name: "corp.example.com",
      vpcSettings: { vpcId: U, subnetIds: [U] },
    }),
  ],
  [
    "an EKS cluster's control-plane interfaces",
    hostIn(T.EKS_CLUSTER, "eks", "vpcConfig", { vpcConfig: { subnetIds: [U] } }),
  ],
  [
    "an EMR cluster",
    hostIn(T.EMR_CLUSTER, "emr", "ec2Attributes", {
      releaseLabel: "emr-7.0.0",
      ec2Attributes: { subnetId: U, instanceProfile: "emr" },
    }),
  ],
  [
    "a SageMaker notebook instance",
    hostIn(T.SAGEMAKER_NOTEBOOK_INSTANCE, "nb", "subnetId", {
      instanceType: "ml.t3.medium",
      subnetId: U,
      directInternetAccess: "Disabled",
    }),
  ],
  [
    "a SageMaker Studio domain",
    hostIn(T.SAGEMAKER_DOMAIN, "studio", "subnetIds", { appNetworkAccessType: "VpcOnly", ...ids }),
  ],
  [
    "an MWAA environment",
    hostIn(T.MWAA_ENVIRONMENT, "airflow", "networkConfiguration", {
      networkConfiguration: { subnetIds: [U], securityGroupIds: [U] },
    }),
  ],
  [
    "a Glue connection",
    hostIn(T.GLUE_CONNECTION, "glue", "physicalConnectionRequirements", {
      connectionType: "NETWORK",
      physicalConnectionRequirements: { subnetId: U },
    }),
  ],
  [
    "an App Runner VPC connector",
    hostIn(T.APPRUNNER_VPC_CONNECTOR, "runner", "subnets", { subnets: [U] }),
  ],
  [
    "an MSK Connect connector",
    hostIn(T.MSKCONNECT_CONNECTOR, "connect", "kafkaCluster", {
      kafkaCluster: { apacheKafkaCluster: { bootstrapServers: "b:9098", vpc: { subnets: [U] } } },
    }),
  ],
  [
    "a Transfer Family VPC endpoint",
    hostIn(T.TRANSFER_SERVER, "sftp", "endpointDetails", {
      endpointType: "VPC",
      endpointDetails: { vpcId: U, subnetIds: [U] },
    }),
  ],
  [
    "a WorkSpaces directory",
    hostIn(T.WORKSPACES_DIRECTORY, "desktops", "subnetIds", { directoryId: "d-1", ...ids }),
  ],
];

describe("ec2-compute-subnet-no-default-route: data subnets and managed workloads", () => {
  for (const [kind, make] of CASES) {
    it(`counts an untagged subnet that holds ${kind} as a data or compute subnet`, () =>
      expectPlacementJudged(make));
  }

  it("a data store in a subnet whose routes stay in the VPC draws no finding", async () => {
    const { r, all } = compliant();
    const group = res(T.RDS_SUBNET_GROUP, "db", ids, { refs: { subnetIds: [r.dataA] } });
    expect(await violations(core, all(group))).to.deep.equal([]);
  });
});
