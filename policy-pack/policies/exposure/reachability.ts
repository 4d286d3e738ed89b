// Data stores a network flag puts on the internet, beside those of ./endpoints.ts: DMS instance
// profiles, Lightsail databases, Timestream for InfluxDB instances and clusters, Mainframe
// Modernization environments, OpenSearch Serverless network policies that allow public access,
// and Storage Gateway NFS file shares open to every client address. DocumentDB clusters and
// instances and ElastiCache clusters take no such flag: they live in the VPC's subnets only.
import { reportIf, resourcePolicy } from "../../lib/define";
import {
  DMS_INSTANCE_PROFILE,
  LIGHTSAIL_DATABASE,
  M2_ENVIRONMENT,
  OPENSEARCH_SERVERLESS_SECURITY_POLICY,
  STORAGEGATEWAY_NFS_FILE_SHARE,
  TIMESTREAM_INFLUXDB_CLUSTER,
  TIMESTREAM_INFLUXDB_INSTANCE,
} from "../../lib/types";
import {
  NATIVE_DMS_INSTANCE_PROFILE,
  NATIVE_LIGHTSAIL_DATABASE,
  NATIVE_M2_ENVIRONMENT,
  NATIVE_OPENSEARCHSERVERLESS_SECURITY_POLICY,
  NATIVE_TIMESTREAM_INFLUXDB_CLUSTER,
  NATIVE_TIMESTREAM_INFLUXDB_INSTANCE,
} from "../../lib/native/types";
import { asList, flagValue, jsonDocument } from "../../lib/values";
import { awsDocs } from "../../lib/controls";

export const dmsInstanceProfileNotPublic = resourcePolicy({
  name: "dms-instance-profile-not-public",
  description:
    "DMS instance profiles (the network settings of DMS Serverless and Schema Conversion) say " +
    "publiclyAccessible: false. Left out, the profile is public (the provider's documented " +
    "default is true), and the migration's data and endpoint credentials pass through it.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Set `publiclyAccessible: false` and a `subnetGroupIdentifier` of private subnets.",
  references: [
    // Pulumi/Terraform aws_dms_instance_profile: "publicly_accessible - (Optional) Whether the
    // instance profile is publicly accessible. Default is true."
    awsDocs("dms/latest/APIReference/API_CreateInstanceProfile"),
  ],
  types: [DMS_INSTANCE_PROFILE, NATIVE_DMS_INSTANCE_PROFILE],
  check: (props, ctx) => {
    const flag = flagValue(props.publiclyAccessible);
    if (flag === false) return;
    ctx.report(
      flag === true
        ? "publiclyAccessible is true."
        : "publiclyAccessible is not set, and the provider defaults it to true.",
    );
  },
});

export const lightsailDatabaseNotPublic = resourcePolicy({
  name: "lightsail-database-not-public",
  description:
    "Lightsail databases are not publicly accessible: a public database accepts connections " +
    "from outside the Lightsail account, guarded only by its master password.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Leave `publiclyAccessible` unset or false: the database is then reachable only by the " +
    "account's Lightsail resources in its region.",
  references: [awsDocs("lightsail/2016-11-28/api-reference/API_CreateRelationalDatabase")],
  types: [LIGHTSAIL_DATABASE, NATIVE_LIGHTSAIL_DATABASE],
  check: reportIf("publiclyAccessible", true),
});

export const timestreamInfluxDbNotPublic = resourcePolicy({
  name: "timestream-influxdb-not-public",
  description:
    "Timestream for InfluxDB instances and clusters are not publicly accessible: a public one " +
    "gets a public IP address, guarded only by its security groups and InfluxDB tokens.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Leave `publiclyAccessible` unset or false (public access needs this flag, besides an " +
    "internet gateway and routes) and reach the database from private subnets.",
  references: [awsDocs("ts-influxdb/latest/ts-influxb-api/API_CreateDbInstance")],
  types: [
    TIMESTREAM_INFLUXDB_INSTANCE,
    TIMESTREAM_INFLUXDB_CLUSTER,
    NATIVE_TIMESTREAM_INFLUXDB_INSTANCE,
    NATIVE_TIMESTREAM_INFLUXDB_CLUSTER,
  ],
  check: reportIf("publiclyAccessible", true),
});

export const m2EnvironmentNotPublic = resourcePolicy({
  name: "m2-environment-not-public",
  description:
    "Mainframe Modernization environments are not publicly accessible: applications deployed " +
    "to a public environment, and the data sets they serve, are reachable from the internet.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Leave `publiclyAccessible` unset or false and give the environment private subnets.",
  references: [awsDocs("m2/latest/APIReference/API_CreateEnvironment")],
  types: [M2_ENVIRONMENT, NATIVE_M2_ENVIRONMENT],
  check: reportIf("publiclyAccessible", true),
});

export const opensearchServerlessNetworkNotPublic = resourcePolicy({
  name: "opensearch-serverless-network-policy-not-public",
  description:
    'OpenSearch Serverless network policies (type "network") do not allow access from public ' +
    "networks: a rule with AllowFromPublic: true opens its collections' OpenSearch or " +
    "Dashboards endpoints to the internet, guarded only by the data access policies.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `AllowFromPublic: false` in every rule and name the VPC endpoints " +
    "(`SourceVPCEs`) or AWS services (`SourceServices`) that may reach the collections.",
  references: [awsDocs("opensearch-service/latest/developerguide/serverless-network")],
  types: [OPENSEARCH_SERVERLESS_SECURITY_POLICY, NATIVE_OPENSEARCHSERVERLESS_SECURITY_POLICY],
  check: (props, ctx) => {
    if (props.type !== "network") return;
    const doc = jsonDocument(props.policy);
    if (doc === undefined) {
      ctx.report("the network policy is not valid JSON: its public access cannot be judged.");
      return;
    }
    // The policy is an array of rules, each with its own AllowFromPublic (a single object is read
    // as one rule).
    const open = asList<Record<string, unknown>>(doc)
      .map((rule, k) => (rule?.AllowFromPublic === true ? k + 1 : 0))
      .filter((k) => k > 0);
    if (open.length) {
      ctx.report(`rule ${open.join(", ")} of the network policy sets AllowFromPublic: true.`);
    }
  },
});

const EVERY_ADDRESS = new Set(["0.0.0.0/0", "::/0"]);

export const nfsFileShareClientsRestricted = resourcePolicy({
  name: "storagegateway-nfs-file-share-clients-restricted",
  description:
    "Storage Gateway NFS file shares name the client ranges allowed to mount them: a clientLists " +
    "entry of 0.0.0.0/0 lets every address that reaches the gateway read and write the bucket " +
    "behind the share, and NFS authenticates no one.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "List the client subnets in `clientLists` (the provider requires the list; 0.0.0.0/0 means " +
    "no limit) and keep the gateway on a private network.",
  references: [awsDocs("storagegateway/latest/APIReference/API_CreateNFSFileShare")],
  types: [STORAGEGATEWAY_NFS_FILE_SHARE],
  check: (props, ctx) => {
    const open = asList<string>(props.clientLists).filter((c) => EVERY_ADDRESS.has(c));
    if (open.length) ctx.report(`clientLists allows every address (${open.join(", ")}).`);
  },
});
