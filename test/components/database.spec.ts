import { expect } from "chai";
import {
  Database,
  DatabaseArgs,
  finalSnapshotIdentifier,
  isValidAcu,
} from "../../components/database";
import { versionAtLeast } from "../../components/database/engines";
import { Runtime, RuntimeArgs } from "../../components/runtime";
import { Recording } from "../../tools/lib/recorder";
import { RUNTIME_ARGS } from "../fixtures/runtime-args";
import { doc, findAll, findOne, recordComponent, referrers } from "../helpers";

const base: DatabaseArgs = {
  engine: "aurora-postgresql",
  minCapacity: 0.5,
  maxCapacity: 4,
  vpcId: "vpc-0123456789abcdef0",
  dataSubnetIds: ["subnet-data-a", "subnet-data-b", "subnet-data-c"],
  region: "eu-west-1",
  logRetentionDays: 30,
  tags: { environment: "test" },
};
const TASK_SG = "sg-tasks";

const runtimeBase: RuntimeArgs = RUNTIME_ARGS;

function build(over: Partial<DatabaseArgs> = {}, withRuntime = false): Promise<Recording> {
  return recordComponent(() => {
    const db = new Database("db", { ...base, ...over });
    if (withRuntime) {
      // As index.ts wires them: plain settings in the environment, IAM authentication for the
      // task role (the Storage layer's API role, named "api" in the runtime fixture).
      const rt = new Runtime("rt", { ...runtimeBase, extraEnvironment: db.containerEnvironment });
      db.allowFrom("tasks", rt.taskSecurityGroupId);
      db.grantConnect("tasks", "api");
    } else {
      db.allowFrom("tasks", TASK_SG);
    }
  });
}

const CLUSTER = "aws:rds/cluster:Cluster";

describe("Database", () => {
  let staging: Recording;
  let prod: Recording;
  let mysql: Recording;
  before(async () => {
    staging = await build({ minCapacity: 0 }, true);
    prod = await build({ protect: true, instanceCount: 2 });
    mysql = await build({ engine: "aurora-mysql" });
  });

  it("is Aurora Serverless v2 with the configured capacity, one db.serverless instance per requested count", () => {
    const c = findOne(staging, CLUSTER, "db-cluster");
    expect(c.inputs).to.include({
      engine: "aurora-postgresql",
      engineMode: "provisioned",
      port: 5432,
    });
    expect(c.inputs.serverlessv2ScalingConfiguration).to.deep.equal({
      minCapacity: 0,
      maxCapacity: 4,
      secondsUntilAutoPause: 3600,
    });
    expect(
      findOne(prod, CLUSTER, "db-cluster").inputs.serverlessv2ScalingConfiguration,
    ).to.not.have.property("secondsUntilAutoPause");
    for (const [rec, n] of [
      [staging, 1],
      [prod, 2],
    ] as const) {
      const instances = findAll(rec, "aws:rds/clusterInstance:ClusterInstance");
      expect(instances).to.have.length(n);
      for (const i of instances) {
        expect(i.inputs).to.include({ instanceClass: "db.serverless", publiclyAccessible: false });
      }
    }
  });

  it("encrypts storage and the AWS-managed master secret with its own key; no password anywhere", () => {
    const c = findOne(staging, CLUSTER, "db-cluster");
    const key = findOne(staging, "aws:kms/key:Key", "db-key-key");
    expect(c.inputs).to.include({
      storageEncrypted: true,
      kmsKeyId: key.outputs.arn,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: key.outputs.arn,
      iamDatabaseAuthenticationEnabled: true,
      copyTagsToSnapshot: true,
      backupRetentionPeriod: 7,
    });
    for (const k of ["masterPassword", "masterPasswordWo"])
      expect(c.inputs).to.not.have.property(k);
    const statements = doc(key.inputs.policy).Statement;
    const via = statements.flatMap((s: any) =>
      [s.Condition?.StringEquals?.["kms:ViaService"] ?? []].flat(),
    );
    expect(via).to.include.members([
      "rds.eu-west-1.amazonaws.com",
      "secretsmanager.eu-west-1.amazonaws.com",
    ]);
    for (const s of statements) expect(s.Principal).to.not.equal("*");
  });

  it("requires TLS through its cluster parameter group", () => {
    for (const [rec, family, tls] of [
      [
        staging,
        "aurora-postgresql16",
        { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
      ],
      [
        mysql,
        "aurora-mysql8.0",
        { name: "require_secure_transport", value: "ON", applyMethod: "immediate" },
      ],
    ] as const) {
      const params = findOne(
        rec,
        "aws:rds/clusterParameterGroup:ClusterParameterGroup",
        "db-params",
      );
      expect(params.inputs.family).to.equal(family);
      expect(params.inputs.parameters).to.deep.include(tls);
    }
    expect(findOne(mysql, CLUSTER, "db-cluster").inputs.port).to.equal(3306);
  });

  it("exports its logs to encrypted log groups with a retention, created before the cluster", () => {
    for (const [rec, types] of [
      [staging, ["postgresql"]],
      [mysql, ["audit", "error", "slowquery"]],
    ] as const) {
      const c = findOne(rec, CLUSTER, "db-cluster");
      expect(c.inputs.enabledCloudwatchLogsExports).to.deep.equal(types);
      for (const t of types) {
        const g = findOne(rec, "aws:cloudwatch/logGroup:LogGroup", `db-${t}-logs`);
        expect(g.inputs.name).to.equal(`/aws/rds/cluster/platform-test-db/${t}`);
        expect(g.inputs.retentionInDays).to.equal(30);
        expect(g.inputs.kmsKeyId).to.match(/^arn:aws:kms:/);
        expect(c.dependencies).to.include(g.urn);
      }
    }
  });

  it("prod: deletion protection, a final snapshot, protected and retained; staging carries its written waiver", () => {
    const p = findOne(prod, CLUSTER, "db-cluster");
    expect(p.inputs).to.include({ deletionProtection: true, skipFinalSnapshot: false });
    // Named at creation, and kept: a later update does not rename it.
    expect(p.inputs.finalSnapshotIdentifier).to.match(/^platform-test-db-final-\d{14}$/);
    expect(p.options.ignoreChanges).to.include("finalSnapshotIdentifier");
    expect(p.options).to.include({ protect: true, retainOnDelete: true });
    expect(p.inputs.tags).to.not.have.property("waiver:rds-deletion-protection");
    const s = findOne(staging, CLUSTER, "db-cluster");
    expect(s.inputs).to.include({ deletionProtection: false, skipFinalSnapshot: true });
    expect(s.inputs.tags["waiver:rds-deletion-protection"]).to.have.length.greaterThan(10);
    expect(s.options.ignoreChanges).to.include("engineVersion");
    expect(s.inputs.finalSnapshotIdentifier).to.equal(undefined);
  });

  it("names the final snapshot after the cluster and its UTC creation time, as RDS accepts", () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    const id = finalSnapshotIdentifier("platform-prod-db", at);
    expect(id).to.equal("platform-prod-db-final-20260102030405");
    // DeleteDBCluster: 1-255 letters, digits, hyphens; a letter first; no "--"; no trailing "-".
    expect(id)
      .to.match(/^[a-zA-Z][a-zA-Z0-9-]{0,254}$/)
      .and.not.match(/--|-$/);
    expect(finalSnapshotIdentifier("platform-prod-db", new Date(at.getTime() + 1000))).to.not.equal(
      id,
    );
  });

  it("accepts connections on its port only from the named client, and lets that client reach it only", () => {
    const sg = findOne(prod, "aws:ec2/securityGroup:SecurityGroup", "db-sg");
    expect(sg.inputs.ingress ?? []).to.deep.equal([]);
    expect(sg.inputs.egress ?? []).to.deep.equal([]);
    const ingress = findAll(prod, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(ingress).to.have.length(1);
    expect(ingress[0].propertyDependencies.securityGroupId).to.deep.equal([sg.urn]);
    expect(ingress[0].inputs).to.include({
      referencedSecurityGroupId: TASK_SG,
      fromPort: 5432,
      toPort: 5432,
      ipProtocol: "tcp",
    });
    expect(ingress[0].inputs).to.not.have.property("cidrIpv4");
    const egress = findAll(prod, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
    expect(egress).to.have.length(1);
    expect(egress[0].inputs).to.include({ securityGroupId: TASK_SG, fromPort: 5432, toPort: 5432 });
    expect(egress[0].propertyDependencies.referencedSecurityGroupId).to.deep.equal([sg.urn]);
    const subnets = findOne(prod, "aws:rds/subnetGroup:SubnetGroup", "db-subnets");
    expect(subnets.inputs.subnetIds).to.deep.equal(base.dataSubnetIds);
  });

  it("connects the app with IAM database authentication as its own user, never the master user", () => {
    const td = findOne(staging, "aws:ecs/taskDefinition:TaskDefinition", "rt-task");
    const [c] = JSON.parse(td.inputs.containerDefinitions);
    const cluster = findOne(staging, CLUSTER, "db-cluster");
    expect(cluster.inputs.iamDatabaseAuthenticationEnabled).to.equal(true);
    const env = Object.fromEntries(c.environment.map((e: any) => [e.name, e.value]));
    expect(env).to.include({
      DB_ENGINE: "aurora-postgresql",
      DB_HOST: cluster.outputs.endpoint,
      DB_PORT: "5432",
      DB_NAME: "app",
      DB_USER: "app_user",
      DB_AUTH: "iam",
    });
    for (const e of c.environment) expect(e.name).to.not.match(/PASSWORD|SECRET/);
    // Nothing from Secrets Manager: the master secret rotates every 7 days, and the app never holds it.
    expect(c).to.not.have.property("secrets");
    expect(Object.values(env)).to.not.include(cluster.inputs.masterUsername);
    const secretArn = cluster.outputs.masterUserSecrets[0].secretArn;
    expect(td.inputs.containerDefinitions).to.not.contain(secretArn);
    const exec = findOne(staging, "aws:iam/role:Role", "rt-execution-role");
    const [execPolicy] = referrers(staging, exec, "role", "aws:iam/rolePolicy:RolePolicy");
    expect(execPolicy.inputs.policy).to.not.contain("secretsmanager");
  });

  it("lets the task role connect as the app user of this cluster only (rds-db:connect)", () => {
    const cluster = findOne(staging, CLUSTER, "db-cluster");
    const connect = findAll(staging, "aws:iam/rolePolicy:RolePolicy").filter(
      (p) => p.inputs.role === "api",
    );
    expect(connect).to.have.length(1);
    expect(connect[0].name).to.equal("db-tasks-connect");
    const statements = doc(connect[0].inputs.policy).Statement;
    expect(statements).to.have.length(1);
    // RDS docs ("Creating and using an IAM policy for IAM database access"):
    // arn:aws:rds-db:<region>:<account>:dbuser:<cluster resource id>/<database user>.
    expect(statements[0]).to.deep.include({
      Effect: "Allow",
      Action: "rds-db:connect",
      Resource: `arn:aws:rds-db:eu-west-1:123456789012:dbuser:${cluster.outputs.clusterResourceId}/app_user`,
    });
    expect(connect[0].propertyDependencies.policy).to.include(cluster.urn);
  });

  it("the runtime without a database keeps its task definition free of secrets", async () => {
    const rec = await recordComponent(() => new Runtime("rt", runtimeBase));
    const [c] = JSON.parse(
      findOne(rec, "aws:ecs/taskDefinition:TaskDefinition", "rt-task").inputs.containerDefinitions,
    );
    expect(c).to.not.have.property("secrets");
    const role = findOne(rec, "aws:iam/role:Role", "rt-execution-role");
    const [policy] = referrers(rec, role, "role", "aws:iam/rolePolicy:RolePolicy");
    expect(policy.inputs.policy).to.not.contain("secretsmanager");
  });

  it("refuses invalid arguments before creating anything", () => {
    const bad = (over: Partial<DatabaseArgs>, re: RegExp) =>
      expect(() => new Database("db", { ...base, ...over })).to.throw(re);
    bad({ minCapacity: 0.25 }, /minCapacity: 0\.25 is not 0 to 256/);
    bad({ maxCapacity: 0.5 }, /maxCapacity: 0\.5 is not 1 to 256/);
    bad({ minCapacity: 8, maxCapacity: 4 }, /maxCapacity: 4 is below minCapacity 8/);
    bad({ dataSubnetIds: ["subnet-a"] }, /an RDS subnet group needs subnets in at least two AZs/);
    bad(
      { masterUsername: "admin" },
      /masterUsername: "admin" must be a lowercase identifier other than/,
    );
    bad({ instanceCount: 0 }, /instanceCount: 0 is not 1 to 15/);
    bad({ appUsername: "app_admin" }, /appUsername: "app_admin" must differ from masterUsername/);
    bad(
      { appUsername: "rdsadmin" },
      /appUsername: "rdsadmin" must be a lowercase identifier other than/,
    );
    bad(
      { engineVersion: "17.4" },
      /engineVersion: "17\.4" is not a version of the major version aurora-postgresql16 fits/,
    );
    expect(isValidAcu(0)).to.equal(true);
    expect(isValidAcu(256.5)).to.equal(false);
  });

  // Aurora docs ("Amazon Aurora version support"): a minor version is offered for about a year
  // (LTS versions three), so the pinned one may be gone at the first `pulumi up`; a stack names a
  // current one of the same major version (the parameter group family stays right).
  it("creates the cluster with the version the stack names, in the pinned major version's family", async () => {
    const rec = await build({ engineVersion: "16.9" });
    const cluster = findOne(rec, "aws:rds/cluster:Cluster", "db-cluster");
    expect(cluster.inputs.engineVersion).to.equal("16.9");
    const params = findOne(rec, "aws:rds/clusterParameterGroup:ClusterParameterGroup", "db-params");
    expect(params.inputs.family).to.equal("aurora-postgresql16");
    expect(versionAtLeast("16.10", "16.9")).to.equal(true);
    expect(versionAtLeast("16.2", "16.3")).to.equal(false);
    expect(versionAtLeast("8.0.mysql_aurora.3.10.0", "8.0.mysql_aurora.3.08.0")).to.equal(true);
  });

  it("refuses a client allowed twice", async () => {
    let error: unknown;
    await recordComponent(() => {
      const db = new Database("db", base);
      db.allowFrom("tasks", TASK_SG);
      try {
        db.allowFrom("tasks", TASK_SG);
      } catch (e) {
        error = e;
      }
    });
    expect(String(error)).to.match(/client "tasks" is already allowed/);
  });
});
