// The advisory rules people write most, for more aws-native types (read as their classic twins,
// policy-pack/lib/native/twins*.ts): RDS operations (minor version upgrades, Multi-AZ, monitoring,
// Performance Insights, CA, backtracking, IAM authentication, managed passwords), ECR tag
// immutability and scanning, Lambda settings, OpenSearch domains (TLS, node-to-node encryption, VPC,
// fine-grained access, zones, masters, audit and slow logs), ElastiCache and DAX, KMS keys, EC2
// instances and launch templates, ECS services, SageMaker, EKS, CodeBuild, CodePipeline, Redshift
// and App Runner. A compliant resource passes; each case breaks one field; a value unknown at
// preview is a preview note (or, where the rule only asks whether a value is set, passes).
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";
import { Case, runCases } from "./cases";

const ARN = "arn:aws:iam::123456789012:role/monitoring";

const rds: Case[] = [
  ...[n.NATIVE_RDS_DB_INSTANCE, n.NATIVE_RDS_DB_INSTANCE_V0].map((type): Case => ({
    rule: "rds-auto-minor-version-upgrade",
    type,
    inputs: { autoMinorVersionUpgrade: true },
    prop: "autoMinorVersionUpgrade",
    broken: [[{ autoMinorVersionUpgrade: false }, "autoMinorVersionUpgrade"]],
  })),
  {
    rule: "rds-instance-multi-az",
    type: n.NATIVE_RDS_DB_INSTANCE,
    inputs: { multiAz: true },
    prop: "multiAz",
    broken: [
      [{ multiAz: false }, "multiAz is false: one AZ"],
      [{ multiAz: undefined }, "multiAz is not set"],
    ],
  },
  {
    rule: "rds-instance-multi-az",
    type: n.NATIVE_RDS_DB_INSTANCE_V0,
    inputs: { multiAZ: true },
    prop: "multiAZ",
    broken: [[{ multiAZ: false }, "multiAZ is false: one AZ"]],
  },
  {
    rule: "rds-enhanced-monitoring",
    type: n.NATIVE_RDS_DB_INSTANCE,
    inputs: { monitoringInterval: 60, monitoringRoleArn: ARN },
    prop: "monitoringInterval",
    broken: [[{ monitoringInterval: 0 }, "monitoringInterval is 0"]],
  },
  {
    rule: "rds-performance-insights",
    type: n.NATIVE_RDS_DB_INSTANCE,
    inputs: {
      engine: "postgres",
      dbInstanceClass: "db.r6g.large",
      enablePerformanceInsights: true,
    },
    prop: "enablePerformanceInsights",
    broken: [[{ enablePerformanceInsights: false }, "enablePerformanceInsights is not true"]],
  },
  {
    rule: "rds-instance-ca-certificate",
    type: n.NATIVE_RDS_DB_INSTANCE,
    inputs: { caCertificateIdentifier: "rds-ca-rsa2048-g1" },
    prop: "caCertificateIdentifier",
    broken: [[{ caCertificateIdentifier: "rds-ca-2019" }, 'caCertificateIdentifier "rds-ca-2019"']],
  },
  {
    rule: "rds-aurora-mysql-backtrack",
    type: n.NATIVE_RDS_DB_CLUSTER,
    inputs: { engine: "aurora-mysql", backtrackWindow: 86400 },
    prop: "backtrackWindow",
    broken: [[{ backtrackWindow: 0 }, "backtrackWindow is 0"]],
  },
  ...[n.NATIVE_RDS_DB_INSTANCE, n.NATIVE_RDS_DB_CLUSTER].map((type): Case => ({
    rule: "rds-iam-authentication",
    type,
    inputs: { engine: "postgres", enableIamDatabaseAuthentication: true },
    prop: "enableIamDatabaseAuthentication",
    broken: [[{ enableIamDatabaseAuthentication: false }, "IAM database authentication"]],
  })),
  {
    rule: "rds-iam-authentication",
    type: n.NATIVE_NEPTUNE_DB_CLUSTER,
    inputs: { iamAuthEnabled: true },
    prop: "iamAuthEnabled",
    broken: [[{ iamAuthEnabled: false }, "IAM database authentication"]],
  },
  {
    rule: "rds-managed-master-password",
    type: n.NATIVE_RDS_DB_CLUSTER,
    inputs: { manageMasterUserPassword: true },
    prop: "masterUserPassword",
    unknownIsSet: true,
    broken: [[{ masterUserPassword: "correct-horse-battery" }, "masterUserPassword is set"]],
  },
  // An instance's classic `password`: the finding names the native masterUserPassword.
  ...[n.NATIVE_RDS_DB_INSTANCE, n.NATIVE_RDS_DB_INSTANCE_V0].map((type): Case => ({
    rule: "rds-managed-master-password",
    type,
    inputs: { engine: "postgres", manageMasterUserPassword: true },
    prop: "masterUserPassword",
    unknownIsSet: true,
    broken: [[{ masterUserPassword: "correct-horse-battery" }, "s: masterUserPassword is set"]],
  })),
];

const TLS12 = "Policy-Min-TLS-1-2-2019-07";
const domain = {
  nodeToNodeEncryptionOptions: { enabled: true },
  domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" },
  vpcOptions: { subnetIds: ["subnet-a", "subnet-b", "subnet-c"] },
  advancedSecurityOptions: { enabled: true },
  clusterConfig: {
    zoneAwarenessEnabled: true,
    instanceCount: 3,
    dedicatedMasterEnabled: true,
    dedicatedMasterCount: 3,
  },
  logPublishingOptions: Object.fromEntries(
    ["AUDIT_LOGS", "SEARCH_SLOW_LOGS", "INDEX_SLOW_LOGS"].map((t) => [
      t,
      {
        cloudWatchLogsLogGroupArn: `arn:aws:logs:eu-west-1:123456789012:log-group:${t}`,
        enabled: true,
      },
    ]),
  ),
};
const domainCase = (rule: string, prop: string, broken: Case["broken"], more = {}): Case => ({
  rule,
  type: n.NATIVE_OPENSEARCH_DOMAIN,
  inputs: domain,
  prop,
  broken,
  ...more,
});

const search: Case[] = [
  domainCase("opensearch-domain-node-to-node-encryption", "nodeToNodeEncryptionOptions", [
    [
      { nodeToNodeEncryptionOptions: { enabled: false } },
      "nodeToNodeEncryptionOptions is not enabled",
    ],
  ]),
  domainCase("opensearch-domain-https-tls12", "domainEndpointOptions", [
    [
      {
        domainEndpointOptions: {
          enforceHttps: true,
          tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07",
        },
      },
      "tlsSecurityPolicy is Policy-Min-TLS-1-0-2019-07",
    ],
  ]),
  // Early 0.x SDKs spell the endpoint options enforceHTTPS and tLSSecurityPolicy.
  domainCase(
    "opensearch-domain-https-tls12",
    "domainEndpointOptions",
    [
      [
        { domainEndpointOptions: { enforceHTTPS: false, tLSSecurityPolicy: TLS12 } },
        "enforceHttps is false",
        "0.x enforceHTTPS false",
      ],
      [
        { domainEndpointOptions: { enforceHTTPS: true } },
        "tlsSecurityPolicy is not set",
        "0.x tLSSecurityPolicy unset",
      ],
    ],
    {
      inputs: {
        ...domain,
        domainEndpointOptions: { enforceHTTPS: true, tLSSecurityPolicy: TLS12 },
      },
    },
  ),
  domainCase(
    "opensearch-domain-in-vpc",
    "vpcOptions",
    [[{ vpcOptions: undefined }, "vpcOptions has no subnetIds"]],
    { unknownPasses: true },
  ),
  domainCase("opensearch-domain-fine-grained-access-control", "advancedSecurityOptions", [
    [{ advancedSecurityOptions: { enabled: false } }, "advancedSecurityOptions is not enabled"],
  ]),
  domainCase("opensearch-domain-zone-awareness", "clusterConfig", [
    [
      { clusterConfig: { ...domain.clusterConfig, zoneAwarenessEnabled: false } },
      "zoneAwarenessEnabled",
    ],
  ]),
  domainCase("opensearch-domain-dedicated-master-nodes", "clusterConfig", [
    [
      { clusterConfig: { ...domain.clusterConfig, dedicatedMasterEnabled: false } },
      "dedicatedMasterEnabled",
    ],
  ]),
  domainCase("opensearch-domain-audit-logs", "logPublishingOptions", [
    [
      {
        logPublishingOptions: {
          AUDIT_LOGS: { ...domain.logPublishingOptions.AUDIT_LOGS, enabled: false },
        },
      },
      "no enabled AUDIT_LOGS entry",
      "audit log disabled",
    ],
    // CloudFormation's Enabled defaults to false: an entry without it publishes nothing.
    [
      {
        logPublishingOptions: {
          AUDIT_LOGS: { ...domain.logPublishingOptions.AUDIT_LOGS, enabled: undefined },
        },
      },
      "no enabled AUDIT_LOGS entry",
      "audit log entry without enabled",
    ],
  ]),
  domainCase("opensearch-domain-slow-logs", "logPublishingOptions", [
    [
      { logPublishingOptions: { AUDIT_LOGS: domain.logPublishingOptions.AUDIT_LOGS } },
      "SEARCH_SLOW_LOGS",
      "no slow logs",
    ],
  ]),
];

const caches: Case[] = [
  {
    rule: "elasticache-replication-group-transit-encryption",
    type: n.NATIVE_ELASTICACHE_REPLICATION_GROUP,
    inputs: { transitEncryptionEnabled: true, userGroupIds: ["app-users"] },
    prop: "transitEncryptionEnabled",
    broken: [[{ transitEncryptionEnabled: false }, "transitEncryptionEnabled is not true"]],
  },
  {
    rule: "elasticache-replication-group-authentication",
    type: n.NATIVE_ELASTICACHE_REPLICATION_GROUP,
    inputs: { transitEncryptionEnabled: true, userGroupIds: ["app-users"] },
    prop: "userGroupIds",
    unknownPasses: true,
    broken: [[{ userGroupIds: [] }, "neither authToken nor userGroupIds"]],
  },
  {
    rule: "elasticache-replication-group-automatic-failover",
    type: n.NATIVE_ELASTICACHE_REPLICATION_GROUP,
    inputs: { automaticFailoverEnabled: true, multiAzEnabled: true },
    prop: "automaticFailoverEnabled",
    broken: [
      [{ automaticFailoverEnabled: false }, "automaticFailoverEnabled is false"],
      [{ multiAzEnabled: undefined }, "multiAzEnabled is not set"],
    ],
  },
  ...(["azMode", "aZMode"] as const).map((prop): Case => ({
    rule: "elasticache-memcached-cross-az",
    type: n.NATIVE_ELASTICACHE_CACHE_CLUSTER,
    inputs: { engine: "memcached", numCacheNodes: 2, [prop]: "cross-az" },
    prop,
    // The finding names the property as the program's SDK spells it.
    broken: [[{ [prop]: "single-az" }, `Memcached nodes with ${prop}`]],
  })),
  {
    rule: "dax-cluster-endpoint-tls",
    type: n.NATIVE_DAX_CLUSTER,
    inputs: { clusterEndpointEncryptionType: "TLS" },
    prop: "clusterEndpointEncryptionType",
    broken: [[{ clusterEndpointEncryptionType: "NONE" }, "clusterEndpointEncryptionType is NONE"]],
  },
  {
    rule: "kms-key-deletion-window",
    type: n.NATIVE_KMS_KEY,
    inputs: { enableKeyRotation: true, pendingWindowInDays: 30 },
    prop: "pendingWindowInDays",
    broken: [[{ pendingWindowInDays: 7 }, "pendingWindowInDays is 7"]],
  },
];

// Load balancer attributes (LoadBalancerAttributes [{ key, value }], strings) and subnets.
const attrs = (over: Record<string, string> = {}) =>
  Object.entries({
    "routing.http.drop_invalid_header_fields.enabled": "true",
    "routing.http.desync_mitigation_mode": "strictest",
    ...over,
  }).map(([key, value]) => ({ key, value }));
const lb = (rule: string, inputs: Record<string, unknown>, broken: Case["broken"]): Case => ({
  rule,
  type: n.NATIVE_ELBV2_LOAD_BALANCER,
  inputs: { subnets: ["subnet-a", "subnet-b"], loadBalancerAttributes: attrs(), ...inputs },
  prop: "loadBalancerAttributes",
  broken,
});
const balancers: Case[] = [
  lb("elb-alb-drop-invalid-headers", {}, [
    [
      {
        loadBalancerAttributes: attrs({
          "routing.http.drop_invalid_header_fields.enabled": "false",
        }),
      },
      "dropInvalidHeaderFields is not true",
      "drop_invalid_header_fields false",
    ],
  ]),
  lb("elb-alb-desync-mitigation", {}, [
    [
      { loadBalancerAttributes: attrs({ "routing.http.desync_mitigation_mode": "monitor" }) },
      "monitor",
      "desync_mitigation_mode monitor",
    ],
  ]),
  lb(
    "elb-nlb-cross-zone-load-balancing",
    {
      type: "network",
      loadBalancerAttributes: [{ key: "load_balancing.cross_zone.enabled", value: "true" }],
    },
    [
      [
        { loadBalancerAttributes: [{ key: "load_balancing.cross_zone.enabled", value: "false" }] },
        "enableCrossZoneLoadBalancing is false",
        "cross_zone false",
      ],
    ],
  ),
  {
    rule: "elb-load-balancer-multiple-zones",
    type: n.NATIVE_ELBV2_LOAD_BALANCER,
    inputs: { subnets: ["subnet-a", "subnet-b"] },
    prop: "subnets",
    broken: [[{ subnets: ["subnet-a"] }, "placed in 1 subnet"]],
  },
];

const identities: Case[] = [
  {
    rule: "iam-users-federated",
    type: n.NATIVE_IAM_USER,
    inputs: { userName: "deploy" },
    prop: "userName",
    alwaysReported: 'IAM user "deploy" holds long-term credentials',
    broken: [],
    unknownIsSet: true,
  },
  ...[n.NATIVE_DOCDB_DB_CLUSTER, n.NATIVE_DOCDB_DB_CLUSTER_V0].map((type): Case => ({
    rule: "docdb-cluster-managed-master-password",
    type,
    inputs: { masterUsername: "docdb_admin" },
    prop: "masterUserPassword",
    unknownIsSet: true,
    broken: [[{ masterUserPassword: "correct-horse-battery" }, "masterUserPassword is set"]],
  })),
];

export const ADVISORY_SERVICE_CASES = [...rds, ...search, ...caches, ...balancers, ...identities];

runCases("aws-native advisory rules: databases, search, caches and keys", ADVISORY_SERVICE_CASES);

// The shared cases hold the stack's key (without a description), so the description rule's
// cases are the key alone.
describe("aws-native kms:Key (kms-key-description)", () => {
  const RULE = "kms-key-description";
  const k = (inputs: Record<string, unknown>) => res(n.NATIVE_KMS_KEY, "k", inputs);
  it("compliant: passes", async () => {
    await expectClean(policy(RULE), [k({ description: "orders data" })]);
  });
  it('description "": reported', async () => {
    expect(await violationsOf(RULE, [k({ description: "" })])).to.deep.equal([
      "k: the key has no description.",
    ]);
  });
  it("description unknown at preview: a preview note", async () => {
    expect(await previewNotes(policy(RULE), [k({ description: UNKNOWN })])).to.have.length(1);
  });
});
