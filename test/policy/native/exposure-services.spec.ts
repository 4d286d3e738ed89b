// aws-native types judged by the exposure and container rules (policy-pack/lib/native/twins-exposure.ts):
// Lightsail databases, M2 environments and Timestream for InfluxDB instances and clusters
// (publiclyAccessible), DRS replication templates (createPublicIp), AppStream fleets and image
// builders (enableDefaultInternetAccess), EBS snapshot block public access (state), ECR Public
// repositories, Image Builder AMI launch permissions, S3 access points (public-access block,
// policy), REST API policies and Batch job definitions (privileged containers, typed where the
// classic takes JSON). A compliant resource passes; each case breaks one field, and a value
// unknown at preview is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, res, violationsOf } from "../fixture";
import { Case, runCases } from "./cases";

const publicStatement = (action: string, resource: string) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: action, Resource: resource }],
});
const ownStatement = (action: string, resource: string) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::123456789012:role/reader" },
      Action: action,
      Resource: resource,
    },
  ],
});
const AP_ARN = "arn:aws:s3:eu-west-1:123456789012:accesspoint/reports";
const API_ARN = "execute-api:/*";
const blocked = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};
const container = (privileged: boolean) => ({
  image: "public.ecr.aws/docker/library/busybox:1.36",
  command: ["echo", "hi"],
  privileged,
  resourceRequirements: [
    { type: "VCPU", value: "1" },
    { type: "MEMORY", value: "2048" },
  ],
});

/** An Image Builder distribution whose AMIs get these launch permissions. */
const amiShare = (launchPermissionConfiguration: Record<string, unknown>) => [
  { region: "us-west-2", amiDistributionConfiguration: { launchPermissionConfiguration } },
];

const notPublic = (rule: string, type: string, inputs: Record<string, unknown>): Case => ({
  rule,
  type,
  inputs: { ...inputs, publiclyAccessible: false },
  prop: "publiclyAccessible",
  broken: [[{ publiclyAccessible: true }, "publiclyAccessible is true"]],
});

const cases: Case[] = [
  notPublic("lightsail-database-not-public", n.NATIVE_LIGHTSAIL_DATABASE, {
    relationalDatabaseName: "app",
    relationalDatabaseBlueprintId: "mysql_8_0",
    relationalDatabaseBundleId: "micro_2_0",
    masterDatabaseName: "app",
    masterUsername: "admin",
  }),
  notPublic("m2-environment-not-public", n.NATIVE_M2_ENVIRONMENT, {
    name: "mainframe",
    engineType: "microfocus",
    instanceType: "M2.m5.large",
  }),
  notPublic("timestream-influxdb-not-public", n.NATIVE_TIMESTREAM_INFLUXDB_INSTANCE, {
    name: "metrics",
    dbInstanceType: "db.influx.medium",
    vpcSubnetIds: ["subnet-1"],
    vpcSecurityGroupIds: ["sg-1"],
  }),
  notPublic("timestream-influxdb-not-public", n.NATIVE_TIMESTREAM_INFLUXDB_CLUSTER, {
    name: "metrics",
    dbInstanceType: "db.influx.medium",
    deploymentType: "MULTI_NODE_READ_REPLICAS",
    vpcSubnetIds: ["subnet-1", "subnet-2"],
    vpcSecurityGroupIds: ["sg-1"],
  }),
  {
    rule: "drs-replication-no-public-ip",
    type: n.NATIVE_DRS_REPLICATION_CONFIGURATION_TEMPLATE,
    inputs: {
      associateDefaultSecurityGroup: true,
      bandwidthThrottling: 0,
      createPublicIp: false,
      dataPlaneRouting: "PRIVATE_IP",
      ebsEncryption: "DEFAULT",
      pitPolicy: [{ interval: 10, retentionDuration: 60, units: "MINUTE", enabled: true }],
      replicationServersSecurityGroupsIds: [],
      stagingAreaSubnetId: "subnet-1",
      stagingAreaTags: {},
    },
    prop: "createPublicIp",
    broken: [[{ createPublicIp: true }, "createPublicIp is true"]],
  },
  ...[n.NATIVE_APPSTREAM_FLEET, n.NATIVE_APPSTREAM_IMAGE_BUILDER].map((type): Case => ({
    rule: "appstream-no-default-internet-access",
    type,
    inputs: { name: "desktops", instanceType: "stream.standard.medium" },
    prop: "enableDefaultInternetAccess",
    broken: [[{ enableDefaultInternetAccess: true }, "enableDefaultInternetAccess is true"]],
  })),
  {
    rule: "ebs-snapshot-block-public-access-on",
    type: n.NATIVE_EC2_SNAPSHOT_BLOCK_PUBLIC_ACCESS,
    inputs: { state: "block-all-sharing" },
    prop: "state",
    broken: [[{ state: "unblocked" }, '"unblocked"']],
  },
  {
    rule: "ec2-ami-not-public",
    type: n.NATIVE_IMAGEBUILDER_DISTRIBUTION_CONFIGURATION,
    inputs: { name: "amis", distributions: amiShare({ userIds: ["210987654321"] }) },
    prop: "distributions",
    broken: [
      [
        { distributions: amiShare({ userGroups: ["all"] }) },
        'the distribution to us-west-2 shares its AMIs with the user group "all" (public)',
      ],
    ],
  },
  {
    rule: "ecrpublic-repository-not-used",
    type: n.NATIVE_ECR_PUBLIC_REPOSITORY,
    inputs: { repositoryName: "tools" },
    prop: "repositoryName",
    alwaysReported: "serves its images to anyone",
    broken: [],
  },
  {
    rule: "s3-access-point-public-access-block",
    type: n.NATIVE_S3_ACCESS_POINT,
    inputs: { bucket: "reports", publicAccessBlockConfiguration: blocked },
    prop: "publicAccessBlockConfiguration",
    broken: [
      [
        { publicAccessBlockConfiguration: { ...blocked, blockPublicPolicy: false } },
        "leaves blockPublicPolicy off",
      ],
    ],
  },
  {
    rule: "s3-access-point-policy-not-public",
    type: n.NATIVE_S3_ACCESS_POINT,
    inputs: {
      bucket: "reports",
      publicAccessBlockConfiguration: blocked,
      policy: ownStatement("s3:GetObject", `${AP_ARN}/object/*`),
    },
    prop: "policy",
    broken: [
      [{ policy: publicStatement("s3:GetObject", `${AP_ARN}/object/*`) }, 'Allow to Principal "*"'],
    ],
  },
  {
    rule: "apigateway-rest-api-policy-not-public",
    type: n.NATIVE_APIGATEWAY_REST_API,
    inputs: { name: "orders", policy: ownStatement("execute-api:Invoke", API_ARN) },
    prop: "policy",
    broken: [
      [{ policy: publicStatement("execute-api:Invoke", API_ARN) }, 'Allow to Principal "*"'],
    ],
  },
  {
    rule: "batch-job-definition-not-privileged",
    type: n.NATIVE_BATCH_JOB_DEFINITION,
    inputs: { type: "container", containerProperties: container(false) },
    prop: "containerProperties",
    broken: [
      [{ containerProperties: container(true) }, "runs privileged"],
      [
        {
          type: "multinode",
          containerProperties: undefined,
          nodeProperties: {
            mainNode: 0,
            numNodes: 2,
            nodeRangeProperties: [{ targetNodes: "0:", container: container(true) }],
          },
        },
        "runs privileged",
        "a node range's container privileged",
      ],
      [
        {
          containerProperties: undefined,
          eksProperties: {
            podProperties: {
              containers: [
                { name: "app", image: "busybox", securityContext: { privileged: true } },
              ],
            },
          },
        },
        "EKS container 'app' runs privileged",
        "an EKS container with securityContext.privileged",
      ],
    ],
  },
];

runCases("aws-native resources held to the exposure and container rules", cases);

describe("aws-native resource policies that grant every action (resource-policy-lists-actions)", () => {
  const every = (resource: string) => ({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::123456789012:root" },
        Action: "*",
        Resource: resource,
      },
    ],
  });
  for (const [type, prop, resource] of [
    [n.NATIVE_S3_ACCESS_POINT, "policy", `${AP_ARN}/object/*`],
    [n.NATIVE_APIGATEWAY_REST_API, "policy", API_ARN],
    [n.NATIVE_KMS_KEY, "keyPolicy", "*"],
    [n.NATIVE_S3_BUCKET_POLICY, "policyDocument", "arn:aws:s3:::reports/*"],
    [n.NATIVE_BACKUP_VAULT, "accessPolicy", "*"],
  ]) {
    it(`${type}: Action "*" in ${prop} is reported; a listed action passes`, async () => {
      const bad = res(type, "s", { bucket: "reports", [prop]: every(resource) });
      const found = await violationsOf("resource-policy-lists-actions", [bad]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain('Allow "*" grants every action of every service');
      const good = res(type, "s", {
        bucket: "reports",
        [prop]: ownStatement("s3:GetObject", resource),
      });
      await expectClean(policy("resource-policy-lists-actions"), [good]);
    });
  }
});
