// Redshift Serverless workgroups and namespaces, and provisioned clusters' master passwords: the
// compliant resources pass, each broken field is
// caught, and unknown values at preview give preview notes.
import { expect } from "chai";
import {
  REDSHIFT_CLUSTER,
  REDSHIFTSERVERLESS_NAMESPACE,
  REDSHIFTSERVERLESS_USAGE_LIMIT,
  REDSHIFTSERVERLESS_WORKGROUP,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";
import { compliance, type Compliant, ruleSpec } from "../rule-spec";

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

/** The Compliance test of every serverless rule: the compliant workgroup and namespace. */
const SERVERLESS_PAIR: Compliant = [
  "the compliant workgroup and namespace pass",
  () => [workgroup(), namespace()],
];

ruleSpec("redshift-serverless-workgroup-not-public", SERVERLESS_PAIR, {
  "catches public access and is mandatory": async (name) => {
    expect(await one(name, [workgroup({ publiclyAccessible: true })])).to.deep.equal([
      "analytics-wg: publiclyAccessible is true.",
    ]);
    expect(await one(name, [workgroup({ publiclyAccessible: undefined })])).to.deep.equal([]);
    expect(policy(name).enforcementLevel).to.equal("mandatory");
    expect(
      await previewNotes(policy(name), [workgroup({ publiclyAccessible: UNKNOWN })]),
    ).to.have.length(1);
  },
});

ruleSpec("redshift-serverless-workgroup-enhanced-vpc-routing", SERVERLESS_PAIR, {
  "catches it off or missing": async (name) => {
    expect(await one(name, [workgroup({ enhancedVpcRouting: false })])).to.have.length(1);
    expect(await one(name, [workgroup({ enhancedVpcRouting: undefined })])).to.have.length(1);
  },
});

ruleSpec("redshift-serverless-workgroup-require-ssl", SERVERLESS_PAIR, {
  "catches a missing, false or misspelt parameter": async (name) => {
    expect(await one(name, [workgroup({ configParameters: [] })])).to.deep.equal([
      "analytics-wg: require_ssl is not set, so clients may connect without TLS.",
    ]);
    expect(
      await one(name, [
        workgroup({
          configParameters: [{ parameterKey: "require_ssl", parameterValue: "false" }],
        }),
      ]),
    ).to.have.length(1);
    const camel = await one(name, [
      workgroup({ configParameters: [{ parameterKey: "requireSsl", parameterValue: "true" }] }),
    ]);
    expect(camel[0]).to.include("expects 'require_ssl'");
  },
});

ruleSpec("redshift-serverless-workgroup-network", SERVERLESS_PAIR, {
  "catches missing subnets and security groups": async (name) => {
    expect(await one(name, [workgroup({ subnetIds: undefined })])).to.have.length(1);
    expect(await one(name, [workgroup({ securityGroupIds: undefined })])).to.have.length(1);
  },
});

describe("redshift-serverless-workgroup-usage-limit", () => {
  describe("Noncompliance", () => {
    it("correlates the limit by property dependency", async () => {
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
  });
});

ruleSpec("redshift-serverless-namespace-admin-username", SERVERLESS_PAIR, {
  "catches default names and a missing name": async (name) => {
    for (const adminUsername of ["admin", "awsuser", "Admin"]) {
      expect(await one(name, [namespace({ adminUsername })]), adminUsername).to.have.length(1);
    }
    expect(await one(name, [namespace({ adminUsername: undefined })])).to.have.length(1);
    expect(
      await one(name, [namespace({ adminUsername: undefined, manageAdminPassword: undefined })]),
    ).to.deep.equal([]);
  },
});

ruleSpec("redshift-serverless-namespace-managed-admin-password", SERVERLESS_PAIR, {
  "catches program-supplied passwords, even unknown ones": async (name) => {
    for (const key of ["adminUserPassword", "adminUserPasswordWo"]) {
      for (const value of ["Sup3r-Secret!", UNKNOWN]) {
        const v = await one(name, [namespace({ manageAdminPassword: undefined, [key]: value })]);
        expect(v, `${key}=${value}`).to.deep.equal([`analytics-ns: ${key} is set by the program.`]);
      }
    }
    expect(policy(name).enforcementLevel).to.equal("mandatory");
  },
});

ruleSpec("redshift-serverless-namespace-audit-logs", SERVERLESS_PAIR, {
  "names the missing exports": async (name) => {
    expect(await one(name, [namespace({ logExports: ["userlog"] })])).to.deep.equal([
      "analytics-ns: Log exports missing: connectionlog, useractivitylog.",
    ]);
    expect(await one(name, [namespace({ logExports: undefined })])).to.have.length(1);
    expect(
      await one(name, [namespace({ logExports: ["userlog"] })], {
        [name]: { requiredLogExports: ["userlog"] },
      }),
    ).to.deep.equal([]);
  },
});

ruleSpec("redshift-serverless-namespace-db-name", SERVERLESS_PAIR, {
  "catches 'dev' and the default": async (name) => {
    expect(await one(name, [namespace({ dbName: "dev" })])).to.have.length(1);
    expect(await one(name, [namespace({ dbName: undefined })])).to.have.length(1);
  },
});

describe("redshift-cluster-managed-master-password", () => {
  const name = "redshift-cluster-managed-master-password";
  // The provider's example cluster (registry, aws.redshift.Cluster) sets masterPassword inline.
  const cluster = (over: Record<string, unknown> = {}) =>
    res(REDSHIFT_CLUSTER, "example", {
      clusterIdentifier: "tf-redshift-cluster",
      databaseName: "mydb",
      masterUsername: "exampleuser",
      nodeType: "ra3.xlplus",
      clusterType: "single-node",
      manageMasterPassword: true,
      ...over,
    });

  describe("Noncompliance", () => {
    it("catches program-supplied passwords, even unknown ones, without echoing them", async () => {
      for (const key of ["masterPassword", "masterPasswordWo"]) {
        for (const value of ["Mustbe8characters", UNKNOWN]) {
          const v = await one(name, [cluster({ manageMasterPassword: undefined, [key]: value })]);
          expect(v, `${key}=${value}`).to.deep.equal([`example: ${key} is set by the program.`]);
        }
      }
    });
    // Not one of the mandatory families (IAM, public access, customer-managed keys, routes): a
    // password from a secret config value is encrypted in config and state, only not rotated
    // (Redshift Management Guide, "Managing Amazon Redshift admin passwords using AWS Secrets
    // Manager"), so it must not block a deploy.
    it("is advisory: a password from a secret config value is reported without blocking", async () => {
      expect(policy(name).enforcementLevel).to.equal("advisory");
      const v = await one(name, [
        cluster({ manageMasterPassword: undefined, masterPassword: "from-config-requireSecret" }),
      ]);
      expect(v).to.deep.equal(["example: masterPassword is set by the program."]);
    });
  });

  compliance("an AWS-managed password, or a cluster restored from a snapshot, passes", name, () => [
    cluster(),
    cluster({ manageMasterPassword: undefined, snapshotIdentifier: "nightly" }),
  ]);
});
