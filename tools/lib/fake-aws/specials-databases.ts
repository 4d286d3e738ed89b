// Hand-written outputs of the database and warehouse types (RDS instances and clusters, Redshift
// clusters and Redshift Serverless), in AWS's formats (ARN formats from the Service Authorization
// Reference; endpoints as each service documents them). Part of DATA_SPECIALS.
import { ALNUM, chars, hex, LOWER_ALNUM, UPPER_ALNUM, uuid } from "./hash";
import { UNKNOWN } from "./env";
import { terraformUniqueId } from "./naming";
import { arnOf as arn, Base, Special } from "./special";

/**
 * The DB subnet group of an instance or cluster created without one: RDS places it in the default
 * VPC's `default` group (RDS User Guide, "Working with a DB instance in a VPC"), and reports that
 * name, which a program may look up (`rds.getSubnetGroup`, as the ESC rotation connector does).
 */
const subnetGroupName = (b: Base) => b.inputs.dbSubnetGroupName ?? "default";

/** RDS hosts: `<id>.<12 random>.<region>.rds.amazonaws.com`; clusters add `cluster-` / `cluster-ro-`. */
const rdsHost = (b: Base, id: string, kind = "") =>
  `${id}.${kind}${hex(`${b.region.code}.${b.account}`, 12)}.${b.region.code}.rds.${b.partition.dnsSuffix}`;

const rdsSecret = (b: Base, id: string, kind: string) =>
  b.inputs.manageMasterUserPassword === true
    ? [
        {
          secretArn: arn(
            b,
            "secretsmanager",
            `secret:rds!${kind}-${uuid(id)}-${chars(id, 6, ALNUM)}`,
          ),
          kmsKeyId: b.inputs.masterUserSecretKmsKeyId ?? "",
          secretStatus: "active",
        },
      ]
    : [];

/**
 * Identifiers the provider (not the bridge) picks: the program's, else its prefix plus
 * Terraform's unique id, else the provider's default prefix `tf-`.
 */
const providerNamed = (b: Base, prop: string): string => {
  const given = b.inputs[prop];
  if (typeof given === "string" && given) return given;
  const prefix = b.inputs[`${prop}Prefix`];
  if (prefix === UNKNOWN) return UNKNOWN;
  return terraformUniqueId(typeof prefix === "string" && prefix ? prefix : "tf-", b.seed);
};

const rdsInstance: Special = {
  id: (b) => b.physical ?? providerNamed(b, "identifier"),
  state: (b, id) => {
    const port = b.inputs.port ?? (/postgres/.test(String(b.inputs.engine)) ? 5432 : 3306);
    const host = rdsHost(b, id);
    return {
      identifier: id,
      address: host,
      endpoint: `${host}:${port}`,
      port,
      hostedZoneId: `Z${chars(`${b.region.code}.rds`, 13, UPPER_ALNUM)}`,
      resourceId: `db-${chars(b.seed, 26, UPPER_ALNUM)}`,
      status: "available",
      dbSubnetGroupName: subnetGroupName(b),
      masterUserSecrets: rdsSecret(b, id, "db"),
      engineVersionActual: b.inputs.engineVersion ?? "",
      listenerEndpoints: [],
      replicas: [],
    };
  },
};

const rdsCluster: Special = {
  id: (b) => providerNamed(b, "clusterIdentifier"),
  state: (b, id) => ({
    clusterIdentifier: id,
    endpoint: rdsHost(b, id, "cluster-"),
    readerEndpoint: rdsHost(b, id, "cluster-ro-"),
    clusterResourceId: `cluster-${chars(b.seed, 26, UPPER_ALNUM)}`,
    hostedZoneId: `Z${chars(`${b.region.code}.rds`, 13, UPPER_ALNUM)}`,
    masterUserSecrets: rdsSecret(b, id, "cluster"),
    dbSubnetGroupName: subnetGroupName(b),
    engineVersionActual: b.inputs.engineVersion ?? "",
    port: b.inputs.port ?? (/postgres/.test(String(b.inputs.engine)) ? 5432 : 3306),
  }),
};

/** Redshift Serverless: ARNs carry a UUID, not the name; endpoints `<wg>.<account>.<region>.…`. */
const workgroup: Special = {
  arn: (b) => arn(b, "redshift-serverless", `workgroup/${uuid(b.seed)}`),
  state: (b) => ({
    workgroupId: uuid(b.seed),
    endpoints: [
      {
        address: `${b.physical}.${b.account}.${b.region.code}.redshift-serverless.${b.partition.dnsSuffix}`,
        port: b.inputs.port ?? 5439,
        vpcEndpoints: [],
      },
    ],
  }),
};

const namespace: Special = {
  arn: (b) => arn(b, "redshift-serverless", `namespace/${uuid(b.seed)}`),
  state: (b) => ({
    namespaceId: uuid(b.seed),
    adminPasswordSecretArn:
      b.inputs.manageAdminPassword === true
        ? arn(b, "secretsmanager", `secret:redshift!${b.physical}-admin-${chars(b.seed, 6, ALNUM)}`)
        : "",
  }),
};

const redshiftCluster: Special = {
  state: (b, id) => {
    const host = `${id}.${chars(`${b.region.code}.${b.account}`, 12, LOWER_ALNUM)}.${b.region.code}.redshift.${b.partition.dnsSuffix}`;
    return { dnsName: host, endpoint: `${host}:${b.inputs.port ?? 5439}` };
  },
};

export const DATABASE_SPECIALS: Record<string, Special> = {
  "aws:rds/instance:Instance": rdsInstance,
  "aws:rds/clusterInstance:ClusterInstance": rdsInstance,
  "aws:rds/cluster:Cluster": rdsCluster,
  "aws:redshiftserverless/workgroup:Workgroup": workgroup,
  "aws:redshiftserverless/namespace:Namespace": namespace,
  "aws:redshift/cluster:Cluster": redshiftCluster,
};
