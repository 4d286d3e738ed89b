// aws-native resources the rules judge as the classic twin would: an Aurora cluster member
// (DbInstance with dbClusterIdentifier) exports no logs of its own; a value a twin reads only to
// choose (a load balancer's access-log bucket, an ECS managed EBS volume's key ARN) is read as
// lazily as the classic property, so one unknown at preview passes where the classic one passes;
// and an early 0.x SDK's AppSync GraphQLApi is judged as 1.x's GraphQlApi.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";
import { key } from "./cases";

describe("aws-native twin reads: rds-log-exports on an Aurora cluster member", () => {
  const rule = "rds-log-exports";
  const cluster = res(n.NATIVE_RDS_DB_CLUSTER, "aurora", {
    engine: "aurora-postgresql",
    enableCloudwatchLogsExports: ["postgresql"],
    storageEncrypted: true,
  });
  const member = (type: string, over: Record<string, unknown> = {}) =>
    res(
      type,
      "aurora-1",
      {
        engine: "aurora-postgresql",
        dbClusterIdentifier: "aurora",
        dbInstanceClass: "db.r6g.large",
        ...over,
      },
      { refs: { dbClusterIdentifier: [cluster] } },
    );

  for (const type of [n.NATIVE_RDS_DB_INSTANCE, n.NATIVE_RDS_DB_INSTANCE_V0]) {
    it(`${type} in a cluster: the cluster's exports are judged, not the member's`, async () => {
      await expectClean(policy(rule), [cluster, member(type)]);
      await expectClean(policy(rule), [cluster, member(type, { dbClusterIdentifier: UNKNOWN })]);
    });
    it(`${type} on its own still exports its logs`, async () => {
      const alone = res(type, "pg", { engine: "postgres", dbInstanceClass: "db.t4g.micro" });
      expect(await violationsOf(rule, [alone])).to.deep.equal([
        "pg: enableCloudwatchLogsExports is empty: no database log reaches CloudWatch Logs.",
      ]);
    });
  }
  it("a cluster without exports is still reported (its dbClusterIdentifier is its own name)", async () => {
    const bare = res(n.NATIVE_RDS_DB_CLUSTER, "aurora", {
      engine: "aurora-postgresql",
      dbClusterIdentifier: "aurora",
    });
    expect(await violationsOf(rule, [bare])).to.have.length(1);
  });
});

describe("aws-native twin reads: values read only when a rule asks", () => {
  it("a load balancer's access-log bucket unknown at preview passes, as the classic one", async () => {
    const rule = "elb-load-balancer-access-logs";
    const bucket = res(n.NATIVE_S3_BUCKET, "logs", {});
    const attrs = (value: unknown) => [
      { key: "access_logs.s3.enabled", value: "true" },
      { key: "access_logs.s3.bucket", value },
    ];
    const lb = (value: unknown) =>
      res(
        n.NATIVE_ELBV2_LOAD_BALANCER,
        "edge",
        { type: "application", loadBalancerAttributes: attrs(value) },
        { refs: { loadBalancerAttributes: [bucket] } },
      );
    await expectClean(policy(rule), [bucket, lb(UNKNOWN)]);
    const classic = res(
      "aws:lb/loadBalancer:LoadBalancer",
      "edge",
      { loadBalancerType: "application", accessLogs: { enabled: true, bucket: UNKNOWN } },
      { refs: { accessLogs: [bucket] } },
    );
    await expectClean(policy(rule), [bucket, classic]);
    const off = res(n.NATIVE_ELBV2_LOAD_BALANCER, "edge", {
      type: "application",
      loadBalancerAttributes: [{ key: "access_logs.s3.enabled", value: UNKNOWN }],
    });
    expect(await violationsOf(rule, [off])).to.deep.equal([]);
    expect(await previewNotes(policy(rule), [off])).to.have.length(1);
  });

  it("an ECS managed EBS volume whose key ARN is unknown at preview passes, as the classic one", async () => {
    const rule = "data-store-kms-cmk";
    const volume = (kmsKeyId: unknown) => ({
      name: "data",
      managedEbsVolume: {
        roleArn: "arn:aws:iam::123456789012:role/ebs",
        encrypted: true,
        kmsKeyId,
      },
    });
    const svc = (volumes: unknown[]) =>
      res(
        n.NATIVE_ECS_SERVICE,
        "svc",
        { cluster: "apps", volumeConfigurations: volumes },
        { refs: { volumeConfigurations: [key] } },
      );
    await expectClean(policy(rule), [key, svc([volume(UNKNOWN)])]);
    const keyless = await violationsOf(rule, [key, svc([volume(UNKNOWN), volume(undefined)])]);
    expect(keyless).to.have.length(1);
    expect(keyless[0]).to.contain("no KMS key is set");
  });
});

describe("aws-native twin reads: appsync-graphql-api-logging on 0.x GraphQLApi", () => {
  const rule = "appsync-graphql-api-logging";
  const api = (logConfig: unknown) =>
    res(n.NATIVE_APPSYNC_GRAPHQL_API_V0, "api", { authenticationType: "AWS_IAM", logConfig });
  it("a log config with a role passes; none is reported", async () => {
    await expectClean(policy(rule), [
      api({ cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/logs", fieldLogLevel: "ERROR" }),
    ]);
    const found = await violationsOf(rule, [api(undefined)]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("No logConfig");
  });
});
