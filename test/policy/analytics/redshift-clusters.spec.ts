// Provisioned Redshift clusters: audit logging (cdk-nag AwsSolutions-RS5, Checkov CKV_AWS_71,
// Security Hub Redshift.4), user-activity logging (cdk-nag AwsSolutions-RS11) and parameter groups
// that turn require_ssl off (cdk-nag AwsSolutions-RS1, Checkov CKV_AWS_105, Security Hub
// Redshift.2), automated snapshots (AwsSolutions-RS10, Redshift.3) and major version upgrades
// (AwsSolutions-RS9, Redshift.6), from the provider's examples and each broken field.
import { expect } from "chai";
import {
  REDSHIFT_CLUSTER,
  REDSHIFT_LOGGING,
  REDSHIFT_PARAMETER_GROUP,
} from "../../../policy-pack/lib/types";
import { expectClean, policy, previewNotes, res, UNKNOWN as U, violationsOf } from "../fixture";

// The provider's aws.redshift.Cluster example (without the password, judged elsewhere).
const cluster = (over: Record<string, unknown> = {}, refs = {}) =>
  res(
    REDSHIFT_CLUSTER,
    "example",
    {
      clusterIdentifier: "tf-redshift-cluster",
      databaseName: "mydb",
      masterUsername: "exampleuser",
      manageMasterPassword: true,
      nodeType: "dc1.large",
      clusterType: "single-node",
      ...over,
    },
    { refs },
  );
// The provider's aws.redshift.Logging "Basic Usage" example, built from the cluster's id.
const logging = (c: ReturnType<typeof cluster>, over: Record<string, unknown> = {}) =>
  res(
    REDSHIFT_LOGGING,
    "example-logging",
    {
      clusterIdentifier: U,
      logDestinationType: "cloudwatch",
      logExports: ["connectionlog", "userlog"],
      ...over,
    },
    { refs: { clusterIdentifier: [c] } },
  );
// The provider's aws.redshift.ParameterGroup example.
const group = (parameters: { name: string; value: string }[]) =>
  res(REDSHIFT_PARAMETER_GROUP, "bar", {
    name: "parameter-group-test",
    family: "redshift-1.0",
    parameters,
  });
const EXAMPLE_PARAMETERS = [
  { name: "require_ssl", value: "true" },
  { name: "query_group", value: "example" },
  { name: "enable_user_activity_logging", value: "true" },
];

describe("redshift-cluster-audit-logging", () => {
  const p = policy("redshift-cluster-audit-logging");
  it("RS5 / Redshift.4 compliant: logging to CloudWatch Logs (provider example)", async () => {
    const c = cluster();
    await expectClean(p, [c, logging(c)]);
  });
  it("S3 destination (provider example) and a literal cluster identifier", async () => {
    const c = cluster();
    const s3 = res(REDSHIFT_LOGGING, "s3", {
      clusterIdentifier: "tf-redshift-cluster",
      logDestinationType: "s3",
      bucketName: "example-bucket",
      s3KeyPrefix: "example-prefix/",
    });
    await expectClean(p, [c, s3]);
  });
  it("RS5 / CKV_AWS_71: a cluster with no logging", async () => {
    expect(await violationsOf(p.name, [cluster()])).to.deep.equal([
      "example: no aws.redshift.Logging turns audit logging on for the cluster.",
    ]);
  });
  it("logging of another cluster does not count", async () => {
    const other = cluster({ clusterIdentifier: "other" });
    const c = res(REDSHIFT_CLUSTER, "mine", { clusterIdentifier: "mine", nodeType: "dc1.large" });
    expect(await violationsOf(p.name, [c, other, logging(other)])).to.have.length(1);
  });
  it("CloudWatch Logs destination with no logExports", async () => {
    const c = cluster();
    expect(await violationsOf(p.name, [c, logging(c, { logExports: undefined })])).to.deep.equal([
      'example: logging "example-logging" sends to CloudWatch Logs but exports no log.',
    ]);
  });
  it("S3 destination with no bucketName", async () => {
    const c = cluster();
    expect(
      await violationsOf(p.name, [
        c,
        logging(c, { logDestinationType: "s3", logExports: undefined }),
      ]),
    ).to.have.length(1);
  });
  it("a logging resource whose cluster is unknown at preview gives a note, not a finding", async () => {
    const c = cluster();
    const l = res(REDSHIFT_LOGGING, "l", {
      clusterIdentifier: U,
      logDestinationType: "s3",
      bucketName: "b",
    });
    expect(await violationsOf(p.name, [c, l])).to.deep.equal([]);
    expect(await previewNotes(p, [c, l])).to.have.length(1);
  });
});

describe("redshift-cluster-user-activity-logging", () => {
  const p = policy("redshift-cluster-user-activity-logging");
  it("RS11 compliant: the provider's parameter group example, linked to the cluster", async () => {
    const g = group(EXAMPLE_PARAMETERS);
    await expectClean(p, [
      g,
      cluster({ clusterParameterGroupName: U }, { clusterParameterGroupName: [g] }),
    ]);
  });
  it("a parameter group named literally", async () => {
    await expectClean(p, [
      group(EXAMPLE_PARAMETERS),
      cluster({ clusterParameterGroupName: "parameter-group-test" }),
    ]);
  });
  it("RS11: a cluster with no parameter group (the default group does not log user activity)", async () => {
    expect(await violationsOf(p.name, [cluster()])).to.deep.equal([
      "example: no clusterParameterGroupName: the default parameter group does not log user activity.",
    ]);
  });
  it("RS11: the parameter group leaves enable_user_activity_logging out or sets it false", async () => {
    const left = group([{ name: "require_ssl", value: "true" }]);
    expect(
      await violationsOf(p.name, [
        left,
        cluster({ clusterParameterGroupName: "parameter-group-test" }),
      ]),
    ).to.deep.equal([
      'example: parameter group "bar" does not set enable_user_activity_logging (default false).',
    ]);
    const off = group([{ name: "enable_user_activity_logging", value: "false" }]);
    expect(
      await violationsOf(p.name, [
        off,
        cluster({ clusterParameterGroupName: "parameter-group-test" }),
      ]),
    ).to.deep.equal([
      'example: parameter group "bar" sets enable_user_activity_logging to "false".',
    ]);
  });
  it("a parameter group outside the stack is reported as not read", async () => {
    expect(
      await violationsOf(p.name, [cluster({ clusterParameterGroupName: "shared-group" })]),
    ).to.deep.equal([
      'example: parameter group "shared-group" is not in this stack: enable_user_activity_logging cannot be read.',
    ]);
  });
});

describe("redshift-parameter-group-require-ssl", () => {
  const p = policy("redshift-parameter-group-require-ssl");
  it("RS1 / CKV_AWS_105 compliant: require_ssl true (provider example)", async () => {
    await expectClean(p, [group(EXAMPLE_PARAMETERS)]);
  });
  it("RS1 / CKV_AWS_105 / Redshift.2: require_ssl false", async () => {
    expect(
      await violationsOf(p.name, [group([{ name: "require_ssl", value: "false" }])]),
    ).to.deep.equal(['bar: require_ssl is "false": clients may connect without TLS.']);
  });
  it("a group that leaves require_ssl out is not judged (AWS default not confirmed)", async () => {
    await expectClean(p, [group([{ name: "query_group", value: "example" }])]);
  });
});

describe("redshift-cluster-automated-snapshots", () => {
  const name = "redshift-cluster-automated-snapshots";
  it("passes the provider's example (default 1 day) and a longer retention", async () => {
    await expectClean(policy(name), [cluster()]);
    await expectClean(policy(name), [cluster({ automatedSnapshotRetentionPeriod: 7 })]);
  });
  it("AwsSolutions-RS10 / Redshift.3: reports a retention of 0 (snapshots off)", async () => {
    expect(
      await violationsOf(name, [cluster({ automatedSnapshotRetentionPeriod: 0 })]),
    ).to.deep.equal([
      "example: automatedSnapshotRetentionPeriod is 0: automated snapshots are off.",
    ]);
  });
});

describe("redshift-cluster-version-upgrade", () => {
  const name = "redshift-cluster-version-upgrade";
  it("passes the provider's example (default true) and an explicit true", async () => {
    await expectClean(policy(name), [cluster()]);
    await expectClean(policy(name), [cluster({ allowVersionUpgrade: true })]);
  });
  it("AwsSolutions-RS9 / Redshift.6: reports allowVersionUpgrade false", async () => {
    expect(await violationsOf(name, [cluster({ allowVersionUpgrade: false })])).to.deep.equal([
      "example: allowVersionUpgrade is false: major version upgrades are not applied.",
    ]);
  });
});
