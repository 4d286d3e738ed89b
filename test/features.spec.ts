// The opt-in MVP features (docs/features.md) through the real program: each off by default and on
// through its config flag, in both stacks, with the whole policy pack over every feature-on stack:
// no mandatory violation, and every waiver (the AI environment's NAT route above all) reported
// with its written reason instead of passing silently.
import { expect } from "chai";
import { TEST_SERVER_INSTANCE_TYPE } from "../components/test-server";
import { AI_NAT_ROUTE_WAIVER } from "../components/ai-environment";
import { allPolicies } from "../policy-pack/policies";
import { PolicyReport, runPolicies } from "../tools/lib/policy-runner";
import { RecordedResource, Recording } from "../tools/lib/recorder";
import { ALL_FEATURES_ON, FEATURE_FLAGS } from "./fixtures/features";
import { doc, findAll, findOne, referrers, runStack } from "./helpers";

const T = {
  backup: "platform:backup:Backup",
  database: "platform:database:Database",
  testServer: "platform:test-server:TestServer",
  ai: "platform:ai-environment:AiEnvironment",
  route: "aws:ec2/route:Route",
  naclRule: "aws:ec2/networkAclRule:NetworkAclRule",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  eice: "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint",
};

/** Each feature's flag (plus what it needs) and the component it adds. */
const FEATURES: Record<
  string,
  { on: Readonly<Record<string, unknown>>; component: string; types: string[] }
> = {
  backup: {
    on: FEATURE_FLAGS.backup,
    component: T.backup,
    types: ["aws:backup/vault:Vault", "aws:backup/plan:Plan", "aws:backup/selection:Selection"],
  },
  database: {
    on: FEATURE_FLAGS.database,
    component: T.database,
    types: ["aws:rds/cluster:Cluster", "aws:rds/clusterInstance:ClusterInstance"],
  },
  testServer: {
    on: FEATURE_FLAGS.testServer,
    component: T.testServer,
    types: ["aws:iam/instanceProfile:InstanceProfile"],
  },
  aiEnvironment: {
    on: FEATURE_FLAGS.aiEnvironment,
    component: T.ai,
    types: [
      "aws:ec2/natGateway:NatGateway",
      "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
      "aws:ec2/eip:Eip",
    ],
  },
};
const AI_PRIVATE_CIDR = "10.99.0.128/25";
const ALL_ON = ALL_FEATURES_ON;

const mandatory = (r: PolicyReport) =>
  r.violations
    .filter((v) => v.enforcementLevel === "mandatory")
    .map((v) => `${v.policy} ${v.name}: ${v.detail}`);

/** Waiver tags must hold characters every AWS service accepts in tag values (IAM is the strictest). */
function checkWaiverTags(rec: Recording, owners: string[]): void {
  const mine = new Set(rec.resources.filter((r) => owners.includes(r.type)).map((r) => r.urn));
  for (const r of rec.resources) {
    if (!r.parent || !mine.has(r.parent)) continue;
    for (const [k, v] of Object.entries((r.inputs.tags ?? {}) as Record<string, string>)) {
      if (!k.startsWith("waiver:")) continue;
      expect(v, `${r.name} ${k}`).to.match(/^[\w .:/=+\-@]{10,256}$/);
    }
  }
}

function inside(rec: Recording, component: string): RecordedResource[] {
  const roots = new Set(rec.resources.filter((r) => r.type === component).map((r) => r.urn));
  const out: RecordedResource[] = [];
  for (const r of rec.resources) {
    let p = r.parent;
    while (p) {
      if (roots.has(p)) {
        out.push(r);
        break;
      }
      p = rec.resources.find((x) => x.urn === p)?.parent;
    }
  }
  return out;
}

describe("opt-in features", function () {
  this.timeout(600_000);

  describe("off by default", () => {
    for (const stack of ["staging", "prod"]) {
      it(`${stack}: none of the feature components or their resources exist`, async () => {
        const rec = await runStack(stack);
        for (const f of Object.values(FEATURES)) {
          expect(findAll(rec, f.component), f.component).to.have.length(0);
          for (const t of f.types) expect(findAll(rec, t), t).to.have.length(0);
        }
        // No secretsmanager endpoint and no extra data port without the database.
        expect(findAll(rec, T.endpoint).map((e) => e.name)).to.not.include(
          `${stack}-network-secretsmanager-endpoint`,
        );
        const dataIn = findAll(rec, T.naclRule).filter((r) =>
          r.name.startsWith(`${stack}-network-data-nacl-in`),
        );
        expect(dataIn.map((r) => r.inputs.fromPort)).to.not.include(5432);
      });
    }
  });

  for (const [feature, f] of Object.entries(FEATURES)) {
    describe(`${feature} on`, () => {
      let staging: Recording;
      let stagingReport: PolicyReport;
      before(async () => {
        staging = await runStack("staging", { overrides: f.on });
        stagingReport = await runPolicies(allPolicies, staging.resources);
      });

      it("adds its component and resources, every one inside it, with tag-safe waivers", () => {
        expect(findAll(staging, f.component)).to.have.length(1);
        const children = inside(staging, f.component);
        for (const t of f.types) {
          expect(
            children.filter((r) => r.type === t),
            t,
          ).to.have.length.greaterThan(0);
        }
        checkWaiverTags(staging, [f.component]);
      });

      it("staging (up): the whole pack passes with no mandatory violation", () => {
        expect(mandatory(stagingReport)).to.deep.equal([]);
      });

      it("prod (preview): the whole pack passes with no mandatory violation", async () => {
        const prod = await runStack("prod", { preview: true, overrides: f.on });
        expect(findAll(prod, f.component)).to.have.length(1);
        expect(mandatory(await runPolicies(allPolicies, prod.resources))).to.deep.equal([]);
      });
    });
  }

  describe("backups", () => {
    it("cover both upload buckets, the analytics namespace (and the database when it is on), whose key lets the backup role decrypt", async () => {
      const rec = await runStack("staging", { overrides: FEATURES.backup.on });
      const sel = findOne(rec, "aws:backup/selection:Selection", "staging-backup-selection");
      const buckets = findAll(rec, "aws:s3/bucket:Bucket").filter((b) =>
        /-storage-(api|ingest)$/.test(b.name),
      );
      const namespace = findOne(
        rec,
        "aws:redshiftserverless/namespace:Namespace",
        "staging-analytics-namespace",
      );
      expect(sel.inputs.resources).to.deep.equal([
        ...buckets.map((b) => b.outputs.arn),
        namespace.outputs.arn,
      ]);
      const role = findOne(rec, "aws:iam/role:Role", "staging-backup-backup-role");
      const key = findOne(rec, "aws:kms/key:Key", "staging-storage-key-key");
      const readers = doc(key.inputs.policy).Statement.find(
        (s: any) => s.Sid === "ReadersDecryptThroughS3",
      );
      expect([readers.Principal.AWS].flat()).to.include(role.outputs.arn);

      const both = await runStack("staging", {
        overrides: { ...FEATURES.backup.on, ...FEATURES.database.on },
      });
      const cluster = findOne(both, "aws:rds/cluster:Cluster", "staging-database-cluster");
      expect(
        findOne(both, "aws:backup/selection:Selection", "staging-backup-selection").inputs
          .resources,
      ).to.include(cluster.outputs.arn);
    });
  });

  describe("application database", () => {
    let rec: Recording;
    before(async () => {
      rec = await runStack("staging", { overrides: FEATURES.database.on });
    });

    it("opens its port on the data tier's NACL from the compute subnets only", () => {
      const rules = findAll(rec, T.naclRule).filter(
        (r) => r.name.startsWith("staging-network-data-nacl-in") && r.inputs.fromPort === 5432,
      );
      const allows = rules.filter((r) => r.inputs.ruleAction === "allow");
      expect(allows.map((r) => r.inputs.cidrBlock)).to.deep.equal([
        "10.20.80.0/20",
        "10.20.96.0/20",
      ]);
      expect(
        rules.filter((r) => r.inputs.ruleAction === "deny").map((r) => r.inputs.cidrBlock),
      ).to.deep.equal(["0.0.0.0/0"]);
    });

    it("is reachable only from the tasks' security group", () => {
      const dbSg = findOne(rec, "aws:ec2/securityGroup:SecurityGroup", "staging-database-sg");
      const taskSg = findOne(rec, "aws:ec2/securityGroup:SecurityGroup", "staging-runtime-task-sg");
      const ingress = findAll(
        rec,
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      ).filter((r) => (r.propertyDependencies.securityGroupId ?? []).includes(dbSg.urn));
      expect(ingress).to.have.length(1);
      expect(ingress[0].propertyDependencies.referencedSecurityGroupId).to.deep.equal([taskSg.urn]);
      expect(ingress[0].inputs.fromPort).to.equal(5432);
    });

    it("hands the tasks their settings as plain variables and an IAM database user, never a secret", () => {
      // IAM database authentication: the tokens are signed in the task, so no Secrets Manager
      // endpoint is needed either.
      expect(findAll(rec, T.endpoint).map((e) => e.name)).to.not.include(
        "staging-network-secretsmanager-endpoint",
      );
      const td = findOne(rec, "aws:ecs/taskDefinition:TaskDefinition", "staging-runtime-task");
      const [c] = JSON.parse(td.inputs.containerDefinitions);
      const env = Object.fromEntries(c.environment.map((e: any) => [e.name, e.value]));
      expect(env).to.include({ DB_USER: "app_user", DB_AUTH: "iam" });
      expect(Object.keys(env)).to.include.members(["DB_HOST", "DB_PORT", "DB_NAME"]);
      expect(Object.keys(env).filter((n) => /PASSWORD|SECRET/.test(n))).to.deep.equal([]);
      expect(c).to.not.have.property("secrets");
      // The task role (the Storage layer's API role) may connect as that user, on this cluster.
      const apiRole = findOne(rec, "aws:iam/role:Role", "staging-storage-api-role");
      const connect = findOne(
        rec,
        "aws:iam/rolePolicy:RolePolicy",
        "staging-database-tasks-connect",
      );
      expect(connect.propertyDependencies.role).to.deep.equal([apiRole.urn]);
      const cluster = findOne(rec, "aws:rds/cluster:Cluster", "staging-database-cluster");
      expect(doc(connect.inputs.policy).Statement[0].Resource).to.equal(
        `arn:aws:rds-db:eu-west-1:123456789012:dbuser:${cluster.outputs.clusterResourceId}/app_user`,
      );
    });

    it("prod: deletion protection, final snapshot, a failover reader, data protected", async () => {
      const prod = await runStack("prod", { overrides: FEATURES.database.on });
      const c = findOne(prod, "aws:rds/cluster:Cluster", "prod-database-cluster");
      expect(c.inputs).to.include({ deletionProtection: true, skipFinalSnapshot: false });
      expect(c.options).to.include({ protect: true, retainOnDelete: true });
      expect(findAll(prod, "aws:rds/clusterInstance:ClusterInstance")).to.have.length(2);
    });
  });

  describe("test server", () => {
    it("lives in a compute subnet and updates Amazon Linux through the S3 endpoint, no public IP", async () => {
      const rec = await runStack("staging", { overrides: FEATURES.testServer.on });
      const i = findOne(rec, "aws:ec2/instance:Instance", "staging-test-server-server");
      const compute0 = findOne(rec, "aws:ec2/subnet:Subnet", "staging-network-compute-0");
      // The first compute subnet whose zone offers its type (every candidate is a dependency).
      expect(i.propertyDependencies.subnetId).to.include(compute0.urn);
      expect(compute0.outputs.arn).to.match(new RegExp(`/${i.inputs.subnetId}$`));
      expect(i.inputs.associatePublicIpAddress).to.equal(false);
      const s3 = findOne(rec, T.endpoint, "staging-network-s3-endpoint");
      expect(s3.inputs.policy).to.contain("arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*");
    });

    it("in private BI mode shares the stack's connect endpoint with the tunnel host (AWS allows one per VPC)", async () => {
      const rec = await runStack("staging", { overrides: FEATURES.testServer.on });
      expect(findAll(rec, T.eice).map((e) => e.name)).to.deep.equal(["staging-connect-eice"]);
      const eiceSg = findOne(rec, "aws:ec2/securityGroup:SecurityGroup", "staging-connect-eice-sg");
      const serverSg = findOne(
        rec,
        "aws:ec2/securityGroup:SecurityGroup",
        "staging-test-server-sg",
      );
      const out = findOne(
        rec,
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        "staging-test-server-eice-to-server",
      );
      expect(out.propertyDependencies.securityGroupId).to.deep.equal([eiceSg.urn]);
      expect(out.propertyDependencies.referencedSecurityGroupId).to.deep.equal([serverSg.urn]);
      expect(out.inputs).to.include({ fromPort: 22, toPort: 22 });
      const admins = doc(
        findOne(rec, "aws:iam/policy:Policy", "staging-test-server-admins").inputs.policy,
      );
      const eice = findOne(rec, T.eice, "staging-connect-eice");
      expect(
        admins.Statement.find((x: any) => x.Sid === "OpenTunnelToTestServer").Resource,
      ).to.equal(eice.outputs.arn);
    });

    it("follows the connect endpoint to the first compute zone that offers its type", async () => {
      // Its type taken out of the first compute subnet's zone: the endpoint, which places itself
      // for the test server's type too, moves to the second, and the server beside it.
      const first = findOne(
        await runStack("staging", { overrides: FEATURES.testServer.on }),
        "aws:ec2/subnet:Subnet",
        "staging-network-compute-0",
      ).outputs.availabilityZoneId;
      const zones = ["euw1-az1", "euw1-az2", "euw1-az3"].filter((z) => z !== first);
      const rec = await runStack("staging", {
        overrides: FEATURES.testServer.on,
        instanceTypeZones: { [TEST_SERVER_INSTANCE_TYPE]: zones },
      });
      const second = findOne(rec, "aws:ec2/subnet:Subnet", "staging-network-compute-1");
      const eice = findOne(rec, T.eice, "staging-connect-eice");
      const server = findOne(rec, "aws:ec2/instance:Instance", "staging-test-server-server");
      expect(zones).to.include(second.outputs.availabilityZoneId);
      expect(second.outputs.arn).to.match(new RegExp(`/${eice.inputs.subnetId}$`));
      expect(server.inputs.subnetId).to.equal(eice.inputs.subnetId);
    });

    it("in bastion BI mode keeps the same connect endpoint for itself, and the pack still passes", async () => {
      const rec = await runStack("staging", {
        overrides: {
          ...FEATURES.testServer.on,
          "platform:biAccessMode": "bastion",
          "platform:bastionAllowedCidrs": ["203.0.113.0/24"],
        },
      });
      expect(findAll(rec, T.eice).map((e) => e.name)).to.deep.equal(["staging-connect-eice"]);
      expect(mandatory(await runPolicies(allPolicies, rec.resources))).to.deep.equal([]);
    });
  });

  describe("AI environment", () => {
    let rec: Recording;
    let report: PolicyReport;
    before(async () => {
      rec = await runStack("staging", { overrides: FEATURES.aiEnvironment.on });
      report = await runPolicies(allPolicies, rec.resources);
    });

    it("reports its NAT route as waived with the written reason, never as a violation", () => {
      const waived = report.waived.filter(
        (w) => w.policy === "ec2-compute-subnet-no-default-route",
      );
      expect(waived.map((w) => w.name).sort()).to.deep.equal([
        "staging-ai-private",
        "staging-ai-private-nat-route",
      ]);
      for (const w of waived) {
        expect(w.waiver.reason).to.equal(
          AI_NAT_ROUTE_WAIVER["waiver:ec2-compute-subnet-no-default-route"],
        );
      }
      expect(
        report.violations.filter((v) => v.policy === "ec2-compute-subnet-no-default-route"),
      ).to.deep.equal([]);
      // The pack's waiver report names it too.
      const listed = report.violations.filter(
        (v) => v.policy === "policy-waivers" && v.name === "staging-ai-private-rt",
      );
      expect(listed.map((v) => v.detail).join("\n")).to.contain(
        "ec2-compute-subnet-no-default-route",
      );
    });

    it("keeps the main VPC's compute tables free of default routes; they reach only the AI server's subnet", () => {
      for (const rt of findAll(rec, "aws:ec2/routeTable:RouteTable").filter((t) =>
        /-network-compute-rt-/.test(t.name),
      )) {
        const routes = referrers(rec, rt, "routeTableId", T.route);
        expect(routes.map((r) => r.inputs.destinationCidrBlock)).to.deep.equal([AI_PRIVATE_CIDR]);
      }
    });

    it("opens the compute NACL towards the AI server on the allowed ports only", () => {
      const out = findAll(rec, T.naclRule).filter(
        (r) =>
          r.name.startsWith("staging-network-compute-nacl-out") &&
          r.inputs.cidrBlock === AI_PRIVATE_CIDR,
      );
      expect(out.map((r) => r.inputs.fromPort).sort((a, b) => a - b)).to.deep.equal([443, 8000]);
      for (const r of out)
        expect(r.inputs).to.include({ egress: true, ruleAction: "allow", protocol: "tcp" });
    });
  });

  describe("all features together", () => {
    for (const stack of ["staging", "prod"]) {
      it(`${stack} (up): the whole pack passes, waivers reported`, async () => {
        const rec = await runStack(stack, { overrides: ALL_ON });
        const report = await runPolicies(allPolicies, rec.resources);
        expect(mandatory(report)).to.deep.equal([]);
        expect(report.waived.map((w) => `${w.policy} ${w.name}`)).to.include.members([
          `ec2-compute-subnet-no-default-route ${stack}-ai-private-nat-route`,
          `iam-no-resource-wildcard ${stack}-backup-redshift-serverless`,
          `iam-trust-policy-confused-deputy-unverified ${stack}-backup-backup-role`,
        ]);
        checkWaiverTags(rec, [T.backup, T.database, T.testServer, T.ai]);
      });
    }
  });
});
