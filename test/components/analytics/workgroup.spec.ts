// Analytics: the workgroup's privacy, TLS and capacity, its key, audit logs, protection and clients.
import { expect } from "chai";
import { REDSHIFT_LOG_EXPORTS } from "../../../components/analytics";
import { Recording } from "../../../tools/lib/recorder";
import { doc, findAll, findOne, referrers, runStack } from "../../helpers";
import { ACCOUNT, REGION, T, base, param, analyticsRuns } from "../../fixtures/analytics";

describe("Analytics (component): workgroup, key, logs, access", function () {
  let staging: Recording;
  let prod: Recording;
  let preview: Recording;
  before(async () => {
    ({ staging, prod, preview } = await analyticsRuns());
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
});
