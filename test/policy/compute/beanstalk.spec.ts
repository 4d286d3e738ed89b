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
