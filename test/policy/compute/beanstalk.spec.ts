// Elastic Beanstalk environments: enhanced health reporting (Checkov CKV_AWS_312, Security Hub
// ElasticBeanstalk.1) and managed platform updates (Checkov CKV_AWS_340, ElasticBeanstalk.2).
import { expect } from "chai";
import { policy, res, violations } from "../fixture";
import { ELASTICBEANSTALK_ENVIRONMENT } from "../../../policy-pack/lib/types";

const HEALTH = {
  namespace: "aws:elasticbeanstalk:healthreporting:system",
  name: "SystemType",
  value: "enhanced",
};
const STREAMING = {
  namespace: "aws:elasticbeanstalk:cloudwatch:logs:health",
  name: "HealthStreamingEnabled",
  value: "true",
};
const MANAGED = {
  namespace: "aws:elasticbeanstalk:managedactions",
  name: "ManagedActionsEnabled",
  value: "true",
};
const env = (settings: object[]) =>
  res(ELASTICBEANSTALK_ENVIRONMENT, "env", {
    application: "app",
    solutionStackName: "64bit Amazon Linux 2023 v6.1.0 running Node.js 20",
    settings,
  });

describe("elasticbeanstalk-environment-health-reporting", () => {
  const p = policy("elasticbeanstalk-environment-health-reporting");
  it("CKV_AWS_312 fail: no settings (basic health, no streaming)", async () => {
    expect(await violations(p, [env([])])).to.have.length(2);
  });
  it("CKV_AWS_312 fail: SystemType basic; streaming off", async () => {
    expect(
      await violations(p, [
        env([
          { ...HEALTH, value: "basic" },
          { ...STREAMING, value: "false" },
        ]),
      ]),
    ).to.deep.equal([
      'env: SystemType is "basic", not "enhanced".',
      "env: HealthStreamingEnabled is not true: health is not streamed to CloudWatch Logs.",
    ]);
  });
  it("CKV_AWS_312 pass: enhanced and streamed (either namespace Checkov reads)", async () => {
    expect(await violations(p, [env([HEALTH, STREAMING, MANAGED])])).to.deep.equal([]);
    expect(
      await violations(p, [
        env([HEALTH, { ...STREAMING, namespace: HEALTH.namespace, value: "True" }]),
      ]),
    ).to.deep.equal([]);
  });
});

describe("elasticbeanstalk-environment-managed-updates", () => {
  const p = policy("elasticbeanstalk-environment-managed-updates");
  it("CKV_AWS_340 fail: not set, or false", async () => {
    expect(await violations(p, [env([HEALTH])])).to.have.length(1);
    expect(await violations(p, [env([{ ...MANAGED, value: "false" }])])).to.have.length(1);
  });
  it("CKV_AWS_340 pass: ManagedActionsEnabled true", async () => {
    expect(await violations(p, [env([MANAGED])])).to.deep.equal([]);
  });
});

// Instance logs: streamed to CloudWatch Logs (Security Hub ElasticBeanstalk.3) and rotated to S3
// (cdk-nag AwsSolutions-EB4), from the provider's aws.elasticbeanstalk.Environment example (no
// settings) and each option off.
const STREAM = {
  namespace: "aws:elasticbeanstalk:cloudwatch:logs",
  name: "StreamLogs",
  value: "true",
};
const PUBLICATION = {
  namespace: "aws:elasticbeanstalk:hostmanager",
  name: "LogPublicationControl",
  value: "true",
};

describe("elasticbeanstalk-environment-stream-logs", () => {
  const p = policy("elasticbeanstalk-environment-stream-logs");
  it("ElasticBeanstalk.3 fail: not set (the provider's example), or false", async () => {
    expect(await violations(p, [env([])])).to.deep.equal([
      "env: StreamLogs is not true: instance logs are not streamed to CloudWatch Logs.",
    ]);
    expect(await violations(p, [env([{ ...STREAM, value: "false" }])])).to.have.length(1);
  });
  it("ElasticBeanstalk.3 pass: StreamLogs true", async () => {
    expect(await violations(p, [env([STREAM])])).to.deep.equal([]);
  });
});

describe("elasticbeanstalk-environment-log-publication", () => {
  const p = policy("elasticbeanstalk-environment-log-publication");
  it("AwsSolutions-EB4 fail: not set (the provider's example), or false", async () => {
    expect(await violations(p, [env([])])).to.deep.equal([
      "env: LogPublicationControl is not true: rotated instance logs are not copied to S3.",
    ]);
    expect(await violations(p, [env([{ ...PUBLICATION, value: "false" }])])).to.have.length(1);
  });
  it("AwsSolutions-EB4 pass: LogPublicationControl true", async () => {
    expect(await violations(p, [env([PUBLICATION])])).to.deep.equal([]);
  });
});
