// Composition root: validated config → the platform's layers → stack outputs. Nothing else lives
// here; every resource is created inside a component.
import { loadConfig } from "./components/config";
import { Network } from "./components/network";
import { Runtime, RUNTIME_INTERFACE_ENDPOINTS } from "./components/runtime";
import { Storage } from "./components/storage";

const config = loadConfig();
const env = config.environment;
const protect = config.protectData;

const network = new Network(`${env}-network`, {
  cidrBlock: config.network.cidrBlock,
  subnetCidrs: config.network.subnetCidrs,
  endpointPlacement: config.network.endpointPlacement,
  // Each layer names the interface endpoints its private workloads need.
  interfaceEndpoints: [...RUNTIME_INTERFACE_ENDPOINTS, ...config.network.extraInterfaceEndpoints],
  computeIngressPorts: [config.runtime.containerPort],
  flowLogRetentionDays: config.logRetentionDays,
  protect,
  tags: config.tags,
});

const storage = new Storage(`${env}-storage`, {
  objectExpirationDays: config.storage.objectExpirationDays,
  ingestPrincipal: config.storage.ingestPrincipal,
  protect,
  tags: config.tags,
});

const runtime = new Runtime(`${env}-runtime`, {
  vpcId: network.vpcId,
  publicSubnetIds: network.publicSubnetIds,
  computeSubnetIds: network.computeSubnetIds,
  endpointSecurityGroupId: network.endpointSecurityGroupId,
  s3PrefixListId: network.s3PrefixListId,
  region: config.region,
  taskRoleArn: storage.apiRoleArn,
  bucketName: storage.apiBucketName,
  bucketKeyArn: storage.keyArn,
  ...config.runtime,
  logRetentionDays: config.logRetentionDays,
  protect,
  tags: config.tags,
});

export const vpcId = network.vpcId;
export const publicSubnetIds = network.publicSubnetIds;
export const computeSubnetIds = network.computeSubnetIds;
export const dataSubnetIds = network.dataSubnetIds;
export const endpointSecurityGroupId = network.endpointSecurityGroupId;
export const apiBucketName = storage.apiBucketName;
export const ingestBucketName = storage.ingestBucketName;
export const apiRoleArn = storage.apiRoleArn;
export const ingestRoleArn = storage.ingestRoleArn;
export const url = runtime.url;
export const repositoryUrl = runtime.repositoryUrl;
export const clusterName = runtime.clusterName;
export const serviceName = runtime.serviceName;
