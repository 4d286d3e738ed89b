// Redshift Serverless, RDS/Aurora, AWS Backup, Secrets Manager and EC2 Instance Connect Endpoint
// policies: compliant fixtures pass, each broken field is caught, and unknown values at preview give
// preview notes (or, where only "is it set" matters, count as set).
import { expect } from "chai";
import { policies as analytics } from "../../policy-pack/policies/analytics";
import { policies as databases } from "../../policy-pack/policies/databases";
import { policies as backup } from "../../policy-pack/policies/backup";
import { policies as secrets } from "../../policy-pack/policies/secrets";
import { instanceConnectEndpointSecurityGroups } from "../../policy-pack/policies/network/instance-connect";

const policies = [
  ...analytics,
  ...databases,
  ...backup,
  ...secrets,
  instanceConnectEndpointSecurityGroups,
];
import type { AnyPolicy } from "../../tools/lib/policy-runner";
import { previewNotes, res, UNKNOWN, violations } from "./fixture";
import {
  BACKUP_PLAN,
  EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT,
  RDS_CLUSTER,
  RDS_CLUSTER_INSTANCE,
  RDS_INSTANCE,
  REDSHIFTSERVERLESS_NAMESPACE,
  REDSHIFTSERVERLESS_USAGE_LIMIT,
  REDSHIFTSERVERLESS_WORKGROUP,
  SECRETSMANAGER_SECRET,
  SECRETSMANAGER_SECRET_ROTATION,
} from "../../policy-pack/lib/types";

function policy(name: string): AnyPolicy {
  const p = policies.find((x) => x.name === name);
  if (!p) throw new Error(`no policy ${name}`);
  return p;
}

type R = ReturnType<typeof res>;
async function one(name: string, resources: R[], config = {}): Promise<string[]> {
  return violations(policy(name), resources, config);
}

describe("policy: Redshift Serverless", () => {
  const workgroup = (over: Record<string, unknown> = {}) =>
    res(REDSHIFTSERVERLESS_WORKGROUP, "analytics-wg", {
      namespaceName: "platform-analytics",
      workgroupName: "platform-analytics",
      baseCapacity: 8,
      publiclyAccessible: false,
      enhancedVpcRouting: true,
      subnetIds: [UNKNOWN, UNKNOWN, UNKNOWN],
      securityGroupIds: [UNKNOWN],
      configParameters: [
        { parameterKey: "require_ssl", parameterValue: "true" },
        { parameterKey: "enable_user_activity_logging", parameterValue: "true" },
      ],
      ...over,
    });
  const namespace = (over: Record<string, unknown> = {}) =>
    res(REDSHIFTSERVERLESS_NAMESPACE, "analytics-ns", {
      namespaceName: "platform-analytics",
      dbName: "uploads",
      adminUsername: "platform_admin",
      manageAdminPassword: true,
      kmsKeyId: UNKNOWN,
      logExports: ["userlog", "connectionlog", "useractivitylog"],
      ...over,
    });

  it("the compliant workgroup and namespace pass every resource policy", async () => {
    for (const p of policies.filter(
      (x) => x.name.startsWith("redshift-serverless-") && !x.name.endsWith("usage-limit"),
    )) {
      expect(await violations(p, [workgroup(), namespace()]), p.name).to.deep.equal([]);
      expect(await previewNotes(p, [workgroup(), namespace()]), p.name).to.deep.equal([]);
    }
  });

  it("redshift-serverless-workgroup-not-public catches public access and is mandatory", async () => {
    const name = "redshift-serverless-workgroup-not-public";
    expect(await one(name, [workgroup({ publiclyAccessible: true })])).to.deep.equal([
      "analytics-wg: publiclyAccessible is true.",
    ]);
    expect(await one(name, [workgroup({ publiclyAccessible: undefined })])).to.deep.equal([]);
    expect(policy(name).enforcementLevel).to.equal("mandatory");
    expect(
      await previewNotes(policy(name), [workgroup({ publiclyAccessible: UNKNOWN })]),
    ).to.have.length(1);
  });

  it("redshift-serverless-workgroup-enhanced-vpc-routing catches it off or missing", async () => {
    const name = "redshift-serverless-workgroup-enhanced-vpc-routing";
    expect(await one(name, [workgroup({ enhancedVpcRouting: false })])).to.have.length(1);
    expect(await one(name, [workgroup({ enhancedVpcRouting: undefined })])).to.have.length(1);
  });

  it("redshift-serverless-workgroup-require-ssl catches a missing, false or misspelt parameter", async () => {
    const name = "redshift-serverless-workgroup-require-ssl";
    expect(await one(name, [workgroup({ configParameters: [] })])).to.deep.equal([
      "analytics-wg: require_ssl is not set, so clients may connect without TLS.",
    ]);
    expect(
      await one(name, [
        workgroup({ configParameters: [{ parameterKey: "require_ssl", parameterValue: "false" }] }),
      ]),
    ).to.have.length(1);
    const camel = await one(name, [
      workgroup({ configParameters: [{ parameterKey: "requireSsl", parameterValue: "true" }] }),
    ]);
    expect(camel[0]).to.include("expects 'require_ssl'");
  });

  it("redshift-serverless-workgroup-network catches missing subnets and security groups", async () => {
    const name = "redshift-serverless-workgroup-network";
    expect(await one(name, [workgroup({ subnetIds: undefined })])).to.have.length(1);
    expect(await one(name, [workgroup({ securityGroupIds: undefined })])).to.have.length(1);
  });

  it("redshift-serverless-workgroup-usage-limit (stack) correlates the limit by property dependency", async () => {
    const name = "redshift-serverless-workgroup-usage-limit";
    const wg = workgroup({ arn: UNKNOWN });
    const limit = res(
      REDSHIFTSERVERLESS_USAGE_LIMIT,
      "rpu-limit",
      { resourceArn: UNKNOWN, usageType: "serverless-compute", amount: 100 },
      { refs: { resourceArn: [wg] } },
    );
    expect(await one(name, [wg, limit])).to.deep.equal([]);
    expect(await one(name, [wg])).to.deep.equal([
      "analytics-wg: The workgroup has no usage limit.",
    ]);
  });

  it("redshift-serverless-namespace-admin-username catches default names and a missing name", async () => {
    const name = "redshift-serverless-namespace-admin-username";
    for (const adminUsername of ["admin", "awsuser", "Admin"]) {
      expect(await one(name, [namespace({ adminUsername })]), adminUsername).to.have.length(1);
    }
    expect(await one(name, [namespace({ adminUsername: undefined })])).to.have.length(1);
    expect(
      await one(name, [namespace({ adminUsername: undefined, manageAdminPassword: undefined })]),
    ).to.deep.equal([]);
  });

  it("redshift-serverless-namespace-managed-admin-password catches program-supplied passwords, even unknown ones", async () => {
    const name = "redshift-serverless-namespace-managed-admin-password";
    for (const key of ["adminUserPassword", "adminUserPasswordWo"]) {
      for (const value of ["Sup3r-Secret!", UNKNOWN]) {
        const v = await one(name, [namespace({ manageAdminPassword: undefined, [key]: value })]);
        expect(v, `${key}=${value}`).to.deep.equal([`analytics-ns: ${key} is set by the program.`]);
      }
    }
    expect(policy(name).enforcementLevel).to.equal("mandatory");
  });

  it("redshift-serverless-namespace-audit-logs names the missing exports", async () => {
    const name = "redshift-serverless-namespace-audit-logs";
    expect(await one(name, [namespace({ logExports: ["userlog"] })])).to.deep.equal([
      "analytics-ns: Log exports missing: connectionlog, useractivitylog.",
    ]);
    expect(await one(name, [namespace({ logExports: undefined })])).to.have.length(1);
    expect(
      await one(name, [namespace({ logExports: ["userlog"] })], {
        [name]: { requiredLogExports: ["userlog"] },
      }),
    ).to.deep.equal([]);
  });

  it("redshift-serverless-namespace-db-name catches 'dev' and the default", async () => {
    const name = "redshift-serverless-namespace-db-name";
    expect(await one(name, [namespace({ dbName: "dev" })])).to.have.length(1);
    expect(await one(name, [namespace({ dbName: undefined })])).to.have.length(1);
  });
});

describe("policy: RDS / Aurora", () => {
  const cluster = (over: Record<string, unknown> = {}) =>
    res(RDS_CLUSTER, "app-db", {
      engine: "aurora-postgresql",
      engineMode: "provisioned",
      storageEncrypted: true,
      kmsKeyId: UNKNOWN,
      deletionProtection: true,
      iamDatabaseAuthenticationEnabled: true,
      backupRetentionPeriod: 7,
      manageMasterUserPassword: true,
      masterUsername: "app_admin",
      copyTagsToSnapshot: true,
      serverlessv2ScalingConfiguration: { minCapacity: 0.5, maxCapacity: 4 },
      ...over,
    });
  const instance = (over: Record<string, unknown> = {}) =>
    res(RDS_INSTANCE, "legacy-db", {
      engine: "mysql",
      instanceClass: "db.t4g.micro",
      storageEncrypted: true,
      kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1",
      publiclyAccessible: false,
      deletionProtection: true,
      iamDatabaseAuthenticationEnabled: true,
      backupRetentionPeriod: 14,
      manageMasterUserPassword: true,
      username: "app_admin",
      copyTagsToSnapshot: true,
      ...over,
    });
  const member = (over: Record<string, unknown> = {}) =>
    res(RDS_CLUSTER_INSTANCE, "app-db-1", {
      clusterIdentifier: UNKNOWN,
      instanceClass: "db.serverless",
      engine: "aurora-postgresql",
      publiclyAccessible: false,
      ...over,
    });

  it("the compliant cluster, member and instance pass every RDS policy", async () => {
    for (const p of policies.filter((x) => x.name.startsWith("rds-"))) {
      expect(await violations(p, [cluster(), member(), instance()]), p.name).to.deep.equal([]);
      expect(await previewNotes(p, [cluster(), member(), instance()]), p.name).to.deep.equal([]);
    }
  });

  it("rds-not-publicly-accessible catches public instances and cluster members", async () => {
    const name = "rds-not-publicly-accessible";
    expect(await one(name, [instance({ publiclyAccessible: true })])).to.have.length(1);
    expect(await one(name, [member({ publiclyAccessible: true })])).to.deep.equal([
      "app-db-1: publiclyAccessible is true.",
    ]);
    expect(policy(name).enforcementLevel).to.equal("mandatory");
  });

  it("rds-deletion-protection catches it off", async () => {
    expect(
      await one("rds-deletion-protection", [cluster({ deletionProtection: false })]),
    ).to.have.length(1);
    expect(
      await one("rds-deletion-protection", [instance({ deletionProtection: undefined })]),
    ).to.have.length(1);
  });

  it("rds-iam-authentication applies to MySQL/MariaDB/PostgreSQL engines only", async () => {
    const name = "rds-iam-authentication";
    expect(await one(name, [cluster({ iamDatabaseAuthenticationEnabled: false })])).to.have.length(
      1,
    );
    expect(
      await one(name, [
        instance({ engine: "sqlserver-ex", iamDatabaseAuthenticationEnabled: undefined }),
      ]),
    ).to.deep.equal([]);
  });

  it("rds-backup-retention catches short and default retention; replicas are exempt", async () => {
    const name = "rds-backup-retention";
    expect(await one(name, [cluster({ backupRetentionPeriod: 1 })])).to.deep.equal([
      "app-db: backupRetentionPeriod is 1 day(s) (< 7).",
    ]);
    expect((await one(name, [instance({ backupRetentionPeriod: undefined })]))[0]).to.include(
      "AWS default 1 day",
    );
    expect(
      await one(name, [
        instance({ backupRetentionPeriod: undefined, replicateSourceDb: "legacy-db" }),
      ]),
    ).to.deep.equal([]);
    expect(
      await one(name, [cluster({ backupRetentionPeriod: 3 })], {
        [name]: { minBackupRetentionDays: 3 },
      }),
    ).to.deep.equal([]);
  });

  it("rds-managed-master-password catches program-supplied passwords (mandatory, value never echoed)", async () => {
    const name = "rds-managed-master-password";
    const v = await one(name, [
      cluster({ manageMasterUserPassword: undefined, masterPassword: "correct-horse" }),
    ]);
    expect(v).to.deep.equal(["app-db: masterPassword is set by the program."]);
    expect(
      await one(name, [instance({ manageMasterUserPassword: undefined, password: UNKNOWN })]),
    ).to.have.length(1);
    expect(
      await one(name, [instance({ manageMasterUserPassword: undefined, passwordWo: "x" })]),
    ).to.have.length(1);
    expect(policy(name).enforcementLevel).to.equal("mandatory");
  });

  it("rds-copy-tags-to-snapshot catches it off", async () => {
    expect(
      await one("rds-copy-tags-to-snapshot", [cluster({ copyTagsToSnapshot: false })]),
    ).to.have.length(1);
    expect(
      await one("rds-copy-tags-to-snapshot", [instance({ copyTagsToSnapshot: undefined })]),
    ).to.have.length(1);
  });
});

describe("policy: AWS Backup", () => {
  const rule = (over: Record<string, unknown> = {}) => ({
    ruleName: "daily",
    targetVaultName: "platform-vault",
    schedule: "cron(0 3 * * ? *)",
    lifecycle: { deleteAfter: 35 },
    ...over,
  });
  const plan = (rules: unknown[]) => res(BACKUP_PLAN, "plan", { name: "platform", rules });

  it("backup-plan-lifecycle catches rules and copy actions without deleteAfter", async () => {
    const name = "backup-plan-lifecycle";
    expect(await one(name, [plan([rule()])])).to.deep.equal([]);
    expect(await one(name, [plan([rule({ lifecycle: undefined })])])).to.deep.equal([
      "plan: Rule 'daily' keeps recovery points forever (no lifecycle.deleteAfter).",
    ]);
    expect(
      await one(name, [plan([rule({ copyActions: [{ destinationVaultArn: UNKNOWN }] })])]),
    ).to.have.length(1);
    expect(await one(name, [plan([])])).to.have.length(1);
    expect(
      await previewNotes(policy(name), [plan(UNKNOWN as unknown as unknown[])]),
    ).to.have.length(1);
  });
});

describe("policy: Secrets Manager", () => {
  const secret = (over: Record<string, unknown> = {}) =>
    res(SECRETSMANAGER_SECRET, "api-key", { name: "platform/api-key", kmsKeyId: UNKNOWN, ...over });

  describe("secretsmanager-secret-rotation (stack)", () => {
    const name = "secretsmanager-secret-rotation";
    const rotation = (
      target: R | string,
      rules: unknown = { automaticallyAfterDays: 30 },
      over: Record<string, unknown> = {},
    ) =>
      typeof target === "string"
        ? res(SECRETSMANAGER_SECRET_ROTATION, "rotation", {
            secretId: target,
            rotationLambdaArn: UNKNOWN,
            rotationRules: rules,
            ...over,
          })
        : res(
            SECRETSMANAGER_SECRET_ROTATION,
            "rotation",
            { secretId: UNKNOWN, rotationLambdaArn: UNKNOWN, rotationRules: rules, ...over },
            { refs: { secretId: [target] } },
          );

    it("accepts a rotation built from the secret (id unknown at preview) or naming it literally", async () => {
      const s = secret();
      expect(await one(name, [s, rotation(s)])).to.deep.equal([]);
      expect(await one(name, [s, rotation("platform/api-key")])).to.deep.equal([]);
      expect(
        await one(name, [s, rotation(s, { scheduleExpression: "rate(30 days)" })]),
      ).to.deep.equal([]);
    });
    it("catches no rotation, a long interval, disabled rotation and missing rules", async () => {
      const s = secret();
      expect(await one(name, [s])).to.deep.equal([
        "api-key: The secret has no automatic rotation.",
      ]);
      expect((await one(name, [s, rotation(s, { automaticallyAfterDays: 365 })]))[0]).to.include(
        "365 days",
      );
      expect(
        (await one(name, [s, rotation(s, undefined, { rotationEnabled: false })]))[0],
      ).to.include("disabled");
      expect((await one(name, [s, rotation(s, {})]))[0]).to.include("no rotationRules");
      expect(await one(name, [s, rotation("platform/other")])).to.have.length(1);
    });
    it("a literal rotation target unknown at preview gives a note, not a finding", async () => {
      const s = secret();
      const r = rotation(UNKNOWN);
      expect(await one(name, [s, r])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [s, r])).to.have.length(1);
    });
  });
});

describe("policy: EC2 Instance Connect Endpoint", () => {
  const name = "ec2-instance-connect-endpoint-security-groups";
  it("accepts security groups, even while their ids are unknown", async () => {
    expect(
      await one(name, [
        res(EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT, "eice", {
          subnetId: UNKNOWN,
          securityGroupIds: [UNKNOWN],
        }),
      ]),
    ).to.deep.equal([]);
    expect(
      await one(name, [
        res(EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT, "eice", {
          subnetId: UNKNOWN,
          securityGroupIds: UNKNOWN,
        }),
      ]),
    ).to.deep.equal([]);
  });
  it("catches a missing or empty list (the default security group gets attached)", async () => {
    expect(
      await one(name, [
        res(EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT, "eice", { subnetId: "subnet-1" }),
      ]),
    ).to.have.length(1);
    expect(
      await one(name, [
        res(EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT, "eice", {
          subnetId: "subnet-1",
          securityGroupIds: [],
        }),
      ]),
    ).to.have.length(1);
  });
});

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
    new aws.rds.Cluster("app-db", {
      engine: "aurora-postgresql",
      engineMode: "provisioned",
      storageEncrypted: true,
      kmsKeyId: key.arn,
      deletionProtection: true,
      iamDatabaseAuthenticationEnabled: true,
      backupRetentionPeriod: 7,
      manageMasterUserPassword: true,
      masterUsername: "app_admin",
      copyTagsToSnapshot: true,
      serverlessv2ScalingConfiguration: { minCapacity: 0.5, maxCapacity: 4 },
    });
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
      const { record } = await import("../../tools/lib/recorder");
      const { evaluate } = await import("./fixture");
      const recording = await record({ project: "platform", stack: "test", preview }, program);
      const report = await evaluate(policies, recording.resources);
      expect(report.violations.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
    });
  }
});
