// The analytics layer: Redshift Serverless private, TLS-only, KMS-encrypted, audited, bounded in
// cost, reachable only from named clients, with a read-only COPY role whose reach is proven with
// an IAM policy simulator. Component builds (with the Storage layer it reads from) and both
// committed stacks.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { createValidatedPolicy, validateResourcePolicy } from "@cloud-copilot/iam-policy";
import { runSimulation, runUnsafeSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import {
  Analytics,
  AnalyticsArgs,
  freeIpsNeeded,
  isValidBaseRpu,
  REDSHIFT_LOG_EXPORTS,
} from "../../components/analytics";
import { Storage } from "../../components/storage";
import { record, Recording, RecordedResource, UNKNOWN } from "../../tools/lib/recorder";
import { doc, findAll, findOne, referrers, runStack } from "../helpers";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const T = {
  namespace: "aws:redshiftserverless/namespace:Namespace",
  workgroup: "aws:redshiftserverless/workgroup:Workgroup",
  usageLimit: "aws:redshiftserverless/usageLimit:UsageLimit",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  key: "aws:kms/key:Key",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  bucket: "aws:s3/bucket:Bucket",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
};

const base: Omit<AnalyticsArgs, "copySourceBucketArns" | "copySourceKeyArn"> = {
  vpcId: "vpc-0123456789abcdef0",
  dataSubnetIds: ["subnet-data-a", "subnet-data-b", "subnet-data-c"],
  s3PrefixListId: "pl-6da54004",
  clients: [
    { label: "tunnel", securityGroupId: "sg-tunnel" },
    { label: "tasks", securityGroupId: "sg-tasks" },
  ],
  region: REGION,
  baseRpu: 8,
  maxRpu: 32,
  usageLimit: { rpuHours: 16, period: "daily", breachAction: "deactivate" },
  logRetentionDays: 30,
  tags: { environment: "test" },
};

/** The Storage layer and the analytics layer wired the way index.ts wires them. */
function build(over: Partial<AnalyticsArgs> = {}, preview = false): Promise<Recording> {
  return record(
    { project: "platform", stack: "test", preview, config: { "aws:region": REGION } },
    () => {
      const [copyRoleArn, resolve] = pulumi.deferredOutput<string>();
      const storage = new Storage("st", {
        ingestPrincipal: { type: "Service", identifier: "kafkaconnect.amazonaws.com" },
        readerRoleArns: [copyRoleArn],
        protect: over.protect,
        tags: { environment: "test" },
      });
      const analytics = new Analytics("an", {
        ...base,
        copySourceBucketArns: [storage.apiBucketArn, storage.ingestBucketArn],
        copySourceKeyArn: storage.keyArn,
        ...over,
      });
      resolve(analytics.copyRoleArn);
    },
  );
}

function buildError(args: Partial<AnalyticsArgs>): Promise<string> {
  return new Promise((resolve) => {
    record({ project: "platform", stack: "test" }, () => {
      try {
        new Analytics("an", {
          ...base,
          copySourceBucketArns: ["arn:aws:s3:::a"],
          copySourceKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k",
          ...args,
        });
        resolve("");
      } catch (e) {
        resolve(String(e));
      }
    }).catch((e) => resolve(String(e)));
  });
}

const param = (wg: RecordedResource, k: string) =>
  (wg.inputs.configParameters as any[]).find((p) => p.parameterKey === k)?.parameterValue;

describe("Analytics (component)", () => {
  let staging: Recording;
  let prod: Recording;
  let preview: Recording;
  before(async () => {
    staging = await build();
    prod = await build({
      baseRpu: 32,
      maxRpu: 128,
      usageLimit: { rpuHours: 256, period: "daily", breachAction: "deactivate" },
      logRetentionDays: 365,
      protect: true,
    });
    preview = await build({}, true);
  });

  it("keeps the workgroup private: not public, enhanced VPC routing, data subnets, its own group", () => {
    for (const rec of [staging, prod, preview]) {
      const wg = findOne(rec, T.workgroup, "an-workgroup");
      expect(wg.inputs).to.include({
        publiclyAccessible: false,
        enhancedVpcRouting: true,
        port: 5439,
      });
      expect(wg.inputs.subnetIds).to.deep.equal(base.dataSubnetIds);
      const sg = findOne(rec, T.sg, "an-sg");
      expect(wg.propertyDependencies.securityGroupIds).to.deep.equal([sg.urn]);
    }
  });

  it("requires TLS and logs user activity, and spells out every parameter AWS returns", () => {
    const wg = findOne(staging, T.workgroup, "an-workgroup");
    expect(param(wg, "require_ssl")).to.equal("true");
    expect(param(wg, "enable_user_activity_logging")).to.equal("true");
    expect(param(wg, "requireSsl")).to.equal(undefined);
    expect((wg.inputs.configParameters as any[]).map((p) => p.parameterKey)).to.include.members([
      "auto_mv",
      "datestyle",
      "enable_case_sensitive_identifier",
      "query_group",
      "search_path",
      "use_fips_ssl",
      "max_query_execution_time",
    ]);
  });

  it("sizes capacity and bounds cost per stack with a usage limit on the workgroup", () => {
    for (const [rec, b, m, hours] of [
      [staging, 8, 32, 16],
      [prod, 32, 128, 256],
    ] as const) {
      const wg = findOne(rec, T.workgroup, "an-workgroup");
      expect(wg.inputs).to.include({ baseCapacity: b, maxCapacity: m });
      const [limit] = findAll(rec, T.usageLimit);
      expect(limit.inputs).to.include({
        usageType: "serverless-compute",
        amount: hours,
        period: "daily",
        breachAction: "deactivate",
      });
      expect(limit.propertyDependencies.resourceArn).to.deep.equal([wg.urn]);
    }
  });

  it("encrypts the namespace with its own customer-managed key that Redshift may use only through Redshift", () => {
    const ns = findOne(staging, T.namespace, "an-namespace");
    const key = findOne(staging, T.key, "an-key-key");
    expect(ns.inputs.kmsKeyId).to.equal(key.outputs.arn);
    expect(key.inputs.enableKeyRotation).to.equal(true);
    const statements = doc(key.inputs.policy).Statement;
    const use = statements.find((s) => s.Sid === "RedshiftServerlessUse");
    expect(use.Condition.StringEquals["kms:ViaService"]).to.have.members([
      `redshift-serverless.${REGION}.amazonaws.com`,
      `redshift.${REGION}.amazonaws.com`,
    ]);
    expect(use.Condition.StringEquals["kms:CallerAccount"]).to.equal(ACCOUNT);
    const grants = statements.find((s) => s.Sid === "RedshiftServerlessGrants");
    expect(grants.Action).to.equal("kms:CreateGrant");
    expect(grants.Condition.Bool["kms:GrantIsForAWSResource"]).to.equal("true");
    const logs = statements.find((s) => s.Sid === "CloudWatchLogsUse");
    expect(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).to.equal(
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/redshift/platform-test/*`,
    );
    for (const s of statements) expect(JSON.stringify(s.Principal)).to.not.equal('"*"');
  });

  it("lets AWS manage the admin password: none in config or state, non-default names", async () => {
    const ns = findOne(staging, T.namespace, "an-namespace");
    expect(ns.inputs.manageAdminPassword).to.equal(true);
    expect(ns.inputs).to.not.have.any.keys("adminUserPassword", "adminUserPasswordWo");
    // The provider marks the admin user name secret: the wire form carries it under `value`.
    expect(ns.inputs.adminUsername.value ?? ns.inputs.adminUsername).to.equal("platform_admin");
    expect(ns.inputs.dbName).to.equal("analytics");
    for (const rec of [staging, prod, await runStack("staging"), await runStack("prod")]) {
      for (const r of rec.resources) {
        const text = JSON.stringify([r.inputs, r.outputs]);
        expect(text, r.name).to.not.match(/"(adminUserPassword|masterPassword|password)(Wo)?":/i);
      }
    }
  });

  it("exports the three audit logs into KMS-encrypted log groups with retention, created first", () => {
    const ns = findOne(staging, T.namespace, "an-namespace");
    expect(ns.inputs.logExports).to.have.members([...REDSHIFT_LOG_EXPORTS]);
    const key = findOne(staging, T.key, "an-key-key");
    const groups = findAll(staging, T.logGroup);
    expect(groups.map((g) => g.inputs.name).sort()).to.deep.equal(
      REDSHIFT_LOG_EXPORTS.map((t) => `/aws/redshift/platform-test/${t}`).sort(),
    );
    for (const g of groups) {
      expect(g.inputs).to.include({ kmsKeyId: key.outputs.arn, retentionInDays: 30 });
      expect(ns.dependencies).to.include(g.urn);
    }
  });

  it("protects and retains the namespace, its key and its audit logs in prod only", () => {
    for (const [rec, on] of [
      [staging, false],
      [prod, true],
    ] as const) {
      for (const r of [
        findOne(rec, T.namespace, "an-namespace"),
        findOne(rec, T.key, "an-key-key"),
        ...findAll(rec, T.logGroup),
      ]) {
        expect(r.options.protect, r.name).to.equal(on);
        expect(r.options.retainOnDelete, r.name).to.equal(on);
      }
    }
  });

  it("opens 5439 only from the named clients, and only their egress to the workgroup", () => {
    const sg = findOne(staging, T.sg, "an-sg");
    const ingress = referrers(staging, sg, "securityGroupId", T.ingress);
    expect(ingress.map((r) => r.inputs.referencedSecurityGroupId).sort()).to.deep.equal([
      "sg-tasks",
      "sg-tunnel",
    ]);
    for (const r of ingress) {
      expect(r.inputs).to.include({ ipProtocol: "tcp", fromPort: 5439, toPort: 5439 });
      expect(r.inputs).to.not.have.any.keys("cidrIpv4", "cidrIpv6", "prefixListId");
    }
    const toRedshift = findAll(staging, T.egress).filter((r) => r.name.endsWith("-to-redshift"));
    expect(toRedshift.map((r) => r.inputs.securityGroupId).sort()).to.deep.equal([
      "sg-tasks",
      "sg-tunnel",
    ]);
    for (const r of toRedshift) {
      expect(r.propertyDependencies.referencedSecurityGroupId).to.deep.equal([sg.urn]);
      expect(r.inputs).to.include({ fromPort: 5439, toPort: 5439 });
    }
    // Its own egress: HTTPS to the S3 prefix list (COPY with enhanced VPC routing), nothing else.
    const own = referrers(staging, sg, "securityGroupId", T.egress);
    expect(
      own.map((r) => [r.inputs.prefixListId, r.inputs.fromPort, r.inputs.toPort]),
    ).to.deep.equal([["pl-6da54004", 443, 443]]);
    expect(sg.inputs.ingress ?? []).to.deep.equal([]);
    expect(sg.inputs.egress ?? []).to.deep.equal([]);
  });

  it("gives the COPY role a trust that admits this account's Redshift Serverless users, as Redshift presents them", async () => {
    const role = findOne(staging, T.role, "an-copy-role");
    const trust = doc(role.inputs.assumeRolePolicy);
    const [statement] = trust.Statement;
    expect(statement.Principal.Service).to.have.members([
      "redshift-serverless.amazonaws.com",
      "redshift.amazonaws.com",
    ]);
    // Redshift Management Guide, "Restricting access to IAM roles": the external id is the calling
    // database user's ARN; for Redshift Serverless
    // arn:aws:redshift:<region>:<account>:dbuser:serverless-<account>-<workgroup id>/<user>.
    const workgroupId = "7c2f9a4e-0b1d-4c3e-9f5a-2d8e6b1a0c47";
    const serverless = (account: string, region = REGION, user = "etl_loader") =>
      `arn:aws:redshift:${region}:${account}:dbuser:serverless-${account}-${workgroupId}/${user}`;
    const assume = async (externalId: string) => {
      const result = await runSimulation(
        {
          identityPolicies: [],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          resourcePolicy: trust,
          request: {
            action: "sts:AssumeRole",
            principal: "redshift-serverless.amazonaws.com",
            resource: { accountId: ACCOUNT, resource: role.outputs.arn },
            contextVariables: { "sts:ExternalId": externalId },
          },
        },
        {},
      );
      if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
      return result.overallResult;
    };
    expect(await assume(serverless(ACCOUNT)), "a user of this account's workgroup").to.equal(
      "Allowed",
    );
    expect(await assume(serverless("210987654321")), "another account").to.not.equal("Allowed");
    expect(await assume(serverless(ACCOUNT, "us-east-1")), "another region").to.not.equal(
      "Allowed",
    );
    // The form the trust used to expect (the workgroup's name) is not what Redshift Serverless sends.
    expect(
      await assume(`arn:aws:redshift:${REGION}:${ACCOUNT}:dbuser:platform-test/etl_loader`),
      "a provisioned-cluster-style user",
    ).to.not.equal("Allowed");
    expect(role.inputs.tags["waiver:iam-trust-policy-confused-deputy-unverified"]).to.match(
      /sts:ExternalId/,
    );
    // IAM tag values allow letters, digits, spaces and _ . : / = + - @ only.
    for (const v of Object.values(role.inputs.tags as Record<string, string>)) {
      expect(v).to.match(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u);
    }
    const ns = findOne(staging, T.namespace, "an-namespace");
    expect(ns.inputs.iamRoles).to.deep.equal([role.outputs.arn]);
    expect(ns.inputs.defaultIamRoleArn).to.equal(role.outputs.arn);
  });

  describe("what the COPY role can and cannot do (IAM policy simulator)", () => {
    let world: {
      role: string;
      identity: unknown;
      buckets: Record<"api" | "ingest" | "logs", string>;
      bucketPolicies: Map<string, unknown>;
      keyArn: string;
      keyPolicy: unknown;
    };
    before(() => {
      const role = findOne(staging, T.role, "an-copy-role");
      const [policy] = referrers(staging, role, "role", T.rolePolicy);
      const bucket = (n: string) => findOne(staging, T.bucket, n).outputs.arn as string;
      const buckets = {
        api: bucket("st-api"),
        ingest: bucket("st-ingest"),
        logs: bucket("st-logs"),
      };
      const bucketPolicies = new Map<string, unknown>();
      for (const bp of findAll(staging, T.bucketPolicy)) {
        const b = staging.resources.find((r) => r.urn === bp.propertyDependencies.bucket?.[0])!;
        bucketPolicies.set(b.outputs.arn, JSON.parse(bp.inputs.policy));
      }
      const key = findOne(staging, T.key, "st-key-key");
      expect(policy.inputs.policy).to.not.equal(UNKNOWN);
      world = {
        role: role.outputs.arn,
        identity: JSON.parse(policy.inputs.policy),
        buckets,
        bucketPolicies,
        keyArn: key.outputs.arn,
        keyPolicy: JSON.parse(key.inputs.policy),
      };
    });

    async function decide(action: string, resource: string, context: Record<string, string> = {}) {
      const s3 = /^arn:aws:s3:::([^/]+)/.exec(resource);
      const resourcePolicy = s3
        ? world.bucketPolicies.get(`arn:aws:s3:::${s3[1]}`)
        : world.keyPolicy;
      const sim = (vars: Record<string, string>): Simulation => ({
        identityPolicies: [{ name: "copy", policy: world.identity }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy,
        request: {
          principal: world.role,
          action,
          resource: { accountId: ACCOUNT, resource },
          contextVariables: {
            "aws:SecureTransport": "true",
            "aws:PrincipalArn": world.role,
            "aws:PrincipalAccount": ACCOUNT,
            ...vars,
          },
        },
      });
      // As in the access matrix: the validated engine drops kms:EncryptionContext:* keys, so those
      // requests are decided by the unvalidated engine with a validated resource policy.
      if (!Object.keys(context).some((k) => k.startsWith("kms:EncryptionContext:"))) {
        const result = await runSimulation(sim(context), {});
        if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
        return result.overallResult;
      }
      const unsafe = sim(context);
      unsafe.resourcePolicy = createValidatedPolicy(unsafe.resourcePolicy, validateResourcePolicy, {
        name: "ResourcePolicy",
      });
      return runUnsafeSimulation(unsafe, {});
    }
    const viaS3 = (bucket: string) => ({
      "kms:ViaService": `s3.${REGION}.amazonaws.com`,
      "kms:CallerAccount": ACCOUNT,
      "kms:EncryptionContext:aws:s3:arn": bucket,
    });

    it("reads and lists both upload buckets and decrypts their objects through S3", async () => {
      for (const b of [world.buckets.api, world.buckets.ingest]) {
        expect(await decide("s3:GetObject", `${b}/uploads/a.json`)).to.equal("Allowed");
        expect(await decide("s3:ListBucket", b)).to.equal("Allowed");
        expect(await decide("kms:Decrypt", world.keyArn, viaS3(b))).to.equal("Allowed");
      }
    });

    it("cannot write, delete or read anything else, nor use the key outside S3", async () => {
      for (const b of [world.buckets.api, world.buckets.ingest]) {
        for (const a of ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectAcl"]) {
          expect(await decide(a, `${b}/x`), a).to.not.equal("Allowed");
        }
        expect(await decide("s3:DeleteBucket", b)).to.not.equal("Allowed");
        expect(await decide("s3:PutBucketPolicy", b)).to.not.equal("Allowed");
      }
      expect(await decide("s3:GetObject", `${world.buckets.logs}/api/x`)).to.not.equal("Allowed");
      expect(
        await decide("kms:Decrypt", world.keyArn, { "kms:CallerAccount": ACCOUNT }),
      ).to.not.equal("Allowed");
      expect(
        await decide("kms:GenerateDataKey", world.keyArn, viaS3(world.buckets.api)),
      ).to.not.equal("Allowed");
      expect(await decide("kms:Decrypt", world.keyArn, viaS3(world.buckets.logs))).to.not.equal(
        "Allowed",
      );
    });
  });

  it("rejects what AWS would reject, before registering anything", async () => {
    const message = await buildError({
      dataSubnetIds: ["a", "b"],
      baseRpu: 12,
      maxRpu: 4,
      usageLimit: { rpuHours: 0, period: "hourly" as any, breachAction: "log" as any },
      adminUsername: "admin",
      dbName: "dev",
      clients: [],
    });
    for (const part of [
      "dataSubnetIds: 2 subnet(s); Redshift Serverless with enhanced VPC routing needs subnets in at least 3",
      "baseRpu: 12",
      "maxRpu: 4",
      "usageLimit.rpuHours: 0",
      'usageLimit.period: "hourly"',
      'usageLimit.breachAction: "log"',
      'adminUsername: "admin"',
      'dbName: "dev"',
      "clients: at least one",
    ]) {
      expect(message).to.include(part);
    }
    const rec = await record({ project: "platform", stack: "test" }, () => {
      try {
        new Analytics("an", {
          ...base,
          dataSubnetIds: ["a"],
          copySourceBucketArns: ["arn:aws:s3:::a"],
          copySourceKeyArn: "k",
        });
      } catch {
        /* expected */
      }
    });
    expect(rec.resources).to.deep.equal([]);
  });

  it("knows the capacity rules it validates against", () => {
    expect([8, 16, 512].every(isValidBaseRpu)).to.equal(true);
    expect([0, 4, 12, 520, 8.5].some(isValidBaseRpu)).to.equal(false);
    // Redshift docs table: 32 → 13, 64 → 21, 128 → 37, 256 → 69, 512 → 133 free addresses.
    expect([32, 64, 128, 256, 512].map(freeIpsNeeded)).to.deep.equal([13, 21, 37, 69, 133]);
  });
});

for (const stack of ["staging", "prod"] as const) {
  describe(`Analytics in the ${stack} stack`, () => {
    let rec: Recording;
    before(async () => {
      rec = await runStack(stack);
    });

    it("spans three AZs of data subnets, so Redshift Serverless can be created", () => {
      const wg = findAll(rec, T.workgroup)[0];
      const subnets = wg.propertyDependencies.subnetIds.map((u) =>
        rec.resources.find((r) => r.urn === u)!,
      );
      expect(subnets).to.have.length(3);
      for (const s of subnets) expect(s.inputs.tags.tier).to.equal("data");
      expect(new Set(subnets.map((s) => s.inputs.availabilityZone)).size).to.equal(3);
    });

    it("admits 5439 only from the tunnel host's and the compute tasks' security groups", () => {
      const wg = findAll(rec, T.workgroup)[0];
      const sg = rec.resources.find((r) => r.urn === wg.propertyDependencies.securityGroupIds[0])!;
      const sources = referrers(rec, sg, "securityGroupId", T.ingress).map((r) => {
        expect(r.inputs).to.include({ fromPort: 5439, toPort: 5439 });
        return rec.resources.find(
          (x) => x.urn === r.propertyDependencies.referencedSecurityGroupId[0],
        )!.name;
      });
      expect(sources.sort()).to.deep.equal([`${stack}-access-host-sg`, `${stack}-runtime-task-sg`]);
    });

    it("has a usage limit sized for the stack", () => {
      const [limit] = findAll(rec, T.usageLimit);
      expect(limit.inputs).to.include({ breachAction: "deactivate", period: "daily" });
      expect(limit.inputs.amount).to.equal(stack === "prod" ? 256 : 16);
      const wg = findAll(rec, T.workgroup)[0];
      expect(wg.inputs.baseCapacity).to.equal(stack === "prod" ? 32 : 8);
    });

    it("lets the storage key decrypt for the COPY role only through S3", () => {
      const role = findAll(rec, T.role).find((r) => r.name.endsWith("-analytics-copy-role"))!;
      const key = findAll(rec, T.key).find((k) => k.name === `${stack}-storage-key-key`)!;
      const readers = doc(key.inputs.policy).Statement.find(
        (s) => s.Sid === "ReadersDecryptThroughS3",
      );
      expect(readers.Principal.AWS).to.equal(role.outputs.arn);
      expect(readers.Action).to.equal("kms:Decrypt");
      expect(readers.Condition.StringEquals["kms:ViaService"]).to.equal(
        "s3.eu-west-1.amazonaws.com",
      );
      expect(key.dependencies).to.include(role.urn);
    });
  });
}
