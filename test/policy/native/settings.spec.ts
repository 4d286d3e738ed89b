// Advisory service settings for aws-native resources (policy-pack/lib/native/twins-settings.ts and
// the MSK, Auto Scaling, Redshift Serverless, ECR and S3 bucket policy twins): MSK client
// authentication, EFS access points, RAM shares (allowExternalPrincipals defaults to true in
// CloudFormation), CodeBuild source credentials, QuickSight data sources, EMR clusters, AWS Config
// recorders and aggregators, Auto Scaling health checks behind a load balancer, Redshift Serverless
// workgroups, ECR lifecycle policies (inline lifecyclePolicy), bucket policies that lock everyone
// out, and Neptune clusters' instances. A compliant resource passes; each case breaks one field; a
// value unknown at preview is a preview note (or, where the rule only asks whether a value is set,
// passes).
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";
import { Case, runCases } from "./cases";

const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1";

const cases: Case[] = [
  {
    rule: "msk-cluster-client-authentication",
    type: n.NATIVE_MSK_CLUSTER,
    inputs: { clientAuthentication: { sasl: { iam: { enabled: true } } } },
    prop: "clientAuthentication",
    broken: [
      [
        { clientAuthentication: { unauthenticated: { enabled: true } } },
        "clientAuthentication.unauthenticated is true",
      ],
      [
        { clientAuthentication: { sasl: { iam: { enabled: false } } } },
        "names no IAM, SASL/SCRAM or TLS method",
        "sasl.iam.enabled false",
      ],
      [
        {
          clientAuthentication: {
            tls: { certificateAuthorityArnList: ["arn:ca"], enabled: false },
          },
        },
        "names no IAM, SASL/SCRAM or TLS method",
        "tls turned off",
      ],
      [{ clientAuthentication: undefined }, "names no IAM, SASL/SCRAM or TLS method"],
    ],
  },
  {
    rule: "efs-access-point-root-directory",
    type: n.NATIVE_EFS_ACCESS_POINT,
    inputs: { fileSystemId: "fs-1", rootDirectory: { path: "/app" } },
    prop: "rootDirectory",
    broken: [
      [{ rootDirectory: { path: "/" } }, 'rootDirectory.path is "/"'],
      [{ rootDirectory: undefined }, "rootDirectory.path is not set"],
    ],
  },
  {
    rule: "efs-access-point-posix-user",
    type: n.NATIVE_EFS_ACCESS_POINT,
    inputs: { fileSystemId: "fs-1", posixUser: { uid: "1000", gid: "1000" } },
    prop: "posixUser",
    broken: [[{ posixUser: undefined }, "posixUser is not set"]],
    unknownPasses: true,
  },
  {
    rule: "ram-resource-share-no-external-principals",
    type: n.NATIVE_RAM_RESOURCE_SHARE,
    inputs: { name: "subnets", allowExternalPrincipals: false },
    prop: "allowExternalPrincipals",
    broken: [
      [{ allowExternalPrincipals: true }, "allowExternalPrincipals is true"],
      // CloudFormation's default is true.
      [
        { allowExternalPrincipals: undefined },
        "allowExternalPrincipals is true (left out: CloudFormation's default is true)",
      ],
    ],
  },
  {
    rule: "codebuild-source-credential-uses-connection",
    type: n.NATIVE_CODEBUILD_SOURCE_CREDENTIAL,
    inputs: { authType: "CODECONNECTIONS", serverType: "GITHUB", token: "arn:conn" },
    prop: "authType",
    broken: [[{ authType: "PERSONAL_ACCESS_TOKEN" }, "authType 'PERSONAL_ACCESS_TOKEN'"]],
  },
  {
    rule: "quicksight-data-source-ssl",
    type: n.NATIVE_QUICKSIGHT_DATA_SOURCE,
    inputs: { name: "warehouse", type: "POSTGRESQL", sslProperties: { disableSsl: false } },
    prop: "sslProperties",
    broken: [[{ sslProperties: { disableSsl: true } }, "sslProperties.disableSsl is true"]],
  },
  {
    rule: "emr-cluster-logging",
    type: n.NATIVE_EMR_CLUSTER,
    inputs: { name: "etl", logUri: "s3://emr-logs/etl/" },
    prop: "logUri",
    broken: [[{ logUri: undefined }, "No logUri"]],
    unknownPasses: true,
  },
  {
    rule: "config-recorder-all-resources",
    type: n.NATIVE_CONFIG_RECORDER,
    inputs: { roleArn: "arn:role", recordingGroup: { allSupported: true } },
    prop: "recordingGroup",
    broken: [[{ recordingGroup: { allSupported: false } }, "recordingGroup.allSupported is false"]],
  },
  {
    rule: "config-aggregator-all-regions",
    type: n.NATIVE_CONFIG_AGGREGATOR,
    inputs: { accountAggregationSources: [{ accountIds: ["111111111111"], allAwsRegions: true }] },
    prop: "accountAggregationSources",
    broken: [
      [
        {
          accountAggregationSources: [
            { accountIds: ["111111111111"], allAwsRegions: true },
            { accountIds: ["222222222222"], awsRegions: ["eu-west-1"] },
          ],
        },
        "does not set allAwsRegions",
        "a second source with listed regions",
      ],
      [{ accountAggregationSources: undefined }, "does not set allAwsRegions"],
    ],
  },
  {
    rule: "config-aggregator-all-regions",
    type: n.NATIVE_CONFIG_AGGREGATOR,
    inputs: { organizationAggregationSource: { roleArn: "arn:role", allAwsRegions: true } },
    prop: "organizationAggregationSource",
    broken: [
      [
        { organizationAggregationSource: { roleArn: "arn:role", awsRegions: ["eu-west-1"] } },
        "does not set allAwsRegions",
        "organization source with listed regions",
      ],
    ],
  },
  {
    rule: "autoscaling-group-elb-health-check",
    type: n.NATIVE_AUTOSCALING_GROUP,
    inputs: { minSize: "2", maxSize: "4", targetGroupArns: [TG], healthCheckType: "ELB" },
    prop: "healthCheckType",
    broken: [
      [
        { healthCheckType: "EC2" },
        'behind a load balancer (targetGroupArns) but healthCheckType is "EC2"',
      ],
      [{ healthCheckType: undefined }, 'healthCheckType is not set (default "EC2")'],
      [
        { targetGroupArns: undefined, targetGroupARNs: [TG], healthCheckType: undefined },
        "behind a load balancer (targetGroupARNs)",
        "0.x targetGroupARNs, no health check type",
      ],
      [
        { targetGroupArns: undefined, loadBalancerNames: ["web"], healthCheckType: undefined },
        "behind a load balancer (loadBalancerNames)",
        "a classic load balancer by loadBalancerNames",
      ],
    ],
  },
  {
    rule: "redshift-serverless-workgroup-network",
    type: n.NATIVE_REDSHIFTSERVERLESS_WORKGROUP,
    inputs: { workgroupName: "bi", subnetIds: ["subnet-a"], securityGroupIds: ["sg-1"] },
    prop: "subnetIds",
    broken: [[{ subnetIds: undefined }, "subnetIds is not set"]],
    unknownPasses: true,
  },
  {
    rule: "redshift-serverless-workgroup-require-ssl",
    type: n.NATIVE_REDSHIFTSERVERLESS_WORKGROUP,
    inputs: {
      workgroupName: "bi",
      configParameters: [{ parameterKey: "require_ssl", parameterValue: "true" }],
    },
    prop: "configParameters",
    broken: [
      [
        { configParameters: [{ parameterKey: "require_ssl", parameterValue: "false" }] },
        "require_ssl is 'false'",
      ],
      [{ configParameters: undefined }, "require_ssl is not set"],
    ],
  },
  {
    rule: "ecr-repository-lifecycle-policy",
    type: n.NATIVE_ECR_REPOSITORY,
    inputs: {
      repositoryName: "web",
      lifecyclePolicy: { lifecyclePolicyText: JSON.stringify({ rules: [] }) },
    },
    prop: "lifecyclePolicy",
    broken: [[{ lifecyclePolicy: undefined }, "The repository has no lifecycle policy."]],
  },
  {
    rule: "s3-bucket-policy-no-lockout",
    type: n.NATIVE_S3_BUCKET_POLICY,
    inputs: {
      bucket: "data",
      policyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: "arn:aws:s3:::data",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      },
    },
    prop: "policyDocument",
    broken: [
      [
        {
          policyDocument: {
            Version: "2012-10-17",
            Statement: [
              { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::data" },
            ],
          },
        },
        "to everyone without a condition",
        "a Deny of s3:* to everyone without a condition",
      ],
    ],
  },
];

runCases("aws-native service settings (advisory)", cases);

/** The Neptune cluster and instance as each SDK spells them (0.67.0: `dB…`, its own type tokens). */
const NEPTUNE_SPELLINGS = [
  {
    sdk: "neptune:DbCluster with neptune:DbInstance",
    clusterType: n.NATIVE_NEPTUNE_DB_CLUSTER,
    instanceType: n.NATIVE_NEPTUNE_DB_INSTANCE,
    clusterId: "dbClusterIdentifier",
    instanceClass: "dbInstanceClass",
    // An instance naming its cluster by the cluster's output, known or not at preview.
    byReference: "graph" as unknown,
    clusterExtra: {},
  },
  {
    sdk: "0.67.0 neptune:DBCluster with neptune:DBInstance",
    clusterType: n.NATIVE_NEPTUNE_DB_CLUSTER_V0,
    instanceType: n.NATIVE_NEPTUNE_DB_INSTANCE_V0,
    clusterId: "dBClusterIdentifier",
    instanceClass: "dBInstanceClass",
    byReference: UNKNOWN as unknown,
    clusterExtra: {
      storageEncrypted: true,
      kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    },
  },
];

for (const sp of NEPTUNE_SPELLINGS) {
  describe(`aws-native: neptune-cluster-multi-az (${sp.sdk})`, () => {
    const rule = "neptune-cluster-multi-az";
    const cluster = res(sp.clusterType, "graph", { [sp.clusterId]: "graph", ...sp.clusterExtra });
    const instance = (name: string, over: Record<string, unknown> = {}) =>
      res(
        sp.instanceType,
        name,
        { [sp.instanceClass]: "db.r6g.large", [sp.clusterId]: sp.byReference, ...over },
        { refs: { [sp.clusterId]: [cluster] } },
      );
    const literal = (name: string, clusterId: unknown) =>
      res(sp.instanceType, name, { [sp.instanceClass]: "db.r6g.large", [sp.clusterId]: clusterId });

    it("two instances of the cluster pass, in two zones or left to AWS", async () => {
      await expectClean(policy(rule), [cluster, instance("a"), instance("b")]);
      const a = instance("a", { availabilityZone: "eu-west-1a" });
      const b = instance("b", { availabilityZone: "eu-west-1b" });
      await expectClean(policy(rule), [cluster, a, b]);
    });
    it("one instance is the finding", async () => {
      expect(await violationsOf(rule, [cluster, instance("a")])).to.deep.equal([
        "graph: the cluster has 1 instance(s): no replica in another zone can take over.",
      ]);
    });
    it("two instances pinned to one zone are the finding", async () => {
      const az = { availabilityZone: "eu-west-1a" };
      expect(
        await violationsOf(rule, [cluster, instance("a", az), instance("b", az)]),
      ).to.deep.equal(["graph: every instance is placed in eu-west-1a."]);
    });
    it("instances naming the cluster as a literal count", async () => {
      await expectClean(policy(rule), [cluster, literal("a", "graph"), literal("b", "graph")]);
    });
    it("an instance whose cluster is unknown at preview is a preview note", async () => {
      const unknown = literal("c", UNKNOWN);
      expect(await violationsOf(rule, [cluster, unknown])).to.deep.equal([]);
      expect(await previewNotes(policy(rule), [cluster, unknown])).to.have.length(1);
    });
  });
}
