// OpenSearch and Elasticsearch domains: node-to-node encryption, HTTPS with a TLS 1.2+ policy,
// audit and slow logs, fine-grained access control, a VPC endpoint, and data and dedicated master
// nodes spread for fault tolerance. Encryption at rest with a customer-managed key is the KMS
// policies' rule (../kms/analytics.ts); open access policies are the exposure policies'
// (../exposure/service-policies.ts).
import { resourcePolicy } from "../../lib/define";
import { ELASTICSEARCH_DOMAIN, OPENSEARCH_DOMAIN } from "../../lib/types";
import { asList, peek, flagOn, flagValue } from "../../lib/values";
import { awsDocs, cdkNag, checkov, fsbp, trivy } from "../../lib/controls";
import { NATIVE_OPENSEARCH_DOMAIN } from "../../lib/native/types";

// An aws-native Domain reads as the classic OpenSearch domain (../../lib/native/twins-services.ts).
const DOMAINS = [OPENSEARCH_DOMAIN, ELASTICSEARCH_DOMAIN, NATIVE_OPENSEARCH_DOMAIN];

export const searchNodeToNodeEncryption = resourcePolicy({
  name: "opensearch-domain-node-to-node-encryption",
  description:
    "OpenSearch and Elasticsearch domains encrypt traffic between their nodes " +
    "(nodeToNodeEncryption). Advisory: without it, documents and queries cross the VPC in " +
    "plaintext between data nodes.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Set `nodeToNodeEncryption: { enabled: true }` (it cannot be turned off again; fine-grained " +
    "access control requires it).",
  references: [
    cdkNag("AwsSolutions-OS2"),
    checkov("CKV_AWS_6"),
    trivy("AWS-0043"),
    fsbp("Opensearch.3"),
    awsDocs("opensearch-service/latest/developerguide/ntn"),
  ],
  types: DOMAINS,
  check: (props, ctx) => {
    // Trivy AWS-0043 judges every domain; Checkov CKV_AWS_6 only those of more than one node.
    // A one-node domain may grow, and the setting cannot be added without a blue/green deploy,
    // so every domain is asked for it.
    if (!flagOn(props.nodeToNodeEncryption?.enabled)) {
      ctx.report("nodeToNodeEncryption is not enabled: nodes talk to each other in plaintext.");
    }
  },
});

/** TLS policies that accept only TLS 1.2 and later (the Trivy AWS-0126 families). */
const TLS12_POLICY = /^Policy-Min-TLS-1-[23]-/;

export const searchHttpsOnly = resourcePolicy({
  name: "opensearch-domain-https-tls12",
  description:
    "OpenSearch and Elasticsearch domains accept HTTPS only (enforceHttps) with a TLS 1.2+ " +
    "security policy. Advisory: the default policy still accepts TLS 1.0 and 1.1.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Set `domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" }` ' +
    '(or "Policy-Min-TLS-1-2-2019-07").',
  references: [
    checkov("CKV_AWS_83"),
    checkov("CKV_AWS_228"),
    trivy("AWS-0046"),
    trivy("AWS-0126"),
    fsbp("Opensearch.8"),
    awsDocs("opensearch-service/latest/APIReference/API_DomainEndpointOptions"),
  ],
  types: DOMAINS,
  check: (props, ctx) => {
    const options = props.domainEndpointOptions;
    // The provider defaults enforceHttps to true (Checkov CKV_AWS_83 passes an omitted block).
    if (flagValue(options?.enforceHttps) === false) {
      ctx.report("domainEndpointOptions.enforceHttps is false: the domain accepts plain HTTP.");
    }
    const policy = options?.tlsSecurityPolicy;
    if (policy === undefined || policy === null || policy === "") {
      // Checkov CKV_AWS_228 fails an unset policy: the provider then leaves AWS's choice, which
      // for domains created before 2023 is Policy-Min-TLS-1-0-2019-07.
      ctx.report(
        "domainEndpointOptions.tlsSecurityPolicy is not set: the domain may accept TLS 1.0 and 1.1.",
      );
    } else if (!TLS12_POLICY.test(String(policy))) {
      ctx.report(
        `domainEndpointOptions.tlsSecurityPolicy is ${String(policy)}: it accepts TLS 1.0 and 1.1.`,
      );
    }
  },
});

export const searchAuditLogs = resourcePolicy({
  name: "opensearch-domain-audit-logs",
  description:
    "OpenSearch and Elasticsearch domains publish audit logs (a logPublishingOptions entry of " +
    "type AUDIT_LOGS, not disabled) to CloudWatch Logs. Advisory: without them no one can say " +
    "who read or changed which index.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Add `logPublishingOptions: [{ logType: "AUDIT_LOGS", cloudwatchLogGroupArn: group.arn }]` ' +
    "(with a CloudWatch Logs resource policy letting es.amazonaws.com write to the group) and " +
    "turn on fine-grained access control, which audit logs require.",
  references: [
    checkov("CKV_AWS_84"),
    checkov("CKV_AWS_317"),
    trivy("AWS-0042"),
    fsbp("Opensearch.5"),
    awsDocs("opensearch-service/latest/developerguide/audit-logs"),
  ],
  types: DOMAINS,
  check: (props, ctx) => {
    // Trivy AWS-0042 asks for audit logs specifically; an entry is on unless enabled is false.
    const audit = asList(props.logPublishingOptions).some(
      (o) => o?.logType === "AUDIT_LOGS" && flagValue(o?.enabled) !== false,
    );
    if (!audit) ctx.report("no enabled AUDIT_LOGS entry in logPublishingOptions.");
  },
});

/** The slow logs cdk-nag AwsSolutions-OS9 asks a domain to publish. */
const SLOW_LOGS = ["SEARCH_SLOW_LOGS", "INDEX_SLOW_LOGS"];

export const searchSlowLogs = resourcePolicy({
  name: "opensearch-domain-slow-logs",
  description:
    "OpenSearch and Elasticsearch domains publish their search and indexing slow logs " +
    "(logPublishingOptions entries of type SEARCH_SLOW_LOGS and INDEX_SLOW_LOGS, not disabled) " +
    "to CloudWatch Logs; a domain publishes no log unless logPublishingOptions names it. " +
    "Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Add `logPublishingOptions` entries `{ logType: "SEARCH_SLOW_LOGS", cloudwatchLogGroupArn }` ' +
    'and `{ logType: "INDEX_SLOW_LOGS", cloudwatchLogGroupArn }`, and set slow-log thresholds in ' +
    "the index settings (without thresholds nothing is logged).",
  references: [
    cdkNag("AwsSolutions-OS9"),
    awsDocs("opensearch-service/latest/developerguide/createdomain-configure-slow-logs"),
  ],
  types: DOMAINS,
  check: (props, ctx) => {
    const published = asList(props.logPublishingOptions)
      .filter((o) => flagValue(o?.enabled) !== false)
      .map((o) => String(o?.logType));
    const missing = SLOW_LOGS.filter((t) => !published.includes(t));
    if (missing.length > 0)
      ctx.report(`logPublishingOptions does not publish ${missing.join(", ")}.`);
  },
});

export const searchInVpc = resourcePolicy({
  name: "opensearch-domain-in-vpc",
  description:
    "OpenSearch and Elasticsearch domains are placed in a VPC (vpcOptions with subnets). " +
    "Advisory: a domain outside a VPC has an internet endpoint, guarded only by its access " +
    "policy (whose openness the mandatory exposure rule judges).",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Set `vpcOptions: { subnetIds: [...private subnets], securityGroupIds: [...] }` (recreates " +
    "the domain) and reach it from inside the VPC.",
  references: [
    cdkNag("AwsSolutions-OS1"),
    checkov("CKV_AWS_137"),
    fsbp("Opensearch.2"),
    awsDocs("opensearch-service/latest/developerguide/vpc"),
  ],
  types: DOMAINS,
  check: (props, ctx) => {
    // Subnets unknown at preview will be ids: only whether there are any matters.
    const subnets = peek(() => props.vpcOptions?.subnetIds);
    if (subnets.known && !(Array.isArray(subnets.value) && subnets.value.length > 0)) {
      ctx.report("vpcOptions has no subnetIds: the domain has a public endpoint.");
    }
  },
});

export const searchFineGrainedAccess = resourcePolicy({
  name: "opensearch-domain-fine-grained-access-control",
  description:
    "OpenSearch and Elasticsearch domains turn on fine-grained access control " +
    "(advancedSecurityOptions), so access is decided per index, document and field for each " +
    "IAM role or internal user. Advisory: without it, whoever the access policy lets in can read " +
    "and write every index.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `advancedSecurityOptions: { enabled: true, masterUserOptions: { masterUserArn: role.arn } }` " +
    "(it needs nodeToNodeEncryption, encryptAtRest and enforceHttps).",
  references: [
    checkov("CKV2_AWS_52"),
    fsbp("Opensearch.7"),
    awsDocs("opensearch-service/latest/developerguide/fgac"),
  ],
  types: DOMAINS,
  check: (props, ctx) => {
    // Checkov CKV2_AWS_52 also passes internalUserDatabaseEnabled alone; OpenSearch uses the
    // internal user database only when fine-grained access control itself is enabled (its docs,
    // "Fine-grained access control": AdvancedSecurityOptions.Enabled).
    const options = props.advancedSecurityOptions;
    if (!flagOn(options?.enabled)) {
      ctx.report("advancedSecurityOptions is not enabled: no fine-grained access control.");
    }
  },
});

/** Fewest data nodes and dedicated master nodes for fault tolerance (Opensearch.6; AWS Config). */
const MIN_NODES = 3;

export const searchZoneAwareness = resourcePolicy({
  name: "opensearch-domain-zone-awareness",
  description:
    "OpenSearch and Elasticsearch domains spread their data nodes over Availability Zones " +
    "(clusterConfig.zoneAwarenessEnabled) and run at least three of them (instanceCount), so " +
    "the loss of a node or a zone leaves the data served. Advisory: each node is billed. An " +
    "unset instanceCount is not judged (its AWS default was not confirmed).",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `clusterConfig: { zoneAwarenessEnabled: true, zoneAwarenessConfig: " +
    "{ availabilityZoneCount: 3 }, instanceCount: 3 }` (a multiple of the zone count), with a " +
    "subnet per zone in vpcOptions.",
  references: [
    cdkNag("AwsSolutions-OS7"),
    fsbp("Opensearch.6"),
    awsDocs("opensearch-service/latest/developerguide/managedomains-multiaz"),
  ],
  types: DOMAINS,
  check: (props, ctx) => {
    const config = props.clusterConfig;
    if (!flagOn(config?.zoneAwarenessEnabled)) {
      ctx.report("clusterConfig.zoneAwarenessEnabled is not true: every data node is in one zone.");
    }
    const count = config?.instanceCount;
    if (typeof count === "number" && count < MIN_NODES) {
      ctx.report(`clusterConfig.instanceCount is ${count} (< ${MIN_NODES} data nodes).`);
    }
  },
});

export const searchDedicatedMasters = resourcePolicy({
  name: "opensearch-domain-dedicated-master-nodes",
  description:
    "OpenSearch and Elasticsearch domains run at least three dedicated master nodes " +
    "(clusterConfig.dedicatedMasterEnabled, dedicatedMasterCount), which keep the cluster state " +
    "apart from the data nodes, so the cluster keeps a quorum while one of them fails. Advisory: " +
    "each node is billed.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `clusterConfig: { dedicatedMasterEnabled: true, dedicatedMasterCount: 3, " +
    'dedicatedMasterType: "m6g.large.search" }`.',
  references: [
    cdkNag("AwsSolutions-OS4"),
    awsDocs("AWS Config rule opensearch-primary-node-fault-tolerance"),
    awsDocs("opensearch-service/latest/developerguide/managedomains-dedicatedmasternodes"),
  ],
  types: DOMAINS,
  check: (props, ctx) => {
    const config = props.clusterConfig;
    if (!flagOn(config?.dedicatedMasterEnabled)) {
      ctx.report(
        "clusterConfig.dedicatedMasterEnabled is not true: data nodes also elect the master.",
      );
      return;
    }
    const count = config.dedicatedMasterCount;
    if (typeof count !== "number" || count < MIN_NODES) {
      ctx.report(
        `clusterConfig.dedicatedMasterCount is ${count ?? "not set"} (< ${MIN_NODES} dedicated master nodes).`,
      );
    }
  },
});
