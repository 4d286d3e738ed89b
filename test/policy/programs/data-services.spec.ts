// The data-service policies (Redshift Serverless, RDS/Aurora, AWS Backup, Secrets Manager, the
// Instance Connect Endpoint) over a program recorded under the mock runtime, wired by outputs.
import { expect } from "chai";
import { policies as analytics } from "../../../policy-pack/policies/analytics";
import { policies as databases } from "../../../policy-pack/policies/databases";
import { policies as backup } from "../../../policy-pack/policies/backup";
import { policies as secrets } from "../../../policy-pack/policies/secrets";
import { policy } from "../fixture";
import { AURORA_CLUSTER } from "../fixtures/databases";

const policies = [
  ...analytics,
  ...databases,
  ...backup,
  ...secrets,
  policy("ec2-instance-connect-endpoint-security-groups"),
];

describe("analytics policies on a program recorded under the mock runtime", () => {
  // Redshift Serverless with a usage limit, an Aurora Serverless v2 cluster, a backup vault and
  // plan, a rotated secret and the tunnel's Instance Connect Endpoint, wired by outputs.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const program = () => {
    const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
    const key = new aws.kms.Key("data", { description: "data", enableKeyRotation: true });
    const ns = new aws.redshiftserverless.Namespace("analytics", {
      namespaceName: "platform-analytics",
      dbName: "uploads",
      adminUsername: "platform_admin",
      manageAdminPassword: true,
      kmsKeyId: key.arn,
      logExports: ["userlog", "connectionlog", "useractivitylog"],
    });
    const sg = new aws.ec2.SecurityGroup("redshift", { vpcId: "vpc-1", description: "redshift" });
    const wg = new aws.redshiftserverless.Workgroup("analytics", {
      namespaceName: ns.namespaceName,
      workgroupName: "platform-analytics",
      baseCapacity: 8,
      publiclyAccessible: false,
      enhancedVpcRouting: true,
      subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
      securityGroupIds: [sg.id],
      configParameters: [{ parameterKey: "require_ssl", parameterValue: "true" }],
    });
    new aws.redshiftserverless.UsageLimit("analytics-rpu", {
      resourceArn: wg.arn,
      usageType: "serverless-compute",
      amount: 100,
      period: "monthly",
      breachAction: "deactivate",
    });
    new aws.rds.Cluster("app-db", { ...AURORA_CLUSTER, kmsKeyId: key.arn });
    const vault = new aws.backup.Vault("vault", { kmsKeyArn: key.arn });
    new aws.backup.Plan("plan", {
      rules: [
        {
          ruleName: "daily",
          targetVaultName: vault.name,
          schedule: "cron(0 3 * * ? *)",
          lifecycle: { deleteAfter: 35 },
        },
      ],
    });
    const secret = new aws.secretsmanager.Secret("api-key", { kmsKeyId: key.arn });
    new aws.secretsmanager.SecretRotation("api-key", {
      secretId: secret.id,
      rotationLambdaArn: "arn:aws:lambda:eu-west-1:123456789012:function:rotate",
      rotationRules: { automaticallyAfterDays: 30 },
    });
    new aws.ec2transitgateway.InstanceConnectEndpoint("tunnel", {
      subnetId: "subnet-a",
      securityGroupIds: [sg.id],
    });
  };
  /* eslint-enable @typescript-eslint/no-require-imports */

  for (const preview of [true, false]) {
    it(`has neither violation nor preview note at ${preview ? "preview" : "up"}`, async () => {
      const { record } = await import("../../../tools/lib/recorder");
      const { evaluate } = await import("../fixture");
      const recording = await record({ project: "platform", stack: "test", preview }, program);
      const report = await evaluate(policies, recording.resources);
      expect(report.violations.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
    });
  }
});
